// SkinPicker: ray casts against a skinned mesh fast enough to follow the mouse every frame: a
// bounding volume hierarchy over the triangles at their posed positions, refitted (not rebuilt)
// when the pose moves, giving exactly the hits of the linear pickSkin.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

#include "core/ModelData.h"
#include "core/Picking.h"

namespace ra::core {

class SkinPicker {
public:
    enum class Update { None, Built, Refitted };

    // The tree's layout (for the builder in SkinPicker.cpp). A node's box; an interior node
    // (count 0) has its children at first and first + 1, after it; a leaf holds the triangles
    // [first, first + count).
    struct Node {
        glm::vec3 lo{0.0f};
        uint32_t first = 0;
        glm::vec3 hi{0.0f};
        uint32_t count = 0;
    };
    struct Tri {
        uint32_t a = 0, b = 0, c = 0;  // vertex indices
        uint32_t index = 0;            // in the primitive's triangle list
    };

    // Takes the triangles of `skin` at `positions` (its vertices where they are now, e.g. the
    // world-space skinned pose of core::worldSkin). The first call, and any call with other
    // triangles (another primitive or vertex count), builds the tree; later calls refit its
    // boxes to the moved vertices, and rebuild when refitting has let them grow loose. Copies
    // what it needs: neither argument has to outlive the call.
    void update(const Primitive& skin, const std::vector<glm::vec3>& positions);
    // Builds the tree afresh (update() decides by itself when to).
    void build(const Primitive& skin, const std::vector<glm::vec3>& positions);

    // The first triangle the ray meets: the same hit pickSkin(skin, positions, origin, direction)
    // gives for the last update's arguments (triangle, distance, point and region alike).
    // `direction` need not be unit length. No hit before the first update.
    SkinHit cast(const glm::vec3& origin, const glm::vec3& direction) const;

    bool empty() const { return m_nodes.empty(); }
    size_t triangleCount() const { return m_tris.size(); }
    size_t nodeCount() const { return m_nodes.size(); }
    Update lastUpdate() const { return m_lastUpdate; }

private:
    bool sameTriangles(const Primitive& skin, size_t vertexCount) const;
    void refit();
    float treeArea() const;

    std::vector<Node> m_nodes;
    std::vector<Tri> m_tris;
    std::vector<glm::vec3> m_positions;
    std::vector<uint32_t> m_indices;  // the primitive's, to notice a change of triangles
    std::vector<glm::u8vec4> m_regionIds, m_regionWeights;
    float m_builtArea = 0.0f;  // the boxes' total area when built; refits that outgrow it rebuild
    Update m_lastUpdate = Update::None;
};

}  // namespace ra::core
