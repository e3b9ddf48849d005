// PanelContext: the read-only state the panels draw from, and the UI's own small state.
#pragma once

#include <string>

#include "Command.h"
#include "core/Diagnostics.h"
#include "core/LabelLayout.h"
#include "core/OrbitCamera.h"
#include "core/Routine.h"
#include "core/SafetyMonitor.h"
#include "core/Scene.h"
#include "core/Stretch.h"

namespace ra::app {

struct UiState {
    bool showPanels = true;
    bool showHelp = false;
    float uiScale = 1.0f;       // user's text scale on top of the monitor's content scale
    float contentScale = 1.0f;  // from the monitor (HiDPI)
    std::string fontPath;       // the TrueType font in use, empty for the built-in fallback
    core::ViewPreset view = core::ViewPreset::ThreeQuarter;
    double firstFrameMs = 0.0;
    // On a software renderer, motion is drawn without multisampling (about twice the frame
    // rate) and the still picture gets full anti-aliasing once the motion stops.
    bool smoothEdgesWhileMoving = true;
    bool softwareRenderer = false;
    bool xray = false;                     // translucent skin over the skeleton
    float skinOpacity = 0.2f;              // x-ray skin opacity where it faces the viewer
    std::string skinTone = "medium";       // light | medium (the figure's own) | tan | dark
    std::string body = "adult";            // adult | female
    cmd::Marks marks = cmd::Marks::Focus;  // which regions are marked
    bool modelHasRegions = false;          // our body (labelled) or a user's model (not)
    cmd::Theme theme = cmd::Theme::Light;
    bool presenting = false;   // presentation mode: caption band only
    bool blank = false;        // presentation: the screen is black
    bool orbiting = false;     // presentation: the camera circles
    bool following = false;    // the camera follows the roller
    bool labels = true;        // names with leader lines on the target muscles and zones
    int hoveredRegion = -1;    // under the mouse (index into ModelData::regions), -1: none
    int selectedRegion = -1;   // clicked
    bool showAnatomy = false;  // one frame: bring the anatomy tab to the front
    float captionPx = 0.0f;    // presentation caption font size in pixels
};

// A name with its leader line on the body (window coordinates).
struct RegionLabel {
    std::string text;
    core::RegionKind kind = core::RegionKind::Target;
    core::ScreenRect box;
    glm::vec2 from{0.0f}, to{0.0f};  // the anchor on the body, the box's nearest point
};

struct PanelContext {
    const core::Scene& scene;
    const core::Diagnostics& diags;
    const std::string& modelPath;
    const UiState& ui;
    const core::StretchLibrary* library = nullptr;  // null without assets
    const core::SafetyReport* safety = nullptr;     // null while no stretch plays
    const std::vector<core::Routine>* routines = nullptr;
    const core::RoutinePlayer* routinePlayer = nullptr;
    const core::Scene* compareScene = nullptr;  // right vs wrong: the mistake demo's scene
    const core::SafetyReport* compareSafety = nullptr;
};

}  // namespace ra::app
