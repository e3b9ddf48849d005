// GlObject: move-only owners for GL names (buffers, vertex arrays, textures, framebuffers,
// renderbuffers, programs). A moved-from owner holds 0; the destructor deletes.
#pragma once

#include <epoxy/gl.h>

#include <utility>

namespace ra::gfx::gl {

template <typename Traits>
class GlObject {
public:
    GlObject() = default;
    explicit GlObject(GLuint id) : m_id(id) {}
    ~GlObject() { reset(); }
    GlObject(const GlObject&) = delete;
    GlObject& operator=(const GlObject&) = delete;
    GlObject(GlObject&& o) noexcept : m_id(std::exchange(o.m_id, 0)) {}
    GlObject& operator=(GlObject&& o) noexcept {
        if (this != &o) {
            reset();
            m_id = std::exchange(o.m_id, 0);
        }
        return *this;
    }

    static GlObject create() { return GlObject(Traits::create()); }
    GLuint id() const { return m_id; }
    explicit operator bool() const { return m_id != 0; }
    void reset() {
        if (m_id) Traits::destroy(m_id);
        m_id = 0;
    }

private:
    GLuint m_id = 0;
};

#define RA_GL_GEN_TRAITS(Name, gen, del)                \
    struct Name##Traits {                               \
        static GLuint create() {                        \
            GLuint id = 0;                              \
            gen(1, &id);                                \
            return id;                                  \
        }                                               \
        static void destroy(GLuint id) { del(1, &id); } \
    };                                                  \
    using Name = GlObject<Name##Traits>;

RA_GL_GEN_TRAITS(Buffer, glGenBuffers, glDeleteBuffers)
RA_GL_GEN_TRAITS(VertexArray, glGenVertexArrays, glDeleteVertexArrays)
RA_GL_GEN_TRAITS(Texture, glGenTextures, glDeleteTextures)
RA_GL_GEN_TRAITS(Framebuffer, glGenFramebuffers, glDeleteFramebuffers)
RA_GL_GEN_TRAITS(Renderbuffer, glGenRenderbuffers, glDeleteRenderbuffers)
#undef RA_GL_GEN_TRAITS

struct ProgramTraits {
    static GLuint create() { return glCreateProgram(); }
    static void destroy(GLuint id) { glDeleteProgram(id); }
};
using Program = GlObject<ProgramTraits>;

}  // namespace ra::gfx::gl
