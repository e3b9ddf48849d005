// GlbWriter: writes a ModelData as a glTF 2.0 binary (.glb). Deterministic: the same model gives
// byte-identical output (sorted JSON keys, fixed layout), so generated assets can be diffed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/Diagnostics.h"
#include "core/ModelData.h"

namespace ra::core {

struct GlbWriteOptions {
    std::string generator = "Roller Atlas GlbWriter";
};

// The whole file in memory. Every array in the model must be consistent (sizes, indices in
// range); that is asserted, not reported. Images are stored as uncompressed PNG.
std::vector<uint8_t> writeGlb(const ModelData& model, const GlbWriteOptions& options = {});

// Writes writeGlb(model) to `path`; false with an error in `diags` when the file cannot be written.
bool writeGlbFile(const ModelData& model, const std::string& path, Diagnostics& diags,
                  const GlbWriteOptions& options = {});

}  // namespace ra::core
