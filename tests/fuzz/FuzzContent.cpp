// FuzzContent: libFuzzer target for the content JSON loaders. Each input is written to a file and
// read as a stretch (against the shipped region, landmark and range-of-motion tables), as a
// landmark table, as a range-of-motion table and as a region table. A crash, sanitizer finding or
// escaped exception is a bug, and so is a failed load without an error naming the file.
// Seeds: assets/stretches/*.json and assets/anatomy/{regions,landmarks,range_of_motion}.json.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/RegionTable.h"
#include "core/Stretch.h"

namespace fs = std::filesystem;
using namespace ra::core;

namespace {

struct Tables {
    std::vector<RegionInfo> regions;
    std::vector<Landmark> landmarks;
    RangeOfMotion rom;
};

Tables* g_tables = nullptr;
fs::path g_dir;

// A failed load must leave at least one error, and every diagnostic names the file.
void checkContract(bool loaded, const Diagnostics& d, const std::string& file) {
    if (!loaded && !d.hasErrors()) std::abort();
    for (const auto& item : d.items())
        if (item.file != file || item.message.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const std::string anatomy = std::string(RA_SOURCE_DIR) + "/assets/anatomy/";
    Diagnostics d;
    auto regions = loadRegionTable(anatomy + "regions.json", d);
    auto landmarks = loadLandmarks(anatomy + "landmarks.json", d);
    auto rom = loadRangeOfMotion(anatomy + "range_of_motion.json", d);
    if (!regions || !landmarks || !rom) {
        std::fprintf(stderr, "FuzzContent: the shipped tables do not load:\n%s\n", d.str().c_str());
        std::abort();
    }
    g_tables = new Tables{std::move(*regions), std::move(*landmarks), std::move(*rom)};
    g_dir = fs::temp_directory_path() / ("ra-fuzz-content-" + std::to_string(getpid()));
    fs::create_directories(g_dir);
    std::atexit([] {
        std::error_code ignored;
        fs::remove_all(g_dir, ignored);
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string file = (g_dir / "input.json").string();
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    {
        Diagnostics d;
        auto s = loadStretch(file, g_tables->regions, g_tables->landmarks, g_tables->rom, d);
        checkContract(s.has_value(), d, file);
    }
    {
        Diagnostics d;
        checkContract(loadLandmarks(file, d).has_value(), d, file);
    }
    {
        Diagnostics d;
        checkContract(loadRangeOfMotion(file, d).has_value(), d, file);
    }
    {
        Diagnostics d;
        checkContract(loadRegionTable(file, d).has_value(), d, file);
    }
    return 0;
}
