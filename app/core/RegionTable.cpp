// RegionTable: schema-checked reading of the region list through JsonReader: syntax errors with
// line and column, wrong types and unknown kinds rejected, unknown fields warned about, every
// problem with its JSON pointer.
#include "core/RegionTable.h"

#include <set>

#include "core/JsonReader.h"

namespace ra::core {

namespace {

// One entry of "regions"; false (with errors) when it cannot be used.
bool readRegion(JsonReader& r, const Json& entry, const std::string& where, RegionInfo& info) {
    if (!entry.is_object()) {
        r.error(where, "expected a region object {\"id\", \"name\", \"kind\", \"description\"}");
        return false;
    }
    r.unknownFields(entry, where, {"id", "name", "kind", "description", "sources"});
    bool ok = r.string(entry, where, "id", info.id, true);
    ok = r.string(entry, where, "name", info.name, true) && ok;
    ok = r.string(entry, where, "description", info.description, true) && ok;
    std::string kind;
    if (r.string(entry, where, "kind", kind, true)) {
        if (auto k = regionKindFromName(kind)) {
            info.kind = *k;
        } else {
            r.error(where + "/kind",
                    "kind \"" + kind + "\" is not one of target, caution, no-go, neutral");
            ok = false;
        }
    } else {
        ok = false;
    }
    // Plain skin cites nothing; every labelled region names where its advice comes from.
    if (r.stringList(entry, where, "sources", info.sources, false) && !info.sources.empty())
        ok = r.sourceKeys(info.sources, where + "/sources") && ok;
    return ok;
}

}  // namespace

std::optional<RegionId> findRegion(const std::vector<RegionInfo>& table, const std::string& id) {
    for (size_t i = 0; i < table.size(); ++i)
        if (table[i].id == id) return RegionId{static_cast<uint16_t>(i)};
    return std::nullopt;
}

std::optional<std::vector<RegionInfo>> loadRegionTable(const std::string& path,
                                                       Diagnostics& diags) {
    JsonReader r(path, diags);
    try {
        const auto doc = r.parseFile();
        if (!doc) return std::nullopt;
        if (!doc->is_object()) {
            r.error("", "expected an object with a \"regions\" array");
            return std::nullopt;
        }
        const Json* list = r.member(*doc, "", "regions", true);
        if (!list) return std::nullopt;
        if (!list->is_array()) {
            r.error("/regions", "expected an array of region objects");
            return std::nullopt;
        }
        r.unknownFields(*doc, "", {"about", "regions"});
        std::vector<RegionInfo> out;
        std::set<std::string> seen;
        for (size_t i = 0; i < list->size(); ++i) {
            const std::string where = "/regions/" + std::to_string(i);
            RegionInfo info;
            if (!readRegion(r, (*list)[i], where, info)) continue;
            if (!seen.insert(info.id).second)
                r.error(where + "/id", "region id \"" + info.id + "\" appears twice");
            out.push_back(std::move(info));
        }
        if (r.ok() && (out.empty() || out.front().id != "skin"))
            r.error("/regions/0", "the first region must be \"skin\" (unlabelled skin)");
        if (out.size() > size_t(kMaxRegions))
            r.error("/regions", "at most " + std::to_string(kMaxRegions) + " regions");
        if (!r.ok()) return std::nullopt;
        return out;
    } catch (const std::exception& e) {
        r.error("", std::string("unexpected problem reading the region table: ") + e.what());
        return std::nullopt;
    }
}

}  // namespace ra::core
