// LabelLayout: places text labels for points on the body in two columns beside it (screen
// pixels), with straight leader lines that never cross and boxes that never overlap. Pure
// geometry; the window draws the result.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

namespace ra::core {

// Axis-aligned screen rectangle in pixels (any y direction; ImGui's is down). Empty when
// max < min on either axis.
struct ScreenRect {
    glm::vec2 min{0.0f};
    glm::vec2 max{-1.0f};

    bool empty() const { return max.x < min.x || max.y < min.y; }
    bool overlaps(const ScreenRect& o) const {
        return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y;
    }
};

struct LabelRequest {
    std::uint32_t key = 0;   // stable across frames (e.g. a region id): matches the previous layout
    glm::vec2 anchor{0.0f};  // the point on the body, pixels
    glm::vec2 size{0.0f};    // the text box, pixels
    int priority = 0;        // higher keeps its place when a column runs out of room
};

struct LabelLayoutInput {
    ScreenRect screen;  // the free part of the window
    ScreenRect body;    // the body's screen bounds; empty: the anchors' bounds
    std::vector<LabelRequest> labels;
    std::vector<ScreenRect> avoid;  // panels over the screen rectangle
    float gap = 6.0f;               // between boxes, and from the screen's and panels' edges
    float bodyClearance = 12.0f;    // between a column and the body's bounds
    // With a previous layout: a label whose anchor is this close to the body's midline keeps
    // its side, and two whose anchors are this close in height keep their order.
    float sideHysteresis = 24.0f;
    float orderHysteresis = 4.0f;
};

enum class LabelSide { Left, Right };

struct PlacedLabel {
    std::uint32_t key = 0;
    bool placed = false;  // false: dropped for want of room
    LabelSide side = LabelSide::Left;
    ScreenRect box;
    glm::vec2 leaderFrom{0.0f};  // the anchor
    glm::vec2 leaderTo{0.0f};    // the point of the box nearest the anchor
};

struct LabelLayout {
    std::vector<PlacedLabel> labels;  // one per request, in the requests' order
};

// Deterministic: the same input (and previous layout) gives the same layout. Pass last frame's
// layout as `previous` so labels near the midline or level with each other do not flicker.
LabelLayout layoutLabels(const LabelLayoutInput& input, const LabelLayout* previous = nullptr);

// True when the two segments cross at a point inside both (touching ends do not count).
bool segmentsCross(glm::vec2 a0, glm::vec2 a1, glm::vec2 b0, glm::vec2 b1);

}  // namespace ra::core
