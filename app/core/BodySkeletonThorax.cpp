// BodySkeletonThorax: the rib cage (twelve pairs of ribs swept round a barrel-shaped hoop per
// level, true ribs' cartilages reaching the sternum, 8-10 joining the cartilage above, 11-12
// floating), the sternum and the shoulder blades resting on the back of the cage.
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "core/BodySkeletonParts.h"

namespace ra::core::skeleton {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;

// Per rib 1-12: outer half-width as a share of the cage's, and how far the rib descends from its
// head to its front end (mm, 1.75 m adult).
constexpr std::array<float, 12> kHalfWidth = {0.50f,  0.64f, 0.75f, 0.84f, 0.90f, 0.95f,
                                              0.985f, 1.0f,  0.99f, 0.96f, 0.91f, 0.80f};
constexpr std::array<float, 12> kDrop = {20, 40, 55, 66, 74, 80, 84, 86, 82, 74, 55, 40};
// Ribs 1-10: where the bone turns into cartilage, as a share of the cage's half-width.
constexpr std::array<float, 10> kCartilageX = {0.30f, 0.36f, 0.43f, 0.50f, 0.57f,
                                               0.64f, 0.70f, 0.77f, 0.82f, 0.86f};
// Ribs 1-7: where the cartilage meets the sternum, as a share of the sternum's length.
constexpr std::array<float, 7> kSternalAt = {0.07f, 0.25f, 0.41f, 0.55f, 0.68f, 0.79f, 0.87f};
// The sternum's half-width (mm) along its length: manubrium, body, xiphoid.
constexpr float kSternumShape[][2] = {{0.0f, 24},     {0.12f, 27},   {0.25f, 15},
                                      {0.35f, 15.5f}, {0.55f, 17},   {0.75f, 16.5f},
                                      {0.86f, 12},    {0.93f, 6.5f}, {0.98f, 3.5f}};
constexpr float kBackExponent = 2.8f;  // the back of the cage is flatter than an ellipse
constexpr float kFrontExponent = 2.2f;

float sternumHalfWidth(float f, float mm) {
    constexpr size_t n = std::size(kSternumShape);
    for (size_t i = 0; i + 1 < n; ++i)
        if (f <= kSternumShape[i + 1][0]) {
            const float t =
                (f - kSternumShape[i][0]) / (kSternumShape[i + 1][0] - kSternumShape[i][0]);
            return mm * (kSternumShape[i][1] + t * (kSternumShape[i + 1][1] - kSternumShape[i][1]));
        }
    return mm * kSternumShape[n - 1][1];
}

// The sternum's line, extended below the xiphoid for the cage's front at lower levels.
glm::vec3 sternumAt(const SkeletonFrame& f, float t) {
    return glm::mix(f.sternumTop, f.sternumBottom, t);
}
float sternumZ(const SkeletonFrame& f, float y) {
    const float t = (f.sternumTop.y - y) / (f.sternumTop.y - f.sternumBottom.y);
    return sternumAt(f, t).z;
}

float superPow(float v, float n) {
    return std::copysign(std::pow(std::abs(v), 2.0f / n), v);
}

// One level's hoop: a horizontal superellipse round the cage, flatter behind than in front.
struct Hoop {
    float a = 0.1f;      // centreline half-width
    float zMid = 0.0f;   // where the rib is widest
    float back = 0.1f;   // semi-axis behind zMid
    float front = 0.1f;  // semi-axis in front of zMid

