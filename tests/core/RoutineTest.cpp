// RoutineTest: the built-in smr-guide session, routines.json round trips and repairs (unknown
// stretches, bad seconds, duplicate ids, damaged files), fresh ids, and RoutinePlayer's clock.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ConfigFixture.h"
#include "StretchFixture.h"
#include "core/Routine.h"

using namespace ra::core;
using namespace ra::core::test;

namespace {

// A library with the built-in session's stretches, two more, and one mistake demo.
StretchLibrary smallLibrary(bool withGlutes = true) {
    StretchLibrary lib;
    for (const char* id : {"calf-roll", "chest-opener", "glute-roll", "hip-flexor-roll",
                           "lat-release", "lower-back-release", "thoracic-extension"}) {
        if (!withGlutes && std::string(id) == "glute-roll") continue;
        Stretch s;
        s.id = id;
        s.name = id;
        if (s.id == "lower-back-release") {
            s.status = StretchStatus::Contraindicated;
            s.mistake = Mistake{};
        }
        lib.stretches.push_back(s);
    }
    return lib;
}

Routine custom(const std::string& id, std::vector<RoutineStep> steps, bool autoAdvance = true) {
    Routine r;
    r.id = id;
    r.name = "Routine " + id;
    r.steps = std::move(steps);
    r.autoAdvance = autoAdvance;
    return r;
}

struct LoadedRoutines {
    std::vector<Routine> routines;
    Diagnostics diags;
    std::string file;
};

LoadedRoutines loadRoutinesText(const std::string& name, const std::string& text) {
    LoadedRoutines l;
    l.file = (configDir(name) / "routines.json").string();
    writeBytes(l.file, text);
    l.routines = loadRoutines(l.file, smallLibrary(), l.diags);
    return l;
}

// The one diagnostic at `where`, which names the routines file.
Diagnostic onlyDiagAt(const LoadedRoutines& l, const std::string& where) {
    INFO(l.diags.str());
    const auto found = diagsAt(l.diags, where);
    REQUIRE(found.size() == 1);
    CHECK(found[0].file == l.file);
    return found[0];
}

std::vector<std::string> ids(const std::vector<Routine>& routines) {
    std::vector<std::string> out;
    for (const Routine& r : routines) out.push_back(r.id);
    return out;
}

}  // namespace

TEST_CASE(
    "routine: the built-in session is calves, glutes, thoracic extension, chest, 120 s each") {
    const Routine r = builtInRoutine(shipped().lib);
    CHECK(r.builtIn);
    CHECK(r.autoAdvance);
    CHECK(r.id == kBuiltInRoutineId);
    CHECK(r.sources == std::vector<std::string>{"smr-guide"});
    const std::vector<RoutineStep> expected{{"calf-roll", 120.0},
                                            {"glute-roll", 120.0},
                                            {"thoracic-extension", 120.0},
                                            {"chest-opener", 120.0}};
    CHECK(r.steps == expected);
    CHECK(r.totalSeconds() == 480.0);

    const Routine lacking = builtInRoutine(smallLibrary(false));
    REQUIRE(lacking.steps.size() == 3);
    CHECK(lacking.steps[1].stretch == "thoracic-extension");
    CHECK(builtInRoutine(StretchLibrary{}).steps.empty());
}

TEST_CASE("routine: a missing file gives only the built-in routine, silently") {
    const fs::path dir = configDir("routines-missing");
    Diagnostics diags;
    const auto routines = loadRoutines((dir / "routines.json").string(), smallLibrary(), diags);
    CHECK(diags.empty());
    REQUIRE(routines.size() == 1);
    CHECK(routines[0] == builtInRoutine(smallLibrary()));
    CHECK(loadRoutines((dir / "routines.json").string(), StretchLibrary{}, diags).empty());
}

