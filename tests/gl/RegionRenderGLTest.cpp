// RegionRenderGLTest: the anatomy marks and the x-ray view, checked on the pixels of a code-built
// labelled slab (upper-left, upper-right and lower regions) with a labelled bone inside: unflagged
// labels change nothing, each kind of region shows its colour and its cue that is not colour,
// boundaries are soft, the pulse moves only the target, the skeleton shows only in x-ray.
#include <epoxy/gl.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

#include "core/RegionStates.h"
#include "gl/GlTestSupport.h"

using namespace ra;
using namespace ra::test;
namespace rf = core::region_flag;

namespace {

constexpr int kW = 480, kH = 360;
// Region indices of the slab model; the bone's region is on the bone only.
constexpr uint8_t kNeutral = 0, kUpperLeft = 1, kUpperRight = 2, kLower = 3, kBoneRegion = 4;

struct SlabOptions {
    bool labels = true;
    bool slab = true;
    bool bone = true;
    bool doubleSided = false;
};

// A grid of quads from corner o along u and v (n x n cells), outward normal u x v, each vertex
// labelled with region(position) when `labels`; skinned to joint 0 when `skinned`.
template <typename RegionOf>
void addGrid(core::Primitive& p, glm::vec3 o, glm::vec3 u, glm::vec3 v, int n, RegionOf region,
             bool labels, bool skinned) {
    const glm::vec3 normal = glm::normalize(glm::cross(u, v));
    const auto base = uint32_t(p.positions.size());
    for (int j = 0; j <= n; ++j)
        for (int i = 0; i <= n; ++i) {
            glm::vec3 pos = o + u * (float(i) / float(n)) + v * (float(j) / float(n));
            p.positions.push_back(pos);
            p.normals.push_back(normal);
            if (skinned) {
                p.joints.push_back({0, 0, 0, 0});
                p.weights.push_back({1, 0, 0, 0});
            }
            if (labels) {
                p.regionIds.push_back({region(pos), 0, 0, 0});
                p.regionWeights.push_back({255, 0, 0, 0});
            }
        }
    const auto row = uint32_t(n + 1);
    for (uint32_t j = 0; j < uint32_t(n); ++j)
        for (uint32_t i = 0; i < uint32_t(n); ++i) {
            uint32_t k = base + j * row + i;
            for (uint32_t idx : {k, k + 1, k + row + 1, k, k + row + 1, k + row})
                p.indices.push_back(idx);
        }
}

// A closed box from lo to hi; `n` cells per side on the front (+Z) face, one on the others.
template <typename RegionOf>
core::Primitive makeBox(glm::vec3 lo, glm::vec3 hi, int n, RegionOf front, uint8_t sides,
                        bool labels, bool skinned) {
    core::Primitive p;
    const glm::vec3 s = hi - lo;
    auto side = [sides](glm::vec3) { return sides; };
    addGrid(p, {lo.x, lo.y, hi.z}, {s.x, 0, 0}, {0, s.y, 0}, n, front, labels, skinned);
    addGrid(p, {hi.x, lo.y, lo.z}, {-s.x, 0, 0}, {0, s.y, 0}, 1, side, labels, skinned);
    addGrid(p, {hi.x, lo.y, hi.z}, {0, 0, -s.z}, {0, s.y, 0}, 1, side, labels, skinned);
    addGrid(p, {lo.x, lo.y, lo.z}, {0, 0, s.z}, {0, s.y, 0}, 1, side, labels, skinned);
    addGrid(p, {lo.x, hi.y, hi.z}, {s.x, 0, 0}, {0, 0, -s.z}, 1, side, labels, skinned);
    addGrid(p, {lo.x, lo.y, lo.z}, {s.x, 0, 0}, {0, 0, s.z}, 1, side, labels, skinned);
    return p;
}

// Where the slab stands: beside the roller (which waits at x = 0 for a figure whose root is
// named "pelvis": such a model is used in scene units, as authored).
constexpr glm::vec3 kSlabOrigin{0.75f, 0.0f, 0.0f};

// The slab: 1 x 1 x 0.2 m standing on the mat, facing the front camera, skinned to the joint
// "pelvis"; its front face is split into three regions. The bone: an unskinned skeleton-layer
// bar through it, sticking out at both sides (so drawing it outside x-ray would show), a child
// of the joint (so its world transform comes through the joint). Points
// below are in slab coordinates: x in [-0.5, 0.5], y in [0, 1], the front face at z = 0.1.
std::shared_ptr<const core::ModelData> makeSlab(const SlabOptions& o = {}) {
    auto m = std::make_shared<core::ModelData>();
    m->sourcePath = "region slab (built in the test)";
    auto front = [](glm::vec3 p) {
        p -= kSlabOrigin;
        return p.y < 0.5f ? kLower : (p.x < 0.0f ? kUpperLeft : kUpperRight);
    };
    core::Primitive slab =
        makeBox(kSlabOrigin + glm::vec3(-0.5f, 0.0f, -0.1f),
                kSlabOrigin + glm::vec3(0.5f, 1.0f, 0.1f), 21, front, kNeutral, o.labels, true);
    slab.material = 0;
    auto boneRegion = [](glm::vec3) { return kBoneRegion; };
    core::Primitive bone = makeBox({-0.7f, -0.06f, -0.04f}, {0.7f, 0.06f, 0.04f}, 2, boneRegion,
                                   kBoneRegion, o.labels, false);
    m->meshes.push_back({"slab", {slab}, core::MeshLayer::Skin});
    // Without the bone, a degenerate triangle (it draws nothing) keeps the model's bounds, and
    // so the sun's shadow fit, the same.
    core::Primitive placeholder;
    placeholder.positions = {{-0.7f, -0.06f, -0.04f}, {0.7f, 0.06f, 0.04f}};
    placeholder.normals = {{0, 0, 1}, {0, 0, 1}};
    placeholder.indices = {0, 0, 1};
    m->meshes.push_back({"bone", {o.bone ? bone : placeholder}, core::MeshLayer::Skeleton});
    core::Material skin;
    skin.baseColor = {0.80f, 0.60f, 0.48f, 1.0f};
    skin.doubleSided = o.doubleSided;
    m->materials.push_back(skin);
    m->nodes.resize(3);
    m->nodes[0].name = "slab";
    m->nodes[0].mesh = o.slab ? 0 : -1;
    m->nodes[0].skin = 0;
    m->nodes[1].name = "pelvis";
    m->nodes[1].translation = kSlabOrigin + glm::vec3(0.0f, 0.25f, 0.0f);
    m->nodes[1].children = {2};
    m->nodes[2].name = "bone";
    m->nodes[2].parent = 1;
    m->nodes[2].mesh = 1;
    m->roots = {0, 1};
    core::Skin s;
    s.joints = {1};
    s.inverseBind = {glm::translate(glm::mat4(1.0f), -m->nodes[1].translation)};
    m->skins.push_back(s);
    for (auto [id, kind] :
         {std::pair{"skin", core::RegionKind::Neutral},
          std::pair{"upper_left", core::RegionKind::Target},
          std::pair{"upper_right", core::RegionKind::Caution},
          std::pair{"lower", core::RegionKind::NoGo}, std::pair{"bone", core::RegionKind::NoGo}}) {
        core::RegionInfo r;
        r.id = id;
        r.kind = kind;
        m->regions.push_back(r);
    }
    return m;
}

// The slab on the mat, framed from the front; images of it and pixels of its points.
struct SlabScene {
    core::Scene scene;
    core::OrbitCamera camera;
    int w, h;

