// MannequinTest: the generated default figure: deterministic bytes matching the committed asset,
// stature and joint heights against the anthropometric table, a closed mesh with sane weights,
// and a demo clip that rests the upper back on the roller without sinking into the floor.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <utility>

#include "core/GlbWriter.h"
#include "core/GltfLoader.h"
#include "core/Mannequin.h"
#include "core/Pose.h"

using namespace ra::core;

namespace {

constexpr float kH = 1.75f;
constexpr float kRollerRadius = 0.075f;
const glm::vec2 kRollerAxis{0.0f, 0.075f};  // (x, y); the roller runs along Z
const std::string kAssetPath = std::string(RA_SOURCE_DIR) + "/assets/models/mannequin.glb";

const ModelData& mannequin() {
    static const ModelData model = buildMannequin();
    return model;
}

const Primitive& skinMesh(const ModelData& m) {
    return m.meshes.at(0).primitives.at(0);
}

int nodeIndex(const ModelData& m, const std::string& name) {
    for (size_t i = 0; i < m.nodes.size(); ++i)
        if (m.nodes[i].name == name) return static_cast<int>(i);
    FAIL("no node named " << name);
    return -1;
}

glm::vec3 jointPosition(const ModelData& m, const Pose& pose, const std::string& name) {
    return glm::vec3(pose.world[static_cast<size_t>(nodeIndex(m, name))][3]);
}

std::vector<uint8_t> readFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// Every vertex of the skinned mesh in `pose`, in model space.
std::vector<glm::vec3> skinned(const ModelData& m, const Pose& pose) {
    const Primitive& p = skinMesh(m);
    const std::vector<glm::mat4> joints = jointMatrices(m, 0, pose);
    std::vector<glm::vec3> out;
    out.reserve(p.positions.size());
    for (size_t v = 0; v < p.positions.size(); ++v)
        out.push_back(skinPosition(p.positions[v], p.joints[v], p.weights[v], joints));
    return out;
}

float interiorAngleDeg(const glm::vec3& a, const glm::vec3& joint, const glm::vec3& b) {
    const float c = glm::dot(glm::normalize(a - joint), glm::normalize(b - joint));
    return glm::degrees(std::acos(std::clamp(c, -1.0f, 1.0f)));
}

}  // namespace

TEST_CASE("mannequin: generator output is deterministic", "[mannequin]") {
    const std::vector<uint8_t> a = writeGlb(buildMannequin());
    const std::vector<uint8_t> b = writeGlb(buildMannequin());
    REQUIRE(a.size() > 1000);
    CHECK(a == b);
}

TEST_CASE("mannequin: committed asset is what the generator makes now", "[mannequin]") {
    GlbWriteOptions options;
    options.generator = "Roller Atlas ra-make-mannequin";
    const std::vector<uint8_t> expected = writeGlb(mannequin(), options);
    const std::vector<uint8_t> committed = readFile(kAssetPath);
    INFO("regenerate: ./build/ra-make-mannequin assets/models/mannequin.glb");
    REQUIRE(committed.size() == expected.size());
    CHECK(committed == expected);
}

TEST_CASE("mannequin: committed asset loads through the glTF loader unchanged", "[mannequin]") {
    Diagnostics diags;
    const std::optional<ModelData> loaded = loadGltf(kAssetPath, diags);
    INFO(diags.str());
    REQUIRE(loaded);
    CHECK(diags.empty());
    const ModelData& built = mannequin();
    REQUIRE(loaded->nodes.size() == built.nodes.size());
    for (size_t i = 0; i < built.nodes.size(); ++i) {
        CHECK(loaded->nodes[i].name == built.nodes[i].name);
        CHECK(loaded->nodes[i].parent == built.nodes[i].parent);
    }
    REQUIRE(loaded->skins.size() == 1);
    CHECK(loaded->skins[0].joints == built.skins[0].joints);
    const Primitive& a = skinMesh(*loaded);
    const Primitive& b = skinMesh(built);
    CHECK(a.positions == b.positions);
    CHECK(a.indices == b.indices);
    REQUIRE(loaded->animations.size() == 1);
    CHECK(loaded->animations[0].name == "demo");
    CHECK(loaded->animations[0].duration == Approx(8.0f));
    REQUIRE(loaded->materials.size() == 1);
    CHECK(loaded->materials[0].baseColorImage == -1);
}

TEST_CASE("mannequin: skeleton has the stable joint names", "[mannequin]") {
    const char* names[] = {"pelvis",
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
                           "toes_r"};
    const ModelData& m = mannequin();
    REQUIRE(m.skins.size() == 1);
    REQUIRE(m.skins[0].joints.size() == std::size(names));
    for (size_t j = 0; j < std::size(names); ++j)
        CHECK(m.nodes[static_cast<size_t>(m.skins[0].joints[j])].name == names[j]);
    CHECK(m.nodes[static_cast<size_t>(nodeIndex(m, "pelvis"))].parent == -1);
    CHECK(m.skins[0].skeleton == nodeIndex(m, "pelvis"));
}

