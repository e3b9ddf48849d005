// RendererPasses: what one frame draws: the sun's shadow map, the scene pass (the model grouped by
// program, then the roller, the mat and the floor, front to back; in x-ray the skeleton opaque and
// the skin blended over it), and the floor around the multisampled rectangle.
#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/type_ptr.hpp>

#include "renderer/FloorLayout.h"
#include "renderer/RendererImpl.h"

namespace ra::gfx {
namespace {

constexpr GLuint kBaseTextureUnit = 0;

// The light rig (linear units): a sky/ground ambient and a warm sun. The shaders get these as
// uniforms; the light reaching the flat floor and mat is worked out from them here, once.
constexpr glm::vec3 kSkyAmbient{0.34f, 0.37f, 0.43f};
constexpr glm::vec3 kGroundAmbient{0.20f, 0.18f, 0.165f};
constexpr glm::vec3 kSunColor{1.25f, 1.21f, 1.15f};
constexpr glm::vec3 kFloorAlbedo{0.62f, 0.60f, 0.57f};
constexpr glm::vec4 kBoneIvory{0.828f, 0.771f, 0.640f, 1.0f};  // #E8E0CC, linear
constexpr float kPulsePeriod = 2.0f;                           // seconds
constexpr float kMatHoleInset = 0.01f;  // metres: the floor under the mat stops this far inside it

bool inPass(const DrawItem& item, ItemPass pass) {
    return (item.layer == core::MeshLayer::Skeleton) == (pass == ItemPass::Bones);
}

// The program for an item: the region variants only where one of its regions is flagged, so an
// unmarked model pays nothing for its labels.
Surface surfaceFor(const DrawItem& item, bool textured, ItemPass pass, uint64_t flagged) {
    const bool marked = (item.mesh.regionMask & flagged) != 0;
    switch (pass) {
        case ItemPass::Bones:
            return marked ? Surface::BoneRegions : Surface::Bone;
        case ItemPass::XraySkin:
            if (textured) return marked ? Surface::XrayTexturedRegions : Surface::XrayTextured;
            return marked ? Surface::XrayRegions : Surface::Xray;
        case ItemPass::Body:
            break;
    }
    if (textured) return marked ? Surface::ModelTexturedRegions : Surface::ModelTextured;
    return marked ? Surface::ModelRegions : Surface::Model;
}

uint64_t flaggedMask(const core::RegionStates& regions) {
    uint64_t mask = 0;
    for (size_t r = 0; r < regions.flags.size() && r < 64; ++r)
        if (regions.flags[r]) mask |= uint64_t(1) << r;
    return mask;
}

// Draws with back-face culling unless the material asks for both sides; the shadow pass draws
// the coarser proxy triangles where the mesh has them.
void drawItemMesh(const GpuMesh& mesh, bool doubleSided, bool shadowProxy = false) {
    if (doubleSided) glDisable(GL_CULL_FACE);
    if (shadowProxy)
        mesh.drawShadow();
    else
        mesh.draw();
    if (doubleSided) glEnable(GL_CULL_FACE);
}

void uniform(GLint loc, const glm::mat4& m) {
    glUniformMatrix4fv(loc, 1, GL_FALSE, glm::value_ptr(m));
}

}  // namespace

void Renderer::Impl::shadowPass(const core::Scene& scene) {
    shadow.bindForWriting();
    glClear(GL_DEPTH_BUFFER_BIT);
    glUseProgram(programs.shadow.id());
    uniform(programs.shadowLightViewProj, lightViewProj);
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(1.5f, 2.0f);
    for (const auto& item : items) {
        // The skeleton lies inside the skin, whose shadow covers its own; the bones are drawn
        // without a shadow lookup.
        if (item.layer == core::MeshLayer::Skeleton) continue;
        uniform(programs.shadowModel, itemMatrix(scene, item));
        drawItemMesh(item.mesh, item.doubleSided, true);
    }
    uniform(programs.shadowModel, scene.roller().matrix());
    roller.draw();
    glDisable(GL_POLYGON_OFFSET_FILL);
}

void Renderer::Impl::setFrameUniforms(const SceneProgram& p, const FrameView& v) const {
    glUseProgram(p.program.id());
    uniform(p.viewProj, v.projection * v.view);
    // Clip space [-1, 1] to shadow-map texture space [0, 1].
    const glm::mat4 toTexture =
        glm::scale(glm::translate(glm::mat4(1.0f), glm::vec3(0.5f)), glm::vec3(0.5f));
    uniform(p.shadowFromWorld, toTexture * lightViewProj);
    glUniform3fv(p.toLight, 1, glm::value_ptr(-v.scene->lightDirection()));
    glUniform3fv(p.eye, 1, glm::value_ptr(v.eye));
    // The shaders encode with sqrt (gamma 2), so the linear background is its square.
    glUniform3fv(p.background, 1, glm::value_ptr(kBackgroundSrgb * kBackgroundSrgb));
    glUniform1f(p.shadowNormalOffset, shadowNormalOffset);
    glUniform1i(p.shadowMap, int(kShadowUnit));
    glUniform1i(p.baseTexture, int(kBaseTextureUnit));
    glUniform3fv(p.skyAmbient, 1, glm::value_ptr(kSkyAmbient));
    glUniform3fv(p.groundAmbient, 1, glm::value_ptr(kGroundAmbient));
    glUniform3fv(p.sunColor, 1, glm::value_ptr(kSunColor));
    // The floor and the mat face straight up: ambient is the sky's, the sun term a constant.
    const float upSun = std::max(0.0f, -v.scene->lightDirection().y);
    glUniform3fv(p.flatShade, 1, glm::value_ptr(kSkyAmbient));
    glUniform3fv(p.flatLit, 1, glm::value_ptr(kSkyAmbient + kSunColor * upSun));
    glUniform4f(p.baseColor, kFloorAlbedo.r, kFloorAlbedo.g, kFloorAlbedo.b, 1.0f);
    const glm::vec3 mc = v.scene->mat().center;
    glUniform2f(p.floorCenter, mc.x, mc.z);
    if (p.skinOpacity >= 0) glUniform1f(p.skinOpacity, std::clamp(v.skinOpacity, 0.05f, 1.0f));
    if (p.regionFlags >= 0) setRegionUniforms(p, v);
}

void Renderer::Impl::setRegionUniforms(const SceneProgram& p, const FrameView& v) const {
    GLuint flags[kRegionSlots];
    for (int r = 0; r < kRegionSlots; ++r) flags[r] = v.regions.flags[size_t(r)];
    glUniform1uiv(p.regionFlags, kRegionSlots, flags);
    const float phase = std::fmod(v.effectTime, kPulsePeriod) / kPulsePeriod;
    glUniform1f(p.pulse, 0.5f + 0.5f * std::sin(phase * 6.2831853f));
    const MarkScale ms = markScaleFor(v.height);
    glUniform2f(p.markScale, ms.hatchPeriod, ms.lineUnit);
}

bool Renderer::Impl::textured(const DrawItem& item) const {
    const core::Material* m =
        item.material >= 0 ? &model->materials[size_t(item.material)] : nullptr;
    const int tex = m ? m->baseColorImage : -1;
    return tex >= 0 && size_t(tex) < textures.size();
}

void Renderer::Impl::drawModelItems(const core::Scene& scene, const FrameView& v, ItemPass pass) {
    // Grouped by program, in item order within a group.
    const uint64_t flagged = flaggedMask(v.regions);
    std::vector<std::pair<Surface, const DrawItem*>> order;
    for (const auto& item : items)
        if (inPass(item, pass))
            order.emplace_back(
                surfaceFor(item, pass != ItemPass::Bones && textured(item), pass, flagged), &item);
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    Surface bound = Surface::Count;
    for (const auto& [s, item] : order) {
        const SceneProgram& p = programs[s];
        if (s != bound) setFrameUniforms(p, v), bound = s;
        const core::Material* m =
            item->material >= 0 ? &model->materials[size_t(item->material)] : nullptr;
        glm::vec4 base = m ? m->baseColor : glm::vec4(0.8f, 0.74f, 0.68f, 1.0f);
        if (pass == ItemPass::Bones) base = kBoneIvory;
        // A chosen skin tone replaces the figure's own (linear, the shaders' space).
        if (pass != ItemPass::Bones && v.skinColor.a > 0.0f) base = v.skinColor;
        glUniform4fv(p.baseColor, 1, glm::value_ptr(base));
        if (pass != ItemPass::Bones && textured(*item)) {
            glActiveTexture(GL_TEXTURE0 + kBaseTextureUnit);
            glBindTexture(GL_TEXTURE_2D, textures[size_t(m->baseColorImage)].id());
        }
        uniform(p.model, itemMatrix(scene, *item));
        drawItemMesh(item->mesh, item->doubleSided);
    }
}

void Renderer::Impl::drawXraySkin(const core::Scene& scene, const FrameView& v) {
    // A depth-only prepass of the skin, then its colour blended where the depth is equal: only
    // the nearest layer of skin blends, once, over the skeleton and the props drawn before.
    glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
    glUseProgram(programs.depth.id());
    uniform(programs.depthViewProj, v.projection * v.view);
    for (const auto& item : items) {
        if (!inPass(item, ItemPass::XraySkin)) continue;
        uniform(programs.depthModel, itemMatrix(scene, item));
        drawItemMesh(item.mesh, item.doubleSided);
    }
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glDepthFunc(GL_LEQUAL);
    glDepthMask(GL_FALSE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
    drawModelItems(scene, v, ItemPass::XraySkin);
    glDisable(GL_BLEND);
    glDepthMask(GL_TRUE);
    glDepthFunc(GL_LESS);
}

void Renderer::Impl::scenePass(const FrameView& v) {
    const core::Scene& scene = *v.scene;
    glViewport(0, 0, v.width, v.height);
    glClearColor(kBackgroundSrgb.r, kBackgroundSrgb.g, kBackgroundSrgb.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    passDone("clear");
    shadow.bindTexture(kShadowUnit);
    auto prop = [&](const GpuMesh& mesh, const glm::mat4& m, Surface s) {
        const SceneProgram& p = programs[s];
        setFrameUniforms(p, v);
        uniform(p.model, m);
        mesh.draw();
    };
    // Opaque, front to back: the body and the roller hide the most of the mat and the floor.
    drawModelItems(scene, v, v.xray ? ItemPass::Bones : ItemPass::Body);
    passDone("model");
    prop(roller, scene.roller().matrix(), Surface::Roller);
    prop(mat, glm::translate(glm::mat4(1.0f), scene.mat().center), Surface::Mat);
    passDone("props");
    drawFloor(v, false);
    passDone("floor");
    if (v.xray) {
        drawXraySkin(scene, v);
        passDone("xray");
    }
}

void Renderer::Impl::drawFloor(const FrameView& v, bool footprintOnly) {
    // Only the footprint of the casters' shadows looks up the shadow map; the frame around it
    // uses the unshaded variant. There is no floor under the mat, which hides it (multisampling
    // would shade it anyway), short of the mat's edge so that no seam can open.
    const core::Mat& m = v.scene->mat();
    const glm::vec2 c(m.center.x, m.center.z), half = m.size * 0.5f - kMatHoleInset;
    const float kFloorReach = 10.0f;  // metres: the floor is 20 m across
    Surface bound = Surface::Count;
    for (const FloorPatch& f : floorPatches(shadowFootprint, kFloorReach, {c - half, c + half})) {
        if (footprintOnly && !f.shaded) continue;
        const Surface s = f.shaded ? Surface::Floor : Surface::FloorUnshaded;
        const SceneProgram& p = programs[s];
        if (s != bound) setFrameUniforms(p, v), bound = s;
        glUniform4f(p.floorPatch, f.outline.lo.x, f.outline.lo.y, f.outline.hi.x, f.outline.hi.y);
        const glm::vec2 size = f.rect.hi - f.rect.lo;
        uniform(p.model, glm::scale(glm::translate(glm::mat4(1.0f), {f.rect.lo.x, 0, f.rect.lo.y}),
                                    {size.x, 1.0f, size.y}));
        floor.draw();
    }
}

}  // namespace ra::gfx
