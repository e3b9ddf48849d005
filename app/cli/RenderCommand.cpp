// RenderCommand: `roller-atlas render`: one deterministic frame to a PNG, no display needed;
// and `roller-atlas check`: load the content, print its problems and the model report.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/Commands.h"
#include "cli/Headless.h"
#include "cli/ModelReport.h"

namespace ra::app {
namespace {

std::string count(size_t n, const char* noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// render --frames N: a PNG sequence for slides, frame_0000.png ... in the --out folder.
int renderSequence(const Options& o, HeadlessSession& s) {
    std::error_code ec;
    std::filesystem::create_directories(o.outPath, ec);
    if (ec) {
        std::cerr << "error: --out " << o.outPath << ": cannot create the folder: " << ec.message()
                  << "\n";
        return 1;
    }
    for (int i = 0; i < o.frames; ++i) {
        s.scene.setTime(o.time + double(i) / o.fps);
        s.renderer->renderOffscreen(s.frameView());
        char name[32];
        std::snprintf(name, sizeof name, "frame_%04d.png", i);
        const std::string path = (std::filesystem::path(o.outPath) / name).string();
        std::string error;
        if (!gfx::writePng(path, s.renderer->readPixels(), error)) {
            std::cerr << "error: " << error << "\n";
            return 1;
        }
    }
    std::cout << "wrote " << o.frames << " frames to " << o.outPath << " (" << s.width << "x"
              << s.height << ", " << o.fps << " fps from t = " << o.time << " s)\n";
    return 0;
}

}  // namespace

int runRender(const Options& o) {
    auto s = openHeadless(o, kRenderWidth, kRenderHeight);
    if (!s) return 1;
    if (o.framesGiven) {
        const int rc = renderSequence(o, *s);
        return rc ? rc : (s->content.diags.hasErrors() ? 1 : 0);
    }
    s->renderer->renderOffscreen(s->frameView());
    gfx::RgbaImage img = s->renderer->readPixels();
    std::string error;
    if (!gfx::writePng(o.outPath, img, error)) {
        std::cerr << "error: " << error << "\n";
        return 1;
    }
    std::cout << "wrote " << o.outPath << " (" << img.width << "x" << img.height << ", view "
              << core::viewPresetName(o.view) << ", t = " << s->scene.time() << " s)\n";
    return s->content.diags.hasErrors() ? 1 : 0;
}

int runCheck(const Options& o) {
    LoadedContent c = loadContent(o.assetsDir, o.modelPath);
    if (o.json) {
        std::cout << checkReport(c.assetsDir, c.modelPath, c.model.get(), c.diags).dump(2) << "\n";
        return c.diags.hasErrors() ? 1 : 0;
    }
    for (const auto& d : c.diags.items()) std::cout << d.str() << "\n";
    size_t errors = 0;
    for (const auto& d : c.diags.items()) errors += d.severity == core::Severity::Error;
    const size_t warnings = c.diags.size() - errors;
    std::cout << (errors ? "FAILED" : "ok") << ": assets "
              << (c.assetsDir.empty() ? "(not found)" : c.assetsDir) << "; model "
              << (c.modelPath.empty() ? "(none)" : c.modelPath);
    if (c.model) {
        size_t tris = 0;
        for (const auto& m : c.model->meshes)
            for (const auto& p : m.primitives) tris += p.indices.size() / 3;
        size_t joints = 0;
        for (const auto& sk : c.model->skins) joints += sk.joints.size();
        std::cout << " (" << count(c.model->nodes.size(), "node") << ", " << count(joints, "joint")
                  << ", " << count(tris, "triangle") << ", "
                  << count(c.model->animations.size(), "animation") << ")";
    }
    std::cout << "; " << count(errors, "error") << ", " << count(warnings, "warning") << "\n";
    if (c.model) std::cout << formatModelReport(modelReport(*c.model));
    return errors ? 1 : 0;
}

}  // namespace ra::app