TEST_CASE("routine: custom routines survive a save and a load, built-ins are not written") {
    const fs::path file = configDir("routines-round-trip") / "sub" / "routines.json";
    std::vector<Routine> routines{builtInRoutine(smallLibrary())};
    routines.push_back(custom("morning", {{"calf-roll", 60.0}, {"lat-release", 90.5}}));
    routines.push_back(custom("evening", {{"chest-opener", 1800.0}}, false));
    routines.push_back(custom("quick", {{"hip-flexor-roll", 15.0}}));
    std::string error;
    REQUIRE(saveRoutines(file.string(), routines, error));
    Diagnostics diags;
    const auto loaded = loadRoutines(file.string(), smallLibrary(), diags);
    INFO(diags.str());
    CHECK(diags.empty());
    CHECK(loaded == routines);

    const auto j = nlohmann::json::parse(readBytes(file));
    CHECK(j.at("version") == 1);
    REQUIRE(j.at("routines").size() == 3);  // the built-in one is not written
    CHECK(j.at("routines")[0].at("steps")[0].at("seconds").dump() == "60");
    CHECK(j.at("routines")[1].at("auto_advance") == false);
}

TEST_CASE("routine: an unknown stretch or a mistake demo is reported and its step dropped") {
    const LoadedRoutines l = loadRoutinesText("routines-unknown", R"({"version": 1, "routines": [
        {"id": "mine", "name": "Mine", "steps": [
            {"stretch": "calf-roll", "seconds": 60},
            {"stretch": "toe-wiggle", "seconds": 60},
            {"stretch": "lower-back-release"},
            {"stretch": "chest-opener"}]},
        {"id": "gone", "name": "Gone", "steps": [{"stretch": "no-such"}]}]})");
    INFO(l.diags.str());
    CHECK(ids(l.routines) == std::vector<std::string>{"smr-session", "mine"});
    REQUIRE(l.routines.size() == 2);
    CHECK(l.routines[1].steps ==
          std::vector<RoutineStep>{{"calf-roll", 60.0}, {"chest-opener", 120.0}});

    const Diagnostic unknown = onlyDiagAt(l, "/routines/0/steps/1/stretch");
    CHECK(unknown.severity == Severity::Error);
    CHECK_THAT(unknown.message, Catch::Contains("unknown stretch \"toe-wiggle\""));
    CHECK_THAT(unknown.message, Catch::Contains("the step is left out"));
    CHECK_THAT(onlyDiagAt(l, "/routines/0/steps/2/stretch").message,
               Catch::Contains("mistake demo"));
    CHECK_THAT(onlyDiagAt(l, "/routines/1/steps").message,
               Catch::Contains("the routine is left out"));
    CHECK(l.diags.size() == 4);
}

TEST_CASE("routine: seconds outside 15..1800 are clamped, of the wrong type the default") {
    const LoadedRoutines l = loadRoutinesText("routines-seconds", R"({"routines": [
        {"id": "r", "name": "R", "steps": [
            {"stretch": "calf-roll", "seconds": 5},
            {"stretch": "glute-roll", "seconds": 4000},
            {"stretch": "chest-opener", "seconds": "long"},
            {"stretch": "lat-release", "seconds": 15},
            {"stretch": "hip-flexor-roll", "seconds": 1800}]}]})");
    INFO(l.diags.str());
    REQUIRE(l.routines.size() == 2);
    std::vector<double> seconds;
    for (const RoutineStep& s : l.routines[1].steps) seconds.push_back(s.seconds);
    CHECK(seconds == std::vector<double>{15.0, 1800.0, 120.0, 15.0, 1800.0});
    CHECK_THAT(onlyDiagAt(l, "/routines/0/steps/0/seconds").message,
               Catch::Contains("5 s is out of range") && Catch::Contains("15 s is used"));
    CHECK_THAT(onlyDiagAt(l, "/routines/0/steps/1/seconds").message,
               Catch::Contains("1800 s is used"));
    CHECK_THAT(onlyDiagAt(l, "/routines/0/steps/2/seconds").message,
               Catch::Contains("the default 120 s is used"));
    CHECK(l.diags.size() == 3);
}

