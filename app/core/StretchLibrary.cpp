// StretchLibrary loading: the landmark and range-of-motion tables, then every
// assets/stretches/*.json; a bad stretch is reported and skipped, the others load, and a mistake
// demo must point at a stretch the library ships.
#include <algorithm>
#include <filesystem>

#include "core/Stretch.h"

namespace ra::core {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> stretchFiles(const fs::path& dir, Diagnostics& diags) {
    std::vector<fs::path> files;
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
        diags.error(dir.string(), "", "cannot list the stretch folder: " + ec.message());
        return files;
    }
    for (; it != end; it.increment(ec)) {
        if (ec) break;
        if (it->path().extension() == ".json" && it->is_regular_file(ec))
            files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());  // the same order, and diagnostics, on every run
    if (files.empty()) diags.error(dir.string(), "", "no stretch files (*.json) found");
    return files;
}

// Drops mistake demos whose "of" is not a shipped stretch done right.
void checkMistakes(std::vector<Stretch>& stretches, Diagnostics& diags) {
    auto bad = [&](const Stretch& s) {
        if (!s.mistake) return false;
        auto it = std::find_if(stretches.begin(), stretches.end(),
                               [&](const Stretch& o) { return o.id == s.mistake->of; });
        if (it == stretches.end()) {
            diags.error(s.file, "/mistake/of",
                        "\"" + s.mistake->of + "\" is not a stretch in the library; skipped");
            return true;
        }
        if (it->mistake) {
            diags.error(s.file, "/mistake/of",
                        "\"" + s.mistake->of +
                            "\" is itself a mistake demo; name the stretch "
                            "done right; skipped");
            return true;
        }
        return false;
    };
    std::vector<bool> drop;
    for (Stretch& s : stretches) {
        drop.push_back(bad(s));
        if (!s.mistake || drop.back()) continue;
        for (const Stretch& o : stretches)
            if (o.id == s.mistake->of)
                for (const std::string& id : o.supports)
                    if (std::find(s.supports.begin(), s.supports.end(), id) == s.supports.end())
                        s.mistake->supportsDoneRight.push_back(id);
    }
    size_t i = 0;
    stretches.erase(std::remove_if(stretches.begin(), stretches.end(),
                                   [&](const Stretch&) { return drop[i++]; }),
                    stretches.end());
}

}  // namespace

StretchLibrary loadStretchLibrary(const std::string& assetsDir,
                                  const std::vector<RegionInfo>& regions, Diagnostics& diags) {
    StretchLibrary lib;
    try {
        const fs::path root(assetsDir);
        auto landmarks = loadLandmarks((root / "anatomy" / "landmarks.json").string(), diags);
        auto rom = loadRangeOfMotion((root / "anatomy" / "range_of_motion.json").string(), diags);
        const fs::path dir = root / "stretches";
        if (!landmarks || !rom) {
            diags.error(dir.string(), "",
                        "stretches not loaded: the landmark or range-of-motion table has errors");
            return lib;
        }
        lib.landmarks = std::move(*landmarks);
        lib.rangeOfMotion = std::move(*rom);
        for (const fs::path& file : stretchFiles(dir, diags)) {
            auto s = loadStretch(file.string(), regions, lib.landmarks, lib.rangeOfMotion, diags);
            if (s) lib.stretches.push_back(std::move(*s));
        }
        std::sort(lib.stretches.begin(), lib.stretches.end(),
                  [](const Stretch& a, const Stretch& b) { return a.id < b.id; });
        checkMistakes(lib.stretches, diags);
    } catch (const std::exception& e) {
        diags.error(assetsDir, "",
                    std::string("unexpected problem loading stretches: ") + e.what());
    }
    return lib;
}

}  // namespace ra::core
