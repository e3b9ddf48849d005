// SurfaceNets: the polygonizer behind generated skins. Samples the field coarse-to-fine in a
// narrow band, gives each cell one vertex per marching-cubes surface patch (so ambiguous cells
// stay manifold), joins them into quads, projects and relaxes them on the zero set, then splits.
#include "core/SurfaceNets.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <thread>
#include <vector>

#include "core/SurfaceNetsDetail.h"

namespace ra::core {
using namespace nets;
namespace {

// ---- the grid: node (i, j, k) sits at origin + (i, j, k) * h; cells per axis are a multiple of
// 4 so the coarse levels (stride 4 and 2) line up with it.

struct Grid {
    glm::vec3 origin{0.0f};
    float h = 0.01f;
    std::array<int, 3> cells{4, 4, 4};
    std::array<int, 3> nodes{5, 5, 5};

    size_t nodeCount() const { return size_t(nodes[0]) * size_t(nodes[1]) * size_t(nodes[2]); }
    size_t cellCount() const { return size_t(cells[0]) * size_t(cells[1]) * size_t(cells[2]); }
    size_t node(int i, int j, int k) const {
        return (size_t(k) * size_t(nodes[1]) + size_t(j)) * size_t(nodes[0]) + size_t(i);
    }
    size_t cell(int i, int j, int k) const {
        return (size_t(k) * size_t(cells[1]) + size_t(j)) * size_t(cells[0]) + size_t(i);
    }
    glm::ivec3 nodeIjk(size_t n) const {
        const size_t nx = size_t(nodes[0]), ny = size_t(nodes[1]);
        return {int(n % nx), int(n / nx % ny), int(n / (nx * ny))};
    }
    glm::vec3 position(int i, int j, int k) const {
        return {origin.x + float(i) * h, origin.y + float(j) * h, origin.z + float(k) * h};
    }
    bool onBoundary(const glm::ivec3& n) const {
        for (int a = 0; a < 3; ++a)
            if (n[a] == 0 || n[a] == nodes[size_t(a)] - 1) return true;
        return false;
    }
};

bool makeGrid(const PolygonizeOptions& o, Grid& g) {
    const float h = o.cellSize;
    if (!(h > 0.0f) || !std::isfinite(h)) return false;
    g.h = h;
    for (int a = 0; a < 3; ++a) {
        const float extent = o.boxMax[a] - o.boxMin[a];
        if (!std::isfinite(extent) || extent / h > 1e6f) return false;
        const int n = std::max(4, 4 * int(std::ceil(std::max(extent, 0.0f) / h / 4.0f)));
        g.cells[size_t(a)] = n;
        g.nodes[size_t(a)] = n + 1;
        g.origin[a] = o.boxMin[a] - 0.5f * (float(n) * h - std::max(extent, 0.0f));
    }
    return g.nodeCount() <= kMaxNodes;
}

// ---- sampling: stride-4 nodes everywhere, then stride 2 and 1 only inside cells that a
// Lipschitz bound cannot certify as one-signed. Uncertain nodes are the only ones evaluated.

enum : uint8_t { kUnknown = 0, kQueued = 1, kKnown = 2 };

struct Samples {
    std::vector<float> value;
    std::vector<uint8_t> state;
};

void evaluateNodes(const Grid& g, const ScalarField& f, const std::vector<size_t>& list, Samples& s,
                   int threads) {
    parallelFor(list.size(), threads, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) {
            const glm::ivec3 n = g.nodeIjk(list[i]);
            const float v = f(g.position(n.x, n.y, n.z));
            s.value[list[i]] = std::isfinite(v) ? v : g.h;  // a broken sample counts as outside
        }
    });
    for (size_t n : list) s.state[n] = kKnown;
}

