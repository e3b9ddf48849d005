// MannequinShape: the default figure's skin, a set of closed, overlapping tubes with tapered
// superelliptic cross-sections (torso, neck, head, limbs, hands, feet), smooth normals and
// four-joint linear-blend weights that vary smoothly across every joint.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/MannequinRig.h"
#include "core/ModelData.h"

namespace ra::core::mannequin {

// A contiguous, closed piece of the skin (vertices [first, first + count)).
struct SkinPart {
    std::string name;
    uint32_t firstVertex = 0;
    uint32_t vertexCount = 0;
};

struct MannequinSkin {
    Primitive primitive;  // rest pose, model space; joints index the rig (== skin joint order)
    std::vector<SkinPart> parts;

    const SkinPart* part(const std::string& name) const;
};

MannequinSkin buildMannequinSkin(const Rig& rig);

}  // namespace ra::core::mannequin
