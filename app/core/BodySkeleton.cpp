// BodySkeleton: the default landmarks, the spine layout (where each vertebra sits along the curved
// spine line and how big it is) and the assembly of every bone piece in the documented order.
#include "core/BodySkeleton.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "core/BodySkeletonParts.h"

namespace ra::core {

using namespace skeleton;

SkeletonFrame defaultSkeletonFrame(float height) {
    const float s = height / 1.75f;
    SkeletonFrame f;
    f.height = height;
    f.skullBase = glm::vec3(0.0f, 1.535f, -0.045f) * s;
    f.c7t1 = glm::vec3(0.0f, 1.405f, -0.070f) * s;
    f.t12l1 = glm::vec3(0.0f, 1.085f, -0.060f) * s;
    f.l5s1 = glm::vec3(0.0f, 0.945f, -0.045f) * s;
    f.cervicalLordosis = 0.012f * s;
    f.thoracicKyphosis = 0.025f * s;
    f.lumbarLordosis = 0.020f * s;
    f.sternumTop = glm::vec3(0.0f, 1.395f, 0.055f) * s;
    f.sternumBottom = glm::vec3(0.0f, 1.215f, 0.090f) * s;
    f.ribCageHalfWidth = 0.135f * s;
    const glm::vec3 mirror(-1.0f, 1.0f, 1.0f);
    auto pair = [&](glm::vec3(&dst)[2], glm::vec3 left) {
        dst[0] = left * s;
        dst[1] = left * s * mirror;
    };
    pair(f.acromion, {0.195f, 1.432f, -0.035f});
    pair(f.shoulderJoint, {0.185f, 1.400f, -0.025f});
    pair(f.hipJoint, {0.085f, 0.900f, 0.010f});
    pair(f.iliacCrest, {0.140f, 1.030f, -0.020f});
    pair(f.knee, {0.095f, 0.500f, 0.000f});
    return f;
}

namespace skeleton {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;

// Body sizes in millimetres for a 1.75 m adult, C1 to L5 (C1's are its lateral masses).
constexpr std::array<float, kVertebraCount> kWidth = {
    30, 18, 17, 18, 19, 21, 24, 27, 28, 28, 29, 30, 31, 32, 33, 34, 36, 38, 42, 46, 47, 48, 50, 50};
constexpr std::array<float, kVertebraCount> kDepth = {
    14, 15, 15, 15, 16, 16, 17, 17, 19, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 33, 34, 35, 35, 35};
// Share of each level in its region's length (about the body heights).
constexpr std::array<float, kVertebraCount> kPitchWeight = {
    0.85f, 1.25f, 0.95f, 0.95f, 0.97f, 1.0f,  1.05f,                                  // C
    16,    17,    18,    18.5f, 19,    19.5f, 20,    21, 21.5f, 22.5f, 23.5f, 24.5f,  // T
    25,    26.5f, 27,    27,    26.5f};                                               // L

constexpr const char* kNames[kVertebraCount] = {"C1",  "C2",  "C3",  "C4", "C5", "C6", "C7", "T1",
                                                "T2",  "T3",  "T4",  "T5", "T6", "T7", "T8", "T9",
                                                "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"};

// The spine line: a smooth curve through the four landmarks and, between each pair, the chord's
// midpoint pushed by that region's curve (forward for lordosis, backward for kyphosis), densely
// sampled with its running arc length. Region r spans samples [r, r + 1] * kPerRegion.
constexpr int kPerSpan = 64;
constexpr int kPerRegion = 2 * kPerSpan;

struct SpineLine {
    std::vector<glm::vec3> points;
    std::vector<float> length;

