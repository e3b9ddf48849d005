// Headless: what every display-less command needs: an EGL context, the renderer, the scene with
// its content, and a framed camera (pick uses the scene and camera alone).
#pragma once

#include <memory>

#include "Content.h"
#include "cli/Options.h"
#include "core/OrbitCamera.h"
#include "core/Scene.h"
#include "renderer/HeadlessContext.h"
#include "renderer/Renderer.h"

namespace ra::app {

struct HeadlessSession {
    std::unique_ptr<gfx::HeadlessContext> context;
    std::unique_ptr<gfx::Renderer> renderer;
    LoadedContent content;
    core::Scene scene;
    core::OrbitCamera camera;
    int width = 0, height = 0;
    core::RegionStates regions;  // --highlight
    bool xray = false;           // --xray

    gfx::FrameView frameView() const;
};

// Prints every diagnostic to stderr. Returns nullptr (after printing why) when no GL context or
// renderer can be made; content errors still give a session (the scene shows what did load).
std::unique_ptr<HeadlessSession> openHeadless(const Options& o, int defaultW, int defaultH);

// Sets `scene` up as the command line asks, the same for every command that shows it: the
// content's model, the stretch (--stretch) or a built-in pose (--pose) at --time, and the region
// marks (the stretch's, --highlight). False with `error` naming the option that cannot be had.
bool setUpScene(const Options& o, const LoadedContent& content, core::Scene& scene,
                core::RegionStates& regions, std::string& error);

// Frames the whole scene (mat, roller, posed body) from a preset at the given aspect ratio.
void frameScene(core::OrbitCamera& camera, const core::Scene& scene, core::ViewPreset preset,
                float aspect, float heightShare = 1.0f);

void printDiagnostics(const core::Diagnostics& diags);

// The region marks --highlight asks for: each named region flagged in the style of its kind.
// Unknown ids are skipped; then false with `error` naming them (and listing the known ones).
bool highlightRegions(const core::ModelData& model, const std::vector<std::string>& ids,
                      core::RegionStates& states, std::string& error);

// Marks a stretch's targets and the zones it avoids, each in the style of its kind.
void markStretch(const core::ModelData& model, const core::Stretch& stretch,
                 core::RegionStates& states);

// Holds the scene's model in a built-in pose (--pose) instead of playing its clip. False with
// `error` for an unknown pose name or a model without our rig.
bool holdBuiltInPose(core::Scene& scene, const std::string& name, std::string& error);

}  // namespace ra::app
