// GltfValidateScene: nodes (references, finite TRS, decomposable matrices, one parent each, no
// loops), scenes, skins (joints, inverse bind matrices, common root) and animations (samplers,
// channels, key times, unit quaternions). All traversals are iterative.
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtx/matrix_decompose.hpp>
#include <set>

#include "core/GltfAccessor.h"
#include "core/GltfValidate.h"

namespace ra::core::gltf {

namespace {

using tinygltf::Model;

bool allFinite(const std::vector<double>& v) {
    for (double x : v)
        if (!std::isfinite(x)) return false;
    return true;
}

std::optional<Trs> matrixTrs(const std::vector<double>& values, std::string* why) {
    glm::mat4 m;
    float largest = 1.0f;
    for (int i = 0; i < 16; ++i) {
        m[i / 4][i % 4] = float(values[size_t(i)]);  // glTF and glm are both column-major
        largest = std::max(largest, std::abs(m[i / 4][i % 4]));
    }
    Trs trs;
    glm::vec3 skew;
    glm::vec4 perspective;
    bool ok = glm::decompose(m, trs.scale, trs.rotation, trs.translation, skew, perspective);
    if (ok) {
        trs.rotation = glm::normalize(trs.rotation);
        const glm::mat4 back = glm::translate(glm::mat4(1.0f), trs.translation) *
                               glm::mat4_cast(trs.rotation) *
                               glm::scale(glm::mat4(1.0f), trs.scale);
        for (int c = 0; c < 4 && ok; ++c)
            for (int r = 0; r < 4 && ok; ++r)
                ok = std::abs(back[c][r] - m[c][r]) <= 1e-4f * largest;  // NaN fails too
    }
    if (!ok && why)
        *why =
            "matrix cannot be split into translation, rotation and scale (it has skew, "
            "projection or a zero scale)";
    return ok ? std::optional<Trs>(trs) : std::nullopt;
}

// Walks from `node` to its root; stops after `limit` steps so a corrupt table cannot hang it.
int rootOf(int node, const std::vector<int>& parents) {
    for (size_t steps = 0; parents[size_t(node)] >= 0 && steps < parents.size(); ++steps)
        node = parents[size_t(node)];
    return node;
}

bool isAncestorOrSelf(int ancestor, int node, const std::vector<int>& parents) {
    for (size_t steps = 0; node >= 0 && steps <= parents.size(); ++steps) {
        if (node == ancestor) return true;
        node = parents[size_t(node)];
    }
    return false;
}

// Walks up from every node once (no recursion: a chain of a million nodes is fine), reporting
// loops through 'children' (naming at most a few nodes of each) and the first node deeper than
// `maxDepth` below its root.
void checkHierarchy(const std::vector<int>& parents, int maxDepth, Report& report) {
    constexpr int kNamedPerLoop = 8;
    // 0 = unvisited, 1 = on the current upward walk, 2 = done (depth known).
    std::vector<uint8_t> state(parents.size(), 0);
    std::vector<int> depth(parents.size(), 0);
    bool tooDeepReported = false;
    std::vector<int> walk;
    for (size_t start = 0; start < parents.size(); ++start) {
        walk.clear();
        int cur = int(start);
        while (cur >= 0 && state[size_t(cur)] == 0) {
            state[size_t(cur)] = 1;
            walk.push_back(cur);
            cur = parents[size_t(cur)];
        }
        int below = -1;  // depth of the node above the walk's top; -1 above a root
        if (cur >= 0 && state[size_t(cur)] == 1) {  // came back onto this walk: a loop
            int n = cur, named = 0, length = 0;
            do {
                if (named++ < kNamedPerLoop)
                    report.error(ptr("nodes", n), "node " + std::to_string(n) +
                                                      " is its own ancestor (a loop through "
                                                      "'children'); the hierarchy must be a tree");
                ++length;
                n = parents[size_t(n)];
            } while (n != cur);
            if (length > kNamedPerLoop)
                report.error(ptr("nodes", cur), "the loop through node " + std::to_string(cur) +
                                                    " has " + std::to_string(length) + " nodes");
            for (int w : walk) state[size_t(w)] = 2;  // depth means nothing in a loop
            continue;
        }
        if (cur >= 0) {
            below = depth[size_t(cur)];
        }
        for (auto it = walk.rbegin(); it != walk.rend(); ++it) {
            depth[size_t(*it)] = ++below;
            state[size_t(*it)] = 2;
        }
        if (!tooDeepReported && depth[start] > maxDepth) {
            report.error(ptr("nodes", start),
                         "node " + std::to_string(start) + " is " + std::to_string(depth[start]) +
                             " levels below its root, more than the limit of " +
                             std::to_string(maxDepth));
            tooDeepReported = true;
        }
    }
}

void validateNodeRefs(const Model& model, size_t i, Report& report) {
    const tinygltf::Node& node = model.nodes[i];
    const std::string base = ptr("nodes", i);
    if (node.mesh != -1 && !inRange(node.mesh, model.meshes.size()))
        report.error(base + "/mesh", "mesh " + std::to_string(node.mesh) + " does not exist");
    if (node.skin != -1 && !inRange(node.skin, model.skins.size()))
        report.error(base + "/skin", "skin " + std::to_string(node.skin) + " does not exist");
    if (node.skin != -1 && node.mesh == -1)
        report.error(base + "/skin", "a node with a skin must also have a mesh");
    if (node.camera != -1 && !inRange(node.camera, model.cameras.size()))
        report.error(base + "/camera", "camera " + std::to_string(node.camera) + " does not exist");
    std::string why;
    if (!nodeTrs(node, &why)) report.error(base, why);
    const auto& q = node.rotation;
    if (q.size() == 4 && allFinite(q)) {
        const double len = std::sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        if (len > 0.0 && std::abs(len - 1.0) > kUnitLengthTolerance)
            report.warning(base + "/rotation", "rotation is not a unit quaternion; normalized");
    }
}

void checkSkinRoots(const Model& model, size_t s, const std::vector<int>& parents, Report& report) {
    const tinygltf::Skin& skin = model.skins[s];
    const int root = rootOf(skin.joints.front(), parents);
    for (int j : skin.joints) {
        if (rootOf(j, parents) != root) {
            report.error(ptr("skins", s, "joints"),
                         "the joints do not share a common root "
                         "node; a skin must be one skeleton");
            return;
        }
    }
    for (int j : skin.joints) {
        if (skin.skeleton >= 0 && !isAncestorOrSelf(skin.skeleton, j, parents)) {
            report.error(ptr("skins", s, "skeleton"),
                         "skeleton node " + std::to_string(skin.skeleton) +
                             " is not an ancestor of joint node " + std::to_string(j));
            return;
        }
    }
}

void validateSkinIbm(const Model& model, size_t s, Report& report) {
    const tinygltf::Skin& skin = model.skins[s];
    const std::string where = ptr("skins", s, "inverseBindMatrices");
    if (skin.inverseBindMatrices == -1) return;
    if (!inRange(skin.inverseBindMatrices, model.accessors.size())) {
        report.error(where,
                     "accessor " + std::to_string(skin.inverseBindMatrices) + " does not exist");
        return;
    }
    const auto& a = model.accessors[size_t(skin.inverseBindMatrices)];
    if (a.type != TINYGLTF_TYPE_MAT4 || a.componentType != TINYGLTF_COMPONENT_TYPE_FLOAT)
        report.error(where, std::string("inverse bind matrices must be MAT4 FLOAT, not {") +
                                typeName(a.type) + ", " + componentTypeName(a.componentType) + "}");
    else if (a.count < skin.joints.size())
        report.error(where, "the skin has " + std::to_string(skin.joints.size()) +
                                " joints but only " + std::to_string(a.count) +
                                " inverse bind matrices");
}

bool isTrsPath(const std::string& path) {
    return path == "translation" || path == "rotation" || path == "scale";
}

void validateChannelOutput(const Model& model, size_t an, size_t c, Report& report) {
    const auto& anim = model.animations[an];
    const auto& ch = anim.channels[c];
    const auto& sampler = anim.samplers[size_t(ch.sampler)];
    if (!inRange(sampler.input, model.accessors.size()) ||
        !inRange(sampler.output, model.accessors.size()))
        return;  // reported with the sampler
    const auto& out = model.accessors[size_t(sampler.output)];
    const bool rotation = ch.target_path == "rotation";
    const bool isFloat = out.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT;
    const bool isNormalizedInt =
        out.normalized && out.componentType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT;
    const bool okFormat = rotation ? out.type == TINYGLTF_TYPE_VEC4 && (isFloat || isNormalizedInt)
                                   : out.type == TINYGLTF_TYPE_VEC3 && isFloat;
    if (!okFormat)
        report.error(ptr("animations", an, "samplers", ch.sampler, "output"),
                     ch.target_path + (rotation ? " keys must be VEC4 FLOAT or normalized "
                                                  "integers"
                                                : " keys must be VEC3 FLOAT"));
    const size_t keys = model.accessors[size_t(sampler.input)].count;
    const bool cubic = sampler.interpolation == "CUBICSPLINE";
    const size_t expected = cubic ? keys * 3 : keys;
    if (out.count != expected)
        report.error(ptr("animations", an, "channels", c, "sampler"),
                     "the sampler has " + std::to_string(keys) +
                         " key times, so its output "
                         "needs " +
                         std::to_string(expected) + " values, not " + std::to_string(out.count));
    if (cubic && keys < 2)
        report.error(ptr("animations", an, "samplers", ch.sampler, "input"),
                     "CUBICSPLINE interpolation needs at least two keys");
}

void validateSampler(const Model& model, size_t an, size_t s, Report& report) {
    const auto& sampler = model.animations[an].samplers[s];
    const std::string base = ptr("animations", an, "samplers", s);
    if (!inRange(sampler.input, model.accessors.size())) {
        report.error(base + "/input",
                     "accessor " + std::to_string(sampler.input) + " does not exist");
    } else {
        const auto& in = model.accessors[size_t(sampler.input)];
        if (in.type != TINYGLTF_TYPE_SCALAR || in.componentType != TINYGLTF_COMPONENT_TYPE_FLOAT)
            report.error(base + "/input", "key times must be SCALAR FLOAT");
    }
    if (!inRange(sampler.output, model.accessors.size()))
        report.error(base + "/output",
                     "accessor " + std::to_string(sampler.output) + " does not exist");
    const auto& ip = sampler.interpolation;
    if (ip != "LINEAR" && ip != "STEP" && ip != "CUBICSPLINE")
        report.error(base + "/interpolation",
                     "unknown interpolation '" + ip + "'; use LINEAR, STEP or CUBICSPLINE");
}

void checkKeyTimes(const Model& model, size_t an, size_t s, Report& report) {
    const auto& sampler = model.animations[an].samplers[s];
    const AccessorCursor times(model, sampler.input);
    for (size_t k = 0; k < times.count(); ++k) {
        const double t = times.raw(k, 0);
        const bool bad = t < 0.0 || (k > 0 && t <= times.raw(k - 1, 0));
        if (bad) {
            report.error(ptr("animations", an, "samplers", s, "input"),
                         "key time " + std::to_string(k) + " (" + std::to_string(t) +
                             "s) is negative or not after the previous key");
            return;
        }
    }
}

void checkRotationKeys(const Model& model, size_t an, size_t c, Report& report) {
    const auto& anim = model.animations[an];
    const auto& sampler = anim.samplers[size_t(anim.channels[c].sampler)];
    const AccessorCursor values(model, sampler.output);
    const bool cubic = sampler.interpolation == "CUBICSPLINE";
    for (size_t k = cubic ? 1 : 0; k < values.count(); k += cubic ? 3 : 1) {
        double len2 = 0.0;
        for (uint32_t i = 0; i < 4; ++i) len2 += double(values.value(k, i)) * values.value(k, i);
        if (std::abs(std::sqrt(len2) - 1.0) > kUnitLengthTolerance) {
            report.error(ptr("animations", an, "channels", c, "sampler"),
                         "rotation key " + std::to_string(k) +
                             " is not a unit quaternion "
                             "(length " +
                             std::to_string(std::sqrt(len2)) + ")");
            return;
        }
    }
}

}  // namespace

std::optional<Trs> nodeTrs(const tinygltf::Node& node, std::string* why) {
    auto fail = [&](const char* message) -> std::optional<Trs> {
        if (why) *why = message;
        return std::nullopt;
    };
    const bool hasTrs = !node.translation.empty() || !node.rotation.empty() || !node.scale.empty();
    if (!node.matrix.empty()) {
        if (hasTrs) return fail("a node may have a matrix or translation/rotation/scale, not both");
        if (node.matrix.size() != 16) return fail("matrix must have 16 numbers");
        if (!allFinite(node.matrix)) return fail("matrix contains NaN or infinite numbers");
        return matrixTrs(node.matrix, why);
    }
    if ((!node.translation.empty() && node.translation.size() != 3) ||
        (!node.rotation.empty() && node.rotation.size() != 4) ||
        (!node.scale.empty() && node.scale.size() != 3))
        return fail("translation and scale need 3 numbers, rotation 4");
    if (!allFinite(node.translation) || !allFinite(node.rotation) || !allFinite(node.scale))
        return fail("translation, rotation or scale contains NaN or infinite numbers");
    Trs trs;
    const auto& t = node.translation;
    const auto& r = node.rotation;
    const auto& s = node.scale;
    if (!t.empty()) trs.translation = glm::vec3(float(t[0]), float(t[1]), float(t[2]));
    if (!s.empty()) trs.scale = glm::vec3(float(s[0]), float(s[1]), float(s[2]));
    if (!r.empty()) {
        const glm::quat q{float(r[3]), float(r[0]), float(r[1]), float(r[2])};  // file: xyzw
        if (glm::length(q) < 1e-6f) return fail("rotation is a zero quaternion");
        trs.rotation = glm::normalize(q);
    }
    return trs;
}

bool validateNodes(const Model& model, std::vector<int>& parents, int maxDepth, Report& report) {
    const int before = report.errorCount();
    parents.assign(model.nodes.size(), -1);
    for (size_t i = 0; i < model.nodes.size(); ++i) {
        validateNodeRefs(model, i, report);
        const auto& children = model.nodes[i].children;
        for (size_t k = 0; k < children.size(); ++k) {
            const int c = children[k];
            if (!inRange(c, model.nodes.size())) {
                report.error(ptr("nodes", i, "children", k),
                             "node " + std::to_string(c) + " does not exist");
            } else if (parents[size_t(c)] != -1) {
                report.error(ptr("nodes", i, "children", k),
                             "node " + std::to_string(c) + " is already a child of node " +
                                 std::to_string(parents[size_t(c)]) +
                                 "; a node can have only one parent");
            } else {
                parents[size_t(c)] = int(i);
            }
        }
    }
    checkHierarchy(parents, maxDepth, report);
    return report.errorCount() == before;
}

void validateScenes(const Model& model, const std::vector<int>& parents, Report& report) {
    if (model.defaultScene != -1 && !inRange(model.defaultScene, model.scenes.size()))
        report.error("/scene",
                     "default scene " + std::to_string(model.defaultScene) + " does not exist");
    for (size_t s = 0; s < model.scenes.size(); ++s) {
        const auto& nodes = model.scenes[s].nodes;
        for (size_t k = 0; k < nodes.size(); ++k) {
            const int n = nodes[k];
            if (!inRange(n, model.nodes.size()))
                report.error(ptr("scenes", s, "nodes", k),
                             "node " + std::to_string(n) + " does not exist");
            else if (parents[size_t(n)] != -1)
                report.error(ptr("scenes", s, "nodes", k),
                             "node " + std::to_string(n) + " is a child of node " +
                                 std::to_string(parents[size_t(n)]) +
                                 "; a scene may list only root nodes");
        }
    }
}

void validateSkins(const Model& model, const std::vector<int>& parents, bool hierarchyOk,
                   Report& report) {
    for (size_t s = 0; s < model.skins.size(); ++s) {
        const tinygltf::Skin& skin = model.skins[s];
        const int before = report.errorCount();
        if (skin.joints.empty())
            report.error(ptr("skins", s, "joints"), "a skin needs at least one joint");
        std::set<int> seen;
        for (size_t k = 0; k < skin.joints.size(); ++k) {
            const int j = skin.joints[k];
            if (!inRange(j, model.nodes.size()))
                report.error(ptr("skins", s, "joints", k),
                             "node " + std::to_string(j) + " does not exist");
            else if (!seen.insert(j).second)
                report.error(ptr("skins", s, "joints", k),
                             "node " + std::to_string(j) + " is listed twice as a joint");
        }
        if (skin.skeleton != -1 && !inRange(skin.skeleton, model.nodes.size()))
            report.error(ptr("skins", s, "skeleton"),
                         "node " + std::to_string(skin.skeleton) + " does not exist");
        validateSkinIbm(model, s, report);
        if (hierarchyOk && report.errorCount() == before) checkSkinRoots(model, s, parents, report);
    }
}

void validateAnimations(const Model& model, Report& report) {
    for (size_t an = 0; an < model.animations.size(); ++an) {
        const auto& anim = model.animations[an];
        for (size_t s = 0; s < anim.samplers.size(); ++s) validateSampler(model, an, s, report);
        for (size_t c = 0; c < anim.channels.size(); ++c) {
            const auto& ch = anim.channels[c];
            const std::string base = ptr("animations", an, "channels", c);
            if (!inRange(ch.sampler, anim.samplers.size())) {
                report.error(base + "/sampler", "sampler " + std::to_string(ch.sampler) +
                                                    " does not exist in this animation");
            } else if (ch.target_node == -1) {
                report.warning(base + "/target", "the channel has no target node; ignored");
            } else if (!inRange(ch.target_node, model.nodes.size())) {
                report.error(base + "/target/node",
                             "node " + std::to_string(ch.target_node) + " does not exist");
            } else if (!isTrsPath(ch.target_path)) {
                report.warning(base + "/target/path",
                               "'" + ch.target_path + "' channels are not supported; ignored");
            } else {
                validateChannelOutput(model, an, c, report);
            }
        }
    }
}

void checkSkinData(const Model& model, Report& report) {
    for (size_t s = 0; s < model.skins.size(); ++s) {
        const int ibm = model.skins[s].inverseBindMatrices;
        if (ibm < 0) continue;
        const AccessorCursor m(model, ibm);
        for (size_t e = 0; e < m.count(); ++e) {
            // Column-major: components 3, 7, 11, 15 form the bottom row, which must be 0 0 0 1.
            const bool affine = std::abs(m.raw(e, 3)) < 1e-5 && std::abs(m.raw(e, 7)) < 1e-5 &&
                                std::abs(m.raw(e, 11)) < 1e-5 &&
                                std::abs(m.raw(e, 15) - 1.0) < 1e-5;
            if (!affine) {
                report.error(ptr("skins", s, "inverseBindMatrices"),
                             "inverse bind matrix " + std::to_string(e) +
                                 " is not affine (its last row must be 0 0 0 1)");
                break;
            }
        }
    }
}

void checkAnimationData(const Model& model, Report& report) {
    for (size_t an = 0; an < model.animations.size(); ++an) {
        const auto& anim = model.animations[an];
        for (size_t s = 0; s < anim.samplers.size(); ++s) checkKeyTimes(model, an, s, report);
        for (size_t c = 0; c < anim.channels.size(); ++c) {
            const auto& ch = anim.channels[c];
            if (ch.target_node >= 0 && ch.target_path == "rotation")
                checkRotationKeys(model, an, c, report);
        }
    }
}

bool validateStructure(const Model& model, const LoadBudget& budget, Report& report) {
    const int before = report.errorCount();
    validateBufferViews(model, report);
    validateAccessors(model, budget, report);
    validateMeshes(model, budget, report);
    validateMaterials(model, report);
    validateExtensions(model, report);
    std::vector<int> parents;
    const bool hierarchyOk = validateNodes(model, parents, budget.maxNodeDepth, report);
    validateScenes(model, parents, report);
    validateSkins(model, parents, hierarchyOk, report);
    validateAnimations(model, report);
    return report.errorCount() == before;
}

bool validateData(const Model& model, Report& report) {
    const int before = report.errorCount();
    checkAccessorData(model, report);
    if (report.errorCount() != before) return false;
    checkMeshData(model, report);
    checkSkinData(model, report);
    checkAnimationData(model, report);
    return report.errorCount() == before;
}

}  // namespace ra::core::gltf
