// GlTestSupport: headless rendering, projection, the two-bone bar, golden comparison.
#include "gl/GlTestSupport.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <glm/gtc/quaternion.hpp>

#include "renderer/HeadlessContext.h"

namespace ra::test {
namespace fs = std::filesystem;

gfx::Renderer& testRenderer() {
    static std::unique_ptr<gfx::HeadlessContext> context;
    static std::unique_ptr<gfx::Renderer> renderer;
    if (!renderer) {
        std::string error;
        context = gfx::HeadlessContext::create(error);
        INFO(error);
        REQUIRE(context);
        core::Diagnostics diags;
        renderer = gfx::Renderer::create(diags);
        INFO(diags.str());
        REQUIRE(renderer);
    }
    return *renderer;
}

gfx::RgbaImage renderImage(const core::Scene& scene, const core::OrbitCamera& camera, int w,
                           int h) {
    gfx::Renderer& r = testRenderer();
    r.renderOffscreen(gfx::frameViewFor(scene, camera, w, h));
    return r.readPixels();
}

gfx::RgbaImage renderView(const gfx::FrameView& view) {
    gfx::Renderer& r = testRenderer();
    r.renderOffscreen(view);
    return r.readPixels();
}

void writeTestImage(const std::string& name, const gfx::RgbaImage& image) {
    const fs::path out = fs::path(RA_TEST_OUT_DIR);
    fs::create_directories(out);
    std::string error;
    const bool ok = gfx::writePng((out / (name + ".png")).string(), image, error);
    INFO(error);
    CHECK(ok);
}

glm::ivec2 project(const core::OrbitCamera& camera, glm::vec3 world, int w, int h) {
    glm::vec4 clip = camera.projection(float(w) / float(h)) * camera.view() * glm::vec4(world, 1);
    if (clip.w <= 0.0f) return {-1, -1};
    glm::vec3 ndc = glm::vec3(clip) / clip.w;
    return {int((ndc.x * 0.5f + 0.5f) * float(w)), int((0.5f - ndc.y * 0.5f) * float(h))};
}

glm::vec3 colorAt(const gfx::RgbaImage& img, glm::ivec2 p) {
    glm::vec3 sum{0.0f};
    int n = 0;
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
            int x = p.x + dx, y = p.y + dy;
            if (x < 0 || y < 0 || x >= img.width || y >= img.height) continue;
            const uint8_t* px = img.at(x, y);
            sum += glm::vec3(px[0], px[1], px[2]);
            ++n;
        }
    return n ? sum / float(n) : glm::vec3(-1.0f);
}

bool looksBlue(glm::vec3 c) {
    return c.b > c.r + 40.0f && c.b > c.g + 15.0f;
}

ImageDiff diffImages(const gfx::RgbaImage& a, const gfx::RgbaImage& b, gfx::RgbaImage* diffOut) {
    ImageDiff d;
    if (a.width != b.width || a.height != b.height) return {255, 255.0};
    if (diffOut) *diffOut = a;
    double sum = 0;
    for (size_t i = 0; i < a.pixels.size(); i += 4) {
        int m = 0;
        for (size_t c = 0; c < 3; ++c) {
            int delta = std::abs(int(a.pixels[i + c]) - int(b.pixels[i + c]));
            sum += delta;
            m = std::max(m, delta);
        }
        d.maxDiff = std::max(d.maxDiff, m);
        if (diffOut) {
            auto v = uint8_t(std::min(255, m * 4));
            diffOut->pixels[i] = v, diffOut->pixels[i + 1] = v, diffOut->pixels[i + 2] = v;
            diffOut->pixels[i + 3] = 255;
        }
    }
    d.meanDiff = sum / double(a.pixels.size() / 4 * 3);
    return d;
}

