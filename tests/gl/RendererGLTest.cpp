// RendererGLTest: what the renderer draws, checked on pixels: props and model land where the
// camera projects them, a skinned joint rotation moves exactly the pixels it should, frames are
// deterministic, and small renders match their goldens.
#include <epoxy/gl.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "core/GltfLoader.h"
#include "gl/GlTestSupport.h"

using namespace ra;
using namespace ra::test;

namespace {

constexpr int kW = 320, kH = 200;

bool looksDark(glm::vec3 c) {
    return c.r < 90 && c.g < 90 && c.b < 100;
}
bool looksMat(glm::vec3 c) {
    return c.g > c.r + 10 && c.g > c.b;
}
bool looksBackground(glm::vec3 c) {
    return glm::all(glm::lessThan(glm::abs(c - glm::vec3(218, 225, 232)), glm::vec3(6)));
}

core::OrbitCamera framed(const core::Scene& s, core::ViewPreset v, int w = kW, int h = kH) {
    core::OrbitCamera cam;
    core::Bounds b = s.worldBounds();
    cam.frame(v, b.min, b.max, float(w) / float(h));
    return cam;
}

}  // namespace

TEST_CASE("the roller and the mat land where the camera projects them") {
    core::Scene scene;
    scene.setModel(nullptr);
    auto cam = framed(scene, core::ViewPreset::Front);
    auto img = renderImage(scene, cam, kW, kH);
    CHECK(glGetError() == GL_NO_ERROR);
    const core::Roller& r = scene.roller();
    const core::Mat& mat = scene.mat();
    glm::ivec2 rollerPx = project(cam, r.center + glm::vec3(0, 0, r.length * 0.3f), kW, kH);
    glm::ivec2 matPx = project(cam, mat.center + glm::vec3(0.75f, 0, 0.15f), kW, kH);
    glm::ivec2 skyPx{kW / 2, 2};
    INFO("roller " << rollerPx.x << "," << rollerPx.y << " mat " << matPx.x << "," << matPx.y);
    glm::vec3 rc = colorAt(img, rollerPx), mc = colorAt(img, matPx), sc = colorAt(img, skyPx);
    INFO("roller rgb " << rc.r << " " << rc.g << " " << rc.b << ", mat rgb " << mc.r << " " << mc.g
                       << " " << mc.b << ", sky rgb " << sc.r << " " << sc.g << " " << sc.b);
    CHECK(looksDark(rc));
    CHECK(looksMat(mc));
    CHECK(looksBackground(sc));
    // Just above the roller's top there is no roller.
    CHECK_FALSE(looksDark(
        colorAt(img, project(cam, r.center + glm::vec3(0, r.radius + 0.05f, 0), kW, kH))));
}

TEST_CASE("a skinned joint rotation moves the pixels of the bent part only") {
    core::Scene scene;
    scene.setModel(makeTwoBoneBar());
    scene.playing = false;
    scene.setTime(0.0);
    auto cam = framed(scene, core::ViewPreset::Front);
    auto rest = renderImage(scene, cam, kW, kH);
    scene.setTime(1.0);
    auto bent = renderImage(scene, cam, kW, kH);

    // The placement scales the 1 m bar to 1.6 m; the knee is at half height.
    glm::vec3 base = glm::vec3(scene.modelToWorld() * glm::vec4(0, 0, 0.06f, 1));
    const float s = 1.6f;
    glm::ivec2 lower = project(cam, base + glm::vec3(0, 0.25f * s, 0), kW, kH);
    glm::ivec2 upper = project(cam, base + glm::vec3(0, 0.8f * s, 0), kW, kH);
    glm::ivec2 side = project(cam, base + glm::vec3(-0.3f * s, 0.5f * s, 0), kW, kH);

    CHECK(looksBlue(colorAt(rest, lower)));
    CHECK(looksBlue(colorAt(bent, lower)));
    CHECK(looksBlue(colorAt(rest, upper)));
    CHECK_FALSE(looksBlue(colorAt(bent, upper)));
    CHECK_FALSE(looksBlue(colorAt(rest, side)));
    CHECK(looksBlue(colorAt(bent, side)));
}

TEST_CASE("the same scene, camera and time give the same pixels") {
    core::Scene scene;
    scene.setModel(makeTwoBoneBar());
    scene.setTime(0.5);
    auto cam = framed(scene, core::ViewPreset::ThreeQuarter);
    auto a = renderImage(scene, cam, kW, kH);
    auto b = renderImage(scene, cam, kW, kH);
    CHECK(a.pixels == b.pixels);
}

