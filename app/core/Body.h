// Body: the anatomical body generator. From a BodySpec (assets/anatomy/body-*.json) and the region
// table it builds the whole figure as ModelData: a smooth, watertight skin polygonized from the
// spec's implicit surface, skinned to the 25-joint rig with smooth four-joint weights, every
// vertex labelled with up to four regions (soft boundaries), the x-ray skeleton (vertebrae, ribs,
// pelvis, scapulae, femurs; each piece rigidly parented to its joint and named), and the looping
// "demo" clip. Deterministic: the same spec gives byte-identical glTF (see ra-make-body).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/BodySpec.h"
#include "core/Diagnostics.h"
#include "core/ModelData.h"

namespace ra::core {

struct BodyOptions {
    bool skeleton = true;   // the x-ray pieces
    bool animation = true;  // the demo clip
    int threads = 0;        // polygonizer threads (0: all cores); output does not depend on it
};

std::optional<ModelData> buildBody(const BodySpec& spec, const std::vector<RegionInfo>& regions,
                                   Diagnostics& diags, const BodyOptions& options = {});

// Loads the spec and the region table, then builds.
std::optional<ModelData> buildBodyFromFiles(const std::string& specPath,
                                            const std::string& regionsPath, Diagnostics& diags,
                                            const BodyOptions& options = {});

// Where joint `j` of the body rig hands over to its child: the segment whose nearest point
// decides which bone a skin vertex follows (extremities extend along their parent's direction).
struct BoneSegment {
    glm::vec3 a{0.0f}, b{0.0f};
};

}  // namespace ra::core
