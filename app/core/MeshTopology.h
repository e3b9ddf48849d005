// MeshTopology: facts about a triangle mesh that decide whether it is a proper closed skin:
// boundary and non-manifold edges, non-manifold vertices, orientation, connected components,
// Euler characteristic, enclosed volume, degenerate triangles and self-intersections.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

#include "core/TriMesh.h"

namespace ra::core {

struct TopologyReport {
    size_t vertices = 0;                // referenced vertices (positions welded by exact value)
    size_t triangles = 0;
    size_t boundaryEdges = 0;           // edges used by one triangle
    size_t nonManifoldEdges = 0;        // edges used by more than two triangles
    size_t nonManifoldVertices = 0;     // vertices whose triangle fan is not a single disc
    size_t inconsistentEdges = 0;       // edges whose two triangles run it the same direction
    size_t degenerateTriangles = 0;     // zero area or repeated vertex
    size_t components = 0;              // edge-connected pieces
    long eulerCharacteristic = 0;       // V - E + F
    double signedVolume = 0.0;          // > 0 when wound outward (CCW seen from outside)

    // Closed, 2-manifold, consistently and outwardly oriented, no degenerate triangles.
    bool watertight() const {
        return boundaryEdges == 0 && nonManifoldEdges == 0 && nonManifoldVertices == 0 &&
               inconsistentEdges == 0 && degenerateTriangles == 0 && signedVolume > 0.0;
    }
};

// Vertices are identified by index, except that positions equal bit for bit are welded first
// (so a mesh split at UV or normal seams still counts as closed).
TopologyReport analyzeTopology(const std::vector<glm::vec3>& positions,
                               const std::vector<uint32_t>& indices);
inline TopologyReport analyzeTopology(const TriMesh& m) {
    return analyzeTopology(m.positions, m.indices);
}

// Pairs of triangles that intersect and share no vertex; stops after `maxPairs`. Uses a uniform
// grid over the triangles' bounds, so a 100k-triangle mesh takes well under a second.
std::vector<std::pair<uint32_t, uint32_t>> findSelfIntersections(
    const std::vector<glm::vec3>& positions, const std::vector<uint32_t>& indices,
    size_t maxPairs = 16);

}  // namespace ra::core
