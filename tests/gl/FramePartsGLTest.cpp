// FramePartsGLTest: the shortcuts that keep a frame cheap on a software rasteriser change no
// pixel: the multisampled rectangle holds every skinned vertex, the floor patches cover the floor
// once, the shadow proxy stays closed and never bridges a gap, and a frame drawn with them matches
// one drawn whole, also when the kept floor is copied in while the shadows move.
#include <epoxy/gl.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <glm/gtc/matrix_transform.hpp>
#include <map>

#include "core/GltfLoader.h"
#include "gl/GlTestSupport.h"
#include "renderer/FloorLayout.h"
#include "renderer/FrameRegion.h"
#include "renderer/ShadowProxy.h"

using namespace ra;
using namespace ra::test;

namespace {

std::shared_ptr<const core::ModelData> loadBody() {
    core::Diagnostics diags;
    auto path = std::filesystem::path(RA_SOURCE_DIR) / "assets" / "models" / "body.glb";
    auto model = core::loadGltf(path.string(), diags);
    INFO(diags.str());
    REQUIRE(model);
    return std::make_shared<const core::ModelData>(std::move(*model));
}

core::OrbitCamera framed(const core::Scene& s, core::ViewPreset v, int w, int h) {
    core::OrbitCamera cam;
    core::Bounds b = s.worldBounds();
    cam.frame(v, b.min, b.max, float(w) / float(h));
    return cam;
}

// The skin primitive of the body (the one with the most triangles).
const core::Primitive& skinPrimitive(const core::ModelData& m) {
    const core::Primitive* best = nullptr;
    for (const auto& mesh : m.meshes)
        for (const auto& p : mesh.primitives)
            if (p.skinned() && (!best || p.indices.size() > best->indices.size())) best = &p;
    REQUIRE(best);
    return *best;
}

// Directed edge (a, b) minus (b, a) for every edge: all zero for a closed, oriented surface.
std::map<std::pair<uint32_t, uint32_t>, int> edgeBalance(const std::vector<uint32_t>& idx) {
    std::map<std::pair<uint32_t, uint32_t>, int> balance;
    for (size_t t = 0; t + 2 < idx.size(); t += 3)
        for (int e = 0; e < 3; ++e) {
            uint32_t a = idx[t + size_t(e)], b = idx[t + size_t((e + 1) % 3)];
            balance[{std::min(a, b), std::max(a, b)}] += a < b ? 1 : -1;
        }
    std::erase_if(balance, [](const auto& kv) { return kv.second == 0; });
    return balance;
}

std::unique_ptr<gfx::Renderer> wholeFrameRenderer() {
    testRenderer();  // the shared context
    core::Diagnostics diags;
    gfx::RendererOptions o;
    o.wholeFrames = true;
    auto r = gfx::Renderer::create(diags, o);
    INFO(diags.str());
    REQUIRE(r);
    return r;
}

gfx::RgbaImage draw(gfx::Renderer& r, const gfx::FrameView& v) {
    r.renderOffscreen(v);
    return r.readPixels();
}

// Multisampled and plain floor pixels agree up to rounding, but for a rare pixel on a seam
// between two floor patches, where a sample can fall between them (a few levels). A missing
// edge, a stale shadow or a cut-off limb would be far more.
void checkSame(const gfx::RgbaImage& actual, const gfx::RgbaImage& whole, const char* name) {
    gfx::RgbaImage diff;
    ImageDiff d = diffImages(actual, whole, &diff);
    INFO(name << ": max " << d.maxDiff << " mean " << d.meanDiff);
    if (d.maxDiff > 8 || d.meanDiff > 0.001) {
        writeTestImage(std::string(name) + ".actual", actual);
        writeTestImage(std::string(name) + ".whole", whole);
    }
    CHECK(d.maxDiff <= 8);
    CHECK(d.meanDiff <= 0.001);
}

}  // namespace

