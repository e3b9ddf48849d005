// CommandLineTest: the real binary's command line: help, version, usage errors, and headless
// rendering with no display.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "e2e/Process.h"
#include "renderer/ImageIO.h"

using namespace ra::test;

TEST_CASE("--help and --version answer and exit 0") {
    auto help = runProcess({RA_BINARY, "--help"});
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("roller-atlas render --out FILE.png") != std::string::npos);
    auto version = runProcess({RA_BINARY, "--version"});
    CHECK(version.exitCode == 0);
    CHECK(version.out.rfind("roller-atlas ", 0) == 0);
}

TEST_CASE("a usage error names the argument and exits 2") {
    auto r = runProcess({RA_BINARY, "render", "--out", "/tmp/x.png", "--view", "sideways"});
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("--view sideways") != std::string::npos);
    auto r2 = runProcess({RA_BINARY, "--frobnicate"});
    CHECK(r2.exitCode == 2);
    CHECK(r2.err.find("'--frobnicate'") != std::string::npos);
}

TEST_CASE("a missing assets folder says where it looked") {
    auto r = runProcess({RA_BINARY, "check", "--assets", "/nonexistent/assets"});
    CHECK(r.exitCode == 1);
    CHECK(r.out.find("no assets folder found") != std::string::npos);
    CHECK(r.out.find("/nonexistent/assets") != std::string::npos);
}

namespace {

std::string outPath(const std::string& name) {
    std::filesystem::create_directories(RA_TEST_OUT_DIR);
    return (std::filesystem::path(RA_TEST_OUT_DIR) / name).string();
}

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("render writes the requested PNG with no display, the same bytes every time") {
    const std::string a = outPath("cli-render-a.png"), b = outPath("cli-render-b.png");
    std::filesystem::remove(a);
    const std::vector<std::string> env{"DISPLAY=", "WAYLAND_DISPLAY="};
    auto r1 = runProcess(
        {RA_BINARY, "render", "--out", a, "--size", "320x180", "--view", "left", "--time", "1.5"},
        env);
    INFO(r1.err);
    REQUIRE(r1.exitCode == 0);
    CHECK(r1.out.find("wrote " + a) != std::string::npos);
    auto r2 = runProcess(
        {RA_BINARY, "render", "--out", b, "--size", "320x180", "--view", "left", "--time", "1.5"},
        env);
    REQUIRE(r2.exitCode == 0);
    ra::gfx::RgbaImage img;
    std::string error;
    REQUIRE(ra::gfx::readPng(a, img, error));
    CHECK(img.width == 320);
    CHECK(img.height == 180);
    // Not blank: the centre of the picture holds the figure or the roller, not the background.
    std::set<uint32_t> colours;
    for (size_t i = 0; i < img.pixels.size(); i += 4)
        colours.insert(uint32_t(img.pixels[i]) << 16 | uint32_t(img.pixels[i + 1]) << 8 |
                       img.pixels[i + 2]);
    CHECK(colours.size() > 200);
    CHECK(fileBytes(a) == fileBytes(b));
}

TEST_CASE("a broken --model is named in the message, the command fails, nothing crashes") {
    const std::string bad =
        std::string(RA_TESTDATA_DIR) + "/gltf-invalid/mesh_data__index_buffer_oob.gltf";
    auto r = runProcess({RA_BINARY, "render", "--out", outPath("cli-broken.png"), "--size", "64x64",
                         "--model", bad},
                        {"DISPLAY="});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("mesh_data__index_buffer_oob.gltf") != std::string::npos);
    CHECK(r.err.find("error: ") != std::string::npos);
    auto check = runProcess({RA_BINARY, "check", "--model", bad});
    CHECK(check.exitCode == 1);
    CHECK(check.out.find("FAILED") != std::string::npos);
}

TEST_CASE("check passes on the shipped content and describes it") {
    auto r = runProcess({RA_BINARY, "check"});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("ok: assets") != std::string::npos);
    CHECK(r.out.find("25 joints") != std::string::npos);
}

TEST_CASE("a ROLLER_ATLAS_ASSETS that holds no assets is reported, and the search goes on") {
    auto r = runProcess({RA_BINARY, "check"}, {"ROLLER_ATLAS_ASSETS=/nonexistent/assets"});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("warning: ROLLER_ATLAS_ASSETS: /nonexistent/assets holds no") !=
          std::string::npos);
    CHECK(r.out.find("1 warning") != std::string::npos);
}

TEST_CASE("bench prints every figure the issue asks for, as JSON (no timing threshold)") {
    auto r = runProcess({RA_BINARY, "bench", "--size", "96x64", "--frames", "3", "--warmup", "1"},
                        {"DISPLAY="});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    for (const char* key :
         {"\"frames\": 3", "\"width\": 96", "\"height\": 64", "\"median\"", "\"p95\"",
          "\"cpu_ms_per_frame\"", "\"pipelined_ms_per_frame\"", "\"startup_to_first_frame_ms\"",
          "\"peak_memory_mb\"", "\"gl_renderer\""}) {
        INFO(key << " in\n" << r.out);
        CHECK(r.out.find(key) != std::string::npos);
    }
}