void checkGolden(const std::string& name, const gfx::RgbaImage& actual, int maxThreshold,
                 double meanThreshold) {
    const fs::path golden = fs::path(RA_SOURCE_DIR) / "tests" / "data" / "golden" / (name + ".png");
    const fs::path out = fs::path(RA_TEST_OUT_DIR);
    fs::create_directories(out);
    std::string error;
    if (const char* u = std::getenv("RA_UPDATE_GOLDENS"); u && std::string(u) == "1") {
        fs::create_directories(golden.parent_path());
        REQUIRE(gfx::writePng(golden.string(), actual, error));
        WARN("updated golden " << golden.string());
        return;
    }
    gfx::RgbaImage expected, diff;
    INFO(error);
    REQUIRE(gfx::readPng(golden.string(), expected, error));
    ImageDiff d = diffImages(actual, expected, &diff);
    INFO(name << ": max diff " << d.maxDiff << " (limit " << maxThreshold << "), mean diff "
              << d.meanDiff << " (limit " << meanThreshold << "); actual and diff in "
              << out.string());
    const bool pass = d.maxDiff <= maxThreshold && d.meanDiff <= meanThreshold;
    if (!pass) {
        gfx::writePng((out / (name + ".actual.png")).string(), actual, error);
        if (!diff.pixels.empty()) gfx::writePng((out / (name + ".diff.png")).string(), diff, error);
    }
    CHECK(pass);
}

}  // namespace ra::test

namespace ra::test {
namespace {

// Adds one side of the bar as a strip of quads from y = 0 to 1, weights blending across the knee.
void addSide(core::Primitive& p, glm::vec3 a, glm::vec3 b, glm::vec3 n) {
    const int rings = 11;
    auto base = uint32_t(p.positions.size());
    for (int i = 0; i < rings; ++i) {
        float y = float(i) / float(rings - 1);
        float w = glm::clamp((y - 0.45f) / 0.1f, 0.0f, 1.0f);  // 0: base joint, 1: top joint
        for (glm::vec3 c : {a, b}) {
            p.positions.push_back({c.x, y, c.z});
            p.normals.push_back(n);
            p.joints.push_back({0, 1, 0, 0});
            p.weights.push_back({1.0f - w, w, 0.0f, 0.0f});
        }
    }
    for (uint32_t i = 0; i + 1 < uint32_t(rings); ++i) {
        uint32_t k = base + i * 2;
        for (uint32_t idx : {k, k + 1, k + 3, k, k + 3, k + 2}) p.indices.push_back(idx);
    }
}

}  // namespace

std::shared_ptr<const core::ModelData> makeTwoBoneBar() {
    auto m = std::make_shared<core::ModelData>();
    m->sourcePath = "two-bone-bar (built in the test)";
    const float h = 0.06f;
    core::Primitive p;
    addSide(p, {-h, 0, h}, {h, 0, h}, {0, 0, 1});
    addSide(p, {h, 0, -h}, {-h, 0, -h}, {0, 0, -1});
    addSide(p, {h, 0, h}, {h, 0, -h}, {1, 0, 0});
    addSide(p, {-h, 0, -h}, {-h, 0, h}, {-1, 0, 0});
    p.material = 0;
    m->meshes.push_back({"bar", {p}});
    core::Material blue;
    blue.baseColor = {0.02f, 0.10f, 0.85f, 1.0f};
    m->materials.push_back(blue);
    m->nodes.resize(3);
    m->nodes[0].name = "bar";
    m->nodes[0].mesh = 0;
    m->nodes[0].skin = 0;
    m->nodes[1].name = "base";
    m->nodes[1].children = {2};
    m->nodes[2].name = "top";
    m->nodes[2].parent = 1;
    m->nodes[2].translation = {0.0f, 0.5f, 0.0f};
    m->roots = {0, 1};
    core::Skin skin;
    skin.joints = {1, 2};
    skin.inverseBind = {glm::mat4(1.0f), glm::mat4(1.0f)};
    skin.inverseBind[1][3] = glm::vec4(0.0f, -0.5f, 0.0f, 1.0f);
    m->skins.push_back(skin);
    core::AnimationChannel ch;
    ch.node = 2;
    ch.path = core::AnimPath::Rotation;
    ch.times = {0.0f, 1.0f};
    const float s = std::sqrt(0.5f);
    ch.values = {0, 0, 0, 1, 0, 0, s, s};  // identity, then 90 degrees about +Z (x, y, z, w)
    m->animations.push_back({"bend", {ch}, 1.0f});
    return m;
}

}  // namespace ra::test
