// Renderer: one frame = skin once (transform feedback) -> sun shadow pass -> multisampled scene
// pass with one program per surface -> resolve to the window or the offscreen target. In x-ray
// the scene pass draws the skeleton and the props opaque, then the skin translucent over them.
#include "renderer/Renderer.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/type_ptr.hpp>
#include <iostream>
#include <set>

#include "core/Shapes.h"
#include "renderer/GpuMesh.h"
#include "renderer/Programs.h"
#include "renderer/RenderTargets.h"

namespace ra::gfx {
namespace {

constexpr GLuint kShadowUnit = 1;
constexpr GLuint kBaseTextureUnit = 0;
constexpr glm::vec3 kBackgroundSrgb{0.855f, 0.882f, 0.910f};

// The light rig (linear units): a sky/ground ambient and a warm sun. The shaders get these as
// uniforms; the light reaching the flat floor and mat is worked out from them here, once.
constexpr glm::vec3 kSkyAmbient{0.34f, 0.37f, 0.43f};
constexpr glm::vec3 kGroundAmbient{0.20f, 0.18f, 0.165f};
constexpr glm::vec3 kSunColor{1.25f, 1.21f, 1.15f};
constexpr glm::vec3 kFloorAlbedo{0.62f, 0.60f, 0.57f};
constexpr glm::vec4 kBoneIvory{0.828f, 0.771f, 0.640f, 1.0f};  // #E8E0CC, linear
constexpr float kPulsePeriod = 2.0f;                           // seconds

// Which model items a draw covers: the body as usual, the x-ray skeleton, the x-ray skin.
enum class ItemPass { Body, Bones, XraySkin };

struct DrawItem {
    GpuMesh mesh;
    int node = -1;
    int skin = -1;
    int material = -1;
    bool doubleSided = false;
    core::MeshLayer layer = core::MeshLayer::Skin;
};

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

// Draws with back-face culling unless the material asks for both sides.
void drawItemMesh(const GpuMesh& mesh, bool doubleSided) {
    if (doubleSided) glDisable(GL_CULL_FACE);
    mesh.draw();
    if (doubleSided) glEnable(GL_CULL_FACE);
}

void uniform(GLint loc, const glm::mat4& m) {
    glUniformMatrix4fv(loc, 1, GL_FALSE, glm::value_ptr(m));
}

}  // namespace

struct Renderer::Impl {
    RendererOptions options;
    Programs programs;
    gl::Buffer jointUbo;
    GpuMesh roller, mat, floor;  // floor: a unit patch, scaled into place per draw
    ShadowTarget shadow;
    ColorTarget msaa, resolve;
    int samples = 1;

    std::shared_ptr<const core::ModelData> model;  // what `items` were uploaded from
    std::vector<DrawItem> items;
    std::vector<gl::Texture> textures;
    glm::mat4 lightViewProj{1.0f};
    float shadowNormalOffset = 0.0f;  // metres
    glm::vec4 shadowFootprint{0.0f};  // floor rectangle (x0, z0, x1, z1) shadows can reach
    bool lightFitted = false;
    std::set<size_t> warnedSkins;  // skins over the joint limit, reported once

