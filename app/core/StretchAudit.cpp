// StretchAudit: the sampling loop, the per-sample measures and the verdict.
#include "core/StretchAudit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/AnatomicalPose.h"

namespace ra::core {
namespace {

std::string fmt(const char* f, double v) {
    char b[64];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

void appendOnce(std::vector<std::string>& list, const std::string& item) {
    if (!item.empty() && (list.empty() || list.back() != item) &&
        std::find(list.begin(), list.end(), item) == list.end())
        list.push_back(item);
}

// The skin patches of the supports a frame's side lists, by landmark id.
std::vector<std::pair<std::string, std::vector<uint32_t>>> supportPatches(
    const StretchMotion& motion, int side) {
    std::vector<std::pair<std::string, std::vector<uint32_t>>> out;
    const BodySurface& s = motion.surface();
    for (const std::string& id0 : motion.stretch().supports) {
        const std::string id = side == 0 ? id0 : mirroredName(id0);
        if (auto p = s.landmarkPoint(id)) out.emplace_back(id, s.patch(*p, s.landmarkRadius(id)));
    }
    return out;
}

// Body-roller slip over one step: the tangential motion of the skin at the contact (the skin
// touching the roller, weighed by how deep it presses) against the roller surface's own motion
// there.
struct SlipMeter {
    double slip = 0.0, travel = 0.0;
    std::vector<std::pair<uint32_t, float>> contact;  // vertex, weight
    std::vector<glm::vec3> last;
    Roller lastRoller;
    void step(const std::vector<glm::vec3>& skin, const Roller& roller) {
        if (!contact.empty()) {
            glm::vec3 dp{0.0f}, at{0.0f};
            float wsum = 0.0f;
            for (size_t i = 0; i < contact.size(); ++i) {
                const auto [v, w] = contact[i];
                dp += w * (skin[v] - last[i]);
                at += w * last[i];
                wsum += w;
            }
            dp /= wsum;
            at /= wsum;
            const glm::vec3 arm = at - lastRoller.center;
            const glm::vec3 radial = arm - glm::dot(arm, roller.axis) * roller.axis;
            const glm::vec3 tangent = glm::normalize(glm::cross(roller.axis, radial));
            const glm::vec3 surface =
                (roller.center - lastRoller.center) +
                (roller.angle - lastRoller.angle) * glm::cross(roller.axis, arm);
            travel += std::abs(glm::dot(dp, tangent));
            slip += std::abs(glm::dot(dp - surface, tangent));
        }
        contact.clear();
        last.clear();
        for (size_t v = 0; v < skin.size(); ++v) {
            const float w = rollerContactWeight(rollerDistance(roller, skin[v]));
            if (w <= 0.0f) continue;
            contact.emplace_back(uint32_t(v), w);
            last.push_back(skin[v]);
        }
        lastRoller = roller;
    }
};

void judge(StretchAudit& a, const AuditLimits& lim) {
    if (a.mistakeDemo) {
        if (a.firstWarningAt < 0.0)
            a.failures.push_back("the mistake demo never triggers a warning");
        return;
    }
    if (a.status != StretchStatus::Recommended) return;
    if (a.maxRollerPenetrationMm > lim.rollerPenetrationMm)
        a.failures.push_back(fmt("sinks %.1f mm into the roller", a.maxRollerPenetrationMm));
    if (a.maxFloorPenetrationMm > lim.floorPenetrationMm)
        a.failures.push_back(fmt("sinks %.1f mm into the floor", a.maxFloorPenetrationMm));
    if (a.maxContactGapMm > lim.contactGapMm)
        a.failures.push_back(fmt("a gap of %.1f mm at ", a.maxContactGapMm) + a.worstGap);
    if (a.slipPercent > lim.slipPercent)
        a.failures.push_back(fmt("the roller slips %.2f%% of the travel", a.slipPercent));
    if (a.rangeViolationSamples > 0) a.failures.push_back("joints leave their range");
    if (a.noGoSeconds > 0.0) a.failures.push_back(fmt("%.1f s on a no-go zone", a.noGoSeconds));
    // Done right, a stretch never sets the safety monitor off (a stop line, a caution zone).
    if (a.noGoSeconds <= 0.0 && a.firstWarningAt >= 0.0)
        a.failures.push_back(fmt("the safety monitor warns at %.1f s: ", a.firstWarningAt) +
                             a.firstWarning);
}

}  // namespace

StretchAudit auditStretch(const StretchMotion& motion, const RangeOfMotion& rom, double hz,
                          const AuditLimits& limits) {
    StretchAudit a;
    const Stretch& st = motion.stretch();
    a.id = st.id;
    a.status = st.status;
    a.mistakeDemo = st.isMistakeDemo();
    a.duration = motion.duration();
    // The roller's travel table fills on its worker thread while the frames below are read (the
    // same knots as when each frame filled it: the audit's figures do not change).
    motion.travelFill().want(SIZE_MAX);
    const std::vector<std::pair<std::string, std::vector<uint32_t>>> patches[2] = {
        supportPatches(motion, 0), supportPatches(motion, 1)};
    std::map<std::string, RangeViolation> worst;
    std::vector<glm::vec3> skin;
    SlipMeter slip;
    bool onStop = false;
    a.minFloorClearanceMm = 1e9f;
    const int n = std::max(1, int(std::floor(a.duration * hz)) + 1);
    const double dt = 1.0 / hz;
    for (int i = 0; i < n; ++i) {
        const double t = std::min(a.duration, i * dt);
        const MotionFrame f = motion.evaluate(t);
        skin.clear();
        worldSkin(motion.surface(), f, skin);
        ++a.samples;
        if (!f.solved) ++a.unsolvedSamples;
        float lowest = 1e9f, deepest = 1e9f;
        for (const glm::vec3& p : skin) {
            lowest = std::min(lowest, p.y);
            deepest = std::min(deepest, rollerDistance(f.roller, p));
        }
        a.maxFloorPenetrationMm = std::max(a.maxFloorPenetrationMm, -lowest * 1000.0f);
        a.maxRollerPenetrationMm = std::max(a.maxRollerPenetrationMm, -deepest * 1000.0f);
        auto gap = [&](float mm, const std::string& what) {
            if (mm > a.maxContactGapMm) a.maxContactGapMm = mm, a.worstGap = what;
        };
        gap(deepest * 1000.0f, "the roller");
        std::vector<char> isSupport(skin.size(), 0);
        if (f.timeline.kind != PhaseKind::Switch) {
            for (const auto& [id, verts] : patches[f.timeline.side]) {
                float low = 1e9f;
                for (uint32_t v : verts) low = std::min(low, skin[v].y), isSupport[v] = 1;
                gap(low * 1000.0f, id);
            }
        }
        for (size_t v = 0; v < skin.size(); ++v)
            if (!isSupport[v] && rollerDistance(f.roller, skin[v]) > 0.02f)
                a.minFloorClearanceMm = std::min(a.minFloorClearanceMm, skin[v].y * 1000.0f);
        if (st.orientation == RollerOrientation::Across) slip.step(skin, f.roller);
        const auto violations = rangeViolations(f.timeline.pose, rom);
        if (!violations.empty()) ++a.rangeViolationSamples;
        for (const RangeViolation& v : violations) {
            const std::string key = v.joint + " " + v.axis;
            auto it = worst.find(key);
            if (it == worst.end() || std::abs(v.degrees) > std::abs(it->second.degrees))
                worst[key] = v;
        }
        const SafetyReport r = assessContact(motion.surface(), f, st, &skin);
        a.maxStrokeCmPerS = std::max(a.maxStrokeCmPerS, r.strokeCmPerS);
        if (r.level == SafetyLevel::NoGo) a.noGoSeconds += dt;
        if (r.level == SafetyLevel::Caution) a.cautionSeconds += dt;
        if (r.stopLine && !onStop) ++a.stopLineCrossings;
        onStop = r.stopLine;
        if (!r.message.empty() && a.firstWarningAt < 0.0)
            a.firstWarningAt = t, a.firstWarning = r.message;
        appendOnce(a.levels, r.vertebra);
        appendOnce(a.regions, r.region);
    }
    for (const auto& [key, v] : worst)
        a.rangeViolations.push_back(key + fmt(" %.0f", v.degrees) + fmt(" (limit %.0f)", v.limit));
    if (a.minFloorClearanceMm > 1e8f) a.minFloorClearanceMm = 0.0f;
    a.travelCm = float(slip.travel * 100.0);
    a.slipPercent = slip.travel > 0.01 ? float(100.0 * slip.slip / slip.travel) : 0.0f;
    judge(a, limits);
    return a;
}

}  // namespace ra::core
