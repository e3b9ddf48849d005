// SceneTest: the scene props (roller, mat, floor), the orbit camera and the scene clock, without
// GL.
#include <catch2/catch.hpp>
#include <glm/gtc/constants.hpp>

#include "core/OrbitCamera.h"
#include "core/Scene.h"
#include "core/Shapes.h"

using namespace ra::core;

namespace {

// Every triangle's winding (counter-clockwise = front) must agree with its vertex normals, or
// back-face culling would cut holes in the mesh.
int inwardTriangles(const Primitive& p) {
    int bad = 0;
    for (size_t i = 0; i + 2 < p.indices.size(); i += 3) {
        glm::vec3 a = p.positions[p.indices[i]], b = p.positions[p.indices[i + 1]],
                  c = p.positions[p.indices[i + 2]];
        glm::vec3 face = glm::cross(b - a, c - a);
        if (glm::length(face) < 1e-9f) continue;
        glm::vec3 n =
            p.normals[p.indices[i]] + p.normals[p.indices[i + 1]] + p.normals[p.indices[i + 2]];
        bad += glm::dot(face, n) <= 0.0f;
    }
    return bad;
}

}  // namespace

TEST_CASE("the roller is 15 cm across and 90 cm long, wound outward") {
    Primitive r = makeRoller(0.075f, 0.9f);
    Bounds b;
    for (auto p : r.positions) b.add(p);
    CHECK(b.size().x == Approx(0.15f).margin(1e-4));
    CHECK(b.size().y == Approx(0.15f).margin(1e-4));
    CHECK(b.size().z == Approx(0.9f).margin(1e-4));
    CHECK(inwardTriangles(r) == 0);
    for (auto i : r.indices) REQUIRE(i < r.positions.size());
}

TEST_CASE("the mat and the floor are wound outward, the mat top at the floor level") {
    Primitive mat = makeMat(2.0f, 0.7f, 0.006f);
    CHECK(inwardTriangles(mat) == 0);
    Bounds b;
    for (auto p : mat.positions) b.add(p);
    CHECK(b.max.y == Approx(0.0f));
    CHECK(b.min.y == Approx(-0.006f));
    CHECK(inwardTriangles(makeFloorPatch({-1, -1}, {1, 1}, -0.006f)) == 0);
    Primitive patch = makeFloorPatch({-1, -2}, {3, 2}, 0.0f);
    // UVs are world metres, so patches continue each other's grid.
    for (size_t i = 0; i < patch.positions.size(); ++i)
        CHECK(patch.uvs[i] == glm::vec2(patch.positions[i].x, patch.positions[i].z));
}

TEST_CASE("view presets look from the named side of the mat") {
    OrbitCamera cam;
    cam.frame(ViewPreset::Front, glm::vec3(-1), glm::vec3(1), 16.0f / 9.0f);
    CHECK(cam.eye().z > 1.0f);
    cam.frame(ViewPreset::Left, glm::vec3(-1), glm::vec3(1), 16.0f / 9.0f);
    CHECK(cam.eye().x < -1.0f);
    cam.frame(ViewPreset::Top, glm::vec3(-1), glm::vec3(1), 16.0f / 9.0f);
    CHECK(cam.eye().y > 1.0f);
    CHECK(viewPresetFromName("three-quarter") == ViewPreset::ThreeQuarter);
    CHECK_FALSE(viewPresetFromName("sideways"));
}

TEST_CASE("framing fits every corner of the box inside the picture") {
    const glm::vec3 lo{-1.0f, 0.0f, -0.35f}, hi{1.2f, 0.8f, 0.35f};
    for (float aspect : {0.5f, 1.0f, 16.0f / 9.0f, 3.0f}) {
        for (auto preset :
             {ViewPreset::Front, ViewPreset::Left, ViewPreset::Top, ViewPreset::ThreeQuarter}) {
            OrbitCamera cam;
            cam.frame(preset, lo, hi, aspect);
            glm::mat4 vp = cam.projection(aspect) * cam.view();
            float maxNdc = 0.0f;
            for (int i = 0; i < 8; ++i) {
                glm::vec3 c{(i & 1) ? hi.x : lo.x, (i & 2) ? hi.y : lo.y, (i & 4) ? hi.z : lo.z};
                glm::vec4 clip = vp * glm::vec4(c, 1.0f);
                maxNdc = std::max({maxNdc, std::abs(clip.x / clip.w), std::abs(clip.y / clip.w)});
            }
            INFO("aspect " << aspect << " preset " << viewPresetName(preset));
            CHECK(maxNdc <= 1.0f);
            CHECK(maxNdc > 0.75f);  // and it is not framed loosely
        }
    }
}

TEST_CASE("orbit, pan and zoom move the camera and keep it above the floor's horizon") {
    OrbitCamera cam;
    cam.frame(ViewPreset::Front, glm::vec3(-1), glm::vec3(1), 1.5f);
    const glm::vec3 eye0 = cam.eye();
    cam.orbit(100.0f, 0.0f);
    CHECK(glm::distance(cam.eye(), eye0) > 0.5f);
    CHECK(glm::distance(cam.target(), glm::vec3(0)) < 1e-5f);
    cam.orbit(0.0f, 10000.0f);
    CHECK(cam.pitchDegrees() <= 89.0f);
    cam.orbit(0.0f, -10000.0f);
    CHECK(cam.pitchDegrees() >= -5.0f);
    const float d = cam.distance();
    cam.zoom(2.0f);
    CHECK(cam.distance() < d);
    cam.pan(50.0f, 0.0f, 500.0f);
    CHECK(glm::distance(cam.target(), glm::vec3(0)) > 0.01f);
}

TEST_CASE("the scene clock is deterministic and wraps at the end of the clip") {
    auto m = std::make_shared<ModelData>();
    m->nodes.resize(1);
    m->nodes[0].name = "pelvis";
    m->roots = {0};
    AnimationChannel ch;
    ch.node = 0;
    ch.path = AnimPath::Translation;
    ch.times = {0.0f, 4.0f};
    ch.values = {0, 0, 0, 0.2f, 0, 0};
    m->animations.push_back({"demo", {ch}, 4.0f});
    Scene s;
    s.setModel(m);
    CHECK(s.duration() == Approx(4.0));
    s.setTime(2.0);
    // The body travelled 0.1 m: the roller rolled half of it, turning by (d/2)/r, no slip.
    CHECK(s.roller().center.x == Approx(0.05f).margin(1e-5));
    CHECK(s.roller().angle == Approx(-0.05f / 0.075f).margin(1e-5));
    s.playing = true;
    s.setTime(3.9);
    s.update(0.2);
    CHECK(s.time() == Approx(0.1).margin(1e-6));
    s.playing = false;
    s.update(1.0);
    CHECK(s.time() == Approx(0.1).margin(1e-6));
    // Without loop the clock stops on the last frame and playing ends.
    s.loop = false;
    s.playing = true;
    s.setTime(3.9);
    s.update(0.2);
    CHECK(s.time() == Approx(4.0));
    CHECK_FALSE(s.playing);
}
