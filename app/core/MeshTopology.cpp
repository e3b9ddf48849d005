// MeshTopology: welds bit-identical positions, counts edges from sorted half-edges, checks vertex
// fans with a union-find over triangle corners, and finds self-intersections with a uniform grid
// and a separating-axis triangle test.
#include "core/MeshTopology.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <numeric>

namespace ra::core {
namespace {

class UnionFind {
public:
    explicit UnionFind(size_t n) : m_parent(n) { std::iota(m_parent.begin(), m_parent.end(), 0u); }
    uint32_t find(uint32_t x) {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }
    void unite(uint32_t a, uint32_t b) {
        a = find(a);
        b = find(b);
        if (a != b) m_parent[std::max(a, b)] = std::min(a, b);
    }

private:
    std::vector<uint32_t> m_parent;
};

// Maps every position to the smallest index whose position has the same bits.
std::vector<uint32_t> weldExact(const std::vector<glm::vec3>& positions) {
    auto bits = [&](uint32_t i) {
        const glm::vec3& p = positions[i];
        return std::array<uint32_t, 3>{std::bit_cast<uint32_t>(p.x), std::bit_cast<uint32_t>(p.y),
                                       std::bit_cast<uint32_t>(p.z)};
    };
    std::vector<uint32_t> order(positions.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const auto ba = bits(a), bb = bits(b);
        return ba != bb ? ba < bb : a < b;
    });
    std::vector<uint32_t> canon(positions.size());
    for (size_t i = 0; i < order.size(); ++i) {
        const bool same = i > 0 && bits(order[i]) == bits(order[i - 1]);
        canon[order[i]] = same ? canon[order[i - 1]] : order[i];
    }
    return canon;
}

// Welded corner indices of every triangle; `valid` is false for out-of-range or repeated ones.
struct WeldedTriangles {
    std::vector<std::array<uint32_t, 3>> tri;
    std::vector<uint8_t> valid;
};

WeldedTriangles weldTriangles(const std::vector<glm::vec3>& positions,
                              const std::vector<uint32_t>& indices) {
    const std::vector<uint32_t> canon = weldExact(positions);
    WeldedTriangles w;
    const size_t count = indices.size() / 3;
    w.tri.resize(count);
    w.valid.resize(count);
    for (size_t t = 0; t < count; ++t) {
        bool ok = true;
        for (int c = 0; c < 3; ++c) {
            const uint32_t i = indices[3 * t + size_t(c)];
            ok = ok && i < positions.size();
            w.tri[t][size_t(c)] = ok ? canon[i] : 0;
        }
        const auto& v = w.tri[t];
        w.valid[t] = ok && v[0] != v[1] && v[1] != v[2] && v[0] != v[2];
    }
    return w;
}

glm::dvec3 dpos(const std::vector<glm::vec3>& positions, uint32_t i) {
    return glm::dvec3(positions[i]);
}

double triangleArea(const std::vector<glm::vec3>& p, const std::array<uint32_t, 3>& t) {
    const glm::dvec3 a = dpos(p, t[0]), b = dpos(p, t[1]), c = dpos(p, t[2]);
    return 0.5 * glm::length(glm::cross(b - a, c - a));
}

// One directed edge of a valid triangle, keyed by its undirected vertex pair.
struct HalfEdge {
    uint64_t key;
    uint32_t tri;
    uint8_t from;  // corner (0..2) where the edge starts
    bool ascending;
};

std::vector<HalfEdge> sortedHalfEdges(const WeldedTriangles& w) {
    std::vector<HalfEdge> edges;
    edges.reserve(w.tri.size() * 3);
    for (size_t t = 0; t < w.tri.size(); ++t) {
        if (!w.valid[t]) continue;
        for (uint8_t c = 0; c < 3; ++c) {
            const uint32_t a = w.tri[t][c], b = w.tri[t][(c + 1) % 3];
            const uint64_t key = (uint64_t(std::min(a, b)) << 32) | std::max(a, b);
            edges.push_back({key, uint32_t(t), c, a < b});
        }
    }
    std::sort(edges.begin(), edges.end(), [](const HalfEdge& x, const HalfEdge& y) {
        return x.key != y.key ? x.key < y.key : x.tri < y.tri;
    });
    return edges;
}

// Calls fn(group) for each run of half-edges on one undirected edge.
template <class Fn>
void forEachEdge(const std::vector<HalfEdge>& edges, const Fn& fn) {
    const HalfEdge* begin = edges.data();
    const HalfEdge* const end = begin + edges.size();
    while (begin != end) {
        const HalfEdge* stop = begin + 1;
        while (stop != end && stop->key == begin->key) ++stop;
        fn(begin, stop);
        begin = stop;
    }
}

// Counts vertices whose corners do not form one edge-connected fan.
size_t countNonManifoldVertices(const WeldedTriangles& w, const std::vector<HalfEdge>& edges) {
    UnionFind corners(w.tri.size() * 3);
    const auto start = [](const HalfEdge& h) { return uint32_t(3 * h.tri + h.from); };
    const auto end = [](const HalfEdge& h) { return uint32_t(3 * h.tri + (h.from + 1u) % 3u); };
    forEachEdge(edges, [&](const HalfEdge* first, const HalfEdge* stop) {
        for (const HalfEdge* h = first + 1; h != stop; ++h) {
            const bool same = h->ascending == first->ascending;
            corners.unite(start(*first), same ? start(*h) : end(*h));
            corners.unite(end(*first), same ? end(*h) : start(*h));
        }
    });
    std::vector<std::pair<uint32_t, uint32_t>> vertexRoot;
    for (size_t t = 0; t < w.tri.size(); ++t) {
        if (!w.valid[t]) continue;
        for (uint32_t c = 0; c < 3; ++c)
            vertexRoot.emplace_back(w.tri[t][c], corners.find(uint32_t(3 * t) + c));
    }
    std::sort(vertexRoot.begin(), vertexRoot.end());
    vertexRoot.erase(std::unique(vertexRoot.begin(), vertexRoot.end()), vertexRoot.end());
    size_t bad = 0;
    for (size_t i = 1; i < vertexRoot.size(); ++i)
        if (vertexRoot[i].first == vertexRoot[i - 1].first &&
            (i < 2 || vertexRoot[i - 2].first != vertexRoot[i].first))
            ++bad;
    return bad;
}

void countEdges(const WeldedTriangles& w, const std::vector<HalfEdge>& edges, TopologyReport& r,
                size_t& edgeCount) {
    UnionFind tris(w.tri.size());
    edgeCount = 0;
    forEachEdge(edges, [&](const HalfEdge* first, const HalfEdge* stop) {
        ++edgeCount;
        const auto uses = stop - first;
        if (uses == 1) ++r.boundaryEdges;
        if (uses > 2) ++r.nonManifoldEdges;
        if (uses == 2 && first[0].ascending == first[1].ascending) ++r.inconsistentEdges;
        for (const HalfEdge* h = first + 1; h != stop; ++h) tris.unite(first->tri, h->tri);
    });
    for (size_t t = 0; t < w.tri.size(); ++t)
        if (w.valid[t] && tris.find(uint32_t(t)) == t) ++r.components;
}

}  // namespace