TEST_CASE("mannequin: rest pose matches the anthropometric table", "[mannequin]") {
    const ModelData& m = mannequin();
    const Pose rest = restPose(m);
    const Bounds b = poseBounds(m, rest);
    CHECK(b.size().y == Approx(kH).epsilon(0.02));
    CHECK(std::abs(b.min.y) < 0.002f);  // soles on the floor
    const std::pair<const char*, float> heights[] = {
        {"upper_arm_l", 0.818f}, {"upper_arm_r", 0.818f}, {"thigh_l", 0.530f}, {"thigh_r", 0.530f},
        {"shin_l", 0.285f},      {"shin_r", 0.285f},      {"foot_l", 0.039f},  {"foot_r", 0.039f}};
    for (const auto& [name, fraction] : heights) {
        INFO(name);
        CHECK(jointPosition(m, rest, name).y == Approx(fraction * kH).epsilon(0.03));
    }
    auto length = [&](const char* a, const char* c) {
        return glm::length(jointPosition(m, rest, a) - jointPosition(m, rest, c));
    };
    CHECK(length("upper_arm_l", "forearm_l") == Approx(0.186f * kH).epsilon(0.03));
    CHECK(length("forearm_l", "hand_l") == Approx(0.146f * kH).epsilon(0.03));
    CHECK(length("thigh_l", "shin_l") == Approx(0.245f * kH).epsilon(0.03));
    CHECK(length("shin_l", "foot_l") == Approx(0.246f * kH).epsilon(0.03));
    // Faces +Z: the toes are in front of the ankles.
    CHECK(jointPosition(m, rest, "toes_l").z > jointPosition(m, rest, "foot_l").z + 0.1f);
}

TEST_CASE("mannequin: mesh widths and head match the table", "[mannequin]") {
    const ModelData& m = mannequin();
    const std::vector<glm::vec3> p = skinned(m, restPose(m));
    const Primitive& prim = skinMesh(m);
    const int head = nodeIndex(m, "head");
    float shoulder = 0.0f, hip = 0.0f, headLow = 9.0f, headHigh = -9.0f;
    for (size_t v = 0; v < p.size(); ++v) {
        // Deltoid level (the A-pose arms flare out lower down); hips without the hands.
        if (p[v].y > 1.38f && p[v].y < 1.46f) shoulder = std::max(shoulder, std::abs(p[v].x));
        if (p[v].y > 0.85f && p[v].y < 1.00f && std::abs(p[v].x) < 0.25f)
            hip = std::max(hip, std::abs(p[v].x));
        if (prim.weights[v][0] == 1.0f && prim.joints[v][0] == static_cast<uint16_t>(head)) {
            headLow = std::min(headLow, p[v].y);
            headHigh = std::max(headHigh, p[v].y);
        }
    }
    CHECK(2.0f * shoulder == Approx(0.259f * kH).epsilon(0.05));
    CHECK(2.0f * hip == Approx(0.191f * kH).epsilon(0.05));
    CHECK(headHigh - headLow == Approx(0.130f * kH).epsilon(0.05));
}

TEST_CASE("mannequin: skin weights are normalized, at most four per vertex", "[mannequin]") {
    const ModelData& m = mannequin();
    const Primitive& p = skinMesh(m);
    REQUIRE(p.skinned());
    REQUIRE(p.joints.size() == p.positions.size());
    REQUIRE(p.weights.size() == p.positions.size());
    REQUIRE(p.normals.size() == p.positions.size());
    size_t bad = 0, blended = 0;
    for (size_t v = 0; v < p.positions.size(); ++v) {
        const glm::vec4 w = p.weights[v];
        const float sum = w.x + w.y + w.z + w.w;
        if (std::abs(sum - 1.0f) > 1e-5f || glm::any(glm::lessThan(w, glm::vec4{0.0f}))) ++bad;
        for (int k = 0; k < 4; ++k)
            if (static_cast<size_t>(p.joints[v][k]) >= m.skins[0].joints.size()) ++bad;
        if (w.y > 0.05f) ++blended;
    }
    CHECK(bad == 0);
    // Joints are blended, not hard-switched: a good share of vertices has two influences.
    CHECK(blended > p.positions.size() / 10);
}

