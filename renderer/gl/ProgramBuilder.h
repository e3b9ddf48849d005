// ProgramBuilder: compiles and links GLSL programs from the shaders embedded out of shaders/,
// mapping compiler messages back to the shader file and line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/Diagnostics.h"
#include "renderer/gl/GlObject.h"

namespace ra::gfx::gl {

// The GLSL flavour the shader files are compiled as: the desktop default, or OpenGL ES 3.00 (a
// later web build; also how the tests keep the files valid for it).
enum class GlslDialect { Core330, Es300 };

struct ProgramDesc {
    const char* label;                     // for messages, e.g. "scene:roller"
    std::vector<const char*> vertexFiles;  // concatenated in order after the #version line
    std::vector<const char*> fragmentFiles;
    std::string defines;                        // e.g. "#define SURFACE_ROLLER 1\n", both stages
    std::vector<const char*> feedbackVaryings;  // captured interleaved with transform feedback
};

// nullopt with an error naming "shaders/FILE:LINE" when a stage fails to compile or link.
std::optional<Program> buildProgram(const ProgramDesc& desc, core::Diagnostics& diags,
                                    GlslDialect dialect = GlslDialect::Core330);

// Rewrites Mesa/NVIDIA style "0:12(5): error: ..." lines so the leading source-string index
// becomes the file name: "scene.frag:12(5): error: ...". Exposed for tests.
std::string mapShaderLog(const std::string& log, const std::vector<const char*>& files);

}  // namespace ra::gfx::gl
