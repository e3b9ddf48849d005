// CameraRig: eased transitions (smootherstep over a fixed time, yaw the short way, distance
// geometric so zooming feels even), exponential follow, gestures that cancel.
#include "core/CameraRig.h"

#include <algorithm>
#include <cmath>

namespace ra::core {
namespace {

// Below these the pose counts as arrived: no transition starts, the follow snaps and stops.
constexpr float kSamePosition = 1e-5f;
constexpr float kSameAngle = 1e-3f;
constexpr float kSameDistance = 1e-5f;
constexpr float kFollowSnap = 1e-4f;  // metres
// Absorbs float round-off in a sum of frame times that is meant to reach the duration.
constexpr double kEndSlack = 1e-6;

bool samePose(const CameraPose& a, const CameraPose& b) {
    return glm::all(glm::lessThan(glm::abs(a.target - b.target), glm::vec3(kSamePosition))) &&
           std::abs(shortYawDelta(a.yaw, b.yaw)) < kSameAngle &&
           std::abs(a.pitch - b.pitch) < kSameAngle &&
           std::abs(a.distance - b.distance) < kSameDistance;
}

}  // namespace

float easeInOut(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    // Smootherstep: zero speed and zero acceleration at both ends, so a move starts and lands
    // without a jolt.
    return t * t * t * (t * (t * 6.0f - 15.0f) + 10.0f);
}

float shortYawDelta(float fromDegrees, float toDegrees) {
    float d = std::fmod(toDegrees - fromDegrees, 360.0f);
    if (d < -180.0f) d += 360.0f;
    if (d >= 180.0f) d -= 360.0f;
    return d;
}

void CameraRig::frame(ViewPreset preset, glm::vec3 boxMin, glm::vec3 boxMax, float aspect,
                      float heightShare) {
    OrbitCamera probe = m_camera;
    probe.frame(preset, boxMin, boxMax, aspect, heightShare);
    moveTo(probe.pose());
}

void CameraRig::focus(glm::vec3 boxMin, glm::vec3 boxMax, float aspect, float heightShare) {
    // "The current direction" is where a running transition is heading, not where it is now.
    const CameraPose now = m_transition ? m_transition->to : m_camera.pose();
    CameraPose goal{(boxMin + boxMax) * 0.5f, now.yaw, now.pitch, 1.0f};
    OrbitCamera probe = m_camera;
    probe.setPose(goal);
    goal.distance =
        std::max(probe.framingDistance(boxMin, boxMax, aspect, heightShare, m_tuning.focusMargin),
                 m_tuning.minFocusDistance);
    moveTo(goal);
}

void CameraRig::moveTo(const CameraPose& goal) {
    const CameraPose now = m_camera.pose();
    CameraPose to = goal;
    if (m_following) to.target = now.target;  // the follow owns the target
    if (m_instant || samePose(now, to)) {
        m_transition.reset();
        m_camera.setPose(to);
        return;
    }
    m_transition = Transition{now, to, 0.0};
}

void CameraRig::follow(glm::vec3 point) {
    if (!m_following) m_followOffset = glm::vec3(0.0f);
    m_following = true;
    m_followPoint = point;
    if (m_instant) snap();
}

void CameraRig::stopFollowing() {
    if (!m_following) return;
    m_following = false;
    m_followOffset = glm::vec3(0.0f);
    // A transition in flight left the target to the follow; keep it where the follow left it
    // rather than jumping back to the transition's stale start.
    if (m_transition) m_transition->from.target = m_transition->to.target = m_camera.target();
}

void CameraRig::orbit(float dxPixels, float dyPixels) {
    m_transition.reset();
    m_camera.orbit(dxPixels, dyPixels);
}

void CameraRig::pan(float dxPixels, float dyPixels, float viewportHeight) {
    m_transition.reset();
    const glm::vec3 before = m_camera.target();
    m_camera.pan(dxPixels, dyPixels, viewportHeight);
    if (m_following) m_followOffset += m_camera.target() - before;
}

void CameraRig::zoom(float wheelSteps) {
    m_transition.reset();
    m_camera.zoom(wheelSteps);
}

void CameraRig::snap() {
    if (m_transition) {
        applyTransition(1.0f);
        m_transition.reset();
    }
    if (m_following) {
        CameraPose p = m_camera.pose();
        p.target = followGoal();
        m_camera.setPose(p);
    }
}

void CameraRig::setInstant(bool instant) {
    m_instant = instant;
    if (instant) snap();
}

void CameraRig::update(float dt) {
    dt = std::max(dt, 0.0f);
    if (m_transition) {
        m_transition->elapsed += double(dt);
        const double duration = std::max(double(m_tuning.transitionSeconds), 1e-6);
        if (m_transition->elapsed >= duration - kEndSlack) {
            applyTransition(1.0f);
            m_transition.reset();
        } else {
            applyTransition(easeInOut(float(m_transition->elapsed / duration)));
        }
    }
    if (!m_following || dt == 0.0f) return;
    // Exponential approach: frame-rate independent for a still point, continuous in speed for
    // a moving one.
    const float keep =
        m_tuning.followHalfLife > 0.0f ? std::exp2(-dt / m_tuning.followHalfLife) : 0.0f;
    CameraPose p = m_camera.pose();
    const glm::vec3 goal = followGoal();
    p.target = goal + (p.target - goal) * keep;
    if (glm::length(p.target - goal) < kFollowSnap) p.target = goal;
    m_camera.setPose(p);
}

bool CameraRig::moving() const {
    return m_transition.has_value() || (m_following && m_camera.target() != followGoal());
}

std::optional<CameraPose> CameraRig::goal() const {
    if (!m_transition) return std::nullopt;
    return m_transition->to;
}

void CameraRig::applyTransition(float share) {
    const CameraPose& a = m_transition->from;
    const CameraPose& b = m_transition->to;
    CameraPose p = b;
    if (share < 1.0f) {
        p.target = a.target + (b.target - a.target) * share;  // exact when they agree
        p.yaw = std::fmod(a.yaw + shortYawDelta(a.yaw, b.yaw) * share, 360.0f);
        p.pitch = a.pitch + (b.pitch - a.pitch) * share;
        // Geometric: each frame zooms by the same factor, as the wheel does; monotone.
        p.distance = a.distance * std::pow(b.distance / a.distance, share);
    }
    if (m_following) p.target = m_camera.target();
    m_camera.setPose(p);
}

}  // namespace ra::core
