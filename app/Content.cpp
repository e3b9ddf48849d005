// Content: asset-folder search and model loading.
#include "Content.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "core/GltfLoader.h"
#include "core/RegionTable.h"

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
    if (!c.modelPath.empty())
        if (auto m = core::loadGltf(c.modelPath, c.diags))
            c.model = std::make_shared<const core::ModelData>(std::move(*m));
    if (c.assetsDir.empty()) return c;
    // Stretches name our body's regions: check them against its table (assets/anatomy), whatever
    // model shows (another labelled model has its own regions).
    std::vector<core::RegionInfo> regions;
    if (auto t = core::loadRegionTable(
            (fs::path(c.assetsDir) / "anatomy" / "regions.json").string(), c.diags))
        regions = *t;
    c.library = std::make_shared<const core::StretchLibrary>(
        core::loadStretchLibrary(c.assetsDir, regions, c.diags));
    if (c.model) {
        if (auto s = core::BodySurface::build(c.model, c.library->landmarks, c.surfaceError))
            c.surface = std::make_shared<const core::BodySurface>(std::move(*s));
    }
    return c;
}

std::shared_ptr<const core::StretchMotion> makeStretchMotion(const LoadedContent& c,
                                                             const std::string& id,
                                                             std::string& error) {
    const core::Stretch* s = c.library ? c.library->find(id) : nullptr;
    if (!s) {
        error = "unknown stretch \"" + id + "\"";
        if (c.library && !c.library->stretches.empty()) {
            error += "; known stretches:";
            for (const auto& k : c.library->stretches) error += " " + k.id;
        }
        return nullptr;
    }
    if (!c.surface) {
        error = "stretches play on the Roller Atlas body only: " + c.surfaceError;
        return nullptr;
    }
    return std::make_shared<const core::StretchMotion>(c.surface, *s, core::Mat{},
                                                       c.library->rangeOfMotion);
}

}  // namespace ra::app
