// CameraRigTest: eased transitions land exactly and never overshoot, yaw goes the short way, the
// user's gestures win, the follow keeps up with a moving point, focus frames the box.
#include <catch2/catch.hpp>
#include <glm/gtc/constants.hpp>
#include <vector>

#include "core/CameraRig.h"

using namespace ra::core;

namespace {

constexpr float kFrame = 1.0f / 60.0f;

bool equalPoses(const CameraPose& a, const CameraPose& b) {
    return a.target == b.target && a.yaw == b.yaw && a.pitch == b.pitch && a.distance == b.distance;
}

// Largest |NDC x| offset from `centreX` and |NDC y| offset from `centreY` over the box corners.
glm::vec2 ndcExtent(const OrbitCamera& cam, float aspect, glm::vec3 lo, glm::vec3 hi,
                    glm::vec2 centre = glm::vec2(0.0f)) {
    const glm::mat4 vp = cam.projection(aspect) * cam.view();
    glm::vec2 extent(0.0f);
    for (int i = 0; i < 8; ++i) {
        glm::vec3 c{(i & 1) ? hi.x : lo.x, (i & 2) ? hi.y : lo.y, (i & 4) ? hi.z : lo.z};
        glm::vec4 clip = vp * glm::vec4(c, 1.0f);
        REQUIRE(clip.w > 0.0f);  // in front of the camera
        extent = glm::max(extent, glm::abs(glm::vec2(clip) / clip.w - centre));
    }
    return extent;
}

std::vector<CameraPose> runFrames(CameraRig& rig, int frames, float dt = kFrame) {
    std::vector<CameraPose> poses;
    for (int i = 0; i < frames; ++i) {
        rig.update(dt);
        poses.push_back(rig.camera().pose());
    }
    return poses;
}

const glm::vec3 kBodyMin{-1.0f, 0.0f, -0.35f}, kBodyMax{1.0f, 0.6f, 0.35f};

}  // namespace

TEST_CASE("a camera transition lands on its goal exactly at the end and never overshoots") {
    CameraRig rig;
    rig.setInstant(true);
    rig.frame(ViewPreset::Front, kBodyMin, kBodyMax, 16.0f / 9.0f);
    rig.setInstant(false);
    const CameraPose start = rig.camera().pose();
    rig.frame(ViewPreset::ThreeQuarter, glm::vec3(-0.3f), glm::vec3(0.3f), 16.0f / 9.0f);
    OrbitCamera reference;
    reference.frame(ViewPreset::ThreeQuarter, glm::vec3(-0.3f), glm::vec3(0.3f), 16.0f / 9.0f);
    const CameraPose goal = reference.pose();
    REQUIRE(rig.moving());
    REQUIRE(goal.distance < start.distance);

    const std::vector<CameraPose> poses = runFrames(rig, 36);  // 0.6 s at 60 Hz
    CHECK(equalPoses(poses.back(), goal));
    CHECK_FALSE(rig.moving());
    CHECK_FALSE(rig.transitioning());
    std::vector<float> steps;
    float prev = start.distance;
    for (size_t i = 0; i + 1 < poses.size(); ++i) {
        INFO("frame " << i);
        const CameraPose& p = poses[i];
        CHECK(p.distance <= prev);  // monotone: never overshoots the goal
        CHECK(p.distance >= goal.distance);
        CHECK(p.yaw <= start.yaw);  // 0 -> -40 degrees, one way only
        CHECK(p.yaw >= goal.yaw);
        steps.push_back(prev - p.distance);
        prev = p.distance;
    }
    // Eased: slow at both ends, no jump anywhere.
    const float largest = *std::max_element(steps.begin(), steps.end());
    const float mean = (start.distance - goal.distance) / 36.0f;
    CHECK(steps.front() < 0.1f * largest);
    CHECK(steps.back() < 0.1f * largest);
    CHECK(largest < 2.5f * mean);
    // Still means still: updates after the end change nothing.
    runFrames(rig, 10);
    CHECK(equalPoses(rig.camera().pose(), goal));
}

TEST_CASE("a transition to the pose the camera already has does not animate") {
    CameraRig rig;
    rig.setInstant(true);
    rig.frame(ViewPreset::Left, kBodyMin, kBodyMax, 1.5f);
    rig.setInstant(false);
    rig.frame(ViewPreset::Left, kBodyMin, kBodyMax, 1.5f);  // e.g. a resize to the same size
    CHECK_FALSE(rig.moving());
}