TEST_CASE("mannequin: mesh is closed, outward wound and in budget", "[mannequin]") {
    const Primitive& p = skinMesh(mannequin());
    REQUIRE(p.indices.size() % 3 == 0);
    const size_t triangles = p.indices.size() / 3;
    CHECK(triangles >= 10000);
    CHECK(triangles <= 30000);
    std::map<std::pair<uint32_t, uint32_t>, int> edges;  // directed edge -> uses
    size_t outOfRange = 0, degenerate = 0, normalsDisagree = 0;
    double volume = 0.0;
    for (size_t i = 0; i < p.indices.size(); i += 3) {
        const uint32_t t[3] = {p.indices[i], p.indices[i + 1], p.indices[i + 2]};
        if (t[0] >= p.positions.size() || t[1] >= p.positions.size() ||
            t[2] >= p.positions.size()) {
            ++outOfRange;
            continue;
        }
        const glm::vec3 a = p.positions[t[0]], b = p.positions[t[1]], c = p.positions[t[2]];
        const glm::vec3 n = glm::cross(b - a, c - a);
        if (glm::length(n) < 1e-9f) ++degenerate;
        if (glm::dot(n, p.normals[t[0]] + p.normals[t[1]] + p.normals[t[2]]) <= 0.0f)
            ++normalsDisagree;
        volume += glm::dot(glm::dvec3(a), glm::cross(glm::dvec3(b), glm::dvec3(c))) / 6.0;
        for (int k = 0; k < 3; ++k) ++edges[{t[k], t[(k + 1) % 3]}];
    }
    CHECK(outOfRange == 0);
    CHECK(degenerate == 0);
    CHECK(normalsDisagree == 0);
    // Closed and consistently oriented: each directed edge once, its reverse exactly once.
    size_t open = 0;
    for (const auto& [e, uses] : edges) {
        auto reverse = edges.find({e.second, e.first});
        if (uses != 1 || reverse == edges.end() || reverse->second != 1) ++open;
    }
    CHECK(open == 0);
    CHECK(volume > 0.05);  // outward (CCW) winding; a 1.75 m body is roughly 0.07 m^3
}

TEST_CASE("mannequin: demo clip loops with linear keys", "[mannequin]") {
    const ModelData& m = mannequin();
    REQUIRE(m.animations.size() == 1);
    const Animation& demo = m.animations[0];
    CHECK(demo.name == "demo");
    CHECK(demo.duration == Approx(8.0f));
    REQUIRE(!demo.channels.empty());
    for (const AnimationChannel& c : demo.channels) {
        CHECK(c.interpolation == Interpolation::Linear);
        REQUIRE(c.times.size() >= 2);
        CHECK(c.times.front() == 0.0f);
        CHECK(c.times.back() == Approx(8.0f));
        const size_t width = c.path == AnimPath::Rotation ? 4 : 3;
        REQUIRE(c.values.size() == c.times.size() * width);
        for (size_t k = 0; k < width; ++k)
            CHECK(c.values[k] == c.values[c.values.size() - width + k]);
    }
}

namespace {

// Where the skinned figure meets the floor and the roller at one instant.
struct Contact {
    float lowest = 9.0f;  // lowest vertex
    float gap = 9.0f;     // closest approach to the roller surface (negative: inside)
    float seat = 9.0f;    // lowest vertex bound to the pelvis alone
    glm::vec3 point{0.0f};
    glm::vec3 restPoint{0.0f};  // the same vertex in the rest pose
};

Contact measureContact(const ModelData& m, const Pose& pose) {
    const Primitive& prim = skinMesh(m);
    const auto& skinJoints = m.skins.at(0).joints;
    const auto pelvisAt = std::find(skinJoints.begin(), skinJoints.end(), nodeIndex(m, "pelvis"));
    const auto pelvisSlot = static_cast<uint16_t>(pelvisAt - skinJoints.begin());
    const std::vector<glm::vec3> p = skinned(m, pose);
    Contact c;
    for (size_t v = 0; v < p.size(); ++v) {
        c.lowest = std::min(c.lowest, p[v].y);
        if (prim.joints[v][0] == pelvisSlot && prim.weights[v][0] > 0.9f)
            c.seat = std::min(c.seat, p[v].y);
        if (std::abs(p[v].z) > 0.45f) continue;  // beyond the roller's ends
        const float d = glm::length(glm::vec2(p[v]) - kRollerAxis) - kRollerRadius;
        if (d < c.gap) {
            c.gap = d;
            c.point = p[v];
            c.restPoint = prim.positions[v];
        }
    }
    return c;
}

}  // namespace

