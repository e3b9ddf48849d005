// GltfRegions: our anatomy labels read back from glTF: the region table in the root `extras`, the
// mesh layer in mesh `extras` (both under "rollerAtlas") and the _REGION_IDS/_REGION_WEIGHTS
// attributes. Problems here are warnings: the model still draws, without the labels in question.
#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "core/GltfAccessor.h"
#include "core/GltfConvert.h"

namespace ra::core::gltf {

namespace {

using Json = nlohmann::json;
using tinygltf::Model;

constexpr const char* kOurKey = "rollerAtlas";
constexpr const char* kIgnoredTable =
    "; the regions table is ignored, so the model shows no anatomy labels";

// tinygltf keeps the raw text of every `extras` (SetStoreOriginalJSONForExtrasAndExtensions):
// its own Value drops nulls and empty arrays, which would hide type errors.
Json parseExtras(const std::string& text) {
    if (text.empty()) return nullptr;
    Json j = Json::parse(text, nullptr, false);
    return j.is_discarded() ? Json(nullptr) : j;
}

// Our object inside `extras`; nullptr when the file has none (every foreign model).
const Json* ourObject(const Json& extras) {
    if (!extras.is_object()) return nullptr;
    auto it = extras.find(kOurKey);
    return it == extras.end() ? nullptr : &*it;
}

std::string typeProblem(const std::string& field, const char* expected, const Json& got) {
    return field + " must be " + expected + ", not " + got.type_name();
}

void warnUnknownFields(const Json& obj, const std::set<std::string>& known,
                       const std::string& where, Report& report) {
    for (const auto& [key, value] : obj.items()) {
        if (known.count(key)) continue;
        std::string list;
        for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
        report.warning(where + "/" + toSegment(key),
                       "unknown field '" + key + "' (known: " + list + "); it is ignored");
    }
}

// One string field; false (after a warning) when it is missing but required, or not a string.
bool readString(const Json& obj, const char* key, bool required, std::string& out,
                const std::string& where, Report& report) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        if (required)
            report.warning(where, std::string("a region needs '") + key + "'" + kIgnoredTable);
        return !required;
    }
    if (!it->is_string()) {
        report.warning(where + "/" + key, typeProblem(key, "a string", *it) + kIgnoredTable);
        return false;
    }
    out = it->get<std::string>();
    return true;
}

bool readSources(const Json& obj, RegionInfo& r, const std::string& where, Report& report) {
    auto it = obj.find("sources");
    if (it == obj.end()) return true;
    if (!it->is_array()) {
        report.warning(where + "/sources",
                       typeProblem("sources", "an array of strings", *it) + kIgnoredTable);
        return false;
    }
    for (size_t i = 0; i < it->size(); ++i) {
        const Json& s = (*it)[i];
        if (!s.is_string()) {
            report.warning(where + "/sources/" + toSegment(i),
                           typeProblem("a source", "a string", s) + kIgnoredTable);
            return false;
        }
        r.sources.push_back(s.get<std::string>());
    }
    return true;
}

std::optional<RegionInfo> readRegion(const Json& j, const std::string& where, Report& report) {
    if (!j.is_object()) {
        report.warning(where, typeProblem("a region", "an object", j) + kIgnoredTable);
        return std::nullopt;
    }
    RegionInfo r;
    std::string kind;
    if (!readString(j, "id", true, r.id, where, report) ||
        !readString(j, "name", true, r.name, where, report) ||
        !readString(j, "kind", true, kind, where, report) ||
        !readString(j, "description", false, r.description, where, report) ||
        !readSources(j, r, where, report))
        return std::nullopt;
    if (r.id.empty()) {
        report.warning(where + "/id", "a region id must not be empty" + std::string(kIgnoredTable));
        return std::nullopt;
    }
    const auto k = regionKindFromName(kind);
    if (!k) {
        report.warning(where + "/kind", "unknown region kind '" + kind +
                                            "'; use target, caution, no-go or neutral" +
                                            kIgnoredTable);
        return std::nullopt;
    }
    r.kind = *k;
    warnUnknownFields(j, {"id", "name", "kind", "description", "sources"}, where, report);
    return r;
}

