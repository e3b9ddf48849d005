// Programs: builds the skinning, shadow, depth and per-surface scene programs.
#include "renderer/Programs.h"

#include <iterator>
#include <vector>

#include "core/RegionStates.h"
#include "renderer/gl/ProgramBuilder.h"

namespace ra::gfx {
namespace {

static_assert(kRegionSlots == core::kMaxRegions, "u_regionFlags[] holds every region");

struct SurfaceDesc {
    const char* label;
    const char* defines;
    bool regions;  // adds region_marks.glsl to the fragment stage
};

#define RA_MODEL "#define SURFACE_MODEL 1\n"
#define RA_TEX "#define HAS_TEXTURE 1\n"
#define RA_REG "#define HAS_REGIONS 1\n"
#define RA_BONE "#define SURFACE_BONE 1\n#define NO_SHADOW 1\n"
#define RA_XRAY "#define XRAY 1\n"
constexpr SurfaceDesc kSurfaces[] = {
    {"scene:model", RA_MODEL, false},
    {"scene:model-textured", RA_MODEL RA_TEX, false},
    {"scene:roller", "#define SURFACE_ROLLER 1\n", false},
    {"scene:mat", "#define SURFACE_MAT 1\n", false},
    {"scene:floor", "#define SURFACE_FLOOR 1\n", false},
    {"scene:floor-unshaded", "#define SURFACE_FLOOR 1\n#define NO_SHADOW 1\n", false},
    {"scene:model-regions", RA_MODEL RA_REG, true},
    {"scene:model-textured-regions", RA_MODEL RA_TEX RA_REG, true},
    {"scene:bone", RA_MODEL RA_BONE, false},
    {"scene:bone-regions", RA_MODEL RA_BONE RA_REG, true},
    {"scene:xray", RA_MODEL RA_XRAY, false},
    {"scene:xray-textured", RA_MODEL RA_XRAY RA_TEX, false},
    {"scene:xray-regions", RA_MODEL RA_XRAY RA_REG, true},
    {"scene:xray-textured-regions", RA_MODEL RA_XRAY RA_TEX RA_REG, true},
};
#undef RA_MODEL
#undef RA_TEX
#undef RA_REG
#undef RA_BONE
#undef RA_XRAY
static_assert(std::size(kSurfaces) == size_t(Surface::Count), "one description per surface");

std::optional<SceneProgram> buildScene(size_t i, core::Diagnostics& diags,
                                       gl::GlslDialect dialect) {
    const SurfaceDesc& d = kSurfaces[i];
    std::vector<const char*> fragment{"scene.frag"};
    if (d.regions) fragment.insert(fragment.begin(), "region_marks.glsl");
    auto p = gl::buildProgram(
        {d.label, {"vertex_inputs.glsl", "scene.vert"}, fragment, d.defines, {}}, diags, dialect);
    if (!p) return std::nullopt;
    SceneProgram sp;
    sp.program = std::move(*p);
    auto l = [id = sp.program.id()](const char* n) { return glGetUniformLocation(id, n); };
    sp.model = l("u_model");
    sp.viewProj = l("u_viewProj");
    sp.shadowFromWorld = l("u_shadowFromWorld");
    sp.baseColor = l("u_baseColor");
    sp.baseTexture = l("u_baseTexture");
    sp.shadowMap = l("u_shadowMap");
    sp.shadowNormalOffset = l("u_shadowNormalOffset");
    sp.toLight = l("u_toLight");
    sp.eye = l("u_eye");
    sp.background = l("u_background");
    sp.skyAmbient = l("u_skyAmbient");
    sp.skinOpacity = l("u_skinOpacity");
    sp.groundAmbient = l("u_groundAmbient");
    sp.sunColor = l("u_sunColor");
    sp.flatLit = l("u_flatLit");
    sp.flatShade = l("u_flatShade");
    sp.floorCenter = l("u_floorCenter");
    sp.floorPatch = l("u_floorPatch");
    sp.regionFlags = l("u_regionFlags");
    sp.pulse = l("u_pulse");
    sp.markScale = l("u_markScale");
    return sp;
}

}  // namespace

std::optional<Programs> buildPrograms(core::Diagnostics& diags, gl::GlslDialect dialect) {
    Programs ps;
    auto skin = gl::buildProgram(
        {"skin", {"skin.vert"}, {"shadow.frag"}, "", {"o_position", "o_normal"}}, diags, dialect);
    auto shadow = gl::buildProgram(
        {"shadow", {"vertex_inputs.glsl", "shadow.vert"}, {"shadow.frag"}, "", {}}, diags, dialect);
    auto depth = gl::buildProgram({"depth",
                                   {"vertex_inputs.glsl", "scene.vert"},
                                   {"shadow.frag"},
                                   "#define SURFACE_MODEL 1\n#define DEPTH_ONLY 1\n",
                                   {}},
                                  diags, dialect);
    if (!skin || !shadow || !depth) return std::nullopt;
    ps.skin = std::move(*skin);
    ps.shadow = std::move(*shadow);
    ps.depth = std::move(*depth);
    GLuint block = glGetUniformBlockIndex(ps.skin.id(), "Joints");
    if (block != GL_INVALID_INDEX) glUniformBlockBinding(ps.skin.id(), block, kJointsBinding);
    ps.shadowModel = glGetUniformLocation(ps.shadow.id(), "u_model");
    ps.shadowLightViewProj = glGetUniformLocation(ps.shadow.id(), "u_lightViewProj");
    ps.depthModel = glGetUniformLocation(ps.depth.id(), "u_model");
    ps.depthViewProj = glGetUniformLocation(ps.depth.id(), "u_viewProj");
    for (size_t i = 0; i < size_t(Surface::Count); ++i) {
        auto sp = buildScene(i, diags, dialect);
        if (!sp) return std::nullopt;
        ps.scene[i] = std::move(*sp);
    }
    return ps;
}

}  // namespace ra::gfx