TEST_CASE("yaw takes the short way around") {
    for (auto [from, to] : {std::pair{350.0f, 10.0f}, std::pair{10.0f, 350.0f},
                            std::pair{-170.0f, 170.0f}, std::pair{-350.0f, 350.0f}}) {
        INFO(from << " -> " << to);
        CameraRig rig;
        rig.moveTo({glm::vec3(0.0f), from, 10.0f, 3.0f});
        rig.snap();
        rig.moveTo({glm::vec3(0.0f), to, 10.0f, 3.0f});
        const float delta = shortYawDelta(from, to), span = std::abs(delta);
        CHECK(span <= 20.0f);
        float nearestToMiddle = 360.0f;
        for (const CameraPose& p : runFrames(rig, 40)) {
            // Never further from either end than the short arc between them.
            CHECK(std::abs(shortYawDelta(from, p.yaw)) <= span + 1e-3f);
            CHECK(std::abs(shortYawDelta(to, p.yaw)) <= span + 1e-3f);
            nearestToMiddle =
                std::min(nearestToMiddle, std::abs(shortYawDelta(from + 0.5f * delta, p.yaw)));
        }
        CHECK(nearestToMiddle < 1.0f);  // 350 -> 10 passes 0, not 180
        CHECK(rig.camera().yawDegrees() == to);
    }
    CHECK(shortYawDelta(350.0f, 10.0f) == Approx(20.0f));
    CHECK(shortYawDelta(10.0f, 350.0f) == Approx(-20.0f));
    CHECK(shortYawDelta(0.0f, 180.0f) == Approx(-180.0f));
}

TEST_CASE("the user's orbit, pan or zoom cancels a transition in flight") {
    for (int gesture = 0; gesture < 3; ++gesture) {
        INFO("gesture " << gesture);
        CameraRig rig;
        rig.frame(ViewPreset::Top, kBodyMin, kBodyMax, 1.5f);
        runFrames(rig, 10);
        REQUIRE(rig.transitioning());
        if (gesture == 0) rig.orbit(30.0f, 0.0f);
        if (gesture == 1) rig.pan(30.0f, 0.0f, 600.0f);
        if (gesture == 2) rig.zoom(1.0f);
        CHECK_FALSE(rig.transitioning());
        CHECK_FALSE(rig.moving());
        const CameraPose userPose = rig.camera().pose();
        runFrames(rig, 60);
        CHECK(equalPoses(rig.camera().pose(), userPose));  // the user wins
    }
}

TEST_CASE("follow keeps a moving point in view and keeps the user's direction and distance") {
    CameraRig rig;
    rig.setInstant(true);
    rig.frame(ViewPreset::Front, kBodyMin, kBodyMax, 1.5f);
    rig.setInstant(false);
    rig.orbit(-100.0f, 20.0f);
    const CameraPose user = rig.camera().pose();
    // The roller travels 0.4 m along the mat at 0.25 m/s, then rests.
    glm::vec3 point{-0.5f, 0.1f, 0.0f};
    float lagWhileMoving = 0.0f;
    for (int i = 0; i < 240; ++i) {
        if (i < 96) point.x += 0.25f * kFrame;
        rig.follow(point);
        rig.update(kFrame);
        if (i > 60 && i < 96) lagWhileMoving = glm::distance(rig.camera().target(), point);
        CHECK(rig.camera().yawDegrees() == user.yaw);
        CHECK(rig.camera().pitchDegrees() == user.pitch);
        CHECK(rig.camera().distance() == user.distance);
    }
    CHECK(lagWhileMoving > 0.0f);
    CHECK(lagWhileMoving < 0.1f);  // keeps up: within a hand's width at roller speed
    CHECK(rig.camera().target() == point);
    CHECK_FALSE(rig.moving());  // the roller rests: the camera is still

    // An orbit during the follow changes the direction; the follow goes on.
    rig.orbit(50.0f, 0.0f);
    point.x += 0.2f;
    rig.follow(point);
    CHECK(rig.moving());
    runFrames(rig, 120);
    CHECK(rig.camera().target() == point);
    CHECK(rig.camera().yawDegrees() != user.yaw);
}

TEST_CASE("a pan while following offsets the followed point instead of fighting it") {
    CameraRig rig;
    const glm::vec3 point{0.2f, 0.1f, 0.0f};
    rig.follow(point);
    runFrames(rig, 120);
    REQUIRE(rig.camera().target() == point);
    rig.pan(60.0f, 0.0f, 600.0f);
    const glm::vec3 panned = rig.camera().target();
    CHECK(glm::distance(panned, point) > 0.05f);
    rig.follow(point);
    runFrames(rig, 120);
    CHECK(glm::distance(rig.camera().target(), panned) < 1e-5f);
    rig.stopFollowing();
    rig.follow(point);  // a fresh follow forgets the offset
    runFrames(rig, 240);
    CHECK(rig.camera().target() == point);
}

TEST_CASE("a preset while following turns the camera and leaves the target to the follow") {
    CameraRig rig;
    const glm::vec3 point{0.4f, 0.1f, 0.0f};
    rig.follow(point);
    rig.snap();
    rig.frame(ViewPreset::Left, kBodyMin, kBodyMax, 1.5f);
    for (const CameraPose& p : runFrames(rig, 40)) CHECK(p.target == point);
    CHECK(rig.camera().yawDegrees() == -90.0f);
    // Stopping the follow mid-transition leaves the target where it is.
    rig.frame(ViewPreset::Front, kBodyMin, kBodyMax, 1.5f);
    runFrames(rig, 10);
    rig.stopFollowing();
    for (const CameraPose& p : runFrames(rig, 40)) CHECK(p.target == point);
}

