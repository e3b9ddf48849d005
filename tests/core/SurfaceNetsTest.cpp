// SurfaceNetsTest: the polygonizer on fields with known answers (sphere, torus), on the cases that
// break naive surface nets (near-touching spheres, thin plates and slits, sub-cell ripples), on a
// capsule stick figure, across thread counts, and on a body-sized 80-capsule field (timed).
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <sstream>

#include "core/MeshTopology.h"
#include "core/SurfaceNets.h"

using namespace ra::core;

namespace {

constexpr double kPi = 3.14159265358979323846;

float capsule(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, float r) {
    const glm::vec3 ab = b - a;
    const float len2 = glm::dot(ab, ab);
    const float t = len2 > 0.0f ? glm::clamp(glm::dot(p - a, ab) / len2, 0.0f, 1.0f) : 0.0f;
    return glm::length(p - (a + t * ab)) - r;
}

float smoothMin(float a, float b, float k) {  // polynomial smooth minimum, Lipschitz 1
    const float h = glm::clamp(0.5f + 0.5f * (b - a) / k, 0.0f, 1.0f);
    return glm::mix(b, a, h) - k * h * (1.0f - h);
}

float boxField(const glm::vec3& p, const glm::vec3& half) {
    const glm::vec3 q = glm::abs(p) - half;
    return glm::length(glm::max(q, 0.0f)) + std::min(std::max(q.x, std::max(q.y, q.z)), 0.0f);
}

// Rotation about a tilted axis, so that flat features never line up with the grid.
glm::vec3 untilt(const glm::vec3& p) {
    const float a = 0.37f, b = 0.23f;
    const glm::vec3 q(p.x * std::cos(a) + p.y * std::sin(a), -p.x * std::sin(a) + p.y * std::cos(a),
                      p.z);
    return {q.x, q.y * std::cos(b) + q.z * std::sin(b), -q.y * std::sin(b) + q.z * std::cos(b)};
}

PolygonizeOptions options(glm::vec3 lo, glm::vec3 hi, float cell, int threads = 0) {
    PolygonizeOptions o;
    o.boxMin = lo;
    o.boxMax = hi;
    o.cellSize = cell;
    o.threads = threads;
    return o;
}

std::string describe(const TopologyReport& r) {
    std::ostringstream s;
    s << "V " << r.vertices << " F " << r.triangles << " boundary " << r.boundaryEdges
      << " nonManifoldEdges " << r.nonManifoldEdges << " nonManifoldVertices "
      << r.nonManifoldVertices << " inconsistent " << r.inconsistentEdges << " degenerate "
      << r.degenerateTriangles << " components " << r.components << " euler "
      << r.eulerCharacteristic << " volume " << r.signedVolume;
    return s.str();
}

// Closed and 2-manifold with consistent winding, whatever the geometry does.
void requireManifold(const TopologyReport& r) {
    INFO(describe(r));
    CHECK(r.triangles > 0);
    CHECK(r.boundaryEdges == 0);
    CHECK(r.nonManifoldEdges == 0);
    CHECK(r.nonManifoldVertices == 0);
    REQUIRE(r.inconsistentEdges == 0);
}

TopologyReport requireWatertight(const TriMesh& m) {
    const TopologyReport r = analyzeTopology(m);
    requireManifold(r);
    INFO(describe(r));
    REQUIRE(r.watertight());
    REQUIRE(m.normals.size() == m.positions.size());
    return r;
}

double minAngleDegrees(const TriMesh& m) {
    double worst = 180.0;
    for (size_t t = 0; t < m.indices.size(); t += 3)
        for (int c = 0; c < 3; ++c) {
            const glm::dvec3 p = m.positions[m.indices[t + size_t(c)]];
            const glm::dvec3 a = glm::dvec3(m.positions[m.indices[t + size_t(c + 1) % 3]]) - p;
            const glm::dvec3 b = glm::dvec3(m.positions[m.indices[t + size_t(c + 2) % 3]]) - p;
            const double cosA = glm::dot(a, b) / (glm::length(a) * glm::length(b));
            worst = std::min(worst, std::acos(glm::clamp(cosA, -1.0, 1.0)) * 180.0 / kPi);
        }
    return worst;
}

// A stick figure of capsules blended with a smooth minimum: a genus-0 body with smooth creases.
float stickFigure(const glm::vec3& p) {
    struct Bone {
        glm::vec3 a, b;
        float r;
    };
    static const Bone kBones[] = {
        {{0, 0.95f, 0}, {0, 1.35f, 0}, 0.13f},
        {{0, 1.52f, 0}, {0, 1.6f, 0.01f}, 0.09f},
        {{-0.18f, 1.38f, 0}, {-0.42f, 1.05f, 0}, 0.045f},
        {{0.18f, 1.38f, 0}, {0.42f, 1.05f, 0}, 0.045f},
        {{-0.09f, 0.9f, 0}, {-0.14f, 0.08f, 0.02f}, 0.07f},
        {{0.09f, 0.9f, 0}, {0.14f, 0.08f, 0.02f}, 0.07f},
        {{-0.14f, 0.04f, 0.02f}, {-0.15f, 0.04f, 0.15f}, 0.04f},
        {{0.14f, 0.04f, 0.02f}, {0.15f, 0.04f, 0.15f}, 0.04f},
    };
    float d = 1e9f;
    for (const Bone& b : kBones) d = smoothMin(d, capsule(p, b.a, b.b, b.r), 0.04f);
    return d;
}

// About 80 capsules laid out like a standing body 1.75 m tall: torso, head, limbs, hands with
// fingers, feet with toes and a few muscle masses. Smooth-min blended like the real body.
class EightyCapsules {
public:
    EightyCapsules() {
        const auto add = [&](glm::vec3 a, glm::vec3 b, float r) { m_caps.push_back({a, b, r}); };
        for (int i = 0; i < 5; ++i)  // spine
            add({0, 0.95f + 0.1f * float(i), 0}, {0, 1.05f + 0.1f * float(i), 0.01f}, 0.13f);
        add({0, 1.45f, 0}, {0, 1.55f, 0}, 0.05f);           // neck
        add({0, 1.62f, 0.01f}, {0, 1.66f, 0.02f}, 0.095f);  // head
        add({0, 1.6f, 0.07f}, {0, 1.56f, 0.1f}, 0.035f);    // face
        for (float s : {-1.0f, 1.0f}) addSide(s);
        add({0, 1.25f, 0.08f}, {0, 1.0f, 0.09f}, 0.07f);  // belly
        while (m_caps.size() < 80) add({0, 0.93f, -0.03f}, {0, 0.93f, -0.03f}, 0.12f);
    }

