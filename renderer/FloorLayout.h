// FloorLayout: the floor as rectangles on y = 0: where shadows can land (drawn with the shadow
// lookup), the rest out to the floor's edge (without), and nothing under the mat, which hides it.
#pragma once

#include <glm/glm.hpp>
#include <vector>

namespace ra::gfx {

struct FloorRect {
    glm::vec2 lo{0.0f}, hi{0.0f};  // (x, z) corners
    bool empty() const { return hi.x <= lo.x || hi.y <= lo.y; }
};

struct FloorPatch {
    FloorRect rect;     // what to draw
    FloorRect outline;  // the patch it was cut from: the grid fades toward this one's edge
    bool shaded = false;
};

// The floor out to `reach` metres: the shadow footprint (x0, z0, x1, z1) shaded, the frame around
// it unshaded, each with `hole` cut out. Every point of the floor outside the hole lies in
// exactly one patch.
std::vector<FloorPatch> floorPatches(glm::vec4 footprint, float reach, FloorRect hole);

// `r` minus `hole`: up to four rectangles covering the rest of `r`.
std::vector<FloorRect> subtract(const FloorRect& r, const FloorRect& hole);

}  // namespace ra::gfx
