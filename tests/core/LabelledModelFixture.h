// LabelledModelFixture: a tiny anatomy model with everything our body models carry: a skinned,
// closed skin cube with region labels, an x-ray skeleton mesh and a region table. Shared by the
// loader round-trip tests (core) and the Khronos validator test (e2e).
#pragma once

#include <glm/gtc/matrix_transform.hpp>

#include "core/ModelData.h"

namespace ra::test {

inline core::ModelData labelledModel() {
    using namespace ra::core;
    ModelData m;
    Primitive skin;
    // A 1 m cube standing on the floor, wound outward (counter-clockwise seen from outside).
    skin.positions = {{-0.5f, 0, -0.5f}, {0.5f, 0, -0.5f}, {0.5f, 1, -0.5f}, {-0.5f, 1, -0.5f},
                      {-0.5f, 0, 0.5f},  {0.5f, 0, 0.5f},  {0.5f, 1, 0.5f},  {-0.5f, 1, 0.5f}};
    skin.indices = {0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4,
                    3, 7, 6, 3, 6, 2, 0, 4, 7, 0, 7, 3, 1, 2, 6, 1, 6, 5};
    for (const glm::vec3& p : skin.positions) {
        skin.normals.push_back(glm::normalize(p - glm::vec3(0.0f, 0.5f, 0.0f)));
        // The top follows the second joint; slots with no weight hold joint 0 (as glTF asks).
        const bool top = p.y > 0.5f;
        skin.joints.push_back(top ? glm::u16vec4(0, 1, 0, 0) : glm::u16vec4(0));
        skin.weights.push_back(top ? glm::vec4(0.25f, 0.75f, 0.0f, 0.0f) : glm::vec4(1, 0, 0, 0));
        // Bottom: region 1 alone; top: shared between regions 2 and 3 (weights sum to 255).
        skin.regionIds.push_back(top ? glm::u8vec4(2, 3, 0, 0) : glm::u8vec4(1, 0, 0, 0));
        skin.regionWeights.push_back(top ? glm::u8vec4(200, 55, 0, 0) : glm::u8vec4(255, 0, 0, 0));
    }
    m.meshes.push_back({"skin", {skin}, MeshLayer::Skin});

    Primitive bone;
    bone.positions = {{0, 0.2f, 0}, {0.1f, 0.2f, 0}, {0, 0.8f, 0}};
    bone.normals = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}};
    bone.indices = {0, 1, 2};
    m.meshes.push_back({"spine_bones", {bone}, MeshLayer::Skeleton});

    Node body;
    body.name = "body";
    body.mesh = 0;
    body.skin = 0;
    Node hips;
    hips.name = "hips";
    hips.children = {3};
    Node bones;
    bones.name = "bones";
    bones.mesh = 1;
    Node chest;
    chest.name = "chest";
    chest.parent = 1;
    chest.translation = {0.0f, 0.5f, 0.0f};
    m.nodes = {body, hips, bones, chest};
    m.roots = {0, 1, 2};
    Skin s;
    s.name = "skeleton";
    s.joints = {1, 3};
    s.inverseBind = {glm::mat4(1.0f),
                     glm::inverse(glm::translate(glm::mat4(1.0f), chest.translation))};
    s.skeleton = 1;
    m.skins.push_back(s);

    m.regions = {
        {"skin", "Skin", RegionKind::Neutral, "", {}},
        {"thoracic_extensors",
         "Thoracic extensors",
         RegionKind::Target,
         "The muscles along the upper back.",
         {"smr-guide", "general"}},
        {"lumbar_spine",
         "Lumbar spine",
         RegionKind::NoGo,
         "Do not roll the lower back.",
         {"general"}},
        {"ribs", "Ribs", RegionKind::Caution, "Roll gently over the ribs.", {}},
    };
    return m;
}

}  // namespace ra::test