    float operator()(const glm::vec3& p) const {
        float d = 1e9f;
        for (const Cap& c : m_caps) d = smoothMin(d, capsule(p, c.a, c.b, c.r), 0.015f);
        return d;
    }
    size_t size() const { return m_caps.size(); }

private:
    struct Cap {
        glm::vec3 a, b;
        float r;
    };

    void addSide(float s) {
        const auto add = [&](glm::vec3 a, glm::vec3 b, float r) {
            m_caps.push_back({{s * a.x, a.y, a.z}, {s * b.x, b.y, b.z}, r});
        };
        add({0.05f, 1.42f, 0}, {0.19f, 1.43f, 0}, 0.06f);         // clavicle
        add({0.21f, 1.42f, 0}, {0.3f, 1.15f, 0}, 0.05f);          // upper arm
        add({0.3f, 1.15f, 0}, {0.37f, 0.9f, 0.03f}, 0.04f);       // forearm
        add({0.37f, 0.88f, 0.03f}, {0.39f, 0.8f, 0.04f}, 0.03f);  // palm
        for (int f = 0; f < 5; ++f) {                             // fingers, three phalanges
            glm::vec3 a(0.37f + 0.012f * float(f), 0.78f, 0.06f - 0.012f * float(f));
            for (int k = 0; k < 3; ++k) {
                const glm::vec3 b = a + glm::vec3(0.003f, -0.025f, 0.0f);
                add(a, b, 0.009f);
                a = b;
            }
        }
        add({0.1f, 0.9f, 0}, {0.12f, 0.5f, 0}, 0.075f);            // thigh
        add({0.12f, 0.48f, 0}, {0.13f, 0.08f, 0}, 0.05f);          // shin
        add({0.13f, 0.4f, -0.03f}, {0.13f, 0.2f, -0.03f}, 0.04f);  // calf
        add({0.13f, 0.04f, -0.02f}, {0.14f, 0.03f, 0.1f}, 0.04f);  // foot
        for (int t = 0; t < 5; ++t)                                // toes, two segments
            for (int k = 0; k < 2; ++k) {
                const glm::vec3 a(0.11f + 0.014f * float(t), 0.02f, 0.12f + 0.02f * float(k));
                add(a, a + glm::vec3(0, 0, 0.018f), 0.008f);
            }
        add({0.08f, 1.3f, 0.08f}, {0.13f, 1.28f, 0.08f}, 0.06f);    // chest
        add({0.07f, 0.95f, -0.07f}, {0.08f, 0.9f, -0.08f}, 0.08f);  // glute
    }