TEST_CASE("routine: a taken or malformed id is replaced and reported, nothing is lost") {
    const LoadedRoutines l = loadRoutinesText("routines-ids", R"({"routines": [
        {"id": "smr-session", "name": "My session", "steps": [{"stretch": "calf-roll"}]},
        {"id": "a", "name": "First", "steps": [{"stretch": "calf-roll"}]},
        {"id": "a", "name": "First", "steps": [{"stretch": "chest-opener"}]},
        {"id": "Bad Id!", "name": "Bad one", "steps": [{"stretch": "calf-roll"}]},
        {"name": "", "steps": [{"stretch": "calf-roll"}], "colour": "red"}]})");
    INFO(l.diags.str());
    CHECK(ids(l.routines) == std::vector<std::string>{"smr-session", "my-session", "a", "first",
                                                      "bad-one", "routine"});
    CHECK_THAT(onlyDiagAt(l, "/routines/0/id").message, Catch::Contains("already taken"));
    CHECK_THAT(onlyDiagAt(l, "/routines/2/id").message,
               Catch::Contains("this routine gets the id \"first\""));
    CHECK_THAT(onlyDiagAt(l, "/routines/3/id").message, Catch::Contains("lowercase"));
    CHECK_THAT(onlyDiagAt(l, "/routines/4/id").message, Catch::Contains("missing id"));
    CHECK(onlyDiagAt(l, "/routines/4/colour").severity == Severity::Warning);
    CHECK(l.routines.back().name == "routine");
}

TEST_CASE("routine: a damaged routines file is set aside and only the built-in one offered") {
    for (const std::string text :
         {"{\"routines\": [", "[]", "{\"version\": 2, \"routines\": []}"}) {
        INFO(text);
        const LoadedRoutines l = loadRoutinesText("routines-corrupt", text);
        INFO(l.diags.str());
        CHECK(ids(l.routines) == std::vector<std::string>{"smr-session"});
        REQUIRE(l.diags.hasErrors());
        CHECK(l.diags.items().back().file == l.file);
        const auto aside = filesStartingWith(fs::path(l.file).parent_path(), "routines.json.");
        REQUIRE(aside.size() == 1);
        CHECK(readBytes(aside[0]) == text);
        CHECK_THAT(l.diags.items().back().message,
                   Catch::Contains(aside[0].string()) &&
                       Catch::Contains("only the built-in routine is offered"));
        CHECK_FALSE(fs::exists(l.file));
    }
}

TEST_CASE("routine: a wrong-typed routines list or routine is reported, the file kept") {
    const LoadedRoutines l = loadRoutinesText("routines-wrong-types", R"({"routines": {"a": 1}})");
    CHECK(ids(l.routines) == std::vector<std::string>{"smr-session"});
    CHECK(onlyDiagAt(l, "/routines").severity == Severity::Error);
    CHECK(fs::exists(l.file));
    const LoadedRoutines m =
        loadRoutinesText("routines-wrong-item", R"({"routines": [7, {"id": "x", "name": "X",
        "auto_advance": "no", "steps": [3, {"stretch": "calf-roll"}]}]})");
    INFO(m.diags.str());
    REQUIRE(m.routines.size() == 2);
    CHECK(m.routines[1].autoAdvance);
    CHECK(m.routines[1].steps.size() == 1);
    CHECK_THAT(onlyDiagAt(m, "/routines/0").message, Catch::Contains("left out"));
    CHECK_THAT(onlyDiagAt(m, "/routines/1/auto_advance").message, Catch::Contains("true is used"));
    CHECK_THAT(onlyDiagAt(m, "/routines/1/steps/0").message, Catch::Contains("left out"));
}

TEST_CASE("routine: new ids come from the name and are unique") {
    std::vector<Routine> existing{custom("my-morning", {{"calf-roll", 120.0}})};
    CHECK(routineIdFor("Evening", existing) == "evening");
    CHECK(routineIdFor("My morning!", existing) == "my-morning-2");
    existing.push_back(custom("my-morning-2", {}));
    CHECK(routineIdFor("  My   Morning ", existing) == "my-morning-3");
    CHECK(routineIdFor("Rücken 2", existing) == "r-cken-2");
    CHECK(routineIdFor("!!!", existing) == "routine");
    CHECK(routineIdFor(std::string(200, 'a'), existing).size() == 48);
}

