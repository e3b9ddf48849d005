// SurfaceNets: turns an implicit surface (a signed field, negative inside) into a closed,
// 2-manifold triangle mesh: surface nets on a uniform grid, vertices projected onto the surface,
// then tangential smoothing that keeps them on it, and normals from the field's gradient.
// Deterministic: the same field and options give bit-identical output on every run and thread
// count.
#pragma once

#include <functional>
#include <glm/glm.hpp>

#include "core/TriMesh.h"

namespace ra::core {

// Signed field: < 0 inside, > 0 outside, roughly a distance (a Lipschitz bound near 1 is enough
// for the narrow band). Called from several threads at once: it must be pure.
using ScalarField = std::function<float(const glm::vec3&)>;

struct PolygonizeOptions {
    glm::vec3 boxMin{-1.0f};
    glm::vec3 boxMax{1.0f};
    float cellSize = 0.01f;         // grid spacing in the field's units
    int projectionSteps = 4;        // Newton steps pulling each vertex onto the zero set
    int smoothingIterations = 6;    // tangential relaxation passes (each followed by projection)
    int threads = 0;                // 0 = hardware concurrency
};

// The field must be positive on the box's boundary (the surface lies strictly inside).
// Triangles are wound counter-clockwise seen from outside (where the field is positive).
TriMesh polygonize(const ScalarField& field, const PolygonizeOptions& options);

}  // namespace ra::core
