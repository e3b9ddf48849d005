// StretchFixture: the shipped stretch library loaded once per test program with the real region
// table, and helpers that write a changed stretch file and look for one exact diagnostic.
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/RegionTable.h"
#include "core/Stretch.h"

namespace ra::core::test {

namespace fs = std::filesystem;
using nlohmann::json;

inline const std::string kAssets = std::string(RA_SOURCE_DIR) + "/assets";

inline const std::vector<RegionInfo>& regions() {
    static const std::vector<RegionInfo> table = [] {
        Diagnostics d;
        auto r = loadRegionTable(kAssets + "/anatomy/regions.json", d);
        INFO(d.str());
        REQUIRE(r.has_value());
        return *r;
    }();
    return table;
}

struct Loaded {
    StretchLibrary lib;
    Diagnostics diags;
};

inline const Loaded& shipped() {
    static const Loaded loaded = [] {
        Loaded l;
        l.lib = loadStretchLibrary(kAssets, regions(), l.diags);
        return l;
    }();
    return loaded;
}

inline size_t utf8Length(const std::string& s) {
    size_t n = 0;
    for (char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// A small valid stretch; each broken-input test changes one thing in it.
inline json goodStretch() {
    return json::parse(R"json({
        "id": "test-stretch", "name": "Test", "status": "recommended",
        "summary": "A test.", "why": "Tests.", "sources": ["general"],
        "targets": ["calves"], "avoid": ["back_of_knee"], "sides": "both", "lying": "supine",
        "roller": {"orientation": "across", "from": "calf_bottom_{side}", "to": "calf_top_{side}"},
        "supports": ["buttocks", "hand_l", "hand_r"],
        "tempo": {"stroke_cm_per_s": 2.5},
        "poses": {"sit": {"hip_l": {"flexion": 70}}, "lean_back": {"hip_l": {"flexion": 80}}},
        "phases": [
            {"kind": "setup", "duration_s": 5, "pose": "sit", "contact": 0, "cue": "Sit.",
             "sources": ["general"]},
            {"kind": "roll", "duration_s": 10, "pose": "lean_back", "contact": [0, 1],
             "strokes": 1, "breathing": "natural", "cue": "Roll.", "sources": ["general"]}
        ]})json");
}

// One folder per test process: ctest runs test cases in parallel processes.
inline fs::path freshDir(const std::string& name) {
    const fs::path dir =
        fs::path(RA_TEST_OUT_DIR) / "stretch" / (std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

inline void writeText(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

struct Result {
    std::optional<Stretch> stretch;
    Diagnostics diags;
    std::string file;
};

// Writes `text` as <file>.json and loads it with the shipped regions, landmarks and ranges.
inline Result loadText(const std::string& text, const std::string& file = "test-stretch") {
    Result r;
    r.file = (freshDir(file) / (file + ".json")).string();
    writeText(r.file, text);
    const StretchLibrary& lib = shipped().lib;
    r.stretch = loadStretch(r.file, regions(), lib.landmarks, lib.rangeOfMotion, r.diags);
    return r;
}

inline Result loadJson(const json& j, const std::string& file = "test-stretch") {
    return loadText(j.dump(2), file);
}

// The one diagnostic of `severity` at `where`; its message must contain `text`.
inline void requireDiag(const Result& r, Severity severity, const std::string& where,
                        const std::string& text) {
    INFO(r.diags.str());
    bool found = false;
    for (const Diagnostic& d : r.diags.items())
        if (d.severity == severity && d.where == where) {
            CHECK(d.file == r.file);
            CHECK_THAT(d.message, Catch::Contains(text));
            CHECK_THAT(d.str(), Catch::Contains(fs::path(r.file).filename().string()));
            found = true;
        }
    CHECK(found);
}

inline void requireError(const Result& r, const std::string& where, const std::string& text) {
    CHECK_FALSE(r.stretch.has_value());
    requireDiag(r, Severity::Error, where, text);
}

}  // namespace ra::core::test
