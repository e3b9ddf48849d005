// ModelReport: the facts `check` reports, computed from ModelData alone (no GL), and their text
// form. Counts are split by layer: the skin is what students see, the skeleton is x-ray only.
#include "cli/ModelReport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

#include "core/GltfLoader.h"
#include "core/MeshTopology.h"
#include "core/Pose.h"

namespace ra::app {
namespace {

using core::MeshLayer;
using core::ModelData;
using core::Primitive;
using nlohmann::ordered_json;

// Rounded for the reader: a tenth of a millimetre is far below what the model resolves.
double rounded(double v, double step = 1e-4) {
    return std::round(v / step) * step;
}

ordered_json sizesReport(const ModelData& model) {
    size_t vertices[2] = {0, 0}, triangles[2] = {0, 0};
    for (const core::Mesh& m : model.meshes) {
        const size_t layer = m.layer == MeshLayer::Skeleton ? 1 : 0;
        for (const Primitive& p : m.primitives) {
            vertices[layer] += p.positions.size();
            triangles[layer] += p.indices.size() / 3;
        }
    }
    ordered_json j;
    j["vertices"] = {{"skin", vertices[0]}, {"skeleton", vertices[1]}};
    j["triangles"] = {{"skin", triangles[0]}, {"skeleton", triangles[1]}};
    return j;
}

// Joint names over all skins, each once, in skin order.
ordered_json jointNames(const ModelData& model) {
    ordered_json names = ordered_json::array();
    std::set<int> seen;
    for (const core::Skin& s : model.skins) {
        for (int node : s.joints) {
            if (node < 0 || size_t(node) >= model.nodes.size() || !seen.insert(node).second)
                continue;
            names.push_back(model.nodes[size_t(node)].name);
        }
    }
    return names;
}

// Per region and layer, the vertices whose strongest label is that region (ties: first slot).
std::vector<size_t> strongestLabelCounts(const ModelData& model, MeshLayer layer) {
    std::vector<size_t> counts(model.regions.size(), 0);
    for (const core::Mesh& m : model.meshes) {
        if (m.layer != layer) continue;
        for (const Primitive& p : m.primitives) {
            if (p.regionIds.size() != p.positions.size() ||
                p.regionWeights.size() != p.regionIds.size())
                continue;
            for (size_t v = 0; v < p.regionIds.size(); ++v) {
                int best = 0;
                for (int k = 1; k < 4; ++k)
                    if (p.regionWeights[v][k] > p.regionWeights[v][best]) best = k;
                const size_t id = p.regionIds[v][best];
                if (id < counts.size()) ++counts[id];
            }
        }
    }
    return counts;
}

ordered_json regionsReport(const ModelData& model) {
    const std::vector<size_t> skin = strongestLabelCounts(model, MeshLayer::Skin);
    const std::vector<size_t> skeleton = strongestLabelCounts(model, MeshLayer::Skeleton);
    ordered_json regions = ordered_json::array();
    for (size_t i = 0; i < model.regions.size(); ++i) {
        const core::RegionInfo& r = model.regions[i];
        regions.push_back({{"index", i},
                           {"id", r.id},
                           {"name", r.name},
                           {"kind", core::regionKindName(r.kind)},
                           {"vertices", skin[i]},
                           {"skeleton_vertices", skeleton[i]}});
    }
    return regions;
}

// Rest-pose bounds of the skin layer only: the x-ray skeleton must not change the height.
ordered_json heightReport(const ModelData& model) {
    ModelData skinOnly;
    skinOnly.nodes = model.nodes;
    skinOnly.skins = model.skins;
    for (const core::Mesh& m : model.meshes)
        skinOnly.meshes.push_back(m.layer == MeshLayer::Skin ? m : core::Mesh{});
    const core::Bounds b = core::poseBounds(skinOnly, core::restPose(skinOnly));
    ordered_json j;
    if (!b.valid()) {
        j["height_m"] = nullptr;
        j["bounds_m"] = nullptr;
        return j;
    }
    j["height_m"] = rounded(b.size().y);
    j["bounds_m"] = {{"min", {rounded(b.min.x), rounded(b.min.y), rounded(b.min.z)}},
                     {"max", {rounded(b.max.x), rounded(b.max.y), rounded(b.max.z)}}};
    return j;
}

ordered_json topologyEntry(const core::TopologyReport& t) {
    return {{"watertight", t.watertight()},
            {"boundary_edges", t.boundaryEdges},
            {"non_manifold_edges", t.nonManifoldEdges},
            {"non_manifold_vertices", t.nonManifoldVertices},
            {"inconsistent_edges", t.inconsistentEdges},
            {"degenerate_triangles", t.degenerateTriangles},
            {"components", t.components}};
}

// Every skin-layer primitive on its own (a skin may be split at material seams), plus totals.
ordered_json topologyReport(const ModelData& model) {
    core::TopologyReport total;
    bool watertight = false, first = true;
    ordered_json primitives = ordered_json::array();
    for (const core::Mesh& m : model.meshes) {
        if (m.layer != MeshLayer::Skin) continue;
        for (size_t i = 0; i < m.primitives.size(); ++i) {
            const Primitive& p = m.primitives[i];
            const core::TopologyReport t = core::analyzeTopology(p.positions, p.indices);
            watertight = (first || watertight) && t.watertight();
            first = false;
            total.boundaryEdges += t.boundaryEdges;
            total.nonManifoldEdges += t.nonManifoldEdges;
            total.nonManifoldVertices += t.nonManifoldVertices;
            total.inconsistentEdges += t.inconsistentEdges;
            total.degenerateTriangles += t.degenerateTriangles;
            total.components += t.components;
            ordered_json entry = {{"mesh", m.name}, {"primitive", i}};
            entry.update(topologyEntry(t));
            primitives.push_back(entry);
        }
    }
    ordered_json j = topologyEntry(total);
    j["watertight"] = watertight;
    j["primitives"] = primitives;
    return j;
}

// After loading: the loader keeps the four strongest influences and renormalises them, so the
// sum error shows what reaches the renderer, not what the file held.
ordered_json skinningReport(const ModelData& model) {
    size_t skinned = 0;
    int maxInfluences = 0;
    double maxSumError = 0.0;
    for (const core::Mesh& m : model.meshes) {
        for (const Primitive& p : m.primitives) {
            if (!p.skinned()) continue;
            skinned += p.weights.size();
            for (const glm::vec4& w : p.weights) {
                const int n = (w.x != 0.0f) + (w.y != 0.0f) + (w.z != 0.0f) + (w.w != 0.0f);
                maxInfluences = std::max(maxInfluences, n);
                const double sum = double(w.x) + double(w.y) + double(w.z) + double(w.w);
                maxSumError = std::max(maxSumError, std::abs(sum - 1.0));
            }
        }
    }
    return {{"skinned_vertices", skinned},
            {"max_influences", maxInfluences},
            {"max_weight_sum_error", maxSumError},
            {"weight_sum_measured", "after_loading"}};
}

}  // namespace

ordered_json modelReport(const ModelData& model) {
    ordered_json j;
    j["file"] = model.sourcePath;
    j["nodes"] = model.nodes.size();
    j["meshes"] = model.meshes.size();
    j["skins"] = model.skins.size();
    j["animations"] = model.animations.size();
    j.update(sizesReport(model));
    j["joints"] = jointNames(model);
    j["regions"] = regionsReport(model);
    j.update(heightReport(model));
    j["topology"] = topologyReport(model);
    j["skinning"] = skinningReport(model);
    return j;
}

ordered_json diagnosticsReport(const core::Diagnostics& diags) {
    ordered_json list = ordered_json::array();
    for (const core::Diagnostic& d : diags.items()) {
        list.push_back({{"severity", d.severity == core::Severity::Error ? "error" : "warning"},
                        {"file", d.file},
                        {"where", d.where},
                        {"message", d.message}});
    }
    return list;
}

ordered_json checkReport(const std::string& assetsDir, const std::string& file,
                         const ModelData* model, const core::Diagnostics& diags) {
    size_t errors = 0;
    for (const auto& d : diags.items()) errors += d.severity == core::Severity::Error;
    ordered_json j;
    j["ok"] = errors == 0;
    j["assets"] = assetsDir.empty() ? ordered_json(nullptr) : ordered_json(assetsDir);
    j["file"] = file.empty() ? ordered_json(nullptr) : ordered_json(file);
    j["errors"] = errors;
    j["warnings"] = diags.size() - errors;
    j["model"] = model ? modelReport(*model) : ordered_json(nullptr);
    j["diagnostics"] = diagnosticsReport(diags);
    return j;
}

namespace {

std::string joinNames(const ordered_json& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n.get<std::string>();
    return s;
}

void formatRegions(const ordered_json& regions, std::ostream& out) {
    if (regions.empty()) {
        out << "  regions: none (the model has no anatomy labels)\n";
        return;
    }
    out << "  regions (" << regions.size() << "), vertices by strongest label (skin, skeleton):\n";
    for (const auto& r : regions) {
        char line[160];
        std::snprintf(line, sizeof line, "    %3zu %-28s %-8s %8zu %8zu\n",
                      r["index"].get<size_t>(), r["id"].get<std::string>().c_str(),
                      r["kind"].get<std::string>().c_str(), r["vertices"].get<size_t>(),
                      r["skeleton_vertices"].get<size_t>());
        out << line;
    }
}

void formatTopology(const ordered_json& t, std::ostream& out) {
    const size_t n = t["primitives"].size();
    out << "  watertight: " << (t["watertight"].get<bool>() ? "yes" : "no") << " (" << n
        << (n == 1 ? " skin primitive; " : " skin primitives; ") << t["boundary_edges"]
        << " boundary edges, " << t["non_manifold_edges"] << " non-manifold edges, "
        << t["non_manifold_vertices"] << " non-manifold vertices";
    // Rare problems, named only when present to keep the line short.
    if (t["inconsistent_edges"] != 0)
        out << ", " << t["inconsistent_edges"] << " inconsistent edges";
    if (t["degenerate_triangles"] != 0)
        out << ", " << t["degenerate_triangles"] << " degenerate triangles";
    out << ")\n";
}

}  // namespace

std::string formatModelReport(const ordered_json& r) {
    std::ostringstream out;
    out << "model " << r["file"].get<std::string>() << "\n";
    out << "  vertices: " << r["vertices"]["skin"] << " skin, " << r["vertices"]["skeleton"]
        << " skeleton\n";
    out << "  triangles: " << r["triangles"]["skin"] << " skin, " << r["triangles"]["skeleton"]
        << " skeleton\n";
    out << "  joints (" << r["joints"].size() << "): " << joinNames(r["joints"]) << "\n";
    formatRegions(r["regions"], out);
    char height[64] = "- (no skin mesh)";
    if (!r["height_m"].is_null())
        std::snprintf(height, sizeof height, "%.3f m (rest pose, skin layer)",
                      r["height_m"].get<double>());
    out << "  height: " << height << "\n";
    formatTopology(r["topology"], out);
    const auto& s = r["skinning"];
    out << "  skinning: " << s["skinned_vertices"] << " skinned vertices, at most "
        << s["max_influences"] << " influences per vertex, worst weight-sum error "
        << s["max_weight_sum_error"].get<double>() << " after loading\n";
    return out.str();
}

}  // namespace ra::app
