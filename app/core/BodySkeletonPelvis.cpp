// BodySkeletonPelvis: the pelvis (flared iliac wings from the sacroiliac joints to the crests, the
// acetabula, the pubic and ischial rami round each obturator foramen) and both femurs.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/BodySkeletonParts.h"

namespace ra::core::skeleton {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;

// A smooth curve through control points, evaluated by a parameter t in [0, 1] (uniform per span).
struct Curve {
    std::vector<glm::vec3> samples;

    explicit Curve(const std::vector<glm::vec3>& points) : samples(smoothOpen(points, 24)) {}
    glm::vec3 at(float t) const {
        // Beyond the ends the last span is extended, so normals stay defined at overshoots.
        const float f = t * static_cast<float>(samples.size() - 1);
        const auto i =
            static_cast<size_t>(std::clamp(f, 0.0f, static_cast<float>(samples.size() - 2)));
        return glm::mix(samples[i], samples[i + 1], f - static_cast<float>(i));
    }
};

void addIlium(TriMesh& m, const SkeletonFrame& f, int side, float mm) {
    const float sx = side == 0 ? 1.0f : -1.0f;
    const glm::vec3 hip = f.hipJoint[side], top = f.iliacCrest[side], base = f.l5s1;
    auto rel = [&](const glm::vec3& o, float x, float y, float z) {
        return o + glm::vec3(sx * x, y, z) * mm;
    };
    // The crest arches from the posterior superior spine over its top to the anterior one.
    const Curve crest({{sx * 40 * mm, base.y - 10 * mm, base.z - 45 * mm},
                       {sx * 65 * mm, top.y - 30 * mm, top.z - 60 * mm},
                       {top.x - sx * 35 * mm, top.y - 5 * mm, top.z - 45 * mm},
                       top,
                       rel(top, -3, -18, 35),
                       rel(hip, 35, 70, 52)});
    // Its root: the lower sacroiliac region, the greater sciatic notch, the acetabular roof and
    // the anterior inferior spine.
    const Curve root({{sx * 47 * mm, base.y - 52 * mm, base.z - 28 * mm},
                      rel(hip, -15, 14, -42),
                      rel(hip, -4, 22, -5),
                      rel(hip, 14, 38, 38)});
    const glm::vec3 outward = glm::normalize(glm::vec3(sx, 0.0f, -0.5f));
    PillowSpec wing;
    wing.outline = {{0.0f, 0.0f}, {0.5f, 0.0f}, {1.0f, 0.0f}, {1.0f, 0.6f}, {1.0f, 1.0f},
                    {0.6f, 1.0f}, {0.3f, 1.0f}, {0.0f, 1.0f}, {0.0f, 0.6f}};
    wing.centre = {0.5f, 0.5f};
    wing.surface = [&](glm::vec2 p) {
        const float across = std::max(0.0f, std::sin(kPi * std::clamp(p.x, 0.0f, 1.0f)));
        const float bulge = std::sin(kPi * std::clamp(p.y, 0.0f, 1.0f)) * std::pow(across, 0.7f);
        return glm::mix(root.at(p.x), crest.at(p.x), p.y) + outward * (15 * mm * bulge);
    };
    wing.halfThickness = [&](glm::vec2 p) {
        const float back = (1.0f - p.x) * (1.0f - p.x);
        return mm * (2.5f + 4.0f * smooth01(0.8f, 1.0f, p.y) + 9.0f * back * (1.0f - 0.5f * p.y) +
                     7.0f * (1.0f - p.y) * (1.0f - p.y));
    };
    wing.segments = 30;
    wing.faceRings = 3;
    wing.rimRings = 3;
    wing.rimStart = 0.9f;
    wing.normalEps = 1e-3f;
    appendPillow(m, wing);
}

// The pelvic brim: sacral ala -> arcuate line of the ilium -> iliopubic eminence, so the inlet
// reads as one ring from the front and from above.
void addBrim(TriMesh& m, const SkeletonFrame& f, int side, float mm) {
    const float sx = side == 0 ? 1.0f : -1.0f;
    const glm::vec3 hip = f.hipJoint[side], base = f.l5s1;
    const glm::vec3 up(0.0f, 1.0f, 0.0f);
    TubeSpec brim;
    brim.segments = 6;
    brim.step = 15 * mm;
    brim.transport = true;
    brim.keys = {{base + glm::vec3(sx * 38, -10, 2) * mm, up, 5 * mm, 5 * mm},
                 {base + glm::vec3(sx * 62, -20, 12) * mm, up, 5 * mm, 4.5f * mm},
                 {hip + glm::vec3(-sx * 14, 30, -8) * mm, up, 4.5f * mm, 4 * mm},
                 {hip + glm::vec3(-sx * 22, 12, 28) * mm, up, 5 * mm, 5 * mm}};
    appendTube(m, brim);
}

void addHipSocketAndRami(TriMesh& m, const SkeletonFrame& f, int side, float mm) {
    const float sx = side == 0 ? 1.0f : -1.0f;
    const glm::vec3 h = f.hipJoint[side];
    Blob socket;
    socket.centre = h + glm::vec3(-sx * 9 * mm, 7 * mm, -4 * mm);
    socket.radii = glm::vec3(20, 27, 27) * mm;
    socket.segments = 12;
    socket.rings = 7;
    appendBlob(m, socket);
    auto at = [&](float x, float y, float z) {
        return glm::vec3(h.x + sx * x * mm, h.y + y * mm, h.z + z * mm);
    };
    TubeSpec ring;  // acetabulum -> superior pubic ramus -> pubic body -> ischium -> acetabulum
    ring.transport = true;
    ring.segments = 8;
    ring.step = 20 * mm;
    const glm::vec3 up(0.0f, 1.0f, 0.0f);
    ring.keys = {
        {at(-10, 2, 14), up, 9 * mm, 8 * mm},
        {{sx * 0.55f * std::abs(h.x), h.y - 12 * mm, h.z + 38 * mm}, up, 7.5f * mm, 7 * mm},
        {{sx * 17 * mm, h.y - 30 * mm, h.z + 50 * mm}, up, 8 * mm, 7 * mm},
        {{sx * 10 * mm, h.y - 56 * mm, h.z + 44 * mm}, up, 7 * mm, 6 * mm},
        {{sx * 28 * mm, h.y - 82 * mm, h.z + 18 * mm}, up, 6 * mm, 5 * mm},
        {{sx * 48 * mm, h.y - 95 * mm, h.z - 18 * mm}, up, 9 * mm, 8 * mm},
        {{sx * 58 * mm, h.y - 85 * mm, h.z - 42 * mm}, up, 12 * mm, 11 * mm},
        {at(-18, -45, -40), up, 11 * mm, 10 * mm},
        {at(-12, -8, -20), up, 12 * mm, 11 * mm}};
    appendTube(m, ring);
    Blob pubis;  // the pubic body; the two face each other across the symphysis
    pubis.centre = {sx * 10 * mm, h.y - 42 * mm, h.z + 50 * mm};
    pubis.radii = glm::vec3(7, 20, 9) * mm;
    pubis.segments = 10;
    pubis.rings = 6;
    appendBlob(m, pubis);
}

}  // namespace

