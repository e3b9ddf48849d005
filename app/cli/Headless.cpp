// Headless: set-up shared by render, bench and the GL tests.
#include "cli/Headless.h"

#include <iostream>

namespace ra::app {

void printDiagnostics(const core::Diagnostics& diags) {
    for (const auto& d : diags.items()) std::cerr << d.str() << "\n";
}

void frameScene(core::OrbitCamera& camera, const core::Scene& scene, core::ViewPreset preset,
                float aspect) {
    core::Bounds b = scene.worldBounds();
    camera.frame(preset, b.min, b.max, aspect);
}

gfx::FrameView HeadlessSession::frameView() const {
    return gfx::frameViewFor(scene, camera, width, height);
}

std::unique_ptr<HeadlessSession> openHeadless(const Options& o, int defaultW, int defaultH) {
    auto s = std::make_unique<HeadlessSession>();
    std::string error;
    s->context = gfx::HeadlessContext::create(error);
    if (!s->context) {
        std::cerr << "error: " << error << "\n";
        return nullptr;
    }
    s->content = loadContent(o.assetsDir, o.modelPath);
    printDiagnostics(s->content.diags);
    core::Diagnostics glDiags;
    gfx::RendererOptions ro;
    ro.msaaSamples = o.msaa;
    s->renderer = gfx::Renderer::create(glDiags, ro);
    if (!s->renderer) {
        printDiagnostics(glDiags);
        return nullptr;
    }
    s->width = o.width > 0 ? o.width : defaultW;
    s->height = o.height > 0 ? o.height : defaultH;
    s->scene.setModel(s->content.model);
    s->scene.playing = false;
    s->scene.setTime(o.time);
    frameScene(s->camera, s->scene, o.view, float(s->width) / float(s->height));
    return s;
}

}  // namespace ra::app