TopologyReport analyzeTopology(const std::vector<glm::vec3>& positions,
                               const std::vector<uint32_t>& indices) {
    TopologyReport r;
    const WeldedTriangles w = weldTriangles(positions, indices);
    r.triangles = w.tri.size();
    std::vector<uint32_t> used;
    size_t faces = 0;
    for (size_t t = 0; t < w.tri.size(); ++t) {
        if (!w.valid[t]) {
            ++r.degenerateTriangles;
            continue;
        }
        ++faces;
        const auto& v = w.tri[t];
        used.insert(used.end(), v.begin(), v.end());
        if (triangleArea(positions, v) < 1e-12) ++r.degenerateTriangles;
        const glm::dvec3 a = dpos(positions, v[0]), b = dpos(positions, v[1]);
        r.signedVolume += glm::dot(a, glm::cross(b, dpos(positions, v[2]))) / 6.0;
    }
    std::sort(used.begin(), used.end());
    r.vertices = size_t(std::unique(used.begin(), used.end()) - used.begin());

    const std::vector<HalfEdge> edges = sortedHalfEdges(w);
    size_t edgeCount = 0;
    countEdges(w, edges, r, edgeCount);
    r.nonManifoldVertices = countNonManifoldVertices(w, edges);
    r.eulerCharacteristic = long(r.vertices) - long(edgeCount) + long(faces);
    return r;
}