    explicit SlabScene(const SlabOptions& o = {}, int width = kW, int height = kH)
        : w(width), h(height) {
        scene.setModel(makeSlab(o));
        scene.playing = false;
        camera.frame(core::ViewPreset::Front, world({-0.5f, 0.0f, -0.1f}),
                     world({0.5f, 1.0f, 0.1f}), float(w) / float(h));
    }
    // World position of a point in slab coordinates.
    glm::vec3 world(glm::vec3 p) const {
        return glm::vec3(scene.modelToWorld() * glm::vec4(p + kSlabOrigin, 1.0f));
    }
    glm::ivec2 px(glm::vec3 modelPoint) const { return project(camera, world(modelPoint), w, h); }
    gfx::RgbaImage render(const core::RegionStates& regions = {}, bool xray = false,
                          float effectTime = 0.0f) const {
        gfx::FrameView v = gfx::frameViewFor(scene, camera, w, h);
        v.regions = regions;
        v.xray = xray;
        v.effectTime = effectTime;
        return renderView(v);
    }
};

core::RegionStates flag(uint8_t region, uint8_t f) {
    core::RegionStates s;
    s.set({region}, f);
    return s;
}

glm::vec3 pixel(const gfx::RgbaImage& img, int x, int y) {
    const uint8_t* p = img.at(x, y);
    return {p[0], p[1], p[2]};
}

float luma(glm::vec3 c) {
    return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
}

// Mean colour over the pixels of a rectangle on the slab's front face.
glm::vec3 meanOver(const SlabScene& s, const gfx::RgbaImage& img, glm::vec2 lo, glm::vec2 hi) {
    glm::ivec2 a = s.px({lo.x, hi.y, 0.1f}), b = s.px({hi.x, lo.y, 0.1f});
    glm::vec3 sum{0.0f};
    int n = 0;
    for (int y = a.y; y <= b.y; ++y)
        for (int x = a.x; x <= b.x; ++x) sum += pixel(img, x, y), ++n;
    return n ? sum / float(n) : glm::vec3(-1.0f);
}

// Largest channel difference between two images over a rectangle of the front face.
int maxDiffOver(const SlabScene& s, const gfx::RgbaImage& a, const gfx::RgbaImage& b, glm::vec2 lo,
                glm::vec2 hi) {
    glm::ivec2 p0 = s.px({lo.x, hi.y, 0.1f}), p1 = s.px({hi.x, lo.y, 0.1f});
    int worst = 0;
    for (int y = p0.y; y <= p1.y; ++y)
        for (int x = p0.x; x <= p1.x; ++x)
            for (int c = 0; c < 3; ++c)
                worst = std::max(worst, std::abs(int(a.at(x, y)[c]) - int(b.at(x, y)[c])));
    return worst;
}

float hueDegrees(glm::vec3 c) {
    const float mx = std::max({c.r, c.g, c.b}), mn = std::min({c.r, c.g, c.b}), d = mx - mn;
    if (d < 1.0f) return -1.0f;
    float h = mx == c.r ? std::fmod((c.g - c.b) / d + 6.0f, 6.0f)
                        : (mx == c.g ? (c.b - c.r) / d + 2.0f : (c.r - c.g) / d + 4.0f);
    return h * 60.0f;
}

// Dark-to-light transitions of the luminance along image row y from x0 to x1, split at the
// midpoint of its range (a flat row has none).
int transitions(const gfx::RgbaImage& img, int y, int x0, int x1) {
    float lo = 1e9f, hi = -1e9f;
    for (int x = x0; x <= x1; ++x) {
        float l = luma(pixel(img, x, y));
        lo = std::min(lo, l), hi = std::max(hi, l);
    }
    if (hi - lo < 30.0f) return 0;
    const float mid = (lo + hi) * 0.5f;
    int count = 0;
    bool dark = luma(pixel(img, x0, y)) < mid;
    for (int x = x0 + 1; x <= x1; ++x) {
        bool d = luma(pixel(img, x, y)) < mid;
        if (dark && !d) ++count;
        dark = d;
    }
    return count;
}

// The share of image rows y0..y1 whose darkest pixel within +-4 columns of x is far darker than
// `interior`: how much of a vertical boundary at x carries a dark line.
float darkLineShare(const gfx::RgbaImage& img, int x, int y0, int y1, float interior) {
    int dark = 0, rows = 0;
    for (int y = y0; y <= y1; ++y, ++rows) {
        float darkest = 1e9f;
        for (int dx = -4; dx <= 4; ++dx) darkest = std::min(darkest, luma(pixel(img, x + dx, y)));
        if (darkest < interior * 0.5f) ++dark;
    }
    return rows ? float(dark) / float(rows) : 0.0f;
}

}  // namespace

