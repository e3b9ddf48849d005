// StretchMotion: a stretch played on our body with physical contact. At each instant the
// timeline gives the pose and where the roller should touch; the solver then places the body:
// it tilts it about the roller's axis and lifts it until it rests on the roller (sinking at most
// the soft-tissue depth) while its supports rest on the floor; the roller rolls without slipping
// (its centre travels half as far as the body, turning by distance / radius).
#pragma once

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>

#include "core/BodySurface.h"
#include "core/Scene.h"
#include "core/StretchTimeline.h"

namespace ra::core {

// How much a skin point at `distance` from the roller's surface (negative inside) counts toward
// the contact: its share of the pressure, which grows with how deep foam and tissue are pressed
// (linearly, as a soft spring), plus a little for skin just touching. The solver rolls the
// roller with this contact and the audit measures slip at it.
constexpr float kContactBand = 0.004f;  // skin within 4 mm of the surface touches it
inline float rollerContactWeight(float distance) {
    if (distance > kContactBand) return 0.0f;
    if (distance > 0.0f) return 0.3f * (1.0f - distance / kContactBand);
    return 1.0f - std::max(distance, -0.02f) / 0.002f;  // foam bottoms out
}

struct MotionFrame {
    StretchFrame timeline;  // its pose as played: with the limbs settled on the floor
    Pose pose;              // the rig posed (model space)
    glm::mat4 modelToWorld{1.0f};
    Roller roller;
    float pitchDegrees = 0.0f;  // the solved tilt about the roller's axis
    // Solver residuals: how deep the body sinks into the roller at its deepest point, and the
    // supports' lowest point relative to the floor (negative = below), both in metres.
    float rollerSink = 0.0f;
    float supportHeight = 0.0f;
    bool solved = false;  // false when no tilt brings the supports to the floor
    // The skin that touches the roller (pressure-weighted): its angle around the roller (radians
    // from the top), its distance from the roller's axis, and its offset from the path point
    // along the body (m, toward the head).
    float contactAngle = 0.0f, contactRadius = 0.0f, contactOffset = 0.0f;
    float strokeSpeed = 0.0f;  // how fast the contact travels along the body, m/s
};

class StretchMotion {
public:
    static constexpr float kTargetSink = 0.008f;  // soft tissue and foam give under body weight
    static constexpr float kFloorSink = 0.001f;   // supports press into the mat this much

    // `rom` bounds the limbs' settling (an empty table leaves it to the 20 degree cap).
    StretchMotion(std::shared_ptr<const BodySurface> surface, Stretch stretch, const Mat& mat,
                  RangeOfMotion rom = {});
    StretchMotion(const StretchMotion&) = delete;  // the timeline points at m_stretch
    StretchMotion& operator=(const StretchMotion&) = delete;

    double duration() const { return m_timeline.duration(); }
    const StretchTimeline& timeline() const { return m_timeline; }
    const Stretch& stretch() const { return m_stretch; }
    const BodySurface& surface() const { return *m_surface; }
    MotionFrame evaluate(double t) const;

private:
    struct Placement;
    // `posedOut` receives the posed skin (model space) the placement was solved for.
    Placement place(const Pose& pose, const StretchFrame& f,
                    std::vector<glm::vec3>* posedOut = nullptr) const;
    // The whole solve at one instant: pose, place, let the limbs meet the floor, place again.
    // `f.pose` comes back with the limbs' adjustment.
    Placement solve(StretchFrame& f, Pose& pose, std::vector<glm::vec3>* posedOut = nullptr) const;

    // A limb (arm from the shoulder, leg from the hip), its skin and, per side, the supports on
    // it. Once the body is placed, a limb not carrying the roller settles: a support that is the
    // limb's bottom comes down (or up) to the floor, and any other limb that reaches into the
    // floor comes up to rest on it (the least change of the root joint's flexion and abduction,
    // at most 20 degrees): an arm relaxing in a side switch lies on the floor, not through it.
    struct Limb {
        std::string root;                  // "shoulder_l"
        std::vector<uint32_t> skin;        // every other vertex: what is read
        std::vector<uint32_t> all;         // every vertex, sorted
        std::vector<uint32_t> support[2];  // the supports' vertices on it, per side
    };
    std::vector<Limb> m_limbs;
    RangeOfMotion m_rom;
    void buildLimbs();
    bool settleLimbs(StretchFrame& f, Pose& pose, const Placement& p) const;
    glm::vec3 contactPoint(const ContactTarget& c) const;  // rest-pose model space

    std::shared_ptr<const BodySurface> m_surface;
    Stretch m_stretch;
    StretchTimeline m_timeline;
    Roller m_baseRoller;
    std::vector<uint32_t> m_supports[2];   // skin vertices of each side's supports
    std::vector<size_t> m_supportEnds[2];  // where each support's patch ends in m_supports
    // Where the skin touched the roller at t = 0: around the roller, and how far the touching
    // skin lay from the path point along the body.
    float m_contactAngle0 = 0.0f;
    float m_contactOffset0 = 0.0f;
    float m_contactRadius = 0.075f;  // how far from the roller's axis the skin presses
    // How far the contact has travelled along the posed body since t = 0, sampled at kArcRate:
    // the skin stretches and the back curves, so the rest pose's distances are not the arc.
    static constexpr double kArcRate = 20.0;
    std::vector<float> m_arc;
    void buildArcTable();
    float arcAt(double t) const;
    glm::vec3 posedPoint(const std::vector<glm::mat4>& jointMats, const glm::vec3& rest) const;
    // The roller's travel from the formula above (the touching skin's arc along the body and its
    // angle around the roller) is exact only to first order. The no-slip condition itself is
    // integrated at kFixRate: each step moves the roller so that its surface keeps pace with the
    // skin that touched it at the start of the step; m_travelFix holds the difference from the
    // formula, filled in lazily as playback (or a seek) first reaches each step.
    static constexpr double kFixRate = 30.0;
    float travelFormula(double t, const Placement& p) const;
    float travelFix(double t) const;
    mutable std::mutex m_fixLock;
    mutable std::vector<float> m_travelFix;
    glm::vec3 m_shift{0.0f};  // centres the whole scene on the mat
};

}  // namespace ra::core
