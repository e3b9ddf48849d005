// GltfConvert: nodes, skins, materials, images, animations and scene roots of a validated model
// into ModelData. Meshes are converted in GltfConvertMesh.cpp.
#include "core/GltfConvert.h"

#include <algorithm>
#include <glm/gtc/type_ptr.hpp>
#include <map>

#include "core/GltfAccessor.h"
#include "core/GltfValidate.h"

namespace ra::core::gltf {

namespace {

using tinygltf::Model;

std::vector<Node> convertNodes(const Model& model) {
    std::vector<Node> nodes(model.nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i) {
        const tinygltf::Node& src = model.nodes[i];
        Node& n = nodes[i];
        n.name = src.name;
        n.children = src.children;
        n.mesh = src.mesh;
        n.skin = src.skin;
        const Trs trs = nodeTrs(src).value_or(Trs{});  // validated: always has a value
        n.translation = trs.translation;
        n.rotation = trs.rotation;
        n.scale = trs.scale;
    }
    for (size_t i = 0; i < nodes.size(); ++i)
        for (int c : nodes[i].children) nodes[size_t(c)].parent = int(i);
    return nodes;
}

Skin convertSkin(const Model& model, size_t s) {
    const tinygltf::Skin& src = model.skins[s];
    Skin skin;
    skin.name = src.name;
    skin.joints = src.joints;
    skin.skeleton = src.skeleton;
    skin.inverseBind.assign(src.joints.size(), glm::mat4(1.0f));  // spec: missing = identity
    if (src.inverseBindMatrices >= 0) {
        const std::vector<float> f = readFloats(model, src.inverseBindMatrices);
        for (size_t j = 0; j < skin.inverseBind.size(); ++j)
            skin.inverseBind[j] = glm::make_mat4(&f[16 * j]);  // both column-major
    }
    return skin;
}

// A skinned mesh drawn by a node without a skin is shown unskinned; say so once per node.
void warnSkinlessSkinnedMeshes(const ModelData& data, Report& report) {
    for (size_t i = 0; i < data.nodes.size(); ++i) {
        const Node& n = data.nodes[i];
        if (n.mesh < 0 || n.skin >= 0) continue;
        const auto& prims = data.meshes[size_t(n.mesh)].primitives;
        if (std::any_of(prims.begin(), prims.end(), [](const Primitive& p) { return p.skinned(); }))
            report.warning(ptr("nodes", i),
                           "the node's mesh has joints and weights but the node "
                           "has no skin; it is drawn without skinning");
    }
}

// Decodes the images materials use as base color; other images are never drawn, so they only
// get a header check that warns about unreadable files.
std::map<int, int> convertImages(const Model& model, const ImageCapture& capture,
                                 const LoadBudget& budget, ModelData& data, Report& report) {
    std::vector<bool> used(model.images.size(), false);
    for (const auto& m : model.materials) {
        const int tex = m.pbrMetallicRoughness.baseColorTexture.index;
        if (tex >= 0 && model.textures[size_t(tex)].source >= 0)
            used[size_t(model.textures[size_t(tex)].source)] = true;
    }
    std::map<int, int> remap;
    for (size_t i = 0; i < model.images.size(); ++i) {
        if (!used[i]) {
            auto it = capture.encoded.find(int(i));
            const bool readable = model.images[i].bufferView >= 0 ||
                                  (it != capture.encoded.end() &&
                                   peekImageSize(it->second.data(), it->second.size()));
            if (!readable)
                report.warning(ptr("images", i),
                               "the image cannot be read; it is not used for "
                               "drawing, so nothing changes");
            continue;
        }
        if (auto img = decodeImage(model, int(i), capture, budget, report)) {
            remap[int(i)] = int(data.images.size());
            data.images.push_back(std::move(*img));
        }
    }
    return remap;
}

void convertMaterials(const Model& model, const std::map<int, int>& imageOf, ModelData& data,
                      Report& report) {
    for (size_t i = 0; i < model.materials.size(); ++i) {
        const tinygltf::Material& src = model.materials[i];
        const auto& pbr = src.pbrMetallicRoughness;
        Material m;
        m.name = src.name;
        if (pbr.baseColorFactor.size() == 4)
            m.baseColor = glm::vec4(float(pbr.baseColorFactor[0]), float(pbr.baseColorFactor[1]),
                                    float(pbr.baseColorFactor[2]), float(pbr.baseColorFactor[3]));
        m.roughness = float(pbr.roughnessFactor);
        m.metallic = float(pbr.metallicFactor);
        m.doubleSided = src.doubleSided;
        if (pbr.baseColorTexture.index >= 0) {
            const int image = model.textures[size_t(pbr.baseColorTexture.index)].source;
            auto it = imageOf.find(image);
            m.baseColorImage = it == imageOf.end() ? -1 : it->second;
            if (pbr.baseColorTexture.texCoord != 0)
                report.warning(ptr("materials", i, "pbrMetallicRoughness", "baseColorTexture"),
                               "only TEXCOORD_0 is supported; the texture uses set 0");
        }
        data.materials.push_back(std::move(m));
    }
}

AnimationChannel convertChannel(const Model& model, const tinygltf::Animation& anim,
                                const tinygltf::AnimationChannel& ch) {
    const auto& sampler = anim.samplers[size_t(ch.sampler)];
    AnimationChannel out;
    out.node = ch.target_node;
    out.path = ch.target_path == "translation" ? AnimPath::Translation
               : ch.target_path == "rotation"  ? AnimPath::Rotation
                                               : AnimPath::Scale;
    out.interpolation = sampler.interpolation == "STEP"          ? Interpolation::Step
                        : sampler.interpolation == "CUBICSPLINE" ? Interpolation::CubicSpline
                                                                 : Interpolation::Linear;
    out.times = readFloats(model, sampler.input);
    out.values = readFloats(model, sampler.output);
    if (out.path == AnimPath::Rotation && out.interpolation != Interpolation::CubicSpline) {
        // Keys were checked to be unit within tolerance; make them exactly unit.
        for (size_t k = 0; k + 3 < out.values.size(); k += 4) {
            const glm::vec4 q = glm::normalize(glm::make_vec4(&out.values[k]));
            for (int i = 0; i < 4; ++i) out.values[k + size_t(i)] = q[i];
        }
    }
    return out;
}

Animation convertAnimation(const Model& model, size_t a) {
    const tinygltf::Animation& src = model.animations[a];
    Animation anim;
    anim.name = src.name;
    for (const auto& ch : src.channels) {
        const bool usable =
            ch.target_node >= 0 && (ch.target_path == "translation" ||
                                    ch.target_path == "rotation" || ch.target_path == "scale");
        if (!usable) continue;  // warned about during validation
        anim.channels.push_back(convertChannel(model, src, ch));
        anim.duration = std::max(anim.duration, anim.channels.back().times.back());
    }
    return anim;
}

std::vector<int> sceneRoots(const Model& model, const std::vector<Node>& nodes) {
    if (model.defaultScene >= 0) return model.scenes[size_t(model.defaultScene)].nodes;
    if (!model.scenes.empty()) return model.scenes[0].nodes;
    std::vector<int> roots;
    for (size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].parent < 0) roots.push_back(int(i));
    return roots;
}

}  // namespace

ModelData convertModel(const Model& model, const ImageCapture& images, const LoadBudget& budget,
                       Report& report) {
    ModelData data;
    data.nodes = convertNodes(model);
    data.roots = sceneRoots(model, data.nodes);
    data.regions = convertRegions(model, report);
    for (size_t m = 0; m < model.meshes.size(); ++m)
        data.meshes.push_back(convertMesh(model, int(m), data.regions.size(), report));
    for (size_t s = 0; s < model.skins.size(); ++s) data.skins.push_back(convertSkin(model, s));
    const auto imageOf = convertImages(model, images, budget, data, report);
    convertMaterials(model, imageOf, data, report);
    for (size_t a = 0; a < model.animations.size(); ++a)
        data.animations.push_back(convertAnimation(model, a));
    warnSkinlessSkinnedMeshes(data, report);
    return data;
}

}  // namespace ra::core::gltf