TEST_CASE("labels without flags draw exactly like an unlabelled model", "[regions]") {
    SlabScene labelled, plain(SlabOptions{.labels = false});
    auto a = labelled.render();
    auto b = plain.render();
    CHECK(glGetError() == GL_NO_ERROR);
    CHECK(diffImages(a, b, nullptr).maxDiff == 0);
    // A flag on a region the skin does not carry, or on the bone (not drawn outside x-ray),
    // changes nothing either.
    CHECK(diffImages(labelled.render(flag(9, rf::kTarget)), b, nullptr).maxDiff == 0);
    CHECK(diffImages(labelled.render(flag(kBoneRegion, rf::kNoGo)), b, nullptr).maxDiff == 0);
    // The slab itself is there: its face is skin-coloured, not background.
    glm::vec3 face = meanOver(labelled, a, {-0.4f, 0.6f}, {-0.1f, 0.9f});
    INFO("face rgb " << face.r << " " << face.g << " " << face.b);
    CHECK(face.r > face.b + 30.0f);
}

TEST_CASE("a target region turns blue and its neighbours stay as they were", "[regions]") {
    SlabScene s;
    auto plain = s.render();
    auto target = s.render(flag(kUpperLeft, rf::kTarget));
    writeTestImage("regions_target", target);
    glm::vec3 before = meanOver(s, plain, {-0.4f, 0.6f}, {-0.1f, 0.9f});
    glm::vec3 after = meanOver(s, target, {-0.4f, 0.6f}, {-0.1f, 0.9f});
    INFO("before " << before.r << " " << before.g << " " << before.b << ", after " << after.r << " "
                   << after.g << " " << after.b);
    CHECK(looksBlue(after));
    CHECK((after.b - after.r) > (before.b - before.r) + 80.0f);
    // The other regions, a little away from the boundary, are untouched.
    CHECK(maxDiffOver(s, plain, target, {0.1f, 0.55f}, {0.45f, 0.95f}) == 0);
    CHECK(maxDiffOver(s, plain, target, {-0.45f, 0.05f}, {0.45f, 0.4f}) == 0);
}

