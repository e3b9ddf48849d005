// StretchPlayTest: the shipped stretches played on the real body: the roller is under the
// stretch's target where the stretch says, recommended stretches stay off no-go zones at their
// key moments, and the mistake demos trigger the monitor when the mistake happens.
#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>

#include "BodyFixture.h"
#include "StretchFixture.h"
#include "SurfaceFixture.h"
#include "core/Picking.h"
#include "core/SafetyMonitor.h"
#include "core/StretchAudit.h"
#include "core/StretchMotion.h"

using namespace ra::core;

namespace {

std::unique_ptr<StretchMotion> play(const std::string& id) {
    const Stretch* s = test::shipped().lib.find(id);
    INFO(id);
    REQUIRE(s);
    return std::make_unique<StretchMotion>(test::shippedSurface(), *s, Mat{},
                                           test::shipped().lib.rangeOfMotion);
}

// The middle of each phase of the first side: set-up, mid-roll, hold...
std::vector<double> keyMoments(const StretchMotion& m) {
    std::vector<double> out;
    for (const TimelineSegment& s : m.timeline().segments())
        if (s.phase >= 0 && s.side == m.timeline().segments().front().side)
            out.push_back(0.5 * (s.start + s.end));
    return out;
}

// The middle of the first set-up, roll and hold of each side: where a stretch is set, rolled and
// held.
std::vector<double> setUpRollHold(const StretchMotion& m) {
    std::vector<double> out;
    for (int side = 0; side < 2; ++side)
        for (PhaseKind kind : {PhaseKind::Setup, PhaseKind::Roll, PhaseKind::Hold})
            for (const TimelineSegment& s : m.timeline().segments())
                if (s.phase >= 0 && s.side == side &&
                    m.stretch().phases[size_t(s.phase)].kind == kind) {
                    out.push_back(0.5 * (s.start + s.end));
                    break;
                }
    return out;
}

}  // namespace

TEST_CASE("the thoracic extension rolls the thoracic spine and never the lumbar spine",
          "[stretch][play]") {
    auto m = play("thoracic-extension");
    std::vector<glm::vec3> skin;
    int onTarget = 0, moments = 0;
    for (double t : keyMoments(*m)) {
        const MotionFrame f = m->evaluate(t);
        skin.clear();
        const SafetyReport r = assessContact(*test::shippedSurface(), f, m->stretch(), &skin);
        INFO("t = " << t << ": " << r.region << " " << r.vertebra << " " << r.message);
        CHECK(r.inContact);
        CHECK(r.level != SafetyLevel::NoGo);
        CHECK(r.vertebra.rfind("T", 0) == 0);  // a thoracic level
        onTarget += r.region == "thoracic_erectors";
        ++moments;
    }
    CHECK(onTarget == moments);
}

TEST_CASE("each mistake demo triggers the monitor when the mistake happens", "[stretch][play]") {
    struct Case {
        const char* id;
        double from, to;   // the part of the demo where the mistake is made
        const char* zone;  // the zone it must name ("" = the stroke speed, "+X" = X lifted)
    };
    for (const Case& c : {Case{"lower-back-release", 4.0, 12.0, "lumbar_spine"},
                          Case{"it-band-over-knee", 12.0, 24.0, "knee_joint"},
                          Case{"lat-release-past-ribs", 8.0, 30.0, "lower_rib_border"},
                          Case{"rolling-fast", 4.0, 12.0, ""},
                          Case{"thoracic-extension-hips-lifted", 5.0, 25.0, "+buttocks"}}) {
        auto m = play(c.id);
        double firstHit = -1.0;
        std::string message;
        for (double t = c.from; t <= c.to && firstHit < 0.0; t += 0.5) {
            const SafetyReport r =
                assessContact(*test::shippedSurface(), m->evaluate(t), m->stretch());
            const std::string zone = c.zone;
            const bool named =
                zone.empty()     ? r.tooFast
                : zone[0] == '+' ? r.lifted == zone.substr(1)
                                 : std::find(r.zones.begin(), r.zones.end(), zone) != r.zones.end();
            if (named && r.level != SafetyLevel::Ok && !r.message.empty())
                firstHit = t, message = r.message;
        }
        INFO(c.id << ": first warning at " << firstHit << " s: " << message);
        CHECK(firstHit >= 0.0);
    }
}

