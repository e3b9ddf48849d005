// RendererImpl: the renderer's internals, shared by Renderer.cpp (set-up, the model, the order of
// a frame), RendererPasses.cpp (the shadow, scene and floor passes) and RendererBackdrop.cpp (the
// floor around the scene rectangle, kept while the camera holds still).
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <vector>

#include "core/Scene.h"
#include "renderer/FrameRegion.h"
#include "renderer/GpuMesh.h"
#include "renderer/Programs.h"
#include "renderer/RenderTargets.h"
#include "renderer/Renderer.h"

namespace ra::gfx {

constexpr GLuint kShadowUnit = 1;  // texture unit of the shadow map
constexpr glm::vec3 kBackgroundSrgb{0.855f, 0.882f, 0.910f};

// What the floor around the scene rectangle looks like besides the shadows: while it stays the
// same, the floor there is copied from the last picture of it (see RendererBackdrop.cpp).
struct BackdropKey {
    glm::mat4 viewProj{0.0f};
    int width = 0, height = 0;
    glm::vec4 footprint{0.0f};
    glm::vec3 toLight{0.0f}, matCenter{0.0f};
    bool operator==(const BackdropKey&) const = default;
};

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

struct Renderer::Impl {
    RendererOptions options;
    Programs programs;
    gl::Buffer jointUbo;
    GpuMesh roller, mat, floor;  // floor: a unit patch, scaled into place per draw
    ShadowTarget shadow;
    ColorTarget msaa, resolve;
    ColorTarget backdrop;  // the floor as last drawn for `backdropKey`
    BackdropKey backdropKey;
    bool backdropKept = false;
    int samples = 1;

    std::shared_ptr<const core::ModelData> model;  // what `items` were uploaded from
    std::vector<DrawItem> items;
    std::vector<gl::Texture> textures;
    glm::mat4 lightViewProj{1.0f};
    float shadowNormalOffset = 0.0f;  // metres
    glm::vec4 shadowFootprint{0.0f};  // floor rectangle (x0, z0, x1, z1) shadows can reach
    bool lightFitted = false;
    std::set<size_t> warnedSkins;       // skins over the joint limit, reported once
    PosedBoxes posedBoxes;              // of `model`
    std::vector<PlacedBox> frameBoxes;  // this frame's posed model, for the scene rectangle
    bool frameBoxesValid = false;
    std::function<void(const char*)> passObserver;

    void passDone(const char* pass) const {
        if (passObserver) passObserver(pass);
    }

    void syncModel(const core::Scene& scene);
    void fitLight(const core::Scene& scene);
    void skinModel(const core::Scene& scene, bool xray);
    glm::mat4 itemMatrix(const core::Scene& scene, const DrawItem& item) const;
    void shadowPass(const core::Scene& scene);
    PixelRect sceneRect(const FrameView& v) const;
    void drawBackdrop(const FrameView& v, const PixelRect& inner, GLuint targetFbo);
    void copyBackdrop(const FrameView& v, const std::vector<PixelRect>& bands, GLuint targetFbo);
    void drawBands(const FrameView& v, const std::vector<PixelRect>& bands, bool footprintOnly);
    void setFrameUniforms(const SceneProgram& p, const FrameView& v) const;
    void setRegionUniforms(const SceneProgram& p, const FrameView& v) const;
    bool textured(const DrawItem& item) const;
    void drawModelItems(const core::Scene& scene, const FrameView& v, ItemPass pass);
    void drawXraySkin(const core::Scene& scene, const FrameView& v);
    void drawFloor(const FrameView& v, bool footprintOnly);
    void scenePass(const FrameView& v);
    void drawScene(const FrameView& v, const PixelRect& r, GLuint targetFbo);
    void draw(const FrameView& v, GLuint targetFbo);
};

}  // namespace ra::gfx
