// GpuMesh: one primitive's buffers on the GPU. upload() is the only bridge from core::Primitive to
// GL; attribute locations match shaders/vertex_inputs.glsl and shaders/skin.vert. A skinned mesh
// also owns the buffer its skinned vertices are captured into each frame (transform feedback);
// a mesh with anatomy labels owns a small buffer of region ids and weights.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

#include "core/ModelData.h"
#include "renderer/gl/GlObject.h"

namespace ra::gfx {

struct GpuMesh {
    gl::VertexArray vao;  // what the shadow and scene passes draw
    gl::Buffer vertices;  // bind pose: position, normal, uv, joints, weights
    gl::Buffer indices;
    GLsizei indexCount = 0;
    GLsizei vertexCount = 0;
    bool skinned = false;
    gl::VertexArray skinVao;     // skinned only: bind-pose inputs of the skinning pass
    gl::Buffer skinnedVertices;  // skinned only: position + normal per vertex, this frame
    gl::Buffer regions;          // labelled only: region ids (uvec4) and weights per vertex
    // Skinned only: the shadow pass's coarser triangles over the same skinned vertices (see
    // ShadowProxy.h); without them the shadow pass draws the full mesh.
    gl::VertexArray shadowVao;
    gl::Buffer shadowIndices;
    GLsizei shadowIndexCount = 0;
    // Bit r set when region r (< 64) has weight on some vertex: the renderer picks the plain
    // program for a mesh none of whose regions is flagged. 0 for an unlabelled mesh.
    uint64_t regionMask = 0;

    bool labelled() const { return regionMask != 0; }

    void draw() const;
    // Draws the shadow proxy where there is one, else the mesh (positions only are read).
    void drawShadow() const;
    // Runs the skinning pass (the caller has bound the program and the joint matrices).
    void skin() const;
    // Skinned positions as last captured (for tests and picking); empty when not skinned.
    std::vector<glm::vec3> readSkinnedPositions() const;
};

GpuMesh upload(const core::Primitive& primitive);

// A texture from a decoded RGBA8 image: sRGB, mipmapped, repeat.
gl::Texture upload(const core::Image& image);

}  // namespace ra::gfx