namespace {

using Tri = std::array<glm::dvec3, 3>;

// Separating-axis test for two triangles (closed sets: touching counts as intersecting). Besides
// the face normals and edge-edge products it tries in-plane edge normals, so coplanar and
// sliver triangles are handled too; extra axes never give a wrong "separated".
bool trianglesIntersect(const Tri& a, const Tri& b) {
    const std::array<glm::dvec3, 3> ea{a[1] - a[0], a[2] - a[1], a[0] - a[2]};
    const std::array<glm::dvec3, 3> eb{b[1] - b[0], b[2] - b[1], b[0] - b[2]};
    const glm::dvec3 na = glm::cross(ea[0], -ea[2]), nb = glm::cross(eb[0], -eb[2]);
    const auto separates = [&](const glm::dvec3& axis) {
        const double len2 = glm::dot(axis, axis);
        if (!(len2 > 1e-30)) return false;
        double aMin = glm::dot(axis, a[0]), aMax = aMin, bMin = glm::dot(axis, b[0]), bMax = bMin;
        for (int i = 1; i < 3; ++i) {
            const double pa = glm::dot(axis, a[size_t(i)]), pb = glm::dot(axis, b[size_t(i)]);
            aMin = std::min(aMin, pa), aMax = std::max(aMax, pa);
            bMin = std::min(bMin, pb), bMax = std::max(bMax, pb);
        }
        return aMax < bMin || bMax < aMin;
    };
    if (separates(na) || separates(nb)) return false;
    for (const auto& u : ea)
        for (const auto& v : eb)
            if (separates(glm::cross(u, v))) return false;
    for (int i = 0; i < 3; ++i) {
        const auto& u = ea[size_t(i)];
        const auto& v = eb[size_t(i)];
        if (separates(glm::cross(na, u)) || separates(glm::cross(nb, v)) ||
            separates(glm::cross(nb, u)) || separates(glm::cross(na, v)))
            return false;
    }
    return true;
}

struct Box {
    glm::vec3 lo{0.0f}, hi{0.0f};
};

// A uniform grid over triangle bounds: each triangle is listed in every cell its box touches.
struct TriangleGrid {
    glm::vec3 origin{0.0f};
    float cell = 1.0f;
    glm::ivec3 dims{1};
    std::vector<uint32_t> start, items;

