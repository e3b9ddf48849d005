// Content: asset-folder search and model loading.
#include "Content.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "core/GltfLoader.h"

namespace fs = std::filesystem;

namespace ra::app {
namespace {

constexpr const char* kMarker = "models/body.glb";

fs::path programDir() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

}  // namespace

std::string AssetSearch::message() const {
    std::string s =
        "no assets folder found (a folder holding " + std::string(kMarker) + "); looked in:";
    for (const auto& t : tried) s += "\n  " + t;
    s += "\nPass --assets DIR or set ROLLER_ATLAS_ASSETS.";
    return s;
}

AssetSearch findAssets(const std::string& explicitDir) {
    AssetSearch search;
    std::vector<fs::path> candidates;
    if (!explicitDir.empty()) {
        candidates.push_back(explicitDir);  // given explicitly: no fallback to other places
    } else {
        if (const char* env = std::getenv("ROLLER_ATLAS_ASSETS"); env && *env) {
            std::error_code ec;
            if (fs::is_regular_file(fs::path(env) / kMarker, ec))
                candidates.push_back(env);
            else
                search.ignoredEnv = env;
        }
        fs::path dir = programDir();
        if (!dir.empty()) {
            candidates.push_back(dir / ".." / "share" / "roller-atlas" / "assets");
            candidates.push_back(dir / "assets");
        }
        candidates.push_back(RA_SOURCE_ASSETS);
    }
    for (const auto& c : candidates) {
        std::error_code ec;
        fs::path p = fs::weakly_canonical(c, ec);
        if (ec) p = c;
        search.tried.push_back(p.string());
        if (fs::is_regular_file(p / kMarker, ec)) {
            search.found = p.string();
            break;
        }
    }
    return search;
}

std::string defaultModelPath(const std::string& assetsDir) {
    return (fs::path(assetsDir) / kMarker).string();
}

LoadedContent loadContent(const std::string& assetsDirOption, const std::string& modelOption) {
    LoadedContent c;
    AssetSearch search = findAssets(assetsDirOption);
    if (!search.ignoredEnv.empty())
        c.diags.warning("ROLLER_ATLAS_ASSETS", "",
                        search.ignoredEnv + " holds no " + kMarker + "; using " +
                            (search.found ? *search.found : std::string("nothing")) + " instead");
    if (search.found) {
        c.assetsDir = *search.found;
    } else {
        c.diags.error(assetsDirOption.empty() ? "assets" : assetsDirOption, "", search.message());
    }
    c.modelPath = !modelOption.empty() ? modelOption
                  : search.found       ? defaultModelPath(*search.found)
                                       : std::string();
    if (c.modelPath.empty()) return c;
    if (auto m = core::loadGltf(c.modelPath, c.diags))
        c.model = std::make_shared<const core::ModelData>(std::move(*m));
    return c;
}

}  // namespace ra::app
