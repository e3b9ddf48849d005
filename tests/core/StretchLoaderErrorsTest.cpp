// StretchLoaderErrorsTest: broken stretch, landmark and range-of-motion files: each problem is
// reported once with the file and the JSON pointer, bad files are skipped and the others load,
// unknown fields only warn, and no input makes the loader throw.
#include "StretchFixture.h"

using namespace ra::core;
using namespace ra::core::test;

TEST_CASE("the fixture's base stretch is valid", "[stretch]") {
    const Result r = loadJson(goodStretch());
    INFO(r.diags.str());
    REQUIRE(r.stretch.has_value());
    CHECK(r.diags.empty());
    const Stretch& s = *r.stretch;
    CHECK(s.rollerFrom == "calf_bottom_l");  // "{side}" resolves to the authored left side
    CHECK(s.rollerTo == "calf_top_l");
    CHECK(s.phases.size() == 2);
    CHECK(s.phases[1].contactTo == 1.0f);
    CHECK(s.duration() == 15.0f);
    CHECK(s.file == r.file);
}

TEST_CASE("malformed JSON names the file, line and column", "[stretch]") {
    const Result r = loadText("{\n  \"id\": \"test-stretch\",\n  \"name\": \n}\n");
    CHECK_FALSE(r.stretch);
    REQUIRE(r.diags.size() == 1);
    const Diagnostic& d = r.diags.items()[0];
    CHECK(d.severity == Severity::Error);
    CHECK(d.file == r.file);
    CHECK(d.where == "line 4, column 1");
    CHECK_THAT(d.message, Catch::StartsWith("not valid JSON: "));
    CHECK_THAT(d.str(), Catch::Contains("test-stretch.json: line 4, column 1"));
}

TEST_CASE("a missing file and a non-object stretch are errors", "[stretch]") {
    Diagnostics d;
    const StretchLibrary& lib = shipped().lib;
    CHECK_FALSE(loadStretch("/nonexistent/x.json", regions(), lib.landmarks, lib.rangeOfMotion, d));
    REQUIRE(d.size() == 1);
    CHECK_THAT(d.items()[0].message, Catch::Contains("cannot open"));
    requireError(loadText("[1, 2]"), "", "expected a stretch object");
}

TEST_CASE("wrong types are reported at their JSON pointer", "[stretch]") {
    json j = goodStretch();
    j["phases"][0]["duration_s"] = "six";
    requireError(loadJson(j), "/phases/0/duration_s", "expected a number, found a string");
    j = goodStretch();
    j["targets"] = "calves";
    requireError(loadJson(j), "/targets", "expected an array of strings");
    j = goodStretch();
    j["poses"]["sit"]["hip_l"]["flexion"] = true;
    requireError(loadJson(j), "/poses/sit/hip_l/flexion", "expected a number");
    j = goodStretch();
    j["phases"][1]["strokes"] = 2.5;
    requireError(loadJson(j), "/phases/1/strokes", "whole number");
}

TEST_CASE("a missing required field is named", "[stretch]") {
    json j = goodStretch();
    j["phases"][1].erase("cue");
    requireError(loadJson(j), "/phases/1/cue", "missing required field \"cue\"");
    j = goodStretch();
    j.erase("roller");
    requireError(loadJson(j), "/roller", "missing required field");
    j = goodStretch();
    j["phases"][0]["sources"] = json::array();
    requireError(loadJson(j), "/phases/0/sources", "at least one source key");
}

TEST_CASE("unknown enum values list the allowed ones", "[stretch]") {
    json j = goodStretch();
    j["status"] = "maybe";
    requireError(loadJson(j), "/status",
                 "\"maybe\" is not one of recommended, caution or contraindicated");
    j = goodStretch();
    j["phases"][1]["breathing"] = "hold";
    requireError(loadJson(j), "/phases/1/breathing", "natural, deep, inhale or exhale");
    j = goodStretch();
    j["roller"]["orientation"] = "diagonal";
    requireError(loadJson(j), "/roller/orientation", "across or along");
    j = goodStretch();
    j["sources"] = {"general", "wikipedia"};
    requireError(loadJson(j), "/sources/1", "unknown source key \"wikipedia\"");
}