    std::vector<Cap> m_caps;
};

}  // namespace

TEST_CASE("surface nets: a sphere is closed, on the surface, with radial normals",
          "[surfacenets]") {
    const glm::vec3 c(0.0123f, -0.0071f, 0.0049f);
    const float r = 0.3f;
    const auto sphere = [&](const glm::vec3& p) { return glm::length(p - c) - r; };
    const TriMesh m = polygonize(sphere, options(glm::vec3(-0.4f), glm::vec3(0.4f), 0.01f));
    const TopologyReport t = requireWatertight(m);
    CHECK(t.eulerCharacteristic == 2);
    CHECK(t.components == 1);
    CHECK(t.signedVolume == Approx(4.0 / 3.0 * kPi * r * r * r).epsilon(0.01));
    CHECK(findSelfIntersections(m.positions, m.indices).empty());

    float worstDistance = 0.0f, worstNormalCos = 1.0f, worstFaceCos = 1.0f;
    for (size_t v = 0; v < m.positions.size(); ++v) {
        const glm::vec3 radial = glm::normalize(m.positions[v] - c);
        worstDistance = std::max(worstDistance, std::abs(glm::length(m.positions[v] - c) - r));
        worstNormalCos = std::min(worstNormalCos, glm::dot(m.normals[v], radial));
    }
    for (size_t i = 0; i < m.indices.size(); i += 3) {  // no stair steps: faces follow the sphere
        const glm::vec3 a = m.positions[m.indices[i]], b = m.positions[m.indices[i + 1]],
                        d = m.positions[m.indices[i + 2]];
        const glm::vec3 n = glm::normalize(glm::cross(b - a, d - a));
        worstFaceCos = std::min(worstFaceCos, glm::dot(n, glm::normalize((a + b + d) / 3.0f - c)));
    }
    INFO("worst distance " << worstDistance << " m, normal cos " << worstNormalCos << ", face cos "
                           << worstFaceCos << ", min angle " << minAngleDegrees(m));
    CHECK(worstDistance < 2e-4f);
    CHECK(worstNormalCos > std::cos(glm::radians(1.0f)));
    CHECK(worstFaceCos > std::cos(glm::radians(5.0f)));
    CHECK(minAngleDegrees(m) > 20.0);
    // One quad per crossed grid edge: on average 1.5 crossings per h^2 of area, so 3 triangles.
    CHECK(m.triangleCount() > 28000);
    CHECK(m.triangleCount() < 40000);
}

TEST_CASE("surface nets: a torus has Euler characteristic 0", "[surfacenets]") {
    const float big = 0.3f, small = 0.1f;
    const auto torus = [&](const glm::vec3& p) {
        const glm::vec3 q = untilt(p);
        return glm::length(glm::vec2(glm::length(glm::vec2(q.x, q.z)) - big, q.y)) - small;
    };
    const TriMesh m = polygonize(torus, options(glm::vec3(-0.45f), glm::vec3(0.45f), 0.01f));
    const TopologyReport t = requireWatertight(m);
    CHECK(t.eulerCharacteristic == 0);
    CHECK(t.components == 1);
    CHECK(t.signedVolume == Approx(2.0 * kPi * kPi * big * small * small).epsilon(0.01));
    CHECK(findSelfIntersections(m.positions, m.indices).empty());
}

TEST_CASE("surface nets: spheres closer than a cell stay closed and manifold", "[surfacenets]") {
    const float h = 0.01f, r = 0.12f;
    const float gap = GENERATE(0.15f, 0.35f, 0.6f, 0.9f);
    const glm::vec3 dir = GENERATE(glm::vec3(1, 0, 0), glm::normalize(glm::vec3(1, 1, 1)),
                                   glm::normalize(glm::vec3(1, 0.3f, 0)));
    const glm::vec3 c(0.0031f, 0.0017f, -0.0023f);
    const glm::vec3 a = c - dir * (r + 0.5f * gap * h), b = c + dir * (r + 0.5f * gap * h);
    const auto twoSpheres = [&](const glm::vec3& p) {
        return std::min(glm::length(p - a) - r, glm::length(p - b) - r);
    };
    INFO("gap " << gap << " cells along " << dir.x << " " << dir.y << " " << dir.z);
    const TriMesh m = polygonize(twoSpheres, options(glm::vec3(-0.3f), glm::vec3(0.3f), h));
    const TopologyReport t = requireWatertight(m);
    CHECK(t.eulerCharacteristic % 2 == 0);
    CHECK(t.signedVolume == Approx(2.0 * 4.0 / 3.0 * kPi * r * r * r).epsilon(0.02));
    CHECK(findSelfIntersections(m.positions, m.indices).empty());
}

