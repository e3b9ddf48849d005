// Mannequin: assembles the default figure's ModelData: one node per joint (rest TRS), the skinned
// mesh node, the skin with its inverse bind matrices, the material and the demo animation.
#include "core/Mannequin.h"

#include <glm/gtc/matrix_transform.hpp>

#include "core/MannequinAnimation.h"
#include "core/MannequinRig.h"
#include "core/MannequinShape.h"

namespace ra::core {

using namespace mannequin;

namespace {

void addSkeleton(const Rig& rig, ModelData& model) {
    for (int i = 0; i < kJointCount; ++i) {
        Node n;
        n.name = std::string(rig.names[i]);
        n.parent = rig.parents[i];
        n.translation = n.parent < 0 ? rig.rest[i] : rig.rest[i] - rig.rest[n.parent];
        model.nodes.push_back(n);
        if (n.parent >= 0) model.nodes[n.parent].children.push_back(i);
    }
    Skin skin;
    skin.name = "mannequin_skin";
    skin.skeleton = idx(Joint::Pelvis);
    for (int i = 0; i < kJointCount; ++i) {
        skin.joints.push_back(i);
        skin.inverseBind.push_back(glm::translate(glm::mat4{1.0f}, -rig.rest[i]));
    }
    model.skins.push_back(skin);
}

}  // namespace

ModelData buildMannequin() {
    const Rig& rig = mannequinRig();
    ModelData model;
    model.sourcePath = "mannequin";
    addSkeleton(rig, model);

    MannequinSkin skin = buildMannequinSkin(rig);
    DemoSkin demoSkin;
    demoSkin.primitive = &skin.primitive;
    for (const SkinPart& part : skin.parts) {
        const bool leg = part.name.starts_with("leg") || part.name.starts_with("foot");
        for (uint32_t v = part.firstVertex; v < part.firstVertex + part.vertexCount; ++v) {
            if (!leg) demoSkin.trunk.push_back(v);
            if (part.name != "torso") continue;
            demoSkin.torso.push_back(v);
            if (skin.primitive.positions[v].y < 1.0f) demoSkin.seat.push_back(v);
        }
    }
    Animation demo = buildDemoAnimation(rig, demoSkin);
    skin.primitive.material = 0;
    model.meshes.push_back({"mannequin", {std::move(skin.primitive)}});

    // Glued to the scene root with no transform of its own, as glTF wants for skinned meshes.
    Node body;
    body.name = "mannequin";
    body.mesh = 0;
    body.skin = 0;
    model.nodes.push_back(body);
    model.roots = {idx(Joint::Pelvis), static_cast<int>(model.nodes.size()) - 1};

    Material matte;
    matte.name = "mannequin_matte";
    matte.baseColor = {0.58f, 0.51f, 0.44f, 1.0f};  // linear; a warm grey-beige in sRGB
    matte.roughness = 0.85f;
    matte.metallic = 0.0f;
    model.materials.push_back(matte);
    model.animations.push_back(std::move(demo));
    return model;
}

}  // namespace ra::core