std::vector<RegionInfo> readRegionTable(const Json& table, const std::string& where,
                                        Report& report) {
    if (!table.is_array()) {
        report.warning(where, typeProblem("regions", "an array", table) + kIgnoredTable);
        return {};
    }
    std::vector<RegionInfo> regions;
    std::set<std::string> ids;
    for (size_t i = 0; i < table.size(); ++i) {
        const std::string at = where + "/" + toSegment(i);
        auto r = readRegion(table[i], at, report);
        if (!r) return {};
        if (!ids.insert(r->id).second) {
            report.warning(at + "/id", "region id '" + r->id + "' appears twice" + kIgnoredTable);
            return {};
        }
        regions.push_back(std::move(*r));
    }
    return regions;
}

struct LabelFormat {
    bool ok = false;
    std::string why;
};

LabelFormat checkLabelFormats(const tinygltf::Accessor& ids, const tinygltf::Accessor& weights) {
    const int idType = ids.componentType, wType = weights.componentType;
    if (ids.type != TINYGLTF_TYPE_VEC4 || ids.normalized ||
        (idType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE &&
         idType != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT))
        return {false, "_REGION_IDS must be VEC4 UNSIGNED_BYTE or UNSIGNED_SHORT, not normalized"};
    const bool unorm = weights.normalized && (wType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE ||
                                              wType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT);
    if (weights.type != TINYGLTF_TYPE_VEC4 || !(unorm || wType == TINYGLTF_COMPONENT_TYPE_FLOAT))
        return {false,
                "_REGION_WEIGHTS must be VEC4 FLOAT or normalized UNSIGNED_BYTE/UNSIGNED_SHORT"};
    return {true, {}};
}

// Weights scaled to sum exactly 255: rounded, the rounding remainder given to the largest.
glm::u8vec4 toByteWeights(const std::array<double, 4>& w, double sum) {
    std::array<long, 4> q{};
    long total = 0;
    size_t largest = 0;
    for (size_t k = 0; k < 4; ++k) {
        q[k] = std::lround(w[k] * 255.0 / sum);
        total += q[k];
        if (w[k] > w[largest]) largest = k;
    }
    q[largest] += 255 - total;
    return {uint8_t(std::clamp(q[0], 0L, 255L)), uint8_t(std::clamp(q[1], 0L, 255L)),
            uint8_t(std::clamp(q[2], 0L, 255L)), uint8_t(std::clamp(q[3], 0L, 255L))};
}

struct LabelStats {
    size_t unweighted = 0;  // vertices whose weights sum to zero
    std::string attribute;  // the attribute at fault when the labels cannot be used
    std::string why;
};

// Fills regionIds/regionWeights; false (reason in `stats`) when the labels cannot be used.
bool readLabels(const AccessorCursor& ids, const AccessorCursor& weights, size_t regionCount,
                Primitive& out, LabelStats& stats) {
    const size_t limit = std::min<size_t>(regionCount, 256);  // ids are stored as bytes
    const size_t n = out.positions.size();
    out.regionIds.resize(n);
    out.regionWeights.resize(n);
    for (size_t v = 0; v < n; ++v) {
        std::array<double, 4> w{};
        double sum = 0.0;
        for (uint32_t k = 0; k < 4; ++k) {
            const double id = ids.raw(v, k);
            if (id >= double(limit)) {
                stats.attribute = "_REGION_IDS";
                stats.why = "vertex " + std::to_string(v) + " has region id " +
                            std::to_string(long(id)) + " but the regions table has " +
                            std::to_string(regionCount) + " entries" +
                            (regionCount > 256 ? " (ids above 255 are not supported)" : "");
                return false;
            }
            out.regionIds[v][int(k)] = uint8_t(id);
            // Stored integers, not normalized: labels that sum to 255 come back exact.
            w[k] = weights.raw(v, k);
            if (w[k] < 0.0) {
                stats.attribute = "_REGION_WEIGHTS";
                stats.why = "vertex " + std::to_string(v) + " has a negative region weight";
                return false;
            }
            sum += w[k];
        }
        if (sum <= 0.0) {
            ++stats.unweighted;
            out.regionIds[v] = glm::u8vec4(0);
            out.regionWeights[v] = glm::u8vec4(255, 0, 0, 0);
            continue;
        }
        out.regionWeights[v] = toByteWeights(w, sum);
    }
    return true;
}

