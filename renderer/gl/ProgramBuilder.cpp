// ProgramBuilder: shader compilation with file:line diagnostics.
#include "renderer/gl/ProgramBuilder.h"

#include <cstdio>
#include <regex>
#include <sstream>

#include "renderer/ShaderSources.h"

namespace ra::gfx::gl {
namespace {

// String 0 is the version header, string 1 the defines; file k is source string k + 2.
constexpr const char* kCoreHeader =
    "#version 330 core\n"
    "#define RA_GLSL_CORE 1\n";
constexpr const char* kEsHeader =
    "#version 300 es\n"
    "precision highp float;\n"
    "precision highp int;\n"
    "precision highp sampler2D;\n"
    "precision highp sampler2DShadow;\n"
    "#define RA_GLSL_ES 1\n";

std::string shaderLog(GLuint shader) {
    GLint len = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &len);
    std::string log(static_cast<size_t>(len > 1 ? len : 1), '\0');
    glGetShaderInfoLog(shader, len, nullptr, log.data());
    return log.c_str();
}

GLuint compileStage(GLenum stage, const ProgramDesc& desc, const std::vector<const char*>& files,
                    GlslDialect dialect, core::Diagnostics& diags) {
    const char* header = dialect == GlslDialect::Es300 ? kEsHeader : kCoreHeader;
    std::vector<const char*> sources{header, desc.defines.c_str()};
    for (const char* f : files) {
        const EmbeddedShader* s = findShader(f);
        if (!s) {
            diags.error(std::string("shaders/") + f, "",
                        "shader file was not embedded in the build");
            return 0;
        }
        sources.push_back(s->source);
    }
    GLuint sh = glCreateShader(stage);
    glShaderSource(sh, static_cast<GLsizei>(sources.size()), sources.data(), nullptr);
    glCompileShader(sh);
    GLint ok = 0;
    glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        std::vector<const char*> names{"<version header>", "<defines>"};
        names.insert(names.end(), files.begin(), files.end());
        diags.error(std::string("shaders/") + files.back(), desc.label,
                    "shader failed to compile:\n" + mapShaderLog(shaderLog(sh), names));
        glDeleteShader(sh);
        return 0;
    }
    return sh;
}

}  // namespace

std::string mapShaderLog(const std::string& log, const std::vector<const char*>& files) {
    static const std::regex kLine(R"(^\s*(?:ERROR: )?(\d+):(\d+))");
    std::istringstream in(log);
    std::string line, out;
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_search(line, m, kLine)) {
            size_t idx = std::stoul(m[1].str());
            std::string name = idx < files.size() ? files[idx] : m[1].str();
            line = "shaders/" + name + ":" + m[2].str() +
                   line.substr(size_t(m.position(0) + m.length(0)));
        }
        out += line + "\n";
    }
    return out;
}

std::optional<Program> buildProgram(const ProgramDesc& desc, core::Diagnostics& diags,
                                    GlslDialect dialect) {
    GLuint vs = compileStage(GL_VERTEX_SHADER, desc, desc.vertexFiles, dialect, diags);
    GLuint fs = vs ? compileStage(GL_FRAGMENT_SHADER, desc, desc.fragmentFiles, dialect, diags) : 0;
    if (!vs || !fs) {
        if (vs) glDeleteShader(vs);
        return std::nullopt;
    }
    Program prog = Program::create();
    glAttachShader(prog.id(), vs);
    glAttachShader(prog.id(), fs);
    if (!desc.feedbackVaryings.empty())
        glTransformFeedbackVaryings(prog.id(), GLsizei(desc.feedbackVaryings.size()),
                                    desc.feedbackVaryings.data(), GL_INTERLEAVED_ATTRIBS);
    glLinkProgram(prog.id());
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(prog.id(), GL_LINK_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetProgramiv(prog.id(), GL_INFO_LOG_LENGTH, &len);
        std::string log(static_cast<size_t>(len > 1 ? len : 1), '\0');
        glGetProgramInfoLog(prog.id(), len, nullptr, log.data());
        diags.error(std::string("shaders/") + desc.fragmentFiles.back(), desc.label,
                    "program failed to link: " + std::string(log.c_str()));
        return std::nullopt;
    }
    return prog;
}

}  // namespace ra::gfx::gl
