// Renderer: draws a read-only view of core::Scene (mat, floor, roller, skinned model) with a sun
// shadow map and MSAA, into the window's framebuffer or an offscreen target read back as pixels;
// marks the flagged anatomy regions and, in x-ray mode, shows the skeleton through the skin.
#pragma once

#include <functional>
#include <glm/glm.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/Diagnostics.h"
#include "core/OrbitCamera.h"
#include "core/RegionStates.h"
#include "core/Scene.h"
#include "renderer/ImageIO.h"

namespace ra::gfx {

struct FrameView {
    const core::Scene* scene = nullptr;
    glm::mat4 view{1.0f};
    glm::mat4 projection{1.0f};
    glm::vec3 eye{0.0f};
    int width = 0;  // framebuffer pixels
    int height = 0;
    // Multisampling for this frame: 0 = the renderer's setting, 1 = none (draws straight into the
    // target, no resolve), N = N samples. Lets the window keep motion smooth on software GL.
    int msaaSamples = 0;
    // How each labelled region is marked this frame (core::region_flag bits); all off draws a
    // labelled model exactly like an unlabelled one.
    core::RegionStates regions;
    // X-ray: the skeleton layer drawn opaque inside translucent skin. Skeleton meshes are drawn
    // only in this mode.
    bool xray = false;
    // X-ray: the skin's opacity where it faces the viewer (denser toward the outline).
    float skinOpacity = 0.17f;
    // When alpha > 0, the skin's base colour (linear RGB), replacing the model's own.
    glm::vec4 skinColor{0.0f};
    // Seconds; drives the target regions' slow pulse (the app decides whether it advances).
    float effectTime = 0.0f;
};

// The size of the region marks in a framebuffer `heightPx` tall: the no-go hatching's period and
// the unit of the outline widths, in pixels. Both grow with the resolution so the marks read the
// same on a projector and in a thumbnail.
struct MarkScale {
    float hatchPeriod = 8.0f;
    float lineUnit = 1.0f;
};
MarkScale markScaleFor(int heightPx);

// The view of `scene` from `camera` into a width x height framebuffer.
FrameView frameViewFor(const core::Scene& scene, const core::OrbitCamera& camera, int width,
                       int height);

struct RendererOptions {
    int msaaSamples = 4;       // clamped to what the driver offers; 1 disables
    int shadowMapSize = 1024;  // ~3 mm texels over the scene; bilinear comparison softens them
    // Draws every frame whole: multisampled everywhere, the floor drawn afresh. The reference the
    // tests hold the usual frame to (the floor drawn once and kept, multisampling only where
    // there is more than floor; see FrameRegion.h).
    bool wholeFrames = false;
};

class Renderer {
public:
    // Needs a current OpenGL 3.3 core context. nullptr with diagnostics if shaders fail.
    static std::unique_ptr<Renderer> create(core::Diagnostics& diags,
                                            const RendererOptions& options = {});
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Draws into the current default framebuffer (the window). A zero-size view draws nothing.
    void render(const FrameView& view);
    // Fills the window's framebuffer with one colour (presentation mode's blank screen).
    void clear(int width, int height, glm::vec3 colour);
    // Draws into an offscreen colour target of the view's size; readPixels() returns it.
    void renderOffscreen(const FrameView& view);
    RgbaImage readPixels() const;
    // Copies the last offscreen picture into the window's framebuffer with its lower-left corner
    // at (x, y) (pixels, GL's y up): side-by-side views are two offscreen renders and two copies.
    void blitToWindow(int x, int y);
    // The model-space positions the GPU skinned for the n-th drawn primitive in the last frame
    // (empty when it is not skinned): lets tests hold the shader to core::skinPosition.
    std::vector<glm::vec3> skinnedPositions(size_t primitive) const;

    std::string glRenderer() const;
    // True for CPU rasterisers (llvmpipe, softpipe, SwiftShader), where every pixel costs.
    bool softwareRenderer() const;
    std::string glVersion() const;
    int msaaSamples() const;
    // Called after each pass of a frame with its name (skin, shadow, backdrop, clear, model,
    // props, floor, xray, resolve) so that the benchmark can time the passes; it waits for the
    // GPU in the call, which serialises what would overlap. Empty: none.
    void setPassObserver(std::function<void(const char* pass)> observer);

    struct Impl;

private:
    explicit Renderer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ra::gfx
