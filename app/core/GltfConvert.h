// GltfConvert: turns a tinygltf::Model that passed validation into ModelData: TRS nodes, triangle
// primitives with generated normals/indices where missing, skins, base-color materials with
// decoded images, animation channels and anatomy labels. Recoverable oddities become warnings.
#pragma once

#include <tiny_gltf.h>

#include "core/GltfCommon.h"
#include "core/GltfImages.h"
#include "core/GltfLoader.h"
#include "core/ModelData.h"

namespace ra::core::gltf {

// `model` must have passed validateStructure() and validateData().
ModelData convertModel(const tinygltf::Model& model, const ImageCapture& images,
                       const LoadBudget& budget, Report& report);

// One mesh (GltfConvertMesh.cpp). Non-triangle primitives and primitives without positions are
// skipped with a warning. `regionCount` is the size of the model's region table.
Mesh convertMesh(const tinygltf::Model& model, int mesh, size_t regionCount, Report& report);

// Anatomy labels (GltfRegions.cpp). They need the raw `extras` text, so the parser must run with
// SetStoreOriginalJSONForExtrasAndExtensions(true). Problems are warnings: the region table is
// then empty, the mesh a skin mesh, the primitive unlabelled.
std::vector<RegionInfo> convertRegions(const tinygltf::Model& model, Report& report);
MeshLayer convertMeshLayer(const tinygltf::Model& model, int mesh, Report& report);
// Reads _REGION_IDS/_REGION_WEIGHTS into `out` (whose positions are already read).
void convertRegionLabels(const tinygltf::Model& model, const tinygltf::Primitive& p,
                         size_t regionCount, const std::string& base, Primitive& out,
                         Report& report);

// Area-weighted smooth vertex normals for an indexed triangle list.
std::vector<glm::vec3> smoothNormals(const std::vector<glm::vec3>& positions,
                                     const std::vector<uint32_t>& indices);

}  // namespace ra::core::gltf
