// PickCommandTest: the real binary's pick against its own renders: where render marks a region
// (--highlight), pick at those pixels names that region, so pick's camera is render's; a corner
// picks nothing, --json is one object, and a bad --at is a usage error naming it.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "e2e/Process.h"
#include "renderer/ImageIO.h"

using namespace ra::test;
namespace fs = std::filesystem;

namespace {

ra::gfx::RgbaImage render(const std::vector<std::string>& scene, const std::string& name) {
    std::vector<std::string> argv{RA_BINARY, "render", "--out", outPath(name)};
    argv.insert(argv.end(), scene.begin(), scene.end());
    auto r = runProcess(argv, {"DISPLAY="});
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    ra::gfx::RgbaImage img;
    std::string error;
    INFO(error);
    REQUIRE(ra::gfx::readPng(outPath(name), img, error));
    return img;
}

bool changed(const ra::gfx::RgbaImage& a, const ra::gfx::RgbaImage& b, int x, int y) {
    if (x < 0 || y < 0 || x >= a.width || y >= a.height) return false;
    int d = 0;
    for (int c = 0; c < 3; ++c) d += std::abs(int(a.at(x, y)[c]) - int(b.at(x, y)[c]));
    return d > 24;
}

// Pixels inside the marks one render has and the other lacks: changed, and so is every pixel
// within `margin` of them (the marks' soft edges and outlines reach a little past the region).
std::vector<std::pair<int, int>> insideMarks(const ra::gfx::RgbaImage& marked,
                                             const ra::gfx::RgbaImage& plain, int margin) {
    REQUIRE(marked.width == plain.width);
    REQUIRE(marked.height == plain.height);
    std::vector<std::pair<int, int>> out;
    for (int y = 0; y < marked.height; ++y)
        for (int x = 0; x < marked.width; ++x) {
            bool inside = true;
            for (int dy = -margin; dy <= margin && inside; ++dy)
                for (int dx = -margin; dx <= margin && inside; ++dx)
                    inside = changed(marked, plain, x + dx, y + dy);
            if (inside) out.push_back({x, y});
        }
    return out;
}

ProcessResult pick(const std::vector<std::string>& scene, int x, int y, bool json = false) {
    std::vector<std::string> argv{RA_BINARY, "pick", "--at",
                                  std::to_string(x) + "," + std::to_string(y)};
    argv.insert(argv.end(), scene.begin(), scene.end());
    if (json) argv.push_back("--json");
    return runProcess(argv, {"DISPLAY="});
}

// Picks a few pixels spread over the marks of `region` in the render of `scene` and expects
// each to name it; returns the last pick's output line.
std::string expectPicksInsideMarks(const std::vector<std::string>& scene, const std::string& region,
                                   const std::string& file) {
    std::vector<std::string> marked = scene;
    marked.insert(marked.end(), {"--highlight", region});
    const auto inside =
        insideMarks(render(marked, file + "-marked.png"), render(scene, file + "-plain.png"), 2);
    INFO(region << ": " << inside.size() << " pixels inside its marks");
    REQUIRE(inside.size() >= 3);
    std::string line;
    for (size_t i : {size_t(0), inside.size() / 2, inside.size() - 1}) {
        const auto [x, y] = inside[i];
        auto r = pick(scene, x, y);
        INFO("pick at " << x << "," << y << ": " << r.out << r.err);
        REQUIRE(r.exitCode == 0);
        CHECK(r.out.rfind(region + "  ", 0) == 0);
        line = r.out;
    }
    return line;
}

}  // namespace

TEST_CASE("pick names the region render marks at the same pixel, in a stretch and a pose",
          "[pick]") {
    // The thoracic extension from three-quarters: the front of the thighs, a target elsewhere.
    const std::vector<std::string> stretch{
        "--stretch", "thoracic-extension", "--time", "10", "--size", "480x270"};
    const std::string thigh = expectPicksInsideMarks(stretch, "quadriceps", "pick-stretch");
    CHECK(thigh.find("Quadriceps  target") != std::string::npos);
    // Standing, from behind, in a wide frame: the lower back, a small no-go zone, with its level.
    const std::vector<std::string> pose{"--pose", "rest", "--view", "back", "--size", "400x300"};
    const std::string back = expectPicksInsideMarks(pose, "lumbar_spine", "pick-pose");
    CHECK(back.find("Lumbar spine (lower back)  no-go  L") != std::string::npos);
}

TEST_CASE("pick at a corner meets nothing, and --json says so in one object", "[pick]") {
    const std::vector<std::string> scene{
        "--stretch", "thoracic-extension", "--time", "10", "--size", "480x270"};
    auto r = pick(scene, 0, 0);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.rfind("nothing (", 0) == 0);
    auto j = pick(scene, 479, 0, true);
    INFO(j.err);
    REQUIRE(j.exitCode == 0);
    const nlohmann::json o = nlohmann::json::parse(j.out);
    CHECK(o.at("at") == nlohmann::json::array({479, 0}));
    CHECK(o.at("size") == nlohmann::json::array({480, 270}));
    CHECK(o.at("stretch") == "thoracic-extension");
    CHECK(o.at("region").is_null());
    CHECK(o.at("hit") != "body");
    CHECK(o.at("hit") != "roller");
}

TEST_CASE("pick --json on the body gives region, name, kind, level and the world point", "[pick]") {
    auto j = pick({"--pose", "rest", "--view", "back", "--size", "640x360"}, 347, 160, true);
    INFO(j.err);
    REQUIRE(j.exitCode == 0);
    const nlohmann::json o = nlohmann::json::parse(j.out);
    CHECK(o.at("hit") == "body");
    CHECK(o.at("region") == "lumbar_spine");
    CHECK(o.at("kind") == "no-go");
    CHECK(o.at("vertebra").get<std::string>().rfind("L", 0) == 0);
    CHECK(o.at("point").size() == 3);
    CHECK(o.at("distance").get<double>() > 0.5);
}

TEST_CASE("a bad or missing --at is a usage error that names it", "[pick]") {
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"--at", "12x5"},
                                               {"--at", "-1,5"},
                                               {"--at", "640,720"},
                                               {"--at", "100,100", "--size", "64x64"},
                                               {}}) {
        std::vector<std::string> argv{RA_BINARY, "pick"};
        argv.insert(argv.end(), args.begin(), args.end());
        auto r = runProcess(argv);
        INFO(r.err);
        CHECK(r.exitCode == 2);
        CHECK(r.err.find("--at") != std::string::npos);
        CHECK(r.out.empty());
    }
}