TEST_CASE("a no-go region is vermillion with diagonal hatching at the frame's period",
          "[regions]") {
    for (int h : {240, 1080}) {
        const int w = h * 4 / 3;
        SlabScene s({}, w, h);
        auto plain = s.render();
        auto nogo = s.render(flag(kLower, rf::kNoGo));
        writeTestImage("regions_nogo_" + std::to_string(h), nogo);
        const float period = gfx::markScaleFor(h).hatchPeriod;
        // 45-degree stripes cross a horizontal line every period * sqrt(2) pixels.
        glm::ivec2 a = s.px({-0.4f, 0.25f, 0.1f}), b = s.px({0.4f, 0.25f, 0.1f});
        const float expected = float(b.x - a.x) / (period * std::sqrt(2.0f));
        const int stripes = transitions(nogo, a.y, a.x, b.x);
        INFO(h << " px tall: period " << period << ", " << stripes << " stripes over " << b.x - a.x
               << " px, expected " << expected);
        CHECK(expected >= 4.0f);
        CHECK(float(stripes) >= expected * 0.8f);
        CHECK(float(stripes) <= expected * 1.25f + 1.0f);
        CHECK(transitions(plain, a.y, a.x, b.x) == 0);
        // The stripes run diagonally (down-right in the image): a pixel matches the one d pixels
        // along the stripe far better than the one d pixels across it.
        float along = 0, across = 0;
        const int d = int(period / 2);
        glm::ivec2 lo = s.px({-0.35f, 0.4f, 0.1f}), hi = s.px({0.35f, 0.1f, 0.1f});
        for (int y = lo.y; y + d <= hi.y; ++y)
            for (int x = lo.x + d; x + d <= hi.x; ++x) {
                float l = luma(pixel(nogo, x, y));
                along += std::abs(l - luma(pixel(nogo, x + d, y + d)));
                across += std::abs(l - luma(pixel(nogo, x - d, y + d)));
            }
        INFO("difference along the stripes " << along << ", across " << across);
        CHECK(along < across * 0.35f);
        glm::vec3 mean = meanOver(s, nogo, {-0.4f, 0.1f}, {0.4f, 0.4f});
        INFO("mean rgb " << mean.r << " " << mean.g << " " << mean.b << " hue "
                         << hueDegrees(mean));
        CHECK(hueDegrees(mean) >= 10.0f);
        CHECK(hueDegrees(mean) <= 35.0f);
        CHECK(mean.r > 2.0f * mean.b + 30.0f);
    }
}

