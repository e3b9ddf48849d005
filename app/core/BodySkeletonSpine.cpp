// BodySkeletonSpine: one vertebra (body, pedicle-lamina arch round the canal, spinous and
// transverse processes, articular pillars; the atlas and axis their own way) and the sacrum.
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "core/BodySkeletonParts.h"

namespace ra::core::skeleton {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;

// Spinous process per level: angle below the local horizontal (degrees), length, half height at
// the root and at the tip (millimetres, 1.75 m adult). C1 has only a tubercle.
struct Spinous {
    float angle, length, rootHalf, tipHalf;
};
constexpr std::array<Spinous, kVertebraCount> kSpinous = {{
    {0, 0, 0, 0},        {20, 24, 5.5f, 5},    {25, 16, 3, 3.2f}, {25, 17, 3, 3.2f},
    {25, 18, 3, 3.2f},   {22, 21, 3.2f, 3.5f}, {18, 31, 4, 4.8f}, {25, 34, 4.5f, 5},
    {35, 38, 4.5f, 5},   {45, 40, 4.5f, 5},    {55, 42, 4.5f, 5}, {60, 43, 4.5f, 5},
    {62, 44, 4.5f, 5},   {62, 44, 4.5f, 5},    {58, 42, 4.5f, 5}, {50, 40, 4.5f, 5},
    {38, 36, 5, 5.5f},   {25, 32, 6, 6.5f},    {15, 30, 7, 7.5f}, {5, 28, 8, 9},
    {3, 30, 8.5f, 9.5f}, {2, 30, 8.5f, 9.5f},  {2, 28, 8.5f, 9},  {5, 24, 7, 7.5f},
}};

// Thoracic transverse process tips: distance from the midline (mm), T1-T12.
constexpr std::array<float, 12> kThoracicTip = {37, 36, 35, 35, 34, 34, 33, 33, 32, 30, 27, 24};
// Lumbar transverse process length beyond the body's side (mm), L1-L5.
constexpr std::array<float, 5> kLumbarTip = {17, 22, 26, 23, 20};

bool isCervical(const VertebraLayout& v) {
    return v.index < 7;
}
bool isLumbar(const VertebraLayout& v) {
    return v.index >= 19;
}

void addBody(TriMesh& m, const VertebraLayout& v) {
    Blob b;
    b.centre = v.centre;
    b.axes = v.axes;
    b.radii = {0.5f * v.width, 0.5f * v.height, 0.5f * v.depth};
    b.verticalExponent = 0.35f;
    b.roundExponent = 0.85f;
    b.waist = 0.08f;
    b.segments = isCervical(v) ? 10 : isLumbar(v) ? 16 : 12;
    b.rings = 6;
    appendBlob(m, b);
}

// Pedicles and lamina: one tube from inside the body round the canal and back into the body.
void addArch(TriMesh& m, const VertebraLayout& v, float scale) {
    const float d = 0.5f * v.depth, fd = v.canalDepth, fw = v.canalHalf, b = v.archThick;
    const float h = v.height;
    TubeSpec t;
    t.segments = 6;
    t.step = 0.012f * scale;
    t.capRings = 1;
    const float a = 0.3f * h;
    auto key = [&](float x, float front, float up, float half) {
        t.keys.push_back({v.local(x, up, front), v.axes.y, half, b});
    };
    // Inside the body's back, the pedicle, the lamina's side; then the midline and back.
    const float xs[3] = {0.6f * fw, fw, 0.6f * fw};
    const float fs[3] = {-(d - 0.004f * scale), -(d + 0.45f * fd), -(d + fd + 0.4f * b)};
    const float us[3] = {0.05f * h, 0.03f * h, -0.05f * h};
    for (int i = 0; i < 3; ++i) key(xs[i], fs[i], us[i], a);
    key(0.0f, -(d + fd + b + 0.001f * scale), -0.08f * h, a * 1.1f);
    for (int i = 2; i >= 0; --i) key(-xs[i], fs[i], us[i], a);
    appendTube(m, t);
}

void addSpinous(TriMesh& m, const VertebraLayout& v, float scale) {
    const Spinous& sp = kSpinous[static_cast<size_t>(v.index)];
    const float mm = 0.001f * scale;
    const float d = 0.5f * v.depth, fd = v.canalDepth, b = v.archThick;
    const float ang = sp.angle * kPi / 180.0f;
    const glm::vec3 root = v.local(0.0f, -0.08f * v.height, -(d + fd + 0.5f * b));
    const glm::vec3 dir = -v.axes.z * std::cos(ang) - v.axes.y * std::sin(ang);
    const float len = sp.length * mm;
    const float thick = (isLumbar(v) ? 3.2f : isCervical(v) ? 2.6f : 2.8f) * mm;
    // Thoracic processes droop a little more towards their tips.
    const glm::vec3 droop = -v.axes.y * (isLumbar(v) ? 0.0f : 0.08f * len);
    TubeSpec t;
    t.segments = 6;
    t.step = 0.016f * scale;
    t.capEnd = 1.0f;
    t.capStart = 0.6f;
    t.keys = {{root, v.axes.x, thick, sp.rootHalf * mm},
              {root + dir * (0.55f * len), v.axes.x, thick, sp.rootHalf * mm},
              {root + dir * len + droop, v.axes.x, thick * 1.25f, sp.tipHalf * mm}};
    appendTube(m, t);
}

void addTransverse(TriMesh& m, const VertebraLayout& v, float s, float scale) {
    const float d = 0.5f * v.depth, fd = v.canalDepth;
    const float mm = 0.001f * scale;
    const glm::vec3 root = isCervical(v)
                               ? v.local(s * 0.9f * v.canalHalf, 0.0f, -0.6f * d)
                               : v.local(s * v.canalHalf, 0.05f * v.height, -(d + 0.45f * fd));
    const glm::vec3 tip = transverseTip(v, s);
    const float a = (isLumbar(v) ? 4.5f : 3.6f) * mm;
    const float b = (isLumbar(v) ? 2.4f : 3.4f) * mm;
    TubeSpec t;
    t.segments = 6;
    t.step = 0.016f * scale;
    t.keys = {{root, v.axes.y, a, b},
              {glm::mix(root, tip, 0.55f), v.axes.y, a * 0.9f, b * 0.9f},
              {tip, v.axes.y, a * (isLumbar(v) ? 0.85f : 1.15f), b * (isLumbar(v) ? 1.1f : 1.2f)}};
    appendTube(m, t);
}

// The articular pillar: superior and inferior facets as one upright lump behind each pedicle.
void addArticular(TriMesh& m, const VertebraLayout& v, float s, float scale) {
    Blob b;
    b.axes = v.axes;
    b.centre =
        v.local(s * (v.canalHalf + 0.0008f * scale), 0.0f, -(0.5f * v.depth + 0.6f * v.canalDepth));
    b.radii = {(isCervical(v) ? 5.0f : 4.2f) * 0.001f * scale, 0.43f * v.pitch,
               (isCervical(v) ? 5.5f : 4.5f) * 0.001f * scale};
    b.segments = 6;
    b.rings = 4;
    appendBlob(m, b);
}

// One of the atlas's lateral masses with its wide transverse process (s = +1 left, -1 right).
void addAtlasSide(TriMesh& m, const VertebraLayout& v, float s) {
    const float mm = 0.001f * v.scale;
    Blob mass;
    mass.axes = v.axes;
    mass.centre = v.local(s * 16 * mm, 0.0f, -3 * mm);
    mass.radii = {6.5f * mm, 0.45f * v.height, 9 * mm};
    mass.verticalExponent = 0.6f;
    mass.segments = 10;
    mass.rings = 5;
    appendBlob(m, mass);
    TubeSpec tp;
    tp.segments = 6;
    tp.step = 0.012f * v.scale;
    tp.keys = {{v.local(s * 17 * mm, 0, -4 * mm), v.axes.y, 4 * mm, 3.5f * mm},
               {transverseTip(v, s), v.axes.y, 4.5f * mm, 4 * mm}};
    appendTube(m, tp);
}

// An arch of the atlas from one lateral mass to the other through `points` (x, front in mm).
void addAtlasArch(TriMesh& m, const VertebraLayout& v, const float (&points)[5][2], float a,
                  float b) {
    const float mm = 0.001f * v.scale;
    TubeSpec t;
    t.segments = 6;
    t.step = 0.012f * v.scale;
    for (int i = 0; i < 5; ++i) {
        const float grow = i == 2 ? 1.15f : 1.0f;  // the tubercles at the middle
        t.keys.push_back({v.local(points[i][0] * mm, 0.0f, points[i][1] * mm), v.axes.y,
                          a * grow * mm, b * grow * mm});
    }
    appendTube(m, t);
}

// C1 has no body: two lateral masses joined by a front and a back arch, wide transverse processes.
TriMesh buildAtlas(const VertebraLayout& v) {
    TriMesh m;
    addAtlasSide(m, v, 1.0f);
    addAtlasSide(m, v, -1.0f);
    const float front[5][2] = {{15, 2}, {8, 9}, {0, 11}, {-8, 9}, {-15, 2}};
    const float back[5][2] = {{15, -8}, {14, -20}, {0, -29}, {-14, -20}, {-15, -8}};
    addAtlasArch(m, v, front, 4.5f, 2.5f);
    addAtlasArch(m, v, back, 3.5f, 2.5f);
    const float mm = 0.001f * v.scale;
    Blob tubercle;
    tubercle.axes = v.axes;
    tubercle.centre = v.local(0, 0, -31 * mm);
    tubercle.radii = glm::vec3(4.0f, 4.5f, 3.0f) * mm;
    tubercle.segments = 8;
    tubercle.rings = 4;
    appendBlob(m, tubercle);
    return m;
}

}  // namespace

