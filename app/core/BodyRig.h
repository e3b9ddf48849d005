// BodyRig: the body's 25-joint skeleton (stable names, parents; rest positions come from the
// body spec, see core/Body) and the small forward-kinematics and skinning math the generator uses
// to pose it while it builds the demo animation.
#pragma once

#include <array>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <map>
#include <string>
#include <string_view>

namespace ra::core::rig {

// Parents come before children; each right joint directly follows its left twin.
enum class Joint {
    Pelvis,
    LumbarOne,
    LumbarTwo,
    ThoracicOne,
    ThoracicTwo,
    ThoracicThree,
    NeckOne,
    NeckTwo,
    Head,
    ClavicleL,
    ClavicleR,
    UpperArmL,
    UpperArmR,
    ForearmL,
    ForearmR,
    HandL,
    HandR,
    ThighL,
    ThighR,
    ShinL,
    ShinR,
    FootL,
    FootR,
    ToesL,
    ToesR,
    Count
};

inline constexpr int kJointCount = static_cast<int>(Joint::Count);

constexpr int idx(Joint j) {
    return static_cast<int>(j);
}

// The joint of a left/right pair for side 0 (left, +X at rest) or 1 (right).
constexpr Joint sided(Joint left, int side) {
    return static_cast<Joint>(idx(left) + side);
}

template <typename T>
using PerJoint = std::array<T, kJointCount>;

// The stable snake_case joint names, in Joint order.
inline constexpr PerJoint<std::string_view> kJointNames = {"pelvis",
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

struct Rig {
    PerJoint<std::string_view> names;
    PerJoint<int> parents;
    PerJoint<glm::vec3> rest;  // model-space joint positions of the standing rest pose
};

// The body rig's joints (names, parents) at the rest positions a body spec gives, by name; every
// node has identity rest rotation, so a local rotation is a delta. Returns false and names the
// first missing joint in `missing` when one is absent.
bool rigFromJoints(const std::map<std::string, glm::vec3>& joints, Rig& out, std::string& missing);

struct RigPose {
    glm::vec3 rootTranslation{0.0f};
    PerJoint<glm::quat> local;  // rotation of each joint relative to its parent

    RigPose();
};

struct RigWorld {
    PerJoint<glm::quat> rotation;
    PerJoint<glm::vec3> position;
};

RigWorld solveWorld(const Rig& rig, const RigPose& pose);

// Linear-blend skinning of a rest-pose point; equals the glTF formula with
// inverseBind = translate(-rest).
glm::vec3 skinPoint(const Rig& rig, const RigWorld& world, const glm::vec3& p,
                    const glm::u16vec4& joints, const glm::vec4& weights);

// Snaps to a 2^-20 grid so libm's last-bit differences cannot change the written bytes.
float quantize(float v);
glm::vec3 quantize(const glm::vec3& v);

}  // namespace ra::core::rig