TEST_CASE("a caution region is orange inside a dashed outline", "[regions]") {
    SlabScene s;
    auto plain = s.render();
    auto caution = s.render(flag(kUpperRight, rf::kCaution));
    writeTestImage("regions_caution", caution);
    glm::vec3 inside = meanOver(s, caution, {0.1f, 0.6f}, {0.4f, 0.9f});
    INFO("inside rgb " << inside.r << " " << inside.g << " " << inside.b << " hue "
                       << hueDegrees(inside));
    CHECK(hueDegrees(inside) >= 30.0f);
    CHECK(hueDegrees(inside) <= 50.0f);
    CHECK(inside.r > inside.g + 30.0f);
    CHECK(inside.g > inside.b + 30.0f);
    // Along the boundary with the upper-left region (x = 0) a dark line comes and goes.
    const int x = s.px({0.0f, 0.75f, 0.1f}).x;
    const int y0 = s.px({0.0f, 0.95f, 0.1f}).y, y1 = s.px({0.0f, 0.55f, 0.1f}).y;
    const float share = darkLineShare(caution, x, y0, y1, luma(inside));
    INFO("dark share of the boundary " << share);
    CHECK(share >= 0.25f);
    CHECK(share <= 0.8f);
    CHECK(darkLineShare(plain, x, y0, y1, luma(inside)) == 0.0f);
}

TEST_CASE("selected and hovered regions get outlines of different weight", "[regions]") {
    SlabScene s;
    auto plain = s.render();
    auto selected = s.render(flag(kUpperLeft, rf::kSelected));
    auto hovered = s.render(flag(kUpperLeft, rf::kHovered));
    writeTestImage("regions_selected", selected);
    writeTestImage("regions_hovered", hovered);
    const int x = s.px({0.0f, 0.75f, 0.1f}).x;
    const int y0 = s.px({0.0f, 0.95f, 0.1f}).y, y1 = s.px({0.0f, 0.55f, 0.1f}).y;
    const float interior = luma(meanOver(s, plain, {-0.4f, 0.6f}, {-0.1f, 0.9f}));
    CHECK(darkLineShare(selected, x, y0, y1, interior) >= 0.95f);  // solid
    // The hover line is light: the boundary changes, but never to a dark line.
    CHECK(darkLineShare(hovered, x, y0, y1, interior) == 0.0f);
    float changed = 0;
    for (int y = y0; y <= y1; ++y) {
        float most = 0;
        for (int dx = -4; dx <= 4; ++dx)
            most = std::max(most, luma(pixel(hovered, x + dx, y)) - luma(pixel(plain, x + dx, y)));
        changed += most > 25.0f ? 1.0f : 0.0f;
    }
    CHECK(changed / float(y1 - y0 + 1) >= 0.95f);
    // Both also lift the region a little; the rest stays.
    CHECK(luma(meanOver(s, selected, {-0.4f, 0.6f}, {-0.1f, 0.9f})) > interior + 4.0f);
    CHECK(luma(meanOver(s, hovered, {-0.4f, 0.6f}, {-0.1f, 0.9f})) > interior + 2.0f);
    CHECK(maxDiffOver(s, plain, selected, {0.1f, 0.55f}, {0.45f, 0.95f}) == 0);
}

