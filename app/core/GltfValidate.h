// GltfValidate: the glTF rules above the accessor level that tinygltf 2.7.0 leaves unchecked:
// references between objects, attribute formats, the node hierarchy, skins, materials and
// animations. Structure first (no data read), then data (index ranges, joints, weights, keys).
#pragma once

#include <tiny_gltf.h>

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/GltfCommon.h"
#include "core/GltfLoader.h"

namespace ra::core::gltf {

// Runs every structural check, accessor ranges included. True when there is no error, after
// which every index in the model is in range and every accessor may be read.
bool validateStructure(const tinygltf::Model& model, const LoadBudget& budget, Report& report);

// Runs every data check; only after validateStructure() succeeded.
bool validateData(const tinygltf::Model& model, Report& report);

// Pieces, split by subject (GltfValidateMesh.cpp, GltfValidateScene.cpp).
void validateMeshes(const tinygltf::Model& model, const LoadBudget& budget, Report& report);
void validateMaterials(const tinygltf::Model& model, Report& report);
// Refuses files that require an extension whose absence would change geometry or data.
void validateExtensions(const tinygltf::Model& model, Report& report);
// Fills `parents` (one parent per node, -1 for roots) and reports references, loops and nodes
// deeper than `maxDepth` below their root.
bool validateNodes(const tinygltf::Model& model, std::vector<int>& parents, int maxDepth,
                   Report& report);
void validateScenes(const tinygltf::Model& model, const std::vector<int>& parents, Report& report);
void validateSkins(const tinygltf::Model& model, const std::vector<int>& parents, bool hierarchyOk,
                   Report& report);
void validateAnimations(const tinygltf::Model& model, Report& report);

void checkMeshData(const tinygltf::Model& model, Report& report);
void checkSkinData(const tinygltf::Model& model, Report& report);
void checkAnimationData(const tinygltf::Model& model, Report& report);

// A node's rest transform as TRS. A matrix is decomposed (glm::decompose) and accepted only when
// it recomposes to itself: no skew, no projection. nullopt when non-finite or not decomposable.
struct Trs {
    glm::vec3 translation{0.0f};
    glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};  // normalized
    glm::vec3 scale{1.0f};
};
std::optional<Trs> nodeTrs(const tinygltf::Node& node, std::string* why = nullptr);

// The attribute name rules: POSITION, NORMAL, TANGENT, TEXCOORD_n, COLOR_n, JOINTS_n, WEIGHTS_n
// (n without leading zeros) or an application-specific name starting with '_'.
bool isValidAttributeName(const std::string& name);
// "TEXCOORD_3" -> ("TEXCOORD", 3); (name, -1) when not an indexed semantic.
std::pair<std::string, int> splitSemantic(const std::string& name);

}  // namespace ra::core::gltf