    void syncModel(const core::Scene& scene);
    void fitLight(const core::Scene& scene);
    void skinModel(const core::Scene& scene, bool xray);
    glm::mat4 itemMatrix(const core::Scene& scene, const DrawItem& item) const;
    void shadowPass(const core::Scene& scene);
    void setFrameUniforms(const SceneProgram& p, const FrameView& v) const;
    void setRegionUniforms(const SceneProgram& p, const FrameView& v) const;
    bool textured(const DrawItem& item) const;
    void drawModelItems(const core::Scene& scene, const FrameView& v, ItemPass pass);
    void drawXraySkin(const core::Scene& scene, const FrameView& v);
    void drawFloor(const FrameView& v);
    void scenePass(const FrameView& v);
    void draw(const FrameView& v, GLuint targetFbo);
};

MarkScale markScaleFor(int heightPx) {
    // 12 px stripes and 2 px line units at 1080p; never below 8 px and 1.25 px, where hatching
    // and outlines would blur into a flat tint.
    const float h = float(std::max(heightPx, 0));
    return {std::max(8.0f, std::round(h / 90.0f)), std::max(1.25f, h / 540.0f)};
}

FrameView frameViewFor(const core::Scene& scene, const core::OrbitCamera& camera, int width,
                       int height) {
    FrameView v;
    v.scene = &scene;
    v.view = camera.view();
    v.projection = camera.projection(height > 0 ? float(width) / float(height) : 1.0f);
    v.eye = camera.eye();
    v.width = width;
    v.height = height;
    return v;
}

std::unique_ptr<Renderer> Renderer::create(core::Diagnostics& diags,
                                           const RendererOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    auto programs = buildPrograms(diags);
    if (!programs) return nullptr;
    impl->programs = std::move(*programs);

    impl->jointUbo = gl::Buffer::create();
    glBindBuffer(GL_UNIFORM_BUFFER, impl->jointUbo.id());
    glBufferData(GL_UNIFORM_BUFFER, kMaxJoints * sizeof(glm::mat4), nullptr, GL_DYNAMIC_DRAW);
    glBindBufferBase(GL_UNIFORM_BUFFER, kJointsBinding, impl->jointUbo.id());

    core::Roller r;
    core::Mat m;
    impl->roller = upload(core::makeRoller(r.radius, r.length));
    impl->mat = upload(core::makeMat(m.size.x, m.size.y, m.thickness));
    impl->floor = upload(core::makeFloorPatch(glm::vec2(0.0f), glm::vec2(1.0f), -m.thickness));

    GLint maxSamples = 1;
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    impl->samples = std::clamp(options.msaaSamples, 1, std::max(1, maxSamples));
    impl->shadow.ensure(options.shadowMapSize);
    return std::unique_ptr<Renderer>(new Renderer(std::move(impl)));
}

Renderer::Renderer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Renderer::~Renderer() = default;

std::string Renderer::glRenderer() const {
    auto s = glGetString(GL_RENDERER);
    return s ? reinterpret_cast<const char*>(s) : "unknown";
}

std::string Renderer::glVersion() const {
    auto s = glGetString(GL_VERSION);
    return s ? reinterpret_cast<const char*>(s) : "unknown";
}

int Renderer::msaaSamples() const {
    return m_impl->samples;
}

bool Renderer::softwareRenderer() const {
    const std::string r = glRenderer();
    for (const char* s : {"llvmpipe", "softpipe", "SwiftShader", "swrast"})
        if (r.find(s) != std::string::npos) return true;
    return false;
}

void Renderer::Impl::syncModel(const core::Scene& scene) {
    auto current = scene.modelShared();
    if (current == model && lightFitted) return;
    model = current;
    items.clear();
    warnedSkins.clear();
    textures.clear();
    if (model) {
        for (const auto& img : model->images) textures.push_back(upload(img));
        for (size_t n = 0; n < model->nodes.size(); ++n) {
            const core::Node& node = model->nodes[n];
            if (node.mesh < 0) continue;
            for (const auto& prim : model->meshes[size_t(node.mesh)].primitives) {
                bool twoSided =
                    prim.material >= 0 && model->materials[size_t(prim.material)].doubleSided;
                items.push_back({upload(prim), int(n), node.skin, prim.material, twoSided,
                                 model->meshes[size_t(node.mesh)].layer});
            }
        }
    }
    fitLight(scene);
}

void Renderer::Impl::fitLight(const core::Scene& scene) {
    // One fixed sun frustum per model: tight around the mat, the roller and the figure.
    core::Bounds b = scene.worldBounds();
    glm::vec3 c = b.center();
    float r = glm::length(b.size()) * 0.5f + 0.1f;
    glm::vec3 d = scene.lightDirection();
    glm::mat4 view = glm::lookAt(c - d * (r * 2.0f), c, glm::vec3(0, 0, 1));
    lightViewProj = glm::ortho(-r, r, -r, r, 0.01f, r * 4.0f) * view;
    // Shadow lookups start 1.5 texels out along the surface normal: no acne or jagged islands
    // where the sun grazes the body (the terminator), while contact shadows stay put.
    shadowNormalOffset = 1.5f * (2.0f * r) / float(shadow.size());
    // Where the casters' shadows can land on the floor: their box, with room for the motion,
    // projected along the sun onto y = 0.
    core::Bounds casters = scene.casterBounds();
    const glm::vec3 pad{0.25f, 0.05f, 0.25f};
    core::Bounds foot;
    for (int i = 0; i < 8; ++i) {
        glm::vec3 p{(i & 1) ? casters.max.x + pad.x : casters.min.x - pad.x,
                    (i & 2) ? casters.max.y + pad.y : casters.min.y,
                    (i & 4) ? casters.max.z + pad.z : casters.min.z - pad.z};
        foot.add(p - d * (p.y / std::min(d.y, -0.05f)));
    }
    shadowFootprint = {foot.min.x, foot.min.z, foot.max.x, foot.max.z};
    lightFitted = true;
}

void Renderer::Impl::skinModel(const core::Scene& scene, bool xray) {
    if (!model) return;
    glUseProgram(programs.skin.id());
    glBindBuffer(GL_UNIFORM_BUFFER, jointUbo.id());
    for (size_t s = 0; s < model->skins.size(); ++s) {
        std::vector<glm::mat4> joints = core::jointMatrices(*model, int(s), scene.pose());
        if (joints.size() > size_t(kMaxJoints)) {
            // Beyond the shader's joint array: such meshes stay in their bind pose.
            if (warnedSkins.insert(s).second)
                std::cerr << "warning: " << model->sourcePath << ": skin " << s << " has "
                          << joints.size() << " joints; up to " << kMaxJoints
                          << " can be animated, so it is shown in its bind pose\n";
            continue;
        }
        glBufferSubData(GL_UNIFORM_BUFFER, 0, GLsizeiptr(joints.size() * sizeof(glm::mat4)),
                        joints.data());
        for (const auto& item : items)
            if (item.skin == int(s) && (xray || item.layer != core::MeshLayer::Skeleton))
                item.mesh.skin();
    }
}

glm::mat4 Renderer::Impl::itemMatrix(const core::Scene& scene, const DrawItem& item) const {
    // Skinned vertices are already in model space (glTF ignores the skinned node's transform).
    if (item.mesh.skinned && item.skin >= 0) return scene.modelToWorld();
    return scene.modelToWorld() * scene.pose().world[size_t(item.node)];
}

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
        drawItemMesh(item.mesh, item.doubleSided);
    }
    uniform(programs.shadowModel, scene.roller().matrix());
    roller.draw();
    glDisable(GL_POLYGON_OFFSET_FILL);
}

