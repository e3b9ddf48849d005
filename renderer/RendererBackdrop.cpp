// RendererBackdrop: the floor around the scene rectangle, drawn without multisampling or depth
// (nothing there hides or is hidden). While the camera, the view size, the light and the mat stay
// put it is the same picture but for the casters' shadows, so it is kept and copied in, and only
// the shadow footprint is drawn again: a copy costs a software rasteriser a memcpy, the floor a
// shader run per pixel.
#include "renderer/RendererImpl.h"

namespace ra::gfx {
namespace {

PixelRect intersect(const PixelRect& a, const PixelRect& b) {
    return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}

}  // namespace

void Renderer::Impl::drawBands(const FrameView& v, const std::vector<PixelRect>& bands,
                               bool footprintOnly) {
    glEnable(GL_SCISSOR_TEST);
    for (const PixelRect& b : bands) {
        glScissor(b.x0, b.y0, b.width(), b.height());
        if (!footprintOnly) glClear(GL_COLOR_BUFFER_BIT);
        drawFloor(v, footprintOnly);
    }
    glDisable(GL_SCISSOR_TEST);
}

void Renderer::Impl::drawBackdrop(const FrameView& v, const PixelRect& inner, GLuint targetFbo) {
    const core::Scene& s = *v.scene;
    const BackdropKey key{v.projection * v.view, v.width,       v.height, shadowFootprint,
                          -s.lightDirection(),   s.mat().center};
    // Kept from the second frame with the same key on: a moving camera draws the bands only.
    const bool still = key == backdropKey && !options.wholeFrames;
    backdropKey = key;
    backdropKept = backdropKept && still;
    const std::vector<PixelRect> bands = bandsAround(inner, v.width, v.height);
    glViewport(0, 0, v.width, v.height);
    glDisable(GL_DEPTH_TEST);
    glClearColor(kBackgroundSrgb.r, kBackgroundSrgb.g, kBackgroundSrgb.b, 1.0f);
    shadow.bindTexture(kShadowUnit);
    if (still)
        copyBackdrop(v, bands, targetFbo);
    else
        drawBands(v, bands, false);
    glEnable(GL_DEPTH_TEST);
    passDone("backdrop");
}

void Renderer::Impl::copyBackdrop(const FrameView& v, const std::vector<PixelRect>& bands,
                                  GLuint targetFbo) {
    if (!backdropKept) {
        backdrop.ensure(v.width, v.height, 1, false);
        glBindFramebuffer(GL_FRAMEBUFFER, backdrop.fbo());
        drawBands(v, {PixelRect{0, 0, v.width, v.height}}, false);
        backdropKept = true;
    }
    glBindFramebuffer(GL_READ_FRAMEBUFFER, backdrop.fbo());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, targetFbo);
    for (const PixelRect& b : bands)
        glBlitFramebuffer(b.x0, b.y0, b.x1, b.y1, b.x0, b.y0, b.x1, b.y1, GL_COLOR_BUFFER_BIT,
                          GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, targetFbo);
    // The shadows: the footprint drawn again, where it reaches into the bands.
    ScreenRect footprint(v.width, v.height);
    const float y = -v.scene->mat().thickness;
    footprint.add(
        {{shadowFootprint.x, y, shadowFootprint.y}, {shadowFootprint.z, y, shadowFootprint.w}},
        v.projection * v.view);
    const PixelRect f = footprint.pixels(2, 1);
    std::vector<PixelRect> redraw;
    for (const PixelRect& b : bands)
        if (!intersect(b, f).empty()) redraw.push_back(intersect(b, f));
    drawBands(v, redraw, true);
}

}  // namespace ra::gfx