TEST_CASE("region boundaries are soft, not a one-pixel step", "[regions]") {
    SlabScene s;
    auto target = s.render(flag(kUpperLeft, rf::kTarget));
    // Blueness (b - r) along a row across the boundary at x = 0, from inside the target region
    // to inside the neutral one.
    const int y = s.px({0.0f, 0.75f, 0.1f}).y;
    const int x0 = s.px({-0.15f, 0.75f, 0.1f}).x, x1 = s.px({0.15f, 0.75f, 0.1f}).x;
    auto blueness = [&](int x) {
        glm::vec3 c = pixel(target, x, y);
        return c.b - c.r;
    };
    const float in = blueness(x0), out = blueness(x1), range = in - out;
    REQUIRE(range > 80.0f);
    int between = 0;
    float steepest = 0;
    for (int x = x0; x <= x1; ++x) {
        float t = (blueness(x) - out) / range;
        if (t > 0.15f && t < 0.85f) ++between;
        if (x > x0) steepest = std::max(steepest, std::abs(blueness(x) - blueness(x - 1)) / range);
    }
    INFO(between << " pixels between, steepest step " << steepest << " of the range");
    CHECK(between >= 3);
    CHECK(steepest < 0.5f);
}

TEST_CASE("the pulse moves the target's pixels a little and nothing else", "[regions]") {
    SlabScene s;
    auto states = flag(kUpperLeft, rf::kTarget);
    auto t0 = s.render(states, false, 0.0f);
    auto tPeak = s.render(states, false, 0.5f);  // a quarter period: the brightest
    auto tPeriod = s.render(states, false, 2.0f);
    glm::vec3 a = meanOver(s, t0, {-0.4f, 0.6f}, {-0.1f, 0.9f});
    glm::vec3 b = meanOver(s, tPeak, {-0.4f, 0.6f}, {-0.1f, 0.9f});
    INFO("blue " << a.b << " -> " << b.b);
    CHECK(b.b - a.b >= 3.0f);
    CHECK(b.b - a.b <= 30.0f);
    CHECK(maxDiffOver(s, t0, tPeak, {0.1f, 0.55f}, {0.45f, 0.95f}) == 0);
    CHECK(maxDiffOver(s, t0, tPeak, {-0.45f, 0.05f}, {0.45f, 0.4f}) == 0);
    CHECK(diffImages(t0, tPeriod, nullptr).maxDiff <= 1);
}

TEST_CASE("the skeleton shows only in x-ray, through the translucent skin", "[regions]") {
    SlabScene withBone, noBone(SlabOptions{.bone = false});
    SlabScene boneOnly(SlabOptions{.slab = false});
    auto normal = withBone.render();
    CHECK(diffImages(normal, noBone.render(), nullptr).maxDiff == 0);
    auto xray = withBone.render({}, true);
    auto xrayNoBone = noBone.render({}, true);
    auto bare = boneOnly.render({}, true);
    writeTestImage("regions_xray", xray);
    CHECK(glGetError() == GL_NO_ERROR);
    const glm::ivec2 bone = withBone.px({0.0f, 0.25f, 0.1f});
    const glm::ivec2 skin = withBone.px({0.0f, 0.75f, 0.1f});
    glm::vec3 boneX = colorAt(xray, bone), boneN = colorAt(xrayNoBone, bone);
    glm::vec3 skinX = colorAt(xray, skin), skinN = colorAt(normal, skin),
              skinBare = colorAt(bare, skin);
    INFO("x-ray bone " << boneX.r << " " << boneX.g << " " << boneX.b << ", without bone "
                       << boneN.r << " " << boneN.g << " " << boneN.b);
    INFO("skin: x-ray " << skinX.r << " " << skinX.g << " " << skinX.b << ", opaque " << skinN.r
                        << " " << skinN.g << " " << skinN.b << ", nothing " << skinBare.r << " "
                        << skinBare.g << " " << skinBare.b);
    // The bone reads as ivory through the skin, and plainly differs from the skin alone.
    CHECK(glm::length(boneX - boneN) > 40.0f);
    CHECK(boneX.r > 170.0f);
    CHECK(std::abs(boneX.r - boneX.g) < 45.0f);
    // Where there is no bone the skin is a veil: between the opaque skin and what lies behind.
    CHECK(glm::length(skinX - skinN) > 40.0f);
    CHECK(glm::length(skinX - skinBare) > 6.0f);
    CHECK(glm::length(skinX - skinBare) < glm::length(skinN - skinBare) * 0.5f);
}