TEST_CASE("the scene rectangle holds every vertex the body is skinned to") {
    auto body = loadBody();
    gfx::PosedBoxes boxes;
    boxes.build(*body);
    core::Scene scene;
    scene.setModel(body);
    const int w = 640, h = 360;
    const auto cam = framed(scene, core::ViewPreset::ThreeQuarter, w, h);
    const glm::mat4 viewProj = cam.projection(float(w) / float(h)) * cam.view();
    for (double t : {0.0, 1.3, 2.7, 4.1}) {
        scene.setTime(t);
        std::vector<std::vector<glm::mat4>> joints;
        for (size_t s = 0; s < body->skins.size(); ++s)
            joints.push_back(core::jointMatrices(*body, int(s), scene.pose()));
        std::vector<gfx::PlacedBox> placed;
        REQUIRE(boxes.collect(scene.pose(), joints, placed));
        gfx::ScreenRect rect(w, h);
        for (const auto& b : placed) rect.add(b.box, viewProj * scene.modelToWorld() * b.toModel);
        const gfx::PixelRect r = rect.pixels(0, 1);
        CHECK(r.width() < w);  // it is a crop, not the whole view
        size_t outside = 0, checked = 0;
        for (const auto& node : body->nodes) {
            if (node.mesh < 0 || node.skin < 0) continue;
            for (const auto& p : body->meshes[size_t(node.mesh)].primitives) {
                if (!p.skinned()) continue;
                for (size_t i = 0; i < p.positions.size(); ++i) {
                    glm::vec3 m = core::skinPosition(p.positions[i], p.joints[i], p.weights[i],
                                                     joints[size_t(node.skin)]);
                    glm::vec4 c = viewProj * scene.modelToWorld() * glm::vec4(m, 1.0f);
                    glm::vec2 px = (glm::vec2(c) / c.w * 0.5f + 0.5f) * glm::vec2(w, h);
                    if (px.x < float(r.x0) || px.x > float(r.x1) || px.y < float(r.y0) ||
                        px.y > float(r.y1))
                        ++outside;
                    ++checked;
                }
            }
        }
        INFO("t = " << t << ": " << outside << " of " << checked << " outside");
        CHECK(checked > 1000);
        CHECK(outside == 0);
    }
}

TEST_CASE("a box reaching behind the eye makes the scene rectangle the whole view") {
    const glm::mat4 proj = glm::perspective(1.0f, 1.5f, 0.1f, 100.0f);
    gfx::ScreenRect ahead(300, 200);
    ahead.add({{-0.1f, -0.1f, -5.0f}, {0.1f, 0.1f, -4.0f}}, proj);
    const gfx::PixelRect a = ahead.pixels(2, 16);
    CHECK(a.x0 % 16 == 0);
    CHECK(a.y0 % 16 == 0);
    CHECK(a.x0 > 0);
    CHECK(a.x1 < 300);
    gfx::ScreenRect behind(300, 200);
    behind.add({{-0.1f, -0.1f, -5.0f}, {0.1f, 0.1f, 1.0f}}, proj);
    CHECK(behind.pixels(2, 16) == gfx::PixelRect{0, 0, 300, 200});
    const auto bands = gfx::bandsAround(a, 300, 200);
    long area = long(a.width()) * a.height();
    for (const auto& b : bands) area += long(b.width()) * b.height();
    CHECK(area == 300L * 200L);
}

TEST_CASE("the floor patches cover the floor but the hole, each point once") {
    const glm::vec4 footprint{-1.2f, -0.8f, 1.5f, 0.9f};
    const gfx::FloorRect hole{{-0.83f, -0.35f}, {1.17f, 0.35f}};
    const auto patches = gfx::floorPatches(footprint, 10.0f, hole);
    for (float x = -9.95f; x < 10.0f; x += 0.1f)
        for (float z = -9.95f; z < 10.0f; z += 0.1f) {
            auto in = [&](const gfx::FloorRect& r) {
                return x >= r.lo.x && x < r.hi.x && z >= r.lo.y && z < r.hi.y;
            };
            int n = 0;
            bool shaded = false;
            for (const auto& p : patches)
                if (in(p.rect)) ++n, shaded = p.shaded;
            INFO(x << ", " << z);
            REQUIRE(n == (in(hole) ? 0 : 1));
            if (n) CHECK(shaded == (x >= -1.2f && x < 1.5f && z >= -0.8f && z < 0.9f));
        }
}

TEST_CASE("the shadow proxy of the body is a quarter of it, closed, over its own vertices") {
    auto body = loadBody();
    const core::Primitive& skin = skinPrimitive(*body);
    const auto proxy = gfx::shadowProxyIndices(skin, gfx::shadowProxyCellSize(skin));
    INFO(skin.indices.size() / 3 << " triangles, proxy " << proxy.size() / 3);
    CHECK(proxy.size() * 3 < skin.indices.size());
    for (size_t t = 0; t + 2 < proxy.size(); t += 3) {
        REQUIRE(proxy[t] < skin.positions.size());
        REQUIRE(proxy[t + 1] < skin.positions.size());
        REQUIRE(proxy[t + 2] < skin.positions.size());
        REQUIRE(proxy[t] != proxy[t + 1]);
        REQUIRE(proxy[t + 1] != proxy[t + 2]);
        REQUIRE(proxy[t] != proxy[t + 2]);
    }
    // Clustering maps a closed surface to a closed one: no hole for the sun to shine through.
    if (edgeBalance(skin.indices).empty()) CHECK(edgeBalance(proxy).empty());
}