TEST_CASE("surface nets: thin plates and narrow slits stay closed and manifold", "[surfacenets]") {
    const float h = 0.01f;
    const float thickness = GENERATE(0.25f, 0.5f, 0.8f, 1.3f);
    INFO("thickness " << thickness << " cells");
    SECTION("a tilted plate thinner than a cell") {
        const auto plate = [&](const glm::vec3& p) {
            return boxField(untilt(p), glm::vec3(0.2f, 0.5f * thickness * h, 0.15f));
        };
        // Where no sample falls inside the plate it has holes, or falls apart into flakes.
        const TriMesh m = polygonize(plate, options(glm::vec3(-0.3f), glm::vec3(0.3f), h));
        requireWatertight(m);
        CHECK(findSelfIntersections(m.positions, m.indices).empty());
    }
    SECTION("a tilted block with a slit: two close parallel sheets facing each other") {
        const auto slit = [&](const glm::vec3& p) {
            const glm::vec3 q = untilt(p);
            return std::max(boxField(q, glm::vec3(0.2f, 0.12f, 0.15f)),
                            -boxField(q, glm::vec3(0.25f, 0.5f * thickness * h, 0.11f)));
        };
        const TriMesh m = polygonize(slit, options(glm::vec3(-0.3f), glm::vec3(0.3f), h));
        // Where no sample falls in the slit, its pieces become small closed voids.
        const TopologyReport t = requireWatertight(m);
        CHECK(t.signedVolume < 0.4 * 0.24 * 0.3);
        CHECK(t.signedVolume > 0.95 * (0.4 * 0.24 * 0.3 - 0.4 * 0.22 * thickness * h));
        CHECK(findSelfIntersections(m.positions, m.indices).empty());
    }
}

TEST_CASE("surface nets: ripples finer than the grid still give a closed manifold",
          "[surfacenets]") {
    // Wavelengths of two to three cells and amplitude beyond a cell: ambiguous faces everywhere.
    const float h = 0.01f;
    const auto ripples = [&](const glm::vec3& p) {
        return glm::length(p) - 0.2f +
               0.015f * std::sin(260.0f * p.x + 1.0f) * std::sin(230.0f * p.y + 2.0f) *
                   std::sin(290.0f * p.z + 0.5f);
    };
    PolygonizeOptions o = options(glm::vec3(-0.3f), glm::vec3(0.3f), h);
    SECTION("as extracted") {
        o.projectionSteps = 0;
        o.smoothingIterations = 0;
        const TriMesh m = polygonize(ripples, o);
        const TopologyReport t = analyzeTopology(m);
        requireManifold(t);
        CHECK(t.degenerateTriangles == 0);
        CHECK(t.eulerCharacteristic % 2 == 0);
    }
    SECTION("projected and relaxed") {
        const TriMesh m = polygonize(ripples, o);
        const TopologyReport t = analyzeTopology(m);
        requireManifold(t);
        CHECK(t.degenerateTriangles == 0);
        CHECK(findSelfIntersections(m.positions, m.indices).empty());
    }
}

