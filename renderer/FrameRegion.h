// FrameRegion: the scene rectangle. Everything but the floor lies inside the screen rectangle
// around the mat, the roller and the posed model; the floor has no edges of its own, so the
// renderer multisamples that rectangle only and draws the floor around it without (a software
// rasteriser pays for every sample it clears, shades, stores and resolves), or copies it in while
// the camera holds still (see RendererBackdrop.cpp).
#pragma once

#include <glm/glm.hpp>
#include <vector>

#include "core/ModelData.h"
#include "core/Pose.h"

namespace ra::gfx {

// A pixel rectangle [x0, x1) x [y0, y1) in GL window coordinates (y up).
struct PixelRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    bool operator==(const PixelRect&) const = default;
};

// The pixels a set of boxes can cover: the bounding rectangle of their corners, projected.
class ScreenRect {
public:
    ScreenRect(int width, int height) : m_width(width), m_height(height) {}
    // Adds `box` as seen through `clipFromBox` (projection * view * the box's model matrix).
    void add(const core::Bounds& box, const glm::mat4& clipFromBox);
    // Marks the rectangle as the whole view (something cannot be bounded).
    void addEverything() { m_everything = true; }
    // Grown by `margin` pixels, snapped outward to multiples of `align`, clipped to the view; the
    // whole view when a box reaches behind the eye.
    PixelRect pixels(int margin, int align) const;

private:
    int m_width, m_height;
    glm::vec2 m_lo{1e30f}, m_hi{-1e30f};  // pixels
    bool m_everything = false;
};

// The rectangles of a width x height view around `inner` (up to four: below, above, left, right):
// together with `inner`, the whole view, each pixel once.
std::vector<PixelRect> bandsAround(const PixelRect& inner, int width, int height);

// A box and the matrix that carries it into model space.
struct PlacedBox {
    core::Bounds box;
    glm::mat4 toModel{1.0f};
};

// Boxes that hold a posed model without skinning a vertex on the CPU. Linear blend skinning puts
// a vertex inside the convex hull of its joints' transforms of it, so the box of the bind-pose
// vertices each joint moves, carried by that joint's matrix, holds them all; an unskinned mesh
// is its box carried by its node.
class PosedBoxes {
public:
    void build(const core::ModelData& model);
    // `joints[s]`: skin s's joint matrices this frame, empty for a skin drawn in its bind pose.
    // Returns false (and adds nothing) when the model cannot be bounded this way.
    bool collect(const core::Pose& pose, const std::vector<std::vector<glm::mat4>>& joints,
                 std::vector<PlacedBox>& out) const;

private:
    struct Skin {
        std::vector<core::Bounds> joints;  // per joint of the skin: bind-pose vertices it moves
        core::Bounds bindPose;
    };
    struct Rigid {
        size_t node;
        core::Bounds local;
    };
    void addSkinned(const core::Primitive& prim, Skin& skin, size_t jointCount);
    std::vector<Skin> m_skins;
    std::vector<Rigid> m_rigid;
    bool m_bounded = true;
};

}  // namespace ra::gfx
