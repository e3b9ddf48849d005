// StretchLoaderTest: the shipped stretch library (every brief stretch and mistake demo, clean of
// errors and warnings), the landmark and range-of-motion tables, and the left/right mirroring of
// poses and names. Broken input: StretchLoaderErrorsTest.
#include <algorithm>

#include "StretchFixture.h"

using namespace ra::core;
using namespace ra::core::test;

// --- the shipped library -------------------------------------------------------------------

TEST_CASE("the shipped stretch library loads without errors or warnings", "[stretch]") {
    const Loaded& l = shipped();
    INFO(l.diags.str());
    CHECK(l.diags.empty());
    CHECK(l.lib.stretches.size() == 14);
    CHECK(l.lib.rangeOfMotion.sources == std::vector<std::string>{"general"});
}

TEST_CASE("every brief stretch and mistake demo ships with its status and sides", "[stretch]") {
    using S = StretchStatus;
    using Sd = StretchSides;
    struct Expect {
        const char* id;
        S status;
        Sd sides;
        const char* mistakeOf;  // "" for a stretch done right
    };
    const Expect expected[] = {
        {"neck-release", S::Caution, Sd::None, ""},
        {"shoulder-blade-roll", S::Recommended, Sd::None, ""},
        {"thoracic-extension", S::Recommended, Sd::None, ""},
        {"lat-release", S::Recommended, Sd::Both, ""},
        {"chest-opener", S::Recommended, Sd::None, ""},
        {"hip-flexor-roll", S::Recommended, Sd::Both, ""},
        {"it-band-roll", S::Recommended, Sd::Both, ""},
        {"glute-roll", S::Recommended, Sd::Both, ""},
        {"calf-roll", S::Recommended, Sd::Both, ""},
        {"lower-back-release", S::Contraindicated, Sd::Both, "thoracic-extension"},
        {"thoracic-extension-hips-lifted", S::Caution, Sd::None, "thoracic-extension"},
        {"lat-release-past-ribs", S::Contraindicated, Sd::Left, "lat-release"},
        {"it-band-over-knee", S::Contraindicated, Sd::Left, "it-band-roll"},
        {"rolling-fast", S::Caution, Sd::None, "shoulder-blade-roll"},
    };
    const StretchLibrary& lib = shipped().lib;
    for (const Expect& e : expected) {
        INFO(e.id);
        const Stretch* s = lib.find(e.id);
        REQUIRE(s != nullptr);
        CHECK(s->status == e.status);
        CHECK(s->sides == e.sides);
        CHECK(s->isMistakeDemo() == (*e.mistakeOf != '\0'));
        if (s->mistake) CHECK(s->mistake->of == e.mistakeOf);
        CHECK(fs::path(s->file).filename() == std::string(e.id) + ".json");
    }
    CHECK(lib.find("no-such-stretch") == nullptr);
    CHECK(std::is_sorted(lib.stretches.begin(), lib.stretches.end(),
                         [](const Stretch& a, const Stretch& b) { return a.id < b.id; }));
}

TEST_CASE("shipped stretches name real regions and landmarks on both sides", "[stretch]") {
    const StretchLibrary& lib = shipped().lib;
    for (const Stretch& s : lib.stretches) {
        INFO(s.id);
        for (const auto& list : {s.targets, s.avoid})
            for (const std::string& r : list) CHECK(findRegion(regions(), r).has_value());
        std::vector<std::string> ids = s.supports;
        ids.push_back(s.rollerFrom);
        ids.push_back(s.rollerTo);
        for (const std::string& id : ids) {
            INFO(id);
            CHECK(id.find('{') == std::string::npos);
            CHECK(lib.landmark(id) != nullptr);
            CHECK(lib.landmark(mirroredName(id)) != nullptr);  // the right side plays mirrored
        }
        if (!s.isMistakeDemo()) CHECK_FALSE(s.targets.empty());
    }
}