TEST_CASE("a zero-size frame draws nothing and raises no GL error") {
    core::Scene scene;
    gfx::FrameView v;
    v.scene = &scene;
    v.width = 0;
    v.height = 0;
    testRenderer().renderOffscreen(v);
    testRenderer().render(v);
    CHECK(glGetError() == GL_NO_ERROR);
}

TEST_CASE("the default figure renders like its golden images") {
    core::Diagnostics diags;
    auto path = std::filesystem::path(RA_SOURCE_DIR) / "assets" / "models" / "body.glb";
    auto model = core::loadGltf(path.string(), diags);
    INFO(diags.str());
    REQUIRE(model);
    core::Scene scene;
    scene.setModel(std::make_shared<const core::ModelData>(std::move(*model)));
    scene.setTime(2.0);
    for (auto [view, name] : {std::pair{core::ViewPreset::Front, "figure_front"},
                              std::pair{core::ViewPreset::ThreeQuarter, "figure_three_quarter"}}) {
        auto img = renderImage(scene, framed(scene, view, 120, 80), 120, 80);
        checkGolden(name, img, 40, 1.0);
    }
}

TEST_CASE("GPU skinning matches core::skinPosition on a real rigged file") {
    for (const char* file : {"CesiumMan.glb", "RiggedSimple.gltf", "Fox.glb", "SimpleSkin.gltf"}) {
        core::Diagnostics diags;
        auto path = std::filesystem::path(RA_TESTDATA_DIR) / "gltf-valid" / file;
        auto loaded = core::loadGltf(path.string(), diags);
        INFO(file << ": " << diags.str());
        REQUIRE(loaded);
        auto model = std::make_shared<const core::ModelData>(std::move(*loaded));
        core::Scene scene;
        scene.setModel(model);
        scene.setTime(model->animations.empty() ? 0.0 : model->animations[0].duration * 0.4);
        renderImage(scene, framed(scene, core::ViewPreset::Front, 64, 48), 64, 48);

        // The renderer's primitives are in node order; compare each skinned one with the CPU.
        size_t item = 0, compared = 0;
        float worst = 0.0f, extent = 0.0f;
        for (const auto& node : model->nodes) {
            if (node.mesh < 0) continue;
            for (const auto& prim : model->meshes[size_t(node.mesh)].primitives) {
                std::vector<glm::vec3> gpu = testRenderer().skinnedPositions(item++);
                if (!prim.skinned() || node.skin < 0) continue;
                REQUIRE(gpu.size() == prim.positions.size());
                auto joints = core::jointMatrices(*model, node.skin, scene.pose());
                for (size_t i = 0; i < gpu.size(); ++i) {
                    glm::vec3 cpu = core::skinPosition(prim.positions[i], prim.joints[i],
                                                       prim.weights[i], joints);
                    worst = std::max(worst, glm::length(cpu - gpu[i]));
                    extent = std::max(extent, glm::length(cpu));
                }
                ++compared;
            }
        }
        INFO(file << ": worst difference " << worst << " over extent " << extent);
        CHECK(compared > 0);
        CHECK(worst <= 1e-5f * std::max(1.0f, extent));
    }
}

TEST_CASE("a skin with more joints than the shader holds is drawn in its bind pose") {
    auto bar = std::make_shared<core::ModelData>(*makeTwoBoneBar());
    for (int i = 0; i < 140; ++i) {  // pad the skin far past the 128-joint array
        core::Node extra;
        extra.name = "extra_" + std::to_string(i);
        extra.parent = 1;
        bar->nodes[1].children.push_back(int(bar->nodes.size()));
        bar->nodes.push_back(extra);
        bar->skins[0].joints.push_back(int(bar->nodes.size()) - 1);
        bar->skins[0].inverseBind.push_back(glm::mat4(1.0f));
    }
    core::Scene scene;
    scene.setModel(bar);
    auto cam = framed(scene, core::ViewPreset::Front);  // framed on the straight rest pose
    scene.setTime(1.0);  // the animation bends the top joint by 90 degrees...
    auto img = renderImage(scene, cam, kW, kH);
    CHECK(glGetError() == GL_NO_ERROR);
    glm::vec3 base = glm::vec3(scene.modelToWorld() * glm::vec4(0, 0, 0.06f, 1));
    // ...but this skin cannot be animated, so the bar stands straight, whole.
    CHECK(looksBlue(colorAt(img, project(cam, base + glm::vec3(0, 0.25f * 1.6f, 0), kW, kH))));
    CHECK(looksBlue(colorAt(img, project(cam, base + glm::vec3(0, 0.8f * 1.6f, 0), kW, kH))));
}
