// AnatomicalPose mapping: joint angles in anatomical terms (flexion, abduction, rotation) turned
// into the body rig's local joint rotations, plus blending, range checks and the whole-body
// orientations a stretch lies in.
#pragma once

#include <array>
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/ModelData.h"
#include "core/Pose.h"
#include "core/Stretch.h"

namespace ra::core {

// The rig joint nodes of our body model, found once by name.
class BodyJoints {
public:
    // nullopt with `missing` naming the first absent joint when `model` lacks our rig.
    static std::optional<BodyJoints> find(const ModelData& model, std::string& missing);
    int node(const std::string& rigName) const;  // -1 when unknown
    int root() const { return m_root; }          // the pelvis

private:
    std::vector<std::pair<std::string, int>> m_nodes;
    int m_root = -1;
};

// Sets the local rotations of the rig joints `pose` names (others return to rest), leaving the
// root's rotation and translation alone; then recomputes world matrices. The rig's rest
// rotations are identity, so each local rotation is the anatomical motion itself.
void applyAnatomicalPose(const ModelData& model, const BodyJoints& joints,
                         const AnatomicalPose& pose, Pose& out);

// The local rotation of one anatomical joint's rig node(s): spine regions spread evenly over
// their rig joints, so this returns one share.
glm::quat jointRotation(const std::string& jointName, const JointAngles& a, int shares = 1);

// Joint by joint linear blend (angles, not quaternions, so the path stays anatomical and inside
// any convex range); joints missing on one side count as neutral.
AnatomicalPose blend(const AnatomicalPose& a, const AnatomicalPose& b, float t);

struct RangeViolation {
    std::string joint;  // "hip_l"
    std::string axis;   // "flexion", "abduction", "rotation"
    float degrees = 0.0f;
    float limit = 0.0f;
};
std::vector<RangeViolation> rangeViolations(const AnatomicalPose& pose, const RangeOfMotion& rom);

// The body's orientation on the floor before the solver tilts it (model +Y is the head, +Z the
// front): the head toward world -X; supine faces up, prone down, side lies on the working side
// (left for side 0, right for side 1).
glm::quat lyingOrientation(Lying lying, int side);

}  // namespace ra::core
