// RenderTargets: creation and re-creation of the frame's framebuffers.
#include "renderer/RenderTargets.h"

namespace ra::gfx {

void ShadowTarget::ensure(int size) {
    if (m_size == size && m_fbo) return;
    m_size = size;
    m_depth = gl::Texture::create();
    glBindTexture(GL_TEXTURE_2D, m_depth.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_DEPTH_COMPONENT24, size, size, 0, GL_DEPTH_COMPONENT,
                 GL_UNSIGNED_INT, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_MODE, GL_COMPARE_REF_TO_TEXTURE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_FUNC, GL_LEQUAL);
    m_fbo = gl::Framebuffer::create();
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D, m_depth.id(), 0);
    glDrawBuffer(GL_NONE);
    glReadBuffer(GL_NONE);
}

void ShadowTarget::bindForWriting() const {
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id());
    glViewport(0, 0, m_size, m_size);
}

void ShadowTarget::bindTexture(GLuint unit) const {
    glActiveTexture(GL_TEXTURE0 + unit);
    glBindTexture(GL_TEXTURE_2D, m_depth.id());
}

void ColorTarget::ensure(int width, int height, int samples, bool withDepth) {
    if (m_fbo && width == m_width && height == m_height && samples == m_samples) return;
    m_width = width;
    m_height = height;
    m_samples = samples;
    m_fbo = gl::Framebuffer::create();
    m_color = gl::Renderbuffer::create();
    glBindRenderbuffer(GL_RENDERBUFFER, m_color.id());
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples > 1 ? samples : 0, GL_RGBA8, width,
                                     height);
    glBindFramebuffer(GL_FRAMEBUFFER, m_fbo.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, m_color.id());
    m_depth.reset();
    if (withDepth) {
        m_depth = gl::Renderbuffer::create();
        glBindRenderbuffer(GL_RENDERBUFFER, m_depth.id());
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples > 1 ? samples : 0,
                                         GL_DEPTH_COMPONENT24, width, height);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                                  m_depth.id());
    }
}

}  // namespace ra::gfx