TEST_CASE("shipped phases have short cues and sources, and poses stay in range", "[stretch]") {
    const StretchLibrary& lib = shipped().lib;
    const RangeOfMotion& rom = lib.rangeOfMotion;
    for (const Stretch& s : lib.stretches) {
        INFO(s.id);
        CHECK(s.duration() >= 30.0f);
        CHECK(s.duration() <= 120.0f);
        for (const Phase& p : s.phases) {
            INFO(p.cue);
            CHECK(utf8Length(p.cue) <= 90);
            CHECK_FALSE(p.sources.empty());
            CHECK(s.poses.count(p.pose) == 1);
            CHECK(p.duration > 0.0f);
        }
        for (const auto& [name, pose] : s.poses)
            for (const auto& [joint, a] : pose.joints) {
                INFO(name << " " << joint);
                std::string key = joint;
                if (mirroredName(joint) != joint) key = joint.substr(0, joint.size() - 2);
                REQUIRE(rom.joints.count(key) == 1);
                const JointRange& r = rom.joints.at(key);
                CHECK(a.flexion >= r.flexionMin);
                CHECK(a.flexion <= r.flexionMax);
                CHECK(a.abduction >= r.abductionMin);
                CHECK(a.abduction <= r.abductionMax);
                CHECK(a.rotation >= r.rotationMin);
                CHECK(a.rotation <= r.rotationMax);
            }
    }
}

TEST_CASE("the safety stop lines are in the content", "[stretch]") {
    const StretchLibrary& lib = shipped().lib;
    // The lat release rolls toward the lowest ribs and turns back before reaching them.
    const Stretch* lat = lib.find("lat-release");
    REQUIRE(lat);
    CHECK(lat->rollerTo == "lower_ribs_l");
    for (const Phase& p : lat->phases) CHECK(std::max(p.contactFrom, p.contactTo) < 0.9f);
    // The IT band roll ends at the top of the knee; only the mistake demo rolls onto it.
    CHECK(lib.find("it-band-roll")->rollerTo == "thigh_outer_bottom_l");
    CHECK(lib.find("it-band-over-knee")->rollerTo == "knee_outer_l");
    // The thoracic extension keeps the buttocks on the floor; its mistake demo does not.
    const auto& supports = lib.find("thoracic-extension")->supports;
    CHECK(std::count(supports.begin(), supports.end(), "buttocks") == 1);
    const auto& lifted = lib.find("thoracic-extension-hips-lifted")->supports;
    CHECK(std::count(lifted.begin(), lifted.end(), "buttocks") == 0);
    // The low-back roll is contraindicated and avoids the lumbar spine it rolls.
    const Stretch* low = lib.find("lower-back-release");
    CHECK(low->rollerFrom == "L1");
    CHECK(std::count(low->avoid.begin(), low->avoid.end(), "lumbar_spine") == 1);
    CHECK(lib.find("rolling-fast")->strokeCmPerS >= 15.0f);
    CHECK(lib.find("thoracic-extension")->strokeCmPerS == Approx(2.5f));
}

TEST_CASE("landmarks cover every vertebra and pair every left with a right", "[stretch]") {
    const StretchLibrary& lib = shipped().lib;
    for (auto [prefix, count] : {std::pair{'C', 7}, std::pair{'T', 12}, std::pair{'L', 5}})
        for (int i = 1; i <= count; ++i) {
            const std::string id = prefix + std::to_string(i);
            const Landmark* l = lib.landmark(id);
            REQUIRE(l);
            CHECK(l->vertebra == id);
        }
    for (const Landmark& l : lib.landmarks) {
        INFO(l.id);
        CHECK(glm::length(l.facing) == Approx(1.0f));
        const Landmark* twin = lib.landmark(mirroredName(l.id));
        REQUIRE(twin);
        CHECK(twin->facing.x == Approx(-l.facing.x));
        CHECK(twin->at == l.at);
    }
    const Landmark* calf = lib.landmark("calf_top_r");
    REQUIRE(calf);
    CHECK(calf->bone[0] == "shin_r");
    CHECK(calf->bone[1] == "foot_r");
}

