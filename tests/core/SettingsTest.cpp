// SettingsTest: settings.json round trips, damaged files are reported and set aside with their
// bytes intact, bad members fall back alone, and the config folder follows --config and XDG.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "ConfigFixture.h"
#include "core/ConfigFile.h"
#include "core/Settings.h"

using namespace ra::core;
using namespace ra::core::test;

namespace {

Settings changedSettings() {
    Settings s;
    s.uiScale = 1.3f;
    s.theme = "projector";
    s.lastStretch = "thoracic-extension";
    s.view = "left";
    s.showPanels = false;
    s.xray = true;
    s.skinOpacity = 0.35f;
    s.skinTone = "dark";
    s.body = "female";
    s.speed = 0.75f;
    s.loop = false;
    s.labels = false;
    s.routine = "smr-session";
    return s;
}

const Diagnostic* findDiag(const Diagnostics& diags, const std::string& where) {
    for (const Diagnostic& d : diags.items())
        if (d.where == where) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("settings: a save and a load give back the same settings") {
    const fs::path file = configDir("round-trip") / "settings.json";
    const Settings saved = changedSettings();
    REQUIRE_FALSE(saved == Settings{});
    std::string error;
    REQUIRE(saveSettings(file.string(), saved, error));
    CHECK(error.empty());
    Diagnostics diags;
    CHECK(loadSettings(file.string(), diags) == saved);
    CHECK(diags.empty());
    const auto j = nlohmann::json::parse(readBytes(file));
    CHECK(j.at("version") == 1);
    CHECK(j.at("ui_scale").dump() == "1.3");  // the float's shortest form, not 1.2999999523
    CHECK(j.at("skin_tone") == "dark");
    CHECK(j.at("body") == "female");
    CHECK(readBytes(file).rfind("{\n  \"version\": 1,", 0) == 0);
}

TEST_CASE("settings: a missing file gives the defaults and no diagnostics") {
    const fs::path dir = configDir("missing");
    Diagnostics diags;
    CHECK(loadSettings((dir / "settings.json").string(), diags) == Settings{});
    CHECK(loadSettings((dir / "no-such-folder" / "settings.json").string(), diags) == Settings{});
    CHECK(diags.empty());
    CHECK(fs::is_empty(dir));  // nothing is created by reading
}

TEST_CASE("settings: a corrupt file is reported, set aside intact, and a save starts afresh") {
    const std::string binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe", 18);
    const std::pair<const char*, std::string> cases[] = {
        {"truncated", "{\n  \"version\": 1,\n  \"ui_scale\": 1.5,\n  \"theme\": \"da"},
        {"binary", binary},
        {"array", "[1, 2, 3]\n"},
        {"newer", "{\"version\": 7, \"ui_scale\": 2}"},
        {"empty", ""},
    };
    for (const auto& [name, bytes] : cases) {
        INFO("case: " << name);
        const fs::path dir = configDir(std::string("corrupt-") + name);
        const fs::path file = dir / "settings.json";
        writeBytes(file, bytes);
        Diagnostics diags;
        CHECK(loadSettings(file.string(), diags) == Settings{});
        INFO(diags.str());
        REQUIRE(diags.hasErrors());
        const std::vector<fs::path> aside = filesStartingWith(dir, "settings.json.corrupt-");
        REQUIRE(aside.size() == 1);
        CHECK(std::regex_match(aside[0].filename().string(),
                               std::regex(R"(settings\.json\.corrupt-\d{8}-\d{6})")));
        CHECK(readBytes(aside[0]) == bytes);
        CHECK_FALSE(fs::exists(file));
        const Diagnostic& d = diags.items().back();
        CHECK(d.severity == Severity::Error);
        CHECK(d.file == file.string());
        CHECK_THAT(d.str(), Catch::Contains("settings.json"));
        CHECK_THAT(d.message, Catch::Contains("moved to " + aside[0].string()));

        std::string error;
        REQUIRE(saveSettings(file.string(), changedSettings(), error));
        Diagnostics again;
        CHECK(loadSettings(file.string(), again) == changedSettings());
        CHECK(again.empty());
        CHECK(readBytes(aside[0]) == bytes);
    }
}

TEST_CASE("settings: a syntax error names its line and column") {
    const fs::path file = configDir("syntax") / "settings.json";
    writeBytes(file, "{\n  \"ui_scale\": 1.5,\n  \"theme\" \"dark\"\n}\n");
    Diagnostics diags;
    loadSettings(file.string(), diags);
    INFO(diags.str());
    REQUIRE(diags.size() == 1);
    CHECK_THAT(diags.items()[0].where, Catch::StartsWith("line 3, column"));
    CHECK_THAT(diags.items()[0].message, Catch::Contains("not valid JSON"));
}

TEST_CASE("settings: a set-aside copy never replaces an earlier one") {
    const fs::path dir = configDir("set-aside-twice");
    const fs::path file = dir / "settings.json";
    const std::time_t when = 1'790'000'000;
    std::string error;
    writeBytes(file, "first");
    const auto a = setAsideConfigFile(file.string(), when, error);
    writeBytes(file, "second");
    const auto b = setAsideConfigFile(file.string(), when, error);
    writeBytes(file, "third");
    const auto c = setAsideConfigFile(file.string(), when, error);
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(c);
    CHECK(*b == *a + "-2");
    CHECK(*c == *a + "-3");
    CHECK(readBytes(*a) == "first");
    CHECK(readBytes(*b) == "second");
    CHECK(readBytes(*c) == "third");
    CHECK_FALSE(fs::exists(file));
    CHECK_FALSE(setAsideConfigFile(file.string(), when, error));
    CHECK_THAT(error, Catch::Contains(file.string()));
}

TEST_CASE("settings: a bad member is reported at its JSON pointer and the others are kept") {
    const fs::path file = configDir("bad-member") / "settings.json";
    const std::string text = R"({"version": 1, "ui_scale": "big", "speed": 9, "theme": "neon",
        "xray": "yes", "view": "left", "skin_tone": "tan", "loop": false, "skin_opacity": 0.5,
        "window_size": [800, 600]})";
    writeBytes(file, text);
    Diagnostics diags;
    const Settings s = loadSettings(file.string(), diags);
    INFO(diags.str());
    Settings expected;
    expected.view = "left";
    expected.skinTone = "tan";
    expected.loop = false;
    expected.skinOpacity = 0.5f;
    CHECK(s == expected);

