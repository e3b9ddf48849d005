// GltfCorpusTest: every file of the broken-glTF corpus (Khronos validator + tinygltf regressions)
// loads without crashing and with the outcome decided per file below from MANIFEST.tsv.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/GltfLoader.h"

using namespace ra::core;
namespace fs = std::filesystem;

namespace {

enum class Expect {
    Fail,         // nullopt, errors naming the file
    Load,         // loads without errors
    LoadWarning,  // loads without errors, at least one warning
};

struct Rule {
    Expect expect;
    bool pointer;  // some error names a place: a JSON pointer ("/...") or "byte N"
};

// Decided from MANIFEST.tsv. Every validator *error* fails. Where the validator only warns:
//  - accessor__unknown_type: tinygltf cannot represent the type, so the file fails;
//  - buffer__data_uri.glb: a non-base64 data URI cannot be read, so the file fails;
//  - buffer__non_relative_uri: remote URIs are refused (no network I/O), so the file fails;
//  - node__node_skinned_mesh_without_skin: loads, drawn unskinned, with a warning.
// image__png_eos is a validator error, but by design a broken image only costs the texture
// (materials fall back to their base color), so it loads with a warning.
// The tinygltf regressions: issue-492 (skin without IBMs) and issue-440 (GLB) are valid edge
// cases and load; the others are broken references, a bad number or an empty asset version.
const std::map<std::string, Rule> kRules = {
    {"accessor__byteoffset_no_bufferview.gltf", {Expect::Fail, true}},
    {"accessor__invalid_sparse_count_and_stride.gltf", {Expect::Fail, false}},
    {"accessor__small_stride.gltf", {Expect::Fail, false}},
    {"accessor__unknown_type.gltf", {Expect::Fail, false}},
    {"accessor__unresolved_bufferviews.gltf", {Expect::Fail, true}},
    {"accessor_data__invalid_elements_float.gltf", {Expect::Fail, true}},
    {"accessor_data__out_of_range_elements_uint8.gltf", {Expect::Fail, true}},
    {"animation__sampler_output_count_invalid.gltf", {Expect::Fail, true}},
    {"animation__unresolved_channel_sampler.gltf", {Expect::Fail, true}},
    {"animation__unresolved_channel_target.gltf", {Expect::Fail, true}},
    {"animation__unresolved_sampler_input.gltf", {Expect::Fail, true}},
    {"animation__unresolved_sampler_output.gltf", {Expect::Fail, true}},
    {"animation_data__invalid_input_values.gltf", {Expect::Fail, true}},
    {"animation_data__quaternion_non_unit_values.gltf", {Expect::Fail, true}},
    {"buffer__data_uri.glb", {Expect::Fail, true}},
    {"buffer__invalid_uri_data.gltf", {Expect::Fail, true}},
    {"buffer__invalid_uri_data_bytelength.gltf", {Expect::Fail, false}},
    {"buffer__invalid_uri_scheme.gltf", {Expect::Fail, true}},
    {"buffer__no_bin_chunk.glb", {Expect::Fail, false}},
    {"buffer__non_relative_uri.gltf", {Expect::Fail, true}},
    {"buffer__not_found.gltf", {Expect::Fail, false}},
    {"buffer__wrong_bytelength.glb", {Expect::Fail, false}},
    {"buffer__zero_bytelength.gltf", {Expect::Fail, false}},
    {"buffer_view__invalid_length.gltf", {Expect::Fail, true}},
    {"buffer_view__invalid_stride_multiple.gltf", {Expect::Fail, false}},
    {"buffer_view__invalid_stride_too_big.gltf", {Expect::Fail, true}},
    {"buffer_view__unresolved_buffer.gltf", {Expect::Fail, true}},
    {"glb__chunk_too_big.glb", {Expect::Fail, true}},
    {"glb__empty_file.glb", {Expect::Fail, false}},
    {"glb__empty_json_chunk.glb", {Expect::Fail, true}},
    {"glb__invalid_json_chunk.glb", {Expect::Fail, true}},
    {"glb__invalid_magic.glb", {Expect::Fail, true}},
    {"glb__invalid_version.glb", {Expect::Fail, true}},
    {"glb__length_mismatch.glb", {Expect::Fail, true}},
    {"glb__misplaced_bin_chunk.glb", {Expect::Fail, true}},
    {"glb__no_header.glb", {Expect::Fail, true}},
    {"glb__only_bin_chunk.glb", {Expect::Fail, true}},
    {"glb__only_header.glb", {Expect::Fail, true}},
    {"glb__truncated_chunk_data.glb", {Expect::Fail, true}},
    {"glb__truncated_chunk_header.glb", {Expect::Fail, true}},
    {"glb__unaligned_chunk.glb", {Expect::Fail, true}},
    {"glb__zero_chunk_header.glb", {Expect::Fail, true}},
    {"glb__zero_length.glb", {Expect::Fail, true}},
    {"image__invalid_data_uri.gltf", {Expect::Fail, true}},
    {"image__png_eos.gltf", {Expect::LoadWarning, true}},
    {"json__empty_file.gltf", {Expect::Fail, false}},
    {"json__invalid_object.gltf", {Expect::Fail, false}},
    {"json__invalid_syntax.gltf", {Expect::Fail, true}},
    {"mesh__accessor_unequal_count.gltf", {Expect::Fail, true}},
    {"mesh__indices_invalid_format.gltf", {Expect::Fail, false}},
    {"mesh__invalid_indexed_attribute.gltf", {Expect::Fail, true}},
    {"mesh__unequal_joints.gltf", {Expect::Fail, true}},
    {"mesh__unresolved_indices.gltf", {Expect::Fail, false}},
    {"mesh__unresolved_positions.gltf", {Expect::Fail, true}},
    {"mesh_data__index_buffer_oob.gltf", {Expect::Fail, true}},
    {"mesh_data__joints_no_weights.gltf", {Expect::Fail, true}},
    {"mesh_data__joints_weights_complex.gltf", {Expect::Fail, true}},
    {"node__infinite_transform.gltf", {Expect::Fail, false}},
    {"node__matrix_indecomposable.gltf", {Expect::Fail, true}},
    {"node__node_loop.gltf", {Expect::Fail, true}},
    {"node__node_loop_scene.gltf", {Expect::Fail, true}},
    {"node__node_parent_override.gltf", {Expect::Fail, true}},
    {"node__node_skinned_mesh_without_skin.gltf", {Expect::LoadWarning, true}},
    {"node__unresolved_child_node.gltf", {Expect::Fail, true}},
    {"node__unresolved_skin.gltf", {Expect::Fail, true}},
    {"root__invalid_array_elements.gltf", {Expect::Fail, false}},
    {"scene__unresolved_default_scene.gltf", {Expect::Fail, true}},
    {"scene__unresolved_node.gltf", {Expect::Fail, true}},
    {"skin__empty_joints_array.gltf", {Expect::Fail, true}},
    {"skin__ibm_invalid_count.gltf", {Expect::Fail, true}},
    {"skin__ibm_invalid_format.gltf", {Expect::Fail, true}},
    {"skin__no_common_root.gltf", {Expect::Fail, true}},
    {"skin__skeleton_invalid.gltf", {Expect::Fail, true}},
    {"skin__unresolved_ibm.gltf", {Expect::Fail, true}},
    {"skin__unresolved_joint.gltf", {Expect::Fail, true}},
    {"skin__unresolved_skeleton.gltf", {Expect::Fail, true}},
    {"skin_data__invalid_ibm.gltf", {Expect::Fail, true}},
    {"tinygltf__integer-out-of-bounds.gltf", {Expect::Fail, false}},
    {"tinygltf__invalid-buffer-index.gltf", {Expect::Fail, true}},
    {"tinygltf__invalid-buffer-view-index.gltf", {Expect::Fail, false}},
    {"tinygltf__invalid-primitive-indices.gltf", {Expect::Fail, false}},
    {"tinygltf__issue-416.gltf", {Expect::Fail, true}},
    {"tinygltf__issue-492.glb", {Expect::Load, false}},
    {"tinygltf__zero-sized-bin-chunk-issue-440.glb", {Expect::Load, false}},
};

const std::string kCorpus = std::string(RA_TESTDATA_DIR) + "/gltf-invalid/";

struct ManifestRow {
    std::string file;
    std::string validatorCodes;
};

std::vector<ManifestRow> readManifest() {
    std::ifstream in(kCorpus + "MANIFEST.tsv");
    std::vector<ManifestRow> rows;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> cols;
        std::stringstream ss(line);
        for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
        if (cols.size() >= 4) rows.push_back({cols[0], cols[3]});
    }
    return rows;
}