TEST_CASE("x-ray blends only the nearest layer of skin", "[regions]") {
    // Two-sided skin is drawn without culling: the far wall's inner face would blend a second
    // time if the depth prepass did not keep only the nearest layer.
    SlabScene oneSided, twoSided(SlabOptions{.doubleSided = true});
    auto a = oneSided.render({}, true);
    auto b = twoSided.render({}, true);
    // Only stray pixels on the silhouette, where a back face meets the front at equal depth,
    // may differ; a second layer would change the whole face.
    int changed = 0;
    for (size_t i = 0; i < a.pixels.size(); i += 4)
        for (size_t c = 0; c < 3; ++c)
            if (std::abs(int(a.pixels[i + c]) - int(b.pixels[i + c])) > 4) {
                ++changed;
                break;
            }
    INFO(changed << " pixels differ");
    CHECK(changed <= kW * kH / 1000);
}

TEST_CASE("a flagged region on a bone shows its marks in x-ray", "[regions]") {
    SlabScene s;
    auto plain = s.render({}, true);
    auto marked = s.render(flag(kBoneRegion, rf::kNoGo), true);
    writeTestImage("regions_xray_bone_nogo", marked);
    glm::vec3 ivory = meanOver(s, plain, {-0.2f, 0.21f}, {0.2f, 0.29f});
    glm::vec3 nogo = meanOver(s, marked, {-0.2f, 0.21f}, {0.2f, 0.29f});
    INFO("bone " << ivory.r << " " << ivory.g << " " << ivory.b << " -> " << nogo.r << " " << nogo.g
                 << " " << nogo.b << " hue " << hueDegrees(nogo));
    CHECK(hueDegrees(nogo) >= 10.0f);
    CHECK(hueDegrees(nogo) <= 35.0f);
    CHECK(nogo.r - nogo.g > ivory.r - ivory.g + 40.0f);
    glm::ivec2 a = s.px({-0.2f, 0.25f, 0.1f}), b = s.px({0.2f, 0.25f, 0.1f});
    CHECK(transitions(marked, a.y, a.x, b.x) >= 3);
    CHECK(transitions(plain, a.y, a.x, b.x) == 0);
}

TEST_CASE("all marks together, in the normal and the x-ray view", "[regions]") {
    // The picture a person checks: every kind of mark at once, at a projector's size.
    SlabScene s({}, 960, 720);
    core::RegionStates st;
    st.set({kUpperLeft}, rf::kTarget | rf::kSelected);
    st.set({kUpperRight}, rf::kCaution | rf::kHovered);
    st.set({kLower}, rf::kNoGo);
    st.set({kBoneRegion}, rf::kNoGo);
    auto normal = s.render(st, false, 0.5f);
    auto xray = s.render(st, true, 0.5f);
    writeTestImage("regions_all", normal);
    writeTestImage("regions_all_xray", xray);
    CHECK(diffImages(normal, xray, nullptr).meanDiff > 5.0);
    CHECK(glGetError() == GL_NO_ERROR);
}
