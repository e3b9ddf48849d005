// Programs: every GLSL program the renderer uses, built from the embedded shaders, with their
// uniform locations looked up once. One scene variant per surface (see shaders/scene.frag).
#pragma once

#include <optional>

#include "core/Diagnostics.h"
#include "renderer/gl/GlObject.h"
#include "renderer/gl/ProgramBuilder.h"

namespace ra::gfx {

// FloorUnshaded is the floor where no shadow can fall: the same look without the shadow lookup,
// the costliest thing a software rasteriser does per pixel here. The *Regions variants add the
// anatomy marks (shaders/region_marks.glsl) and are used only for labelled meshes with a flagged
// region. Bone* draw the x-ray skeleton (opaque, no shadow lookup: the skin would shadow it);
// Xray* the translucent skin over it.
enum class Surface {
    Model,
    ModelTextured,
    Roller,
    Mat,
    Floor,
    FloorUnshaded,
    ModelRegions,
    ModelTexturedRegions,
    Bone,
    BoneRegions,
    Xray,
    XrayTextured,
    XrayRegions,
    XrayTexturedRegions,
    Count
};

struct SceneProgram {
    gl::Program program;
    GLint model = -1, viewProj = -1, shadowFromWorld = -1, baseColor = -1, baseTexture = -1,
          shadowMap = -1, shadowNormalOffset = -1, toLight = -1, eye = -1, background = -1,
          skinOpacity = -1, skyAmbient = -1, groundAmbient = -1, sunColor = -1, flatLit = -1,
          flatShade = -1, floorCenter = -1, floorPatch = -1;
    // Region variants only (-1 elsewhere).
    GLint regionFlags = -1, pulse = -1, markScale = -1;
};

struct Programs {
    gl::Program skin;  // transform-feedback skinning
    gl::Program shadow;
    GLint shadowModel = -1, shadowLightViewProj = -1;
    // Depth only, from scene.vert: the x-ray skin's prepass, so that the translucent colour pass
    // (depth test LEQUAL) blends only the nearest layer of skin, at bit-identical depths.
    gl::Program depth;
    GLint depthModel = -1, depthViewProj = -1;
    SceneProgram scene[size_t(Surface::Count)];

    SceneProgram& operator[](Surface s) { return scene[size_t(s)]; }
    const SceneProgram& operator[](Surface s) const { return scene[size_t(s)]; }
};

constexpr GLuint kJointsBinding = 0;  // uniform block binding of `Joints` in skin.vert
constexpr int kMaxJoints = 128;       // size of u_joints[] in skin.vert
constexpr int kRegionSlots = 64;      // size of u_regionFlags[] in scene.vert (core::kMaxRegions)

// nullopt with diagnostics naming the shader file and line when any program fails.
std::optional<Programs> buildPrograms(core::Diagnostics& diags,
                                      gl::GlslDialect dialect = gl::GlslDialect::Core330);

}  // namespace ra::gfx
