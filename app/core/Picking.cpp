// Picking: Moller-Trumbore over the triangle list, then the region labels at the hit.
#include "core/Picking.h"

#include <array>
#include <cmath>

namespace ra::core {

SkinHit pickSkin(const Primitive& skin, const std::vector<glm::vec3>& positions,
                 const glm::vec3& origin, const glm::vec3& direction) {
    SkinHit best;
    glm::vec2 bary{0.0f};
    const size_t n = skin.indices.size() / 3 * 3;
    for (size_t i = 0; i < n; i += 3) {
        const uint32_t a = skin.indices[i], b = skin.indices[i + 1], c = skin.indices[i + 2];
        if (a >= positions.size() || b >= positions.size() || c >= positions.size()) continue;
        const glm::vec3 e1 = positions[b] - positions[a], e2 = positions[c] - positions[a];
        const glm::vec3 p = glm::cross(direction, e2);
        const float det = glm::dot(e1, p);
        if (std::abs(det) < 1e-12f) continue;  // parallel to the triangle
        const float inv = 1.0f / det;
        const glm::vec3 s = origin - positions[a];
        const float u = glm::dot(s, p) * inv;
        if (u < 0.0f || u > 1.0f) continue;
        const glm::vec3 q = glm::cross(s, e1);
        const float v = glm::dot(direction, q) * inv;
        if (v < 0.0f || u + v > 1.0f) continue;
        const float t = glm::dot(e2, q) * inv;
        if (t <= 0.0f || (best.hit && t >= best.distance)) continue;
        best.hit = true;
        best.distance = t;
        best.triangle = uint32_t(i / 3);
        bary = {u, v};
    }
    if (!best.hit) return best;
    best.point = origin + best.distance * direction;
    if (skin.regionIds.size() != skin.positions.size()) return best;
    // Each corner's labels, weighed by how close the hit lies to that corner.
    const size_t i = size_t(best.triangle) * 3;
    const std::array<float, 3> w{1.0f - bary.x - bary.y, bary.x, bary.y};
    std::array<float, 256> weight{};
    for (int k = 0; k < 3; ++k) {
        const uint32_t v = skin.indices[i + size_t(k)];
        for (int j = 0; j < 4; ++j)
            weight[skin.regionIds[v][j]] += w[size_t(k)] * float(skin.regionWeights[v][j]);
    }
    float top = 0.0f;
    for (size_t r = 0; r < weight.size(); ++r)
        if (weight[r] > top) top = weight[r], best.region = int(r);
    return best;
}

std::string regionId(const ModelData& model, int region) {
    if (region < 0 || size_t(region) >= model.regions.size()) return "";
    return model.regions[size_t(region)].id;
}

}  // namespace ra::core
