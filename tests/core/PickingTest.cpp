// PickingTest: the SkinPicker's tree against the linear pass over grids of rays in two poses,
// the camera's ray through a pixel, and what a pick on a scene names: the lumbar spine with its
// level from behind, the roller in front of the skin, the mat, the floor and nothing.
#include <catch2/catch.hpp>
#include <memory>

#include "BodyFixture.h"
#include "StretchFixture.h"
#include "SurfaceFixture.h"
#include "core/BodyPoses.h"
#include "core/OrbitCamera.h"
#include "core/Picking.h"
#include "core/SafetyMonitor.h"
#include "core/ScenePicker.h"
#include "core/SkinPicker.h"
#include "core/StretchMotion.h"

using namespace ra::core;

namespace {

std::shared_ptr<const StretchMotion> motion(const std::string& id) {
    const Stretch* s = test::shipped().lib.find(id);
    INFO(id);
    REQUIRE(s);
    return std::make_shared<const StretchMotion>(test::shippedSurface(), *s, Mat{},
                                                 test::shipped().lib.rangeOfMotion);
}

// The world-space skin of a built-in pose (our figures are placed by their pose alone).
std::vector<glm::vec3> posed(const std::string& name) {
    Pose pose;
    std::string error;
    REQUIRE(builtInPose(test::shippedSurface()->model(), name, {0.17f, 0.0f}, pose, error));
    std::vector<glm::vec3> skin;
    worldSkin(*test::shippedSurface(), pose, glm::mat4(1.0f), skin);
    return skin;
}

std::vector<glm::vec3> stretchSkin(const std::string& id, double t) {
    std::vector<glm::vec3> skin;
    worldSkin(*test::shippedSurface(), motion(id)->evaluate(t), skin);
    return skin;
}

// Rays through a grid of pixels of a camera framing the skin from `preset`, and straight down
// and straight along -Z (axis-aligned directions, where a slab test divides by zero).
std::vector<Ray> rayGrid(const std::vector<glm::vec3>& skin, ViewPreset preset, int n) {
    Bounds b;
    for (const glm::vec3& p : skin) b.add(p);
    OrbitCamera camera;
    camera.frame(preset, b.min, b.max, 1.5f);
    std::vector<Ray> rays;
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            const glm::vec2 f{(float(x) + 0.5f) / float(n), (float(y) + 0.5f) / float(n)};
            rays.push_back(cameraRay(camera, f * glm::vec2(300.0f, 200.0f), {300.0f, 200.0f}));
            const glm::vec3 over = glm::mix(b.min, b.max, glm::vec3(f.x, 0.0f, f.y));
            rays.push_back({over + glm::vec3(0.0f, 3.0f, 0.0f), {0.0f, -1.0f, 0.0f}});
            const glm::vec3 before = glm::mix(b.min, b.max, glm::vec3(f.x, f.y, 1.0f));
            rays.push_back({before + glm::vec3(0.0f, 0.0f, 1.0f), {0.0f, 0.0f, -1.0f}});
        }
    return rays;
}

// Every ray gives the tree exactly the linear pass's hit; returns how many rays hit.
int expectSameHits(const SkinPicker& picker, const Primitive& prim,
                   const std::vector<glm::vec3>& skin, const std::vector<Ray>& rays) {
    int hits = 0;
    for (const Ray& r : rays) {
        const SkinHit linear = pickSkin(prim, skin, r.origin, r.direction);
        const SkinHit tree = picker.cast(r.origin, r.direction);
        INFO("ray from " << r.origin.x << ", " << r.origin.y << ", " << r.origin.z << " along "
                         << r.direction.x << ", " << r.direction.y << ", " << r.direction.z);
        REQUIRE(tree.hit == linear.hit);
        if (!linear.hit) continue;
        ++hits;
        REQUIRE(tree.triangle == linear.triangle);
        REQUIRE(tree.distance == linear.distance);
        REQUIRE(tree.region == linear.region);
        REQUIRE(tree.point == linear.point);
    }
    return hits;
}

}  // namespace

