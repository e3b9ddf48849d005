// BodyPoses: a few built-in whole-body poses of our rig for inspecting deformation and for the
// stills instructors need: rest, supine, seated-lean-back, side-lying, prone. Joint angles are
// given in anatomical terms (flexion, abduction, degrees) and the body is set down so that its
// lowest skin point touches the floor (y = 0), centred over `centre` on the floor.
#pragma once

#include <glm/glm.hpp>
#include <string>
#include <vector>

#include "core/ModelData.h"
#include "core/Pose.h"

namespace ra::core {

const std::vector<std::string>& builtInPoseNames();

// Fills `pose` for `model` (one of our bodies: joints found by name). False with `error` set when
// the name is unknown or the model lacks the rig's joints.
bool builtInPose(const ModelData& model, const std::string& name, const glm::vec2& centre,
                 Pose& pose, std::string& error);

}  // namespace ra::core
