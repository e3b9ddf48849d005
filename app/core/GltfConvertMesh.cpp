// GltfConvertMesh: validated glTF primitives into ModelData primitives. Skin influences from all
// JOINTS_n/WEIGHTS_n sets are merged into the four strongest and renormalized, because the
// renderer's skinning (and Pose's CPU reference) takes exactly four per vertex.
#include <array>
#include <numeric>

#include "core/GltfAccessor.h"
#include "core/GltfConvert.h"

namespace ra::core::gltf {

namespace {

using tinygltf::Model;

std::vector<glm::vec3> readVec3(const Model& model, int accessor) {
    const std::vector<float> f = readFloats(model, accessor);
    std::vector<glm::vec3> out(f.size() / 3);
    for (size_t i = 0; i < out.size(); ++i) out[i] = {f[3 * i], f[3 * i + 1], f[3 * i + 2]};
    return out;
}

std::vector<glm::vec2> readVec2(const Model& model, int accessor) {
    const std::vector<float> f = readFloats(model, accessor);
    std::vector<glm::vec2> out(f.size() / 2);
    for (size_t i = 0; i < out.size(); ++i) out[i] = {f[2 * i], f[2 * i + 1]};
    return out;
}

int attribute(const tinygltf::Primitive& p, const std::string& name) {
    auto it = p.attributes.find(name);
    return it == p.attributes.end() ? -1 : it->second;
}

struct Influence {
    float weight = 0.0f;
    uint16_t joint = 0;
};

// Keeps the four largest weights seen so far; returns true when a non-zero weight was dropped.
bool keepStrongest(std::array<Influence, 4>& best, Influence in) {
    size_t weakest = 0;
    for (size_t i = 1; i < best.size(); ++i)
        if (best[i].weight < best[weakest].weight) weakest = i;
    if (in.weight <= best[weakest].weight) return true;
    const bool dropped = best[weakest].weight > 0.0f;
    best[weakest] = in;
    return dropped;
}

struct SkinningStats {
    size_t zeroWeightVertices = 0;
    size_t droppedInfluences = 0;
};

void readSkinning(const Model& model, const tinygltf::Primitive& p, Primitive& out,
                  SkinningStats& stats) {
    std::vector<std::pair<AccessorCursor, AccessorCursor>> sets;
    for (int set = 0;; ++set) {
        const int j = attribute(p, "JOINTS_" + std::to_string(set));
        const int w = attribute(p, "WEIGHTS_" + std::to_string(set));
        if (j < 0 || w < 0) break;
        sets.emplace_back(AccessorCursor(model, j), AccessorCursor(model, w));
    }
    if (sets.empty()) return;
    const size_t n = out.positions.size();
    out.joints.resize(n);
    out.weights.resize(n);
    for (size_t v = 0; v < n; ++v) {
        std::array<Influence, 4> best{};
        for (const auto& [joints, weights] : sets) {
            for (uint32_t k = 0; k < 4; ++k) {
                const float w = weights.value(v, k);
                // Zero-weight slots may hold any joint number; they are left at joint 0.
                if (w > 0.0f && keepStrongest(best, {w, uint16_t(joints.raw(v, k))}))
                    ++stats.droppedInfluences;
            }
        }
        const float sum = best[0].weight + best[1].weight + best[2].weight + best[3].weight;
        if (sum <= 0.0f) {
            ++stats.zeroWeightVertices;
            out.joints[v] = glm::u16vec4(0);
            out.weights[v] = glm::vec4(1.0f, 0.0f, 0.0f, 0.0f);
            continue;
        }
        for (int k = 0; k < 4; ++k) {
            out.joints[v][k] = best[size_t(k)].joint;
            out.weights[v][k] = best[size_t(k)].weight / sum;
        }
    }
}

void reportSkinning(const SkinningStats& stats, const std::string& base, Report& report) {
    if (stats.zeroWeightVertices > 0)
        report.warning(base + "/attributes", std::to_string(stats.zeroWeightVertices) +
                                                 " vertices have no joint weight; they follow "
                                                 "the skin's first joint");
    if (stats.droppedInfluences > 0)
        report.warning(base + "/attributes", std::to_string(stats.droppedInfluences) +
                                                 " joint influences beyond the four strongest "
                                                 "per vertex were dropped");
}

std::vector<uint32_t> readIndices(const Model& model, const tinygltf::Primitive& p,
                                  size_t vertexCount, const std::string& base, Report& report) {
    std::vector<uint32_t> indices;
    if (p.indices >= 0) {
        indices = readUints(model, p.indices);
    } else {
        indices.resize(vertexCount);
        std::iota(indices.begin(), indices.end(), 0u);
    }
    if (indices.size() % 3 != 0) {
        report.warning(base, std::to_string(indices.size()) +
                                 " indices do not form whole "
                                 "triangles; the rest is ignored");
        indices.resize(indices.size() - indices.size() % 3);
    }
    return indices;
}

std::optional<Primitive> convertPrimitive(const Model& model, int mesh, size_t index,
                                          size_t regionCount, Report& report) {
    const tinygltf::Primitive& p = model.meshes[size_t(mesh)].primitives[index];
    const std::string base = ptr("meshes", mesh, "primitives", index);
    if (p.mode != TINYGLTF_MODE_TRIANGLES) {
        report.warning(base + "/mode", "primitive mode " + std::to_string(p.mode) +
                                           " is not drawn; only triangle lists (mode 4) are");
        return std::nullopt;
    }
    const int position = attribute(p, "POSITION");
    if (position < 0) {
        report.warning(base + "/attributes", "the primitive has no POSITION; it is not drawn");
        return std::nullopt;
    }
    Primitive out;
    out.positions = readVec3(model, position);
    if (const int normal = attribute(p, "NORMAL"); normal >= 0) {
        out.normals = readVec3(model, normal);
        for (auto& n : out.normals)
            if (glm::dot(n, n) > 0.0f) n = glm::normalize(n);
    }
    if (const int uv = attribute(p, "TEXCOORD_0"); uv >= 0) out.uvs = readVec2(model, uv);
    SkinningStats stats;
    readSkinning(model, p, out, stats);
    reportSkinning(stats, base, report);
    convertRegionLabels(model, p, regionCount, base, out, report);
    out.indices = readIndices(model, p, out.positions.size(), base, report);
    if (out.normals.empty()) out.normals = smoothNormals(out.positions, out.indices);
    out.material = p.material;
    return out;
}

}  // namespace

std::vector<glm::vec3> smoothNormals(const std::vector<glm::vec3>& positions,
                                     const std::vector<uint32_t>& indices) {
    std::vector<glm::vec3> normals(positions.size(), glm::vec3(0.0f));
    for (size_t t = 0; t + 2 < indices.size(); t += 3) {
        const uint32_t a = indices[t], b = indices[t + 1], c = indices[t + 2];
        if (a >= positions.size() || b >= positions.size() || c >= positions.size()) continue;
        // The unnormalized cross product weights each face by its area.
        const glm::vec3 n = glm::cross(positions[b] - positions[a], positions[c] - positions[a]);
        normals[a] += n;
        normals[b] += n;
        normals[c] += n;
    }
    for (auto& n : normals) {
        const float len = glm::length(n);
        n = len > 1e-20f ? n / len : glm::vec3(0.0f, 0.0f, 1.0f);
    }
    return normals;
}

Mesh convertMesh(const Model& model, int mesh, size_t regionCount, Report& report) {
    const tinygltf::Mesh& src = model.meshes[size_t(mesh)];
    Mesh out;
    out.name = src.name;
    out.layer = convertMeshLayer(model, mesh, report);
    bool morphWarned = false;
    for (size_t i = 0; i < src.primitives.size(); ++i) {
        if (!src.primitives[i].targets.empty() && !morphWarned) {
            report.warning(ptr("meshes", mesh),
                           "morph targets are not supported; the mesh is "
                           "shown in its base shape");
            morphWarned = true;
        }
        if (auto p = convertPrimitive(model, mesh, i, regionCount, report))
            out.primitives.push_back(std::move(*p));
    }
    return out;
}

}  // namespace ra::core::gltf
