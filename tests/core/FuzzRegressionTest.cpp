// FuzzRegressionTest: every input in tests/data/fuzz-regressions/ (crashes and hangs the fuzzers
// found, and hand-made hostile files) loads without crashing: a model or table, or errors that
// name the file. The sanitizer build runs this too, so a memory error fails it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "core/GltfLoader.h"
#include "core/RegionTable.h"
#include "core/Stretch.h"

using namespace ra::core;
namespace fs = std::filesystem;

namespace {

const fs::path kRegressions = fs::path(RA_SOURCE_DIR) / "tests" / "data" / "fuzz-regressions";

std::vector<fs::path> filesIn(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file() && e.path().filename() != "README.md") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// The loaders' contract: a result, or at least one error; every diagnostic names the file and
// says something.
void checkContract(bool loaded, const Diagnostics& d, const std::string& file) {
    INFO(file << "\n" << d.str());
    if (!loaded) CHECK(d.hasErrors());
    for (const auto& item : d.items()) {
        CHECK(item.file == file);
        CHECK_FALSE(item.message.empty());
    }
}

}  // namespace

TEST_CASE("glTF fuzz regressions load or fail cleanly") {
    const auto files = filesIn(kRegressions / "gltf");
    REQUIRE(files.size() >= 3);
    LoadBudget budget;  // what the fuzzer ran with (tests/fuzz/FuzzGltf.cpp)
    budget.maxFileBytes = 16u << 20;
    budget.maxBufferBytes = 64u << 20;
    budget.maxVertices = 1u << 20;
    budget.maxImagePixels = 4u << 20;
    for (const auto& file : files) {
        for (const LoadBudget& b : {budget, LoadBudget{}}) {
            Diagnostics d;
            const auto model = loadGltf(file.string(), d, b);
            checkContract(model.has_value(), d, file.string());
        }
    }
}

TEST_CASE("content fuzz regressions load or fail cleanly as every kind of table") {
    const auto files = filesIn(kRegressions / "content");
    REQUIRE(files.size() >= 2);
    const std::string anatomy = std::string(RA_SOURCE_DIR) + "/assets/anatomy/";
    Diagnostics shipped;
    const auto regions = loadRegionTable(anatomy + "regions.json", shipped);
    const auto landmarks = loadLandmarks(anatomy + "landmarks.json", shipped);
    const auto rom = loadRangeOfMotion(anatomy + "range_of_motion.json", shipped);
    INFO(shipped.str());
    REQUIRE((regions && landmarks && rom));
    for (const auto& path : files) {
        const std::string file = path.string();
        Diagnostics d1, d2, d3, d4;
        checkContract(loadStretch(file, *regions, *landmarks, *rom, d1).has_value(), d1, file);
        checkContract(loadLandmarks(file, d2).has_value(), d2, file);
        checkContract(loadRangeOfMotion(file, d3).has_value(), d3, file);
        checkContract(loadRegionTable(file, d4).has_value(), d4, file);
    }
}
