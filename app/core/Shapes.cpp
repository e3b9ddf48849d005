// Shapes: procedural meshes for the scene props (roller, mat, floor).
#include "core/Shapes.h"

#include <glm/gtc/constants.hpp>

namespace ra::core {
namespace {

void addQuad(Primitive& p, glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d, glm::vec3 n,
             glm::vec2 uvScale) {
    auto base = static_cast<uint32_t>(p.positions.size());
    for (glm::vec3 v : {a, b, c, d}) p.positions.push_back(v);
    for (int i = 0; i < 4; ++i) p.normals.push_back(n);
    p.uvs.push_back({0.0f, 0.0f});
    p.uvs.push_back({uvScale.x, 0.0f});
    p.uvs.push_back({uvScale.x, uvScale.y});
    p.uvs.push_back({0.0f, uvScale.y});
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) p.indices.push_back(base + i);
}

// One ring of the roller profile: radius and z, with the normal's radial and axial parts.
struct ProfilePoint {
    float r, z, nr, nz, v;
};

std::vector<ProfilePoint> rollerProfile(float radius, float length) {
    const float bevel = 0.006f;  // a soft edge so the silhouette does not look machined
    const float h = length * 0.5f;
    std::vector<ProfilePoint> prof;
    prof.push_back({0.0f, -h, 0.0f, -1.0f, -1.0f});
    const int arc = 4;
    for (int i = 0; i <= arc; ++i) {  // bevel at -z
        float a = glm::half_pi<float>() * float(i) / float(arc);
        prof.push_back({radius - bevel + bevel * std::sin(a), -h + bevel - bevel * std::cos(a),
                        std::sin(a), -std::cos(a), i == arc ? 0.0f : -1.0f});
    }
    for (int i = 0; i <= arc; ++i) {  // bevel at +z
        float a = glm::half_pi<float>() * float(i) / float(arc);
        prof.push_back({radius - bevel + bevel * std::cos(a), h - bevel + bevel * std::sin(a),
                        std::cos(a), std::sin(a), i == 0 ? 1.0f : -1.0f});
    }
    prof.push_back({0.0f, h, 0.0f, 1.0f, -1.0f});
    return prof;
}

}  // namespace

Primitive makeRoller(float radius, float length, int segments) {
    Primitive p;
    const auto prof = rollerProfile(radius, length);
    const int rings = static_cast<int>(prof.size());
    for (int s = 0; s <= segments; ++s) {
        float u = float(s) / float(segments);
        float a = u * glm::two_pi<float>();
        float c = std::cos(a), sn = std::sin(a);
        for (const auto& pp : prof) {
            p.positions.push_back({pp.r * c, pp.r * sn, pp.z});
            p.normals.push_back(glm::normalize(glm::vec3(pp.nr * c, pp.nr * sn, pp.nz)));
            p.uvs.push_back({u, pp.v});
        }
    }
    for (int s = 0; s < segments; ++s) {
        for (int k = 0; k + 1 < rings; ++k) {
            auto i0 = static_cast<uint32_t>(s * rings + k);
            auto i1 = static_cast<uint32_t>((s + 1) * rings + k);
            for (uint32_t i : {i0, i1, i0 + 1, i1, i1 + 1, i0 + 1}) p.indices.push_back(i);
        }
    }
    return p;
}

Primitive makeMat(float sizeX, float sizeZ, float height) {
    Primitive p;
    const float x = sizeX * 0.5f, z = sizeZ * 0.5f, y0 = -height, y1 = 0.0f;
    const glm::vec2 top{sizeX, sizeZ};
    addQuad(p, {-x, y1, z}, {x, y1, z}, {x, y1, -z}, {-x, y1, -z}, {0, 1, 0}, top);
    addQuad(p, {-x, y0, z}, {x, y0, z}, {x, y1, z}, {-x, y1, z}, {0, 0, 1}, {sizeX, height});
    addQuad(p, {x, y0, -z}, {-x, y0, -z}, {-x, y1, -z}, {x, y1, -z}, {0, 0, -1}, {sizeX, height});
    addQuad(p, {x, y0, z}, {x, y0, -z}, {x, y1, -z}, {x, y1, z}, {1, 0, 0}, {sizeZ, height});
    addQuad(p, {-x, y0, -z}, {-x, y0, z}, {-x, y1, z}, {-x, y1, -z}, {-1, 0, 0}, {sizeZ, height});
    return p;
}

Primitive makeFloorPatch(glm::vec2 lo, glm::vec2 hi, float y) {
    Primitive p;
    addQuad(p, {lo.x, y, hi.y}, {hi.x, y, hi.y}, {hi.x, y, lo.y}, {lo.x, y, lo.y}, {0, 1, 0},
            {1, 1});
    for (size_t i = 0; i < p.positions.size(); ++i) p.uvs[i] = {p.positions[i].x, p.positions[i].z};
    return p;
}

}  // namespace ra::core