bool isModel(const std::string& file) {
    const std::string ext = fs::path(file).extension().string();
    return ext == ".gltf" || ext == ".glb";
}

bool namesPlace(const Diagnostic& d) {
    return d.where.rfind("/", 0) == 0 || d.where.rfind("byte ", 0) == 0;
}

struct Tally {
    int failed = 0, loaded = 0, loadedWithWarnings = 0, companionsRefused = 0;
};

void checkModel(const std::string& file, const Rule& rule, Tally& tally) {
    const std::string path = kCorpus + file;
    Diagnostics d;
    const auto m = loadGltf(path, d);
    INFO(file << "\n" << d.str());
    for (const auto& item : d.items()) {
        CHECK(item.file == path);
        CHECK_FALSE(item.message.empty());
    }
    if (rule.expect == Expect::Fail) {
        CHECK_FALSE(m.has_value());
        CHECK(d.hasErrors());
        if (rule.pointer) {
            bool named = false;
            for (const auto& item : d.items())
                named = named || (item.severity == Severity::Error && namesPlace(item));
            CHECK(named);
        }
        ++tally.failed;
        return;
    }
    CHECK(m.has_value());
    CHECK_FALSE(d.hasErrors());
    if (rule.expect == Expect::LoadWarning) {
        CHECK_FALSE(d.empty());
        ++tally.loadedWithWarnings;
    } else {
        ++tally.loaded;
    }
}

}  // namespace

