// Renderer: one frame = sun shadow pass -> multisampled scene pass -> resolve to the target.
#include "renderer/Renderer.h"

#include "core/Shapes.h"
#include "renderer/GpuMesh.h"
#include "renderer/RenderTargets.h"
#include "renderer/gl/ProgramBuilder.h"

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/type_ptr.hpp>

#include <algorithm>

namespace ra::gfx {
namespace {

constexpr int kMaxJoints = 128;  // matches u_joints[] in shaders/skinning.glsl
constexpr GLuint kJointsBinding = 0;
constexpr GLuint kShadowUnit = 1;
constexpr GLuint kBaseTextureUnit = 0;
constexpr glm::vec3 kBackgroundSrgb{0.855f, 0.882f, 0.910f};

enum Surface { kSurfaceModel = 0, kSurfaceRoller = 1, kSurfaceMat = 2, kSurfaceFloor = 3 };

struct SceneUniforms {
    GLint model, viewProj, lightViewProj, skinned, surface, baseColor, hasTexture, baseTexture,
        shadowMap, shadowTexel, toLight, eye, background;
};

struct ShadowUniforms {
    GLint model, lightViewProj, skinned;
};

struct DrawItem {
    GpuMesh mesh;
    int node = -1;
    int skin = -1;
    int material = -1;
};

}  // namespace

struct Renderer::Impl {
    RendererOptions options;
    gl::Program sceneProgram, shadowProgram;
    SceneUniforms su{};
    ShadowUniforms shu{};
    gl::Buffer jointUbo;
    GpuMesh roller, mat, floor;
    ShadowTarget shadow;
    ColorTarget msaa, resolve;
    int samples = 1;

    std::shared_ptr<const core::ModelData> model;  // what `items` were uploaded from
    std::vector<DrawItem> items;
    std::vector<gl::Texture> textures;
    std::vector<std::vector<glm::mat4>> skinJoints;  // per skin, this frame
    glm::mat4 lightViewProj{1.0f};
    bool lightFitted = false;