    glm::ivec3 cellOf(const glm::vec3& p) const {
        glm::ivec3 c;
        for (int i = 0; i < 3; ++i) {
            const float f = std::floor((p[i] - origin[i]) / cell);
            c[i] = std::clamp(std::isfinite(f) ? int(std::max(-1.0f, std::min(f, 1e9f))) : 0, 0,
                              dims[i] - 1);
        }
        return c;
    }
    size_t linear(const glm::ivec3& c) const {
        return (size_t(c.z) * size_t(dims.y) + size_t(c.y)) * size_t(dims.x) + size_t(c.x);
    }
};

TriangleGrid buildGrid(const std::vector<Box>& boxes, const std::vector<uint32_t>& tris) {
    TriangleGrid g;
    Box all{boxes[tris[0]].lo, boxes[tris[0]].hi};
    double meanExtent = 0.0;
    for (uint32_t t : tris) {
        all.lo = glm::min(all.lo, boxes[t].lo), all.hi = glm::max(all.hi, boxes[t].hi);
        const glm::vec3 d = boxes[t].hi - boxes[t].lo;
        meanExtent += std::max({d.x, d.y, d.z});
    }
    const glm::vec3 extent = all.hi - all.lo;
    float cell = std::max(float(meanExtent / double(tris.size())), 1e-6f);
    const double maxCells = 4.0 * double(tris.size()) + 64.0;
    for (;;) {
        const glm::dvec3 n = glm::floor(glm::dvec3(extent) / double(cell)) + 1.0;
        if (n.x * n.y * n.z <= maxCells) break;
        cell *= 1.25f;
    }
    g.origin = all.lo;
    g.cell = cell;
    g.dims = glm::ivec3(glm::floor(extent / cell)) + 1;
    std::vector<uint32_t> count(size_t(g.dims.x) * size_t(g.dims.y) * size_t(g.dims.z) + 1, 0);
    const auto forCells = [&](uint32_t t, auto&& fn) {
        const glm::ivec3 lo = g.cellOf(boxes[t].lo), hi = g.cellOf(boxes[t].hi);
        for (int z = lo.z; z <= hi.z; ++z)
            for (int y = lo.y; y <= hi.y; ++y)
                for (int x = lo.x; x <= hi.x; ++x) fn(g.linear({x, y, z}));
    };
    for (uint32_t t : tris) forCells(t, [&](size_t c) { ++count[c + 1]; });
    std::partial_sum(count.begin(), count.end(), count.begin());
    g.start = count;
    g.items.resize(count.back());
    for (uint32_t t : tris) forCells(t, [&](size_t c) { g.items[count[c]++] = t; });
    return g;
}

bool boxesOverlap(const Box& a, const Box& b) {
    return a.lo.x <= b.hi.x && b.lo.x <= a.hi.x && a.lo.y <= b.hi.y && b.lo.y <= a.hi.y &&
           a.lo.z <= b.hi.z && b.lo.z <= a.hi.z;
}

}  // namespace

std::vector<std::pair<uint32_t, uint32_t>> findSelfIntersections(
    const std::vector<glm::vec3>& positions, const std::vector<uint32_t>& indices,
    size_t maxPairs) {
    std::vector<std::pair<uint32_t, uint32_t>> found;
    const WeldedTriangles w = weldTriangles(positions, indices);
    std::vector<uint32_t> tris;
    std::vector<Box> boxes(w.tri.size());
    for (size_t t = 0; t < w.tri.size(); ++t) {
        if (!w.valid[t]) continue;
        tris.push_back(uint32_t(t));
        const auto& v = w.tri[t];
        boxes[t].lo = glm::min(positions[v[0]], glm::min(positions[v[1]], positions[v[2]]));
        boxes[t].hi = glm::max(positions[v[0]], glm::max(positions[v[1]], positions[v[2]]));
    }
    if (tris.size() < 2 || maxPairs == 0) return found;
    const TriangleGrid grid = buildGrid(boxes, tris);
    const auto shares = [&](uint32_t a, uint32_t b) {
        for (uint32_t x : w.tri[a])
            for (uint32_t y : w.tri[b])
                if (x == y) return true;
        return false;
    };
    const auto corners = [&](uint32_t t) {
        const auto& v = w.tri[t];
        return Tri{dpos(positions, v[0]), dpos(positions, v[1]), dpos(positions, v[2])};
    };
    for (size_t c = 0; c + 1 < grid.start.size(); ++c) {
        for (uint32_t i = grid.start[c]; i < grid.start[c + 1]; ++i) {
            for (uint32_t j = i + 1; j < grid.start[c + 1]; ++j) {
                const uint32_t a = grid.items[i], b = grid.items[j];
                if (!boxesOverlap(boxes[a], boxes[b])) continue;
                // Test each pair once: in the cell holding the low corner of the boxes' overlap.
                if (grid.linear(grid.cellOf(glm::max(boxes[a].lo, boxes[b].lo))) != c) continue;
                if (shares(a, b) || !trianglesIntersect(corners(a), corners(b))) continue;
                found.emplace_back(std::min(a, b), std::max(a, b));
                if (found.size() >= maxPairs) return found;
            }
        }
    }
    return found;
}

}  // namespace ra::core