TEST_CASE("focus frames every corner of the box from the current direction") {
    const std::vector<std::pair<glm::vec3, glm::vec3>> boxes = {
        {{-0.1f, 0.0f, -0.1f}, {0.1f, 0.3f, 0.1f}},     // a calf
        {{-0.9f, 0.0f, -0.3f}, {0.2f, 0.5f, 0.3f}},     // most of the body
        {{0.3f, 0.2f, -0.02f}, {0.32f, 0.21f, 0.02f}},  // a spot: minimum distance
    };
    for (float aspect : {0.6f, 1.0f, 16.0f / 9.0f}) {
        for (float dx : {0.0f, 140.0f, -400.0f}) {
            for (const auto& [lo, hi] : boxes) {
                CameraRig rig;
                rig.orbit(dx, 60.0f);
                const CameraPose before = rig.camera().pose();
                rig.focus(lo, hi, aspect);
                rig.snap();
                const CameraPose after = rig.camera().pose();
                INFO("aspect " << aspect << " yaw " << before.yaw << " box " << hi.x);
                CHECK(after.yaw == before.yaw);
                CHECK(after.pitch == before.pitch);
                CHECK(glm::distance(after.target, (lo + hi) * 0.5f) < 1e-6f);
                CHECK(after.distance >= 0.6f);
                const glm::vec2 e = ndcExtent(rig.camera(), aspect, lo, hi);
                CHECK(e.x <= 1.0f);
                CHECK(e.y <= 1.0f);
                if (after.distance > 0.6f) CHECK(std::max(e.x, e.y) > 0.6f);  // not loose
            }
        }
    }
}

TEST_CASE("focus with panels and a caption band frames the box inside the free part") {
    // A left panel takes a quarter of the width, a caption band a fifth of the height; the app
    // frames with the free aspect and height share, then shifts the lens (as for presets).
    const float aspect = 16.0f / 9.0f, panel = 0.25f, band = 0.2f;
    const glm::vec3 lo{-0.9f, 0.0f, -0.3f}, hi{0.2f, 0.5f, 0.3f};
    CameraRig rig;
    rig.orbit(80.0f, 30.0f);
    rig.setLensShift(panel, band);
    rig.focus(lo, hi, aspect * (1.0f - panel), 1.0f - band);
    runFrames(rig, 40);
    // Free part in NDC: x in [-1 + 2 * panel, 1], y in [-1 + 2 * band, 1].
    const glm::vec2 e = ndcExtent(rig.camera(), aspect, lo, hi, glm::vec2(panel, band));
    CHECK(e.x <= 1.0f - panel + 1e-5f);
    CHECK(e.y <= 1.0f - band + 1e-5f);
}

TEST_CASE("the same frame times give the same camera poses") {
    auto script = [](CameraRig& rig) {
        std::vector<CameraPose> poses;
        const float dts[] = {0.016f, 0.021f, 0.0f, 0.1f, 0.008f, 0.033f};
        rig.frame(ViewPreset::Back, kBodyMin, kBodyMax, 1.3f);
        for (int i = 0; i < 30; ++i) {
            if (i == 7) rig.focus(glm::vec3(0.1f), glm::vec3(0.3f), 1.3f);
            if (i >= 12) rig.follow(glm::vec3(0.01f * float(i), 0.1f, 0.0f));
            if (i == 20) rig.orbit(5.0f, -3.0f);
            rig.update(dts[i % 6]);
            poses.push_back(rig.camera().pose());
        }
        return poses;
    };
    CameraRig a, b;
    const auto pa = script(a), pb = script(b);
    REQUIRE(pa.size() == pb.size());
    for (size_t i = 0; i < pa.size(); ++i) CHECK(equalPoses(pa[i], pb[i]));
}

TEST_CASE("jump now lands at once: snap() and instant mode") {
    OrbitCamera reference;
    reference.frame(ViewPreset::Right, kBodyMin, kBodyMax, 1.2f, 0.8f);
    CameraRig rig;
    rig.frame(ViewPreset::Right, kBodyMin, kBodyMax, 1.2f, 0.8f);
    runFrames(rig, 5);
    rig.snap();
    CHECK(equalPoses(rig.camera().pose(), reference.pose()));
    CHECK_FALSE(rig.moving());

    CameraRig instant;
    instant.setInstant(true);
    instant.frame(ViewPreset::Right, kBodyMin, kBodyMax, 1.2f, 0.8f);
    CHECK(equalPoses(instant.camera().pose(), reference.pose()));
    instant.follow(glm::vec3(0.5f));
    CHECK(instant.camera().target() == glm::vec3(0.5f));
    CHECK_FALSE(instant.moving());
}

TEST_CASE("easing is zero and one at the ends and monotone between") {
    CHECK(easeInOut(0.0f) == 0.0f);
    CHECK(easeInOut(1.0f) == 1.0f);
    CHECK(easeInOut(0.5f) == Approx(0.5f));
    float prev = 0.0f;
    for (int i = 1; i <= 100; ++i) {
        const float e = easeInOut(float(i) / 100.0f);
        CHECK(e >= prev);
        prev = e;
    }
}
