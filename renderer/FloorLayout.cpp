// FloorLayout: splitting the floor into patches (see FloorLayout.h).
#include "renderer/FloorLayout.h"

#include <algorithm>

namespace ra::gfx {

std::vector<FloorRect> subtract(const FloorRect& r, const FloorRect& hole) {
    const FloorRect h{glm::max(r.lo, hole.lo), glm::min(r.hi, hole.hi)};
    if (r.empty()) return {};
    if (h.empty()) return {r};
    // Full-width strips below and above the hole, then the pieces left and right of it.
    const FloorRect pieces[] = {
        {r.lo, {r.hi.x, h.lo.y}},
        {{r.lo.x, h.hi.y}, r.hi},
        {{r.lo.x, h.lo.y}, {h.lo.x, h.hi.y}},
        {{h.hi.x, h.lo.y}, {r.hi.x, h.hi.y}},
    };
    std::vector<FloorRect> out;
    for (const FloorRect& p : pieces)
        if (!p.empty()) out.push_back(p);
    return out;
}

std::vector<FloorPatch> floorPatches(glm::vec4 footprint, float reach, FloorRect hole) {
    const glm::vec2 lo = glm::clamp(glm::vec2(footprint.x, footprint.y), -reach, reach);
    const glm::vec2 hi = glm::clamp(glm::vec2(footprint.z, footprint.w), -reach, reach);
    const FloorRect shaded{lo, hi};
    const FloorRect unshaded[] = {
        {{-reach, -reach}, {reach, lo.y}},
        {{-reach, hi.y}, {reach, reach}},
        {{-reach, lo.y}, {lo.x, hi.y}},
        {{hi.x, lo.y}, {reach, hi.y}},
    };
    std::vector<FloorPatch> out;
    auto add = [&](const FloorRect& outline, bool isShaded) {
        for (const FloorRect& piece : subtract(outline, hole))
            out.push_back({piece, outline, isShaded});
    };
    add(shaded, true);
    for (const FloorRect& u : unshaded) add(u, false);
    return out;
}

}  // namespace ra::gfx