    const Diagnostic* scale = findDiag(diags, "/ui_scale");
    REQUIRE(scale);
    CHECK(scale->severity == Severity::Error);
    CHECK(scale->file == file.string());
    CHECK_THAT(scale->message, Catch::Contains("expected a number, found a string"));
    CHECK_THAT(scale->message, Catch::Contains("the default 1 is used"));
    const Diagnostic* speed = findDiag(diags, "/speed");
    REQUIRE(speed);
    CHECK_THAT(speed->message, Catch::Contains("9 is out of range"));
    CHECK_THAT(speed->message, Catch::Contains("at most 2"));
    REQUIRE(findDiag(diags, "/theme"));
    CHECK_THAT(findDiag(diags, "/theme")->message, Catch::Contains("\"neon\" is not one of"));
    REQUIRE(findDiag(diags, "/xray"));
    const Diagnostic* unknown = findDiag(diags, "/window_size");
    REQUIRE(unknown);
    CHECK(unknown->severity == Severity::Warning);
    CHECK(diags.size() == 5);
    // Reported, not set aside: the file is still where it was, unchanged.
    CHECK(readBytes(file) == text);
    CHECK(filesStartingWith(file.parent_path(), "settings.json.corrupt-").empty());
}

TEST_CASE("settings: every range bound is accepted and just past it is not") {
    const fs::path file = configDir("bounds") / "settings.json";
    Diagnostics diags;
    writeBytes(file, R"({"ui_scale": 0.75, "skin_opacity": 0.2, "speed": 2})");
    Settings s = loadSettings(file.string(), diags);
    CHECK(diags.empty());
    CHECK(s.uiScale == 0.75f);
    CHECK(s.skinOpacity == 0.2f);
    CHECK(s.speed == 2.0f);
    writeBytes(file, R"({"ui_scale": 2.51, "skin_opacity": 0.1, "speed": 0.2})");
    s = loadSettings(file.string(), diags);
    CHECK(diags.size() == 3);
    CHECK(s == Settings{});
}

TEST_CASE("settings: saving creates the folder, and a failed save names the file") {
    const fs::path dir = configDir("save");
    const fs::path file = dir / "a" / "b" / "settings.json";
    std::string error;
    REQUIRE(saveSettings(file.string(), changedSettings(), error));
    CHECK(fs::is_regular_file(file));

    writeBytes(dir / "blocker", "a file where a folder should be");
    const fs::path blocked = dir / "blocker" / "settings.json";
    CHECK_FALSE(saveSettings(blocked.string(), Settings{}, error));
    CHECK_THAT(error, Catch::Contains(blocked.string()));
}

TEST_CASE("settings: the config folder follows --config, XDG_CONFIG_HOME and HOME") {
    SECTION("--config wins over everything") {
        EnvGuard xdg("XDG_CONFIG_HOME", "/xdg");
        CHECK(configFolder("some/dir") == "some/dir");
    }
    SECTION("an absolute XDG_CONFIG_HOME") {
        EnvGuard xdg("XDG_CONFIG_HOME", "/xdg/config");
        EnvGuard home("HOME", "/home/ann");
        CHECK(configFolder("") == "/xdg/config/roller-atlas");
    }
    SECTION("a relative or empty XDG_CONFIG_HOME is ignored (XDG spec)") {
        EnvGuard home("HOME", "/home/ann");
        {
            EnvGuard xdg("XDG_CONFIG_HOME", "relative/config");
            CHECK(configFolder("") == "/home/ann/.config/roller-atlas");
        }
        EnvGuard xdg("XDG_CONFIG_HOME", "");
        CHECK(configFolder("") == "/home/ann/.config/roller-atlas");
    }
    SECTION("HOME alone") {
        EnvGuard xdg("XDG_CONFIG_HOME", std::nullopt);
        EnvGuard home("HOME", "/home/bob");
        CHECK(configFolder("") == "/home/bob/.config/roller-atlas");
    }
    SECTION("neither: no folder") {
        EnvGuard xdg("XDG_CONFIG_HOME", std::nullopt);
        EnvGuard home("HOME", std::nullopt);
        CHECK(configFolder("") == "");
    }
}

TEST_CASE("settings: the environment is restored after the XDG test's guards") {
    const char* before = std::getenv("HOME");
    const std::optional<std::string> home =
        before ? std::optional<std::string>(before) : std::nullopt;
    {
        EnvGuard guard("HOME", std::nullopt);
        CHECK(std::getenv("HOME") == nullptr);
    }
    const char* after = std::getenv("HOME");
    CHECK((after ? std::optional<std::string>(after) : std::nullopt) == home);
}
