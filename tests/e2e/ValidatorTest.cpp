// ValidatorTest: the Khronos glTF Validator (the npm package pinned in tests/validator) finds no
// errors and no warnings in any shipped model, nor in a labelled model from our GLB writer. It
// needs node and tests/validator/node_modules (./build.sh deps); without them the test fails.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/GlbWriter.h"
#include "core/LabelledModelFixture.h"
#include "e2e/Process.h"

using namespace ra::test;
namespace fs = std::filesystem;

namespace {

const fs::path kValidatorDir = fs::path(RA_SOURCE_DIR) / "tests" / "validator";

// node, or a failure that says how to get it.
std::string requireValidator() {
    std::string node = findProgram("node");
    if (node.empty()) node = findProgram("nodejs");
    if (node.empty()) FAIL("node is not installed; run ./build.sh deps (installs nodejs and npm)");
    if (!fs::exists(kValidatorDir / "node_modules" / "gltf-validator" / "package.json"))
        FAIL("the glTF validator package is missing from "
             << (kValidatorDir / "node_modules").string() << "; run ./build.sh deps");
    return node;
}

// The validator's report on one file: numErrors, numWarnings, numInfos, messages.
nlohmann::json validate(const std::string& node, const std::string& file) {
    const auto r = runProcess({node, (kValidatorDir / "validate.mjs").string(), file}, {}, 100.0);
    INFO(file << "\n" << r.err);
    REQUIRE(r.exitCode == 0);
    const nlohmann::json report = nlohmann::json::parse(r.out, nullptr, false);
    REQUIRE_FALSE(report.is_discarded());
    return report;
}

void requireClean(const nlohmann::json& report, bool noInfos) {
    INFO(report["file"].get<std::string>() << ": " << report["messages"].dump(2));
    CHECK(report["numErrors"] == 0);
    CHECK(report["numWarnings"] == 0);
    if (noInfos) CHECK(report["numInfos"] == 0);
}

}  // namespace

TEST_CASE("every shipped .glb passes the Khronos glTF Validator without warnings", "[validator]") {
    const std::string node = requireValidator();
    std::vector<std::string> models;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(RA_SOURCE_DIR) / "assets"))
        if (entry.is_regular_file() && entry.path().extension() == ".glb")
            models.push_back(entry.path().string());
    std::sort(models.begin(), models.end());
    REQUIRE_FALSE(models.empty());
    for (const std::string& model : models) requireClean(validate(node, model), false);
}

TEST_CASE("a labelled model from the GLB writer passes the validator, extras and all",
          "[validator]") {
    const std::string node = requireValidator();
    fs::create_directories(RA_TEST_OUT_DIR);
    const std::string path = (fs::path(RA_TEST_OUT_DIR) / "validator_labelled.glb").string();
    ra::core::Diagnostics diags;
    REQUIRE(ra::core::writeGlbFile(labelledModel(), path, diags));
    requireClean(validate(node, path), true);
}