TEST_CASE("the SkinPicker's tree meets exactly the triangle and region the linear pass does",
          "[pick]") {
    const std::vector<glm::vec3> prone = posed("prone");
    const std::vector<glm::vec3> rolling = stretchSkin("thoracic-extension", 10.0);
    SkinPicker picker;
    picker.update(test::shippedSurface()->skin(), prone);
    CHECK(picker.lastUpdate() == SkinPicker::Update::Built);
    CHECK(picker.triangleCount() == test::shippedSurface()->skin().indices.size() / 3);
    for (ViewPreset v : {ViewPreset::ThreeQuarter, ViewPreset::Top}) {
        const std::vector<Ray> rays = rayGrid(prone, v, 18);
        CHECK(expectSameHits(picker, test::shippedSurface()->skin(), prone, rays) >
              int(rays.size()) / 6);
    }
    // Another pose of the same triangles refits the tree built for the first.
    picker.update(test::shippedSurface()->skin(), rolling);
    CHECK(picker.lastUpdate() != SkinPicker::Update::None);
    for (ViewPreset v : {ViewPreset::Front, ViewPreset::ThreeQuarter}) {
        const std::vector<Ray> rays = rayGrid(rolling, v, 18);
        CHECK(expectSameHits(picker, test::shippedSurface()->skin(), rolling, rays) >
              int(rays.size()) / 6);
    }
    // Built afresh on that pose, it answers the same.
    SkinPicker fresh;
    fresh.build(test::shippedSurface()->skin(), rolling);
    expectSameHits(fresh, test::shippedSurface()->skin(), rolling,
                   rayGrid(rolling, ViewPreset::Back, 16));
}

TEST_CASE("a SkinPicker refits for a new pose and rebuilds for new triangles", "[pick]") {
    const std::vector<glm::vec3>& rest = test::shippedSurface()->skin().positions;
    std::vector<glm::vec3> moved = rest;
    for (glm::vec3& p : moved) p += glm::vec3(0.0f, 0.002f * p.x, 0.0f);
    SkinPicker picker;
    CHECK_FALSE(picker.cast({0, 1, 1}, {0, 0, -1}).hit);  // nothing to meet yet
    picker.update(test::shippedSurface()->skin(), rest);
    CHECK(picker.lastUpdate() == SkinPicker::Update::Built);
    picker.update(test::shippedSurface()->skin(), moved);
    CHECK(picker.lastUpdate() == SkinPicker::Update::Refitted);
    Primitive fewer = test::shippedSurface()->skin();
    fewer.indices.resize(fewer.indices.size() / 2);
    picker.update(fewer, moved);
    CHECK(picker.lastUpdate() == SkinPicker::Update::Built);
    CHECK(picker.triangleCount() == fewer.indices.size() / 3);
    expectSameHits(picker, fewer, moved, rayGrid(moved, ViewPreset::Front, 8));
}

TEST_CASE("the camera's ray through a pixel passes through what the camera draws there", "[pick]") {
    OrbitCamera camera;
    camera.frame(ViewPreset::ThreeQuarter, {-1, 0, -0.4f}, {1, 0.8f, 0.4f}, 16.0f / 9.0f);
    const glm::vec2 size{1280.0f, 720.0f};
    for (float shift : {0.0f, 0.3f}) {
        camera.setLensShift(shift);
        for (const glm::vec3& p : {glm::vec3(0.2f, 0.3f, 0.1f), glm::vec3(-0.8f, 0.05f, 0.3f)}) {
            const glm::vec4 clip =
                camera.projection(size.x / size.y) * camera.view() * glm::vec4(p, 1.0f);
            const glm::vec2 ndc = glm::vec2(clip) / clip.w;
            const glm::vec2 pixel{(ndc.x * 0.5f + 0.5f) * size.x, (0.5f - ndc.y * 0.5f) * size.y};
            const Ray r = cameraRay(camera, pixel, size);
            CHECK(glm::length(r.direction) == Approx(1.0f));
            const glm::vec3 toP = p - r.origin;
            const float off = glm::length(toP - glm::dot(toP, r.direction) * r.direction);
            INFO("lens shift " << shift);
            CHECK(off < 1e-4f);
            CHECK(glm::dot(toP, r.direction) > 0.0f);
        }
    }
}

