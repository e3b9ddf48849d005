// PickBench: the picking figures of `roller-atlas bench`: skinning the body on the CPU, building
// and refitting the SkinPicker's tree, and casting rays across the body, tree against linear.
#pragma once

#include <nlohmann/json.hpp>

#include "cli/Headless.h"

namespace ra::app {

// Advances the session's scene as it measures. Null when the model is not our body.
nlohmann::json measurePicking(HeadlessSession& s);

}  // namespace ra::app
