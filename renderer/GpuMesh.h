// GpuMesh: one primitive's vertex and index buffers on the GPU. upload() is the only bridge from
// core::Primitive to GL; attribute locations match shaders/skinning.glsl.
#pragma once

#include "core/ModelData.h"
#include "renderer/gl/GlObject.h"

namespace ra::gfx {

struct GpuMesh {
    gl::VertexArray vao;
    gl::Buffer vertices;
    gl::Buffer indices;
    GLsizei indexCount = 0;
    bool skinned = false;

    void draw() const;
};

GpuMesh upload(const core::Primitive& primitive);

// A texture from a decoded RGBA8 image: sRGB, mipmapped, repeat.
gl::Texture upload(const core::Image& image);

}  // namespace ra::gfx