// Corner values of the stride-`st` cell at (ci, cj, ck) in stride units; false if any is unknown.
bool cornerValues(const Grid& g, const Samples& s, int st, const glm::ivec3& c,
                  std::array<float, 8>& v) {
    for (int q = 0; q < 8; ++q) {
        const size_t n =
            g.node(st * (c.x + (q & 1)), st * (c.y + (q >> 1 & 1)), st * (c.z + (q >> 2 & 1)));
        if (s.state[n] != kKnown) return false;
        v[size_t(q)] = s.value[n];
    }
    return true;
}

// The cell may hold the surface: no corner is far enough away to vouch for all of it.
bool uncertain(const std::array<float, 8>& v, float band) {
    return std::all_of(v.begin(), v.end(), [&](float x) { return std::abs(x) <= band; });
}

// Sub-cell `sub` (corner-numbered) of a stride-2*half cell may hold the surface: no parent corner
// vouches for it. A corner reaches the sub-cell's far corner 1 or 2 halves away per axis.
bool subCellUncertain(const std::array<float, 8>& v, int sub, float lipschitzHalf) {
    for (int q = 0; q < 8; ++q) {
        const int apart = std::popcount(unsigned(q ^ sub));
        if (std::abs(v[size_t(q)]) > lipschitzHalf * std::sqrt(float(3 + 3 * apart))) return false;
    }
    return true;
}

// Queues the stride-st/2 nodes of every sub-cell of a stride-st cell that may hold the surface.
void refineLevel(const Grid& g, const ScalarField& f, int st, Samples& s, int threads) {
    const float band = kLipschitz * float(st) * g.h * std::sqrt(3.0f);
    const int half = st / 2;
    std::vector<size_t> list;
    std::array<float, 8> v{};
    for (int ck = 0; ck < g.cells[2] / st; ++ck)
        for (int cj = 0; cj < g.cells[1] / st; ++cj)
            for (int ci = 0; ci < g.cells[0] / st; ++ci) {
                if (!cornerValues(g, s, st, {ci, cj, ck}, v) || !uncertain(v, band)) continue;
                for (int sub = 0; sub < 8; ++sub) {
                    if (!subCellUncertain(v, sub, kLipschitz * float(half) * g.h)) continue;
                    const glm::ivec3 o(st * ci + half * (sub & 1), st * cj + half * (sub >> 1 & 1),
                                       st * ck + half * (sub >> 2 & 1));
                    for (int q = 0; q < 8; ++q) {
                        const size_t n = g.node(o.x + half * (q & 1), o.y + half * (q >> 1 & 1),
                                                o.z + half * (q >> 2 & 1));
                        if (s.state[n] != kUnknown) continue;
                        s.state[n] = kQueued;
                        list.push_back(n);
                    }
                }
            }
    evaluateNodes(g, f, list, s, threads);
}

// A sign for a node never evaluated: from the corner of an enclosing coarse cell that vouches
// for it (|f(c)| > L |x - c|), which always exists when the field keeps the Lipschitz bound.
float certifiedValue(const Grid& g, const Samples& s, const glm::ivec3& p) {
    std::array<float, 8> v{};
    for (int st : {2, 4}) {
        glm::ivec3 c;
        for (int a = 0; a < 3; ++a) c[a] = std::min(p[a] / st, g.cells[size_t(a)] / st - 1);
        if (!cornerValues(g, s, st, c, v)) continue;
        float best = 0.0f, value = 0.0f;
        for (int q = 0; q < 8; ++q) {
            const glm::ivec3 d = p - st * (c + glm::ivec3(q & 1, q >> 1 & 1, q >> 2 & 1));
            const float margin =
                std::abs(v[size_t(q)]) - kLipschitz * g.h * glm::length(glm::vec3(d));
            if (margin > best) best = margin, value = std::copysign(margin, v[size_t(q)]);
        }
        if (best > 0.0f) return value;
        if (st == 4) return v[0] < 0.0f ? -g.h : g.h;  // only when the bound is broken
    }
    return g.h;
}

void fillCertified(const Grid& g, Samples& s, int threads) {
    parallelFor(s.value.size(), threads, [&](size_t b, size_t e) {
        for (size_t n = b; n < e; ++n)
            if (s.state[n] != kKnown) s.value[n] = certifiedValue(g, s, g.nodeIjk(n));
    });
}