TEST_CASE("the range of motion table holds the clinical norms", "[stretch]") {
    const RangeOfMotion& rom = shipped().lib.rangeOfMotion;
    CHECK(rom.joints.size() == 11);
    const JointRange& hip = rom.joints.at("hip");
    CHECK(hip.flexionMax == 120.0f);
    CHECK(hip.flexionMin == -30.0f);
    CHECK(hip.abductionMax == 45.0f);
    CHECK(rom.joints.at("knee").flexionMax == 135.0f);
    CHECK(rom.joints.at("shoulder").rotationMin == -70.0f);
    CHECK(rom.joints.at("lumbar").rotationMax == 15.0f);
}

// --- mirroring --------------------------------------------------------------------------------

TEST_CASE("mirroredName swaps the _l and _r suffixes and leaves the rest", "[stretch]") {
    CHECK(mirroredName("calf_top_l") == "calf_top_r");
    CHECK(mirroredName("calf_top_r") == "calf_top_l");
    CHECK(mirroredName("hip_l") == "hip_r");
    CHECK(mirroredName("T7") == "T7");
    CHECK(mirroredName("buttocks") == "buttocks");
    CHECK(mirroredName("thoracic") == "thoracic");
    CHECK(mirroredName("_l") == "_l");
    CHECK(mirroredName("knee_lr") == "knee_lr");
    CHECK(mirroredName("") == "");
}

TEST_CASE("mirrored swaps paired joints and turns the spine's side motions around", "[stretch]") {
    AnatomicalPose p;
    p.joints["hip_l"] = {30.0f, 10.0f, 20.0f};
    p.joints["knee_r"] = {90.0f, 0.0f, -5.0f};
    p.joints["thoracic"] = {10.0f, 5.0f, 15.0f};
    const AnatomicalPose m = mirrored(p);
    REQUIRE(m.joints.size() == 3);
    CHECK(m.joints.count("hip_l") == 0);
    const JointAngles& hip = m.joints.at("hip_r");  // limb angles are anatomical: unchanged
    CHECK(hip.flexion == 30.0f);
    CHECK(hip.abduction == 10.0f);
    CHECK(hip.rotation == 20.0f);
    CHECK(m.joints.at("knee_l").rotation == -5.0f);
    const JointAngles& spine = m.joints.at("thoracic");
    CHECK(spine.flexion == 10.0f);
    CHECK(spine.abduction == -5.0f);  // leaning left becomes leaning right
    CHECK(spine.rotation == -15.0f);
    const AnatomicalPose back = mirrored(m);
    CHECK(back.joints.at("thoracic").rotation == 15.0f);
    CHECK(back.joints.at("hip_l").abduction == 10.0f);
}

TEST_CASE("a stretch's duration is the sum of one side's phases", "[stretch]") {
    Stretch s;
    CHECK(s.duration() == 0.0f);
    s.phases.resize(2);
    s.phases[0].duration = 6.0f;
    s.phases[1].duration = 2.5f;
    CHECK(s.duration() == Approx(8.5f));
    const Stretch* calf = shipped().lib.find("calf-roll");
    REQUIRE(calf);
    CHECK(calf->duration() == Approx(71.0f));
}

TEST_CASE("the enum names match the words in the stretch files", "[stretch]") {
    CHECK(std::string(statusName(StretchStatus::Contraindicated)) == "contraindicated");
    CHECK(std::string(sidesName(StretchSides::Both)) == "both");
    CHECK(std::string(phaseKindName(PhaseKind::Setup)) == "setup");
    CHECK(std::string(breathingName(Breathing::Exhale)) == "exhale");
    CHECK(std::string(lyingName(Lying::Prone)) == "prone");
    CHECK(std::string(orientationName(RollerOrientation::Along)) == "along");
}
