// BodyTest: the generated anatomical body measured on its mesh against the anthropometric table
// (Drillis and Contini, within 3%), a closed manifold skin in budget, sane weights that survive
// 120-degree bends, every region painted where it belongs, the x-ray skeleton, determinism and
// the committed asset, the second (female) figure from the same primitives, and spec errors.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "BodyFixture.h"
#include "core/Body.h"
#include "core/BodyPoses.h"
#include "core/GlbWriter.h"
#include "core/MeshTopology.h"
#include "core/Pose.h"
#include "core/RegionTable.h"

using namespace ra::core;

namespace {

const std::string kAnatomy = kAnatomyDir;
const std::string kRegions = kRegionTablePath;

const ModelData& adult() {
    return bodyFixture();
}

const ModelData& female() {
    static const ModelData m = [] {
        Diagnostics d;
        BodyOptions o;
        o.animation = false;
        auto b = buildBodyFromFiles(kAnatomy + "body-female.json", kRegions, d, o);
        INFO(d.str());
        REQUIRE(b);
        return *b;
    }();
    return m;
}

const Primitive& skin(const ModelData& m) {
    return bodySkin(m);
}

int node(const ModelData& m, const std::string& name) {
    return bodyNode(m, name);
}

glm::vec3 joint(const ModelData& m, const std::string& name) {
    const Pose rest = restPose(m);
    return glm::vec3(rest.world.at(size_t(node(m, name)))[3]);
}

// Summed weight of vertex v on the joints whose names start with any of `prefixes`.
float follows(const ModelData& m, size_t v, std::initializer_list<const char*> prefixes) {
    const Primitive& p = skin(m);
    float w = 0.0f;
    for (int k = 0; k < 4; ++k) {
        const std::string& n = m.nodes[size_t(m.skins[0].joints[p.joints[v][k]])].name;
        for (const char* pre : prefixes)
            if (n.rfind(pre, 0) == 0) w += p.weights[v][k];
    }
    return w;
}

struct Extent {
    glm::vec3 lo{1e9f}, hi{-1e9f};
    void add(const glm::vec3& p) {
        lo = glm::min(lo, p);
        hi = glm::max(hi, p);
    }
};

// The table's measures, taken on the mesh and the rig, as fractions of the stature.
std::map<std::string, float> measure(const ModelData& m) {
    const Primitive& p = skin(m);
    Extent all, chest, hips, shoulders, footL, handL;
    float chin = 1e9f;
    for (size_t v = 0; v < p.positions.size(); ++v) all.add(p.positions[v]);
    const float H = all.hi.y - all.lo.y;
    const float chestY = 0.720f * H, hipY = joint(m, "thigh_l").y;
    const float shoulderY = joint(m, "upper_arm_l").y;
    for (size_t v = 0; v < p.positions.size(); ++v) {
        const glm::vec3 q = p.positions[v];
        const float arm = follows(m, v, {"upper_arm", "forearm", "hand"});
        if (arm < 0.5f && std::abs(q.y - chestY) < 0.006f) chest.add(q);
        if (arm < 0.5f && std::abs(q.y - hipY) < 0.006f) hips.add(q);
        if (std::abs(q.y - shoulderY) < 0.03f) shoulders.add(q);
        if (follows(m, v, {"foot_l", "toes_l"}) > 0.5f) footL.add(q);
        if (follows(m, v, {"hand_l"}) > 0.5f) handL.add(q);
        if (follows(m, v, {"head"}) > 0.6f && q.z > 0.02f) chin = std::min(chin, q.y);
    }
    // The acromion: the top of the shoulder over the joint.
    float acromion = 0.0f;
    const glm::vec3 sj = joint(m, "upper_arm_l");
    for (const glm::vec3& q : p.positions)
        if (std::abs(q.x - sj.x) < 0.01f && std::abs(q.z - sj.z) < 0.03f && q.y < sj.y + 0.1f)
            acromion = std::max(acromion, q.y);
    const glm::vec3 wrist = joint(m, "hand_l");
    float handLen = 0.0f;
    for (size_t v = 0; v < p.positions.size(); ++v)
        if (follows(m, v, {"hand_l"}) > 0.5f)
            handLen = std::max(handLen, glm::length(p.positions[v] - wrist));
    auto dist = [&](const char* a, const char* b) {
        return glm::length(joint(m, a) - joint(m, b));
    };
    return {{"stature", H},
            {"head", (all.hi.y - chin) / H},
            {"chin height", chin / H},
            {"shoulder height", acromion / H},
            {"elbow height", joint(m, "forearm_l").y / H},
            {"wrist height", wrist.y / H},
            {"hip height", hipY / H},
            {"knuckle height", handL.lo.y / H},
            {"knee height", joint(m, "shin_l").y / H},
            {"ankle height", joint(m, "foot_l").y / H},
            {"shoulder width", (shoulders.hi.x - shoulders.lo.x) / H},
            {"chest width", (chest.hi.x - chest.lo.x) / H},
            {"hip width", (hips.hi.x - hips.lo.x) / H},
            {"upper arm", dist("upper_arm_l", "forearm_l") / H},
            {"forearm", dist("forearm_l", "hand_l") / H},
            {"hand", handLen / H},
            {"thigh", dist("thigh_l", "shin_l") / H},
            {"shank", dist("shin_l", "foot_l") / H},
            {"foot length", (footL.hi.z - footL.lo.z) / H},
            {"foot width", (footL.hi.x - footL.lo.x) / H}};
}

void checkProportions(const ModelData& m, float stature) {
    const std::map<std::string, float> table = {
        {"head", 0.130f},           {"chin height", 0.870f},  {"shoulder height", 0.818f},
        {"elbow height", 0.630f},   {"wrist height", 0.485f}, {"hip height", 0.530f},
        {"knuckle height", 0.377f}, {"knee height", 0.285f},  {"ankle height", 0.039f},
        {"shoulder width", 0.259f}, {"chest width", 0.174f},  {"hip width", 0.191f},
        {"upper arm", 0.186f},      {"forearm", 0.146f},      {"hand", 0.108f},
        {"thigh", 0.245f},          {"shank", 0.246f},        {"foot length", 0.152f},
        {"foot width", 0.055f}};
    const auto got = measure(m);
    CHECK(got.at("stature") == Approx(stature).epsilon(0.01));
    for (const auto& [name, expected] : table) {
        INFO(name << ": measured " << got.at(name) << " H, table " << expected << " H");
        CHECK(got.at(name) == Approx(expected).epsilon(0.03));
    }
}

}  // namespace