void Renderer::Impl::setFrameUniforms(const SceneProgram& p, const FrameView& v) const {
    glUseProgram(p.program.id());
    uniform(p.viewProj, v.projection * v.view);
    uniform(p.lightViewProj, lightViewProj);
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
    shadow.bindTexture(kShadowUnit);
    auto prop = [&](const GpuMesh& mesh, const glm::mat4& m, Surface s) {
        const SceneProgram& p = programs[s];
        setFrameUniforms(p, v);
        uniform(p.model, m);
        mesh.draw();
    };
    // Opaque, front to back: the body and the roller hide the most of the mat and the floor.
    drawModelItems(scene, v, v.xray ? ItemPass::Bones : ItemPass::Body);
    prop(roller, scene.roller().matrix(), Surface::Roller);
    prop(mat, glm::translate(glm::mat4(1.0f), scene.mat().center), Surface::Mat);
    drawFloor(v);
    if (v.xray) drawXraySkin(scene, v);
}

void Renderer::Impl::drawFloor(const FrameView& v) {
    // The floor is 20 m across; only the footprint of the casters' shadows looks up the shadow
    // map, the frame around it uses the unshaded variant.
    const float kReach = 10.0f;
    const glm::vec2 lo =
        glm::clamp(glm::vec2(shadowFootprint.x, shadowFootprint.y), -kReach, kReach);
    const glm::vec2 hi =
        glm::clamp(glm::vec2(shadowFootprint.z, shadowFootprint.w), -kReach, kReach);
    auto patch = [&](glm::vec2 a, glm::vec2 b, Surface s) {
        if (b.x <= a.x || b.y <= a.y) return;
        const SceneProgram& p = programs[s];
        setFrameUniforms(p, v);
        glUniform4f(p.floorPatch, a.x, a.y, b.x, b.y);
        uniform(p.model, glm::scale(glm::translate(glm::mat4(1.0f), glm::vec3(a.x, 0.0f, a.y)),
                                    glm::vec3(b.x - a.x, 1.0f, b.y - a.y)));
        floor.draw();
    };
    patch(lo, hi, Surface::Floor);
    patch({-kReach, -kReach}, {kReach, lo.y}, Surface::FloorUnshaded);
    patch({-kReach, hi.y}, {kReach, kReach}, Surface::FloorUnshaded);
    patch({-kReach, lo.y}, {lo.x, hi.y}, Surface::FloorUnshaded);
    patch({hi.x, lo.y}, {kReach, hi.y}, Surface::FloorUnshaded);
}

