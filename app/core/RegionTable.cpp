// RegionTable: schema-checked reading of the region list; every problem names the JSON pointer.
#include "core/RegionTable.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace ra::core {

std::optional<RegionId> findRegion(const std::vector<RegionInfo>& table, const std::string& id) {
    for (size_t i = 0; i < table.size(); ++i)
        if (table[i].id == id) return RegionId{static_cast<uint16_t>(i)};
    return std::nullopt;
}

std::optional<std::vector<RegionInfo>> loadRegionTable(const std::string& path,
                                                       Diagnostics& diags) {
    using json = nlohmann::json;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error(path, "", "cannot open the region table");
        return std::nullopt;
    }
    const json doc = json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("regions") ||
        !doc["regions"].is_array()) {
        diags.error(path, "/regions", "expected an object with a \"regions\" array");
        return std::nullopt;
    }
    const json& list = doc["regions"];
    std::vector<RegionInfo> out;
    std::set<std::string> seen;
    bool ok = true;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string where = "/regions/" + std::to_string(i);
        const json& r = list[i];
        auto text = [&](const char* key, std::string& dst) {
            if (r.contains(key) && r[key].is_string()) {
                dst = r[key].get<std::string>();
                return true;
            }
            diags.error(path, where + "/" + key, std::string("expected a string \"") + key + "\"");
            return ok = false;
        };
        RegionInfo info;
        std::string kind;
        if (!r.is_object() || !text("id", info.id) || !text("name", info.name) ||
            !text("kind", kind) || !text("description", info.description)) {
            ok = false;
            continue;
        }
        for (auto it = r.begin(); it != r.end(); ++it)
            if (it.key() != "id" && it.key() != "name" && it.key() != "kind" &&
                it.key() != "description" && it.key() != "sources")
                diags.warning(path, where + "/" + it.key(), "unknown field, ignored");
        if (auto k = regionKindFromName(kind)) {
            info.kind = *k;
        } else {
            diags.error(path, where + "/kind",
                        "kind \"" + kind + "\" is not one of target, caution, no-go, neutral");
            ok = false;
        }
        if (!seen.insert(info.id).second) {
            diags.error(path, where + "/id", "region id \"" + info.id + "\" appears twice");
            ok = false;
        }
        if (r.contains("sources")) {
            if (!r["sources"].is_array()) {
                diags.error(path, where + "/sources", "expected an array of source keys");
                ok = false;
            } else {
                for (const json& s : r["sources"])
                    if (s.is_string()) info.sources.push_back(s.get<std::string>());
            }
        }
        out.push_back(std::move(info));
    }
    if (out.empty() || out.front().id != "skin") {
        diags.error(path, "/regions/0", "the first region must be \"skin\" (unlabelled skin)");
        ok = false;
    }
    if (out.size() > size_t(kMaxRegions)) {
        diags.error(path, "/regions", "at most " + std::to_string(kMaxRegions) + " regions");
        ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
}

}  // namespace ra::core