TEST_CASE("body: proportions measured on the mesh match the anthropometric table", "[body]") {
    checkProportions(adult(), 1.75f);
}

TEST_CASE("body: the skin is one closed, manifold, outward surface in budget", "[body]") {
    const Primitive& p = skin(adult());
    const TopologyReport t = analyzeTopology(p.positions, p.indices);
    CHECK(t.boundaryEdges == 0);
    CHECK(t.nonManifoldEdges == 0);
    CHECK(t.nonManifoldVertices == 0);
    CHECK(t.inconsistentEdges == 0);
    CHECK(t.degenerateTriangles == 0);
    CHECK(t.components == 1);
    CHECK(t.eulerCharacteristic == 2);
    CHECK(t.watertight());
    CHECK(t.triangles >= 30000);
    CHECK(t.triangles <= 80000);
    CHECK(findSelfIntersections(p.positions, p.indices, 4).empty());
    for (const glm::vec3& n : p.normals) REQUIRE(std::abs(glm::length(n) - 1.0f) < 1e-3f);
}

TEST_CASE("body: the rig has the stable joint names and at most four normalised weights",
          "[body]") {
    const ModelData& m = adult();
    for (const char* n : {"pelvis",
                          "spine_lumbar_1",
                          "spine_lumbar_2",
                          "spine_thoracic_1",
                          "spine_thoracic_2",
                          "spine_thoracic_3",
                          "neck_1",
                          "neck_2",
                          "head",
                          "clavicle_l",
                          "clavicle_r",
                          "upper_arm_l",
                          "upper_arm_r",
                          "forearm_l",
                          "forearm_r",
                          "hand_l",
                          "hand_r",
                          "thigh_l",
                          "thigh_r",
                          "shin_l",
                          "shin_r",
                          "foot_l",
                          "foot_r",
                          "toes_l",
                          "toes_r"})
        CHECK(node(m, n) >= 0);
    CHECK(m.nodes[size_t(node(m, "pelvis"))].parent == -1);
    const Primitive& p = skin(m);
    std::vector<int> used(m.skins[0].joints.size(), 0);
    for (size_t v = 0; v < p.positions.size(); ++v) {
        const float sum = p.weights[v].x + p.weights[v].y + p.weights[v].z + p.weights[v].w;
        REQUIRE(std::abs(sum - 1.0f) < 1e-6f);
        for (int k = 0; k < 4; ++k)
            if (p.weights[v][k] > 0.0f) used[p.joints[v][k]] = 1;
    }
    for (size_t j = 0; j < used.size(); ++j) {
        INFO(m.nodes[size_t(m.skins[0].joints[j])].name);
        CHECK(used[j] == 1);
    }
}

