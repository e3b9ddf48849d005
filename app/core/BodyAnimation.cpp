// BodyAnimation: solves each key of the demo clip: poses spine and arms, tilts the supine
// trunk until the hips hover at a set height, drops it onto the roller, then bends the legs
// (two-bone IK) so the feet stay planted.
#include "core/BodyAnimation.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/quaternion.hpp>
#include <numbers>

namespace ra::core::rig {
namespace {

constexpr int kKeyCount = 33;           // every 0.25 s; the last repeats the first
constexpr float kTravel = 0.08f;        // +- metres along X
constexpr float kHipClearance = 0.05f;  // lowest point of the seat above the floor
constexpr float kKneeRightAngle = 0.5f * std::numbers::pi_v<float>;
constexpr float kFootSpread = 0.02f;  // feet this much wider than the hips, each side

glm::quat rot(float degrees, const glm::vec3& axis) {
    return glm::angleAxis(glm::radians(degrees), glm::normalize(axis));
}

// The rotation taking the orthonormal pair (dirA, hingeA) onto (dirB, hingeB).
glm::quat frameRotation(const glm::vec3& dirA, const glm::vec3& hingeA, const glm::vec3& dirB,
                        const glm::vec3& hingeB) {
    const glm::mat3 a(dirA, hingeA, glm::cross(dirA, hingeA));
    const glm::mat3 b(dirB, hingeB, glm::cross(dirB, hingeB));
    return glm::normalize(glm::quat_cast(b * glm::transpose(a)));
}

struct TwoBone {
    glm::quat upper, lower;  // rotations from rest, in the frame the positions are given in
};

// Places the middle joint towards `pole` and returns rotations for both bones; `restFold` is
// the side the lower bone folds to at rest (knee: back, elbow: front).
TwoBone solveTwoBone(const glm::vec3& restRoot, const glm::vec3& restMid, const glm::vec3& restEnd,
                     const glm::vec3& root, const glm::vec3& target, const glm::vec3& pole,
                     const glm::vec3& restFold) {
    const float l1 = glm::length(restMid - restRoot), l2 = glm::length(restEnd - restMid);
    const glm::vec3 toTarget = target - root;
    const float d = std::clamp(glm::length(toTarget), std::abs(l1 - l2) + 1e-4f, l1 + l2 - 1e-4f);
    const glm::vec3 axis = glm::normalize(toTarget);
    const glm::vec3 up = glm::normalize(pole - glm::dot(pole, axis) * axis);
    const float a = (l1 * l1 - l2 * l2 + d * d) / (2.0f * d);
    const glm::vec3 mid = root + axis * a + up * std::sqrt(std::max(0.0f, l1 * l1 - a * a));
    const glm::vec3 end = root + axis * d;

    const glm::vec3 restUpper = glm::normalize(restMid - restRoot);
    const glm::vec3 restLower = glm::normalize(restEnd - restMid);
    const glm::vec3 restHinge = glm::normalize(glm::cross(restUpper, restFold));
    const glm::vec3 lowerHinge =
        glm::normalize(restHinge - glm::dot(restHinge, restLower) * restLower);
    const glm::vec3 upperDir = glm::normalize(mid - root);
    const glm::vec3 fold = glm::normalize(toTarget - glm::dot(toTarget, upperDir) * upperDir);
    const glm::vec3 hinge = glm::normalize(glm::cross(upperDir, fold));
    const glm::vec3 lowerDir = glm::normalize(end - mid);
    return {frameRotation(restUpper, restHinge, upperDir, hinge),
            frameRotation(restLower, lowerHinge, lowerDir,
                          glm::normalize(hinge - glm::dot(hinge, lowerDir) * lowerDir))};
}

// Supine: the body's up (+Y) points to -X (head), its front (+Z) to the ceiling (+Y).
glm::quat supine() {
    const glm::mat3 m(glm::vec3{0, 0, -1}, glm::vec3{-1, 0, 0}, glm::vec3{0, 1, 0});
    return glm::normalize(glm::quat_cast(m));
}

struct Phase {
    float travel = 0.0f;  // -1 (roller just below the shoulder blades) .. 1 (towards the neck)
    float breath = 0.0f;  // 0 exhaled .. 1 inhaled
};

Phase phaseAt(float t) {
    const float w = 2.0f * std::numbers::pi_v<float> * t / kDemoDuration;
    return {-std::cos(w), 0.5f - 0.5f * std::cos(2.0f * w)};
}

// Hugging arms, in the rest frame of spine_thoracic_3 (they ride along with the chest).
void poseArms(const Rig& rig, float breath, RigPose& pose) {
    for (int side = 0; side < 2; ++side) {
        const float s = side == 0 ? 1.0f : -1.0f;  // +X is the figure's left
        const Joint clav = sided(Joint::ClavicleL, side), upper = sided(Joint::UpperArmL, side);
        const Joint fore = sided(Joint::ForearmL, side), hand = sided(Joint::HandL, side);
        const glm::quat protract = rot(-14.0f * s, {0, 1, 0});
        const glm::quat qc = protract * rot(s * (2.0f + 1.5f * breath), {0, 0, 1});
        const glm::vec3 c = rig.rest[idx(clav)];
        const glm::vec3 shoulder = c + qc * (rig.rest[idx(upper)] - c);
        // The left forearm lies on top (further out), each hand over the opposite shoulder.
        const glm::vec3 wrist =
            side == 0 ? glm::vec3{-0.090f, 1.335f, 0.185f} : glm::vec3{0.095f, 1.285f, 0.160f};
        const TwoBone arm =
            solveTwoBone(rig.rest[idx(upper)], rig.rest[idx(fore)], rig.rest[idx(hand)], shoulder,
                         wrist, {0.25f * s, -1.0f, 0.35f}, {0, 0, 1});
        pose.local[idx(clav)] = qc;
        pose.local[idx(upper)] = glm::inverse(qc) * arm.upper;
        pose.local[idx(fore)] = glm::inverse(arm.upper) * arm.lower;
        const glm::vec3 foreDir = glm::normalize(rig.rest[idx(hand)] - rig.rest[idx(fore)]);
        pose.local[idx(hand)] = rot(-25.0f * s, {0, 0, 1}) * rot(-60.0f * s, foreDir);
    }
}

void poseSpine(float breath, RigPose& pose) {
    const glm::vec3 x{1, 0, 0};
    pose.local[idx(Joint::ThoracicOne)] = rot(-1.2f * breath, x);
    pose.local[idx(Joint::ThoracicTwo)] = rot(-0.8f * breath, x);
    pose.local[idx(Joint::NeckOne)] = rot(6.0f, x);
    pose.local[idx(Joint::NeckTwo)] = rot(6.0f, x);
    pose.local[idx(Joint::Head)] = rot(3.0f - 1.0f * breath, x);
}

struct Solver {
    const Rig& rig;
    const DemoSkin& skin;
    const std::vector<uint32_t>& trunk;  // vertices that may touch the roller (no legs)
    const std::vector<uint32_t>& seat;   // lowest torso, kept kHipClearance above the floor
    glm::vec3 ankleTarget[2]{};

