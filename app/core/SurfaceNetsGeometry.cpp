// SurfaceNetsGeometry: the second half of the polygonizer: tangential relaxation on the zero set,
// quad splitting, untangling of folded triangles and normals from the field.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/MeshTopology.h"
#include "core/SurfaceNetsDetail.h"

namespace ra::core::nets {
void buildAdjacency(QuadMesh& m) {
    std::vector<uint64_t> pairs;
    pairs.reserve(m.quads.size() * 8);
    for (const Quad& q : m.quads)
        for (size_t i = 0; i < 4; ++i) {
            const uint64_t a = q[i], b = q[(i + 1) % 4];
            pairs.push_back(a << 32 | b);
            pairs.push_back(b << 32 | a);
        }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    m.adjStart.assign(m.pos.size() + 1, 0);
    m.adj.resize(pairs.size());
    for (size_t i = 0; i < pairs.size(); ++i) {
        ++m.adjStart[(pairs[i] >> 32) + 1];
        m.adj[i] = uint32_t(pairs[i] & 0xffffffffu);
    }
    std::partial_sum(m.adjStart.begin(), m.adjStart.end(), m.adjStart.begin());
}

// Cosine between a quad's normal (cross of its diagonals) and the field normals at its corners.
static float facing(const std::vector<glm::vec3>& p, const std::vector<glm::vec3>& g,
                    const Quad& q) {
    const glm::vec3 n = glm::cross(p[q[2]] - p[q[0]], p[q[3]] - p[q[1]]);
    glm::vec3 ref(0.0f);
    for (uint32_t v : q) ref += safeNormalize(g[v]);
    const float l = glm::length(n) * glm::length(ref);
    return l > 0.0f ? glm::dot(n, ref) / l : -1.0f;
}

// Puts back the corners of any quad that relaxation turned away from the field normal.
static void keepFacing(const QuadMesh& m, std::vector<glm::vec3>& pos,
                       std::vector<glm::vec3>& grad) {
    std::vector<float> before(m.quads.size());
    for (size_t q = 0; q < m.quads.size(); ++q) before[q] = facing(m.pos, m.grad, m.quads[q]);
    std::vector<uint8_t> reverted(m.pos.size(), 0);
    for (bool any = true; any;) {
        any = false;
        for (size_t q = 0; q < m.quads.size(); ++q) {
            const float now = facing(pos, grad, m.quads[q]);
            if (now >= kMinFacing || now >= before[q]) continue;
            for (uint32_t v : m.quads[q]) {
                if (reverted[v]) continue;
                reverted[v] = 1;
                pos[v] = m.pos[v];
                grad[v] = m.grad[v];
                any = true;
            }
        }
    }
}

// One pass: every vertex moves part way to its neighbours' mean within its tangent plane, then
// back onto the surface. Reads old positions only, so the result is order-free. Gradients from
// a pass or two before are close enough for the tangent plane and the chord steps.
void relax(QuadMesh& m, const Probe& probe, int steps, bool refresh, int threads) {
    std::vector<glm::vec3> pos(m.pos.size()), grad(m.pos.size());
    parallelFor(m.pos.size(), threads, [&](size_t b, size_t e) {
        for (size_t v = b; v < e; ++v) {
            glm::vec3 mean(0.0f);
            for (uint32_t i = m.adjStart[v]; i < m.adjStart[v + 1]; ++i) mean += m.pos[m.adj[i]];
            mean /= float(std::max(m.adjStart[v + 1] - m.adjStart[v], 1u));
            const glm::vec3 n = safeNormalize(m.grad[v]);
            glm::vec3 d = mean - m.pos[v];
            d -= n * glm::dot(n, d);
            glm::vec3 x = m.pos[v] + kRelax * d, g = m.grad[v];
            probe.chord(x, g, steps, refresh);
            pos[v] = x;
            grad[v] = g;
        }
    });
    keepFacing(m, pos, grad);
    m.pos.swap(pos);
    m.grad.swap(grad);
}

// Shape quality in [-1, 1]: 1 for equilateral, negative when facing against `up`.
static float quality(const glm::vec3& a, const glm::vec3& b, const glm::vec3& c,
                     const glm::vec3& up) {
    const float l2 = glm::dot(b - a, b - a) + glm::dot(c - b, c - b) + glm::dot(a - c, a - c);
    if (!(l2 > 0.0f)) return -1.0f;
    return 2.0f * std::sqrt(3.0f) * glm::dot(glm::cross(b - a, c - a), up) / l2;
}

// Each quad becomes the two triangles whose worse one is better; ties take the shorter diagonal.
std::vector<uint32_t> splitQuads(const QuadMesh& m) {
    std::vector<uint32_t> out;
    out.reserve(m.quads.size() * 6);
    for (const Quad& q : m.quads) {
        const glm::vec3 &p0 = m.pos[q[0]], &p1 = m.pos[q[1]], &p2 = m.pos[q[2]], &p3 = m.pos[q[3]];
        glm::vec3 up(0.0f);
        for (uint32_t v : q) up += safeNormalize(m.grad[v]);
        up = safeNormalize(up);
        if (up == glm::vec3(0.0f)) up = safeNormalize(glm::cross(p2 - p0, p3 - p1));
        const float qa = std::min(quality(p0, p1, p2, up), quality(p0, p2, p3, up));
        const float qb = std::min(quality(p0, p1, p3, up), quality(p1, p2, p3, up));
        const bool alongA =
            qa != qb ? qa > qb : glm::dot(p2 - p0, p2 - p0) <= glm::dot(p3 - p1, p3 - p1);
        if (alongA)
            out.insert(out.end(), {q[0], q[1], q[2], q[0], q[2], q[3]});
        else
            out.insert(out.end(), {q[0], q[1], q[3], q[1], q[2], q[3]});
    }
    return out;
}

// Where the field has features thinner than a cell (a plate, a slit, a near contact), the
// sampled topology projected onto the true surface can fold through itself. The raw positions
// (patch means inside their cells) do not cross there, so crossing triangles go back to them,
// each round with a wider ring of neighbours, until nothing crosses.
void untangle(QuadMesh& m, const std::vector<glm::vec3>& raw, const std::vector<uint32_t>& tris) {
    for (int round = 0; round < kUntangleRounds; ++round) {
        const auto crossing = findSelfIntersections(m.pos, tris, size_t(1) << 20);
        if (crossing.empty()) return;
        std::vector<uint32_t> ring;
        for (const auto& [a, b] : crossing)
            for (uint32_t t : {a, b})
                for (size_t c = 0; c < 3; ++c) ring.push_back(tris[3 * size_t(t) + c]);
        for (int grow = 0; grow < round; ++grow)
            for (size_t i = 0, n = ring.size(); i < n; ++i)
                for (uint32_t j = m.adjStart[ring[i]]; j < m.adjStart[ring[i] + 1]; ++j)
                    ring.push_back(m.adj[j]);
        for (uint32_t v : ring) m.pos[v] = raw[v];
    }
}

std::vector<glm::vec3> fieldNormals(const QuadMesh& m, const Probe& probe, int threads) {
    std::vector<glm::vec3> normals(m.pos.size());
    parallelFor(m.pos.size(), threads, [&](size_t b, size_t e) {
        for (size_t v = b; v < e; ++v) {
            glm::vec3 n = safeNormalize(probe.centralGradient(m.pos[v]));
            if (n == glm::vec3(0.0f)) n = safeNormalize(m.grad[v]);
            normals[v] = n == glm::vec3(0.0f) ? glm::vec3(0.0f, 1.0f, 0.0f) : n;
        }
    });
    return normals;
}

}  // namespace ra::core::nets