TEST_CASE("surface nets: random lattice noise gives a closed manifold", "[surfacenets]") {
    // Trilinear value noise on a lattice near the cell size: every kind of ambiguous cell and face,
    // tunnels and thin bridges, inside a ball so that the box's skin stays outside.
    const float h = 0.01f;
    const auto hash = [](glm::ivec3 c, uint32_t seed) {
        uint32_t x = seed * 0x9E3779B1u ^ uint32_t(c.x) * 0x85EBCA77u ^
                     uint32_t(c.y) * 0xC2B2AE3Du ^ uint32_t(c.z) * 0x27D4EB2Fu;
        x ^= x >> 15, x *= 0x2C1B3C6Du, x ^= x >> 12, x *= 0x297A2D39u, x ^= x >> 15;
        return float(x & 0xffffffu) / float(0xffffff) * 2.0f - 1.0f;
    };
    for (uint32_t seed = 1; seed <= 12; ++seed) {
        const float spacing = h * (0.6f + 0.1f * float(seed % 7));
        const float bias = 0.05f * float(seed % 5) - 0.1f;
        const auto noise = [&](const glm::vec3& p) {
            const glm::vec3 q = p / spacing, f = glm::floor(q), t = q - f;
            float v = 0.0f;
            for (int c = 0; c < 8; ++c) {
                const glm::ivec3 o(c & 1, c >> 1 & 1, c >> 2 & 1);
                const glm::vec3 w = glm::mix(1.0f - t, t, glm::vec3(o));
                v += w.x * w.y * w.z * hash(glm::ivec3(f) + o, seed);
            }
            return (v + bias) * 0.01f + std::max(0.0f, glm::length(p) - 0.1f) * 2.0f;
        };
        PolygonizeOptions o = options(glm::vec3(-0.16f), glm::vec3(0.16f), h);
        o.smoothingIterations = seed % 2 == 0 ? 0 : 6;
        const TriMesh m = polygonize(noise, o);
        INFO("seed " << seed);
        const TopologyReport t = analyzeTopology(m);
        requireManifold(t);
        CHECK(t.degenerateTriangles == 0);
        CHECK(t.eulerCharacteristic % 2 == 0);
        CHECK(findSelfIntersections(m.positions, m.indices).empty());
    }
}

TEST_CASE("surface nets: a smooth-min stick figure is one clean closed skin", "[surfacenets]") {
    const TriMesh m =
        polygonize(stickFigure, options({-0.55f, -0.1f, -0.2f}, {0.55f, 1.75f, 0.3f}, 0.01f));
    const TopologyReport t = requireWatertight(m);
    CHECK(t.components == 1);
    CHECK(t.eulerCharacteristic == 2);
    CHECK(findSelfIntersections(m.positions, m.indices).empty());
    CHECK(minAngleDegrees(m) > 10.0);
}

TEST_CASE("surface nets: output is bit-identical for any thread count", "[surfacenets]") {
    const auto opts = [](int threads) {
        return options({-0.55f, -0.1f, -0.2f}, {0.55f, 1.75f, 0.3f}, 0.012f, threads);
    };
    const TriMesh one = polygonize(stickFigure, opts(1));
    REQUIRE(one.triangleCount() > 1000);
    for (int threads : {2, 3, 8}) {
        INFO(threads << " threads");
        const TriMesh many = polygonize(stickFigure, opts(threads));
        CHECK(many.indices == one.indices);
        CHECK(many.positions == one.positions);
        CHECK(many.normals == one.normals);
    }
}

TEST_CASE("surface nets: degenerate requests give an empty mesh", "[surfacenets]") {
    const auto sphere = [](const glm::vec3& p) { return glm::length(p) - 0.3f; };
    CHECK(polygonize(sphere, options(glm::vec3(-1), glm::vec3(1), 0.0f)).indices.empty());
    CHECK(polygonize(sphere, options(glm::vec3(-1), glm::vec3(1), -0.1f)).indices.empty());
    CHECK(polygonize(ScalarField(), options(glm::vec3(-1), glm::vec3(1), 0.1f)).indices.empty());
    const auto nothing = [](const glm::vec3&) { return 1.0f; };
    CHECK(polygonize(nothing, options(glm::vec3(-1), glm::vec3(1), 0.1f)).indices.empty());
}

TEST_CASE("surface nets: a body-sized 80-capsule field at 8 mm", "[surfacenets][bench]") {
    const EightyCapsules body;
    REQUIRE(body.size() == 80);
    const auto field = [&](const glm::vec3& p) { return body(p); };
    const PolygonizeOptions o = options({-0.45f, -0.05f, -0.225f}, {0.45f, 1.8f, 0.225f}, 0.008f);
    const auto start = std::chrono::steady_clock::now();
    const TriMesh m = polygonize(field, o);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const TopologyReport t = requireWatertight(m);
    const auto crossings = findSelfIntersections(m.positions, m.indices, 1000);
    WARN("polygonize 80 capsules, 0.9 x 1.85 x 0.45 m at 8 mm: "
         << seconds << " s, " << m.triangleCount() << " triangles, " << t.components
         << " components, euler " << t.eulerCharacteristic << ", " << crossings.size()
         << " crossing pairs, min angle " << minAngleDegrees(m));
    CHECK(m.triangleCount() > 30000);
    CHECK(m.triangleCount() < 120000);
    CHECK(crossings.empty());
}