TEST_CASE("the audit measures a stretch and judges it", "[stretch][audit]") {
    auto m = play("lower-back-release");
    const StretchAudit a = auditStretch(*m, test::shipped().lib.rangeOfMotion, 5.0);
    CHECK(a.mistakeDemo);
    CHECK(a.samples == int(std::floor(m->duration() * 5.0)) + 1);
    CHECK(a.noGoSeconds > 0.5 * m->duration());  // on the low back most of the time
    CHECK(a.firstWarningAt >= 0.0);
    CHECK(a.passed());  // a mistake demo passes when it triggers
    REQUIRE_FALSE(a.levels.empty());
    CHECK(a.levels.front().rfind("L", 0) == 0);
    CHECK(a.maxRollerPenetrationMm < 15.0f);
}

// Every recommended stretch keeps the audit's limits over its whole play, both sides and the
// switch, sampled at 10 Hz (`roller-atlas audit` samples at 30 Hz). One test case each, so ctest
// runs them side by side.
namespace {
void auditPasses(const char* id) {
    auto m = play(id);
    const StretchAudit a = auditStretch(*m, test::shipped().lib.rangeOfMotion, 10.0);
    std::string failures;
    for (const std::string& f : a.failures) failures += f + "; ";
    INFO(id << ": " << failures << "gap at " << a.worstGap);
    CHECK(a.passed());
    CHECK(a.maxContactGapMm <= 5.0f);
    CHECK(a.slipPercent <= 1.0f);
    CHECK(a.firstWarningAt < 0.0);  // the safety monitor never warns
}
}  // namespace

TEST_CASE("audit: calf roll", "[stretch][audit]") {
    auditPasses("calf-roll");
}
TEST_CASE("audit: chest opener", "[stretch][audit]") {
    auditPasses("chest-opener");
}
TEST_CASE("audit: glute roll", "[stretch][audit]") {
    auditPasses("glute-roll");
}
TEST_CASE("audit: hip flexor roll", "[stretch][audit]") {
    auditPasses("hip-flexor-roll");
}
TEST_CASE("audit: IT band roll", "[stretch][audit]") {
    auditPasses("it-band-roll");
}
TEST_CASE("audit: lat release", "[stretch][audit]") {
    auditPasses("lat-release");
}
TEST_CASE("audit: shoulder-blade roll", "[stretch][audit]") {
    auditPasses("shoulder-blade-roll");
}
TEST_CASE("audit: thoracic extension", "[stretch][audit]") {
    auditPasses("thoracic-extension");
}

TEST_CASE("every recommended stretch is audited above", "[stretch][audit]") {
    std::vector<std::string> recommended;
    for (const Stretch& s : test::shipped().lib.stretches)
        if (s.status == StretchStatus::Recommended) recommended.push_back(s.id);
    CHECK(recommended == std::vector<std::string>{"calf-roll", "chest-opener", "glute-roll",
                                                  "hip-flexor-roll", "it-band-roll", "lat-release",
                                                  "shoulder-blade-roll", "thoracic-extension"});
}

TEST_CASE("the side switch turns the body over without sinking into roller or floor",
          "[stretch][play]") {
    auto m = play("calf-roll");
    const TimelineSegment* sw = nullptr;
    for (const TimelineSegment& s : m->timeline().segments())
        if (s.phase < 0) sw = &s;
    REQUIRE(sw);
    std::vector<glm::vec3> skin;
    AnatomicalPose last;
    float biggestJump = 0.0f;
    bool first = true;
    for (double t = sw->start - 0.5; t <= sw->end + 0.5; t += 0.1) {
        const MotionFrame f = m->evaluate(t);
        skin.clear();
        worldSkin(*test::shippedSurface(), f, skin);
        float lowest = 1e9f, deepest = 1e9f;
        for (const glm::vec3& p : skin) {
            lowest = std::min(lowest, p.y);
            deepest = std::min(deepest, rollerDistance(f.roller, p));
        }
        INFO("t = " << t);
        CHECK(lowest > -0.005f);
        CHECK(deepest > -0.015f);
        CHECK(deepest < 0.005f);  // still resting on the roller
        if (!first)
            for (const auto& [joint, a] : f.timeline.pose.joints) {
                const JointAngles b =
                    last.joints.count(joint) ? last.joints.at(joint) : JointAngles{};
                biggestJump = std::max({biggestJump, std::abs(a.flexion - b.flexion),
                                        std::abs(a.abduction - b.abduction),
                                        std::abs(a.rotation - b.rotation)});
            }
        last = f.timeline.pose;
        first = false;
    }
    CHECK(biggestJump < 8.0f);  // degrees per 0.1 s: a motion, not a cut
    CHECK(m->evaluate(sw->start - 0.1).timeline.side != m->evaluate(sw->end + 0.1).timeline.side);
}

