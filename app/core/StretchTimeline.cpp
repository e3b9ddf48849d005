// StretchTimeline: segment layout (sides and the switch), pose and contact blending, breathing.
#include "core/StretchTimeline.h"

#include <algorithm>
#include <cmath>

#include "core/AnatomicalPose.h"

namespace ra::core {
namespace {

constexpr float kPi = 3.14159265f;

// Breathing shows in the body: the chest lifts and the shoulder blades rise a little on the
// inhale (degrees at a full breath in).
void addBreath(AnatomicalPose& pose, float breath) {
    pose.joints["thoracic"].flexion -= 3.0f * breath;
    pose.joints["scapula_l"].abduction += 2.0f * breath;
    pose.joints["scapula_r"].abduction += 2.0f * breath;
}

std::string sided(const std::string& name, int side) {
    return side == 0 ? name : mirroredName(name);
}

// An authored turn's progress (0..1) at a switch's progress: eased into lying on the back or
// front at the middle, a moment's pause there, eased on to the other side.
float authoredTurn(float progress) {
    return progress < 0.5f ? 0.5f * ease(2.0f * progress)
                           : 0.5f + 0.5f * ease(2.0f * progress - 1.0f);
}

}  // namespace

float ease(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

float breathValue(Breathing b, float progress, double t) {
    switch (b) {
        case Breathing::Inhale:
            return ease(progress);
        case Breathing::Exhale:
            return 1.0f - ease(progress);
        case Breathing::Natural:
            return 0.5f - 0.5f * std::cos(float(t) * 2.0f * kPi / 4.0f);
        case Breathing::Deep:
            return 0.5f - 0.5f * std::cos(float(t) * 2.0f * kPi / 8.0f);
    }
    return 0.0f;
}

// The pose the body turns over in: halfway between the sides, with the arms folded in front of
// the chest the way one rolls over on the floor (an arm reaching out or propping would pass
// through the floor on the way).
AnatomicalPose turningPose(AnatomicalPose p) {
    for (const char* side : {"_l", "_r"}) {
        p.joints[std::string("shoulder") + side] = {80.0f, 0.0f, -70.0f};
        p.joints[std::string("elbow") + side] = {80.0f, 0.0f, 0.0f};
        p.joints[std::string("wrist") + side] = {};
    }
    return p;
}

int ContactTarget::leg() const {
    const int legs = int(via.size()) + 1;
    return std::clamp(int(mix * float(legs)), 0, legs - 1);
}

float ContactTarget::legProgress() const {
    return std::clamp(mix * float(via.size() + 1) - float(leg()), 0.0f, 1.0f);
}

float switchTurn(float progress) {
    const float u = (progress - kSwitchTurn[0]) / (kSwitchTurn[1] - kSwitchTurn[0]);
    return ease(std::clamp(u, 0.0f, 1.0f));
}

StretchTimeline::StretchTimeline(const Stretch& stretch) : m_stretch(&stretch) {
    std::vector<int> sides;
    switch (stretch.sides) {
        case StretchSides::None:
        case StretchSides::Left:
            sides = {0};
            break;
        case StretchSides::Right:
            sides = {1};
            break;
        case StretchSides::Both:
            sides = {0, 1};
            break;
    }
    double t = 0.0;
    for (size_t k = 0; k < sides.size(); ++k) {
        if (k > 0) {
            m_segments.push_back({-1, sides[k - 1], t, t + kSwitchSeconds});
            t += kSwitchSeconds;
        }
        for (size_t p = 0; p < stretch.phases.size(); ++p) {
            const double d = std::max(0.01f, stretch.phases[p].duration);
            m_segments.push_back({int(p), sides[k], t, t + d});
            t += d;
        }
    }
    m_duration = t;
}

int StretchTimeline::segmentAt(double t) const {
    if (m_segments.empty()) return -1;
    for (size_t i = 0; i < m_segments.size(); ++i)
        if (t < m_segments[i].end) return int(i);
    return int(m_segments.size()) - 1;
}

AnatomicalPose StretchTimeline::poseAtEnd(int segment) const {
    const TimelineSegment& s = m_segments[size_t(segment)];
    if (s.phase < 0) {  // the switch ends in the next side's first pose
        const TimelineSegment& next = m_segments[size_t(segment) + 1];
        return poseAtEnd(segment + 1 < int(m_segments.size()) && next.phase >= 0 ? segment + 1
                                                                                 : segment - 1);
    }
    const Phase& ph = m_stretch->phases[size_t(s.phase)];
    auto it = m_stretch->poses.find(ph.pose);
    AnatomicalPose p = it != m_stretch->poses.end() ? it->second : AnatomicalPose{};
    return s.side == 0 ? p : mirrored(p);
}

ContactTarget StretchTimeline::contactAt(const TimelineSegment& s, float progress) const {
    const Stretch& st = *m_stretch;
    ContactTarget c;
    if (s.phase < 0) {
        // From where the previous side ended to where the next one starts.
        const Phase& last = st.phases.back();
        const Phase& first = st.phases.front();
        c.fromA = sided(st.rollerFrom, s.side);
        c.toA = sided(st.rollerTo, s.side);
        c.alongA = last.strokes % 2 == 1 ? last.contactTo : last.contactFrom;
        c.fromB = sided(st.rollerFrom, 1 - s.side);
        c.toB = sided(st.rollerTo, 1 - s.side);
        c.alongB = first.contactFrom;
        if (st.turn) {
            c.mix = authoredTurn(progress);
            for (const std::string& id : st.turn->via) c.via.push_back(sided(id, s.side));
        } else {
            c.mix = switchTurn(progress);
        }
        return c;
    }
    const Phase& ph = st.phases[size_t(s.phase)];
    c.fromA = c.fromB = sided(st.rollerFrom, s.side);
    c.toA = c.toB = sided(st.rollerTo, s.side);
    // Strokes go back and forth; each one eases in and out so the roll never jerks.
    const int n = std::max(1, ph.strokes);
    const float u = std::clamp(progress, 0.0f, 1.0f) * float(n);
    const int k = std::min(int(u), n - 1);
    float f = ease(u - float(k));
    if (k % 2 == 1) f = 1.0f - f;
    c.alongA = c.alongB = ph.contactFrom + (ph.contactTo - ph.contactFrom) * f;
    return c;
}

StretchFrame StretchTimeline::evaluate(double t) const {
    StretchFrame f;
    const int i = segmentAt(std::clamp(t, 0.0, m_duration));
    if (i < 0) return f;
    const TimelineSegment& s = m_segments[size_t(i)];
    f.segment = i;
    f.phase = s.phase;
    f.side = s.side;
    f.segmentStart = s.start;
    f.segmentEnd = s.end;
    f.progress = float(std::clamp((t - s.start) / std::max(1e-6, s.end - s.start), 0.0, 1.0));
    const AnatomicalPose from = i > 0 ? poseAtEnd(i - 1) : poseAtEnd(i);
    if (s.phase < 0) {
        // The switch in three stages: ease out of the last pose into the pose halfway to the
        // other side's first (symmetric: a prop arm or a crossed leg relaxes), turn over to the
        // other side holding it, then settle into the other side's first pose.
        const float u = f.progress;
        const SideTurn* turn = m_stretch->turn ? &*m_stretch->turn : nullptr;
        auto authored = turn ? m_stretch->poses.find(turn->pose) : m_stretch->poses.end();
        const AnatomicalPose mid =
            authored != m_stretch->poses.end()
                ? (s.side == 0 ? authored->second : mirrored(authored->second))
                : turningPose(blend(from, poseAtEnd(i), 0.5f));
        if (turn) {
            // Pose and body turn together: into the turn's pose on the back or front by the
            // middle of the switch, on to the other side's first pose from there.
            f.pose = u < 0.5f ? blend(from, mid, ease(2.0f * u))
                              : blend(mid, poseAtEnd(i), ease(2.0f * u - 1.0f));
        } else if (u < kSwitchTurn[0])
            f.pose = blend(from, mid, ease(u / kSwitchTurn[0]));
        else if (u > kSwitchTurn[1])
            f.pose = blend(mid, poseAtEnd(i), ease((u - kSwitchTurn[1]) / (1.0f - kSwitchTurn[1])));
        else
            f.pose = mid;
    } else {
        f.pose = blend(from, poseAtEnd(i), ease(f.progress));
    }
    f.contact = contactAt(s, f.progress);
    if (s.phase < 0) {
        f.kind = PhaseKind::Switch;
        f.sideMix = m_stretch->turn ? authoredTurn(f.progress) : switchTurn(f.progress);
        f.breathing = Breathing::Natural;
        f.cue = m_stretch->turn && !m_stretch->turn->cue.empty()
                    ? m_stretch->turn->cue
                    : "Ease off the roller and set up on the other side.";
        f.sources = m_stretch->sources;
    } else {
        const Phase& ph = m_stretch->phases[size_t(s.phase)];
        f.kind = ph.kind;
        f.breathing = ph.breathing;
        f.cue = ph.cue;
        f.detail = ph.detail;
        f.pressure = ph.pressure;
        f.sources = ph.sources;
    }
    f.breath = breathValue(f.breathing, f.progress, t);
    addBreath(f.pose, f.breath);
    return f;
}

}  // namespace ra::core
