// SkinPicker: a binned surface-area-heuristic build, a bottom-up refit, and a near-first
// traversal whose triangle tests and tie-breaks are those of the linear pickSkin.
#include "core/SkinPicker.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <limits>

namespace ra::core {
namespace {

constexpr int kBins = 16;
// Leaves hold up to kLeafSize triangles, or up to kMaxLeaf where the heuristic finds that cheaper.
constexpr uint32_t kLeafSize = 4;
constexpr uint32_t kMaxLeaf = 8;
// Below this depth the builder halves by count, which bounds the depth (and the cast's stack).
constexpr int kHalvingDepth = 48;
constexpr int kStackSize = 96;  // kHalvingDepth + log2(2^32 triangles) + room
// Refitted boxes whose total area grew past this factor of the built tree's make a rebuild pay.
constexpr float kRebuildGrowth = 2.0f;
constexpr float kFar = std::numeric_limits<float>::max();
// A box test costs about what a triangle test does (the heuristic's unit).
constexpr float kTraversalCost = 1.0f;

struct Box {
    glm::vec3 lo{kFar}, hi{-kFar};
    void grow(const glm::vec3& p) { lo = glm::min(lo, p), hi = glm::max(hi, p); }
    void grow(const Box& b) { lo = glm::min(lo, b.lo), hi = glm::max(hi, b.hi); }
    float area() const {
        const glm::vec3 d = glm::max(hi - lo, glm::vec3(0.0f));
        return 2.0f * (d.x * d.y + d.y * d.z + d.z * d.x);
    }
};

// Boxes grow a little past their triangles, so that rounding in the slab test never loses a hit
// the triangle test finds.
void pad(glm::vec3& lo, glm::vec3& hi) {
    const glm::vec3 margin = 1e-4f + 1e-6f * glm::max(glm::abs(lo), glm::abs(hi));
    lo -= margin;
    hi += margin;
}

struct TriBounds {
    Box box;
    glm::vec3 centre{0.0f};
};

struct Split {
    int axis = -1;
    int bin = 0;
    float cost = kFar;  // sum over both sides of triangles x box area
};

// Bins along each axis of the triangles' centres: bin b of axis k holds the centres c with
// (c[k] - lo[k]) * scale[k] in [b, b + 1); scale 0 marks an axis they do not spread along.
struct Bins {
    glm::vec3 lo{0.0f}, scale{0.0f};
    explicit Bins(const Box& centres) : lo(centres.lo) {
        const glm::vec3 extent = centres.hi - centres.lo;
        for (int k = 0; k < 3; ++k) scale[k] = extent[k] > 0.0f ? float(kBins) / extent[k] : 0.0f;
    }
    int of(const glm::vec3& centre, int axis) const {
        return std::clamp(int((centre[axis] - lo[axis]) * scale[axis]), 0, kBins - 1);
    }
};

// The cheapest of the kBins - 1 planes between the triangles' centres along the axis they spread
// farthest along (binning all three costs three times as much for trees that cast about as fast).
Split chooseSplit(const TriBounds* tris, uint32_t count, const Bins& bins) {
    Split best;
    int axis = -1;
    for (int k = 0; k < 3; ++k)
        if (bins.scale[k] > 0.0f && (axis < 0 || bins.scale[k] < bins.scale[axis])) axis = k;
    if (axis < 0) return best;  // all centres in one point
    std::array<Box, kBins> boxes{};
    std::array<uint32_t, kBins> counts{};
    for (uint32_t i = 0; i < count; ++i) {
        const size_t b = size_t(bins.of(tris[i].centre, axis));
        boxes[b].grow(tris[i].box);
        ++counts[b];
    }
    std::array<float, kBins> leftCost{};
    Box left, right;
    uint32_t sum = 0;
    for (size_t b = 0; b + 1 < kBins; ++b) {
        left.grow(boxes[b]);
        sum += counts[b];
        leftCost[b] = sum ? float(sum) * left.area() : kFar;  // an empty side is no split
    }
    sum = 0;
    for (size_t b = kBins - 1; b > 0; --b) {
        right.grow(boxes[b]);
        sum += counts[b];
        if (!sum || leftCost[b - 1] == kFar) continue;
        const float cost = leftCost[b - 1] + float(sum) * right.area();
        if (cost < best.cost) best = {axis, int(b) - 1, cost};
    }
    return best;
}

// Entry of the ray into the box at or after its origin; false when it passes by.
bool slab(const glm::vec3& lo, const glm::vec3& hi, const glm::vec3& origin,
          const glm::vec3& invDir, float& enter) {
    const glm::vec3 t0 = (lo - origin) * invDir, t1 = (hi - origin) * invDir;
    const glm::vec3 near = glm::min(t0, t1), far = glm::max(t0, t1);
    enter = std::max(std::max(near.x, near.y), std::max(near.z, 0.0f));
    return enter <= std::min(std::min(far.x, far.y), far.z);
}

// What the builder works on: the tree, the triangles it reorders and their bounds alike.
struct Tree {
    std::vector<SkinPicker::Node>& nodes;
    std::vector<SkinPicker::Tri>& tris;
    std::vector<TriBounds> bounds;
};

// Splits a leaf of more than kLeafSize triangles in two, unless the heuristic finds it cheaper
// whole (up to kMaxLeaf).
bool split(Tree& t, uint32_t node, int depth) {
    std::vector<SkinPicker::Node>& nodes = t.nodes;
    std::vector<TriBounds>& bounds = t.bounds;
    const uint32_t first = nodes[node].first, count = nodes[node].count;
    if (count <= kLeafSize) return false;
    Box box, centres;
    for (uint32_t i = first; i < first + count; ++i) {
        box.grow(bounds[i].box);
        centres.grow(bounds[i].centre);
    }
    const Bins bins(centres);
    const Split s = depth < kHalvingDepth ? chooseSplit(&bounds[first], count, bins) : Split{};
    // Splitting costs a box test plus the two sides' expected tests, each in proportion to the
    // chance a ray through this box meets that side's box (its share of the surface area).
    const bool leaf = s.axis >= 0 && kTraversalCost + s.cost / box.area() >= float(count);
    if (count <= kMaxLeaf && (leaf || s.axis < 0)) return false;
    uint32_t mid = first + count / 2;
    if (s.axis >= 0) {
        uint32_t lo = first, hi = first + count;
        while (lo < hi) {
            if (bins.of(bounds[lo].centre, s.axis) <= s.bin) {
                ++lo;
            } else {
                --hi;
                std::swap(bounds[lo], bounds[hi]);
                std::swap(t.tris[lo], t.tris[hi]);
            }
        }
        if (lo > first && lo < first + count) mid = lo;
    }
    const uint32_t left = uint32_t(nodes.size());
    nodes.push_back({glm::vec3(0.0f), first, glm::vec3(0.0f), mid - first});
    nodes.push_back({glm::vec3(0.0f), mid, glm::vec3(0.0f), first + count - mid});
    nodes[node].first = left;
    nodes[node].count = 0;
    return true;
}

void fitLeaf(SkinPicker::Node& n, const std::vector<SkinPicker::Tri>& tris,
             const std::vector<glm::vec3>& positions) {
    Box b;
    for (uint32_t i = n.first; i < n.first + n.count; ++i)
        for (uint32_t v : {tris[i].a, tris[i].b, tris[i].c}) b.grow(positions[v]);
    pad(b.lo, b.hi);
    n.lo = b.lo;
    n.hi = b.hi;
}

// The nearest hit so far, with what the region lookup needs.
struct Nearest {
    SkinHit hit;
    glm::vec2 bary{0.0f};
    const SkinPicker::Tri* tri = nullptr;
};

// Keeps the leaf's triangle the ray meets first in `best` when it is nearer, or as near and
// earlier in the triangle list (pickSkin keeps the first of equally near triangles).
void meetLeaf(const SkinPicker::Node& n, const std::vector<SkinPicker::Tri>& tris,
              const std::vector<glm::vec3>& positions, const glm::vec3& origin,
              const glm::vec3& direction, Nearest& best) {
    for (uint32_t i = n.first; i < n.first + n.count; ++i) {
        const SkinPicker::Tri& tri = tris[i];
        float t = 0.0f;
        glm::vec2 uv{0.0f};
        if (!intersectTriangle(positions[tri.a], positions[tri.b], positions[tri.c], origin,
                               direction, t, uv))
            continue;
        if (best.hit.hit &&
            (t > best.hit.distance || (t == best.hit.distance && tri.index > best.hit.triangle)))
            continue;
        best.hit.hit = true;
        best.hit.distance = t;
        best.hit.triangle = tri.index;
        best.bary = uv;
        best.tri = &tri;
    }
}

}  // namespace

void SkinPicker::update(const Primitive& skin, const std::vector<glm::vec3>& positions) {
    if (m_lastUpdate == Update::None || !sameTriangles(skin, positions.size())) {
        build(skin, positions);
        return;
    }
    m_positions = positions;
    refit();
    m_lastUpdate = Update::Refitted;
    if (treeArea() > kRebuildGrowth * m_builtArea) build(skin, positions);
}

bool SkinPicker::sameTriangles(const Primitive& skin, size_t vertexCount) const {
    const bool labelled = skin.regionIds.size() == skin.positions.size();
    return vertexCount == m_positions.size() && skin.indices == m_indices &&
           (labelled ? skin.regionIds == m_regionIds && skin.regionWeights == m_regionWeights
                     : m_regionIds.empty());
}

void SkinPicker::build(const Primitive& skin, const std::vector<glm::vec3>& positions) {
    m_positions = positions;
    m_indices = skin.indices;
    const bool labelled = skin.regionIds.size() == skin.positions.size();
    m_regionIds = labelled ? skin.regionIds : std::vector<glm::u8vec4>{};
    m_regionWeights = labelled ? skin.regionWeights : std::vector<glm::u8vec4>{};
    m_tris.clear();
    m_nodes.clear();
    m_lastUpdate = Update::Built;
    Tree tree{m_nodes, m_tris, {}};
    const size_t n = m_indices.size() / 3 * 3, count = positions.size();
    for (size_t i = 0; i < n; i += 3) {
        const uint32_t a = m_indices[i], b = m_indices[i + 1], c = m_indices[i + 2];
        if (a >= count || b >= count || c >= count) continue;  // as pickSkin: never met
        m_tris.push_back({a, b, c, uint32_t(i / 3)});
        TriBounds t;
        for (uint32_t v : {a, b, c}) t.box.grow(positions[v]);
        t.centre = (t.box.lo + t.box.hi) * 0.5f;
        tree.bounds.push_back(t);
    }
    m_builtArea = 0.0f;
    if (m_tris.empty()) return;
    m_nodes.reserve(2 * m_tris.size());  // a binary tree over n leaves has 2n - 1 nodes at most
    m_nodes.push_back({glm::vec3(0.0f), 0, glm::vec3(0.0f), uint32_t(m_tris.size())});
    std::vector<std::pair<uint32_t, int>> todo{{0, 0}};  // node, depth
    while (!todo.empty()) {
        const auto [node, depth] = todo.back();
        todo.pop_back();
        if (!split(tree, node, depth)) continue;
        todo.push_back({m_nodes[node].first, depth + 1});
        todo.push_back({m_nodes[node].first + 1, depth + 1});
    }
    refit();
    m_builtArea = treeArea();
}

void SkinPicker::refit() {
    // Children come after their parent: from the back, every child is fitted before its parent.
    for (size_t i = m_nodes.size(); i-- > 0;) {
        Node& n = m_nodes[i];
        if (n.count) {
            fitLeaf(n, m_tris, m_positions);
            continue;
        }
        const Node &l = m_nodes[n.first], &r = m_nodes[n.first + 1];
        n.lo = glm::min(l.lo, r.lo);
        n.hi = glm::max(l.hi, r.hi);
    }
}

float SkinPicker::treeArea() const {
    float sum = 0.0f;
    for (const Node& n : m_nodes) sum += Box{n.lo, n.hi}.area();
    return sum;
}

SkinHit SkinPicker::cast(const glm::vec3& origin, const glm::vec3& direction) const {
    if (m_nodes.empty()) return {};
    glm::vec3 inv;
    for (int k = 0; k < 3; ++k)  // a huge finite slope keeps 0 * slope from making NaN
        inv[k] = direction[k] != 0.0f ? 1.0f / direction[k] : std::copysign(1e30f, direction[k]);
    std::array<std::pair<uint32_t, float>, kStackSize> stack;  // node, where the ray enters it
    size_t top = 0;
    float enter = 0.0f;
    if (!slab(m_nodes[0].lo, m_nodes[0].hi, origin, inv, enter)) return {};
    stack[top++] = {0, enter};
    Nearest best;
    while (top > 0) {
        const auto [index, at] = stack[--top];
        if (best.hit.hit && at > best.hit.distance) continue;  // equal: a lower index may win
        const Node& n = m_nodes[index];
        if (n.count) {
            meetLeaf(n, m_tris, m_positions, origin, direction, best);
            continue;
        }
        assert(top + 2 <= stack.size());  // the builder bounds the depth
        float tl = 0.0f, tr = 0.0f;
        const Node &l = m_nodes[n.first], &r = m_nodes[n.first + 1];
        const bool hl = slab(l.lo, l.hi, origin, inv, tl), hr = slab(r.lo, r.hi, origin, inv, tr);
        // The nearer child goes on top, so it is searched first and prunes the farther one.
        if (hl && hr && tl > tr) stack[top++] = {n.first, tl};
        if (hr) stack[top++] = {n.first + 1, tr};
        if (hl && !(hr && tl > tr)) stack[top++] = {n.first, tl};
    }
    SkinHit& hit = best.hit;
    if (!hit.hit) return hit;
    hit.point = origin + hit.distance * direction;
    hit.region =
        regionAt(m_regionIds, m_regionWeights, {best.tri->a, best.tri->b, best.tri->c}, best.bary);
    return hit;
}

}  // namespace ra::core
