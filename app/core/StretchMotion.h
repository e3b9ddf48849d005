// StretchMotion: a stretch played on our body with physical contact. At each instant the
// timeline gives the pose and where the roller should touch; the solver then places the body:
// it tilts it about the roller's axis and lifts it until it rests on the roller (sinking at most
// the soft-tissue depth) while its supports rest on the floor; the roller rolls without slipping
// (its centre travels half as far as the body, turning by distance / radius).
#pragma once

#include <memory>

#include "core/BodySurface.h"
#include "core/Scene.h"
#include "core/StretchTimeline.h"

namespace ra::core {

struct MotionFrame {
    StretchFrame timeline;
    Pose pose;  // the rig posed (model space)
    glm::mat4 modelToWorld{1.0f};
    Roller roller;
    float pitchDegrees = 0.0f;  // the solved tilt about the roller's axis
    // Solver residuals: how deep the body sinks into the roller at its deepest point, and the
    // supports' lowest point relative to the floor (negative = below), both in metres.
    float rollerSink = 0.0f;
    float supportHeight = 0.0f;
    bool solved = false;       // false when no tilt brings the supports to the floor
    float strokeSpeed = 0.0f;  // how fast the contact travels along the body, m/s
};

class StretchMotion {
public:
    static constexpr float kTargetSink = 0.008f;  // soft tissue and foam give under body weight
    static constexpr float kFloorSink = 0.001f;   // supports press into the mat this much

    StretchMotion(std::shared_ptr<const BodySurface> surface, Stretch stretch, const Mat& mat);
    StretchMotion(const StretchMotion&) = delete;  // the timeline points at m_stretch
    StretchMotion& operator=(const StretchMotion&) = delete;

    double duration() const { return m_timeline.duration(); }
    const StretchTimeline& timeline() const { return m_timeline; }
    const Stretch& stretch() const { return m_stretch; }
    const BodySurface& surface() const { return *m_surface; }
    MotionFrame evaluate(double t) const;

private:
    struct Placement;
    Placement place(const Pose& pose, const StretchFrame& f) const;
    glm::vec3 contactPoint(const ContactTarget& c) const;  // rest-pose model space

    std::shared_ptr<const BodySurface> m_surface;
    Stretch m_stretch;
    StretchTimeline m_timeline;
    Roller m_baseRoller;
    std::vector<uint32_t> m_supports[2];  // skin vertices of each side's supports
    // Where the skin touched the roller at t = 0: along the body and around the roller.
    float m_contactAngle0 = 0.0f;
    // How far the contact has travelled along the posed body since t = 0, sampled at kArcRate:
    // the skin stretches and the back curves, so the rest pose's distances are not the arc.
    static constexpr double kArcRate = 20.0;
    std::vector<float> m_arc;
    void buildArcTable();
    float arcAt(double t) const;
    glm::vec3 posedPoint(const std::vector<glm::mat4>& jointMats, const glm::vec3& rest) const;
    glm::vec3 m_shift{0.0f};  // centres the whole scene on the mat
};

}  // namespace ra::core
