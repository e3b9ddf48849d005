// ContentTablesTest: the region table and the limits every content JSON file is read under (file
// size, nesting depth checked before parsing, no folders or pipes), with file and JSON pointer in
// each message.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/BodySpec.h"
#include "core/JsonReader.h"
#include "core/RegionTable.h"
#include "core/Stretch.h"

using namespace ra::core;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& name) {
    const fs::path dir =
        fs::path(RA_TEST_OUT_DIR) / "content" / (std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string writeText(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
}

const char* const kSkin =
    R"({"id": "skin", "name": "Skin", "kind": "neutral", "description": "Plain skin."})";
const char* const kCalves =
    R"({"id": "calves", "name": "Calves", "kind": "target", "description": "Calf muscles.",
        "sources": ["general"]})";

std::string table(const std::string& entries) {
    return R"({"about": "test", "regions": [)" + entries + "]}";
}

// The one diagnostic at `where`; fails the test when there is none.
const Diagnostic& at(const Diagnostics& d, const std::string& where) {
    for (const auto& item : d.items())
        if (item.where == where) return item;
    FAIL("no diagnostic at " << where << " in:\n" << d.str());
    return d.items().front();
}

}  // namespace

TEST_CASE("the shipped region table loads without problems") {
    Diagnostics d;
    const auto t = loadRegionTable(std::string(RA_SOURCE_DIR) + "/assets/anatomy/regions.json", d);
    INFO(d.str());
    REQUIRE(t.has_value());
    CHECK(d.empty());
    CHECK(t->front().id == "skin");
    CHECK(t->size() >= 10);
}

TEST_CASE("a region table with a syntax error names the line and column") {
    const std::string file = writeText(freshDir("syntax") / "regions.json",
                                       "{\"regions\": [\n  {\"id\": \"skin\",,}\n]}");
    Diagnostics d;
    CHECK_FALSE(loadRegionTable(file, d));
    REQUIRE(d.size() == 1);
    CHECK(d.items()[0].file == file);
    CHECK(d.items()[0].where == "line 2, column 17");
    CHECK_THAT(d.items()[0].message, Catch::StartsWith("not valid JSON: "));
}

TEST_CASE("region entries: wrong types and unknown kinds are errors at their JSON pointer") {
    const fs::path dir = freshDir("types");
    const std::string file =
        writeText(dir / "regions.json",
                  table(std::string(kSkin) + "," +
                        R"({"id": "calves", "name": 7, "kind": "muscle", "description": "x",
                  "sources": ["general", 3, "made-up"]}, "loose string")"));
    Diagnostics d;
    CHECK_FALSE(loadRegionTable(file, d));
    INFO(d.str());
    for (const auto& item : d.items()) CHECK(item.file == file);
    CHECK(at(d, "/regions/1/name").message == "expected a string, found a number");
    CHECK_THAT(at(d, "/regions/1/kind").message,
               Catch::Contains("\"muscle\" is not one of target, caution, no-go, neutral"));
    CHECK(at(d, "/regions/1/sources/1").message == "expected a string, found a number");
    CHECK_THAT(at(d, "/regions/2").message, Catch::StartsWith("expected a region object"));
}

TEST_CASE("region entries: unknown fields warn and the table still loads") {
    const std::string file =
        writeText(freshDir("unknown") / "regions.json",
                  R"({"about": "a", "colour": "red", "regions": [)" + std::string(kSkin) + "," +
                      R"({"id": "calves", "name": "Calves", "kind": "target", "description": "x",
                "sources": ["general"], "colour": "blue"}]})");
    Diagnostics d;
    const auto t = loadRegionTable(file, d);
    INFO(d.str());
    REQUIRE(t.has_value());
    CHECK(t->size() == 2);
    CHECK_FALSE(d.hasErrors());
    REQUIRE(d.size() == 2);
    CHECK(at(d, "/colour").message == "unknown field \"colour\", ignored");
    CHECK(at(d, "/regions/1/colour").severity == Severity::Warning);
}

TEST_CASE("region table: duplicate ids, a first entry that is not skin, unknown sources") {
    const fs::path dir = freshDir("rules");
    Diagnostics d;
    CHECK_FALSE(loadRegionTable(
        writeText(dir / "dup.json", table(std::string(kSkin) + "," + kCalves + "," + kCalves)), d));
    CHECK_THAT(at(d, "/regions/2/id").message, Catch::Contains("\"calves\" appears twice"));

    Diagnostics d2;
    CHECK_FALSE(loadRegionTable(writeText(dir / "noskin.json", table(kCalves)), d2));
    CHECK_THAT(at(d2, "/regions/0").message, Catch::Contains("must be \"skin\""));

    Diagnostics d3;
    std::string bad = kCalves;
    bad.replace(bad.find("general"), 7, "my-blog");
    CHECK_FALSE(
        loadRegionTable(writeText(dir / "source.json", table(std::string(kSkin) + "," + bad)), d3));
    CHECK_THAT(at(d3, "/regions/1/sources/0").message,
               Catch::Contains("unknown source key \"my-blog\""));

    Diagnostics d4;
    CHECK_FALSE(loadRegionTable(writeText(dir / "array.json", "[1, 2]"), d4));
    CHECK(d4.items().at(0).message == "expected an object with a \"regions\" array");
}