TriMesh buildPelvis(const SkeletonFrame& f, const SpineLayout& spine) {
    const float mm = 0.001f * spine.scale;
    TriMesh m;
    for (int side = 0; side < 2; ++side) {
        addIlium(m, f, side, mm);
        addBrim(m, f, side, mm);
        addHipSocketAndRami(m, f, side, mm);
    }
    return m;
}

namespace {

// Head, neck and the two trochanters. `at` maps millimetre offsets from the hip joint (x lateral).
template <typename At>
void addProximalFemur(TriMesh& m, const glm::vec3& hip, At at, float mm) {
    const glm::vec3 up(0.0f, 1.0f, 0.0f);
    Blob head;
    head.centre = hip;
    head.radii = glm::vec3(23.0f * mm);
    head.segments = 14;
    head.rings = 9;
    appendBlob(m, head);
    TubeSpec neck;
    neck.segments = 10;
    neck.step = 12 * mm;
    neck.keys = {{at(8, -5, -2), up, 15 * mm, 12 * mm}, {at(40, -32, -10), up, 18 * mm, 14 * mm}};
    appendTube(m, neck);
    Blob greater;
    greater.centre = at(56, -8, -10);
    greater.radii = glm::vec3(12, 22, 17) * mm;
    greater.segments = 12;
    greater.rings = 7;
    appendBlob(m, greater);
    Blob lesser;
    lesser.centre = at(36, -58, -12);
    lesser.radii = glm::vec3(7, 9, 7) * mm;
    lesser.segments = 8;
    lesser.rings = 4;
    appendBlob(m, lesser);
}

}  // namespace

TriMesh buildFemur(const SkeletonFrame& f, int side) {
    const float mm = 0.001f * f.height / 1.75f, sx = side == 0 ? 1.0f : -1.0f;
    const glm::vec3 h = f.hipJoint[side], k = f.knee[side];
    auto fromHip = [&](float x, float y, float z) { return h + glm::vec3(sx * x, y, z) * mm; };
    auto fromKnee = [&](float x, float y, float z) { return k + glm::vec3(sx * x, y, z) * mm; };
    TriMesh m;
    addProximalFemur(m, h, fromHip, mm);
    // The shaft bows a little forward and flares into the condyles.
    const glm::vec3 side3(1.0f, 0.0f, 0.0f);
    TubeSpec shaft;
    shaft.segments = 12;
    shaft.step = 50 * mm;
    shaft.capRings = 2;
    shaft.capStart = 0.8f;
    shaft.capEnd = 0.5f;
    const glm::vec3 upper = fromHip(46, -75, -4), lower = fromKnee(0, 85, -2);
    const glm::vec3 middle = glm::mix(upper, lower, 0.5f) + glm::vec3(0.0f, 0.0f, 8 * mm);
    shaft.keys = {{fromHip(50, -20, -8), side3, 15 * mm, 15 * mm},
                  {upper, side3, 14.5f * mm, 14 * mm},
                  {middle, side3, 13 * mm, 13 * mm},
                  {lower, side3, 14 * mm, 14 * mm},
                  {fromKnee(0, 45, -6), side3, 22 * mm, 17 * mm},
                  {fromKnee(0, 25, -8), side3, 30 * mm, 21 * mm}};
    appendTube(m, shaft);
    for (float s : {1.0f, -1.0f}) {  // lateral, then medial condyle
        Blob c;
        c.centre = fromKnee(s * 21, s > 0 ? 20.0f : 19.0f, -10);
        c.radii = (s > 0 ? glm::vec3(13, 21, 27) : glm::vec3(14, 22, 27)) * mm;
        c.segments = 12;
        c.rings = 7;
        appendBlob(m, c);
    }
    return m;
}

}  // namespace ra::core::skeleton