TEST_CASE("The broken-glTF corpus loads without crashing, with the expected outcome per file") {
    const auto rows = readManifest();
    REQUIRE(rows.size() >= 90);
    Tally tally;
    int models = 0;
    for (const auto& row : rows) {
        if (!isModel(row.file)) {
            // Companion .bin/.png files are not glTF: they must be refused cleanly too.
            Diagnostics d;
            CHECK_FALSE(loadGltf(kCorpus + row.file, d).has_value());
            CHECK(d.hasErrors());
            ++tally.companionsRefused;
            continue;
        }
        ++models;
        auto rule = kRules.find(row.file);
        if (rule == kRules.end())
            FAIL("MANIFEST file without an expectation in kRules: " << row.file);
        // A validator error code (outside "(warn: ...)") means the file must fail.
        const std::string errorCodes = row.validatorCodes.substr(0, row.validatorCodes.find('('));
        const bool validatorError = errorCodes.find_first_not_of(" ") != std::string::npos;
        if (validatorError && row.file != "image__png_eos.gltf")
            CHECK(rule->second.expect == Expect::Fail);
        checkModel(row.file, rule->second, tally);
    }
    CHECK(models == int(kRules.size()));
    std::cout << "glTF corpus: " << models << " models: " << tally.failed
              << " refused with errors, " << tally.loaded << " loaded cleanly, "
              << tally.loadedWithWarnings << " loaded with warnings; " << tally.companionsRefused
              << " companion files refused as models\n";
}

TEST_CASE("Every glTF file in the corpus folder is listed in the MANIFEST") {
    std::map<std::string, bool> listed;
    for (const auto& row : readManifest()) listed[row.file] = true;
    for (const auto& entry : fs::directory_iterator(kCorpus)) {
        const std::string name = entry.path().filename().string();
        if (isModel(name)) CHECK(listed.count(name) == 1);
    }
}
