// ShadowProxy: a coarser triangle list over a skinned mesh's own vertices for the sun's shadow
// pass, which on a software rasteriser costs per triangle far more than per texel.
#pragma once

#include <cstdint>
#include <vector>

#include "core/ModelData.h"

namespace ra::gfx {

// Vertex clustering in the bind pose: the vertices in one grid cell of `cellSize` metres that
// are joined by mesh edges there and share their most-weighted joint become one of them (the one
// nearest their centre), and the triangles are re-indexed, dropping those that collapse. The
// proxy indexes the same vertices as the full mesh, so it is skinned with it for free; edges
// never jump a gap (two fingers, two thighs) or a joint, so no triangle stretches when the body
// moves. Returns the full index list when the mesh is too small to gain anything.
std::vector<uint32_t> shadowProxyIndices(const core::Primitive& primitive, float cellSize);

// The cell size giving about four times fewer triangles: twice the mean edge length.
float shadowProxyCellSize(const core::Primitive& primitive);

}  // namespace ra::gfx
