// Headless: set-up shared by render, bench and the GL tests.
#include "cli/Headless.h"

#include <iostream>

#include "core/BodyPoses.h"
#include "core/RegionTable.h"

namespace ra::app {

void printDiagnostics(const core::Diagnostics& diags) {
    for (const auto& d : diags.items()) std::cerr << d.str() << "\n";
}

void frameScene(core::OrbitCamera& camera, const core::Scene& scene, core::ViewPreset preset,
                float aspect, float heightShare) {
    core::Bounds b = scene.worldBounds();
    camera.frame(preset, b.min, b.max, aspect, heightShare);
}

gfx::FrameView HeadlessSession::frameView() const {
    gfx::FrameView v = gfx::frameViewFor(scene, camera, width, height);
    v.regions = regions;
    v.xray = xray;
    return v;
}

bool highlightRegions(const core::ModelData& model, const std::vector<std::string>& ids,
                      core::RegionStates& states, std::string& error) {
    namespace flag = core::region_flag;
    if (model.regions.empty() && !ids.empty()) {
        error = "--highlight: the model " + model.sourcePath + " has no labelled regions";
        return false;
    }
    std::string unknown;
    for (const std::string& id : ids) {
        auto r = core::findRegion(model.regions, id);
        if (!r) {
            unknown += (unknown.empty() ? "\"" : ", \"") + id + "\"";
            continue;
        }
        const core::RegionKind kind = model.regions[r->value].kind;
        states.set(*r, kind == core::RegionKind::Target    ? flag::kTarget
                       : kind == core::RegionKind::Caution ? flag::kCaution
                       : kind == core::RegionKind::NoGo    ? flag::kNoGo
                                                           : flag::kSelected);
    }
    if (unknown.empty()) return true;
    error = "--highlight: unknown region " + unknown + "; known regions:";
    for (size_t i = 1; i < model.regions.size(); ++i) error += " " + model.regions[i].id;
    return false;
}

bool holdBuiltInPose(core::Scene& scene, const std::string& name, std::string& error) {
    if (!scene.model()) return true;  // nothing to pose; the missing model was reported
    core::Pose pose;
    const glm::vec3 c = scene.mat().center;
    if (!core::builtInPose(*scene.model(), name, {c.x, c.z}, pose, error)) return false;
    scene.setFixedPose(pose);
    return true;
}

void markStretch(const core::ModelData& model, const core::Stretch& stretch,
                 core::RegionStates& states) {
    std::vector<std::string> ids = stretch.targets;
    ids.insert(ids.end(), stretch.avoid.begin(), stretch.avoid.end());
    std::string ignored;  // the library loader has already reported unknown regions
    highlightRegions(model, ids, states, ignored);
}

bool setUpScene(const Options& o, const LoadedContent& content, core::Scene& scene,
                core::RegionStates& regions, std::string& error) {
    scene.setModel(content.model);
    scene.playing = false;
    if (!o.stretch.empty() && o.pose.empty()) {
        auto motion = makeStretchMotion(content, o.stretch, error);
        if (!motion) {
            error.insert(0, "--stretch: ");
            return false;
        }
        scene.setStretch(std::move(motion));
        if (content.model && !content.model->regions.empty())
            markStretch(*content.model, scene.stretch()->stretch(), regions);
    }
    scene.setTime(o.time);
    if (content.model && !o.highlight.empty() &&
        !highlightRegions(*content.model, o.highlight, regions, error))
        return false;
    if (!o.pose.empty() && !holdBuiltInPose(scene, o.pose, error)) {
        error.insert(0, "--pose: ");
        return false;
    }
    return true;
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
    if (!setUpScene(o, s->content, s->scene, s->regions, error)) {
        std::cerr << "error: " << error << "\n";
        return nullptr;
    }
    s->xray = o.xray;
    frameScene(s->camera, s->scene, o.view, float(s->width) / float(s->height));
    return s;
}

}  // namespace ra::app