TEST_CASE("body: joints bend 120 degrees without the skin collapsing", "[body]") {
    const ModelData& m = adult();
    const Primitive& p = skin(m);
    // (joint, child, axis): elbow and knee flex, hip and shoulder flex, the spine bends forward.
    struct Bend {
        const char* joint;
        const char* child;
        glm::vec3 axis;
    };
    for (const Bend& b :
         {Bend{"forearm_l", "upper_arm_l", {-1, 0, 0}}, Bend{"shin_l", "thigh_l", {1, 0, 0}},
          Bend{"thigh_l", "pelvis", {-1, 0, 0}}, Bend{"upper_arm_l", "clavicle_l", {-1, 0, 0}},
          Bend{"spine_lumbar_2", "spine_lumbar_1", {1, 0, 0}}}) {
        INFO(b.joint);
        Pose pose = restPose(m);
        const int j = node(m, b.joint);
        pose.local[size_t(j)].rotation = glm::angleAxis(glm::radians(120.0f), b.axis);
        computeWorld(m, pose);
        const auto mats = jointMatrices(m, 0, pose);
        const glm::vec3 centre = glm::vec3(pose.world[size_t(j)][3]);
        const glm::vec3 restCentre = joint(m, b.joint);
        // The blend zone around the joint: its nearest skin must stay well away from the joint
        // centre (a collapsing joint pinches to it), and no vertex may fly off.
        float restNear = 1e9f, posedNear = 1e9f, maxMove = 0.0f;
        for (size_t v = 0; v < p.positions.size(); ++v) {
            if (glm::length(p.positions[v] - restCentre) > 0.12f) continue;
            const glm::vec3 q = skinPosition(p.positions[v], p.joints[v], p.weights[v], mats);
            restNear = std::min(restNear, glm::length(p.positions[v] - restCentre));
            posedNear = std::min(posedNear, glm::length(q - centre));
            maxMove = std::max(maxMove, glm::length(q - p.positions[v]));
        }
        CHECK(posedNear > 0.3f * restNear);
        CHECK(maxMove < 0.5f);
    }
}

