// Picking: a ray cast against the skinned mesh in the pose it has right now (exact for the
// animated frame, no id buffer needed): the first triangle the ray meets, where, and the region
// there (the vertices' region labels blended across the triangle).
#pragma once

#include <glm/glm.hpp>
#include <string>
#include <vector>

#include "core/ModelData.h"

namespace ra::core {

struct SkinHit {
    bool hit = false;
    float distance = 0.0f;  // along the ray, in the ray direction's units
    glm::vec3 point{0.0f};
    uint32_t triangle = 0;  // index of the triangle's first index / 3
    int region = -1;        // index into ModelData::regions with the most weight there; -1: none
};

// `positions` are the primitive's vertices where they are now (e.g. world space, skinned); the
// ray starts at `origin` and runs along `direction` (need not be unit length). Back faces count:
// a ray from inside the body meets its skin too.
SkinHit pickSkin(const Primitive& skin, const std::vector<glm::vec3>& positions,
                 const glm::vec3& origin, const glm::vec3& direction);

// The region's id ("latissimus_dorsi"), or "" for no region.
std::string regionId(const ModelData& model, int region);

}  // namespace ra::core
