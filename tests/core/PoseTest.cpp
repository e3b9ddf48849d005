// PoseTest: keyframe sampling against hand-computed interpolation (slerp, step, glTF Hermite),
// world and joint matrices, CPU skinning, and pose bounds of the real models.
#include <catch2/catch.hpp>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

#include "core/GltfLoader.h"
#include "core/Pose.h"

using namespace ra::core;

namespace {

ModelData load(const std::string& name) {
    Diagnostics d;
    auto m = loadGltf(std::string(RA_TESTDATA_DIR) + "/gltf-valid/" + name, d);
    INFO(d.str());
    REQUIRE(m.has_value());
    return std::move(*m);
}

void requireNear(const glm::mat4& a, const glm::mat4& b, float eps = 1e-4f) {
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r) REQUIRE(a[c][r] == Approx(b[c][r]).margin(eps));
}

void requireNear(const glm::vec3& a, const glm::vec3& b, float eps = 1e-4f) {
    for (int i = 0; i < 3; ++i) REQUIRE(a[i] == Approx(b[i]).margin(eps));
}

// Reference slerp written out from its definition, independent of the code under test.
glm::quat handSlerp(glm::quat a, glm::quat b, float s) {
    double dot = double(a.x) * b.x + double(a.y) * b.y + double(a.z) * b.z + double(a.w) * b.w;
    if (dot < 0.0) {
        b = -b;
        dot = -dot;
    }
    const double theta = std::acos(std::min(dot, 1.0));
    if (theta < 1e-6) return a;
    const double wa = std::sin((1.0 - s) * theta) / std::sin(theta);
    const double wb = std::sin(s * theta) / std::sin(theta);
    return glm::quat(float(wa * a.w + wb * b.w), float(wa * a.x + wb * b.x),
                     float(wa * a.y + wb * b.y), float(wa * a.z + wb * b.z));
}

glm::quat keyQuat(const AnimationChannel& ch, size_t k) {
    const float* v = &ch.values[4 * k];
    return glm::quat(v[3], v[0], v[1], v[2]);
}

glm::vec3 keyVec3(const AnimationChannel& ch, size_t k) {
    return {ch.values[3 * k], ch.values[3 * k + 1], ch.values[3 * k + 2]};
}

const AnimationChannel& channelFor(const Animation& a, int node, AnimPath path) {
    for (const auto& ch : a.channels)
        if (ch.node == node && ch.path == path) return ch;
    FAIL("no channel for node " << node);
    return a.channels.front();
}

glm::mat4 trs(const glm::vec3& t, const glm::quat& r, const glm::vec3& s) {
    return glm::translate(glm::mat4(1.0f), t) * glm::mat4_cast(r) * glm::scale(glm::mat4(1.0f), s);
}

// One node, one channel: the smallest model that exercises an interpolation mode.
ModelData singleChannel(AnimPath path, Interpolation mode, std::vector<float> times,
                        std::vector<float> values) {
    ModelData m;
    m.nodes.resize(1);
    m.roots = {0};
    AnimationChannel ch;
    ch.node = 0;
    ch.path = path;
    ch.interpolation = mode;
    ch.times = std::move(times);
    ch.values = std::move(values);
    Animation a;
    a.duration = ch.times.back();
    a.channels.push_back(ch);
    m.animations.push_back(a);
    return m;
}

}  // namespace

