// CameraRig: the interactive window's camera over time: eased transitions to view presets and to
// a focused box, "follow the roller", and the user's gestures, which always win. Pure math; time
// enters only as dt.
#pragma once

#include <optional>

#include "core/OrbitCamera.h"

namespace ra::core {

struct CameraRigTuning {
    float transitionSeconds = 0.6f;  // preset and focus moves
    float followHalfLife = 0.12f;    // seconds for the target to halve its lag behind the point
    float focusMargin = 1.25f;       // room around a focused box (1 = touching the picture edge)
    float minFocusDistance = 0.6f;   // metres: focus never moves closer than this
};

class CameraRig {
public:
    explicit CameraRig(CameraRigTuning tuning = {}) : m_tuning(tuning) {}

    const OrbitCamera& camera() const { return m_camera; }
    // The lens is not animated: it follows the panels at once, as OrbitCamera's does.
    void setLensShift(float shift, float shiftY = 0.0f) { m_camera.setLensShift(shift, shiftY); }

    // Goals. Each starts a transition from the current pose (or lands at once when instant).
    // frame(): OrbitCamera::frame's pose, same parameters and lens shift semantics.
    void frame(ViewPreset preset, glm::vec3 boxMin, glm::vec3 boxMax, float aspect,
               float heightShare = 1.0f);
    // focus(): keeps the direction, centres the box and frames it with focusMargin, never
    // closer than minFocusDistance.
    void focus(glm::vec3 boxMin, glm::vec3 boxMax, float aspect, float heightShare = 1.0f);
    void moveTo(const CameraPose& goal);

    // Follow: call each frame with the point to keep in view (the roller's contact point). The
    // target eases toward it; yaw, pitch and distance stay the user's. While following, the
    // follow owns the target: a preset or focus animates only direction and distance.
    void follow(glm::vec3 point);
    void stopFollowing();
    bool following() const { return m_following; }

    // The user's gestures (OrbitCamera's units). Each cancels a transition in flight; a pan
    // while following offsets the followed point instead of fighting it.
    void orbit(float dxPixels, float dyPixels);
    void pan(float dxPixels, float dyPixels, float viewportHeight);
    void zoom(float wheelSteps);

    // Jump now: land the transition and the follow at their goals.
    void snap();
    // Instant (reduced motion, headless, tests): every goal and follow lands without animating.
    void setInstant(bool instant);
    bool instant() const { return m_instant; }

    void update(float dt);
    // True while a transition runs or the follow still lags: keep drawing; false means still.
    bool moving() const;
    bool transitioning() const { return m_transition.has_value(); }
    // Where the running transition ends, if one runs.
    std::optional<CameraPose> goal() const;

private:
    struct Transition {
        CameraPose from, to;
        double elapsed = 0.0;
    };

    void applyTransition(float share);
    glm::vec3 followGoal() const { return m_followPoint + m_followOffset; }

    CameraRigTuning m_tuning;
    OrbitCamera m_camera;
    std::optional<Transition> m_transition;
    bool m_following = false;
    bool m_instant = false;
    glm::vec3 m_followPoint{0.0f};
    glm::vec3 m_followOffset{0.0f};
};

// Eased share of a transition at `t` in [0, 1]: 0 and 1 at the ends with zero speed there,
// monotone in between.
float easeInOut(float t);
// `to` - `from` in degrees, wrapped into [-180, 180): the short way around.
float shortYawDelta(float fromDegrees, float toDegrees);

}  // namespace ra::core
