// StretchCommandsTest: the real binary's stretch commands: list (text and JSON), render of one
// moment and of a PNG sequence, audit of one stretch, and the messages for an unknown stretch.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "e2e/Process.h"
#include "renderer/ImageIO.h"

using namespace ra::test;
namespace fs = std::filesystem;

namespace {}  // namespace

TEST_CASE("list --json names every stretch of the brief and the mistake demos") {
    auto r = runProcess({RA_BINARY, "list", "--json"});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    std::set<std::string> ids;
    for (const auto& s : j) {
        ids.insert(s.at("id").get<std::string>());
        CHECK(s.at("duration_s").get<double>() > 10.0);
        CHECK_FALSE(s.at("sources").empty());
    }
    for (const char* id : {"neck-release", "shoulder-blade-roll", "thoracic-extension",
                           "lat-release", "chest-opener", "hip-flexor-roll", "it-band-roll",
                           "glute-roll", "calf-roll", "lower-back-release"})
        CHECK(ids.count(id) == 1);
    for (const auto& s : j)
        if (s.at("id") == "lower-back-release") {
            CHECK(s.at("status") == "contraindicated");
            CHECK(s.at("zones").dump().find("lumbar_spine") != std::string::npos);
        }
}

TEST_CASE("render --stretch draws one moment, and --frames writes a numbered sequence") {
    const std::string one = outPath("cli-stretch.png");
    fs::remove(one);
    auto r = runProcess({RA_BINARY, "render", "--stretch", "thoracic-extension", "--time", "10",
                         "--size", "320x180", "--out", one});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    std::string error;
    ra::gfx::RgbaImage img;
    INFO(error);
    REQUIRE(ra::gfx::readPng(one, img, error));
    CHECK(img.width == 320);
    CHECK(img.height == 180);

    const std::string dir = outPath("cli-sequence");
    fs::remove_all(dir);
    auto s = runProcess({RA_BINARY, "render", "--stretch", "calf-roll", "--frames", "3", "--fps",
                         "2", "--size", "160x90", "--out", dir});
    INFO(s.err);
    REQUIRE(s.exitCode == 0);
    CHECK(fs::exists(fs::path(dir) / "frame_0000.png"));
    CHECK(fs::exists(fs::path(dir) / "frame_0002.png"));
    CHECK_FALSE(fs::exists(fs::path(dir) / "frame_0003.png"));
    CHECK(s.out.find("wrote 3 frames") != std::string::npos);
}

TEST_CASE("an unknown stretch is named with the known ones, and the command fails") {
    auto r = runProcess(
        {RA_BINARY, "render", "--stretch", "back-crack", "--out", outPath("cli-unknown.png")});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("unknown stretch \"back-crack\"") != std::string::npos);
    CHECK(r.err.find("thoracic-extension") != std::string::npos);
    auto a = runProcess({RA_BINARY, "audit", "--stretch", "back-crack"});
    CHECK(a.exitCode == 1);
    CHECK(a.err.find("back-crack") != std::string::npos);
}

TEST_CASE("audit --json measures a mistake demo and reports its warning") {
    auto r = runProcess({RA_BINARY, "audit", "--stretch", "rolling-fast", "--json"}, {}, 300.0);
    INFO(r.err);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    REQUIRE(j.size() == 1);
    const auto& a = j[0];
    CHECK(a.at("id") == "rolling-fast");
    CHECK(a.at("mistake_demo") == true);
    CHECK(a.at("samples").get<int>() > 30 * 30);
    CHECK(a.at("max_stroke_cm_per_s").get<double>() > 10.0);
    CHECK(a.at("first_warning").get<std::string>().find("fast") != std::string::npos);
    CHECK(a.at("passed") == true);
    CHECK(r.exitCode == 0);
}