TEST_CASE("RiggedSimple: sampled joint world matrices follow the slerped keyframes") {
    const ModelData m = load("RiggedSimple.gltf");
    const Animation& anim = m.animations.at(0);
    const AnimationChannel& rot3 = channelFor(anim, 3, AnimPath::Rotation);
    REQUIRE(rot3.interpolation == Interpolation::Linear);
    REQUIRE(rot3.times.size() == 3);
    const auto& times = rot3.times;

    Pose pose = restPose(m);
    Pose previous;
    for (const auto& [k, s] : {std::pair{0, 0.25f}, {0, 0.5f}, {1, 0.25f}, {1, 0.9f}}) {
        const float t = times[size_t(k)] + s * (times[size_t(k) + 1] - times[size_t(k)]);
        sampleAnimation(m, 0, t, pose);
        const glm::quat expected =
            handSlerp(keyQuat(rot3, size_t(k)), keyQuat(rot3, size_t(k) + 1), s);
        CHECK(std::abs(glm::dot(pose.local[3].rotation, expected)) == Approx(1.0f).margin(1e-5));

        // World of joint 3 = root matrix * node 4 * node 2 (animated) * node 3 (animated).
        const AnimationChannel& t2 = channelFor(anim, 2, AnimPath::Translation);
        const AnimationChannel& r2 = channelFor(anim, 2, AnimPath::Rotation);
        const AnimationChannel& s2 = channelFor(anim, 2, AnimPath::Scale);
        const glm::mat4 node0(1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1);
        const glm::mat4 world2 =
            node0 * trs(glm::mix(keyVec3(t2, size_t(k)), keyVec3(t2, size_t(k) + 1), s),
                        handSlerp(keyQuat(r2, size_t(k)), keyQuat(r2, size_t(k) + 1), s),
                        glm::mix(keyVec3(s2, size_t(k)), keyVec3(s2, size_t(k) + 1), s));
        const AnimationChannel& t3 = channelFor(anim, 3, AnimPath::Translation);
        const glm::mat4 world3 =
            world2 * trs(glm::mix(keyVec3(t3, size_t(k)), keyVec3(t3, size_t(k) + 1), s), expected,
                         pose.local[3].scale);
        requireNear(pose.world[2], world2);
        requireNear(pose.world[3], world3);
        if (!previous.world.empty()) {
            float change = 0.0f;
            for (int c = 0; c < 4; ++c)
                change += glm::length(pose.world[3][c] - previous.world[3][c]);
            CHECK(change > 1e-3f);  // the joint actually moves between samples
        }
        previous = pose;
    }
}

TEST_CASE("Sampling clamps time to the keys and resets unanimated nodes to rest") {
    const ModelData m = load("RiggedSimple.gltf");
    const AnimationChannel& rot3 = channelFor(m.animations.at(0), 3, AnimPath::Rotation);
    Pose pose = restPose(m);
    sampleAnimation(m, 0, -5.0f, pose);
    CHECK(std::abs(glm::dot(pose.local[3].rotation, keyQuat(rot3, 0))) == Approx(1.0f));
    sampleAnimation(m, 0, 100.0f, pose);
    CHECK(std::abs(glm::dot(pose.local[3].rotation, keyQuat(rot3, 2))) == Approx(1.0f));
    requireNear(pose.world[0], restPose(m).world[0]);
}

TEST_CASE("LINEAR rotation takes the shortest path") {
    // 0 and 170 degrees about z, the second stored with a negative w: the short way is 10 deg.
    const glm::quat a = glm::angleAxis(0.0f, glm::vec3(0, 0, 1));
    const glm::quat b = -glm::angleAxis(glm::radians(170.0f), glm::vec3(0, 0, 1));
    const ModelData m = singleChannel(AnimPath::Rotation, Interpolation::Linear, {0.0f, 1.0f},
                                      {a.x, a.y, a.z, a.w, b.x, b.y, b.z, b.w});
    Pose pose = restPose(m);
    sampleAnimation(m, 0, 0.5f, pose);
    const glm::quat expected = glm::angleAxis(glm::radians(85.0f), glm::vec3(0, 0, 1));
    CHECK(std::abs(glm::dot(pose.local[0].rotation, expected)) == Approx(1.0f).margin(1e-6));
}

TEST_CASE("STEP holds each key until the next") {
    const ModelData m = singleChannel(AnimPath::Translation, Interpolation::Step,
                                      {0.0f, 1.0f, 2.0f}, {0, 0, 0, 1, 2, 3, 4, 5, 6});
    Pose pose = restPose(m);
    sampleAnimation(m, 0, 0.99f, pose);
    requireNear(pose.local[0].translation, {0, 0, 0});
    sampleAnimation(m, 0, 1.5f, pose);
    requireNear(pose.local[0].translation, {1, 2, 3});
    sampleAnimation(m, 0, 2.0f, pose);
    requireNear(pose.local[0].translation, {4, 5, 6});
}

TEST_CASE("CUBICSPLINE follows the glTF Hermite formula") {
    // Keys at t = 1 and t = 3 (td = 2): v0 = 0, out-tangent b0 = 1; v1 = 10, in-tangent a1 = -2.
    const ModelData m =
        singleChannel(AnimPath::Translation, Interpolation::CubicSpline, {1.0f, 3.0f},
                      {9, 9, 9, 0, 0, 0, 1, 1, 1, -2, -2, -2, 10, 10, 10, 7, 7, 7});
    Pose pose = restPose(m);
    for (float s : {0.0f, 0.25f, 0.5f, 0.8f, 1.0f}) {
        sampleAnimation(m, 0, 1.0f + 2.0f * s, pose);
        const float s2 = s * s, s3 = s2 * s, td = 2.0f;
        const float expected = (2 * s3 - 3 * s2 + 1) * 0.0f + td * (s3 - 2 * s2 + s) * 1.0f +
                               (-2 * s3 + 3 * s2) * 10.0f + td * (s3 - s2) * -2.0f;
        CHECK(pose.local[0].translation.x == Approx(expected).margin(1e-5));
    }
}