TEST_CASE("unknown regions and landmarks are errors", "[stretch]") {
    json j = goodStretch();
    j["targets"] = {"calves", "spleen"};
    requireError(loadJson(j), "/targets/1", "unknown region \"spleen\"");
    j = goodStretch();
    j["roller"]["from"] = "elbow_q";
    requireError(loadJson(j), "/roller/from", "unknown landmark \"elbow_q\"");
    j = goodStretch();
    j["supports"] = {"buttocks", "nose_{side}"};
    requireError(loadJson(j), "/supports/1", "unknown landmark \"nose_l\"");
}

TEST_CASE("relieves is optional and names zones", "[stretch]") {
    json j = goodStretch();
    j["relieves"] = {"lumbar_spine"};
    const Result ok = loadJson(j);
    INFO(ok.diags.str());
    REQUIRE(ok.stretch);
    CHECK(ok.diags.empty());
    CHECK(ok.stretch->relieves == std::vector<std::string>{"lumbar_spine"});
    j["relieves"] = {"lumbar_spine", "spleen"};
    requireError(loadJson(j), "/relieves/1", "unknown region \"spleen\"");
    j["relieves"] = {"calves"};
    requireDiag(loadJson(j), Severity::Warning, "/relieves/0", "not a caution or no-go zone");
}

TEST_CASE("a pose beyond the range of motion names joint, angle, limit and source", "[stretch]") {
    json j = goodStretch();
    j["poses"]["lean_back"]["hip_l"]["flexion"] = 130;
    Result r = loadJson(j);
    requireError(r, "/poses/lean_back/hip_l/flexion",
                 "130 degrees is beyond hip flexion's range (120, source general)");
    CHECK_THAT(r.diags.str(), Catch::Contains("test-stretch.json: /poses/lean_back/hip_l/flexion: "
                                              "130 degrees is beyond hip flexion's range"));
    j = goodStretch();
    j["poses"]["sit"]["thoracic"] = {{"flexion", -30}};
    requireError(loadJson(j), "/poses/sit/thoracic/flexion",
                 "-30 degrees is beyond thoracic extension's range (-25, source general)");
    j = goodStretch();
    j["poses"]["sit"]["ankle_r"] = {{"flexion", -55}};
    requireError(loadJson(j), "/poses/sit/ankle_r/flexion", "ankle plantar flexion's range (-50");
    j = goodStretch();
    j["poses"]["sit"]["hip_x"] = {{"flexion", 10}};
    requireError(loadJson(j), "/poses/sit/hip_x", "\"hip_x\" is not an anatomical joint");
}

TEST_CASE("a phase naming an unknown pose is an error", "[stretch]") {
    json j = goodStretch();
    j["phases"][1]["pose"] = "lie_down";
    requireError(loadJson(j), "/phases/1/pose", "unknown pose \"lie_down\"");
}

TEST_CASE("numbers out of range are errors", "[stretch]") {
    json j = goodStretch();
    j["phases"][0]["duration_s"] = -3;
    requireError(loadJson(j), "/phases/0/duration_s", "-3 s is out of range");
    j["phases"][0]["duration_s"] = 0;
    requireError(loadJson(j), "/phases/0/duration_s", "more than 0 s");
    j["phases"][0]["duration_s"] = 601;
    requireError(loadJson(j), "/phases/0/duration_s", "at most 600 s");
    j = goodStretch();
    j["phases"][1]["contact"] = {0.0, 1.5};
    requireError(loadJson(j), "/phases/1/contact/1", "1.5 is out of range");
    j = goodStretch();
    j["phases"][1]["strokes"] = 21;
    requireError(loadJson(j), "/phases/1/strokes", "at most 20");
    j = goodStretch();
    j["tempo"]["stroke_cm_per_s"] = 30;
    requireError(loadJson(j), "/tempo/stroke_cm_per_s", "at most 20 cm/s");
}

TEST_CASE("unknown fields and long cues only warn; the stretch still loads", "[stretch]") {
    json j = goodStretch();
    j["colour"] = "blue";
    j["phases"][1]["speed"] = 3;
    j["phases"][0]["cue"] = std::string(95, 'x');
    const Result r = loadJson(j);
    INFO(r.diags.str());
    REQUIRE(r.stretch.has_value());
    CHECK_FALSE(r.diags.hasErrors());
    CHECK(r.diags.size() == 3);
    requireDiag(r, Severity::Warning, "/colour", "unknown field \"colour\"");
    requireDiag(r, Severity::Warning, "/phases/1/speed", "unknown field \"speed\"");
    requireDiag(r, Severity::Warning, "/phases/0/cue", "95 characters");
}