Samples sampleField(const Grid& g, const ScalarField& f, int threads) {
    Samples s;
    s.value.assign(g.nodeCount(), 0.0f);
    s.state.assign(g.nodeCount(), kUnknown);
    std::vector<size_t> coarse;
    for (int k = 0; k < g.nodes[2]; k += 4)
        for (int j = 0; j < g.nodes[1]; j += 4)
            for (int i = 0; i < g.nodes[0]; i += 4) coarse.push_back(g.node(i, j, k));
    evaluateNodes(g, f, coarse, s, threads);
    refineLevel(g, f, 4, s, threads);
    refineLevel(g, f, 2, s, threads);
    fillCertified(g, s, threads);
    // The box's skin is outside whatever the field says, so the surface always closes.
    for (size_t n = 0; n < s.value.size(); ++n)
        if (!(s.value[n] > 0.0f) && g.onBoundary(g.nodeIjk(n))) s.value[n] = g.h;
    return s;
}

// ---- cell topology. Corners are numbered by bits (x = 1, y = 2, z = 4); edge e runs from
// corner kEdgeCorner[e] along axis kEdgeAxis[e].

constexpr std::array<int, 12> kEdgeAxis{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
constexpr std::array<int, 12> kEdgeCorner{0, 2, 4, 6, 0, 1, 4, 5, 0, 1, 2, 3};

constexpr int edgeIndex(int corner, int axis) {
    return axis == 0   ? corner >> 1
           : axis == 1 ? 4 + (corner & 1) + ((corner >> 1) & 2)
                       : 8 + (corner & 3);
}

// Face 2a + s is the cell's face across axis a on side s. Corners run q0..q3 around it
// (q0 -> +b -> +c, with b, c the next axes), and edge k joins q_k to q_(k+1).
struct FaceLayout {
    std::array<int, 4> corner{};
    std::array<int, 4> edge{};
};

constexpr std::array<FaceLayout, 6> makeFaceLayouts() {
    std::array<FaceLayout, 6> out{};
    for (int f = 0; f < 6; ++f) {
        const int a = f / 2, b = (a + 1) % 3, c = (a + 2) % 3;
        const int q0 = (f % 2) << a, q1 = q0 | 1 << b, q3 = q0 | 1 << c, q2 = q1 | 1 << c;
        out[size_t(f)].corner = {q0, q1, q2, q3};
        out[size_t(f)].edge = {edgeIndex(q0, b), edgeIndex(q1, c), edgeIndex(q3, b),
                               edgeIndex(q0, c)};
    }
    return out;
}
constexpr std::array<FaceLayout, 6> kFaces = makeFaceLayouts();

bool inside(uint8_t config, int corner) {
    return (config >> corner) & 1;
}

bool faceAmbiguous(uint8_t config, int f) {
    const auto& q = kFaces[size_t(f)].corner;
    return inside(config, q[0]) == inside(config, q[2]) &&
           inside(config, q[1]) == inside(config, q[3]) &&
           inside(config, q[0]) != inside(config, q[1]);
}

constexpr uint8_t kNoPatch = 0xff;

// The cell's surface patches: marching-cubes cycles, found by joining the crossed edges that a
// face segment links. `joinInside` bit f says face f's inside corners connect across it.
struct CellPatches {
    std::array<uint8_t, 12> ofEdge{};
    int count = 0;
};

CellPatches cellPatches(uint8_t config, uint8_t joinInside) {
    std::array<int, 12> parent{};
    std::iota(parent.begin(), parent.end(), 0);
    const auto root = [&](int e) {
        while (parent[size_t(e)] != e) e = parent[size_t(e)];
        return e;
    };
    const auto unite = [&](int x, int y) {
        x = root(x), y = root(y);
        parent[size_t(std::max(x, y))] = std::min(x, y);
    };
    for (int f = 0; f < 6; ++f) {
        const FaceLayout& L = kFaces[size_t(f)];
        std::array<int, 4> crossed{};
        int n = 0;
        for (int k = 0; k < 4; ++k)
            if (inside(config, L.corner[size_t(k)]) !=
                inside(config, L.corner[size_t((k + 1) % 4)]))
                crossed[size_t(n++)] = L.edge[size_t(k)];
        if (n == 2) unite(crossed[0], crossed[1]);
        if (n != 4) continue;
        // Each segment cuts off one corner of the side that does not connect across the face.
        const bool cutInside = !((joinInside >> f) & 1);
        for (int k = 0; k < 4; ++k)
            if (inside(config, L.corner[size_t(k)]) == cutInside)
                unite(L.edge[size_t((k + 3) % 4)], L.edge[size_t(k)]);
    }
    CellPatches p;
    p.ofEdge.fill(kNoPatch);
    std::array<int, 12> label{};
    label.fill(-1);
    for (int e = 0; e < 12; ++e) {
        const int a = kEdgeCorner[size_t(e)], b = a | 1 << kEdgeAxis[size_t(e)];
        if (inside(config, a) == inside(config, b)) continue;
        int& l = label[size_t(root(e))];
        if (l < 0) l = p.count++;
        p.ofEdge[size_t(e)] = uint8_t(l);
    }
    return p;
}

// ---- extraction: active cells, ambiguous face decisions, vertices and quads.

struct AmbiguousFace {
    uint64_t key;  // axis * nodeCount + node at the face's low corner
    bool joinInside;
};

struct ActiveCell {
    glm::ivec3 ijk{0};
    uint8_t config = 0;
    CellPatches patches;
    uint32_t firstVertex = 0;
};

using Quad = std::array<uint32_t, 4>;

class Extractor {
public:
    Extractor(const Grid& g, const Samples& s) : m_g(g), m_s(s) {}

    void run(std::vector<glm::vec3>& vertices, std::vector<Quad>& quads) {
        findActiveCells();
        decideAmbiguousFaces();
        fixDoubledSegments();
        placeVertices(vertices);
        emitQuads(quads);
    }

private:
    bool in(int i, int j, int k) const { return m_s.value[m_g.node(i, j, k)] < 0.0f; }

    uint8_t configAt(const glm::ivec3& c) const {
        uint8_t config = 0;
        for (int q = 0; q < 8; ++q)
            if (in(c.x + (q & 1), c.y + (q >> 1 & 1), c.z + (q >> 2 & 1)))
                config |= uint8_t(1 << q);
        return config;
    }

    uint64_t faceKey(const glm::ivec3& cell, int f) const {
        glm::ivec3 n = cell;
        n[f / 2] += f % 2;
        return uint64_t(f / 2) * m_g.nodeCount() + m_g.node(n.x, n.y, n.z);
    }

    void findActiveCells() {
        m_slot.assign(m_g.cellCount(), -1);
        for (int k = 0; k < m_g.cells[2]; ++k)
            for (int j = 0; j < m_g.cells[1]; ++j)
                for (int i = 0; i < m_g.cells[0]; ++i) {
                    const uint8_t config = configAt({i, j, k});
                    if (config == 0 || config == 0xff) continue;
                    m_slot[m_g.cell(i, j, k)] = int32_t(m_cells.size());
                    m_cells.push_back({{i, j, k}, config, {}, 0});
                }
    }

    // Asymptotic decider: the inside corners connect when the bilinear saddle is inside.
    bool saddleInside(uint64_t key) const {
        const int a = int(key / m_g.nodeCount()), b = (a + 1) % 3, c = (a + 2) % 3;
        const glm::ivec3 n = m_g.nodeIjk(size_t(key % m_g.nodeCount()));
        std::array<float, 4> v{};
        for (int q = 0; q < 4; ++q) {
            glm::ivec3 p = n;
            p[b] += (q == 1 || q == 2) ? 1 : 0;
            p[c] += q >= 2 ? 1 : 0;
            v[size_t(q)] = m_s.value[m_g.node(p.x, p.y, p.z)];
        }
        const float den = v[0] + v[2] - v[1] - v[3];
        if (den == 0.0f) return false;
        return (v[0] * v[2] - v[1] * v[3]) / den < 0.0f;
    }

    void decideAmbiguousFaces() {
        std::vector<uint64_t> keys;
        for (const ActiveCell& c : m_cells)
            for (int f = 0; f < 6; ++f)
                if (faceAmbiguous(c.config, f)) keys.push_back(faceKey(c.ijk, f));
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        m_faces.reserve(keys.size());
        for (uint64_t key : keys) m_faces.push_back({key, saddleInside(key)});
    }

    uint8_t joinBits(const ActiveCell& c) const {
        uint8_t bits = 0;
        for (int f = 0; f < 6; ++f) {
            if (!faceAmbiguous(c.config, f)) continue;
            const uint64_t key = faceKey(c.ijk, f);
            const auto it =
                std::lower_bound(m_faces.begin(), m_faces.end(), key,
                                 [](const AmbiguousFace& x, uint64_t k) { return x.key < k; });
            if (it != m_faces.end() && it->key == key && it->joinInside) bits |= uint8_t(1 << f);
        }
        return bits;
    }

    glm::vec3 crossing(const glm::ivec3& cell, int e) const {
        const int q = kEdgeCorner[size_t(e)];
        const glm::ivec3 n0 = cell + glm::ivec3(q & 1, q >> 1 & 1, q >> 2 & 1);
        glm::ivec3 n1 = n0;
        n1[kEdgeAxis[size_t(e)]] += 1;
        const float v0 = m_s.value[m_g.node(n0.x, n0.y, n0.z)];
        const float v1 = m_s.value[m_g.node(n1.x, n1.y, n1.z)];
        // Kept off the nodes: where a sample is ~0, the patches around it would otherwise start
        // on one point, and projection alone would not pull them apart.
        const float t = std::clamp(v0 / (v0 - v1), 0.05f, 0.95f);
        const glm::vec3 a = m_g.position(n0.x, n0.y, n0.z), b = m_g.position(n1.x, n1.y, n1.z);
        return a + (b - a) * t;
    }

    const ActiveCell* cellAt(const glm::ivec3& c) const {
        for (int a = 0; a < 3; ++a)
            if (c[a] < 0 || c[a] >= m_g.cells[size_t(a)]) return nullptr;
        const int32_t slot = m_slot[m_g.cell(c.x, c.y, c.z)];
        return slot < 0 ? nullptr : &m_cells[size_t(slot)];
    }

    // True when both segments on face f belong to one patch of the cell.
    bool segmentsShared(const ActiveCell& c, int f) const {
        const CellPatches p = cellPatches(c.config, joinBits(c));
        const auto& e = kFaces[size_t(f)].edge;
        return p.ofEdge[size_t(e[0])] == p.ofEdge[size_t(e[2])];
    }

    void fixDoubledSegments();
    void placeVertices(std::vector<glm::vec3>& vertices);
    void emitQuads(std::vector<Quad>& quads) const;

    const Grid& m_g;
    const Samples& m_s;
    std::vector<int32_t> m_slot;  // cell -> index in m_cells, or -1
    std::vector<ActiveCell> m_cells;
    std::vector<AmbiguousFace> m_faces;
};

// Two cells that both put the two segments of an ambiguous face into one patch would be joined by
// a doubled edge (a tunnel thinner than a cell). A cell merges the segments under at most one of
// the face's two decisions, so flipping such a face makes it safe on both sides.
void Extractor::fixDoubledSegments() {
    for (int round = 0; round < kFixRounds; ++round) {
        bool changed = false;
        for (AmbiguousFace& face : m_faces) {
            const int a = int(face.key / m_g.nodeCount());
            const glm::ivec3 n = m_g.nodeIjk(size_t(face.key % m_g.nodeCount()));
            glm::ivec3 below = n;
            below[a] -= 1;
            const ActiveCell* lo = cellAt(below);
            const ActiveCell* hi = cellAt(n);
            if (!lo || !hi || !segmentsShared(*lo, 2 * a + 1) || !segmentsShared(*hi, 2 * a))
                continue;
            face.joinInside = !face.joinInside;
            changed = true;
        }
        if (!changed) break;
    }
}

// One vertex per patch, first at the mean of the patch's edge crossings.
void Extractor::placeVertices(std::vector<glm::vec3>& vertices) {
    uint32_t next = 0;
    for (ActiveCell& c : m_cells) {
        c.patches = cellPatches(c.config, joinBits(c));
        c.firstVertex = next;
        next += uint32_t(c.patches.count);
    }
    vertices.assign(next, glm::vec3(0.0f));
    std::vector<float> count(next, 0.0f);
    for (const ActiveCell& c : m_cells)
        for (int e = 0; e < 12; ++e) {
            const uint8_t p = c.patches.ofEdge[size_t(e)];
            if (p == kNoPatch) continue;
            vertices[c.firstVertex + p] += crossing(c.ijk, e);
            count[c.firstVertex + p] += 1.0f;
        }
    for (size_t v = 0; v < vertices.size(); ++v) vertices[v] /= count[v];
}

// One quad per crossed grid edge, joining the patches of its four cells; each edge is visited
// from the cell at its low end.
void Extractor::emitQuads(std::vector<Quad>& quads) const {
    static constexpr std::array<std::array<int, 2>, 4> kAround{
        {{-1, -1}, {0, -1}, {0, 0}, {-1, 0}}};
    for (const ActiveCell& c : m_cells)
        for (int a = 0; a < 3; ++a) {
            const bool in0 = inside(c.config, 0), in1 = inside(c.config, 1 << a);
            if (in0 == in1) continue;
            const int b = (a + 1) % 3, d = (a + 2) % 3;
            Quad q{};
            bool complete = true;
            for (size_t i = 0; i < 4; ++i) {  // counter-clockwise seen from +a
                glm::ivec3 at = c.ijk;
                at[b] += kAround[i][0];
                at[d] += kAround[i][1];
                const int corner = (kAround[i][0] ? 1 << b : 0) | (kAround[i][1] ? 1 << d : 0);
                const ActiveCell* n = cellAt(at);
                complete = complete && n;
                if (n) q[i] = n->firstVertex + n->patches.ofEdge[size_t(edgeIndex(corner, a))];
            }
            if (!complete) continue;          // unreachable: the box's skin is outside
            if (!in0) std::swap(q[1], q[3]);  // outside lies towards -a
            quads.push_back(q);
        }
}

}  // namespace

TriMesh polygonize(const ScalarField& field, const PolygonizeOptions& options) {
    TriMesh out;
    Grid grid;
    if (!field || !makeGrid(options, grid)) return out;
    const int threads = resolveThreads(options.threads);
    QuadMesh m;
    {
        const Samples samples = sampleField(grid, field, threads);
        Extractor(grid, samples).run(m.pos, m.quads);
    }
    if (m.quads.empty()) return out;
    const std::vector<glm::vec3> raw = m.pos;
    const Probe probe(field, grid.h);
    const int steps = std::max(options.projectionSteps, 0);
    m.grad.resize(m.pos.size());
    parallelFor(m.pos.size(), threads, [&](size_t b, size_t e) {
        for (size_t v = b; v < e; ++v) probe.newton(m.pos[v], m.grad[v], steps);
    });
    buildAdjacency(m);
    const int passes = options.smoothingIterations;
    for (int i = 0; i < passes; ++i) relax(m, probe, steps, i % 2 == 1 || i + 1 == passes, threads);
    out.indices = splitQuads(m);
    untangle(m, raw, out.indices);
    out.normals = fieldNormals(m, probe, threads);
    out.positions = std::move(m.pos);
    return out;
}

}  // namespace ra::core
