// StretchMotion: the placement solver (tilt and lift against roller and floor) and one frame of
// the motion; the limbs settle in StretchLimbs.cpp, the roller's travel is StretchTravel.cpp's.
#include "core/StretchMotion.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <optional>

#include "core/StretchPlacement.h"
#include "core/StretchSchema.h"

namespace ra::core {
namespace {

constexpr uint32_t kFloorSampleStep = 5;  // every 5th skin vertex (~2 cm apart) meets the floor

// A smooth maximum (log-sum-exp): at most a few tau above the true maximum where values tie. The
// solver's lift and floor contact then change smoothly as one skin vertex takes over from
// another, so the body glides instead of jittering a vertex at a time.
constexpr float kNearRadius = 0.30f;  // skin this close to the target may press into the roller

struct SoftMax {
    float tau = 0.0008f;  // metres
    float top = -1e30f;
    double sum = 0.0;
    void add(float v) {
        if (v < top - 12.0f * tau) return;  // adds less than e^-12: not worth an exp()
        if (v > top) {
            sum = sum * std::exp(double(top - v) / tau) + 1.0;
            top = v;
        } else {
            sum += std::exp(double(v - top) / tau);
        }
    }
    bool empty() const { return sum == 0.0; }
    float value() const { return top + tau * float(std::log(sum)); }
};

glm::quat tiltAboutZ(float degrees) {
    return glm::angleAxis(glm::radians(degrees), glm::vec3(0, 0, 1));
}

// The whole-body orientation before the tilt; during a switch of a side-lying stretch the body
// rolls over through lying on its back.
glm::quat baseOrientation(const Stretch& st, const StretchFrame& f) {
    const int other = 1 - f.side;
    const Lying lying = st.lying;
    if (lying != Lying::Side || f.sideMix <= 0.0f) return lyingOrientation(lying, f.side);
    const glm::quat back = lyingOrientation(st.turn ? st.turn->through : Lying::Supine, 0);
    if (f.sideMix < 0.5f)
        return glm::slerp(lyingOrientation(lying, f.side), back, f.sideMix * 2.0f);
    return glm::slerp(back, lyingOrientation(lying, other), f.sideMix * 2.0f - 1.0f);
}

}  // namespace

StretchMotion::StretchMotion(std::shared_ptr<const BodySurface> surface, Stretch stretch,
                             const Mat& mat, RangeOfMotion rom, TravelFill fill)
    : m_rom(std::move(rom)),
      m_surface(std::move(surface)),
      m_stretch(std::move(stretch)),
      m_timeline(m_stretch),
      m_travelFix(travelKnots(m_timeline.duration()), 0.0f,
                  [this](size_t i, float knot) { return travelStep(i, knot); }) {
    if (m_stretch.orientation == RollerOrientation::Along) m_baseRoller.axis = glm::vec3(1, 0, 0);
    for (int side = 0; side < 2; ++side) {
        for (const std::string& s : m_stretch.supports) {
            const std::string id = side == 0 ? s : mirroredName(s);
            auto p = m_surface->landmarkPoint(id);
            if (!p) continue;
            auto patch = m_surface->patch(*p, m_surface->landmarkRadius(id));
            m_supports[side].insert(m_supports[side].end(), patch.begin(), patch.end());
            m_supportEnds[side].push_back(m_supports[side].size());
        }
    }
    // Centre the scene on the mat at t = 0: where the body lies decides where everything goes.
    // The travel is measured from where the contact starts.
    buildLimbs();
    StretchFrame f0 = m_timeline.evaluate(0.0);
    Pose pose0 = restPose(m_surface->model());
    const Placement p0 = solve(f0, pose0);
    m_contactAngle0 = p0.contactAngle;
    m_contactOffset0 = p0.contactOffset;
    m_contactRadius = p0.contactRadius > 0.0f ? p0.contactRadius : m_baseRoller.radius;
    buildArcTable();
    const MotionFrame first = evaluate(0.0);
    Bounds b = poseBounds(m_surface->model(), first.pose);
    Bounds w;
    for (int i = 0; i < 8; ++i) {
        glm::vec3 c{(i & 1) ? b.max.x : b.min.x, (i & 2) ? b.max.y : b.min.y,
                    (i & 4) ? b.max.z : b.min.z};
        w.add(glm::vec3(first.modelToWorld * glm::vec4(c, 1.0f)));
    }
    m_shift = glm::vec3(mat.center.x - w.center().x, 0.0f, 0.0f);
    // Everything the worker reads is in place: from here on it may fill the table, as far as it
    // is asked. A roller lying along the body does not roll: it needs no table.
    if (m_stretch.orientation != RollerOrientation::Along)
        m_travelFix.start(fill == TravelFill::Held);
}

glm::vec3 StretchMotion::contactPoint(const ContactTarget& c) const {
    auto along = [&](const std::string& from, const std::string& to, float u) {
        const glm::vec3 a = m_surface->landmarkPoint(from).value_or(glm::vec3(0.0f));
        const glm::vec3 b = m_surface->landmarkPoint(to).value_or(a);
        return a + (b - a) * u;
    };
    const glm::vec3 pa = along(c.fromA, c.toA, c.alongA);
    if (c.mix <= 0.0f) return pa;
    const glm::vec3 pb = along(c.fromB, c.toB, c.alongB);
    if (c.via.empty()) return pa + (pb - pa) * c.mix;
    // The way from a over the via landmarks to b, leg by leg.
    const int leg = c.leg();
    auto stop = [&](int k) {
        if (k <= 0) return pa;
        if (k > int(c.via.size())) return pb;
        return m_surface->landmarkPoint(c.via[size_t(k - 1)]).value_or(pa);
    };
    return stop(leg) + (stop(leg + 1) - stop(leg)) * c.legProgress();
}

StretchMotion::Placement StretchMotion::place(const Pose& pose, const StretchFrame& f,
                                              std::vector<glm::vec3>* posedOut) const {
    const BodySurface& s = *m_surface;
    const Primitive& skin = s.skin();
    const std::vector<glm::mat4> jm = s.jointMatrices(pose);
    std::vector<glm::vec3> posed;
    s.skinnedAll(jm, posed);
    // The contact target: the skin around the path point, weighed smoothly by distance (a patch
    // whose members changed abruptly as the point slides would make the body jump), at rest and
    // posed, with its outward normal.
    const glm::vec3 pathPoint = contactPoint(f.contact);
    const std::vector<uint32_t> around = s.patch(pathPoint, 0.05f);
    std::vector<glm::vec3> normals;
    s.skinnedNormals(jm, around, normals);
    glm::vec3 rest{0.0f}, target{0.0f}, normal{0.0f};
    float weight = 0.0f;
    for (size_t i = 0; i < around.size(); ++i) {
        const float d = glm::length(skin.positions[around[i]] - pathPoint) / 0.02f;
        const float w = std::exp(-d * d);
        rest += w * skin.positions[around[i]];
        target += w * posed[around[i]];
        normal += w * normals[i];
        weight += w;
    }
    rest /= weight;
    target /= weight;
    normal = glm::normalize(normal);
    // During a side switch the body rolls over on the roller: any skin may meet the roller
    // (every other vertex is read), as the path point passes between the two sides' paths.
    const bool switching = f.kind == PhaseKind::Switch;
    std::vector<glm::vec3> body, supportPoints, near;
    for (uint32_t v = 0; v < uint32_t(posed.size()); ++v) {
        if (v % kFloorSampleStep == 0) body.push_back(posed[v]);
        if (switching ? v % 2 == 0 : glm::length(posed[v] - target) < kNearRadius)
            near.push_back(posed[v]);
    }
    std::vector<uint32_t> supports = m_supports[f.side];
    if (f.sideMix > 0.0f)
        supports.insert(supports.end(), m_supports[1 - f.side].begin(),
                        m_supports[1 - f.side].end());
    for (uint32_t v : supports) supportPoints.push_back(posed[v]);
    // Each support's own lowest point (outside a switch): a rest that keeps every support down
    // beats one that balances on one of them with another in the air.
    const std::vector<size_t> supportEnds =
        f.sideMix > 0.0f ? std::vector<size_t>{} : m_supportEnds[f.side];

    const bool along = stretch().orientation == RollerOrientation::Along;
    const float r = m_baseRoller.radius, reach = r - kTargetSink;
    const glm::quat base = baseOrientation(stretch(), f);
    // For one tilt: the roller touches the body at the target, where the body's surface faces
    // it (the contact angle on the roller follows the skin's normal there), sinking kTargetSink;
    // then read the lowest point of the body against the floor.
    // `stride` > 1 reads every stride-th skin point: the coarse scan for where the roots lie.
    auto evaluateTilt = [&](float pitch, size_t stride = 1) {
        Placement p;
        p.pitch = pitch;
        p.orientation = tiltAboutZ(pitch) * base;
        const glm::mat3 rot = glm::mat3_cast(p.orientation);
        const glm::vec3 t = p.orientation * target;
        const glm::vec3 n = p.orientation * normal;
        float a = std::atan2(-(along ? n.z : n.x), std::max(1e-3f, -n.y));
        // Mid-switch the path point lies inside the body and its skin normal means nothing: the
        // contact angle fades out as the path leaves one side and back in as it reaches the other.
        if (switching) a *= std::pow(std::abs(1.0f - 2.0f * f.contact.legProgress()), 4.0f);
        p.contactAngle = std::clamp(a, -1.4f, 1.4f);
        p.lift = r + reach * std::cos(p.contactAngle) - t.y;
        const float side = reach * std::sin(p.contactAngle);
        p.offsetX = along ? -t.x : side - t.x;
        p.offsetZ = along ? side - t.z : 0.0f;
        // Where the skin around the target curves into the roller deeper than the target, lift
        // the body clear to the nominal sink (smoothly, so the body never jitters). In a switch
        // the path point passes between the two sides' paths, inside the body, and any skin may
        // meet the roller: the body is lifted off it in a few such steps until it rests on top.
        const int steps = switching ? 10 : 1;
        for (int k = 0; k < steps; ++k) {
            SoftMax deepest;
            const glm::vec2 origin{along ? p.offsetZ : p.offsetX, p.lift - r};  // rel. centre
            for (size_t i = 0; i < near.size(); i += stride) {
                const glm::vec3 w = rot * near[i];
                deepest.add(r -
                            glm::length(glm::vec2((along ? w.z : w.x) + origin.x, w.y + origin.y)));
            }
            const float extra = deepest.empty() ? 0.0f : deepest.value() - kTargetSink;
            if (extra <= 0.0005f) break;
            p.lift += extra;
        }
        float patchLow = 1e9f;
        SoftMax low, lowSupport;                           // of minus the heights
        const glm::vec3 up{rot[0].y, rot[1].y, rot[2].y};  // a point's height is dot(up, q)
        p.highest = -1e9f;
        for (size_t i = 0, k = 0; i < supportPoints.size(); ++i) {
            const float y = glm::dot(up, supportPoints[i]);
            lowSupport.add(-y);
            low.add(-y);
            patchLow = std::min(patchLow, y);
            if (k < supportEnds.size() && i + 1 == supportEnds[k]) {
                p.highest = std::max(p.highest, patchLow + p.lift);
                patchLow = 1e9f;
                ++k;
            }
        }
        for (size_t i = 0; i < body.size(); i += stride) low.add(-glm::dot(up, body[i]));
        p.floor = -low.value() + p.lift;
        p.support = supportPoints.empty() ? 0.0f : -lowSupport.value() + p.lift;
        p.sink = kTargetSink;
        p.contactAlong = rest.y;
        return p;
    };
    // The skin that actually touches the roller in a placement: where it sits around the roller
    // and along the body. The roller rolls with it (not with the path point, which the lift may
    // have moved off the roller where the back curves around it).
    auto measureContact = [&](Placement& p) {
        if (along) return;
        const glm::mat3 rot = glm::mat3_cast(p.orientation);
        const glm::vec2 origin{p.offsetX, p.lift - r};
        glm::vec2 at{0.0f};
        glm::vec3 onBody{0.0f};
        float wsum = 0.0f;
        for (const glm::vec3& q : near) {
            const glm::vec3 w = rot * q;
            const glm::vec2 rel{w.x + origin.x, w.y + origin.y};
            const float wt = rollerContactWeight(glm::length(rel) - r);
            if (wt <= 0.0f) continue;
            at += wt * rel;
            onBody += wt * q;
            wsum += wt;
        }
        if (wsum <= 0.0f) return;
        at /= wsum;
        onBody /= wsum;
        p.contactRadius = glm::length(at);
        p.contactAngle = std::atan2(at.x, at.y);
        // Along the body: the offset's component along the roller's surface there, toward the
        // head (model +Y lies toward world -X in every position).
        glm::vec3 tangent{std::cos(p.contactAngle), -std::sin(p.contactAngle), 0.0f};
        if (tangent.x > 0.0f) tangent = -tangent;
        p.contactOffset = glm::dot(rot * (onBody - target), tangent);
    };
    // Every tilt at which the body comes down onto the floor (a scan for sign changes, each
    // bisected); of those, the one that rests on the declared supports (a seated stretch can
    // also balance on its head), then the one nearest level.
    auto gap = [&](float pitch, size_t stride = 1) {
        return evaluateTilt(pitch, stride).floor + kFloorSink;
    };
    constexpr float kStep = 6.0f, kLimit = 84.0f;
    std::vector<float> tilts, gaps;
    for (float a = -kLimit; a <= kLimit + 1e-3f; a += kStep)
        tilts.push_back(a), gaps.push_back(gap(a, 4));
    // In a switch (both sides' supports listed, limbs on their way) the tilt stays near the one
    // it turns from and the one it turns to, blended through the turn: the body rolls over
    // instead of jumping between rest positions (a head stand is a rest position too).
    float reference = 0.0f;
    if (switching) {
        auto pitchAt = [&](double t) {
            StretchFrame g = m_timeline.evaluate(t);
            Pose rig = restPose(s.model());
            return solve(g, rig).pitch;
        };
        constexpr double kOutside = 1e-3;
        const float a0 = pitchAt(f.segmentStart - kOutside), a1 = pitchAt(f.segmentEnd + kOutside);
        reference = a0 + (a1 - a0) * f.sideMix;
    }
    std::optional<Placement> best;
    auto better = [&](const Placement& p) {
        if (!best) return true;
        if (switching) return std::abs(p.pitch - reference) < std::abs(best->pitch - reference);
        const float sp = std::abs(p.support + kFloorSink),
                    sb = std::abs(best->support + kFloorSink);
        if (std::abs(sp - sb) > 0.005f) return sp < sb;
        if (std::abs(p.highest - best->highest) > 0.005f) return p.highest < best->highest;
        return std::abs(p.pitch) < std::abs(best->pitch);
    };
    for (size_t i = 1; i < tilts.size(); ++i) {
        if ((gaps[i - 1] <= 0.0f) == (gaps[i] <= 0.0f)) continue;
        // The coarse scan reads every 4th skin point: read the bracket's ends in full. Where they
        // agree, the crossing lies one step beside the bracket (a point the coarse read skipped).
        float lo = tilts[i - 1], hi = tilts[i], glo = gap(lo);
        const float ghi = gap(hi);
        if ((glo <= 0.0f) == (ghi <= 0.0f)) {
            if (i >= 2 && (gap(tilts[i - 2]) <= 0.0f) != (glo <= 0.0f))
                hi = lo, lo = tilts[i - 2], glo = gap(lo);
            else if (i + 1 < tilts.size() && (gap(tilts[i + 1]) <= 0.0f) != (ghi <= 0.0f))
                lo = hi, hi = tilts[i + 1], glo = ghi;
            else
                continue;
        }
        for (int k = 0; k < 16; ++k) {
            const float mid = 0.5f * (lo + hi), gm = gap(mid);
            if ((gm <= 0.0f) == (glo <= 0.0f))
                lo = mid, glo = gm;
            else
                hi = mid;
        }
        Placement p = evaluateTilt(0.5f * (lo + hi));
        // A sign change across a jump (some skin slipping off the roller's edge as the body
        // tilts) is no rest position: the body would hover there.
        if (std::abs(p.floor + kFloorSink) > 0.002f) continue;
        p.solved = true;
        if (better(p)) best = p;
    }
    if (posedOut) *posedOut = posed;
    if (best) {
        measureContact(*best);
        return *best;
    }
    // No tilt crosses the floor: the body touches it at best at one tilt, as when it rests on two
    // supports at once (tilting either way sinks one of them). Find that tilt (golden section
    // around the best of the scan); it is a solution when the floor is met there, else the
    // pose does not allow one and the audit reports the penetration.
    const size_t top = size_t(std::max_element(gaps.begin(), gaps.end()) - gaps.begin());
    float lo = tilts[top > 0 ? top - 1 : top], hi = tilts[std::min(top + 1, tilts.size() - 1)];
    constexpr float kGolden = 0.618034f;
    float x1 = hi - kGolden * (hi - lo), x2 = lo + kGolden * (hi - lo);
    float g1 = gap(x1), g2 = gap(x2);
    for (int k = 0; k < 18; ++k) {
        if (g1 > g2) {
            hi = x2, x2 = x1, g2 = g1;
            x1 = hi - kGolden * (hi - lo), g1 = gap(x1);
        } else {
            lo = x1, x1 = x2, g1 = g2;
            x2 = lo + kGolden * (hi - lo), g2 = gap(x2);
        }
    }
    Placement p = evaluateTilt(0.5f * (lo + hi));
    p.solved = p.floor + kFloorSink > -0.002f;
    measureContact(p);
    return p;
}

StretchMotion::Placement StretchMotion::solve(StretchFrame& f, Pose& pose,
                                              std::vector<glm::vec3>* posedOut) const {
    applyAnatomicalPose(m_surface->model(), m_surface->joints(), f.pose, pose);
    Placement p = place(pose, f, posedOut);
    // Settling the limbs moves the body's lowest points, so the body is placed again; a second
    // round takes up what the new tilt left (a support a few mm up, a limb a little in the floor).
    for (int round = 0; round < 2 && !m_limbs.empty(); ++round) {
        if (!settleLimbs(f, pose, p)) break;
        p = place(pose, f, posedOut);
    }
    return p;
}

MotionFrame StretchMotion::evaluate(double t, EvalMode mode) const {
    MotionFrame m;
    m.timeline = m_timeline.evaluate(t);
    m.pose = restPose(m_surface->model());
    const Placement p = solve(m.timeline, m.pose);
    m.roller = m_baseRoller;
    const bool along = stretch().orientation == RollerOrientation::Along;
    // Rolling without slip, on the floor and under the body: the arc the contact travels along
    // the body equals the arc it travels over the roller's surface. With the contact angle
    // measured from the top toward +X and the body's "toward the head" (model +Y) lying toward
    // world -X in every position, the roller's centre moves by the contact's travel along the
    // body plus r times the change of its angle.
    bool exact = true;
    const float travel = along ? 0.0f : travelFormula(t, p) + travelFix(t, mode, exact);
    m.exact = exact;
    m.roller.center = glm::vec3(travel, m.roller.radius, 0.0f) + m_shift;
    m.roller.angle = -travel / m.roller.radius;
    const glm::vec3 origin =
        m.roller.center + glm::vec3(p.offsetX, p.lift - m.roller.radius, p.offsetZ);
    m.modelToWorld = glm::translate(glm::mat4(1.0f), origin) * glm::mat4_cast(p.orientation);
    m.pitchDegrees = p.pitch;
    m.rollerSink = p.sink;
    m.supportHeight = p.support;
    m.solved = p.solved;
    m.contactAngle = p.contactAngle;
    m.contactRadius = p.contactRadius;
    m.contactOffset = p.contactOffset;
    // The stroke speed: how fast the contact moves along the body (a central difference).
    constexpr double h = 1.0 / 60.0;
    const double t0 = std::max(0.0, t - h), t1 = std::min(duration(), t + h);
    if (t1 > t0) {
        const glm::vec3 a = contactPoint(m_timeline.evaluate(t0).contact);
        const glm::vec3 b = contactPoint(m_timeline.evaluate(t1).contact);
        m.strokeSpeed = glm::length(b - a) / float(t1 - t0);
    }
    return m;
}

}  // namespace ra::core