TEST_CASE("content lint: roller jumps, still rolls and unused poses warn", "[stretch]") {
    json j = goodStretch();
    j["phases"][1]["contact"] = {0.5, 1.0};
    requireDiag(loadJson(j), Severity::Warning, "/phases/1/contact", "jump from 0 to 0.5");
    j = goodStretch();
    j["phases"][1]["contact"] = 0;
    requireDiag(loadJson(j), Severity::Warning, "/phases/1/contact", "does not move");
    j = goodStretch();
    j["poses"]["unused"] = {{"knee_l", {{"flexion", 10}}}};
    requireDiag(loadJson(j), Severity::Warning, "/poses/unused", "never used");
}

TEST_CASE("the id must match the file name", "[stretch]") {
    json j = goodStretch();
    j["id"] = "other-name";
    requireError(loadJson(j), "/id", "must equal the file name \"test-stretch\"");
    j["id"] = "Bad_Id";
    requireError(loadJson(j), "/id", "lowercase-and-hyphens");
}

TEST_CASE("contraindicated stretches must be mistake demos and vice versa", "[stretch]") {
    json j = goodStretch();
    j["status"] = "contraindicated";
    requireError(loadJson(j), "/status", "add a \"mistake\" block");
    j = goodStretch();
    j["mistake"] = {{"of", "calf-roll"}, {"what", "w"}, {"instead", "i"}, {"sources", {"general"}}};
    requireError(loadJson(j), "/status", "cannot be \"recommended\"");
    j["status"] = "caution";
    j["mistake"]["of"] = "test-stretch";
    requireError(loadJson(j), "/mistake/of", "not itself");
}

TEST_CASE("no malformed value makes the stretch loader throw", "[stretch]") {
    const json good = goodStretch();
    const json junk[] = {nullptr, 42, "x", json::array(), json::object(), json::array({1, "a"})};
    for (auto it = good.begin(); it != good.end(); ++it)
        for (const json& bad : junk) {
            json j = good;
            j[it.key()] = bad;
            INFO(it.key() << " = " << bad.dump());
            Result r;
            CHECK_NOTHROW(r = loadJson(j));
            for (const Diagnostic& d : r.diags.items())
                if (d.severity == Severity::Error) CHECK(!d.where.empty());
        }
    for (const char* key : {"kind", "duration_s", "pose", "contact", "strokes", "cue", "sources"})
        for (const json& bad : junk) {
            json j = good;
            j["phases"][1][key] = bad;
            INFO(key << " = " << bad.dump());
            CHECK_NOTHROW(loadJson(j));
        }
}

TEST_CASE("one bad file among good ones: the others load", "[stretch]") {
    const fs::path root = freshDir("library");
    fs::create_directories(root / "anatomy");
    fs::create_directories(root / "stretches");
    for (const char* f : {"landmarks.json", "range_of_motion.json"})
        fs::copy_file(fs::path(kAssets) / "anatomy" / f, root / "anatomy" / f);
    for (const char* id : {"good-a", "good-b"}) {
        json j = goodStretch();
        j["id"] = id;
        writeText(root / "stretches" / (std::string(id) + ".json"), j.dump());
    }
    json demo = goodStretch();
    demo["id"] = "orphan-demo";
    demo["status"] = "caution";
    demo["mistake"] = {
        {"of", "missing"}, {"what", "w"}, {"instead", "i"}, {"sources", {"general"}}};
    writeText(root / "stretches" / "orphan-demo.json", demo.dump());
    writeText(root / "stretches" / "broken.json", "{\"id\": ");
    writeText(root / "stretches" / "README.md", "not a stretch");
    Diagnostics d;
    const StretchLibrary lib = loadStretchLibrary(root.string(), regions(), d);
    INFO(d.str());
    REQUIRE(lib.stretches.size() == 2);
    CHECK(lib.stretches[0].id == "good-a");
    CHECK(lib.stretches[1].id == "good-b");
    REQUIRE(d.size() == 2);
    CHECK_THAT(d.items()[0].file, Catch::EndsWith("broken.json"));
    CHECK(d.items()[1].where == "/mistake/of");
    CHECK_THAT(d.items()[1].file, Catch::EndsWith("orphan-demo.json"));
    CHECK_THAT(d.items()[1].message, Catch::Contains("\"missing\" is not a stretch"));
}

