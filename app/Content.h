// Content: finding the assets folder and loading what the scene shows (the default figure or a
// user's model), turning every problem into diagnostics instead of a crash.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/BodySurface.h"
#include "core/Diagnostics.h"
#include "core/ModelData.h"
#include "core/Stretch.h"
#include "core/StretchMotion.h"

namespace ra::app {

struct AssetSearch {
    std::optional<std::string> found;  // the assets folder, when one was found
    std::vector<std::string> tried;    // every place looked, in order
    std::string ignoredEnv;            // ROLLER_ATLAS_ASSETS when set but holding no assets
    std::string message() const;       // "no assets folder found; looked in: ..."
};

// Order: `explicitDir` (--assets), $ROLLER_ATLAS_ASSETS, next to the program
// (../share/roller-atlas/assets, ./assets), the source tree it was built from.
AssetSearch findAssets(const std::string& explicitDir);

// The default figure inside an assets folder.
std::string defaultModelPath(const std::string& assetsDir);

struct LoadedContent {
    std::string assetsDir;                         // empty when none was found
    std::shared_ptr<const core::ModelData> model;  // null when it could not be loaded
    std::string modelPath;
    core::Diagnostics diags;
    // The stretch library (empty without an assets folder) and, when the model is our body, the
    // surface stretches play on (null for a foreign model: it cannot play them).
    std::shared_ptr<const core::StretchLibrary> library;
    std::shared_ptr<const core::BodySurface> surface;
    std::string surfaceError;  // why `surface` is null
};

// Loads the model given on the command line, or the default figure from the assets folder.
LoadedContent loadContent(const std::string& assetsDirOption, const std::string& modelOption);

// The motion of stretch `id` on the content's body; null with `error` (an unknown id lists the
// known ones; a foreign model says it cannot play stretches).
std::shared_ptr<const core::StretchMotion> makeStretchMotion(const LoadedContent& c,
                                                             const std::string& id,
                                                             std::string& error);

// The stretch the window opens on.
inline constexpr const char* kDefaultStretch = "thoracic-extension";

}  // namespace ra::app
