// Picking: a ray cast against the skinned mesh in the pose it has right now (exact for the
// animated frame, no id buffer needed): the ray through a pixel of the camera, the first
// triangle it meets and the region there, and what a click on the scene names (pickRegion).
#pragma once

#include <array>
#include <cmath>
#include <glm/glm.hpp>
#include <string>
#include <vector>

#include "core/ModelData.h"

namespace ra::core {

class BodySurface;
class OrbitCamera;
class Scene;
class SkinPicker;
struct Roller;

struct SkinHit {
    bool hit = false;
    float distance = 0.0f;  // along the ray, in the ray direction's units
    glm::vec3 point{0.0f};
    uint32_t triangle = 0;  // index of the triangle's first index / 3
    int region = -1;        // index into ModelData::regions with the most weight there; -1: none
};

struct Ray {
    glm::vec3 origin{0.0f};
    glm::vec3 direction{0.0f, 0.0f, -1.0f};  // unit length
};

// The ray through a point of a view `size` wide and high, with `pixel` measured from the top-left
// corner (the top-left pixel's centre is (0.5, 0.5), as in a PNG); pixel and size in the same
// units (window coordinates or framebuffer pixels). It starts on the near plane, so it meets
// what the view draws there; `projection` includes any lens shift.
Ray rayThroughPixel(const glm::mat4& view, const glm::mat4& projection, glm::vec2 pixel,
                    glm::vec2 size);
// The same through the camera (its lens shift included) at the view's aspect ratio, exactly the
// projection a frame of that size is drawn with (gfx::frameViewFor).
Ray cameraRay(const OrbitCamera& camera, glm::vec2 pixel, glm::vec2 size);

// Moller-Trumbore: the ray meets triangle (a, b, c) at origin + t * direction with t > 0, at
// barycentrics (u, v) of b and c. Back faces count. Inline so that the linear pass and the
// SkinPicker's tree compute every hit with the same arithmetic (and so agree exactly).
inline bool intersectTriangle(const glm::vec3& a, const glm::vec3& b, const glm::vec3& c,
                              const glm::vec3& origin, const glm::vec3& direction, float& t,
                              glm::vec2& bary) {
    const glm::vec3 e1 = b - a, e2 = c - a;
    const glm::vec3 p = glm::cross(direction, e2);
    const float det = glm::dot(e1, p);
    if (std::abs(det) < 1e-12f) return false;  // parallel to the triangle
    const float inv = 1.0f / det;
    const glm::vec3 s = origin - a;
    const float u = glm::dot(s, p) * inv;
    if (u < 0.0f || u > 1.0f) return false;
    const glm::vec3 q = glm::cross(s, e1);
    const float v = glm::dot(direction, q) * inv;
    if (v < 0.0f || u + v > 1.0f) return false;
    t = glm::dot(e2, q) * inv;
    bary = {u, v};
    return t > 0.0f;
}

// The region with the most weight at barycentrics `bary` of the triangle with vertex indices
// `corners`: each corner's labels weighed by how close the point lies to it. -1 without labels.
int regionAt(const std::vector<glm::u8vec4>& regionIds,
             const std::vector<glm::u8vec4>& regionWeights, const std::array<uint32_t, 3>& corners,
             glm::vec2 bary);

// `positions` are the primitive's vertices where they are now (e.g. world space, skinned); the
// ray starts at `origin` and runs along `direction` (need not be unit length). Back faces count:
// a ray from inside the body meets its skin too. Looks at every triangle (the reference the
// SkinPicker's tree is held to); use a SkinPicker to cast many rays.
SkinHit pickSkin(const Primitive& skin, const std::vector<glm::vec3>& positions,
                 const glm::vec3& origin, const glm::vec3& direction);

// The region's id ("latissimus_dorsi"), or "" for no region.
std::string regionId(const ModelData& model, int region);

// What a ray meets first in the scene. The floor and the mat are background to a pick.
enum class PickSubject { Background, Floor, Mat, Roller, Body };
const char* pickSubjectName(PickSubject s);  // "background", "floor", "mat", "roller", "body"

struct PickResult {
    PickSubject subject = PickSubject::Background;
    float distance = 0.0f;   // along the ray (metres for a unit direction)
    glm::vec3 point{0.0f};   // world space
    uint32_t triangle = 0;   // body: the skin triangle met
    int region = -1;         // body: index into ModelData::regions; -1 for an unlabelled model
    std::string regionId;    // body: "lumbar_spine" ("skin" for plain skin)
    std::string regionName;  // body: "Lumbar spine (lower back)"
    RegionKind kind = RegionKind::Neutral;
    std::string vertebra;  // body, over the spine: the vertebral level, "L3" or "sacrum"
};

// The first thing `ray` meets in `scene`: the roller (it hides the body behind it), the body's
// skin as `skin` holds it (which must hold `body`'s skin in the scene's current pose, e.g.
// through a ScenePicker), the mat or the floor; with the region, its kind and the vertebral
// level for a point on the body.
PickResult pickRegion(const Scene& scene, const BodySurface& body, const SkinPicker& skin,
                      const Ray& ray);

// Where `ray` meets the roller's cylinder (its end caps included); t > 0 along the ray, or a
// negative value for a miss.
float rayRoller(const Roller& roller, const Ray& ray);

}  // namespace ra::core