TEST_CASE("a broken landmark table stops the library with a named error", "[stretch]") {
    const fs::path root = freshDir("bad-landmarks");
    fs::create_directories(root / "anatomy");
    fs::copy_file(fs::path(kAssets) / "anatomy" / "range_of_motion.json",
                  root / "anatomy" / "range_of_motion.json");
    writeText(root / "anatomy" / "landmarks.json", R"({"landmarks": [
        {"id": "T7", "vertebra": "T7"},
        {"id": "calf_l", "bone": ["shin_l", "foot_l"], "at": 0.3},
        {"id": "heel_l", "bone": ["shin_l", "ankle_l"], "at": 0.3},
        {"id": "T7", "vertebra": "X9", "radius": 5}]})");
    Diagnostics d;
    const StretchLibrary lib = loadStretchLibrary(root.string(), regions(), d);
    INFO(d.str());
    CHECK(lib.stretches.empty());
    const std::string all = d.str();
    CHECK_THAT(all, Catch::Contains("/landmarks/2/bone/1: \"ankle_l\" is not a joint"));
    CHECK_THAT(all, Catch::Contains("/landmarks/3/vertebra: \"X9\" is not a vertebra"));
    CHECK_THAT(all, Catch::Contains("/landmarks/3/radius: 5 m is out of range"));
    CHECK_THAT(all, Catch::Contains("/landmarks/1/id: \"calf_l\" has no mirror twin \"calf_r\""));
    CHECK_THAT(all, Catch::Contains("stretches not loaded"));
}

TEST_CASE("a broken range-of-motion table is reported per joint", "[stretch]") {
    const fs::path file = freshDir("bad-rom") / "range_of_motion.json";
    writeText(file, R"({"sources": ["general"], "joints": {
        "hip": {"flexion": [10, 120]}, "tail": {"flexion": [0, 10]},
        "knee": {"flexion": [0, 135], "twist": [0, 1]}}})");
    Diagnostics d;
    CHECK_FALSE(loadRangeOfMotion(file.string(), d));
    const std::string all = d.str();
    INFO(all);
    CHECK_THAT(all,
               Catch::Contains("error: " + file.string() + ": /joints/hip/flexion: [10, 120]"));
    CHECK_THAT(all, Catch::Contains("/joints/tail: \"tail\" is not an anatomical joint"));
    CHECK_THAT(all, Catch::Contains("warning: " + file.string() + ": /joints/knee/twist"));
    CHECK_THAT(all, Catch::Contains("/joints: missing joint \"lumbar\""));
}

TEST_CASE("an authored side switch is checked: pose, landmarks and how a side-lying body turns",
          "[stretch]") {
    json j = goodStretch();
    j["switch"] = {{"pose", "sit"}, {"via", {"buttocks"}}, {"cue", "Shift over."}};
    const Result ok = loadJson(j);
    INFO(ok.diags.str());
    REQUIRE(ok.stretch);
    CHECK(ok.diags.empty());
    REQUIRE(ok.stretch->turn);
    CHECK(ok.stretch->turn->via == std::vector<std::string>{"buttocks"});
    CHECK(ok.stretch->turn->cue == "Shift over.");

    j["switch"] = {{"pose", "plank"}, {"via", {"thigh_front_top_{side}", "nowhere"}}};
    const Result bad = loadJson(j);
    CHECK_FALSE(bad.stretch);
    requireError(bad, "/switch/pose", "unknown pose \"plank\"");
    requireError(bad, "/switch/via/1", "unknown landmark \"nowhere\"");

    j = goodStretch();
    j["lying"] = "side";
    j["switch"] = {{"pose", "sit"}, {"via", {"buttocks"}}};
    requireError(loadJson(j), "/switch/through", "missing required field");  // how it turns
    j["switch"]["through"] = "side";
    requireError(loadJson(j), "/switch/through", "through \"supine\" or \"prone\"");
    j["switch"]["through"] = "prone";
    const Result side = loadJson(j);
    INFO(side.diags.str());
    REQUIRE(side.stretch);
    CHECK(side.stretch->turn->through == Lying::Prone);

    j = goodStretch();
    j["sides"] = "left";
    j["switch"] = {{"pose", "sit"}, {"via", {"buttocks"}}};
    requireDiag(loadJson(j), Severity::Warning, "/switch", "only a stretch played on both sides");
}