    glm::vec2 at(float theta) const {  // theta 0 behind the spine, pi at the sternum: (x, z)
        const float c = std::cos(theta);
        const float z = c > 0.0f ? zMid - back * superPow(c, kBackExponent)
                                 : zMid - front * superPow(c, kFrontExponent);
        return {a * superPow(std::sin(theta), c > 0.0f ? kBackExponent : kFrontExponent), z};
    }
    float frontAtX(float x) const {  // z of the hoop's front half at x
        const float f = std::max(0.0f, 1.0f - std::pow(std::abs(x) / a, kFrontExponent));
        return zMid + front * std::pow(f, 1.0f / kFrontExponent);
    }
    float thetaAtX(float x, bool frontHalf) const {
        const float s = std::pow(std::clamp(x / a, 0.0f, 1.0f),
                                 0.5f * (frontHalf ? kFrontExponent : kBackExponent));
        const float t = std::asin(std::min(s, 1.0f));
        return frontHalf ? kPi - t : t;
    }
};

Hoop hoopFor(const SkeletonFrame& f, const VertebraLayout& v, int k, float frontY) {
    const float mm = 0.001f * v.scale;
    Hoop h;
    h.a = f.ribCageHalfWidth * kHalfWidth[static_cast<size_t>(k - 1)] - 3.5f * mm;
    // The rib angles lie a little behind the transverse processes' tips.
    const float zBack = transverseTip(v, 1.0f).z - 9 * mm;
    const float zFront = sternumZ(f, frontY);
    h.zMid = zBack + 0.45f * (zFront - zBack);
    h.back = h.zMid - zBack;
    h.front = zFront - h.zMid;
    return h;
}

glm::vec3 radialHint(const glm::vec3& p, const Hoop& h) {
    return glm::normalize(glm::vec3(p.x, 0.0f, p.z - h.zMid));
}

// The bony rib: head, tubercle (in front of the transverse process), then round its hoop down
// to the costochondral junction (ribs 1-10) or the free tip (11, 12). Gives back the hoop.
void boneKeys(const SkeletonFrame& f, const VertebraLayout& v, int k, float sx, RibPlan& plan,
              Hoop& hoop) {
    const float mm = 0.001f * v.scale;
    const float drop = kDrop[static_cast<size_t>(k - 1)] * mm;
    const glm::vec3 head =
        v.local(sx * (0.5f * v.width + 1.0f * mm), 0.35f * v.height, -0.25f * v.depth);
    const glm::vec3 tubercle = transverseTip(v, sx) + v.axes.z * (6 * mm) - v.axes.y * (2 * mm);
    const bool floating = k >= 11;
    const float frontY = head.y - drop;
    hoop = hoopFor(f, v, k, frontY);
    float thetaEnd = 0.0f;
    if (k == 12)
        thetaEnd = hoop.thetaAtX(0.86f * hoop.a, false);
    else if (k == 11)
        thetaEnd = 0.5f * kPi + 0.3f;
    else
        thetaEnd =
            hoop.thetaAtX(f.ribCageHalfWidth * kCartilageX[static_cast<size_t>(k - 1)], true);
    const float thetaStart =
        hoop.thetaAtX(std::max(std::abs(tubercle.x) + 24 * mm, 0.42f * hoop.a), false);
    plan.head = head;
    const glm::vec3 up(0.0f, 1.0f, 0.0f);
    const bool flatFirst = k == 1;  // the first rib lies flat, its broad faces up and down
    auto hintAt = [&](const glm::vec3& p) { return flatFirst ? up : radialHint(p, hoop); };
    plan.keys.push_back({head, hintAt(head), 5.0f * mm, 5.0f * mm});
    plan.keys.push_back({tubercle, hintAt(tubercle), 4.2f * mm, 5.2f * mm});
    const int count = floating ? (k == 12 ? 3 : 4) : 6;
    // Past the tubercle the rib only descends, slowly at first (no hump at its angle).
    const float yStart = std::min(tubercle.y, head.y - 0.06f * drop) - 0.04f * drop;
    const float yEnd = head.y - drop;
    for (int i = 0; i < count; ++i) {
        const float t = static_cast<float>(i) / static_cast<float>(count - 1);
        const float theta = thetaStart + (thetaEnd - thetaStart) * t;
        const glm::vec2 xz = hoop.at(theta);
        const glm::vec3 p(sx * xz.x, yStart + (yEnd - yStart) * std::pow(t, 1.25f), xz.y);
        const float taper = floating ? 1.0f - 0.35f * t : 1.0f;
        const float thin = flatFirst ? 3.2f : 3.5f, broad = flatFirst ? 7.5f : 6.5f;
        plan.keys.push_back({p, hintAt(p), thin * mm * taper, broad * mm * taper});
    }
}

}  // namespace

