// GltfSource: everything the loader checks before tinygltf sees a byte: the file itself (exists,
// regular, within budget), the GLB container, JSON nesting depth, and the JSON-level rules that
// tinygltf either does not check or checks too late (URIs, byteOffset without bufferView, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/GltfCommon.h"
#include "core/GltfLoader.h"

namespace ra::core::gltf {

struct Source {
    std::string baseDir;  // canonical absolute folder of the model; external URIs resolve here only
    bool binary = false;
    // .gltf: the file's text. .glb: a canonical GLB rebuilt from the checked chunks (JSON chunk,
    // then the BIN chunk when it is non-empty), so tinygltf never parses a malformed container.
    std::vector<uint8_t> bytes;
    size_t jsonOffset = 0;
    size_t jsonLength = 0;
    uint64_t binLength = 0;  // GLB BIN chunk payload bytes (0 when absent)

    std::string_view json() const {
        return {reinterpret_cast<const char*>(bytes.data()) + jsonOffset, jsonLength};
    }
};

// Reads and checks the file; nullopt (with errors in `report`) when it cannot be a glTF asset.
std::optional<Source> readSource(const std::string& path, const LoadBudget& budget, Report& report);

// Checks nesting depth and the JSON-level rules above. False when tinygltf must not be called.
// Nesting deeper than budget.maxJsonDepth is refused before any parser runs: tinygltf's parser
// and the destructors of JSON documents recurse per level, so a hostile `extras` could otherwise
// overflow the stack.
bool checkJson(const Source& source, const LoadBudget& budget, Report& report);

// URI rules shared with the file-system sandbox. Empty when `uri` may be read relative to the
// model's folder, otherwise the reason it may not.
std::string relativeUriProblem(std::string_view uri);
bool isDataUri(std::string_view uri);
std::string dataUriProblem(std::string_view uri);  // empty when a well-formed base64 data URI
std::string percentDecode(std::string_view uri);

}  // namespace ra::core::gltf