    explicit SpineLine(const SkeletonFrame& f) {
        const glm::vec3 ends[4] = {f.skullBase, f.c7t1, f.t12l1, f.l5s1};
        const float bows[3] = {f.cervicalLordosis, -f.thoracicKyphosis, f.lumbarLordosis};
        std::vector<glm::vec3> keys = {ends[0]};
        for (int r = 0; r < 3; ++r) {
            const glm::vec3 up = glm::normalize(ends[r] - ends[r + 1]);
            const glm::vec3 forward = glm::normalize(glm::cross(glm::vec3(1, 0, 0), up));
            keys.push_back(0.5f * (ends[r] + ends[r + 1]) + forward * bows[r]);
            keys.push_back(ends[r + 1]);
        }
        points = smoothOpen(keys, kPerSpan);
        length.assign(points.size(), 0.0f);
        for (size_t i = 1; i < points.size(); ++i)
            length[i] = length[i - 1] + glm::distance(points[i - 1], points[i]);
    }
    // Position and downward direction at arc length s.
    void at(float s, glm::vec3& pos, glm::vec3& down) const {
        size_t i = 0;
        while (i + 2 < points.size() && length[i + 1] < s) ++i;
        const float f =
            std::clamp((s - length[i]) / std::max(length[i + 1] - length[i], 1e-9f), 0.0f, 1.0f);
        pos = glm::mix(points[i], points[i + 1], f);
        const size_t lo = i == 0 ? 0 : i - 1, hi = std::min(i + 2, points.size() - 1);
        down = glm::normalize(points[hi] - points[lo]);
    }
};

void layoutRegion(const SpineLine& line, int region, int first, int count, float scale,
                  std::vector<VertebraLayout>& out) {
    const float s0 = line.length[static_cast<size_t>(region * kPerRegion)];
    const float s1 = line.length[static_cast<size_t>((region + 1) * kPerRegion)];
    float weightSum = 0.0f;
    for (int i = 0; i < count; ++i) weightSum += kPitchWeight[static_cast<size_t>(first + i)];
    float start = s0;
    for (int i = 0; i < count; ++i) {
        const auto idx = static_cast<size_t>(first + i);
        const float pitch = (s1 - s0) * kPitchWeight[idx] / weightSum;
        glm::vec3 down(0.0f);
        VertebraLayout v;
        line.at(start + 0.5f * pitch, v.centre, down);
        start += pitch;
        v.name = kNames[idx];
        v.index = static_cast<int>(idx);
        v.axes.y = -down;
        v.axes.x = glm::normalize(glm::vec3(1, 0, 0) - v.axes.y.x * v.axes.y);
        v.axes.z = glm::cross(v.axes.x, v.axes.y);
        v.pitch = pitch;
        const bool lumbar = idx >= 19, cervical = idx < 7;
        v.height = pitch / (lumbar ? 1.25f : 1.22f);
        v.width = kWidth[idx] * 0.001f * scale;
        v.depth = kDepth[idx] * 0.001f * scale;
        v.canalDepth = (cervical ? 0.014f : lumbar ? 0.017f : 0.015f) * scale;
        v.canalHalf = (cervical ? 0.012f : lumbar ? 0.0125f : 0.0095f) * scale;
        v.archThick = (cervical ? 0.0026f : lumbar ? 0.0042f : 0.0032f) * scale;
        v.scale = scale;
        out.push_back(v);
    }
}

}  // namespace

SpineLayout layoutSpine(const SkeletonFrame& f) {
    SpineLayout s;
    s.scale = f.height / 1.75f;
    const SpineLine line(f);
    layoutRegion(line, 0, 0, 7, s.scale, s.vertebrae);
    layoutRegion(line, 1, 7, 12, s.scale, s.vertebrae);
    layoutRegion(line, 2, 19, 5, s.scale, s.vertebrae);
    const VertebraLayout& l5 = s.vertebrae.back();
    s.discGap = l5.pitch - l5.height;
    const glm::vec3 down = glm::normalize(line.points.back() - line.points[line.points.size() - 2]);
    s.sacrumTop = f.l5s1 + down * (0.5f * s.discGap);
    const float tilt = 38.0f * kPi / 180.0f;  // sacral slope: the base faces up and forward
    s.sacrumAxis = glm::vec3(0.0f, -std::cos(tilt), -std::sin(tilt));
    return s;
}

}  // namespace skeleton

std::vector<BonePiece> buildSkeleton(const SkeletonFrame& frame) {
    const SpineLayout spine = layoutSpine(frame);
    std::vector<BonePiece> out;
    auto add = [&](std::string name, BoneKind kind, int side, glm::vec3 anchor, TriMesh mesh) {
        out.push_back({std::move(name), kind, side, anchor, std::move(mesh)});
    };
    for (const VertebraLayout& v : spine.vertebrae)
        add(v.name, BoneKind::Vertebra, -1, v.centre, buildVertebra(v));
    add("sacrum", BoneKind::Sacrum, -1, spine.sacrumTop, buildSacrum(spine));
    const RibCage cage = planRibCage(frame, spine);
    for (int k = 1; k <= 12; ++k)
        for (int side = 0; side < 2; ++side) {
            const RibPlan& plan = cage.ribs[side][k - 1];
            add("rib_" + std::to_string(k) + (side == 0 ? "_l" : "_r"), BoneKind::Rib, side,
                plan.head, buildRib(plan, spine.scale));
        }
    add("sternum", BoneKind::Sternum, -1, frame.sternumTop, buildSternum(frame, spine));
    add("pelvis", BoneKind::Pelvis, -1, 0.5f * (frame.hipJoint[0] + frame.hipJoint[1]),
        buildPelvis(frame, spine));
    for (int side = 0; side < 2; ++side)
        add(side == 0 ? "scapula_l" : "scapula_r", BoneKind::Scapula, side,
            frame.shoulderJoint[side], buildScapula(frame, spine, side));
    for (int side = 0; side < 2; ++side)
        add(side == 0 ? "femur_l" : "femur_r", BoneKind::Femur, side, frame.hipJoint[side],
            buildFemur(frame, side));
    return out;
}

}  // namespace ra::core
