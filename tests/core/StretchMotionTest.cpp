// StretchMotionTest: anatomical joint angles move the right way, the timeline (sides, switch,
// strokes, breathing, cues), the placement solver (resting on roller and floor, rolling without
// slip) and the safety monitor (regions, vertebral level, no-go) on the real generated body.
#include <catch2/catch.hpp>
#include <memory>

#include "BodyFixture.h"
#include "core/AnatomicalPose.h"
#include "core/RegionTable.h"
#include "core/SafetyMonitor.h"
#include "core/StretchMotion.h"

using namespace ra::core;

namespace {

std::shared_ptr<const ModelData> sharedBody() {
    static const auto m = std::make_shared<const ModelData>(bodyFixture());
    return m;
}

Landmark vertebraMark(const std::string& v) {
    Landmark l;
    l.id = v;
    l.vertebra = v;
    return l;
}

Landmark boneMark(const std::string& id, const std::string& a, const std::string& b, float at,
                  glm::vec3 facing, float radius = 0.04f) {
    Landmark l;
    l.id = id;
    l.bone = {a, b};
    l.at = at;
    l.facing = facing;
    l.radius = radius;
    return l;
}

std::vector<Landmark> testLandmarks() {
    return {vertebraMark("T4"),
            vertebraMark("T8"),
            vertebraMark("T10"),
            vertebraMark("L3"),
            boneMark("buttocks", "pelvis", "spine_lumbar_1", -0.6f, {0, -0.3f, -1}, 0.06f),
            boneMark("heel_l", "foot_l", "toes_l", -0.25f, {0, -1, -0.3f}),
            boneMark("heel_r", "foot_r", "toes_r", -0.25f, {0, -1, -0.3f})};
}

std::shared_ptr<const BodySurface> surface() {
    static const auto s = [] {
        std::string error;
        auto b = BodySurface::build(sharedBody(), testLandmarks(), error);
        INFO(error);
        REQUIRE(b);
        return std::make_shared<const BodySurface>(std::move(*b));
    }();
    return s;
}

// A thoracic extension in the style of assets/stretches: sitting, leaning back over the roller.
Stretch thoracicExtension(const std::string& from = "T10", const std::string& to = "T4") {
    Stretch s;
    s.id = "test-thoracic";
    s.lying = Lying::Supine;
    s.rollerFrom = from;
    s.rollerTo = to;
    s.supports = {"buttocks", "heel_l", "heel_r"};
    AnatomicalPose set;
    set.joints["hip_l"] = {65, 5, 0};
    set.joints["hip_r"] = {65, 5, 0};
    set.joints["knee_l"] = {105, 0, 0};
    set.joints["knee_r"] = {105, 0, 0};
    set.joints["shoulder_l"] = {90, -10, 0};  // arms hug the chest
    set.joints["shoulder_r"] = {90, -10, 0};
    set.joints["elbow_l"] = {120, 0, 0};
    set.joints["elbow_r"] = {120, 0, 0};
    AnatomicalPose back = set;
    back.joints["thoracic"] = {-18, 0, 0};
    s.poses = {{"set", set}, {"back", back}};
    Phase p0;
    p0.kind = PhaseKind::Setup;
    p0.duration = 4;
    p0.pose = "set";
    p0.cue = "Sit tall, roller behind you.";
    Phase p1;
    p1.kind = PhaseKind::Roll;
    p1.duration = 10;
    p1.pose = "back";
    p1.contactFrom = 0.0f;
    p1.contactTo = 1.0f;
    p1.strokes = 2;
    p1.breathing = Breathing::Inhale;
    p1.cue = "Lean back over the roller.";
    s.phases = {p0, p1};
    return s;
}

glm::vec3 jointPos(const Pose& p, const std::string& name) {
    return glm::vec3(p.world[size_t(bodyNode(bodyFixture(), name))][3]);
}

}  // namespace

TEST_CASE("anatomical angles move each joint the anatomical way", "[stretch][motion]") {
    const ModelData& m = bodyFixture();
    std::string missing;
    auto joints = BodyJoints::find(m, missing);
    REQUIRE(joints);
    const Pose rest = restPose(m);
    auto posed = [&](const std::string& joint, JointAngles a) {
        Pose p = rest;
        AnatomicalPose ap;
        ap.joints[joint] = a;
        applyAnatomicalPose(m, *joints, ap, p);
        return p;
    };
    // Hip flexion brings the knee forward (+Z), knee flexion takes the ankle back (-Z).
    CHECK(jointPos(posed("hip_l", {90, 0, 0}), "shin_l").z > jointPos(rest, "shin_l").z + 0.3f);
    CHECK(jointPos(posed("knee_r", {90, 0, 0}), "foot_r").z < jointPos(rest, "foot_r").z - 0.3f);
    // Shoulder abduction lifts the hand out to the side: away from the midline on both sides.
    CHECK(jointPos(posed("shoulder_l", {0, 90, 0}), "hand_l").x > 0.6f);
    CHECK(jointPos(posed("shoulder_r", {0, 90, 0}), "hand_r").x < -0.6f);
    // Spine lateral flexion to the left moves the head to +X; forward flexion moves it to +Z.
    CHECK(jointPos(posed("thoracic", {0, 20, 0}), "head").x > 0.05f);
    CHECK(jointPos(posed("lumbar", {30, 0, 0}), "head").z > jointPos(rest, "head").z + 0.15f);
    // Ankle dorsiflexion lifts the toes.
    CHECK(jointPos(posed("ankle_l", {20, 0, 0}), "toes_l").y > jointPos(rest, "toes_l").y + 0.02f);
    // External hip rotation turns the flexed knee's shin outward on both sides.
    CHECK(jointPos(posed("hip_l", {0, 0, 40}), "toes_l").x > jointPos(rest, "toes_l").x + 0.05f);
    CHECK(jointPos(posed("hip_r", {0, 0, 40}), "toes_r").x < jointPos(rest, "toes_r").x - 0.05f);
}