namespace {

// The costal cartilage from the bone's end: ribs 1-7 to the sternum's edge, 8-10 onto the
// cartilage of the rib above (its middle key, `above`). Returns this cartilage's middle key.
glm::vec3 addCartilage(const SkeletonFrame& f, const Hoop& hoop, int k, float sx,
                       const glm::vec3& above, RibPlan& plan, float mm) {
    const glm::vec3 bone = plan.keys.back().pos;
    glm::vec3 end = above + glm::vec3(0.0f, -4.5f * mm, -1.5f * mm);
    if (k <= 7) {
        const float t = kSternalAt[static_cast<size_t>(k - 1)];
        const glm::vec3 s = sternumAt(f, t);
        end = glm::vec3(sx * (sternumHalfWidth(t, mm) - 2.0f * mm), s.y, s.z - 2.0f * mm);
    }
    // It dips below the chord before rising to its end: the lower ones make the costal margin.
    glm::vec3 mid = glm::mix(bone, end, 0.5f);
    mid.y = std::min(bone.y, end.y) + 0.25f * std::abs(end.y - bone.y);
    mid.z = std::max(mid.z, std::min(hoop.frontAtX(mid.x), sternumZ(f, mid.y)));
    plan.keys.push_back({mid, radialHint(mid, hoop), 3.6f * mm, 5.5f * mm});
    plan.keys.push_back({end, radialHint(end, hoop), 3.4f * mm, 5.0f * mm});
    return mid;
}

}  // namespace

RibCage planRibCage(const SkeletonFrame& f, const SpineLayout& spine) {
    RibCage cage;
    const float mm = 0.001f * spine.scale;
    for (int side = 0; side < 2; ++side) {
        const float sx = side == 0 ? 1.0f : -1.0f;
        glm::vec3 above(0.0f);
        for (int k = 1; k <= 12; ++k) {
            const VertebraLayout& v = spine.vertebrae[static_cast<size_t>(6 + k)];
            RibPlan& plan = cage.ribs[side][k - 1];
            Hoop hoop;
            boneKeys(f, v, k, sx, plan, hoop);
            if (k <= 10) above = addCartilage(f, hoop, k, sx, above, plan, mm);
        }
    }
    return cage;
}

TriMesh buildRib(const RibPlan& plan, float scale) {
    TubeSpec t;
    t.keys = plan.keys;
    t.segments = 8;
    t.step = 0.024f * scale;
    t.capStart = 0.8f;
    t.capEnd = 0.8f;
    TriMesh m;
    appendTube(m, t);
    return m;
}

TriMesh buildSternum(const SkeletonFrame& f, const SpineLayout& spine) {
    const float mm = 0.001f * spine.scale;
    const glm::vec3 down = glm::normalize(f.sternumBottom - f.sternumTop);
    const glm::vec3 front = glm::normalize(glm::cross(down, glm::vec3(1.0f, 0.0f, 0.0f)));
    TubeSpec t;
    t.segments = 10;
    t.step = 0.016f * spine.scale;
    t.exponent = 3.0f;
    t.capStart = 0.6f;
    t.capEnd = 1.0f;
    t.capRings = 2;
    for (const auto& s : kSternumShape) {
        const float thick = s[0] < 0.25f ? 6.5f : s[0] < 0.87f ? 5.0f : 2.8f;
        t.keys.push_back({sternumAt(f, s[0]), front, thick * mm, sternumHalfWidth(s[0], mm)});
    }
    TriMesh m;
    appendTube(m, t);
    return m;
}