int attributeOf(const tinygltf::Primitive& p, const char* name) {
    auto it = p.attributes.find(name);
    return it == p.attributes.end() ? -1 : it->second;
}

}  // namespace

std::vector<RegionInfo> convertRegions(const Model& model, Report& report) {
    const Json extras = parseExtras(model.extras_json_string);
    const Json* ours = ourObject(extras);
    if (!ours) return {};
    const std::string where = ptr("extras", kOurKey);
    if (!ours->is_object()) {
        report.warning(where, typeProblem(kOurKey, "an object", *ours) + kIgnoredTable);
        return {};
    }
    warnUnknownFields(*ours, {"regions"}, where, report);
    auto table = ours->find("regions");
    if (table == ours->end()) return {};
    return readRegionTable(*table, where + "/regions", report);
}

MeshLayer convertMeshLayer(const Model& model, int mesh, Report& report) {
    const Json extras = parseExtras(model.meshes[size_t(mesh)].extras_json_string);
    const Json* ours = ourObject(extras);
    if (!ours) return MeshLayer::Skin;
    const std::string where = ptr("meshes", mesh, "extras", kOurKey);
    if (!ours->is_object()) {
        report.warning(where,
                       typeProblem(kOurKey, "an object", *ours) + "; the mesh is drawn as skin");
        return MeshLayer::Skin;
    }
    warnUnknownFields(*ours, {"layer"}, where, report);
    auto layer = ours->find("layer");
    if (layer == ours->end()) return MeshLayer::Skin;
    const std::string name = layer->is_string() ? layer->get<std::string>() : std::string();
    if (name == "skeleton") return MeshLayer::Skeleton;
    if (name != "skin")
        report.warning(where + "/layer", "the layer must be \"skin\" or \"skeleton\", not " +
                                             layer->dump() + "; the mesh is drawn as skin");
    return MeshLayer::Skin;
}

void convertRegionLabels(const Model& model, const tinygltf::Primitive& p, size_t regionCount,
                         const std::string& base, Primitive& out, Report& report) {
    const int ids = attributeOf(p, "_REGION_IDS"), weights = attributeOf(p, "_REGION_WEIGHTS");
    if (ids < 0 && weights < 0) return;
    const std::string where = base + "/attributes";
    const char* ignored = "; the primitive's region labels are ignored";
    if (ids < 0 || weights < 0) {
        report.warning(where, std::string(ids < 0 ? "_REGION_WEIGHTS without _REGION_IDS"
                                                  : "_REGION_IDS without _REGION_WEIGHTS") +
                                  ignored);
        return;
    }
    const LabelFormat format =
        checkLabelFormats(model.accessors[size_t(ids)], model.accessors[size_t(weights)]);
    if (!format.ok) {
        report.warning(where, format.why + ignored);
        return;
    }
    if (regionCount == 0) {
        report.warning(where + "/_REGION_IDS",
                       "the primitive has region labels but the model has no regions table "
                       "(extras/rollerAtlas/regions)" +
                           std::string(ignored));
        return;
    }
    LabelStats stats;
    if (!readLabels(AccessorCursor(model, ids), AccessorCursor(model, weights), regionCount, out,
                    stats)) {
        out.regionIds.clear();
        out.regionWeights.clear();
        report.warning(where + "/" + stats.attribute, stats.why + ignored);
        return;
    }
    if (stats.unweighted > 0)
        report.warning(where + "/_REGION_WEIGHTS",
                       std::to_string(stats.unweighted) +
                           " vertices have no region weight; they count as unlabelled skin");
}

}  // namespace ra::core::gltf

namespace ra::core {

const char* regionKindName(RegionKind kind) {
    switch (kind) {
        case RegionKind::Neutral:
            return "neutral";
        case RegionKind::Target:
            return "target";
        case RegionKind::Caution:
            return "caution";
        case RegionKind::NoGo:
            return "no-go";
    }
    return "neutral";
}

std::optional<RegionKind> regionKindFromName(std::string_view name) {
    for (RegionKind k :
         {RegionKind::Neutral, RegionKind::Target, RegionKind::Caution, RegionKind::NoGo})
        if (name == regionKindName(k)) return k;
    return std::nullopt;
}

}  // namespace ra::core