TEST_CASE("body: every region of the brief is painted, and where it belongs", "[body][regions]") {
    const ModelData& m = adult();
    const Primitive& p = skin(m);
    REQUIRE(p.regionIds.size() == p.positions.size());
    std::vector<size_t> count(m.regions.size(), 0);
    std::vector<Extent> where(m.regions.size());
    for (size_t v = 0; v < p.positions.size(); ++v) {
        REQUIRE(int(p.regionWeights[v].x) + p.regionWeights[v].y + p.regionWeights[v].z +
                    p.regionWeights[v].w ==
                255);
        const size_t r = p.regionIds[v].x;  // strongest first
        REQUIRE(r < m.regions.size());
        ++count[r];
        where[r].add(p.positions[v]);
    }
    for (size_t r = 1; r < m.regions.size(); ++r) {
        INFO(m.regions[r].id);
        CHECK(count[r] >= 40);
    }
    auto region = [&](const char* id) { return size_t(findRegion(m.regions, id)->value); };
    const glm::vec3 l1 = joint(m, "spine_thoracic_1"), l5 = joint(m, "spine_lumbar_1");
    const Extent& lumbar = where[region("lumbar_spine")];
    CHECK(lumbar.hi.z < -0.04f);                         // on the back
    CHECK(lumbar.hi.y < l1.y + 0.03f);                   // below the rib cage
    CHECK(lumbar.lo.y > l5.y - 0.06f);                   // above the sacrum
    CHECK(std::abs(lumbar.lo.x + lumbar.hi.x) < 0.01f);  // centred on the spine
    CHECK(where[region("pectorals")].lo.z > 0.0f);
    CHECK(where[region("calves")].hi.y < joint(m, "shin_l").y);
    CHECK(where[region("latissimus_dorsi")].lo.y > l1.y - 0.05f);
    CHECK(where[region("neck_extensors")].lo.y > joint(m, "spine_thoracic_3").y);
    // Soft boundaries: vertices that share two regions exist along the borders.
    size_t blended = 0;
    for (size_t v = 0; v < p.positions.size(); ++v)
        blended += p.regionWeights[v].x < 200 && p.regionWeights[v].y > 55;
    CHECK(blended > 1000);
}

TEST_CASE("body: the x-ray skeleton has every labelled piece on its joint", "[body]") {
    const ModelData& m = adult();
    std::vector<std::string> names;
    for (int i = 1; i <= 7; ++i) names.push_back("C" + std::to_string(i));
    for (int i = 1; i <= 12; ++i) names.push_back("T" + std::to_string(i));
    for (int i = 1; i <= 5; ++i) names.push_back("L" + std::to_string(i));
    for (int i = 1; i <= 12; ++i)
        for (const char* s : {"_l", "_r"}) names.push_back("rib_" + std::to_string(i) + s);
    for (const char* n :
         {"sacrum", "sternum", "pelvis", "scapula_l", "scapula_r", "femur_l", "femur_r"})
        names.push_back(n);
    const Pose rest = restPose(m);
    const float l2 = [&] {
        const int n = node(m, "bone_L2");
        REQUIRE(n >= 0);
        const Primitive& q = m.meshes[size_t(m.nodes[size_t(n)].mesh)].primitives[0];
        float y = 0.0f;
        for (const glm::vec3& v : q.positions)
            y += glm::vec3(rest.world[size_t(n)] * glm::vec4(v, 1)).y;
        return y / float(q.positions.size());
    }();
    const auto lumbar = findRegion(m.regions, "lumbar_spine");
    for (const std::string& name : names) {
        INFO(name);
        const int n = node(m, "bone_" + name);
        REQUIRE(n >= 0);
        const Node& nd = m.nodes[size_t(n)];
        REQUIRE(nd.mesh >= 0);
        CHECK(nd.parent >= 0);
        CHECK(nd.parent < int(m.skins[0].joints.size()));
        const Mesh& mesh = m.meshes[size_t(nd.mesh)];
        CHECK(mesh.layer == MeshLayer::Skeleton);
        CHECK(analyzeTopology(mesh.primitives[0].positions, mesh.primitives[0].indices)
                  .boundaryEdges == 0);
        if (name[0] == 'L' && name.size() == 2)
            CHECK(mesh.primitives[0].regionIds[0].x == lumbar->value);
        if (name.rfind("rib_", 0) == 0)  // the lumbar spine has no ribs
            for (const glm::vec3& v : mesh.primitives[0].positions)
                REQUIRE(glm::vec3(rest.world[size_t(n)] * glm::vec4(v, 1)).y > l2);
    }
}