TEST_CASE("a pick from behind the lower back names the lumbar spine, a no-go zone, and its level",
          "[pick]") {
    Scene scene;
    scene.setModel(test::shippedSurface()->modelShared());
    scene.setFixedPose(restPose(test::shippedSurface()->model()));  // standing, facing +Z
    ScenePicker picker(test::shippedSurface());
    const std::vector<glm::vec3> centres = test::shippedSurface()->vertebraCentres(scene.pose());
    glm::vec3 l3{0.0f};
    for (size_t i = 0; i < centres.size(); ++i)
        if (test::shippedSurface()->vertebrae()[i].name == "L3") l3 = centres[i];
    REQUIRE(l3.y > 0.5f);
    const PickResult back = picker.pick(scene, {l3 - glm::vec3(0.0f, 0.0f, 1.0f), {0, 0, 1}});
    CHECK(back.subject == PickSubject::Body);
    CHECK(back.regionId == "lumbar_spine");
    CHECK(back.regionName == "Lumbar spine (lower back)");
    CHECK(back.kind == RegionKind::NoGo);
    INFO("level " << back.vertebra);
    CHECK((back.vertebra == "L2" || back.vertebra == "L3" || back.vertebra == "L4"));
    CHECK(back.point.z < l3.z);
    // The same pick again needs no new skinning: the scene has not changed.
    CHECK_FALSE(picker.sync(scene));
    // Beside the body, level with it: nothing at all.
    const PickResult beside = picker.pick(scene, {l3 + glm::vec3(1.0f, 0.0f, -1.0f), {0, 0, 1}});
    CHECK(beside.subject == PickSubject::Background);
    CHECK(beside.regionId.empty());
    // Straight down beside the body onto the mat, and beyond the mat onto the floor: background.
    const Mat& mat = scene.mat();
    const glm::vec3 onMat = mat.center + glm::vec3(0.95f, 2.0f, 0.2f);
    CHECK(picker.pick(scene, {onMat, {0, -1, 0}}).subject == PickSubject::Mat);
    const PickResult floor = picker.pick(scene, {onMat + glm::vec3(0, 0, 1), {0, -1, 0}});
    CHECK(floor.subject == PickSubject::Floor);
    CHECK(floor.point.y == Approx(-mat.thickness));
    CHECK(std::string(pickSubjectName(floor.subject)) == "floor");
}

TEST_CASE("the roller hides the skin behind it, and the skin in front of it hides the roller",
          "[pick]") {
    Scene scene;
    scene.setModel(test::shippedSurface()->modelShared());
    scene.setStretch(motion("thoracic-extension"));
    scene.setTime(10.0);
    ScenePicker picker(test::shippedSurface());
    picker.sync(scene);
    // The skin the roller presses deepest: the middle of the back lying across it.
    const std::vector<glm::vec3>& skin = picker.worldPositions();
    glm::vec3 contact = skin.front();
    for (const glm::vec3& p : skin)
        if (rollerDistance(scene.roller(), p) < rollerDistance(scene.roller(), contact))
            contact = p;
    REQUIRE(std::abs(contact.z) < 0.1f);  // the roller lies across the body (along Z)
    // From low beside the mat up to that skin: in through the roller's end, which hides it.
    const glm::vec3 low = contact + glm::vec3(0.0f, -0.04f, 1.0f);
    const Ray under{low, glm::normalize(contact - low)};
    const SkinHit behind = picker.skin().cast(under.origin, under.direction);
    REQUIRE(behind.hit);
    const PickResult hidden = picker.pick(scene, under);
    CHECK(hidden.subject == PickSubject::Roller);
    CHECK(hidden.distance < behind.distance);
    const glm::vec3 rel = hidden.point - scene.roller().center;
    const float along = glm::dot(rel, scene.roller().axis);
    CHECK(std::abs(along) == Approx(scene.roller().length / 2).margin(1e-4));  // on the end cap
    CHECK(glm::length(rel - along * scene.roller().axis) < scene.roller().radius);
    // From straight above, the body lies over the roller.
    const Ray above{contact + glm::vec3(0.0f, 1.0f, 0.0f), {0.0f, -1.0f, 0.0f}};
    REQUIRE(rayRoller(scene.roller(), above) > 0.0f);
    const PickResult over = picker.pick(scene, above);
    CHECK(over.subject == PickSubject::Body);
    CHECK(over.point.y > contact.y);
    CHECK_FALSE(over.regionId.empty());
}
