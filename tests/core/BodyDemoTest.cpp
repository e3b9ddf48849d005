// BodyDemoTest: the body's "demo" clip (the shoulder-blade roll shown until the stretch library
// exists): a seamless loop of linear keys that rests the upper back on the roller, keeps the hips
// just off the floor and the feet planted, and never sinks into the floor.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "BodyFixture.h"
#include "core/Pose.h"

using namespace ra::core;

namespace {

constexpr float kRollerRadius = 0.075f;
const glm::vec2 kRollerAxis{0.0f, 0.075f};  // (x, y); the roller runs along Z

glm::vec3 jointPosition(const ModelData& m, const Pose& pose, const std::string& name) {
    return glm::vec3(pose.world[static_cast<size_t>(bodyNode(m, name))][3]);
}

// Every vertex of the skinned mesh in `pose`, in model space.
std::vector<glm::vec3> skinned(const ModelData& m, const Pose& pose) {
    const Primitive& p = bodySkin(m);
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

TEST_CASE("body: demo clip loops with linear keys", "[body]") {
    const ModelData& m = bodyFixture();
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
    const Primitive& prim = bodySkin(m);
    const auto& skinJoints = m.skins.at(0).joints;
    const auto pelvisAt = std::find(skinJoints.begin(), skinJoints.end(), bodyNode(m, "pelvis"));
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

TEST_CASE("body: demo rests the upper back on the roller above the floor", "[body]") {
    const ModelData& m = bodyFixture();
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