void Renderer::Impl::draw(const FrameView& v, GLuint targetFbo) {
    const core::Scene& scene = *v.scene;
    syncModel(scene);
    // Back faces are culled (glTF's rule for single-sided materials; our props are closed):
    // half the triangles never reach the rasteriser, which software rendering feels most.
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDepthMask(GL_TRUE);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    skinModel(scene, v.xray);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    shadowPass(scene);
    const int frameSamples = v.msaaSamples > 0 ? std::min(v.msaaSamples, samples) : samples;
    if (frameSamples <= 1) {
        // No multisampling: draw straight into the target and skip the resolve copy.
        glBindFramebuffer(GL_FRAMEBUFFER, targetFbo);
        scenePass(v);
    } else {
        msaa.ensure(v.width, v.height, frameSamples, true);
        glBindFramebuffer(GL_FRAMEBUFFER, msaa.fbo());
        scenePass(v);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, msaa.fbo());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, targetFbo);
        glBlitFramebuffer(0, 0, v.width, v.height, 0, 0, v.width, v.height, GL_COLOR_BUFFER_BIT,
                          GL_NEAREST);
        glBindFramebuffer(GL_FRAMEBUFFER, targetFbo);
    }
    glBindVertexArray(0);
    glUseProgram(0);
}

void Renderer::render(const FrameView& v) {
    if (!v.scene || v.width <= 0 || v.height <= 0) return;
    m_impl->draw(v, 0);
}

void Renderer::renderOffscreen(const FrameView& v) {
    if (!v.scene || v.width <= 0 || v.height <= 0) return;
    m_impl->resolve.ensure(v.width, v.height, 1, true);  // depth: 1-sample frames draw here
    m_impl->draw(v, m_impl->resolve.fbo());
}

std::vector<glm::vec3> Renderer::skinnedPositions(size_t item) const {
    if (item >= m_impl->items.size()) return {};
    return m_impl->items[item].mesh.readSkinnedPositions();
}

RgbaImage Renderer::readPixels() const {
    const ColorTarget& t = m_impl->resolve;
    RgbaImage img;
    if (!t.fbo()) return img;
    img.width = t.width();
    img.height = t.height();
    img.pixels.resize(size_t(img.width) * size_t(img.height) * 4);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, t.fbo());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, img.width, img.height, GL_RGBA, GL_UNSIGNED_BYTE, img.pixels.data());
    // GL rows run bottom-up; images run top-down.
    const size_t row = size_t(img.width) * 4;
    for (int y = 0; y < img.height / 2; ++y)
        std::swap_ranges(img.pixels.begin() + long(size_t(y) * row),
                         img.pixels.begin() + long(size_t(y + 1) * row),
                         img.pixels.begin() + long(size_t(img.height - 1 - y) * row));
    return img;
}

}  // namespace ra::gfx
