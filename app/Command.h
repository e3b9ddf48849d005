// Command: what panels and key bindings ask for. The App applies them in one place, so the scene
// and view change only there (the single mutation point of a frame).
#pragma once

#include <string>
#include <variant>

#include "core/OrbitCamera.h"
#include "core/Routine.h"

namespace ra::app::cmd {

struct SetPlaying {
    bool playing;
};
struct TogglePlaying {};
struct SetSpeed {
    float speed;
};
struct SetTime {
    double seconds;
};
struct StepTime {
    double seconds;
};
struct SetView {
    core::ViewPreset preset;
};
struct ResetView {};
struct SetUiScale {
    float scale;
};
struct ToggleUi {};
struct ToggleHelp {};
struct ToggleFullscreen {};
struct OpenModel {
    std::string path;
};
struct SetSmoothWhileMoving {
    bool on;
};
struct ToggleXray {};
struct LoadStretch {
    std::string id;
};
// Which anatomy regions are marked: the focus set (the stretch's targets and zones, or
// --highlight), every labelled region, or none.
enum class Marks { Focus, All, Off };
struct SetMarks {
    Marks marks;
};
struct CycleMarks {};
struct Quit {};
// Select a labelled region (index into ModelData::regions); -1 clears the selection.
struct SelectRegion {
    int region;
};
// Presentation mode: full screen, panels hidden but a large caption band.
struct TogglePresentation {};
struct ToggleBlank {};  // presentation: black screen (B), any step key brings it back
struct ToggleOrbit {};  // presentation: the camera circles slowly
// Jump to the start of the next (+1) or previous (-1) step of the stretch.
struct StepPhase {
    int direction;
};
struct SetLoop {
    bool loop;
};
// Jump to the same moment on the stretch's other side (two-sided stretches).
struct MirrorSide {};
enum class Theme { Light, Dark, Projector };
struct SetTheme {
    Theme theme;
};
struct ToggleLabels {};
// "Right vs wrong": the stretch beside one of its mistake demos (the demo's id; "" ends it).
struct Compare {
    std::string mistakeId;
};
// The x-ray skin's opacity where it faces the viewer (0.1 .. 0.9).
struct SetSkinOpacity {
    float opacity;
};
struct SetSkinTone {
    std::string tone;  // light | medium | tan | dark
};
// The figure: "adult" (1.75 m) or "female" (1.63 m); the current stretch plays on.
struct SetBody {
    std::string body;
};
struct ToggleFollow {};  // the camera's target follows the roller
// Eases the camera to frame a labelled region (index into ModelData::regions); -1: the
// selected region, else the stretch's first target.
struct FocusRegion {
    int region;
};
struct StartRoutine {
    std::string id;
};
struct StopRoutine {};
struct StepRoutine {
    int direction;
};
// Adds or replaces (same id) a custom routine and writes routines.json.
struct SaveRoutine {
    core::Routine routine;
};
struct DeleteRoutine {
    std::string id;
};

}  // namespace ra::app::cmd

namespace ra::app {

using Command =
    std::variant<cmd::SetPlaying, cmd::TogglePlaying, cmd::SetSpeed, cmd::SetTime, cmd::StepTime,
                 cmd::SetView, cmd::ResetView, cmd::SetUiScale, cmd::ToggleUi, cmd::ToggleHelp,
                 cmd::ToggleFullscreen, cmd::OpenModel, cmd::SetSmoothWhileMoving, cmd::ToggleXray,
                 cmd::SetMarks, cmd::CycleMarks, cmd::LoadStretch, cmd::Quit, cmd::SelectRegion,
                 cmd::TogglePresentation, cmd::ToggleBlank, cmd::ToggleOrbit, cmd::StepPhase,
                 cmd::SetLoop, cmd::MirrorSide, cmd::SetTheme, cmd::ToggleLabels, cmd::StartRoutine,
                 cmd::StopRoutine, cmd::StepRoutine, cmd::SaveRoutine, cmd::DeleteRoutine,
                 cmd::Compare, cmd::SetSkinOpacity, cmd::SetSkinTone, cmd::SetBody,
                 cmd::ToggleFollow, cmd::FocusRegion>;

}  // namespace ra::app