    glm::vec3 skinned(const RigWorld& w, uint32_t v) const {
        const Primitive& p = *skin.primitive;
        return skinPoint(rig, w, p.positions[v], p.joints[v], p.weights[v]);
    }
};

Solver makeSolver(const Rig& rig, const DemoSkin& skin) {
    return Solver{rig, skin, skin.trunk, skin.seat, {}};
}

// The back-midline torso vertex closest to rest height y.
glm::vec3 backPoint(const Solver& s, float y) {
    glm::vec3 best{0.0f, 0.0f, 1.0f};
    float bestScore = 1e9f;
    for (uint32_t v : s.skin.torso) {
        const glm::vec3 p = s.skin.primitive->positions[v];
        if (p.z > 0.0f) continue;
        const float score = std::abs(p.y - y) + 4.0f * std::abs(p.x);
        if (score < bestScore) bestScore = score, best = p;
    }
    return best;
}

// Trunk and arms posed, pelvis tilted by `tilt` degrees (head end up), then lowered onto the
// roller so that the back point for `phase` lies over the roller's tangent point.
RigPose placeTrunk(const Solver& s, const Phase& phase, float tilt) {
    RigPose pose;
    poseSpine(phase.breath, pose);
    poseArms(s.rig, phase.breath, pose);
    pose.local[idx(Joint::Pelvis)] = rot(-tilt, {0, 0, 1}) * supine();
    pose.rootTranslation = glm::vec3{0.0f};
    const RigWorld w = solveWorld(s.rig, pose);

    const glm::vec3 aim = backPoint(s, 1.33f + kTravel * phase.travel);
    const glm::vec3 aimWorld =
        w.position[idx(Joint::ThoracicTwo)] +
        w.rotation[idx(Joint::ThoracicTwo)] * (aim - s.rig.rest[idx(Joint::ThoracicTwo)]);
    const float tx = kRollerRadius * std::sin(glm::radians(tilt)) - aimWorld.x;
    float ty = -1e9f;
    for (uint32_t v : s.trunk) {
        const glm::vec3 p = s.skinned(w, v);
        const float dx = p.x + tx;
        if (std::abs(dx) >= kRollerRadius) continue;
        ty = std::max(ty, kRollerRadius + std::sqrt(kRollerRadius * kRollerRadius - dx * dx) - p.y);
    }
    pose.rootTranslation = glm::vec3{tx, ty, 0.0f};
    return pose;
}

float seatHeight(const Solver& s, const RigPose& pose) {
    const RigWorld w = solveWorld(s.rig, pose);
    float low = 1e9f;
    for (uint32_t v : s.seat) low = std::min(low, s.skinned(w, v).y);
    return low;
}

// Bisection on the trunk tilt: more tilt lowers the seat.
RigPose solveTrunk(const Solver& s, const Phase& phase) {
    float lo = 0.0f, hi = 35.0f;
    if (seatHeight(s, placeTrunk(s, phase, lo)) <= kHipClearance) return placeTrunk(s, phase, lo);
    for (int i = 0; i < 30; ++i) {
        const float mid = 0.5f * (lo + hi);
        (seatHeight(s, placeTrunk(s, phase, mid)) > kHipClearance ? lo : hi) = mid;
    }
    return placeTrunk(s, phase, 0.5f * (lo + hi));
}

// Feet flat, toes to +X, a thigh-and-shin apart from the hips of the middle pose (knees at 90
// degrees there), so the legs can push the body both ways.
void plantFeet(Solver& s) {
    const RigPose mid = solveTrunk(s, Phase{0.0f, 0.0f});
    const RigWorld w = solveWorld(s.rig, mid);
    for (int side = 0; side < 2; ++side) {
        const Joint thigh = sided(Joint::ThighL, side), shin = sided(Joint::ShinL, side);
        const Joint foot = sided(Joint::FootL, side);
        const float l1 = glm::length(s.rig.rest[idx(shin)] - s.rig.rest[idx(thigh)]);
        const float l2 = glm::length(s.rig.rest[idx(foot)] - s.rig.rest[idx(shin)]);
        const float reach =
            std::sqrt(l1 * l1 + l2 * l2 - 2.0f * l1 * l2 * std::cos(kKneeRightAngle));
        const glm::vec3 hip = w.position[idx(thigh)];
        const float ankleY = s.rig.rest[idx(foot)].y + 0.001f;
        const float dy = hip.y - ankleY;
        const float outward = hip.z > 0.0f ? kFootSpread : -kFootSpread;
        s.ankleTarget[side] = {hip.x + std::sqrt(reach * reach - dy * dy), ankleY, hip.z + outward};
    }
}

void poseLegs(const Solver& s, RigPose& pose) {
    const RigWorld w = solveWorld(s.rig, pose);
    const glm::quat pelvis = w.rotation[idx(Joint::Pelvis)];
    const glm::quat footWorld = rot(90.0f, {0, 1, 0});  // rest toes +Z -> +X, sole stays down
    for (int side = 0; side < 2; ++side) {
        const Joint thigh = sided(Joint::ThighL, side), shin = sided(Joint::ShinL, side);
        const Joint foot = sided(Joint::FootL, side);
        const glm::vec3 hip = w.position[idx(thigh)];
        const glm::vec3 pole{0.0f, 1.0f, hip.z > 0.0f ? 0.15f : -0.15f};
        const TwoBone leg =
            solveTwoBone(s.rig.rest[idx(thigh)], s.rig.rest[idx(shin)], s.rig.rest[idx(foot)], hip,
                         s.ankleTarget[side], pole, {0, 0, -1});
        pose.local[idx(thigh)] = glm::inverse(pelvis) * leg.upper;
        pose.local[idx(shin)] = glm::inverse(leg.upper) * leg.lower;
        pose.local[idx(foot)] = glm::inverse(leg.lower) * footWorld;
    }
}

void appendKey(AnimationChannel& c, const float* values, int n) {
    for (int i = 0; i < n; ++i) c.values.push_back(quantize(values[i]));
}

Animation toAnimation(const std::vector<RigPose>& keys) {
    Animation anim;
    anim.name = "demo";
    anim.duration = kDemoDuration;
    AnimationChannel translation{
        idx(Joint::Pelvis), AnimPath::Translation, Interpolation::Linear, {}, {}};
    for (size_t k = 0; k < keys.size(); ++k) {
        const float t = kDemoDuration * static_cast<float>(k) / static_cast<float>(keys.size() - 1);
        translation.times.push_back(t);
        appendKey(translation, &keys[k].rootTranslation.x, 3);
    }
    anim.channels.push_back(translation);
    for (int j = 0; j < kJointCount; ++j) {
        AnimationChannel c{j, AnimPath::Rotation, Interpolation::Linear, translation.times, {}};
        glm::quat prev = keys[0].local[j].w < 0.0f ? -keys[0].local[j] : keys[0].local[j];
        for (const RigPose& key : keys) {
            glm::quat q = glm::dot(key.local[j], prev) < 0.0f ? -key.local[j] : key.local[j];
            q = glm::normalize(
                glm::quat{quantize(q.w), quantize(q.x), quantize(q.y), quantize(q.z)});
            c.values.insert(c.values.end(), {q.x, q.y, q.z, q.w});
            prev = q;
        }
        anim.channels.push_back(c);
    }
    return anim;
}

}  // namespace

Animation buildDemoAnimation(const Rig& rig, const DemoSkin& skin) {
    Solver solver = makeSolver(rig, skin);
    plantFeet(solver);
    std::vector<RigPose> keys;
    for (int k = 0; k + 1 < kKeyCount; ++k) {
        const float t = kDemoDuration * static_cast<float>(k) / static_cast<float>(kKeyCount - 1);
        RigPose pose = solveTrunk(solver, phaseAt(t));
        poseLegs(solver, pose);
        keys.push_back(pose);
    }
    keys.push_back(keys.front());  // seamless loop: the last key is the first
    return toAnimation(keys);
}

}  // namespace ra::core::rig
