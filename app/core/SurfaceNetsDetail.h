// SurfaceNetsDetail: what the two halves of the polygonizer share (SurfaceNets.cpp samples the
// field and extracts quads; SurfaceNetsGeometry.cpp projects, relaxes, splits and untangles them):
// the tuning constants, the deterministic thread helper, the field probe and the quad mesh.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <thread>
#include <vector>

#include "core/SurfaceNets.h"

namespace ra::core::nets {

constexpr float kLipschitz = 1.5f;  // assumed bound on |grad f| when skipping far cells
constexpr int kFixRounds = 16;      // passes re-deciding ambiguous faces (one is typical)
constexpr float kRelax = 0.6f;      // share of the tangential move to the neighbours' mean
constexpr float kMinFacing = 0.3f;  // a relaxed quad must keep facing along the field normal
constexpr int kUntangleRounds = 8;  // rounds putting crossing triangles back to raw positions
constexpr size_t kMaxNodes = size_t(1) << 27;  // about 1.2 GB of grid; larger requests fail

// ---- threads: contiguous chunks that write only their own outputs, so any count gives the
// same bits. A thread that cannot start runs its chunk inline.

inline int resolveThreads(int requested) {
    if (requested > 0) return requested;
    const unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : int(hw);
}

template <class Fn>
void parallelFor(size_t count, int threads, const Fn& fn) {
    constexpr size_t kMinChunk = 512;
    const size_t chunks = std::min(size_t(std::max(threads, 1)), count / kMinChunk + 1);
    if (chunks <= 1) {
        fn(size_t(0), count);
        return;
    }
    std::vector<std::thread> pool;
    pool.reserve(chunks - 1);
    for (size_t c = 1; c < chunks; ++c) {
        const size_t b = count * c / chunks, e = count * (c + 1) / chunks;
        try {
            pool.emplace_back([&fn, b, e] { fn(b, e); });
        } catch (...) {
            fn(b, e);
        }
    }
    fn(size_t(0), count / chunks);
    for (auto& t : pool) t.join();
}

using Quad = std::array<uint32_t, 4>;

inline glm::vec3 safeNormalize(const glm::vec3& v) {
    const float l = glm::length(v);
    return l > 1e-20f ? v / l : glm::vec3(0.0f);
}

class Probe {
public:
    Probe(const ScalarField& f, float h)
        : m_f(f), m_eps(0.25f * h), m_tol(1e-4f * h), m_maxStep(0.5f * h) {}

    float value(const glm::vec3& x) const {
        const float v = m_f(x);
        return std::isfinite(v) ? v : 0.0f;
    }
    glm::vec3 forwardGradient(const glm::vec3& x, float fx) const {
        return glm::vec3(value({x.x + m_eps, x.y, x.z}) - fx, value({x.x, x.y + m_eps, x.z}) - fx,
                         value({x.x, x.y, x.z + m_eps}) - fx) /
               m_eps;
    }
    glm::vec3 centralGradient(const glm::vec3& x) const {
        const float e = m_eps;
        return glm::vec3(value({x.x + e, x.y, x.z}) - value({x.x - e, x.y, x.z}),
                         value({x.x, x.y + e, x.z}) - value({x.x, x.y - e, x.z}),
                         value({x.x, x.y, x.z + e}) - value({x.x, x.y, x.z - e})) /
               (2.0f * e);
    }
    // Newton steps, a fresh gradient each; leaves the gradient at the final point in `grad`.
    void newton(glm::vec3& x, glm::vec3& grad, int steps) const {
        float fx = value(x);
        for (int s = 0; s < steps && std::abs(fx) > m_tol; ++s) {
            if (!step(x, forwardGradient(x, fx), fx)) break;
            fx = value(x);
        }
        grad = forwardGradient(x, fx);
    }
    // Steps reusing a gradient taken nearby (one sample each); then a fresh one if asked.
    void chord(glm::vec3& x, glm::vec3& grad, int steps, bool refresh) const {
        float fx = value(x);
        for (int s = 0; s < steps && std::abs(fx) > m_tol; ++s) {
            if (!step(x, grad, fx)) break;
            fx = value(x);
        }
        if (refresh) grad = forwardGradient(x, fx);
    }

private:
    bool step(glm::vec3& x, const glm::vec3& g, float fx) const {
        const float gg = glm::dot(g, g);
        if (!(gg > 1e-12f)) return false;
        glm::vec3 d = g * (fx / gg);
        const float len = glm::length(d);
        if (len > m_maxStep) d *= m_maxStep / len;
        x -= d;
        return true;
    }

    const ScalarField& m_f;
    float m_eps, m_tol, m_maxStep;
};

struct QuadMesh {
    std::vector<glm::vec3> pos;
    std::vector<glm::vec3> grad;  // field gradient at pos
    std::vector<Quad> quads;
    std::vector<uint32_t> adjStart, adj;  // quad-edge neighbours, CSR
};

// Quad-edge neighbours of every quad (CSR in adjStart/adj).
void buildAdjacency(QuadMesh& m);
// One tangential relaxation pass followed by reprojection (a fresh gradient when `refresh`).
void relax(QuadMesh& m, const Probe& probe, int steps, bool refresh, int threads);
// Two triangles per quad, along the diagonal that gives the better worse triangle.
std::vector<uint32_t> splitQuads(const QuadMesh& m);
// Puts triangles that cross each other back toward their unprojected positions `raw`.
void untangle(QuadMesh& m, const std::vector<glm::vec3>& raw, const std::vector<uint32_t>& tris);
// Unit normals from the field's central-difference gradient.
std::vector<glm::vec3> fieldNormals(const QuadMesh& m, const Probe& probe, int threads);

}  // namespace ra::core::nets
