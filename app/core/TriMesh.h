// TriMesh: a plain indexed triangle mesh (positions, optional per-vertex normals, CCW-outward
// triangles), the working form of generated geometry before it becomes a glTF Primitive.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

namespace ra::core {

struct TriMesh {
    std::vector<glm::vec3> positions;
    std::vector<glm::vec3> normals;  // empty or one per position
    std::vector<uint32_t> indices;   // 3 per triangle, counter-clockwise seen from outside

    size_t triangleCount() const { return indices.size() / 3; }
};

}  // namespace ra::core
