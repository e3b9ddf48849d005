// MannequinRig: joint table of the default figure (heights as fractions of stature after
// Winter, "Biomechanics and Motor Control of Human Movement") and its FK/skinning helpers.
#include "core/MannequinRig.h"

#include <cmath>

namespace ra::core::mannequin {
namespace {

constexpr float kH = kHeight;

struct LeftJoint {
    Joint joint;
    glm::vec3 rest;
};

PerJoint<glm::vec3> restPositions() {
    PerJoint<glm::vec3> p{};
    p[idx(Joint::Pelvis)] = {0.0f, 0.551f * kH, -0.010f};
    p[idx(Joint::LumbarOne)] = {0.0f, 1.030f, -0.030f};
    p[idx(Joint::LumbarTwo)] = {0.0f, 1.100f, -0.036f};
    p[idx(Joint::ThoracicOne)] = {0.0f, 1.170f, -0.038f};
    p[idx(Joint::ThoracicTwo)] = {0.0f, 1.260f, -0.042f};
    p[idx(Joint::ThoracicThree)] = {0.0f, 1.350f, -0.045f};
    p[idx(Joint::NeckOne)] = {0.0f, 1.465f, -0.040f};
    p[idx(Joint::NeckTwo)] = {0.0f, 1.525f, -0.028f};
    p[idx(Joint::Head)] = {0.0f, 1.575f, -0.015f};

    // Glenohumeral centre sits ~2 cm under the acromion (0.818 H); shoulder width 0.259 H is
    // the outer deltoid width, reached by the arm's radius around this centre.
    const float armRad = glm::radians(kArmAbductionDeg);
    const glm::vec3 armDir{std::sin(armRad), -std::cos(armRad), 0.0f};
    const glm::vec3 shoulder{0.175f, 0.818f * kH - 0.018f, -0.012f};
    const glm::vec3 elbow = shoulder + armDir * (0.186f * kH);
    const glm::vec3 wrist = elbow + armDir * (0.146f * kH);
    const glm::vec3 hip{0.090f, 0.530f * kH, 0.0f};
    const glm::vec3 knee{0.090f, 0.285f * kH, 0.0f};
    const glm::vec3 ankle{0.090f, 0.039f * kH, -0.012f};
    const glm::vec3 ball{0.090f, 0.022f, 0.136f};
    const LeftJoint left[] = {
        {Joint::ClavicleL, {0.030f, 1.420f, 0.030f}},
        {Joint::UpperArmL, shoulder},
        {Joint::ForearmL, elbow},
        {Joint::HandL, wrist},
        {Joint::ThighL, hip},
        {Joint::ShinL, knee},
        {Joint::FootL, ankle},
        {Joint::ToesL, ball},
    };
    for (const LeftJoint& j : left) {
        p[idx(j.joint)] = j.rest;
        p[idx(j.joint) + 1] = {-j.rest.x, j.rest.y, j.rest.z};
    }
    for (glm::vec3& v : p) v = quantize(v);
    return p;
}

Rig makeRig() {
    Rig rig{};
    rig.names = {"pelvis",
                 "spine_lumbar_1",
                 "spine_lumbar_2",
                 "spine_thoracic_1",
                 "spine_thoracic_2",
                 "spine_thoracic_3",
                 "neck_1",
                 "neck_2",
                 "head",
                 "clavicle_l",
                 "clavicle_r",
                 "upper_arm_l",
                 "upper_arm_r",
                 "forearm_l",
                 "forearm_r",
                 "hand_l",
                 "hand_r",
                 "thigh_l",
                 "thigh_r",
                 "shin_l",
                 "shin_r",
                 "foot_l",
                 "foot_r",
                 "toes_l",
                 "toes_r"};
    using J = Joint;
    const J parentOf[kJointCount] = {
        J::Count,         J::Pelvis,        J::LumbarOne, J::LumbarTwo, J::ThoracicOne,
        J::ThoracicTwo,   J::ThoracicThree, J::NeckOne,   J::NeckTwo,   J::ThoracicThree,
        J::ThoracicThree, J::ClavicleL,     J::ClavicleR, J::UpperArmL, J::UpperArmR,
        J::ForearmL,      J::ForearmR,      J::Pelvis,    J::Pelvis,    J::ThighL,
        J::ThighR,        J::ShinL,         J::ShinR,     J::FootL,     J::FootR};
    for (int i = 0; i < kJointCount; ++i)
        rig.parents[i] = parentOf[i] == J::Count ? -1 : idx(parentOf[i]);
    rig.rest = restPositions();
    return rig;
}

}  // namespace

bool rigFromJoints(const std::map<std::string, glm::vec3>& joints, Rig& out, std::string& missing) {
    out = makeRig();
    for (int i = 0; i < kJointCount; ++i) {
        auto it = joints.find(std::string(out.names[i]));
        if (it == joints.end()) {
            missing = std::string(out.names[i]);
            return false;
        }
        out.rest[i] = quantize(it->second);
    }
    return true;
}

const Rig& mannequinRig() {
    static const Rig rig = makeRig();
    return rig;
}

RigPose::RigPose() {
    local.fill(glm::quat{1.0f, 0.0f, 0.0f, 0.0f});
}

RigWorld solveWorld(const Rig& rig, const RigPose& pose) {
    RigWorld w{};
    for (int i = 0; i < kJointCount; ++i) {
        const int parent = rig.parents[i];
        if (parent < 0) {
            w.rotation[i] = pose.local[i];
            w.position[i] = pose.rootTranslation;
            continue;
        }
        w.rotation[i] = w.rotation[parent] * pose.local[i];
        w.position[i] = w.position[parent] + w.rotation[parent] * (rig.rest[i] - rig.rest[parent]);
    }
    return w;
}

glm::vec3 skinPoint(const Rig& rig, const RigWorld& world, const glm::vec3& p,
                    const glm::u16vec4& joints, const glm::vec4& weights) {
    glm::vec3 out{0.0f};
    for (int k = 0; k < 4; ++k) {
        if (weights[k] == 0.0f) continue;
        const int j = joints[k];
        out += weights[k] * (world.position[j] + world.rotation[j] * (p - rig.rest[j]));
    }
    return out;
}

float quantize(float v) {
    constexpr float kGrid = 1048576.0f;  // 2^20
    return std::round(v * kGrid) / kGrid;
}

glm::vec3 quantize(const glm::vec3& v) {
    return {quantize(v.x), quantize(v.y), quantize(v.z)};
}

}  // namespace ra::core::mannequin
