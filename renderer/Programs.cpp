// Programs: builds the skinning, shadow and per-surface scene programs.
#include "renderer/Programs.h"

#include "renderer/gl/ProgramBuilder.h"

namespace ra::gfx {
namespace {

constexpr const char* kSurfaceDefines[] = {
    "#define SURFACE_MODEL 1\n",  "#define SURFACE_MODEL 1\n#define HAS_TEXTURE 1\n",
    "#define SURFACE_ROLLER 1\n", "#define SURFACE_MAT 1\n",
    "#define SURFACE_FLOOR 1\n",
    "#define SURFACE_FLOOR 1\n#define NO_SHADOW 1\n",
};
constexpr const char* kSurfaceLabels[] = {"scene:model", "scene:model-textured", "scene:roller",
                                          "scene:mat", "scene:floor", "scene:floor-unshaded"};

std::optional<SceneProgram> buildScene(size_t i, core::Diagnostics& diags, gl::GlslDialect dialect) {
    auto p = gl::buildProgram({kSurfaceLabels[i],
                               {"vertex_inputs.glsl", "scene.vert"},
                               {"scene.frag"},
                               kSurfaceDefines[i],
                               {}},
                              diags, dialect);
    if (!p) return std::nullopt;
    SceneProgram sp;
    sp.program = std::move(*p);
    auto l = [id = sp.program.id()](const char* n) { return glGetUniformLocation(id, n); };
    sp.model = l("u_model");
    sp.viewProj = l("u_viewProj");
    sp.lightViewProj = l("u_lightViewProj");
    sp.baseColor = l("u_baseColor");
    sp.baseTexture = l("u_baseTexture");
    sp.shadowMap = l("u_shadowMap");
    sp.shadowTexel = l("u_shadowTexel");
    sp.toLight = l("u_toLight");
    sp.eye = l("u_eye");
    sp.background = l("u_background");
    sp.skyAmbient = l("u_skyAmbient");
    sp.groundAmbient = l("u_groundAmbient");
    sp.sunColor = l("u_sunColor");
    sp.flatLit = l("u_flatLit");
    sp.flatShade = l("u_flatShade");
    sp.floorCenter = l("u_floorCenter");
    sp.floorPatch = l("u_floorPatch");
    return sp;
}

}  // namespace

std::optional<Programs> buildPrograms(core::Diagnostics& diags, gl::GlslDialect dialect) {
    Programs ps;
    auto skin = gl::buildProgram(
        {"skin", {"skin.vert"}, {"shadow.frag"}, "", {"o_position", "o_normal"}}, diags, dialect);
    auto shadow = gl::buildProgram(
        {"shadow", {"vertex_inputs.glsl", "shadow.vert"}, {"shadow.frag"}, "", {}}, diags, dialect);
    if (!skin || !shadow) return std::nullopt;
    ps.skin = std::move(*skin);
    ps.shadow = std::move(*shadow);
    GLuint block = glGetUniformBlockIndex(ps.skin.id(), "Joints");
    if (block != GL_INVALID_INDEX) glUniformBlockBinding(ps.skin.id(), block, kJointsBinding);
    ps.shadowModel = glGetUniformLocation(ps.shadow.id(), "u_model");
    ps.shadowLightViewProj = glGetUniformLocation(ps.shadow.id(), "u_lightViewProj");
    for (size_t i = 0; i < size_t(Surface::Count); ++i) {
        auto sp = buildScene(i, diags, dialect);
        if (!sp) return std::nullopt;
        ps.scene[i] = std::move(*sp);
    }
    return ps;
}

}  // namespace ra::gfx
