// PickCommand: `roller-atlas pick`: what lies under one pixel of the image `render` draws with
// the same options (the same scene and camera), found by a ray cast on the CPU, no GL needed.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/Commands.h"
#include "cli/Headless.h"
#include "core/GltfLoader.h"
#include "core/ScenePicker.h"

namespace ra::app {
namespace {

std::string describe(const core::PickResult& r) {
    switch (r.subject) {
        case core::PickSubject::Body: {
            if (r.regionId.empty()) return "body  (no labelled region)";
            std::string line = r.regionId;
            line += "  " + r.regionName;
            line += "  ";
            line += core::regionKindName(r.kind);
            if (!r.vertebra.empty()) line += "  " + r.vertebra;
            return line;
        }
        case core::PickSubject::Roller:
            return "roller";
        default: {
            std::string line = "nothing (";
            line += core::pickSubjectName(r.subject);
            return line + ")";
        }
    }
}

nlohmann::ordered_json pickReport(const Options& o, const core::Scene& scene, int w, int h,
                                  const core::PickResult& r) {
    using nlohmann::ordered_json;
    const bool body = r.subject == core::PickSubject::Body && !r.regionId.empty();
    const bool met = r.subject != core::PickSubject::Background;
    auto orNull = [](bool have, const ordered_json& v) { return have ? v : ordered_json(); };
    return {
        {"at", {o.atX, o.atY}},
        {"size", {w, h}},
        {"view", core::viewPresetName(o.view)},
        {"time", scene.time()},
        {"stretch", orNull(scene.stretch() != nullptr, o.stretch)},
        {"pose", orNull(!o.pose.empty(), o.pose)},
        {"hit", core::pickSubjectName(r.subject)},
        {"region", orNull(body, r.regionId)},
        {"name", orNull(body, r.regionName)},
        {"kind", orNull(body, core::regionKindName(r.kind))},
        {"vertebra", orNull(!r.vertebra.empty(), r.vertebra)},
        {"point", orNull(met, {r.point.x, r.point.y, r.point.z})},
        {"distance", orNull(met, r.distance)},
    };
}

}  // namespace

int runPick(const Options& o) {
    LoadedContent content = loadContent(o.assetsDir, o.modelPath);
    printDiagnostics(content.diags);
    if (!content.model) return 1;  // the diagnostics said why
    if (!content.surface) {
        std::cerr << "error: pick: regions can be picked on the Roller Atlas body only: "
                  << content.surfaceError << "\n";
        return 1;
    }
    core::Scene scene;
    core::RegionStates marks;  // drawn by render, nothing to a pick
    std::string error;
    if (!setUpScene(o, content, scene, marks, error)) {
        std::cerr << "error: " << error << "\n";
        return 1;
    }
    // The camera render frames for an image of this size, and the ray through the pixel's centre.
    const int w = o.width > 0 ? o.width : kRenderWidth;
    const int h = o.height > 0 ? o.height : kRenderHeight;
    core::OrbitCamera camera;
    frameScene(camera, scene, o.view, float(w) / float(h));
    const core::Ray ray =
        core::cameraRay(camera, {float(o.atX) + 0.5f, float(o.atY) + 0.5f}, {float(w), float(h)});
    core::ScenePicker picker(content.surface);
    const core::PickResult r = picker.pick(scene, ray);
    if (o.json)
        std::cout << pickReport(o, scene, w, h, r).dump(2) << "\n";
    else
        std::cout << describe(r) << "\n";
    return content.diags.hasErrors() ? 1 : 0;
}

}  // namespace ra::app