glm::vec3 transverseTip(const VertebraLayout& v, float s) {
    const float mm = 0.001f * v.scale;
    const float d = 0.5f * v.depth, w = 0.5f * v.width;
    if (v.index == 0) return v.local(s * 37 * mm, 0.0f, -4 * mm);
    if (v.index < 6) return v.local(s * (w + 9 * mm), -0.1f * v.height, -0.15f * v.depth);
    if (v.index == 6) return v.local(s * (w + 15 * mm), 0.0f, -d);
    if (v.index < 19)
        return v.local(s * kThoracicTip[static_cast<size_t>(v.index - 7)] * mm, 0.15f * v.height,
                       -(d + 0.75f * v.canalDepth + 4 * mm));
    return v.local(s * (w + kLumbarTip[static_cast<size_t>(v.index - 19)] * mm), 0.0f,
                   -(d + 0.2f * v.canalDepth));
}

TriMesh buildVertebra(const VertebraLayout& v) {
    if (v.index == 0) return buildAtlas(v);
    TriMesh m;
    addBody(m, v);
    addArch(m, v, v.scale);
    addSpinous(m, v, v.scale);
    for (float s : {1.0f, -1.0f}) {
        addTransverse(m, v, s, v.scale);
        addArticular(m, v, s, v.scale);
    }
    if (v.index == 1) {  // the dens of the axis rises into the ring of the atlas
        Blob dens;
        dens.axes = v.axes;
        dens.centre = v.local(0.0f, 0.5f * v.height + 0.007f * v.scale, 0.001f * v.scale);
        dens.radii = glm::vec3(0.005f, 0.011f, 0.0055f) * v.scale;
        dens.segments = 8;
        dens.rings = 5;
        appendBlob(m, dens);
    }
    return m;
}

