// RenderTargets: the offscreen framebuffers one frame passes through: the sun's depth map, the
// multisampled scene target, and the single-sample resolve target used for headless read-back.
#pragma once

#include "renderer/gl/GlObject.h"

namespace ra::gfx {

class ShadowTarget {
public:
    void ensure(int size);
    void bindForWriting() const;
    void bindTexture(GLuint unit) const;
    int size() const { return m_size; }

private:
    gl::Framebuffer m_fbo;
    gl::Texture m_depth;
    int m_size = 0;
};

// A colour+depth framebuffer of a given size and sample count (1 = not multisampled).
class ColorTarget {
public:
    // Re-creates the attachments only when size or samples change.
    void ensure(int width, int height, int samples, bool withDepth);
    GLuint fbo() const { return m_fbo.id(); }
    int width() const { return m_width; }
    int height() const { return m_height; }

private:
    gl::Framebuffer m_fbo;
    gl::Renderbuffer m_color;
    gl::Renderbuffer m_depth;
    int m_width = 0, m_height = 0, m_samples = 0;
};

}  // namespace ra::gfx