TEST_CASE("the shadow proxy never joins parts the mesh does not join") {
    // Two closed boxes 5 mm apart, far finer than the proxy's cells, each of 3072 triangles.
    core::Primitive p;
    for (float x0 : {0.0f, 0.105f}) {
        const auto base = uint32_t(p.positions.size());
        const int n = 16;
        auto id = [&](int face, int i, int j) { return base + uint32_t((face * 17 + j) * 17 + i); };
        for (int face = 0; face < 6; ++face) {
            const int axis = face / 2;
            const float side = face % 2 ? 0.1f : 0.0f;
            for (int j = 0; j <= n; ++j)
                for (int i = 0; i <= n; ++i) {
                    glm::vec3 q{0.0f};
                    q[axis] = side;
                    q[(axis + 1) % 3] = 0.1f * float(i) / float(n);
                    q[(axis + 2) % 3] = 0.1f * float(j) / float(n);
                    p.positions.push_back(q + glm::vec3(x0, 0.0f, 0.0f));
                    p.joints.push_back({0, 0, 0, 0});
                    p.weights.push_back({1, 0, 0, 0});
                }
            for (int j = 0; j < n; ++j)
                for (int i = 0; i < n; ++i)
                    for (uint32_t k : {id(face, i, j), id(face, i + 1, j), id(face, i + 1, j + 1),
                                       id(face, i, j), id(face, i + 1, j + 1), id(face, i, j + 1)})
                        p.indices.push_back(k);
        }
    }
    const auto proxy = gfx::shadowProxyIndices(p, 0.03f);
    CHECK(proxy.size() < p.indices.size());
    const uint32_t half = uint32_t(p.positions.size() / 2);
    for (size_t t = 0; t + 2 < proxy.size(); t += 3) {
        const bool first = proxy[t] < half;
        CHECK((proxy[t + 1] < half) == first);
        CHECK((proxy[t + 2] < half) == first);
    }
}

TEST_CASE("a frame drawn in parts matches the frame drawn whole") {
    auto whole = wholeFrameRenderer();
    core::Scene scene;
    scene.setModel(loadBody());
    scene.setTime(1.0);
    const int w = 480, h = 270;
    for (auto preset : {core::ViewPreset::ThreeQuarter, core::ViewPreset::Front}) {
        const auto cam = framed(scene, preset, w, h);
        gfx::FrameView v = gfx::frameViewFor(scene, cam, w, h);
        checkSame(draw(testRenderer(), v), draw(*whole, v), "parts_vs_whole");
        v.xray = true;
        checkSame(draw(testRenderer(), v), draw(*whole, v), "parts_vs_whole_xray");
        v.xray = false;
        v.msaaSamples = 1;
        checkSame(draw(testRenderer(), v), draw(*whole, v), "parts_vs_whole_1x");
    }
}

TEST_CASE("the kept floor gives the pixels of a floor drawn afresh while the shadows move") {
    // The bar stands 1.6 m tall: its shadow reaches far past the mat, out of the multisampled
    // rectangle, and sweeps over the floor as the bar bends.
    auto whole = wholeFrameRenderer();
    core::Scene scene;
    scene.setModel(makeTwoBoneBar());
    const int w = 480, h = 270;
    for (auto preset : {core::ViewPreset::ThreeQuarter, core::ViewPreset::Top})
        for (int samples : {0, 1}) {
            scene.setTime(0.0);
            const auto cam = framed(scene, preset, w, h);
            gfx::FrameView v = gfx::frameViewFor(scene, cam, w, h);
            v.msaaSamples = samples;
            draw(*whole, v);  // both fit the sun to this pose
            const auto first = draw(testRenderer(), v);
            draw(testRenderer(), v);  // the same view twice: the floor is kept from here on
            CHECK(draw(testRenderer(), v).pixels == first.pixels);
            scene.setTime(1.0);  // the bar and its shadow move; the camera does not
            const auto kept = draw(testRenderer(), v);
            checkSame(kept, draw(*whole, v), "kept_floor");
        }
}