namespace {

// The back surface of the rib cage (the ribs' outer face) at x, y, from the hoops of the two
// nearest rib levels.
float cageBackZ(const SkeletonFrame& f, const SpineLayout& spine, float x, float y) {
    const float mm = 0.001f * spine.scale;
    auto levelZ = [&](int k, float& yk) {
        const VertebraLayout& v = spine.vertebrae[static_cast<size_t>(6 + k)];
        yk = v.centre.y;
        const Hoop h = hoopFor(f, v, k, yk - kDrop[static_cast<size_t>(k - 1)] * mm);
        return h.at(h.thetaAtX(std::abs(x), false)).y - 3.5f * mm;
    };
    float yPrev = 0.0f, zPrev = levelZ(1, yPrev);
    if (y >= yPrev) return zPrev;
    for (int k = 2; k <= 12; ++k) {
        float yk = 0.0f;
        const float zk = levelZ(k, yk);
        if (y >= yk) return zPrev + (zk - zPrev) * (yPrev - y) / (yPrev - yk);
        yPrev = yk;
        zPrev = zk;
    }
    return zPrev;
}

// Scapula outline (mm, for a 96 mm span from the medial border to the glenoid's neck): u lateral
// from the medial border, v down from the superior angle.
constexpr float kBlade[][2] = {{6, 0},     {1, -18},   {-1, -42},  {3, -80},  {9, -115}, {17, -140},
                               {25, -155}, {35, -150}, {50, -125}, {66, -90}, {80, -55}, {90, -26},
                               {95, -12},  {97, 4},    {86, 12},   {62, 12},  {36, 9},   {16, 5}};

struct Blade {
    float sx = 1.0f, xMedial = 0.0f, yTop = 0.0f, span = 0.0f, slope = 0.0f;
    glm::vec3 neck{0.0f};
    const SkeletonFrame* frame = nullptr;
    const SpineLayout* spine = nullptr;
    float clearance = 0.0f;

    // Mid-surface: follows the cage at the medial border and bends forward to the glenoid's neck.
    glm::vec3 at(glm::vec2 p) const {
        const float y = yTop + p.y;
        const float z0 = cageBackZ(*frame, *spine, xMedial, y) - clearance;
        const float curve = (neck.z - z0 - slope * span) / (span * span);
        return {sx * (xMedial + p.x), y, z0 + slope * p.x + curve * p.x * p.x};
    }
    glm::vec3 backNormal(glm::vec2 p) const {
        const float e = 0.002f;
        const glm::vec3 n =
            glm::normalize(glm::cross(at(p + glm::vec2(e, 0)) - at(p - glm::vec2(e, 0)),
                                      at(p + glm::vec2(0, e)) - at(p - glm::vec2(0, e))));
        return n.z > 0.0f ? -n : n;
    }
};

}  // namespace

