// HeadlessContextGLTest: an OpenGL 3.3 core context comes up through EGL with no X server, and
// the embedded shaders compile on it.
#include <epoxy/gl.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "gl/GlTestSupport.h"
#include "renderer/HeadlessContext.h"
#include "renderer/Programs.h"
#include "renderer/Renderer.h"
#include "renderer/gl/ProgramBuilder.h"

using namespace ra;

TEST_CASE("headless EGL context gives OpenGL 3.3 core without a display") {
    unsetenv("DISPLAY");
    std::string error;
    auto ctx = gfx::HeadlessContext::create(error);
    INFO(error);
    REQUIRE(ctx);
    GLint major = 0, minor = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    CHECK(major * 10 + minor >= 33);
    core::Diagnostics diags;
    auto renderer = gfx::Renderer::create(diags);
    INFO(diags.str());
    REQUIRE(renderer);
    CHECK_FALSE(renderer->glRenderer().empty());
}

TEST_CASE("shader compiler messages point at the shader file and line") {
    const std::string mesa = "0:12(5): error: `foo' undeclared\n1:3(1): warning: unused\n";
    std::string mapped = gfx::gl::mapShaderLog(mesa, {"<version header>", "scene.frag"});
    CHECK(mapped.find("shaders/<version header>:12(5): error: `foo' undeclared") !=
          std::string::npos);
    CHECK(mapped.find("shaders/scene.frag:3(1): warning: unused") != std::string::npos);
    const std::string nvidia = "ERROR: 1:7: 'x' : undeclared identifier\n";
    CHECK(gfx::gl::mapShaderLog(nvidia, {"hdr", "shadow.vert"}).find("shaders/shadow.vert:7") !=
          std::string::npos);
}

TEST_CASE("every shader also compiles and links as GLSL ES 3.00") {
    ra::test::testRenderer();  // the shared headless context
    if (!epoxy_has_gl_extension("GL_ARB_ES3_compatibility")) {
        WARN("this driver cannot compile GLSL ES 3.00 in a desktop context; nothing to check");
        return;
    }
    core::Diagnostics diags;
    auto programs = gfx::buildPrograms(diags, gfx::gl::GlslDialect::Es300);
    INFO(diags.str());
    CHECK(programs.has_value());
    CHECK(diags.empty());
}
