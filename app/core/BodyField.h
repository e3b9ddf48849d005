// BodyField: the implicit surface of a BodySpec: every group's primitives smoothly blended
// (polynomial smooth minimum), the groups blended together, and the soles cut flat at y = 0.
// Negative inside. Also says which primitive a surface point belongs to, which the generator
// uses to decide which bones the skin there follows.
#pragma once

#include <glm/glm.hpp>
#include <vector>

#include "core/BodySpec.h"

namespace ra::core {

// Signed distance (approximate for squashed shapes) to one primitive or paint volume.
float shapeDistance(ShapeKind kind, const glm::vec3& a, const glm::vec3& b, const glm::vec3& radii,
                    const glm::mat3& toLocal, const glm::vec2& squash, const glm::vec3& p);

class BodyField {
public:
    explicit BodyField(const BodySpec& spec);

    float operator()(const glm::vec3& p) const;

    struct Owner {
        int group = -1;
        int primitive = -1;  // index within the group
    };
    // The additive primitive whose own surface is nearest to p.
    Owner owner(const glm::vec3& p) const;

    // Bounds that contain the surface, with a margin of `pad`.
    glm::vec3 boundsMin(float pad) const;
    glm::vec3 boundsMax(float pad) const;

private:
    struct Prim {
        ShapeKind kind;
        glm::vec3 a, b, radii;
        glm::mat3 toLocal;
        glm::vec2 squash;
        float blend;
        bool subtract;
        glm::vec3 centre;
        float reach;  // bounding-sphere radius around centre
        float eval(const glm::vec3& p) const {
            return shapeDistance(kind, a, b, radii, toLocal, squash, p);
        }
    };
    struct Group {
        float join;
        std::vector<Prim> prims;
        glm::vec3 centre;
        float reach;
    };
    float groupValue(const Group& g, const glm::vec3& p) const;

    std::vector<Group> m_groups;
    glm::vec3 m_min{1e9f}, m_max{-1e9f};
};

// The rotation taking world vectors into an ellipsoid's frame for XYZ Euler angles in degrees.
glm::mat3 eulerToLocal(const glm::vec3& degrees);

}  // namespace ra::core