TEST_CASE("the timeline plays both sides with a real switch, strokes and breathing",
          "[stretch][timeline]") {
    Stretch s = thoracicExtension();
    s.sides = StretchSides::Both;
    s.poses["set"].joints["hip_l"] = {60, 0, 0};
    StretchTimeline tl(s);
    REQUIRE(tl.segments().size() == 5);
    CHECK(tl.duration() == Approx(14 + StretchTimeline::kSwitchSeconds + 14));
    CHECK(tl.segments()[2].phase == -1);
    // Cues follow the phases; the switch has its own cue; the right side mirrors the pose.
    CHECK(tl.evaluate(2.0).cue == s.phases[0].cue);
    CHECK(tl.evaluate(9.0).cue == s.phases[1].cue);
    const StretchFrame sw = tl.evaluate(14.0 + 0.5 * StretchTimeline::kSwitchSeconds);
    CHECK(sw.kind == PhaseKind::Switch);
    CHECK(sw.sideMix > 0.3f);
    CHECK(sw.sideMix < 0.7f);
    const StretchFrame right = tl.evaluate(14.0 + StretchTimeline::kSwitchSeconds + 2.0);
    CHECK(right.side == 1);
    CHECK(right.pose.joints.at("hip_r").flexion == Approx(60));
    CHECK(right.pose.joints.at("hip_l").flexion == Approx(65));
    // Two strokes: there and back. Inhale rises through the phase.
    CHECK(tl.evaluate(4.0 + 2.5).contact.alongA == Approx(0.5f).margin(0.05));
    CHECK(tl.evaluate(4.0 + 5.0).contact.alongA == Approx(1.0f).margin(0.01));
    CHECK(tl.evaluate(4.0 + 10.0 - 1e-3).contact.alongA == Approx(0.0f).margin(0.01));
    CHECK(tl.evaluate(5.0).breath < tl.evaluate(12.0).breath);
}

TEST_CASE("the solver rests the body on the roller and the floor; the roller rolls without slip",
          "[stretch][motion]") {
    const Stretch s = thoracicExtension();
    const StretchMotion motion(surface(), s, Mat{});
    std::vector<glm::vec3> skin;
    for (double t : {0.0, 6.0, 9.0, 13.0}) {
        INFO("t = " << t);
        const MotionFrame f = motion.evaluate(t);
        CHECK(f.solved);
        skin.clear();
        worldSkin(*surface(), f, skin);
        float lowest = 1e9f, deepest = 1e9f;
        for (const glm::vec3& p : skin) {
            lowest = std::min(lowest, p.y);
            deepest = std::min(deepest, rollerDistance(f.roller, p));
        }
        INFO("lowest skin " << lowest << " m, deepest into the roller " << deepest << " m, pitch "
                            << f.pitchDegrees);
        // The body rests on the floor (its lowest point touches, nothing sinks in) and on the
        // roller (sinking the soft-tissue depth, no more).
        // (The solver meets the floor with a sample of the skin: the rest may dip 2 mm more.)
        CHECK(lowest == Approx(-StretchMotion::kFloorSink).margin(0.0025));
        // (The solver's smooth maximum lifts the body a little above the nominal sink.)
        CHECK(deepest < -StretchMotion::kTargetSink + 0.0025f);
        CHECK(deepest > -StretchMotion::kTargetSink - 0.001f);
        CHECK(f.roller.center.y == Approx(f.roller.radius));
    }
    // Over the roll the body travels twice as far as the roller's centre, and the roller turns
    // by its travel over its radius.
    const MotionFrame a = motion.evaluate(4.0), b = motion.evaluate(9.0);
    const float rollerTravel = b.roller.center.x - a.roller.center.x;
    const float bodyTravel = b.modelToWorld[3].x - a.modelToWorld[3].x;
    INFO("roller " << rollerTravel << " m, body " << bodyTravel << " m");
    CHECK(std::abs(rollerTravel) > 0.05f);
    CHECK(bodyTravel == Approx(2.0f * rollerTravel).epsilon(0.15));
    CHECK(b.roller.angle - a.roller.angle == Approx(-rollerTravel / a.roller.radius));
}

TEST_CASE("the safety monitor reads the region and the vertebral level under the roller",
          "[stretch][safety]") {
    const Stretch good = thoracicExtension("T8", "T8");
    const StretchMotion gm(surface(), good, Mat{});
    const SafetyReport ok = assessContact(*surface(), gm.evaluate(2.0), good);
    REQUIRE(ok.inContact);
    CHECK(ok.region == "thoracic_erectors");
    CHECK(ok.level == SafetyLevel::Ok);
    CHECK(ok.message.empty());
    INFO("level " << ok.vertebra);
    CHECK((ok.vertebra == "T7" || ok.vertebra == "T8" || ok.vertebra == "T9"));

    Stretch bad = thoracicExtension("L3", "L3");
    bad.mistake =
        Mistake{"test-thoracic", "rolls the low back", "Roll the hip flexors instead.", {}, {}};
    const StretchMotion bm(surface(), bad, Mat{});
    const SafetyReport no = assessContact(*surface(), bm.evaluate(2.0), bad);
    REQUIRE(no.inContact);
    CHECK(no.level == SafetyLevel::NoGo);
    REQUIRE_FALSE(no.zones.empty());
    CHECK(no.zones.front() == "lumbar_spine");
    CHECK(no.vertebra.rfind("L", 0) == 0);
    CHECK(no.message.find("no-go") != std::string::npos);
    CHECK(no.message.find("hip flexors") != std::string::npos);
}

