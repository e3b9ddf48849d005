// Renderer: one frame = skin once (transform feedback) -> sun shadow pass -> the floor around the
// scene rectangle, which holds all but floor (RendererBackdrop.cpp) -> scene pass in that
// rectangle, multisampled -> resolve into the window or the offscreen target. The shadow and
// scene passes are in RendererPasses.cpp.
#include "renderer/Renderer.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <iostream>

#include "core/Shapes.h"
#include "renderer/RendererImpl.h"

namespace ra::gfx {
namespace {

// The scene rectangle reaches this many pixels past what it holds, in 16-pixel steps.
constexpr int kSceneRectMargin = 2;
constexpr int kSceneRectAlign = 16;

}  // namespace

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

void Renderer::setPassObserver(std::function<void(const char* pass)> observer) {
    m_impl->passObserver = std::move(observer);
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
        posedBoxes.build(*model);
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
    frameBoxes.clear();
    frameBoxesValid = true;
    if (!model) return;
    glUseProgram(programs.skin.id());
    // Bound every frame: the binding point belongs to the context, which another renderer may
    // share.
    glBindBufferBase(GL_UNIFORM_BUFFER, kJointsBinding, jointUbo.id());
    std::vector<std::vector<glm::mat4>> joints(model->skins.size());
    for (size_t s = 0; s < model->skins.size(); ++s) {
        joints[s] = core::jointMatrices(*model, int(s), scene.pose());
        if (joints[s].size() > size_t(kMaxJoints)) {
            // Beyond the shader's joint array: such meshes stay in their bind pose.
            if (warnedSkins.insert(s).second)
                std::cerr << "warning: " << model->sourcePath << ": skin " << s << " has "
                          << joints[s].size() << " joints; up to " << kMaxJoints
                          << " can be animated, so it is shown in its bind pose\n";
            joints[s].clear();
            continue;
        }
        glBufferSubData(GL_UNIFORM_BUFFER, 0, GLsizeiptr(joints[s].size() * sizeof(glm::mat4)),
                        joints[s].data());
        for (const auto& item : items)
            if (item.skin == int(s) && (xray || item.layer != core::MeshLayer::Skeleton))
                item.mesh.skin();
    }
    frameBoxesValid = posedBoxes.collect(scene.pose(), joints, frameBoxes);
}

glm::mat4 Renderer::Impl::itemMatrix(const core::Scene& scene, const DrawItem& item) const {
    // Skinned vertices are already in model space (glTF ignores the skinned node's transform).
    if (item.mesh.skinned && item.skin >= 0) return scene.modelToWorld();
    return scene.modelToWorld() * scene.pose().world[size_t(item.node)];
}

PixelRect Renderer::Impl::sceneRect(const FrameView& v) const {
    // The mat, the roller and the posed model: all there is besides the floor.
    if (options.wholeFrames) return {0, 0, v.width, v.height};
    const core::Scene& s = *v.scene;
    const glm::mat4 viewProj = v.projection * v.view;
    ScreenRect r(v.width, v.height);
    const core::Mat& m = s.mat();
    const glm::vec3 half{m.size.x * 0.5f, 0.0f, m.size.y * 0.5f};
    r.add({m.center - half - glm::vec3(0.0f, m.thickness, 0.0f), m.center + half}, viewProj);
    const core::Roller& rl = s.roller();  // its mesh: radius about z, length along z
    const glm::vec3 reach{rl.radius, rl.radius, rl.length * 0.5f};
    r.add({-reach, reach}, viewProj * rl.matrix());
    if (!frameBoxesValid) r.addEverything();
    for (const PlacedBox& b : frameBoxes) r.add(b.box, viewProj * s.modelToWorld() * b.toModel);
    return r.pixels(kSceneRectMargin, kSceneRectAlign);
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
    passDone("skin");
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    shadowPass(scene);
    passDone("shadow");
    // The scene pass covers the rectangle that holds more than floor; the floor around it goes
    // straight into the target (see FrameRegion.h).
    const PixelRect r = sceneRect(v);
    glBindFramebuffer(GL_FRAMEBUFFER, targetFbo);
    drawBackdrop(v, r, targetFbo);
    drawScene(v, r, targetFbo);
    glBindVertexArray(0);
    glUseProgram(0);
}

void Renderer::Impl::drawScene(const FrameView& v, const PixelRect& r, GLuint targetFbo) {
    const int frameSamples = v.msaaSamples > 0 ? std::min(v.msaaSamples, samples) : samples;
    glEnable(GL_SCISSOR_TEST);
    glScissor(r.x0, r.y0, r.width(), r.height());
    if (frameSamples <= 1) {
        // No multisampling: draw straight into the target and skip the resolve copy.
        scenePass(v);
        glDisable(GL_SCISSOR_TEST);
    } else {
        msaa.ensure(v.width, v.height, frameSamples, true);
        glBindFramebuffer(GL_FRAMEBUFFER, msaa.fbo());
        scenePass(v);
        glDisable(GL_SCISSOR_TEST);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, msaa.fbo());
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, targetFbo);
        glBlitFramebuffer(r.x0, r.y0, r.x1, r.y1, r.x0, r.y0, r.x1, r.y1, GL_COLOR_BUFFER_BIT,
                          GL_NEAREST);
        glBindFramebuffer(GL_FRAMEBUFFER, targetFbo);
        passDone("resolve");
    }
}

void Renderer::render(const FrameView& v) {
    if (!v.scene || v.width <= 0 || v.height <= 0) return;
    m_impl->draw(v, 0);
}

void Renderer::clear(int width, int height, glm::vec3 colour) {
    if (width <= 0 || height <= 0) return;
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, width, height);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(colour.r, colour.g, colour.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
}

void Renderer::renderOffscreen(const FrameView& v) {
    if (!v.scene || v.width <= 0 || v.height <= 0) return;
    m_impl->resolve.ensure(v.width, v.height, 1, true);  // depth: 1-sample frames draw here
    m_impl->draw(v, m_impl->resolve.fbo());
}

void Renderer::blitToWindow(int x, int y) {
    const ColorTarget& t = m_impl->resolve;
    if (!t.fbo()) return;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, t.fbo());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(0, 0, t.width(), t.height(), x, y, x + t.width(), y + t.height(),
                      GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
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
