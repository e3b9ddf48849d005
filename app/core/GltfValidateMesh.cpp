// GltfValidateMesh: mesh primitives (attribute names, formats, counts, indices, morph targets),
// materials and textures, and the per-vertex data checks: index ranges, joint indices against
// every skin the mesh is drawn with, and weights that are usable.
#include <algorithm>
#include <map>
#include <set>

#include "core/GltfAccessor.h"
#include "core/GltfValidate.h"

namespace ra::core::gltf {

namespace {

struct ElementCounts {
    uint64_t vertices = 0;
    uint64_t indices = 0;
};

using tinygltf::Accessor;
using tinygltf::Model;
using tinygltf::Primitive;

constexpr int kFloat = TINYGLTF_COMPONENT_TYPE_FLOAT;
constexpr int kUByte = TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE;
constexpr int kUShort = TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT;
constexpr int kUInt = TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT;

bool isFloat(const Accessor& a) {
    return a.componentType == kFloat;
}
bool isUnorm(const Accessor& a) {
    return a.normalized && (a.componentType == kUByte || a.componentType == kUShort);
}

// Empty when the accessor's format suits the attribute, else what it should be.
std::string formatProblem(const std::string& semantic, const Accessor& a) {
    const int t = a.type;
    if (semantic == "POSITION" || semantic == "NORMAL")
        return t == TINYGLTF_TYPE_VEC3 && isFloat(a) ? "" : "must be VEC3 FLOAT";
    if (semantic == "TANGENT")
        return t == TINYGLTF_TYPE_VEC4 && isFloat(a) ? "" : "must be VEC4 FLOAT";
    if (semantic == "TEXCOORD")
        return t == TINYGLTF_TYPE_VEC2 && (isFloat(a) || isUnorm(a))
                   ? ""
                   : "must be VEC2 FLOAT or normalized UNSIGNED_BYTE/UNSIGNED_SHORT";
    if (semantic == "COLOR")
        return (t == TINYGLTF_TYPE_VEC3 || t == TINYGLTF_TYPE_VEC4) && (isFloat(a) || isUnorm(a))
                   ? ""
                   : "must be VEC3/VEC4 FLOAT or normalized UNSIGNED_BYTE/UNSIGNED_SHORT";
    if (semantic == "JOINTS")
        return t == TINYGLTF_TYPE_VEC4 && !a.normalized &&
                       (a.componentType == kUByte || a.componentType == kUShort)
                   ? ""
                   : "must be VEC4 UNSIGNED_BYTE or UNSIGNED_SHORT";
    if (semantic == "WEIGHTS")
        return t == TINYGLTF_TYPE_VEC4 && (isFloat(a) || isUnorm(a))
                   ? ""
                   : "must be VEC4 FLOAT or normalized UNSIGNED_BYTE/UNSIGNED_SHORT";
    return "";  // application-specific attributes may use any format
}

// Attribute names, references, formats and equal counts of one primitive.
bool validateAttributes(const Model& model, const Primitive& p, const std::string& base,
                        Report& report) {
    const int before = report.errorCount();
    std::map<std::string, std::set<int>> sets;  // indexed semantic -> set numbers present
    for (const auto& [name, acc] : p.attributes) {
        const std::string where = base + "/attributes/" + toSegment(name);
        if (!isValidAttributeName(name)) {
            report.error(where, "invalid attribute name '" + name +
                                    "'; custom attributes "
                                    "must start with '_'");
        } else if (!inRange(acc, model.accessors.size())) {
            report.error(where, "accessor " + std::to_string(acc) + " does not exist");
        } else {
            auto [semantic, set] = splitSemantic(name);
            if (set >= 0) sets[semantic].insert(set);
            if (auto why = formatProblem(semantic, model.accessors[size_t(acc)]); !why.empty())
                report.error(where, name + " " + why);
        }
    }
    for (const auto& [semantic, numbers] : sets) {
        if (*numbers.rbegin() != int(numbers.size()) - 1)
            report.error(base + "/attributes", semantic +
                                                   "_n sets must be numbered 0, 1, 2... "
                                                   "without gaps");
    }
    if (sets["JOINTS"].size() != sets["WEIGHTS"].size())
        report.error(base + "/attributes", "every JOINTS_n needs a matching WEIGHTS_n");
    if (report.errorCount() != before) return false;

    size_t count = 0;
    for (const auto& [name, acc] : p.attributes) {
        const size_t c = model.accessors[size_t(acc)].count;
        if (count != 0 && c != count) {
            report.error(base + "/attributes/" + toSegment(name),
                         "all attributes of a primitive must have the same count (" +
                             std::to_string(count) + "), this one has " + std::to_string(c));
            return false;
        }
        count = c;
    }
    return true;
}

void validateTargets(const Model& model, const Primitive& p, const std::string& base,
                     Report& report) {
    for (size_t t = 0; t < p.targets.size(); ++t) {
        for (const auto& [name, acc] : p.targets[t]) {
            const std::string where = base + "/targets/" + toSegment(t) + "/" + toSegment(name);
            if (!isValidAttributeName(name))
                report.error(where, "invalid morph target attribute name '" + name + "'");
            else if (!p.attributes.count(name))
                report.error(where, "morph target attribute " + name +
                                        " has no base attribute in the primitive");
            else if (!inRange(acc, model.accessors.size()))
                report.error(where, "accessor " + std::to_string(acc) + " does not exist");
        }
    }
}

void validateIndices(const Model& model, const Primitive& p, const std::string& base,
                     Report& report) {
    if (p.indices < 0) return;
    if (!inRange(p.indices, model.accessors.size())) {
        report.error(base + "/indices",
                     "accessor " + std::to_string(p.indices) + " does not exist");
        return;
    }
    const Accessor& a = model.accessors[size_t(p.indices)];
    const bool intType =
        a.componentType == kUByte || a.componentType == kUShort || a.componentType == kUInt;
    if (a.type != TINYGLTF_TYPE_SCALAR || !intType || a.normalized) {
        report.error(base + "/indices", std::string("indices must be SCALAR UNSIGNED_BYTE, "
                                                    "UNSIGNED_SHORT or UNSIGNED_INT, not {") +
                                            typeName(a.type) + ", " +
                                            componentTypeName(a.componentType) + "}");
    }
}

// Adds the primitive's triangle-list vertices and indices to `counts` for the model's budget.
void validatePrimitive(const Model& model, size_t m, size_t i, ElementCounts& counts,
                       Report& report) {
    const Primitive& p = model.meshes[m].primitives[i];
    const std::string base = ptr("meshes", m, "primitives", i);
    if (p.mode < TINYGLTF_MODE_POINTS || p.mode > TINYGLTF_MODE_TRIANGLE_FAN)
        report.error(base + "/mode", "unknown primitive mode " + std::to_string(p.mode));
    if (p.material != -1 && !inRange(p.material, model.materials.size()))
        report.error(base + "/material",
                     "material " + std::to_string(p.material) + " does not exist");
    validateIndices(model, p, base, report);
    validateTargets(model, p, base, report);
    if (!validateAttributes(model, p, base, report)) return;
    if (p.mode != TINYGLTF_MODE_TRIANGLES) return;
    auto pos = p.attributes.find("POSITION");
    if (pos != p.attributes.end()) counts.vertices += model.accessors[size_t(pos->second)].count;
    if (inRange(p.indices, model.accessors.size()))
        counts.indices += model.accessors[size_t(p.indices)].count;
}

// Largest joint index carrying a non-zero weight in any JOINTS_n/WEIGHTS_n pair; also reports
// negative weights. -1 when the primitive has no joints.
long maxUsedJoint(const Model& model, const Primitive& p, const std::string& base, Report& report) {
    long maxJoint = -1;
    for (int set = 0;; ++set) {
        auto j = p.attributes.find("JOINTS_" + std::to_string(set));
        auto w = p.attributes.find("WEIGHTS_" + std::to_string(set));
        if (j == p.attributes.end() || w == p.attributes.end()) break;
        const AccessorCursor joints(model, j->second);
        const AccessorCursor weights(model, w->second);
        for (size_t v = 0; v < joints.count(); ++v) {
            for (uint32_t k = 0; k < 4; ++k) {
                const float weight = weights.value(v, k);
                if (weight < 0.0f) {
                    report.error(base + "/attributes/" + w->first,
                                 "vertex " + std::to_string(v) + " has a negative weight");
                    return maxJoint;
                }
                if (weight > 0.0f) maxJoint = std::max(maxJoint, long(joints.raw(v, k)));
            }
        }
    }
    return maxJoint;
}

void checkIndexRange(const Model& model, const Primitive& p, const std::string& base,
                     Report& report) {
    auto pos = p.attributes.find("POSITION");
    if (p.indices < 0 || pos == p.attributes.end()) return;
    const size_t vertexCount = model.accessors[size_t(pos->second)].count;
    const AccessorCursor indices(model, p.indices);
    for (size_t k = 0; k < indices.count(); ++k) {
        const double index = indices.raw(k, 0);
        if (index >= double(vertexCount)) {
            report.error(base + "/indices", "index " + std::to_string(k) + " is " +
                                                std::to_string(uint64_t(index)) +
                                                " but the primitive has only " +
                                                std::to_string(vertexCount) + " vertices");
            return;
        }
    }
}

}  // namespace

bool isValidAttributeName(const std::string& name) {
    if (name == "POSITION" || name == "NORMAL" || name == "TANGENT") return true;
    if (name.size() > 1 && name[0] == '_') return true;
    auto [semantic, set] = splitSemantic(name);
    return set >= 0 && (semantic == "TEXCOORD" || semantic == "COLOR" || semantic == "JOINTS" ||
                        semantic == "WEIGHTS");
}

std::pair<std::string, int> splitSemantic(const std::string& name) {
    const size_t us = name.rfind('_');
    if (us == std::string::npos || us == 0 || us + 1 >= name.size()) return {name, -1};
    const std::string digits = name.substr(us + 1);
    if (digits.size() > 4 || (digits.size() > 1 && digits[0] == '0')) return {name, -1};
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return {name, -1};
    return {name.substr(0, us), std::stoi(digits)};
}

void validateMeshes(const Model& model, const LoadBudget& budget, Report& report) {
    ElementCounts counts;
    for (size_t m = 0; m < model.meshes.size(); ++m) {
        if (model.meshes[m].primitives.empty())
            report.error(ptr("meshes", m, "primitives"), "a mesh needs at least one primitive");
        for (size_t i = 0; i < model.meshes[m].primitives.size(); ++i)
            validatePrimitive(model, m, i, counts, report);
    }
    if (counts.vertices > budget.maxVertices)
        report.error("/meshes", "the model has " + std::to_string(counts.vertices) +
                                    " vertices, more than the budget of " +
                                    std::to_string(budget.maxVertices));
    if (counts.indices > budget.maxIndices)
        report.error("/meshes", "the model has " + std::to_string(counts.indices) +
                                    " triangle indices, more than the budget of " +
                                    std::to_string(budget.maxIndices));
}

void validateMaterials(const Model& model, Report& report) {
    for (size_t i = 0; i < model.materials.size(); ++i) {
        const auto& mat = model.materials[i];
        const auto& pbr = mat.pbrMetallicRoughness;
        const std::pair<const char*, int> refs[] = {
            {"pbrMetallicRoughness/baseColorTexture", pbr.baseColorTexture.index},
            {"pbrMetallicRoughness/metallicRoughnessTexture", pbr.metallicRoughnessTexture.index},
            {"normalTexture", mat.normalTexture.index},
            {"occlusionTexture", mat.occlusionTexture.index},
            {"emissiveTexture", mat.emissiveTexture.index}};
        for (const auto& [path, index] : refs) {
            if (index != -1 && !inRange(index, model.textures.size()))
                report.error(ptr("materials", i) + "/" + path + "/index",
                             "texture " + std::to_string(index) + " does not exist");
        }
    }
    for (size_t i = 0; i < model.textures.size(); ++i) {
        const auto& t = model.textures[i];
        if (t.source != -1 && !inRange(t.source, model.images.size()))
            report.error(ptr("textures", i, "source"),
                         "image " + std::to_string(t.source) + " does not exist");
        if (t.sampler != -1 && !inRange(t.sampler, model.samplers.size()))
            report.error(ptr("textures", i, "sampler"),
                         "sampler " + std::to_string(t.sampler) + " does not exist");
    }
    for (size_t i = 0; i < model.images.size(); ++i) {
        const int view = model.images[i].bufferView;
        if (view != -1 && !inRange(view, model.bufferViews.size()))
            report.error(ptr("images", i, "bufferView"),
                         "bufferView " + std::to_string(view) + " does not exist");
    }
}

void validateExtensions(const Model& model, Report& report) {
    // Required extensions that only change shading; drawing without them is still faithful.
    static const std::set<std::string> kIgnorable = {
        "KHR_materials_unlit", "KHR_materials_emissive_strength", "KHR_texture_transform"};
    for (size_t i = 0; i < model.extensionsRequired.size(); ++i) {
        const std::string& ext = model.extensionsRequired[i];
        if (kIgnorable.count(ext)) continue;
        report.error(ptr("extensionsRequired", i),
                     "the file requires the extension " + ext +
                         ", which Roller Atlas does not "
                         "support; re-export without it (e.g. without Draco or Basis compression)");
    }
}

void checkMeshData(const Model& model, Report& report) {
    // Joint ranges depend on the skin a node draws the mesh with, so collect those first.
    std::vector<std::vector<int>> skinsOfMesh(model.meshes.size());
    for (const auto& node : model.nodes)
        if (node.mesh >= 0 && node.skin >= 0) skinsOfMesh[size_t(node.mesh)].push_back(node.skin);

    for (size_t m = 0; m < model.meshes.size(); ++m) {
        for (size_t i = 0; i < model.meshes[m].primitives.size(); ++i) {
            const Primitive& p = model.meshes[m].primitives[i];
            const std::string base = ptr("meshes", m, "primitives", i);
            checkIndexRange(model, p, base, report);
            const long maxJoint = maxUsedJoint(model, p, base, report);
            for (int skin : skinsOfMesh[m]) {
                const size_t joints = model.skins[size_t(skin)].joints.size();
                if (maxJoint >= long(joints)) {
                    report.error(base + "/attributes", "joint index " + std::to_string(maxJoint) +
                                                           " is used but skin " +
                                                           std::to_string(skin) + " has only " +
                                                           std::to_string(joints) + " joints");
                    break;
                }
            }
        }
    }
}

}  // namespace ra::core::gltf
