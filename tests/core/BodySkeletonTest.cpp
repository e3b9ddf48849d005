// BodySkeletonTest: the x-ray skeleton's pieces (names, order, closed outward meshes), the spine's
// curves and spacing, the rib cage ending at T12 with a free lumbar spine, mirror symmetry,
// landmarks reached, triangle budget and determinism.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/BodySkeleton.h"

using namespace ra::core;

namespace {

const std::vector<BonePiece>& skeleton() {
    static const std::vector<BonePiece> pieces = buildSkeleton(defaultSkeletonFrame(1.75f));
    return pieces;
}

const BonePiece& piece(const std::vector<BonePiece>& pieces, const std::string& name) {
    for (const BonePiece& p : pieces)
        if (p.name == name) return p;
    FAIL("no piece " << name);
    return pieces.front();
}

std::vector<std::string> vertebraNames() {
    std::vector<std::string> n;
    const auto level = [](char region, int i) { return std::string(1, region) += std::to_string(i); };
    for (int i = 1; i <= 7; ++i) n.push_back(level('C', i));
    for (int i = 1; i <= 12; ++i) n.push_back(level('T', i));
    for (int i = 1; i <= 5; ++i) n.push_back(level('L', i));
    return n;
}

// Connected pieces of a mesh (shells), as a component id per vertex.
std::vector<uint32_t> shells(const TriMesh& m) {
    std::vector<uint32_t> parent(m.positions.size());
    for (size_t i = 0; i < parent.size(); ++i) parent[i] = static_cast<uint32_t>(i);
    auto find = [&](uint32_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    for (size_t t = 0; t < m.indices.size(); t += 3) {
        parent[find(m.indices[t])] = find(m.indices[t + 1]);
        parent[find(m.indices[t + 1])] = find(m.indices[t + 2]);
    }
    for (size_t i = 0; i < parent.size(); ++i) parent[i] = find(static_cast<uint32_t>(i));
    return parent;
}

// Each directed edge should appear once and its reverse once: then each undirected edge is used
// by exactly two triangles, running it in opposite directions (closed and consistently wound).
struct EdgeCount {
    size_t open = 0, repeated = 0, degenerate = 0;
};
EdgeCount countEdges(const TriMesh& m) {
    std::map<std::pair<uint32_t, uint32_t>, int> directed;
    EdgeCount c;
    for (size_t t = 0; t < m.indices.size(); t += 3) {
        const uint32_t v[3] = {m.indices[t], m.indices[t + 1], m.indices[t + 2]};
        for (int e = 0; e < 3; ++e) ++directed[{v[e], v[(e + 1) % 3]}];
        const glm::vec3 n = glm::cross(m.positions[v[1]] - m.positions[v[0]],
                                       m.positions[v[2]] - m.positions[v[0]]);
        if (glm::length(n) < 1e-12f) ++c.degenerate;
    }
    for (const auto& [edge, count] : directed) {
        if (count != 1) ++c.repeated;
        if (directed.find({edge.second, edge.first}) == directed.end()) ++c.open;
    }
    return c;
}

// Every shell encloses positive volume (outward winding); normals are finite, unit length and
// point away from their shell's centre on the whole.
void checkShellsOutward(const TriMesh& m) {
    const std::vector<uint32_t> shell = shells(m);
    std::map<uint32_t, glm::dvec3> centroid;
    std::map<uint32_t, int> count;
    for (size_t i = 0; i < m.positions.size(); ++i) {
        centroid[shell[i]] += glm::dvec3(m.positions[i]);
        ++count[shell[i]];
    }
    for (auto& [s, c] : centroid) c /= count[s];
    std::map<uint32_t, double> volume, outward;
    for (size_t t = 0; t < m.indices.size(); t += 3) {
        const uint32_t s = shell[m.indices[t]];
        const glm::dvec3 a = glm::dvec3(m.positions[m.indices[t]]) - centroid[s];
        const glm::dvec3 b = glm::dvec3(m.positions[m.indices[t + 1]]) - centroid[s];
        const glm::dvec3 c = glm::dvec3(m.positions[m.indices[t + 2]]) - centroid[s];
        volume[s] += glm::dot(a, glm::cross(b, c)) / 6.0;
    }
    bool finite = true, unit = true;
    for (size_t i = 0; i < m.positions.size(); ++i) {
        const glm::vec3 &pos = m.positions[i], &n = m.normals[i];
        finite = finite && std::isfinite(pos.x + pos.y + pos.z + n.x + n.y + n.z);
        unit = unit && std::abs(glm::length(n) - 1.0f) < 1e-3f;
        outward[shell[i]] += glm::dot(glm::dvec3(n), glm::dvec3(pos) - centroid[shell[i]]);
    }
    CHECK(finite);
    CHECK(unit);
    for (const auto& [s, v] : volume) CHECK(v > 1e-9);
    for (const auto& [s, o] : outward) CHECK(o > 0.0);
}

struct Box {
    glm::vec3 lo{1e9f}, hi{-1e9f};
};
Box bounds(const TriMesh& m) {
    Box b;
    for (const glm::vec3& p : m.positions) {
        b.lo = glm::min(b.lo, p);
        b.hi = glm::max(b.hi, p);
    }
    return b;
}

float minDistance(const TriMesh& m, const glm::vec3& q) {
    float best = 1e9f;
    for (const glm::vec3& p : m.positions) best = std::min(best, glm::distance(p, q));
    return best;
}

// Every vertex of `a`, mirrored x -> -x, has a vertex of `b` within `eps`.
bool mirrorsOnto(const TriMesh& a, const TriMesh& b, float eps) {
    for (const glm::vec3& p : a.positions)
        if (minDistance(b, glm::vec3(-p.x, p.y, p.z)) > eps) return false;
    return true;
}

// Half-width of a vertebral body at its waist: vertices at the centre's height in front of it
// (the processes are all behind).
float bodyHalfWidth(const BonePiece& v, const glm::vec3& up) {
    const glm::vec3 front = glm::normalize(glm::cross(glm::vec3(1, 0, 0), up));
    float w = 0.0f;
    for (const glm::vec3& p : v.mesh.positions) {
        const glm::vec3 d = p - v.anchor;
        if (std::abs(glm::dot(d, up)) < 0.002f && glm::dot(d, front) > 0.003f)
            w = std::max(w, std::abs(d.x));
    }
    return w;
}

}  // namespace

TEST_CASE("every bone is there, named and ordered", "[skeleton]") {
    const auto& pieces = skeleton();
    std::vector<std::string> want = vertebraNames();
    want.push_back("sacrum");
    for (int k = 1; k <= 12; ++k) {
        want.push_back("rib_" + std::to_string(k) + "_l");
        want.push_back("rib_" + std::to_string(k) + "_r");
    }
    for (const char* n : {"sternum", "pelvis", "scapula_l", "scapula_r", "femur_l", "femur_r"})
        want.push_back(n);
    REQUIRE(pieces.size() == want.size());
    REQUIRE(pieces.size() == 55);
    for (size_t i = 0; i < want.size(); ++i) {
        INFO(i);
        CHECK(pieces[i].name == want[i]);
    }
    for (size_t i = 0; i < 24; ++i) CHECK(pieces[i].kind == BoneKind::Vertebra);
    CHECK(pieces[24].kind == BoneKind::Sacrum);
    for (size_t i = 25; i < 49; ++i) {
        CHECK(pieces[i].kind == BoneKind::Rib);
        CHECK(pieces[i].side == static_cast<int>((i - 25) % 2));
    }
    CHECK(piece(pieces, "sternum").kind == BoneKind::Sternum);
    CHECK(piece(pieces, "pelvis").kind == BoneKind::Pelvis);
    CHECK(piece(pieces, "scapula_r").kind == BoneKind::Scapula);
    CHECK(piece(pieces, "scapula_r").side == 1);
    CHECK(piece(pieces, "femur_l").kind == BoneKind::Femur);
    CHECK(piece(pieces, "femur_l").side == 0);
    CHECK(piece(pieces, "pelvis").side == -1);
}

TEST_CASE("every piece is closed, outward-wound, with unit normals", "[skeleton]") {
    for (const BonePiece& p : skeleton()) {
        INFO(p.name);
        const TriMesh& m = p.mesh;
        REQUIRE(m.triangleCount() >= 100);
        REQUIRE(m.normals.size() == m.positions.size());
        REQUIRE(m.indices.size() % 3 == 0);
        REQUIRE(std::all_of(m.indices.begin(), m.indices.end(),
                            [&](uint32_t i) { return i < m.positions.size(); }));
        const EdgeCount edges = countEdges(m);
        CHECK(edges.open == 0);
        CHECK(edges.repeated == 0);
        CHECK(edges.degenerate == 0);
        checkShellsOutward(m);
    }
}

TEST_CASE("vertebrae descend along an S-curved spine with disc gaps", "[skeleton]") {
    const auto& pieces = skeleton();
    const SkeletonFrame f = defaultSkeletonFrame(1.75f);
    for (size_t i = 0; i + 1 < 24; ++i) {
        INFO(pieces[i].name);
        CHECK(pieces[i].anchor.y > pieces[i + 1].anchor.y + 0.010f);
    }
    CHECK(pieces[0].anchor.y < f.skullBase.y);
    CHECK(pieces[6].anchor.y > f.c7t1.y);
    CHECK(pieces[7].anchor.y < f.c7t1.y);
    CHECK(pieces[18].anchor.y > f.t12l1.y);
    CHECK(pieces[19].anchor.y < f.t12l1.y);
    CHECK(pieces[23].anchor.y > f.l5s1.y);

    // Bodies do not touch: along the line joining two centres, the lower face of the upper body
    // stays more than 2 mm above the upper face of the lower one. Only vertices close to that
    // line count (the bodies' end plates; the processes lie further back). C1 has no body, and
    // the dens of C2 rises into its ring, so the pairs start at C2/C3; L5/S1 is included.
    std::vector<std::pair<const BonePiece*, const BonePiece*>> pairs;
    for (size_t i = 1; i + 1 < 24; ++i) pairs.push_back({&pieces[i], &pieces[i + 1]});
    pairs.push_back({&pieces[23], &pieces[24]});
    for (const auto& [upper, lower] : pairs) {
        INFO(upper->name << " / " << lower->name);
        const glm::vec3 axis = glm::normalize(upper->anchor - lower->anchor);
        auto extent = [&](const BonePiece& p, bool lowest) {
            float e = lowest ? 1e9f : -1e9f;
            int n = 0;
            for (const glm::vec3& v : p.mesh.positions) {
                const glm::vec3 d = v - lower->anchor;
                const float along = glm::dot(d, axis);
                if (glm::length(d - along * axis) > 0.005f) continue;
                e = lowest ? std::min(e, along) : std::max(e, along);
                ++n;
            }
            REQUIRE(n > 0);
            return e;
        };
        CHECK(extent(*upper, true) - extent(*lower, false) > 0.002f);
    }

    // The natural curves: cervical and lumbar forward of their chords, thoracic behind.
    auto offset = [&](const BonePiece& v, glm::vec3 a, glm::vec3 b) {
        const float t = (a.y - v.anchor.y) / (a.y - b.y);
        return v.anchor.z - glm::mix(a, b, t).z;
    };
    CHECK(offset(piece(pieces, "C4"), f.skullBase, f.c7t1) > 0.5f * f.cervicalLordosis);
    CHECK(offset(piece(pieces, "T7"), f.c7t1, f.t12l1) < -0.7f * f.thoracicKyphosis);
    CHECK(offset(piece(pieces, "L3"), f.t12l1, f.l5s1) > 0.7f * f.lumbarLordosis);
}

TEST_CASE("vertebral bodies grow from neck to low back; processes point the right way",
          "[skeleton]") {
    const auto& p = skeleton();
    auto up = [&](size_t i) { return glm::normalize(p[i - 1].anchor - p[i + 1].anchor); };
    float cervicalMax = 0.0f, lumbarMin = 1.0f;
    for (size_t i = 1; i < 7; ++i) cervicalMax = std::max(cervicalMax, bodyHalfWidth(p[i], up(i)));
    for (size_t i = 19; i < 24; ++i) {
        const glm::vec3 u = i == 23 ? glm::normalize(p[22].anchor - p[23].anchor) : up(i);
        lumbarMin = std::min(lumbarMin, bodyHalfWidth(p[i], u));
    }
    CHECK(cervicalMax > 0.007f);
    CHECK(cervicalMax < 0.013f);
    CHECK(lumbarMin > 0.018f);
    CHECK(lumbarMin < 0.026f);
    CHECK(lumbarMin > 1.6f * cervicalMax);

    // The back-most point: thoracic spinous processes slope down, lumbar ones stay level, C7's
    // stands out beyond C6's.
    auto backMost = [&](const BonePiece& v) {
        glm::vec3 b = v.anchor;
        for (const glm::vec3& q : v.mesh.positions)
            if (q.z < b.z) b = q;
        return b - v.anchor;
    };
    const glm::vec3 t6 = backMost(piece(p, "T6")), l3 = backMost(piece(p, "L3"));
    CHECK(t6.y < -0.020f);
    CHECK(std::abs(l3.y) < 0.016f);
    CHECK(l3.z < -0.045f);
    CHECK(backMost(piece(p, "C7")).z < backMost(piece(p, "C6")).z - 0.006f);
}

TEST_CASE("the rib cage ends at T12 and leaves the lumbar spine bare", "[skeleton]") {
    const auto& pieces = skeleton();
    const SkeletonFrame f = defaultSkeletonFrame(1.75f);
    const glm::vec3 l2 = piece(pieces, "L2").anchor, l5 = piece(pieces, "L5").anchor;
    std::vector<float> halfWidth(13, 0.0f);
    for (const BonePiece& r : pieces) {
        if (r.kind != BoneKind::Rib) continue;
        INFO(r.name);
        const int k = std::stoi(r.name.substr(4));
        // The head sits at the side of its own thoracic vertebra.
        const BonePiece& t = piece(pieces, std::string("T") += std::to_string(k));
        CHECK(glm::distance(r.anchor, t.anchor) < 0.03f);
        for (const glm::vec3& v : r.mesh.positions) {
            halfWidth[static_cast<size_t>(k)] =
                std::max(halfWidth[static_cast<size_t>(k)], std::abs(v.x));
            REQUIRE(v.y > l2.y);
            if (v.y < l2.y && v.y > l5.y) {
                const glm::vec2 d(v.x - l2.x, v.z - l2.z);
                REQUIRE(glm::length(d) > 0.20f);
            }
        }
    }
    const auto widest = std::max_element(halfWidth.begin(), halfWidth.end()) - halfWidth.begin();
    CHECK(widest >= 6);
    CHECK(widest <= 9);
    CHECK(halfWidth[static_cast<size_t>(widest)] == Approx(f.ribCageHalfWidth).margin(0.005));
    CHECK(halfWidth[1] < 0.7f * f.ribCageHalfWidth);

    // The 12th rib is a short floating rib; the 11th ends at the side, well short of the front.
    const BonePiece& r12 = piece(pieces, "rib_12_l");
    float reach = 0.0f;
    for (const glm::vec3& v : r12.mesh.positions)
        reach = std::max(reach, glm::distance(v, r12.anchor));
    CHECK(reach > 0.08f);
    CHECK(reach < 0.15f);
    CHECK(bounds(piece(pieces, "rib_11_l").mesh).hi.z < 0.5f * f.sternumBottom.z);
    // True ribs reach the sternum.
    for (int k = 1; k <= 7; ++k) {
        INFO("rib " << k);
        CHECK(bounds(piece(pieces, "rib_" + std::to_string(k) + "_l").mesh).lo.x < 0.02f);
    }
}

TEST_CASE("the costal margin reads as an inverted V from the front", "[skeleton]") {
    const auto& pieces = skeleton();
    const SkeletonFrame f = defaultSkeletonFrame(1.75f);
    const float frontOf = 0.5f * (f.t12l1.z + f.sternumBottom.z);
    // Lowest bone of the cage's front half in a vertical strip at x.
    auto lowest = [&](float x) {
        float low = 1e9f;
        for (const BonePiece& p : pieces) {
            if (p.kind != BoneKind::Rib && p.kind != BoneKind::Sternum) continue;
            for (const glm::vec3& v : p.mesh.positions)
                if (v.z > frontOf && std::abs(std::abs(v.x) - x) < 0.006f) low = std::min(low, v.y);
        }
        return low;
    };
    const float mid = lowest(0.0f), near = lowest(0.05f), far = lowest(0.095f);
    CHECK(mid == Approx(f.sternumBottom.y).margin(0.01));
    CHECK(near < mid - 0.02f);
    CHECK(far < near - 0.02f);
}

TEST_CASE("pelvis, sacrum, sternum, scapulae and femurs reach their landmarks", "[skeleton]") {
    const auto& p = skeleton();
    const SkeletonFrame f = defaultSkeletonFrame(1.75f);
    const Box pelvis = bounds(piece(p, "pelvis").mesh);
    CHECK(pelvis.hi.y == Approx(f.iliacCrest[0].y).margin(0.01));
    CHECK(pelvis.hi.x == Approx(f.iliacCrest[0].x).margin(0.012));
    CHECK(pelvis.lo.x == Approx(f.iliacCrest[1].x).margin(0.012));
    CHECK(pelvis.lo.y < f.hipJoint[0].y - 0.07f);  // the ischial tuberosities
    CHECK(minDistance(piece(p, "pelvis").mesh, f.hipJoint[0]) < 0.03f);

    const Box sacrum = bounds(piece(p, "sacrum").mesh);
    CHECK(sacrum.hi.y < piece(p, "L5").anchor.y);
    CHECK(f.l5s1.y - sacrum.lo.y > 0.09f);
    CHECK(f.l5s1.y - sacrum.lo.y < 0.15f);

    const Box sternum = bounds(piece(p, "sternum").mesh);
    CHECK(sternum.hi.y == Approx(f.sternumTop.y).margin(0.008));
    CHECK(sternum.lo.y == Approx(f.sternumBottom.y).margin(0.008));

    for (int side = 0; side < 2; ++side) {
        INFO("side " << side);
        const BonePiece& s = piece(p, side == 0 ? "scapula_l" : "scapula_r");
        const Box b = bounds(s.mesh);
        const float medial = side == 0 ? b.lo.x : -b.hi.x;
        CHECK(medial > 0.045f);
        CHECK(medial < 0.075f);
        CHECK(b.hi.y > piece(p, "T2").anchor.y);
        CHECK(b.lo.y < piece(p, "T7").anchor.y);
        CHECK(b.lo.y > piece(p, "T10").anchor.y);
        CHECK(minDistance(s.mesh, f.acromion[side]) < 0.008f);
        const float glenoid = minDistance(s.mesh, f.shoulderJoint[side]);
        CHECK(glenoid > 0.012f);
        CHECK(glenoid < 0.032f);

        const BonePiece& femur = piece(p, side == 0 ? "femur_l" : "femur_r");
        const Box fb = bounds(femur.mesh);
        CHECK(fb.hi.y == Approx(f.hipJoint[side].y + 0.023f).margin(0.006));
        CHECK(fb.lo.y == Approx(f.knee[side].y).margin(0.01));
        const float headMedial = side == 0 ? f.hipJoint[0].x - fb.lo.x : fb.hi.x - f.hipJoint[1].x;
        CHECK(headMedial == Approx(0.023f).margin(0.003));  // the head is the most medial part
    }
}

TEST_CASE("left and right bones mirror each other", "[skeleton]") {
    const auto& p = skeleton();
    for (size_t i = 0; i < p.size(); ++i) {
        const BonePiece& a = p[i];
        INFO(a.name);
        if (a.side == 0) {
            const BonePiece& b = p[i + 1];  // every right piece follows its left one
            REQUIRE(b.side == 1);
            CHECK(b.mesh.positions.size() == a.mesh.positions.size());
            CHECK(b.mesh.triangleCount() == a.mesh.triangleCount());
            CHECK(mirrorsOnto(a.mesh, b.mesh, 1e-5f));
            CHECK(mirrorsOnto(b.mesh, a.mesh, 1e-5f));
            CHECK(a.anchor.x == Approx(-b.anchor.x).margin(1e-6));
        } else if (a.side == -1) {
            CHECK(mirrorsOnto(a.mesh, a.mesh, 1e-5f));
        }
    }
}

TEST_CASE("triangle budget, determinism and scaling with stature", "[skeleton]") {
    const auto& p = skeleton();
    size_t total = 0;
    for (const BonePiece& b : p) total += b.mesh.triangleCount();
    CHECK(total >= 10000);
    CHECK(total <= 35000);

    const std::vector<BonePiece> again = buildSkeleton(defaultSkeletonFrame(1.75f));
    REQUIRE(again.size() == p.size());
    for (size_t i = 0; i < p.size(); ++i) {
        INFO(p[i].name);
        CHECK(again[i].name == p[i].name);
        CHECK(again[i].anchor == p[i].anchor);
        CHECK(again[i].mesh.positions == p[i].mesh.positions);
        CHECK(again[i].mesh.normals == p[i].mesh.normals);
        CHECK(again[i].mesh.indices == p[i].mesh.indices);
    }

    // A shorter person: the same bones, every one scaled about the origin.
    const float k = 1.60f / 1.75f;
    const std::vector<BonePiece> small = buildSkeleton(defaultSkeletonFrame(1.60f));
    REQUIRE(small.size() == p.size());
    for (size_t i = 0; i < p.size(); ++i) {
        INFO(p[i].name);
        CHECK(small[i].mesh.triangleCount() == p[i].mesh.triangleCount());
        const Box a = bounds(p[i].mesh), b = bounds(small[i].mesh);
        for (int c = 0; c < 3; ++c) {
            CHECK(b.lo[c] == Approx(a.lo[c] * k).margin(1e-4));
            CHECK(b.hi[c] == Approx(a.hi[c] * k).margin(1e-4));
        }
    }
}

TEST_CASE("another body's landmarks still give closed, finite bones in place", "[skeleton]") {
    SkeletonFrame f = defaultSkeletonFrame(1.90f);
    f.thoracicKyphosis *= 1.6f;
    f.lumbarLordosis *= 1.5f;
    f.ribCageHalfWidth *= 1.1f;
    for (int side = 0; side < 2; ++side) {
        const float sx = side == 0 ? 1.0f : -1.0f;
        f.acromion[side].x += sx * 0.02f;
        f.shoulderJoint[side].x += sx * 0.02f;
        f.hipJoint[side].x += sx * 0.01f;
        f.knee[side].x -= sx * 0.02f;
    }
    const std::vector<BonePiece> pieces = buildSkeleton(f);
    REQUIRE(pieces.size() == 55);
    for (const BonePiece& p : pieces) {
        INFO(p.name);
        const EdgeCount edges = countEdges(p.mesh);
        CHECK(edges.open == 0);
        CHECK(edges.repeated == 0);
        checkShellsOutward(p.mesh);
    }
    CHECK(bounds(piece(pieces, "pelvis").mesh).hi.y == Approx(f.iliacCrest[0].y).margin(0.012));
    CHECK(minDistance(piece(pieces, "scapula_r").mesh, f.acromion[1]) < 0.01f);
    CHECK(bounds(piece(pieces, "femur_l").mesh).lo.y == Approx(f.knee[0].y).margin(0.012));
}