TEST_CASE("content JSON nested too deeply is refused before it is parsed") {
    const fs::path dir = freshDir("deep");
    // Deep enough to overflow the stack of a recursive parser or destructor several times over.
    const std::string deep = std::string(1 << 20, '[') + std::string(1 << 20, ']');
    const std::string file =
        writeText(dir / "calf-roll.json", R"({"id": "calf-roll", "about": )" + deep + "}");
    Diagnostics d;
    CHECK_FALSE(loadStretch(file, {}, {}, {}, d));
    REQUIRE(d.size() == 1);
    CHECK(d.items()[0].file == file);
    CHECK(d.items()[0].where == "line 1, column 93");
    CHECK_THAT(d.items()[0].message, Catch::Contains("nest more than 64 levels"));

    // The limit is the reader's: a lower one refuses a file the default accepts.
    const std::string shallow = writeText(dir / "shallow.json", R"({"a": [[[1]]]})");
    Diagnostics ok, refused;
    CHECK(JsonReader(shallow, ok).parseFile().has_value());
    CHECK(ok.empty());
    CHECK_FALSE(JsonReader(shallow, refused, JsonLimits{1 << 20, 3}).parseFile().has_value());
    CHECK(refused.items().at(0).where == "line 1, column 9");
}

TEST_CASE("brackets inside JSON strings do not count as nesting") {
    CHECK_FALSE(jsonTooDeepAt(R"({"cue": "[[[[[[[[[[ \" {{{{{{{{{{"})", 2).has_value());
    CHECK(jsonTooDeepAt(R"({"a": "\\", "b": [[1]]})", 2) == size_t(18));
}

TEST_CASE("a content file over the size limit is refused without reading it") {
    const std::string file =
        writeText(freshDir("size") / "big.json", "[" + std::string(4000, ' ') + "]");
    Diagnostics d;
    CHECK_FALSE(JsonReader(file, d, JsonLimits{1000, 64}).parseFile().has_value());
    REQUIRE(d.size() == 1);
    CHECK(d.items()[0].file == file);
    CHECK(d.items()[0].message ==
          "the file is 4002 bytes, more than the 1000-byte limit for a content file");
}

TEST_CASE("a folder or a pipe where a content file should be is an error, not a hang") {
    const fs::path dir = freshDir("special");
    Diagnostics d;
    CHECK_FALSE(loadRangeOfMotion(dir.string(), d));
    CHECK_THAT(d.items().at(0).message, Catch::Contains("folder or a device"));

    // Reading a FIFO with no writer would block for ever.
    const std::string fifo = (dir / "range_of_motion.json").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    Diagnostics d2;
    CHECK_FALSE(loadRangeOfMotion(fifo, d2));
    CHECK(d2.items().at(0).file == fifo);
    CHECK_THAT(d2.items().at(0).message, Catch::Contains("not a JSON file"));
}

TEST_CASE("a body spec with members of the wrong type is an error, not an exception") {
    const fs::path dir = freshDir("bodyspec");
    for (const char* text : {R"({"name": 5})", R"({"joints": 5})", R"({"groups": {"a": 1}})"}) {
        const std::string file = writeText(dir / "spec.json", text);
        INFO(text);
        Diagnostics d;
        std::optional<BodySpec> spec;
        REQUIRE_NOTHROW(spec = loadBodySpec(file, d));
        CHECK_FALSE(spec.has_value());
        REQUIRE(d.hasErrors());
        CHECK(d.items().back().file == file);
        CHECK_THAT(d.items().back().message, Catch::StartsWith("the body spec could not be read"));
    }
}

TEST_CASE("a body spec expression too long to parse safely is refused, not recursed into") {
    std::string error;
    CHECK_FALSE(evalExpression(std::string(1'000'000, '(') + "1", {}, error));
    CHECK(error == "an expression of 1000001 characters; at most 1000 are allowed");
    CHECK(evalExpression(std::string(400, '(') + "1" + std::string(400, ')'), {}, error) == 1.0f);
}
