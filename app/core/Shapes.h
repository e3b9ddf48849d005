// Shapes: procedural meshes for the scene props (foam roller, exercise mat, floor), built as plain
// core::Primitive data so they reach the GPU through the same upload path as glTF meshes.
#pragma once

#include "core/ModelData.h"

namespace ra::core {

// Closed cylinder centred at the origin, axis along +Z, with rounded edges. UV: u around the
// circumference (0..1), v along the length (0..1); the caps use v < 0 so a shader can tell them.
Primitive makeRoller(float radius, float length, int segments = 48);

// Box centred on the origin's XZ, spanning y in [-height, 0] (its top face is the floor level),
// with a bevel-free box topology and UVs in metres on the top face.
Primitive makeMat(float sizeX, float sizeZ, float height);

// A rectangle of floor at height y spanning [lo, hi] in world x/z, UVs = world x/z in metres (so
// patches drawn side by side continue each other's pattern).
Primitive makeFloorPatch(glm::vec2 lo, glm::vec2 hi, float y);

}  // namespace ra::core
