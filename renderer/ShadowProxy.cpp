// ShadowProxy: vertex clustering of a skinned mesh for the shadow pass (see ShadowProxy.h).
#include "renderer/ShadowProxy.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <numeric>
#include <unordered_map>

namespace ra::gfx {
namespace {

// Meshes below this many triangles are cheap to shadow already.
constexpr size_t kMinTriangles = 2000;

struct Clusters {
    std::vector<uint32_t> parent;
    explicit Clusters(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
    uint32_t find(uint32_t v) {
        while (parent[v] != v) v = parent[v] = parent[parent[v]];
        return v;
    }
    void unite(uint32_t a, uint32_t b) { parent[find(a)] = find(b); }
};

struct VertexKey {
    glm::ivec3 cell;
    int joint;
    bool operator==(const VertexKey& o) const { return cell == o.cell && joint == o.joint; }
};

int dominantJoint(const core::Primitive& p, size_t v) {
    if (!p.skinned()) return 0;
    int k = 0;
    for (int i = 1; i < 4; ++i)
        if (p.weights[v][i] > p.weights[v][k]) k = i;
    return p.joints[v][k];
}

uint64_t positionHash(const glm::vec3& p) {
    uint32_t b[3];
    std::memcpy(b, &p, sizeof(b));
    return (uint64_t(b[0]) * 0x9E3779B97F4A7C15ull) ^ (uint64_t(b[1]) * 0xC2B2AE3D27D4EB4Full) ^
           uint64_t(b[2]);
}

// Joins the vertices that share a key and either an edge or a position (split copies along a
// seam must collapse alike, or the proxy would open a crack there).
void joinClusters(const core::Primitive& p, const std::vector<VertexKey>& key, Clusters& c) {
    const auto& idx = p.indices;
    for (size_t t = 0; t + 2 < idx.size(); t += 3)
        for (int e = 0; e < 3; ++e) {
            const uint32_t a = idx[t + size_t(e)], b = idx[t + size_t((e + 1) % 3)];
            if (key[a] == key[b]) c.unite(a, b);
        }
    std::unordered_multimap<uint64_t, uint32_t> seen;
    for (uint32_t v = 0; v < key.size(); ++v) {
        const uint64_t h = positionHash(p.positions[v]);
        auto [lo, hi] = seen.equal_range(h);
        for (auto it = lo; it != hi; ++it)
            if (p.positions[it->second] == p.positions[v] && key[it->second] == key[v])
                c.unite(it->second, v);
        seen.emplace(h, v);
    }
}

// Each vertex's stand-in: the member of its cluster nearest the cluster's centre.
std::vector<uint32_t> representatives(const core::Primitive& p, Clusters& c) {
    const size_t n = p.positions.size();
    std::vector<glm::vec3> sum(n, glm::vec3(0.0f));
    std::vector<float> count(n, 0.0f), best(n, INFINITY);
    std::vector<uint32_t> rep(n);
    for (uint32_t v = 0; v < n; ++v) sum[c.find(v)] += p.positions[v], count[c.find(v)] += 1.0f;
    for (uint32_t v = 0; v < n; ++v) {
        const uint32_t r = c.find(v);
        const glm::vec3 d = p.positions[v] - sum[r] / count[r];
        if (glm::dot(d, d) < best[r]) best[r] = glm::dot(d, d), rep[r] = v;
    }
    for (uint32_t v = 0; v < n; ++v) rep[v] = rep[c.find(v)];
    return rep;
}

}  // namespace

std::vector<uint32_t> shadowProxyIndices(const core::Primitive& p, float cellSize) {
    const size_t n = p.positions.size();
    if (p.indices.size() < 3 * kMinTriangles || !(cellSize > 0.0f)) return p.indices;
    for (uint32_t i : p.indices)
        if (i >= n) return p.indices;
    std::vector<VertexKey> key(n);
    for (size_t v = 0; v < n; ++v)
        key[v] = {glm::ivec3(glm::floor(p.positions[v] / cellSize)), dominantJoint(p, v)};
    Clusters clusters(n);
    joinClusters(p, key, clusters);
    const std::vector<uint32_t> rep = representatives(p, clusters);
    // Re-index; drop collapsed triangles and repeats (kept in their winding, smallest first).
    std::vector<std::array<uint32_t, 3>> tris;
    for (size_t t = 0; t + 2 < p.indices.size(); t += 3) {
        std::array<uint32_t, 3> r{rep[p.indices[t]], rep[p.indices[t + 1]], rep[p.indices[t + 2]]};
        if (r[0] == r[1] || r[1] == r[2] || r[0] == r[2]) continue;
        std::rotate(r.begin(), std::min_element(r.begin(), r.end()), r.end());
        tris.push_back(r);
    }
    std::sort(tris.begin(), tris.end());
    tris.erase(std::unique(tris.begin(), tris.end()), tris.end());
    std::vector<uint32_t> out;
    out.reserve(tris.size() * 3);
    for (const auto& t : tris) out.insert(out.end(), t.begin(), t.end());
    return out;
}

float shadowProxyCellSize(const core::Primitive& p) {
    double sum = 0.0;
    size_t edges = 0;
    for (size_t t = 0; t + 2 < p.indices.size(); t += 3)
        for (int e = 0; e < 3; ++e) {
            const uint32_t a = p.indices[t + size_t(e)], b = p.indices[t + size_t((e + 1) % 3)];
            if (a >= p.positions.size() || b >= p.positions.size()) return 0.0f;
            sum += double(glm::length(p.positions[a] - p.positions[b]));
            ++edges;
        }
    return edges ? float(2.0 * sum / double(edges)) : 0.0f;
}

}  // namespace ra::gfx