TEST_CASE("mannequin: demo rests the upper back on the roller above the floor", "[mannequin]") {
    const ModelData& m = mannequin();
    Pose pose = restPose(m);
    float pelvisMinX = 9.0f, pelvisMaxX = -9.0f;
    glm::vec3 firstAnkle{0.0f};
    for (int step = 0; step <= 40; ++step) {
        // Key times and, every third step, a time between keys.
        const float offset = step % 3 == 1 ? 0.07f : 0.0f;
        const float t = std::min(8.0f, 0.2f * static_cast<float>(step) + offset);
        INFO("t = " << t);
        sampleAnimation(m, 0, t, pose);
        const Contact c = measureContact(m, pose);
        CHECK(c.lowest >= -0.002f);
        CHECK(std::abs(c.gap) <= 0.015f);
        CHECK(c.point.y == Approx(2.0f * kRollerRadius).margin(0.015f));
        // On the upper back: back half of the torso, between the ribs and the base of the neck.
        CHECK(c.restPoint.z < 0.0f);
        CHECK(c.restPoint.y > 1.18f);
        CHECK(c.restPoint.y < 1.47f);
        CHECK(c.seat > 0.02f);  // hips lifted off the floor
        CHECK(c.seat < 0.12f);

        const glm::vec3 hip = jointPosition(m, pose, "thigh_l");
        const glm::vec3 knee = jointPosition(m, pose, "shin_l");
        const glm::vec3 ankle = jointPosition(m, pose, "foot_l");
        CHECK(interiorAngleDeg(hip, knee, ankle) == Approx(90.0f).margin(25.0f));
        if (step == 0) firstAnkle = ankle;
        CHECK(glm::length(ankle - firstAnkle) < 0.002f);  // feet planted
        const float px = jointPosition(m, pose, "pelvis").x;
        CHECK(jointPosition(m, pose, "head").x < px);  // head towards -X
        pelvisMinX = std::min(pelvisMinX, px);
        pelvisMaxX = std::max(pelvisMaxX, px);
    }
    CHECK(pelvisMaxX - pelvisMinX == Approx(0.16f).margin(0.05f));  // travels about +-8 cm
}

namespace {

// One textured triangle: exercises TEXCOORD_0, node rotation, images and materials.
ModelData texturedTriangle() {
    ModelData m;
    Primitive prim;
    prim.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
    prim.uvs = {{0, 0}, {1, 0}, {0, 1}};
    prim.indices = {0, 1, 2};
    prim.material = 0;
    m.meshes.push_back({"tri", {prim}});
    Node n;
    n.name = "tri";
    n.mesh = 0;
    n.rotation = glm::angleAxis(0.5f, glm::vec3{0, 1, 0});
    m.nodes.push_back(n);
    m.images.push_back(
        {"checker", 2, 2, {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 9, 9, 9, 128}});
    Material mat;
    mat.baseColorImage = 0;
    m.materials.push_back(mat);
    return m;
}

}  // namespace

TEST_CASE("glb writer: container layout", "[mannequin][glb]") {
    const std::vector<uint8_t> bytes = writeGlb(texturedTriangle());
    auto u32 = [&](size_t at) {
        return uint32_t(bytes[at]) | uint32_t(bytes[at + 1]) << 8 | uint32_t(bytes[at + 2]) << 16 |
               uint32_t(bytes[at + 3]) << 24;
    };
    REQUIRE(bytes.size() > 28);
    CHECK(u32(0) == 0x46546C67u);  // "glTF"
    CHECK(u32(4) == 2);
    CHECK(u32(8) == bytes.size());
    const uint32_t jsonLength = u32(12);
    CHECK(jsonLength % 4 == 0);
    CHECK(u32(16) == 0x4E4F534Au);  // "JSON"
    REQUIRE(bytes.size() > 28 + jsonLength);
    CHECK(u32(20 + jsonLength) % 4 == 0);
    CHECK(u32(24 + jsonLength) == 0x004E4942u);  // "BIN"
    CHECK(28 + jsonLength + u32(20 + jsonLength) == bytes.size());
}

TEST_CASE("glb writer: textured model round-trips through the loader", "[mannequin][glb]") {
    const ModelData m = texturedTriangle();
    const std::string path = std::string(RA_TEST_OUT_DIR) + "/glb_writer_triangle.glb";
    Diagnostics diags;
    std::filesystem::create_directories(RA_TEST_OUT_DIR);
    REQUIRE(writeGlbFile(m, path, diags));
    const std::optional<ModelData> back = loadGltf(path, diags);
    INFO(diags.str());
    REQUIRE(back);
    REQUIRE(back->images.size() == 1);
    CHECK(back->images[0].width == 2);
    CHECK(back->images[0].rgba == m.images[0].rgba);
    CHECK(back->materials.at(0).baseColorImage == 0);
    CHECK(back->nodes.at(0).rotation.w == Approx(m.nodes[0].rotation.w));
    CHECK(skinMesh(*back).uvs == skinMesh(m).uvs);
}
