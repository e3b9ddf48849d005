// ModelReport: what `roller-atlas check` says about a loaded model: sizes per layer, joints,
// regions with their vertex counts, rest height, watertightness, skin weights and diagnostics,
// as one JSON object (keys in a fixed order), and the same facts as readable text.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/Diagnostics.h"
#include "core/ModelData.h"

namespace ra::app {

// The facts about one model; a pure function of it.
nlohmann::ordered_json modelReport(const core::ModelData& model);

// Every diagnostic as {"severity", "file", "where", "message"}.
nlohmann::ordered_json diagnosticsReport(const core::Diagnostics& diags);

// The whole `check --json` object: ok, assets, file, error and warning counts, the model (null
// when it did not load) and the diagnostics.
nlohmann::ordered_json checkReport(const std::string& assetsDir, const std::string& file,
                                   const core::ModelData* model, const core::Diagnostics& diags);

// modelReport() as indented lines for the console.
std::string formatModelReport(const nlohmann::ordered_json& report);

}  // namespace ra::app