TEST_CASE("CUBICSPLINE rotations come out normalized") {
    const glm::quat a = glm::angleAxis(0.2f, glm::vec3(1, 0, 0));
    const glm::quat b = glm::angleAxis(1.4f, glm::vec3(1, 0, 0));
    const ModelData m = singleChannel(
        AnimPath::Rotation, Interpolation::CubicSpline, {0.0f, 1.0f},
        {0, 0, 0, 0, a.x, a.y, a.z, a.w, 0, 0, 0, 0, 0, 0, 0, 0, b.x, b.y, b.z, b.w, 0, 0, 0, 0});
    Pose pose = restPose(m);
    sampleAnimation(m, 0, 0.5f, pose);
    CHECK(glm::length(pose.local[0].rotation) == Approx(1.0f));
    CHECK(glm::angle(pose.local[0].rotation) == Approx(0.8f).margin(0.02));
}

TEST_CASE("skinPosition with one full weight is that joint's matrix times the point") {
    const std::vector<glm::mat4> joints = {glm::translate(glm::mat4(1.0f), {1, 2, 3}),
                                           glm::rotate(glm::mat4(1.0f), 0.7f, glm::vec3(0, 1, 0)) *
                                               glm::scale(glm::mat4(1.0f), glm::vec3(2.0f))};
    const glm::vec3 p(0.5f, -1.0f, 4.0f);
    requireNear(skinPosition(p, {1, 0, 0, 0}, {1, 0, 0, 0}, joints),
                glm::vec3(joints[1] * glm::vec4(p, 1.0f)));
    requireNear(skinPosition(p, {0, 1, 0, 0}, {1, 0, 0, 0}, joints), p + glm::vec3(1, 2, 3));
}

TEST_CASE("skinPosition blends joint results linearly in the weights") {
    const std::vector<glm::mat4> joints = {glm::translate(glm::mat4(1.0f), {4, 0, 0}),
                                           glm::rotate(glm::mat4(1.0f), 1.0f, glm::vec3(0, 0, 1))};
    const glm::vec3 p(1, 1, 0);
    const glm::vec3 a = glm::vec3(joints[0] * glm::vec4(p, 1.0f));
    const glm::vec3 b = glm::vec3(joints[1] * glm::vec4(p, 1.0f));
    for (float w : {0.0f, 0.25f, 0.6f, 1.0f})
        requireNear(skinPosition(p, {0, 1, 0, 0}, {1 - w, w, 0, 0}, joints), glm::mix(a, b, w));
}

TEST_CASE("SimpleSkin at rest: joint matrices are world * IBM, and IBM = inverse bind gives bind") {
    ModelData m = load("SimpleSkin.gltf");
    const Pose rest = restPose(m);
    const Skin& skin = m.skins.at(0);
    auto mats = jointMatrices(m, 0, rest);
    REQUIRE(mats.size() == 2);
    for (size_t j = 0; j < 2; ++j)
        requireNear(mats[j], rest.world[size_t(skin.joints[j])] * skin.inverseBind[j]);
    // The file's IBMs invert a bind pose at (0.5, 1, 0) while the joints rest at (0, 1, 0), so
    // the rest pose draws the strip 0.5 to the left of its bind positions (as glTF viewers do).
    const Primitive& prim = m.meshes.at(0).primitives.at(0);
    for (size_t v = 0; v < prim.positions.size(); ++v)
        requireNear(skinPosition(prim.positions[v], prim.joints[v], prim.weights[v], mats),
                    prim.positions[v] + glm::vec3(-0.5f, 0, 0));

    // With IBM = inverse(rest world of each joint), rest-pose skinning returns the bind positions.
    for (size_t j = 0; j < 2; ++j)
        m.skins[0].inverseBind[j] = glm::inverse(rest.world[size_t(skin.joints[j])]);
    mats = jointMatrices(m, 0, rest);
    for (size_t v = 0; v < prim.positions.size(); ++v)
        requireNear(skinPosition(prim.positions[v], prim.joints[v], prim.weights[v], mats),
                    prim.positions[v]);
}