TEST_CASE("body: generation is deterministic and the committed asset is current", "[body]") {
    GlbWriteOptions options;
    options.generator = "Roller Atlas ra-make-body";
    const std::vector<uint8_t> built = writeGlb(adult(), options);
    Diagnostics d;
    BodyOptions single;
    single.threads = 1;
    auto again = buildBodyFromFiles(kAnatomy + "body-adult.json", kRegions, d, single);
    REQUIRE(again);
    const bool sameAgain = writeGlb(*again, options) == built;
    CHECK(sameAgain);
    std::ifstream in(std::string(RA_SOURCE_DIR) + "/assets/models/body.glb", std::ios::binary);
    const std::vector<uint8_t> committed{std::istreambuf_iterator<char>(in), {}};
    INFO(
        "regenerate: ./build/ra-make-body assets/anatomy/body-adult.json "
        "assets/anatomy/regions.json assets/models/body.glb");
    const bool sameAsCommitted = committed == built;
    CHECK(sameAsCommitted);
}

TEST_CASE("body: a second figure is a data change (female spec)", "[body]") {
    const ModelData& f = female();
    checkProportions(f, 1.63f);
    const TopologyReport t = analyzeTopology(skin(f).positions, skin(f).indices);
    CHECK(t.watertight());
    // Same primitives, other values: relatively wider hips and narrower shoulders.
    const auto mf = measure(f), mm = measure(adult());
    CHECK(mf.at("hip width") / mf.at("shoulder width") >
          mm.at("hip width") / mm.at("shoulder width") + 0.02f);
}

TEST_CASE("body: built-in poses set the body on the floor", "[body]") {
    const ModelData& m = adult();
    for (const std::string& name : builtInPoseNames()) {
        INFO(name);
        Pose pose;
        std::string error;
        REQUIRE(builtInPose(m, name, {0.2f, 0.0f}, pose, error));
        const Bounds b = poseBounds(m, pose);
        CHECK(b.min.y == Approx(0.0f).margin(1e-4));
        CHECK(b.center().x == Approx(0.2f).margin(1e-4));
        if (name != "rest") CHECK(b.size().y < 1.2f);  // lying or sitting, not standing
    }
    Pose pose;
    std::string error;
    CHECK_FALSE(builtInPose(m, "handstand", {0, 0}, pose, error));
    CHECK(error.find("handstand") != std::string::npos);
}

TEST_CASE("body spec: errors name the file and the JSON pointer", "[body]") {
    const auto dir = std::filesystem::path(RA_TEST_OUT_DIR) / "bodyspec";
    std::filesystem::create_directories(dir);
    auto write = [&](const char* name, const char* text) {
        std::ofstream(dir / name) << text;
        return (dir / name).string();
    };
    Diagnostics d;
    CHECK_FALSE(loadBodySpec(write("bad1.json", R"({"values": {"a": "b * 2"}})"), d));
    CHECK(d.str().find("bad1.json") != std::string::npos);
    CHECK(d.str().find("/values/a") != std::string::npos);
    CHECK(d.str().find("unknown name 'b'") != std::string::npos);
    Diagnostics d2;
    CHECK_FALSE(loadBodySpec(
        write(
            "bad2.json",
            R"({"groups": [{"name": "g", "primitives": [{"ellipsoid": {"c": [0, 1], "r": [1, 1, 1]}}]}]})"),
        d2));
    CHECK(d2.str().find("/groups/0/primitives/0/ellipsoid/c") != std::string::npos);
    Diagnostics d3;
    CHECK_FALSE(loadBodySpec(write("bad3.json", "{ not json"), d3));
    CHECK(d3.str().find("bad3.json") != std::string::npos);
    std::string err;
    CHECK(evalExpression("0.5*H + (2 - 1)/4", {{"H", 1.75f}}, err).value() == Approx(1.125f));
    CHECK_FALSE(evalExpression("2 +", {}, err));
}