    void syncModel(const core::Scene& scene);
    void fitLight(const core::Scene& scene);
    void computeJoints(const core::Scene& scene);
    void drawModel(const core::Scene& scene, bool shadowPass);
    void shadowPass(const core::Scene& scene);
    void scenePass(const FrameView& v);
    void draw(const FrameView& v, GLuint targetFbo);
};

namespace {

SceneUniforms sceneLocations(GLuint p) {
    auto l = [p](const char* n) { return glGetUniformLocation(p, n); };
    return {l("u_model"),      l("u_viewProj"),    l("u_lightViewProj"), l("u_skinned"),
            l("u_surface"),    l("u_baseColor"),   l("u_hasTexture"),    l("u_baseTexture"),
            l("u_shadowMap"),  l("u_shadowTexel"), l("u_toLight"),       l("u_eye"),
            l("u_background")};
}

glm::vec3 srgbToLinear(glm::vec3 c) { return glm::pow(c, glm::vec3(2.2f)); }

void bindJointsBlock(GLuint program) {
    GLuint idx = glGetUniformBlockIndex(program, "Joints");
    if (idx != GL_INVALID_INDEX) glUniformBlockBinding(program, idx, kJointsBinding);
}

}  // namespace

std::unique_ptr<Renderer> Renderer::create(core::Diagnostics& diags,
                                           const RendererOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    auto scene = gl::buildProgram({"scene", {"skinning.glsl", "scene.vert"}, {"scene.frag"}}, diags);
    auto shadow =
        gl::buildProgram({"shadow", {"skinning.glsl", "shadow.vert"}, {"shadow.frag"}}, diags);
    if (!scene || !shadow) return nullptr;
    impl->sceneProgram = std::move(*scene);
    impl->shadowProgram = std::move(*shadow);
    impl->su = sceneLocations(impl->sceneProgram.id());
    GLuint sp = impl->shadowProgram.id();
    impl->shu = {glGetUniformLocation(sp, "u_model"), glGetUniformLocation(sp, "u_lightViewProj"),
                 glGetUniformLocation(sp, "u_skinned")};
    bindJointsBlock(impl->sceneProgram.id());
    bindJointsBlock(sp);

    impl->jointUbo = gl::Buffer::create();
    glBindBuffer(GL_UNIFORM_BUFFER, impl->jointUbo.id());
    glBufferData(GL_UNIFORM_BUFFER, kMaxJoints * sizeof(glm::mat4), nullptr, GL_DYNAMIC_DRAW);
    glBindBufferBase(GL_UNIFORM_BUFFER, kJointsBinding, impl->jointUbo.id());

    core::Roller r;
    core::Mat m;
    impl->roller = upload(core::makeRoller(r.radius, r.length));
    impl->mat = upload(core::makeMat(m.size.x, m.size.y, m.thickness));
    impl->floor = upload(core::makeFloor(20.0f, -m.thickness));

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

int Renderer::msaaSamples() const { return m_impl->samples; }

void Renderer::Impl::syncModel(const core::Scene& scene) {
    auto current = scene.modelShared();
    if (current == model && lightFitted) return;
    model = current;
    items.clear();
    textures.clear();
    if (model) {
        for (const auto& img : model->images) textures.push_back(upload(img));
        for (size_t n = 0; n < model->nodes.size(); ++n) {
            const core::Node& node = model->nodes[n];
            if (node.mesh < 0) continue;
            for (const auto& prim : model->meshes[size_t(node.mesh)].primitives)
                items.push_back({upload(prim), int(n), node.skin, prim.material});
        }
    }
    fitLight(scene);
}

void Renderer::Impl::fitLight(const core::Scene& scene) {
    core::Bounds b = scene.worldBounds();
    glm::vec3 c = b.center();
    float r = glm::length(b.size()) * 0.5f + 0.2f;
    glm::vec3 d = scene.lightDirection();
    glm::mat4 view = glm::lookAt(c - d * (r * 2.0f), c, glm::vec3(0, 0, 1));
    lightViewProj = glm::ortho(-r, r, -r, r, 0.01f, r * 4.0f) * view;
    lightFitted = true;
}

void Renderer::Impl::computeJoints(const core::Scene& scene) {
    skinJoints.assign(model ? model->skins.size() : 0, {});
    for (size_t s = 0; s < skinJoints.size(); ++s) {
        skinJoints[s] = core::jointMatrices(*model, int(s), scene.pose());
        if (skinJoints[s].size() > size_t(kMaxJoints)) skinJoints[s].resize(kMaxJoints);
    }
}

void Renderer::Impl::drawModel(const core::Scene& scene, bool shadowPass) {
    const GLint locModel = shadowPass ? shu.model : su.model;
    const GLint locSkinned = shadowPass ? shu.skinned : su.skinned;
    for (const auto& item : items) {
        bool skinned = item.mesh.skinned && item.skin >= 0 && !skinJoints[size_t(item.skin)].empty();
        glm::mat4 m = scene.modelToWorld();
        if (skinned) {
            const auto& j = skinJoints[size_t(item.skin)];
            glBufferSubData(GL_UNIFORM_BUFFER, 0, GLsizeiptr(j.size() * sizeof(glm::mat4)), j.data());
        } else {
            m = m * scene.pose().world[size_t(item.node)];
        }
        glUniformMatrix4fv(locModel, 1, GL_FALSE, glm::value_ptr(m));
        glUniform1i(locSkinned, skinned ? 1 : 0);
        if (!shadowPass) {
            const core::Material* material =
                item.material >= 0 ? &model->materials[size_t(item.material)] : nullptr;
            glm::vec4 base = material ? material->baseColor : glm::vec4(0.8f, 0.74f, 0.68f, 1.0f);
            int tex = material ? material->baseColorImage : -1;
            bool hasTex = tex >= 0 && size_t(tex) < textures.size();
            glUniform4fv(su.baseColor, 1, glm::value_ptr(base));
            glUniform1i(su.hasTexture, hasTex ? 1 : 0);
            if (hasTex) {
                glActiveTexture(GL_TEXTURE0 + kBaseTextureUnit);
                glBindTexture(GL_TEXTURE_2D, textures[size_t(tex)].id());
            }
        }
        item.mesh.draw();
    }
}

void Renderer::Impl::shadowPass(const core::Scene& scene) {
    shadow.bindForWriting();
    glClear(GL_DEPTH_BUFFER_BIT);
    glUseProgram(shadowProgram.id());
    glUniformMatrix4fv(shu.lightViewProj, 1, GL_FALSE, glm::value_ptr(lightViewProj));
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(1.5f, 2.0f);
    glBindBuffer(GL_UNIFORM_BUFFER, jointUbo.id());
    drawModel(scene, true);
    glUniform1i(shu.skinned, 0);
    glUniformMatrix4fv(shu.model, 1, GL_FALSE, glm::value_ptr(scene.roller().matrix()));
    roller.draw();
    glDisable(GL_POLYGON_OFFSET_FILL);
}

void Renderer::Impl::scenePass(const FrameView& v) {
    const core::Scene& scene = *v.scene;
    glViewport(0, 0, v.width, v.height);
    glClearColor(kBackgroundSrgb.r, kBackgroundSrgb.g, kBackgroundSrgb.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    glUseProgram(sceneProgram.id());
    glm::mat4 vp = v.projection * v.view;
    glUniformMatrix4fv(su.viewProj, 1, GL_FALSE, glm::value_ptr(vp));
    glUniformMatrix4fv(su.lightViewProj, 1, GL_FALSE, glm::value_ptr(lightViewProj));
    glUniform3fv(su.toLight, 1, glm::value_ptr(-scene.lightDirection()));
    glUniform3fv(su.eye, 1, glm::value_ptr(v.eye));
    glUniform3fv(su.background, 1, glm::value_ptr(srgbToLinear(kBackgroundSrgb)));
    glUniform2f(su.shadowTexel, 1.0f / float(shadow.size()), 1.0f / float(shadow.size()));
    glUniform1i(su.shadowMap, int(kShadowUnit));
    glUniform1i(su.baseTexture, int(kBaseTextureUnit));
    shadow.bindTexture(kShadowUnit);

    auto prop = [&](const GpuMesh& mesh, const glm::mat4& m, int surface) {
        glUniformMatrix4fv(su.model, 1, GL_FALSE, glm::value_ptr(m));
        glUniform1i(su.skinned, 0);
        glUniform1i(su.surface, surface);
        glUniform1i(su.hasTexture, 0);
        mesh.draw();
    };
    // Opaque front to back: roller and body first cover the most overdraw on the mat and floor.
    glUniform1i(su.surface, kSurfaceModel);
    drawModel(scene, false);
    prop(roller, scene.roller().matrix(), kSurfaceRoller);
    prop(mat, glm::translate(glm::mat4(1.0f), scene.mat().center), kSurfaceMat);
    prop(floor, glm::mat4(1.0f), kSurfaceFloor);
}

void Renderer::Impl::draw(const FrameView& v, GLuint targetFbo) {
    const core::Scene& scene = *v.scene;
    syncModel(scene);
    computeJoints(scene);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDisable(GL_CULL_FACE);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDepthMask(GL_TRUE);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    shadowPass(scene);
    msaa.ensure(v.width, v.height, samples, true);
    glBindFramebuffer(GL_FRAMEBUFFER, msaa.fbo());
    scenePass(v);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, msaa.fbo());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, targetFbo);
    glBlitFramebuffer(0, 0, v.width, v.height, 0, 0, v.width, v.height, GL_COLOR_BUFFER_BIT,
                      GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, targetFbo);
    glBindVertexArray(0);
    glUseProgram(0);
}

void Renderer::render(const FrameView& v) {
    if (!v.scene || v.width <= 0 || v.height <= 0) return;
    m_impl->draw(v, 0);
}

void Renderer::renderOffscreen(const FrameView& v) {
    if (!v.scene || v.width <= 0 || v.height <= 0) return;
    m_impl->resolve.ensure(v.width, v.height, 1, false);
    m_impl->draw(v, m_impl->resolve.fbo());
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
