// CommandLineTest: the real binary's command line: help, version, usage errors, headless
// rendering with no display, and the model report of `check` (text and JSON).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/GlbWriter.h"
#include "core/LabelledModelFixture.h"
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
          "\"peak_memory_mb\"", "\"gl_renderer\"", "\"picking\"", "\"us_per_ray_median\"",
          "\"refit_ms_median\"", "picking: "}) {
        INFO(key << " in\n" << r.out);
        CHECK(r.out.find(key) != std::string::npos);
    }
}

namespace {

// `check --json [args]`: exits as asked and prints one JSON object with the documented keys.
nlohmann::json checkJson(const std::vector<std::string>& args, int expectedExit) {
    std::vector<std::string> argv{RA_BINARY, "check", "--json"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = runProcess(argv, {"DISPLAY="});
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == expectedExit);
    const nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    REQUIRE(j.is_object());
    for (const char* key : {"ok", "assets", "file", "errors", "warnings", "model", "diagnostics"})
        CHECK(j.contains(key));
    CHECK(j["ok"] == (expectedExit == 0));
    CHECK(j["diagnostics"].is_array());
    return j;
}

void checkModelKeys(const nlohmann::json& m) {
    for (const char* key : {"file", "vertices", "triangles", "joints", "regions", "height_m",
                            "bounds_m", "topology", "skinning"})
        CHECK(m.contains(key));
    for (const char* key : {"watertight", "boundary_edges", "non_manifold_edges",
                            "non_manifold_vertices", "primitives"})
        CHECK(m["topology"].contains(key));
    CHECK(m["skinning"]["max_influences"].get<int>() >= 1);
    CHECK(m["skinning"]["max_influences"].get<int>() <= 4);
    CHECK(m["skinning"]["max_weight_sum_error"].get<double>() < 1e-3);
}

}  // namespace

TEST_CASE("check --json reports the default figure with sane numbers") {
    const nlohmann::json j = checkJson({}, 0);
    CHECK(j["errors"] == 0);
    const nlohmann::json& m = j["model"];
    REQUIRE(m.is_object());
    checkModelKeys(m);
    const size_t skinVertices = m["vertices"]["skin"];
    CHECK(skinVertices > 1000);
    CHECK(m["triangles"]["skin"].get<size_t>() > 1000);
    CHECK(m["joints"].size() >= 20);
    for (const auto& name : m["joints"]) CHECK(name.is_string());
    CHECK(m["height_m"].get<double>() > 1.5);
    CHECK(m["height_m"].get<double>() < 2.0);
    CHECK(m["topology"]["watertight"] == true);
    // Regions (when the body has them): every kind known, every vertex counted at most once.
    size_t labelled = 0, labelledBones = 0;
    for (const auto& r : m["regions"]) {
        CHECK(std::set<std::string>{"neutral", "target", "caution", "no-go"}.count(r["kind"]));
        labelled += r["vertices"].get<size_t>();
        labelledBones += r["skeleton_vertices"].get<size_t>();
    }
    CHECK(labelled <= skinVertices);
    CHECK(labelledBones <= m["vertices"]["skeleton"].get<size_t>());
}

TEST_CASE("check --json --model on a foreign model lists its joints and no regions") {
    const std::string cesium = std::string(RA_TESTDATA_DIR) + "/gltf-valid/CesiumMan.glb";
    const nlohmann::json j = checkJson({"--model", cesium}, 0);
    CHECK(j["file"] == cesium);
    const nlohmann::json& m = j["model"];
    REQUIRE(m.is_object());
    checkModelKeys(m);
    CHECK(m["regions"] == nlohmann::json::array());
    REQUIRE(m["joints"].size() == 19);
    CHECK(m["joints"][0] == "Skeleton_torso_joint_1");
    CHECK(m["vertices"]["skeleton"] == 0);
    CHECK(m["height_m"].get<double>() > 1.3);
    CHECK(m["height_m"].get<double>() < 1.7);
}

TEST_CASE("check --json on a broken model exits 1 with the errors and no model") {
    const std::string bad =
        std::string(RA_TESTDATA_DIR) + "/gltf-invalid/mesh_data__index_buffer_oob.gltf";
    const nlohmann::json j = checkJson({"--model", bad}, 1);
    CHECK(j["model"].is_null());
    CHECK(j["errors"].get<int>() >= 1);
    REQUIRE_FALSE(j["diagnostics"].empty());
    CHECK(j["diagnostics"][0]["severity"] == "error");
    CHECK(j["diagnostics"][0]["file"] == bad);
}

TEST_CASE("check prints a readable model report after its summary line") {
    auto r = runProcess({RA_BINARY, "check"}, {"DISPLAY="});
    INFO(r.out << r.err);
    CHECK(r.exitCode == 0);
    for (const char* line : {"\n  vertices: ", "\n  triangles: ", "\n  joints (", "\n  regions",
                             "\n  height: ", "\n  watertight: yes", "\n  skinning: "})
        CHECK(r.out.find(line) != std::string::npos);
}

TEST_CASE("check --json counts a labelled model's layers and regions") {
    const std::string path = outPath("cli-check-labelled.glb");
    ra::core::Diagnostics diags;
    REQUIRE(ra::core::writeGlbFile(labelledModel(), path, diags));
    const nlohmann::json m = checkJson({"--model", path}, 0)["model"];
    REQUIRE(m.is_object());
    checkModelKeys(m);
    CHECK(m["vertices"] == nlohmann::json({{"skin", 8}, {"skeleton", 3}}));
    CHECK(m["triangles"] == nlohmann::json({{"skin", 12}, {"skeleton", 1}}));
    CHECK(m["joints"] == nlohmann::json({"hips", "chest"}));
    REQUIRE(m["regions"].size() == 4);
    CHECK(m["regions"][1] == nlohmann::json({{"index", 1},
                                             {"id", "thoracic_extensors"},
                                             {"name", "Thoracic extensors"},
                                             {"kind", "target"},
                                             {"vertices", 4},
                                             {"skeleton_vertices", 0}}));
    CHECK(m["regions"][2]["kind"] == "no-go");
    CHECK(m["regions"][2]["vertices"] == 4);  // the top: region 2 outweighs region 3
    CHECK(m["regions"][3]["vertices"] == 0);
    CHECK(m["height_m"] == Approx(1.0));  // the skin cube only, not the skeleton triangle
    CHECK(m["topology"]["watertight"] == true);
    CHECK(m["topology"]["primitives"].size() == 1);
    CHECK(m["skinning"]["max_influences"] == 2);
}