// Independent of the safety monitor's reading: a ray from the roller's axis out through the
// middle of the skin it touches, cast against the skinned pose of the frame, meets the region
// the roller is under. Across the body that is a target of the stretch; the chest opener's
// roller lies along the spine, which carries the body while the chest opens.
TEST_CASE("at its set-up, roll and hold each recommended stretch has the roller under its target",
          "[stretch][pick]") {
    const ModelData& model = test::shippedSurface()->model();
    std::vector<glm::vec3> skin;
    for (const Stretch& st : test::shipped().lib.stretches) {
        if (st.status != StretchStatus::Recommended) continue;
        auto m = play(st.id);
        const std::vector<double> moments = setUpRollHold(*m);
        const size_t sides = st.sides == StretchSides::Both ? 2 : 1;
        CHECK(moments.size() >= 2 * sides);  // set-up and roll on each side at least
        for (double t : moments) {
            const MotionFrame f = m->evaluate(t);
            skin.clear();
            worldSkin(*test::shippedSurface(), f, skin);
            // The middle of the skin pressed around the deepest point (a second leg or an arm
            // touching elsewhere is another contact).
            size_t deepest = 0;
            for (size_t v = 1; v < skin.size(); ++v)
                if (rollerDistance(f.roller, skin[v]) < rollerDistance(f.roller, skin[deepest]))
                    deepest = v;
            glm::vec3 contact{0.0f};
            int touching = 0;
            for (const glm::vec3& p : skin)
                if (rollerDistance(f.roller, p) < kContactDistance &&
                    glm::length(p - skin[deepest]) < 0.05f)
                    contact += p, ++touching;
            INFO(st.id << " at t = " << t << " s");
            REQUIRE(touching > 0);
            contact /= float(touching);
            const glm::vec3 axis = f.roller.axis;
            const glm::vec3 origin =
                f.roller.center + glm::dot(contact - f.roller.center, axis) * axis;
            const SkinHit hit =
                pickSkin(test::shippedSurface()->skin(), skin, origin, contact - origin);
            REQUIRE(hit.hit);
            // The skin met lies at the roller's surface (sunk in by at most the 15 mm allowed).
            CHECK(std::abs(rollerDistance(f.roller, hit.point)) < 0.015f);
            const std::string region = regionId(model, hit.region);
            INFO("under the roller: " << region);
            if (st.orientation == RollerOrientation::Along) {
                // Lengthwise under the spine: on the midline of the back (where the left and
                // right labels meet), never on a zone.
                const glm::vec3 at =
                    test::shippedSurface()->skin().positions
                        [test::shippedSurface()->skin().indices[size_t(hit.triangle) * 3]];
                INFO("rest-pose point " << at.x << ", " << at.y << ", " << at.z);
                CHECK(std::abs(at.x) < 0.03f);
                CHECK(at.z < 0.0f);
                REQUIRE(hit.region >= 0);
                const RegionKind kind = model.regions[size_t(hit.region)].kind;
                CHECK(kind != RegionKind::NoGo);
                CHECK(kind != RegionKind::Caution);
            } else
                CHECK(std::find(st.targets.begin(), st.targets.end(), region) != st.targets.end());
        }
    }
}

TEST_CASE("picking meets the nearest skin and names its region", "[pick]") {
    const BodySurface& s = *test::shippedSurface();
    const std::vector<glm::vec3>& rest = s.skin().positions;
    // The rest pose faces +Z: a ray from behind at mid-back height meets the back first.
    const glm::vec3 t7 = s.landmarkPoint("T7").value();
    const SkinHit back = pickSkin(s.skin(), rest, t7 - glm::vec3(0, 0, 0.5f), {0, 0, 1});
    REQUIRE(back.hit);
    CHECK(back.point.z == Approx(t7.z).margin(0.01));
    CHECK(regionId(s.model(), back.region) == "thoracic_erectors");
    // From in front the chest comes first, well in front of the back.
    const SkinHit front = pickSkin(s.skin(), rest, t7 + glm::vec3(0, 0, 0.5f), {0, 0, -1});
    REQUIRE(front.hit);
    CHECK(front.point.z > t7.z + 0.1f);
    // Beside the body the ray meets nothing.
    CHECK_FALSE(pickSkin(s.skin(), rest, {1.0f, 1.0f, -1.0f}, {0, 0, 1}).hit);
}
