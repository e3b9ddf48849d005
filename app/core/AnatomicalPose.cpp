// AnatomicalPose mapping: each anatomical joint's axes in the rig's rest frame (the figure faces
// +Z, its left is +X, joints have identity rest rotations), mirrored for the right side.
#include "core/AnatomicalPose.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/StretchSchema.h"

namespace ra::core {
namespace {

glm::quat rot(float degrees, const glm::vec3& axis) {
    return glm::angleAxis(glm::radians(degrees), axis);
}

const glm::vec3 kX{1, 0, 0}, kY{0, 1, 0}, kZ{0, 0, 1};

// Anatomical joint -> the rig joints it moves (spine regions spread over several).
struct JointMap {
    const char* anatomical;
    std::vector<const char*> rig;
};
const std::vector<JointMap>& jointMaps() {
    static const std::vector<JointMap> maps = {
        {"lumbar", {"spine_lumbar_1", "spine_lumbar_2"}},
        {"thoracic", {"spine_thoracic_1", "spine_thoracic_2", "spine_thoracic_3"}},
        {"cervical", {"neck_1", "neck_2", "head"}},
        {"scapula_l", {"clavicle_l"}},
        {"scapula_r", {"clavicle_r"}},
        {"shoulder_l", {"upper_arm_l"}},
        {"shoulder_r", {"upper_arm_r"}},
        {"elbow_l", {"forearm_l"}},
        {"elbow_r", {"forearm_r"}},
        {"wrist_l", {"hand_l"}},
        {"wrist_r", {"hand_r"}},
        {"hip_l", {"thigh_l"}},
        {"hip_r", {"thigh_r"}},
        {"knee_l", {"shin_l"}},
        {"knee_r", {"shin_r"}},
        {"ankle_l", {"foot_l"}},
        {"ankle_r", {"foot_r"}},
        {"toes_l", {"toes_l"}},
        {"toes_r", {"toes_r"}},
    };
    return maps;
}

const JointMap* jointMap(const std::string& name) {
    for (const auto& m : jointMaps())
        if (name == m.anatomical) return &m;
    return nullptr;
}

// +1 for the left side (+X), -1 for the right, +1 for the spine.
float sideSign(const std::string& name) {
    return name.size() > 2 && name.compare(name.size() - 2, 2, "_r") == 0 ? -1.0f : 1.0f;
}

}  // namespace

std::optional<BodyJoints> BodyJoints::find(const ModelData& model, std::string& missing) {
    BodyJoints j;
    std::set<std::string> wanted{"pelvis"};
    for (const auto& m : jointMaps())
        for (const char* r : m.rig) wanted.insert(r);
    for (const std::string& name : wanted) {
        int found = -1;
        for (size_t n = 0; n < model.nodes.size() && found < 0; ++n)
            if (model.nodes[n].name == name) found = int(n);
        if (found < 0) {
            missing = name;
            return std::nullopt;
        }
        j.m_nodes.emplace_back(name, found);
        if (name == "pelvis") j.m_root = found;
    }
    return j;
}

int BodyJoints::node(const std::string& rigName) const {
    for (const auto& [name, n] : m_nodes)
        if (name == rigName) return n;
    return -1;
}

glm::quat jointRotation(const std::string& jointName, const JointAngles& a, int shares) {
    const float s = sideSign(jointName);
    const float k = 1.0f / float(std::max(1, shares));
    const float f = a.flexion * k, ab = a.abduction * k, r = a.rotation * k;
    const std::string key = schema::rangeJoint(jointName);
    // Limbs hang along -Y: flexion swings them forward (-X rotation) except the knee, which bends
    // back; abduction swings away from the midline about Z; rotation turns about the long axis.
    if (key == "lumbar" || key == "thoracic" || key == "cervical")
        return rot(f, kX) * rot(-ab, kZ) * rot(r, kY);  // forward bend, lean left, turn left
    if (key == "knee") return rot(f, kX) * rot(r * s, kY);
    if (key == "ankle") return rot(-f, kX) * rot(ab * s, kZ);        // dorsiflexion lifts the toes
    if (key == "toes") return rot(f, kX);                            // flexion curls them down
    if (key == "wrist") return rot(-f * s, kZ) * rot(-ab, kX);       // palm faces the thigh at rest
    if (key == "scapula") return rot(-f * s, kY) * rot(ab * s, kZ);  // protraction, elevation
    // shoulder, elbow, hip
    return rot(-f, kX) * rot(ab * s, kZ) * rot(r * s, kY);
}

void applyAnatomicalPose(const ModelData& model, const BodyJoints& joints,
                         const AnatomicalPose& pose, Pose& out) {
    for (const auto& m : jointMaps())
        for (const char* r : m.rig)
            if (int n = joints.node(r); n >= 0)
                out.local[size_t(n)].rotation = glm::quat(1, 0, 0, 0);
    for (const auto& [name, angles] : pose.joints) {
        const JointMap* m = jointMap(name);
        if (!m) continue;
        const glm::quat q = jointRotation(name, angles, int(m->rig.size()));
        for (const char* r : m->rig)
            if (int n = joints.node(r); n >= 0) out.local[size_t(n)].rotation = q;
    }
    computeWorld(model, out);
}

AnatomicalPose blend(const AnatomicalPose& a, const AnatomicalPose& b, float t) {
    AnatomicalPose out;
    auto mix = [t](const JointAngles& x, const JointAngles& y) {
        return JointAngles{x.flexion + (y.flexion - x.flexion) * t,
                           x.abduction + (y.abduction - x.abduction) * t,
                           x.rotation + (y.rotation - x.rotation) * t};
    };
    for (const auto& [name, x] : a.joints) {
        auto it = b.joints.find(name);
        out.joints[name] = mix(x, it != b.joints.end() ? it->second : JointAngles{});
    }
    for (const auto& [name, y] : b.joints)
        if (!a.joints.count(name)) out.joints[name] = mix(JointAngles{}, y);
    return out;
}

std::vector<RangeViolation> rangeViolations(const AnatomicalPose& pose, const RangeOfMotion& rom) {
    std::vector<RangeViolation> out;
    constexpr float kSlack = 0.5f;  // degrees: interpolation round-off is not a violation
    for (const auto& [name, a] : pose.joints) {
        auto it = rom.joints.find(schema::rangeJoint(name));
        if (it == rom.joints.end()) continue;
        const JointRange& r = it->second;
        auto check = [&](const char* axis, float v, float lo, float hi) {
            if (v < lo - kSlack) out.push_back({name, axis, v, lo});
            if (v > hi + kSlack) out.push_back({name, axis, v, hi});
        };
        check("flexion", a.flexion, r.flexionMin, r.flexionMax);
        check("abduction", a.abduction, r.abductionMin, r.abductionMax);
        check("rotation", a.rotation, r.rotationMin, r.rotationMax);
    }
    return out;
}

glm::quat lyingOrientation(Lying lying, int side) {
    // Columns: where the model's X (left), Y (head) and Z (front) point in the world.
    glm::mat3 m;
    switch (lying) {
        case Lying::Supine:
            m = glm::mat3(glm::vec3{0, 0, -1}, glm::vec3{-1, 0, 0}, glm::vec3{0, 1, 0});
            break;
        case Lying::Prone:
            m = glm::mat3(glm::vec3{0, 0, 1}, glm::vec3{-1, 0, 0}, glm::vec3{0, -1, 0});
            break;
        case Lying::Side:
            m = side == 0 ? glm::mat3(glm::vec3{0, -1, 0}, glm::vec3{-1, 0, 0}, glm::vec3{0, 0, -1})
                          : glm::mat3(glm::vec3{0, 1, 0}, glm::vec3{-1, 0, 0}, glm::vec3{0, 0, 1});
            break;
    }
    return glm::normalize(glm::quat_cast(m));
}

}  // namespace ra::core