TEST_CASE("Real models at rest: skinning returns the bind-pose mesh placed by its node") {
    // Their IBMs invert the joints' rest world matrices relative to the mesh node, so every
    // joint matrix equals the mesh node's world matrix and skinning reproduces the bind pose.
    for (const char* name : {"RiggedSimple.gltf", "Fox.glb", "CesiumMan.glb"}) {
        INFO(name);
        const ModelData m = load(name);
        const Pose rest = restPose(m);
        for (size_t n = 0; n < m.nodes.size(); ++n) {
            if (m.nodes[n].skin < 0) continue;
            const auto mats = jointMatrices(m, m.nodes[n].skin, rest);
            for (const auto& j : mats) requireNear(j, rest.world[n], 5e-5f);
            const Primitive& p = m.meshes.at(size_t(m.nodes[n].mesh)).primitives.at(0);
            const float scale = glm::length(poseBounds(m, rest).size());
            for (size_t v = 0; v < p.positions.size(); v += 97)
                requireNear(skinPosition(p.positions[v], p.joints[v], p.weights[v], mats),
                            glm::vec3(rest.world[n] * glm::vec4(p.positions[v], 1.0f)),
                            1e-5f * scale);
        }
    }
}

TEST_CASE("SimpleSkin animation bends the upper vertices, not the lower ones") {
    const ModelData m = load("SimpleSkin.gltf");
    Pose pose = restPose(m);
    const Primitive& prim = m.meshes.at(0).primitives.at(0);
    const auto restMats = jointMatrices(m, 0, pose);
    sampleAnimation(m, 0, 1.5f, pose);  // a key with a large rotation of joint 2
    const auto mats = jointMatrices(m, 0, pose);
    for (size_t v = 0; v < prim.positions.size(); ++v) {
        const glm::vec3 before =
            skinPosition(prim.positions[v], prim.joints[v], prim.weights[v], restMats);
        const glm::vec3 after =
            skinPosition(prim.positions[v], prim.joints[v], prim.weights[v], mats);
        if (prim.positions[v].y == 0.0f) requireNear(after, before);  // only on joint 1
        if (prim.positions[v].y == 2.0f) CHECK(glm::length(after - before) > 0.1f);
    }
}

TEST_CASE("CesiumMan's pose bounds are human-shaped") {
    const ModelData m = load("CesiumMan.glb");
    for (float t : {-1.0f, 0.0f, 0.5f, 1.0f, 1.5f}) {
        Pose pose = restPose(m);
        if (t >= 0.0f) sampleAnimation(m, 0, t, pose);  // t < 0: the rest pose itself
        const Bounds b = poseBounds(m, pose);
        REQUIRE(b.valid());
        const glm::vec3 size = b.size();
        INFO("t = " << t << ", size " << size.x << " x " << size.y << " x " << size.z);
        CHECK(size.y > 1.3f);  // about 1.5 m tall, y up after the Z_UP root
        CHECK(size.y < 1.8f);
        // Tallest along y; across x the arms (a T-pose at rest), along z the walking stride.
        CHECK(size.x > 0.2f);
        CHECK(size.y > 1.2f * std::max(size.x, size.z));
        CHECK(b.min.y == Approx(0.0f).margin(0.1));  // feet on the ground
    }
}

TEST_CASE("poseBounds uses the node's world matrix for unskinned meshes") {
    ModelData m;
    m.nodes.resize(1);
    m.nodes[0].mesh = 0;
    m.nodes[0].translation = {10, 0, 0};
    Primitive p;
    p.positions = {{0, 0, 0}, {1, 2, 3}};
    m.meshes.push_back({"box", {p}});
    const Bounds b = poseBounds(m, restPose(m));
    requireNear(b.min, {10, 0, 0});
    requireNear(b.max, {11, 2, 3});
    CHECK_FALSE(poseBounds(ModelData{}, Pose{}).valid());
}

TEST_CASE("computeWorld survives a hand-built loop and visits parents first") {
    ModelData m;
    m.nodes.resize(3);
    m.nodes[0].children = {1};
    m.nodes[1].parent = 0;
    m.nodes[1].translation = {1, 0, 0};
    m.nodes[1].children = {2};
    m.nodes[2].parent = 1;
    m.nodes[2].translation = {0, 1, 0};
    m.nodes[2].children = {0};  // a loop the loader would refuse
    m.nodes[0].parent = 2;
    Pose pose = restPose(m);
    REQUIRE(pose.world.size() == 3);
    CHECK(glm::vec3(pose.world[2][3]) == glm::vec3(1, 1, 0));
}
