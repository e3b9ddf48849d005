// GltfConvert: turns a tinygltf::Model that passed validation into ModelData: TRS nodes, triangle
// primitives with generated normals/indices where missing, skins, base-color materials with
// decoded images, and animation channels. Recoverable oddities become warnings here.
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
// skipped with a warning.
Mesh convertMesh(const tinygltf::Model& model, int mesh, Report& report);

// Area-weighted smooth vertex normals for an indexed triangle list.
std::vector<glm::vec3> smoothNormals(const std::vector<glm::vec3>& positions,
                                     const std::vector<uint32_t>& indices);

}  // namespace ra::core::gltf
