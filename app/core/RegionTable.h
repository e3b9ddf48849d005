// RegionTable: reads assets/anatomy/regions.json, the list of labelled body regions (id, display
// name, kind, description, sources). A region's index in the list is the id stored in the body
// model's _REGION_IDS attribute; entry 0 is plain skin.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Diagnostics.h"
#include "core/GltfLoader.h"  // regionKindName, regionKindFromName
#include "core/ModelData.h"
#include "core/RegionStates.h"

namespace ra::core {

// nullopt with diagnostics (file, JSON pointer, message) when the table cannot be used.
std::optional<std::vector<RegionInfo>> loadRegionTable(const std::string& path, Diagnostics& diags);

// The index of the region with this id in `table`, if any.
std::optional<RegionId> findRegion(const std::vector<RegionInfo>& table, const std::string& id);

}  // namespace ra::core
