// GltfLoader: reads .gltf/.glb files into ModelData through tinygltf, checking everything tinygltf
// does not (ranges, strides, hierarchy, skins) so a broken file yields diagnostics, never a crash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/Diagnostics.h"
#include "core/ModelData.h"

namespace ra::core {

// Limits checked before memory is spent; generous for real models, lowered by tests and fuzzers.
struct LoadBudget {
    uint64_t maxFileBytes = 512ull << 20;     // the model file, and each file it names
    uint64_t maxBufferBytes = 1024ull << 20;  // all buffers together, as declared
    uint64_t maxVertices = 20'000'000;        // elements of any one accessor; vertices per model
    uint64_t maxIndices = 60'000'000;         // triangle indices per model
    uint64_t maxImagePixels = 64ull << 20;    // per image, read from its header before decoding
    int maxJsonDepth = 64;                    // object/array nesting, checked before parsing
    int maxNodeDepth = 1000;                  // levels of the node hierarchy below a root
};

// Returns the model, or nullopt with at least one error in `diags`. Warnings may accompany success.
std::optional<ModelData> loadGltf(const std::string& path, Diagnostics& diags,
                                  const LoadBudget& budget = {});

// Region kinds as our files spell them (glTF extras, assets/anatomy/regions.json):
// "neutral", "target", "caution", "no-go".
const char* regionKindName(RegionKind kind);
std::optional<RegionKind> regionKindFromName(std::string_view name);

}  // namespace ra::core
