// BodyPoses: each pose is a list of (joint, rotation) in the rig's rest frame (the figure faces
// +Z, its left is +X, every joint's rest rotation is identity), then a whole-body orientation
// and a drop onto the floor.
#include "core/BodyPoses.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/quaternion.hpp>
#include <map>

namespace ra::core {
namespace {

glm::quat rot(float degrees, const glm::vec3& axis) {
    return glm::angleAxis(glm::radians(degrees), glm::normalize(axis));
}

// Anatomical motions for the left (+X) side; `s` mirrors them for the right side.
glm::quat flexHip(float deg) {
    return rot(-deg, {1, 0, 0});
}  // thigh forward
glm::quat flexKnee(float deg) {
    return rot(deg, {1, 0, 0});
}  // shin backward
glm::quat flexSpine(float deg) {
    return rot(deg, {1, 0, 0});
}  // bend forward (- extends)
glm::quat flexShoulder(float deg) {
    return rot(-deg, {1, 0, 0});
}  // arm forward and up
glm::quat abduct(float deg, float s) {
    return rot(deg * s, {0, 0, 1});
}
glm::quat flexElbow(float deg) {
    return rot(-deg, {1, 0, 0});
}
glm::quat dorsiflex(float deg) {
    return rot(-deg, {1, 0, 0});
}

struct PoseDef {
    glm::quat whole{1, 0, 0, 0};              // orientation of the body on the floor
    std::map<std::string, glm::quat> joints;  // local rotations
};

void both(PoseDef& d, const std::string& joint, const glm::quat& left, const glm::quat& right) {
    d.joints[joint + "_l"] = left;
    d.joints[joint + "_r"] = right;
}

// Supine: the body's up (+Y) points to -X (head), its front (+Z) to the ceiling.
glm::quat onBack() {
    return glm::quat_cast(glm::mat3(glm::vec3{0, 0, -1}, glm::vec3{-1, 0, 0}, glm::vec3{0, 1, 0}));
}
glm::quat onFront() {
    return glm::quat_cast(glm::mat3(glm::vec3{0, 0, 1}, glm::vec3{-1, 0, 0}, glm::vec3{0, -1, 0}));
}
glm::quat onLeftSide() {  // left side down, head to -X, facing -Z
    return glm::quat_cast(glm::mat3(glm::vec3{0, -1, 0}, glm::vec3{-1, 0, 0}, glm::vec3{0, 0, -1}));
}

// The rotation taking the orthonormal pair (dirA, hingeA) onto (dirB, hingeB).
glm::quat frameRotation(const glm::vec3& dirA, const glm::vec3& hingeA, const glm::vec3& dirB,
                        const glm::vec3& hingeB) {
    const glm::mat3 a(dirA, hingeA, glm::cross(dirA, hingeA));
    const glm::mat3 b(dirB, hingeB, glm::cross(dirB, hingeB));
    return glm::normalize(glm::quat_cast(b * glm::transpose(a)));
}

// Upper arm along `upper` and forearm along `fore` (trunk frame, left side; mirrored for the
// right): the upper arm's rotation from the hanging rest direction, and the elbow's flexion.
struct ArmAim {
    glm::quat upper;
    float elbowDeg;
};
ArmAim aimArm(glm::vec3 rest, glm::vec3 upper, glm::vec3 fore) {
    rest = glm::normalize(rest);
    upper = glm::normalize(upper);
    fore = glm::normalize(fore);
    const glm::vec3 hingeRest = glm::normalize(glm::vec3(1, 0, 0) - rest.x * rest);
    const glm::vec3 forePerp = fore - glm::dot(fore, upper) * upper;
    const glm::vec3 hinge = glm::normalize(glm::cross(forePerp, upper));
    const float elbow = glm::degrees(std::acos(std::clamp(glm::dot(upper, fore), -1.0f, 1.0f)));
    return {frameRotation(rest, hingeRest, upper, hinge), elbow};
}

glm::quat mirror(glm::quat q) {
    return {q.w, q.x, -q.y, -q.z};
}

PoseDef define(const std::string& name) {
    PoseDef d;
    if (name == "rest") return d;
    if (name == "supine") {
        d.whole = onBack();
        both(d, "upper_arm", abduct(10, 1), abduct(10, -1));
        both(d, "thigh", flexHip(45), flexHip(45));
        both(d, "shin", flexKnee(90), flexKnee(90));
        both(d, "foot", dorsiflex(45), dorsiflex(45));
        return d;
    }
    if (name == "seated-lean-back") {
        // The thoracic extension: sitting, leaning back, hands cradling the head.
        d.joints["spine_lumbar_1"] = flexSpine(-5);
        d.joints["spine_lumbar_2"] = flexSpine(-5);
        d.joints["spine_thoracic_1"] = flexSpine(-10);
        d.joints["spine_thoracic_2"] = flexSpine(-8);
        d.joints["neck_1"] = flexSpine(12);
        d.joints["pelvis"] = rot(-20, {1, 0, 0});
        both(d, "thigh", flexHip(110), flexHip(110));
        both(d, "shin", flexKnee(125), flexKnee(125));
        both(d, "foot", dorsiflex(20), dorsiflex(20));
        // Elbows up and out, forearms back toward the back of the head.
        const float abd = glm::radians(15.0f);
        const ArmAim a = aimArm({std::sin(abd), -std::cos(abd), 0.0f}, {0.6f, 0.75f, 0.25f},
                                {-0.92f, 0.0f, -0.4f});
        both(d, "upper_arm", a.upper, mirror(a.upper));
        both(d, "forearm", flexElbow(a.elbowDeg), flexElbow(a.elbowDeg));
        return d;
    }
    if (name == "side-lying") {
        // The lat release: on the left side, the lower arm overhead, knees a little bent.
        d.whole = onLeftSide();
        d.joints["upper_arm_l"] = abduct(165, 1);
        d.joints["forearm_l"] = flexElbow(20);
        d.joints["upper_arm_r"] = flexShoulder(40);
        d.joints["forearm_r"] = flexElbow(60);
        both(d, "thigh", flexHip(30), flexHip(40));
        both(d, "shin", flexKnee(45), flexKnee(60));
        return d;
    }
    if (name == "prone") {
        // Face down on the forearms, as in the hip-flexor roll.
        d.whole = onFront();
        d.joints["spine_thoracic_1"] = flexSpine(-10);
        d.joints["spine_thoracic_2"] = flexSpine(-10);
        d.joints["neck_1"] = flexSpine(-15);
        both(d, "upper_arm", flexShoulder(100) * abduct(10, 1), flexShoulder(100) * abduct(10, -1));
        both(d, "forearm", flexElbow(95), flexElbow(95));
        both(d, "foot", dorsiflex(-40), dorsiflex(-40));
        return d;
    }
    d.joints["?"] = glm::quat(1, 0, 0, 0);  // marks an unknown name
    return d;
}

}  // namespace

const std::vector<std::string>& builtInPoseNames() {
    static const std::vector<std::string> names{"rest", "supine", "seated-lean-back", "side-lying",
                                                "prone"};
    return names;
}

bool builtInPose(const ModelData& model, const std::string& name, const glm::vec2& centre,
                 Pose& pose, std::string& error) {
    PoseDef def = define(name);
    if (def.joints.count("?")) {
        error = "unknown pose \"" + name + "\" (known: rest, supine, seated-lean-back, " +
                "side-lying, prone)";
        return false;
    }
    pose = restPose(model);
    int root = -1;
    for (size_t i = 0; i < model.nodes.size(); ++i)
        if (model.nodes[i].name == "pelvis") root = int(i);
    if (root < 0) {
        error = "pose \"" + name + "\" needs one of our bodies (a rig with a \"pelvis\" root)";
        return false;
    }
    for (const auto& [joint, q] : def.joints) {
        bool found = false;
        for (size_t i = 0; i < model.nodes.size(); ++i)
            if (model.nodes[i].name == joint) {
                pose.local[i].rotation = pose.local[i].rotation * q;
                found = true;
            }
        if (!found) {
            error = "pose \"" + name + "\" moves joint \"" + joint + "\", which the model lacks";
            return false;
        }
    }
    pose.local[size_t(root)].rotation = def.whole * pose.local[size_t(root)].rotation;
    pose.local[size_t(root)].translation = glm::vec3(0.0f);
    computeWorld(model, pose);
    const Bounds b = poseBounds(model, pose);
    pose.local[size_t(root)].translation =
        glm::vec3(centre.x - b.center().x, -b.min.y, centre.y - b.center().z);
    computeWorld(model, pose);
    return true;
}

}  // namespace ra::core