TEST_CASE("routine: the player advances exactly at 120 s over many small frames") {
    const Routine r = builtInRoutine(smallLibrary());
    for (const double dt : {1.0 / 60.0, 1.0 / 144.0, 0.1}) {
        INFO("dt " << dt);
        RoutinePlayer p;
        p.start(r);
        const int frames = int(std::lround(120.0 / dt));
        int changes = 0;
        for (int i = 1; i < frames; ++i) changes += p.update(dt);
        CHECK(changes == 0);
        CHECK(p.step() == 0);
        CHECK(p.remaining() == Approx(dt).margin(1e-9));
        CHECK(p.update(dt));
        CHECK(p.step() == 1);
        CHECK(p.stretch() == "glute-roll");
        CHECK(p.elapsed() == Approx(0.0).margin(1e-6));
        CHECK(p.totalRemaining() == Approx(360.0).margin(1e-6));
    }
}

TEST_CASE("routine: the player is finished after the last step and stays there") {
    RoutinePlayer p;
    p.start(custom("r", {{"calf-roll", 20.0}, {"chest-opener", 30.0}}));
    CHECK(p.active());
    CHECK_FALSE(p.update(19.5));
    CHECK(p.update(1.0));  // 0.5 s carries over into the next step
    CHECK(p.elapsed() == Approx(0.5));
    CHECK_FALSE(p.finished());
    CHECK_FALSE(p.update(29.0));
    CHECK_FALSE(p.finished());
    CHECK_FALSE(p.update(5.0));
    CHECK(p.finished());
    CHECK(p.stepDone());
    CHECK(p.step() == 1);
    CHECK(p.remaining() == 0.0);
    CHECK(p.elapsed() == 30.0);
    CHECK(p.totalRemaining() == 0.0);
    CHECK_FALSE(p.update(100.0));
    CHECK(p.step() == 1);
    p.stop();
    CHECK_FALSE(p.active());
    CHECK(p.step() == -1);
    CHECK(p.stretch().empty());
    CHECK_FALSE(p.update(1.0));
}

TEST_CASE("routine: one long frame passes several steps and carries the rest") {
    RoutinePlayer p;
    p.start(custom("r", {{"a", 20.0}, {"b", 30.0}, {"c", 40.0}}));
    CHECK(p.update(55.0));
    CHECK(p.step() == 2);
    CHECK(p.elapsed() == Approx(5.0));
    CHECK(p.totalRemaining() == Approx(35.0));
    CHECK_FALSE(p.update(-3.0));
    CHECK_FALSE(p.update(std::nan("")));
    CHECK(p.elapsed() == Approx(5.0));
}

TEST_CASE("routine: next and previous stay within the routine") {
    RoutinePlayer p;
    CHECK_FALSE(p.next());
    CHECK_FALSE(p.previous());
    p.start(custom("r", {{"a", 20.0}, {"b", 30.0}, {"c", 40.0}}));
    p.update(10.0);
    CHECK_FALSE(p.previous());  // on the first step: restarts it
    CHECK(p.step() == 0);
    CHECK(p.elapsed() == 0.0);
    CHECK(p.next());
    CHECK(p.next());
    CHECK(p.step() == 2);
    CHECK_FALSE(p.next());
    CHECK(p.step() == 2);
    p.update(100.0);
    CHECK(p.finished());
    CHECK(p.previous());
    CHECK(p.step() == 1);
    CHECK_FALSE(p.finished());
    CHECK(p.elapsed() == 0.0);
    CHECK(p.totalRemaining() == 70.0);
}

TEST_CASE("routine: without auto-advance the player waits at the end of each step") {
    RoutinePlayer p;
    p.start(custom("r", {{"a", 20.0}, {"b", 30.0}}, false));
    CHECK_FALSE(p.update(19.0));
    CHECK_FALSE(p.stepDone());
    CHECK_FALSE(p.update(5.0));
    CHECK(p.step() == 0);
    CHECK(p.stepDone());
    CHECK_FALSE(p.finished());
    CHECK(p.elapsed() == 20.0);
    CHECK(p.remaining() == 0.0);
    CHECK(p.totalRemaining() == 30.0);
    CHECK(p.next());
    CHECK_FALSE(p.stepDone());
    CHECK_FALSE(p.update(30.0));
    CHECK(p.stepDone());
    CHECK(p.finished());
}

TEST_CASE("routine: a routine with no steps leaves the player inactive") {
    RoutinePlayer p;
    p.start(custom("empty", {}));
    CHECK_FALSE(p.active());
    CHECK(p.step() == -1);
    CHECK_FALSE(p.update(1.0));
    CHECK(p.totalRemaining() == 0.0);
}
