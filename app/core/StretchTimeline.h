// StretchTimeline: a stretch laid out in time as played: its phases for each side it has, with a
// real side switch between them, evaluated at any t into the pose, the roller contact along the
// stretch's path, the breath and the current cue. Pure function of t: deterministic.
#pragma once

#include <string>
#include <vector>

#include "core/Stretch.h"

namespace ra::core {

// One played stretch of time: a phase of the stretch on one side, or the inserted side switch.
struct TimelineSegment {
    int phase = -1;  // index into Stretch::phases; -1 for the side switch
    int side = 0;    // 0 = left (as authored), 1 = right (mirrored)
    double start = 0.0, end = 0.0;
};

// Where the roller touches the body: a point along the path between two landmarks, for one side.
// During the side switch the contact moves from the left path's end (a) to the right path's start
// (b) as `mix` goes 0 -> 1, over the `via` landmarks when the turn is authored (the legs of that
// way equally long in `mix`).
struct ContactTarget {
    std::string fromA, toA;
    float alongA = 0.0f;
    std::string fromB, toB;
    float alongB = 0.0f;
    float mix = 0.0f;
    std::vector<std::string> via;
    // The leg of the way from a over `via` to b that `mix` lies on, and how far along it (0..1).
    int leg() const;
    float legProgress() const;
};

struct StretchFrame {
    int segment = 0;
    int phase = -1;  // -1 during the side switch
    int side = 0;
    PhaseKind kind = PhaseKind::Setup;
    float progress = 0.0f;  // 0..1 through the segment
    double segmentStart = 0.0, segmentEnd = 0.0;
    AnatomicalPose pose;  // mirrored already for the right side, breathing included
    // The body's orientation: lying on side 0 or 1 (matters for Lying::Side), blended by
    // `sideMix` during the switch (0 = this segment's start side, 1 = the other side).
    float sideMix = 0.0f;
    ContactTarget contact;
    float breath = 0.0f;  // 0 = breathed out, 1 = breathed in
    std::string cue, detail, pressure;
    Breathing breathing = Breathing::Natural;
    std::vector<std::string> sources;
};

class StretchTimeline {
public:
    static constexpr double kSwitchSeconds = 8.0;

    explicit StretchTimeline(const Stretch& stretch);

    double duration() const { return m_duration; }
    const std::vector<TimelineSegment>& segments() const { return m_segments; }
    const Stretch& stretch() const { return *m_stretch; }

    // The frame at t (clamped to [0, duration]).
    StretchFrame evaluate(double t) const;
    // The segment index playing at t.
    int segmentAt(double t) const;

private:
    AnatomicalPose poseAtEnd(int segment) const;  // the pose a segment ends in (side applied)
    ContactTarget contactAt(const TimelineSegment& s, float progress) const;

    const Stretch* m_stretch;
    std::vector<TimelineSegment> m_segments;
    double m_duration = 0.0;
};

// Smooth start and stop (smoothstep) for pose and contact blends.
float ease(float t);

// The part of a side switch (as progress 0..1) in which the body turns over to the other side;
// before it the limbs relax into the pose halfway between the sides, after it they set up. An
// authored turn (Stretch::turn) instead moves pose and body together, into its pose lying on the
// back or front by the middle of the switch and on to the other side from there.
constexpr float kSwitchTurn[2] = {0.3f, 0.7f};
// How far the turn (and the contact's move to the other side) has got at a switch's progress.
float switchTurn(float progress);

// 0 (out) .. 1 (in) for a breathing pattern at absolute time t within a phase of the given
// progress: Inhale rises over the phase, Exhale falls, Natural and Deep cycle every 4 s and 8 s.
float breathValue(Breathing b, float progress, double t);

}  // namespace ra::core
