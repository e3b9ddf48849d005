// MeshTopologyTest: the topology report and the self-intersection finder on small hand-made meshes
// whose answers are known: a tetrahedron whole, flipped, opened, pinched and finned.
#include <catch2/catch.hpp>

#include "core/MeshTopology.h"

using namespace ra::core;

namespace {

// A right-handed tetrahedron at `o`, faces counter-clockwise seen from outside; volume s^3/6.
struct Tetra {
    std::vector<glm::vec3> positions;
    std::vector<uint32_t> indices;
};

Tetra tetra(glm::vec3 o = glm::vec3(0.0f), float s = 1.0f) {
    Tetra t;
    t.positions = {o, o + glm::vec3(s, 0, 0), o + glm::vec3(0, s, 0), o + glm::vec3(0, 0, s)};
    t.indices = {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3};
    return t;
}

void append(Tetra& to, const Tetra& from) {
    const auto base = uint32_t(to.positions.size());
    to.positions.insert(to.positions.end(), from.positions.begin(), from.positions.end());
    for (uint32_t i : from.indices) to.indices.push_back(base + i);
}

}  // namespace

TEST_CASE("topology: a tetrahedron is closed, genus 0, outward", "[topology]") {
    const Tetra t = tetra(glm::vec3(1.0f, 2.0f, 3.0f), 2.0f);
    const TopologyReport r = analyzeTopology(t.positions, t.indices);
    CHECK(r.vertices == 4);
    CHECK(r.triangles == 4);
    CHECK(r.boundaryEdges == 0);
    CHECK(r.nonManifoldEdges == 0);
    CHECK(r.nonManifoldVertices == 0);
    CHECK(r.inconsistentEdges == 0);
    CHECK(r.degenerateTriangles == 0);
    CHECK(r.components == 1);
    CHECK(r.eulerCharacteristic == 2);
    CHECK(r.signedVolume == Approx(8.0 / 6.0));
    CHECK(r.watertight());
}

TEST_CASE("topology: inside-out winding gives a negative volume", "[topology]") {
    Tetra t = tetra();
    for (size_t i = 0; i < t.indices.size(); i += 3) std::swap(t.indices[i + 1], t.indices[i + 2]);
    const TopologyReport r = analyzeTopology(t.positions, t.indices);
    CHECK(r.inconsistentEdges == 0);
    CHECK(r.signedVolume == Approx(-1.0 / 6.0));
    CHECK_FALSE(r.watertight());
}

TEST_CASE("topology: one flipped face makes its three edges inconsistent", "[topology]") {
    Tetra t = tetra();
    std::swap(t.indices[1], t.indices[2]);
    const TopologyReport r = analyzeTopology(t.positions, t.indices);
    CHECK(r.inconsistentEdges == 3);
    CHECK(r.boundaryEdges == 0);
    CHECK(r.nonManifoldEdges == 0);
    CHECK_FALSE(r.watertight());
}

TEST_CASE("topology: a missing face leaves three boundary edges", "[topology]") {
    Tetra t = tetra();
    t.indices.resize(9);
    const TopologyReport r = analyzeTopology(t.positions, t.indices);
    CHECK(r.boundaryEdges == 3);
    CHECK(r.inconsistentEdges == 0);
    CHECK(r.nonManifoldVertices == 0);
    CHECK(r.eulerCharacteristic == 1);
    CHECK_FALSE(r.watertight());
}

TEST_CASE("topology: two tetrahedra touching at a corner pinch one vertex", "[topology]") {
    // The second is the first mirrored through the origin (faces reversed to stay outward).
    Tetra u;
    u.positions = {glm::vec3(0.0f), {-1, 0, 0}, {0, -1, 0}, {0, 0, -1}};
    u.indices = {0, 1, 2, 0, 3, 1, 0, 2, 3, 1, 3, 2};
    Tetra both = tetra();
    append(both, u);
    const TopologyReport r = analyzeTopology(both.positions, both.indices);
    CHECK(r.vertices == 7);  // the two copies of the origin are welded
    CHECK(r.nonManifoldVertices == 1);
    CHECK(r.nonManifoldEdges == 0);
    CHECK(r.boundaryEdges == 0);
    CHECK(r.inconsistentEdges == 0);
    CHECK(r.components == 2);
    CHECK(r.signedVolume == Approx(2.0 / 6.0));
    CHECK_FALSE(r.watertight());
}

