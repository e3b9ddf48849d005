// BodyRig: the body rig's joint table (names, parents; positions come from the body spec)
// and its FK/skinning helpers.
#include "core/BodyRig.h"

#include <cmath>

namespace ra::core::rig {
namespace {

Rig makeRig() {
    Rig rig{};
    rig.names = kJointNames;
    using J = Joint;
    const J parentOf[kJointCount] = {
        J::Count,         J::Pelvis,        J::LumbarOne, J::LumbarTwo, J::ThoracicOne,
        J::ThoracicTwo,   J::ThoracicThree, J::NeckOne,   J::NeckTwo,   J::ThoracicThree,
        J::ThoracicThree, J::ClavicleL,     J::ClavicleR, J::UpperArmL, J::UpperArmR,
        J::ForearmL,      J::ForearmR,      J::Pelvis,    J::Pelvis,    J::ThighL,
        J::ThighR,        J::ShinL,         J::ShinR,     J::FootL,     J::FootR};
    for (int i = 0; i < kJointCount; ++i)
        rig.parents[i] = parentOf[i] == J::Count ? -1 : idx(parentOf[i]);
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

}  // namespace ra::core::rig
