// StretchMotion: a stretch played on our body with physical contact. At each instant the
// timeline gives the pose and where the roller should touch; the solver then places the body:
// it tilts it about the roller's axis and lifts it until it rests on the roller (sinking at most
// the soft-tissue depth) while its supports rest on the floor; the roller rolls without slipping
// (its centre travels half as far as the body, turning by distance / radius).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>

#include "core/BodySurface.h"
#include "core/KnotFill.h"
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

// How evaluate() treats the roller's travel table (see StretchMotion::m_travelFix) where it has
// not been filled yet.
enum class EvalMode {
    Exact,    // waits for the table (or fills it on this thread): renders, the audit, tests
    Preview,  // never waits: past the table's end, its last knot stands in (MotionFrame::exact)
    // As Preview, but asks the worker only for the table up to t, not kFillAhead past it: a
    // paused window needs nothing more, and then uses no CPU.
    PreviewStill,
};

// How the travel table fills: on a worker thread as far as previews ask (and Exact evaluations
// fill what it has not reached on their own thread), or Held: the worker waits until
// travelFill().hold(false) lets it go (a hook for tests).
enum class TravelFill { Background, Held };

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
    // False for a preview made before the travel table reached this time: the pose, tilt and
    // contact are exact, but the roller's travel (where roller and body lie along the mat) is
    // approximate. The same time evaluated again once exactAt() holds is exact.
    bool exact = true;
};

// Every const member may be called from several threads at once. Destroying the motion stops
// the worker that fills its travel table (after the knot it is on) and joins it.
class StretchMotion {
public:
    static constexpr float kTargetSink = 0.008f;  // soft tissue and foam give under body weight
    static constexpr float kFloorSink = 0.001f;   // supports press into the mat this much

    // `rom` bounds the limbs' settling (an empty table leaves it to the 20 degree cap).
    StretchMotion(std::shared_ptr<const BodySurface> surface, Stretch stretch, const Mat& mat,
                  RangeOfMotion rom = {}, TravelFill fill = TravelFill::Background);
    StretchMotion(const StretchMotion&) = delete;  // the timeline points at m_stretch
    StretchMotion& operator=(const StretchMotion&) = delete;

    double duration() const { return m_timeline.duration(); }
    const StretchTimeline& timeline() const { return m_timeline; }
    const Stretch& stretch() const { return m_stretch; }
    const BodySurface& surface() const { return *m_surface; }
    // The motion at time t (seconds, clamped to the stretch). Exact: the same frame every run
    // for a given t, waiting for the travel table up to t. Preview: never waits for the table.
    MotionFrame evaluate(double t, EvalMode mode = EvalMode::Exact) const;
    // Whether evaluate(t, EvalMode::Preview) is exact now (the travel table has reached t).
    bool exactAt(double t) const;
    // The roller's travel table, for tests and benchmarks: how far it is filled, its knots,
    // waiting for it, holding its worker. Thread-safe (see KnotFill).
    KnotFill& travelFill() const { return m_travelFix; }

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
    glm::vec3 m_shift{0.0f};  // centres the whole scene on the mat
    // The roller's travel from the formula above (the touching skin's arc along the body and its
    // angle around the roller) is exact only to first order. The no-slip condition itself is
    // integrated at kFixRate: each step moves the roller so that its surface keeps pace with the
    // skin that touched it at the start of the step; m_travelFix holds the difference from the
    // formula. Each knot follows from the one before: a worker thread fills the table in order,
    // as far as previews ask (StretchTravel.cpp; the locking is KnotFill's).
    static constexpr double kFixRate = 30.0;
    static constexpr double kFillAhead = 10.0;  // seconds a preview asks the worker for past t
    static size_t travelKnots(double duration);
    float travelFormula(double t, const Placement& p) const;
    float travelFix(double t, EvalMode mode, bool& exact) const;
    // The body placed at knot `knot`'s time: the formula's travel there, and every skin vertex
    // relative to the roller's centre.
    static constexpr size_t kNoKnot = SIZE_MAX;
    struct TravelSample {
        size_t knot = kNoKnot;
        float travel = 0.0f;
        std::vector<glm::vec3> relative;
    };
    TravelSample travelSample(size_t knot) const;
    float travelStep(size_t i, float knot) const;  // knot i + 1 from knot i (KnotFill::Step)
    // The last step's end sample, the next step's start: touched only by the thread that holds
    // the table's fill (one at a time, handed over through KnotFill's mutex).
    mutable TravelSample m_carry;
    // Last: destroyed first, so the worker is joined while everything it reads is still there.
    mutable KnotFill m_travelFix;
};

}  // namespace ra::core
