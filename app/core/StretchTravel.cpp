// StretchTravel: how far the roller has rolled along the mat: the contact's arc along the posed
// body, the first-order travel formula, and the no-slip correction integrated into the travel
// table (m_travelFix, filled on a worker thread; see KnotFill).
#include <algorithm>
#include <cmath>

#include "core/StretchMotion.h"
#include "core/StretchPlacement.h"

namespace ra::core {

glm::vec3 StretchMotion::posedPoint(const std::vector<glm::mat4>& jm, const glm::vec3& rest) const {
    // A point moves with the skin around it (weighed smoothly by distance).
    const Primitive& skin = m_surface->skin();
    const std::vector<uint32_t> around = m_surface->patch(rest, 0.05f);
    std::vector<glm::vec3> posed;
    m_surface->skinned(jm, around, posed);
    glm::vec3 shift{0.0f};
    float weight = 0.0f;
    for (size_t i = 0; i < around.size(); ++i) {
        const float d = glm::length(skin.positions[around[i]] - rest) / 0.02f;
        const float w = std::exp(-d * d);
        shift += w * (posed[i] - skin.positions[around[i]]);
        weight += w;
    }
    return rest + (weight > 0.0f ? shift / weight : glm::vec3(0.0f));
}

void StretchMotion::buildArcTable() {
    // Each step adds the distance, in the current pose, between where the contact was and where
    // it is now on the body; toward the head (rest +Y) counts positive.
    const int n = int(std::ceil(duration() * kArcRate)) + 1;
    m_arc.assign(size_t(n), 0.0f);
    glm::vec3 last = contactPoint(m_timeline.evaluate(0.0).contact);
    for (int k = 1; k < n; ++k) {
        const StretchFrame f = m_timeline.evaluate(std::min(duration(), k / kArcRate));
        const glm::vec3 now = contactPoint(f.contact);
        float ds = 0.0f;
        if (glm::length(now - last) > 1e-6f) {
            Pose pose = restPose(m_surface->model());
            applyAnatomicalPose(m_surface->model(), m_surface->joints(), f.pose, pose);
            const std::vector<glm::mat4> jm = m_surface->jointMatrices(pose);
            ds = glm::length(posedPoint(jm, now) - posedPoint(jm, last));
            if (now.y < last.y) ds = -ds;
        }
        m_arc[size_t(k)] = m_arc[size_t(k - 1)] + ds;
        last = now;
    }
}

float StretchMotion::arcAt(double t) const {
    if (m_arc.empty()) return 0.0f;
    const double u = std::clamp(t, 0.0, duration()) * kArcRate;
    const size_t k = std::min(size_t(u), m_arc.size() - 1);
    const size_t k1 = std::min(k + 1, m_arc.size() - 1);
    return m_arc[k] + (m_arc[k1] - m_arc[k]) * float(u - double(k));
}

float StretchMotion::travelFormula(double t, const Placement& p) const {
    // The touching skin's path along the body is the path point's plus its offset from it. The
    // skin presses into the roller to m_contactRadius, where the roller's surface moves
    // m_contactRadius / r as fast as its centre does, so the skin's path counts r /
    // m_contactRadius times toward the centre's travel.
    const float r = m_baseRoller.radius;
    return (arcAt(t) + p.contactOffset - m_contactOffset0) * (r / m_contactRadius) +
           r * (p.contactAngle - m_contactAngle0);
}

size_t StretchMotion::travelKnots(double duration) {
    // The last lookup (t = duration) reads knots floor(duration * kFixRate) and the one after.
    return size_t(duration * kFixRate) + 2;
}

float StretchMotion::travelFix(double t, EvalMode mode, bool& exact) const {
    const double u = std::clamp(t, 0.0, duration()) * kFixRate;
    const size_t need = size_t(u) + 2;
    // A preview asks the worker for the table a little past t (playback moves on) and does not
    // wait; with no worker to ask (no thread to be had, or it failed) it fills like Exact. Exact
    // fills on this thread what the worker has not, as the table did before it had a worker.
    if (mode != EvalMode::Exact && m_travelFix.working())
        m_travelFix.want(need + (mode == EvalMode::Preview ? size_t(kFillAhead * kFixRate) : 0));
    else
        m_travelFix.fillTo(need);
    return m_travelFix.at(u, exact);
}

bool StretchMotion::exactAt(double t) const {
    if (stretch().orientation == RollerOrientation::Along) return true;  // no travel
    bool exact = false;
    m_travelFix.at(std::clamp(t, 0.0, duration()) * kFixRate, exact);
    return exact;
}

StretchMotion::TravelSample StretchMotion::travelSample(size_t knot) const {
    const float r = m_baseRoller.radius;
    const double time = double(knot) / kFixRate;
    StretchFrame f = m_timeline.evaluate(std::min(time, duration()));
    Pose pose = restPose(m_surface->model());
    std::vector<glm::vec3> posed;
    const Placement p = solve(f, pose, &posed);
    const glm::mat3 rot = glm::mat3_cast(p.orientation);
    const glm::vec3 origin{p.offsetX, p.lift - r, p.offsetZ};
    for (glm::vec3& q : posed) q = rot * q + origin;
    return TravelSample{knot, travelFormula(time, p), std::move(posed)};
}

float StretchMotion::travelStep(size_t i, float knot) const {
    // One step: the skin touching the roller at the step's start (pressure-weighted) and where
    // the same skin is at its end, both relative to the roller's centre (the body is placed
    // relative to it). The roller's surface there moves (rho / r) times as far as its centre,
    // against the skin's own motion: equal motions along the surface mean no slip.
    // The step starts on the sample the last step ended on, whichever thread computed it.
    const float r = m_baseRoller.radius;
    const glm::vec3 axis{0.0f, 0.0f, 1.0f};
    const bool carried = m_carry.knot == i;
    m_carry.knot = kNoKnot;
    const TravelSample a = carried ? std::move(m_carry) : travelSample(i);
    TravelSample b = travelSample(i + 1);
    glm::vec3 dp{0.0f}, at{0.0f};
    float wsum = 0.0f;
    for (size_t v = 0; v < a.relative.size(); ++v) {
        const glm::vec3& q = a.relative[v];
        const float w = rollerContactWeight(glm::length(glm::vec2(q.x, q.y)) - r);
        if (w <= 0.0f) continue;
        dp += w * (b.relative[v] - q);
        at += w * q;
        wsum += w;
    }
    float step = b.travel - a.travel;  // no contact: the formula alone
    if (wsum > 0.0f) {
        at /= wsum;
        dp /= wsum;
        const glm::vec3 radial{at.x, at.y, 0.0f};
        const float rho = std::max(glm::length(radial), 0.5f * r);
        const glm::vec3 tangent = glm::cross(axis, radial) / rho;
        step = -(r / rho) * glm::dot(dp, tangent);
    }
    const float total = (knot + a.travel) + step;
    const float next = total - b.travel;
    if (i + 2 < m_travelFix.count()) m_carry = std::move(b);  // the last step keeps nothing
    return next;
}

}  // namespace ra::core