namespace {

Blade bladeFor(const SkeletonFrame& f, const SpineLayout& spine, int side, glm::vec3 glenoid,
               glm::vec3 facing) {
    const float mm = 0.001f * spine.scale;
    Blade b;
    b.sx = side == 0 ? 1.0f : -1.0f;
    b.frame = &f;
    b.spine = &spine;
    b.xMedial = 62 * mm;
    b.yTop = f.shoulderJoint[side].y - 5 * mm;
    b.neck = glenoid - facing * (8 * mm);
    b.span = std::max(std::abs(b.neck.x) - b.xMedial, 50 * mm);  // narrow shoulders still fit
    b.slope = 0.27f;
    b.clearance = 10 * mm;
    return b;
}

void addBladePlate(TriMesh& m, const Blade& b, float mm) {
    const float uScale = b.span / (96 * mm);
    PillowSpec plate;
    for (const auto& o : kBlade) plate.outline.push_back({o[0] * mm * uScale, o[1] * mm});
    plate.centre = glm::vec2(40 * mm * uScale, -50 * mm);
    plate.surface = [&](glm::vec2 p) { return b.at(p); };
    plate.halfThickness = [&](glm::vec2 p) {
        return 2.2f * mm + 3.0f * mm * smooth01(0.55f * b.span, b.span, p.x);
    };
    plate.segments = 26;
    plate.rimStart = 0.85f;
    plate.normalEps = 0.5f * mm;
    appendPillow(m, plate);
}

// The spine of the scapula rises off the blade into the flat acromion over the joint.
void addSpineAndAcromion(TriMesh& m, const Blade& b, glm::vec3 acromion, float mm) {
    const float uScale = b.span / (96 * mm), sx = b.sx;
    auto onBlade = [&](float u, float v, float lift) {
        const glm::vec2 p(u * mm * uScale, v * mm);
        return b.at(p) + b.backNormal(p) * (lift * mm);
    };
    auto normalAt = [&](float u, float v) { return b.backNormal({u * mm * uScale, v * mm}); };
    const glm::vec3 up(0.0f, 1.0f, 0.0f);
    TubeSpec ridge;
    ridge.segments = 8;
    ridge.step = 16 * mm;
    ridge.keys = {{onBlade(0, -44, 2), normalAt(0, -44), 3 * mm, 3.5f * mm},
                  {onBlade(30, -33, 6), normalAt(30, -33), 7 * mm, 4.5f * mm},
                  {onBlade(62, -20, 10), normalAt(62, -20), 9 * mm, 5.5f * mm},
                  {onBlade(86, -6, 13), glm::normalize(normalAt(86, -6) + up), 8 * mm, 7 * mm},
                  {acromion + glm::vec3(-sx * 18, -6, -14) * mm, up, 4.5f * mm, 12 * mm},
                  {acromion + glm::vec3(-sx * 11, -4.5f, -3) * mm, up, 4 * mm, 11 * mm},
                  {acromion + glm::vec3(-sx * 15, -5, 10) * mm, up, 3.5f * mm, 8 * mm}};
    appendTube(m, ridge);
}

// The neck and the glenoid cavity facing the humeral head, and the coracoid hooking forward.
void addGlenoidAndCoracoid(TriMesh& m, const Blade& b, glm::vec3 joint, glm::vec3 glenoid,
                           glm::vec3 facing, float mm) {
    const float uScale = b.span / (96 * mm), sx = b.sx;
    const glm::vec3 up(0.0f, 1.0f, 0.0f);
    TubeSpec neck;
    neck.segments = 8;
    neck.step = 12 * mm;
    neck.keys = {{b.at({84 * mm * uScale, -16 * mm}), up, 10 * mm, 5 * mm},
                 {glenoid - facing * (3 * mm), up, 12 * mm, 6 * mm}};
    appendTube(m, neck);
    Blob fossa;
    fossa.axes.x = facing;
    fossa.axes.y = up;
    fossa.axes.z = glm::cross(facing, up);
    fossa.centre = glenoid;
    fossa.radii = glm::vec3(6.0f, 19.0f, 13.0f) * mm;
    fossa.roundExponent = 0.9f;
    fossa.segments = 12;
    fossa.rings = 6;
    appendBlob(m, fossa);
    TubeSpec coracoid;
    coracoid.segments = 6;
    coracoid.step = 12 * mm;
    coracoid.keys = {{joint + glm::vec3(-sx * 35, 13, -20) * mm, up, 5.5f * mm, 5.5f * mm},
                     {joint + glm::vec3(-sx * 33, 20, -2) * mm, up, 5.5f * mm, 5.5f * mm},
                     {joint + glm::vec3(-sx * 25, 13, 22) * mm, up, 5 * mm, 5 * mm},
                     {joint + glm::vec3(-sx * 17, 2, 34) * mm, up, 4 * mm, 4.5f * mm}};
    appendTube(m, coracoid);
}

}  // namespace

TriMesh buildScapula(const SkeletonFrame& f, const SpineLayout& spine, int side) {
    const float mm = 0.001f * spine.scale, sx = side == 0 ? 1.0f : -1.0f;
    const glm::vec3 joint = f.shoulderJoint[side];
    // The glenoid faces out and somewhat forward, a humeral head's radius from the joint centre.
    const glm::vec3 facing = glm::normalize(glm::vec3(sx * 0.82f, 0.0f, 0.57f));
    const glm::vec3 glenoid = joint - facing * (25 * mm);
    const Blade b = bladeFor(f, spine, side, glenoid, facing);
    TriMesh m;
    addBladePlate(m, b, mm);
    addSpineAndAcromion(m, b, f.acromion[side], mm);
    addGlenoidAndCoracoid(m, b, joint, glenoid, facing, mm);
    return m;
}

}  // namespace ra::core::skeleton