TEST_CASE("topology: three triangles on one edge make it non-manifold", "[topology]") {
    const std::vector<glm::vec3> p = {
        {0, 0, 0}, {1, 0, 0}, {0.5f, 1, 0}, {0.5f, -1, 0.2f}, {0.5f, 0, 1}};
    const std::vector<uint32_t> idx = {0, 1, 2, 1, 0, 3, 0, 1, 4};
    const TopologyReport r = analyzeTopology(p, idx);
    CHECK(r.nonManifoldEdges == 1);
    CHECK(r.boundaryEdges == 6);
    CHECK(r.nonManifoldVertices == 0);
    CHECK(r.components == 1);
    CHECK_FALSE(r.watertight());
}

TEST_CASE("topology: degenerate triangles and seams", "[topology]") {
    SECTION("a repeated index and a zero-area sliver are both degenerate") {
        const std::vector<glm::vec3> p = {{0, 0, 0}, {1, 0, 0}, {2, 0, 0}, {0, 1, 0}};
        const TopologyReport r = analyzeTopology(p, {0, 0, 3, 0, 1, 2});
        CHECK(r.degenerateTriangles == 2);
    }
    SECTION("a seam of duplicated positions still counts as closed") {
        Tetra t = tetra();
        t.positions.push_back(t.positions[3]);  // a copy of vertex 3, as a UV seam would make
        t.indices[5] = 4;
        const TopologyReport r = analyzeTopology(t.positions, t.indices);
        CHECK(r.vertices == 4);
        CHECK(r.watertight());
    }
}

TEST_CASE("topology: two crossing triangles are found, a clean mesh has none", "[topology]") {
    const std::vector<glm::vec3> p = {{0, 0, 0},           {1, 0, 0},          {0, 1, 0},
                                      {0.2f, 0.2f, -0.5f}, {0.3f, 0.3f, 0.5f}, {0.9f, 0.9f, 0.1f}};
    const auto hits = findSelfIntersections(p, {0, 1, 2, 3, 4, 5});
    REQUIRE(hits.size() == 1);
    CHECK(hits[0] == std::pair<uint32_t, uint32_t>(0, 1));

    SECTION("moved clear, they do not intersect") {
        auto q = p;
        for (size_t i = 3; i < 6; ++i) q[i].z += 2.0f;
        CHECK(findSelfIntersections(q, {0, 1, 2, 3, 4, 5}).empty());
    }
    SECTION("coplanar overlapping triangles intersect") {
        const std::vector<glm::vec3> c = {{0, 0, 0},       {1, 0, 0},       {0, 1, 0},
                                          {0.2f, 0.2f, 0}, {1.2f, 0.2f, 0}, {0.2f, 1.2f, 0}};
        CHECK(findSelfIntersections(c, {0, 1, 2, 3, 4, 5}).size() == 1);
    }
    SECTION("a closed tetrahedron, whose faces only share vertices, is clean") {
        const Tetra t = tetra();
        CHECK(findSelfIntersections(t.positions, t.indices).empty());
    }
    SECTION("the search stops at maxPairs") {
        std::vector<glm::vec3> many;
        std::vector<uint32_t> idx;
        for (int i = 0; i < 6; ++i) {  // six copies of one triangle, each a little higher
            for (const auto& v : {p[0], p[1], p[2]})
                many.push_back(v + glm::vec3(0, 0, 1e-3f * float(i)));
            for (uint32_t k = 0; k < 3; ++k) idx.push_back(uint32_t(idx.size()));
        }
        many.push_back({0.25f, 0.25f, -1});  // and one spike through all of them
        many.push_back({0.3f, 0.25f, 1});
        many.push_back({0.25f, 0.3f, 1});
        idx.insert(idx.end(), {18, 19, 20});
        CHECK(findSelfIntersections(many, idx, 4).size() == 4);
        CHECK(findSelfIntersections(many, idx, 100).size() == 6);
    }
}