namespace {

// The sacrum's centre line, by arc length q from the S1 end plate: it leaves backwards at the
// sacral slope and turns forward (concave in front) towards the coccyx.
struct SacralCurve {
    glm::vec3 top{0.0f};
    float startAngle = 0.0f, endAngle = 0.0f, length = 0.0f;

    float angle(float q) const { return startAngle + (endAngle - startAngle) * q / length; }
    glm::vec3 tangent(float q) const {
        const float a = angle(q);
        return {0.0f, -std::cos(a), -std::sin(a)};
    }
    glm::vec3 back(float q) const {
        const float a = angle(q);
        return {0.0f, std::sin(a), -std::cos(a)};
    }
    glm::vec3 at(float q) const {
        constexpr int kSteps = 48;
        glm::vec3 p = top;
        const float h = q / kSteps;
        for (int i = 0; i < kSteps; ++i) p += tangent((static_cast<float>(i) + 0.5f) * h) * h;
        return p;
    }
};

}  // namespace

namespace {

float sacralHalfThickness(glm::vec2 p, float length, float mm) {
    const float lateral = std::min(1.0f, (p.x / (50 * mm)) * (p.x / (50 * mm)));
    const float top = 21 * mm - 9 * mm * lateral;
    const float f = std::clamp(1.0f - p.y / length, 0.0f, 1.0f);
    return 5 * mm + (top - 5 * mm) * std::pow(f, 1.2f);
}

// The wedge itself: an inverted triangle (alae at the top, apex below) on the curved centre line,
// its sides swept forward.
void addSacralPlate(TriMesh& m, const SacralCurve& c, float mm) {
    const glm::vec3 side(1.0f, 0.0f, 0.0f);
    PillowSpec plate;
    const float outline[][2] = {{0, 0.5f}, {-26, 1},  {-50, 3},  {-54, 12}, {-49, 30}, {-38, 52},
                                {-25, 74}, {-13, 93}, {-6, 103}, {0, 106},  {6, 103},  {13, 93},
                                {25, 74},  {38, 52},  {49, 30},  {54, 12},  {50, 3},   {26, 1}};
    for (const auto& o : outline) plate.outline.push_back(glm::vec2(o[0], o[1]) * mm);
    plate.centre = glm::vec2(0.0f, 40 * mm);
    plate.surface = [&](glm::vec2 p) {
        const float lateral = p.x / (50 * mm);
        return c.at(p.y) + side * p.x - c.back(p.y) * (12 * mm * lateral * lateral);
    };
    plate.halfThickness = [&](glm::vec2 p) { return sacralHalfThickness(p, c.length, mm); };
    plate.segments = 26;
    plate.faceRings = 2;
    plate.rimRings = 3;
    plate.rimStart = 0.8f;
    plate.normalEps = 0.5f * mm;
    appendPillow(m, plate);
}

// The median sacral crest along the back and the coccyx's three small segments below the apex.
void addCrestAndCoccyx(TriMesh& m, const SacralCurve& c, float mm) {
    const glm::vec3 side(1.0f, 0.0f, 0.0f);
    TubeSpec crest;
    crest.segments = 6;
    crest.step = 12 * mm;
    for (float q : {12.0f, 30.0f, 50.0f, 70.0f, 84.0f}) {
        const float qm = q * mm;
        const glm::vec3 at =
            c.at(qm) + c.back(qm) * (sacralHalfThickness({0.0f, qm}, c.length, mm) + 0.5f * mm);
        crest.keys.push_back({at, side, 2.2f * mm, (q < 60 ? 4.5f : 3.0f) * mm});
    }
    appendTube(m, crest);
    const float coccyx[3][2] = {{112, 7}, {121, 5.5f}, {129, 4}};  // arc length, half width
    for (const auto& seg : coccyx) {
        Blob b;
        const float q = seg[0] * mm;
        b.axes.y = -c.tangent(q);
        b.axes.x = side;
        b.axes.z = glm::cross(b.axes.x, b.axes.y);
        b.centre = c.at(q);
        b.radii = {seg[1] * mm, 4.2f * mm, 4 * mm};
        b.segments = 8;
        b.rings = 4;
        appendBlob(m, b);
    }
}

}  // namespace

TriMesh buildSacrum(const SpineLayout& spine) {
    const float mm = 0.001f * spine.scale;
    SacralCurve c;
    c.top = spine.sacrumTop;
    c.startAngle = std::atan2(-spine.sacrumAxis.z, -spine.sacrumAxis.y);
    c.endAngle = -15.0f * kPi / 180.0f;
    c.length = 106 * mm;
    TriMesh m;
    addSacralPlate(m, c, mm);
    const VertebraLayout& l5 = spine.vertebrae.back();
    Blob s1;  // the first sacral body continues the column under L5
    s1.axes.y = -spine.sacrumAxis;
    s1.axes.x = glm::vec3(1.0f, 0.0f, 0.0f);
    s1.axes.z = glm::cross(s1.axes.x, s1.axes.y);
    s1.radii = {24 * mm, 0.45f * l5.height, 0.5f * l5.depth};
    s1.centre = spine.sacrumTop - s1.axes.y * s1.radii.y;
    s1.verticalExponent = 0.35f;
    s1.roundExponent = 0.85f;
    s1.segments = 14;
    s1.rings = 7;
    appendBlob(m, s1);
    addCrestAndCoccyx(m, c, mm);
    return m;
}

}  // namespace ra::core::skeleton
