// Programs: every GLSL program the renderer uses, built from the embedded shaders, with their
// uniform locations looked up once. One scene variant per surface (see shaders/scene.frag).
#pragma once

#include <optional>

#include "core/Diagnostics.h"
#include "renderer/gl/GlObject.h"
#include "renderer/gl/ProgramBuilder.h"

namespace ra::gfx {

// FloorUnshaded is the floor where no shadow can fall: the same look without the shadow lookup,
// the costliest thing a software rasteriser does per pixel here.
enum class Surface { Model, ModelTextured, Roller, Mat, Floor, FloorUnshaded, Count };

struct SceneProgram {
    gl::Program program;
    GLint model = -1, viewProj = -1, lightViewProj = -1, baseColor = -1, baseTexture = -1,
          shadowMap = -1, shadowTexel = -1, toLight = -1, eye = -1, background = -1,
          skyAmbient = -1, groundAmbient = -1, sunColor = -1, flatLit = -1, flatShade = -1,
          floorCenter = -1, floorPatch = -1;
};

struct Programs {
    gl::Program skin;  // transform-feedback skinning
    gl::Program shadow;
    GLint shadowModel = -1, shadowLightViewProj = -1;
    SceneProgram scene[size_t(Surface::Count)];

    SceneProgram& operator[](Surface s) { return scene[size_t(s)]; }
};

constexpr GLuint kJointsBinding = 0;  // uniform block binding of `Joints` in skin.vert
constexpr int kMaxJoints = 128;       // size of u_joints[] in skin.vert

// nullopt with diagnostics naming the shader file and line when any program fails.
std::optional<Programs> buildPrograms(core::Diagnostics& diags,
                                      gl::GlslDialect dialect = gl::GlslDialect::Core330);

}  // namespace ra::gfx
