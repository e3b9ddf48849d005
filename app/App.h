// App: owns the window, the UI, the scene, the renderer and the clock, and runs one frame at a
// time: events -> UI -> commands -> scene.update(dt) -> draw -> swap. Draws only when needed.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "Command.h"
#include "Content.h"
#include "cli/Options.h"
#include "core/CameraRig.h"
#include "core/OrbitCamera.h"
#include "core/Routine.h"
#include "core/Scene.h"
#include "core/ScenePicker.h"
#include "core/Settings.h"
#include "platform/Window.h"
#include "renderer/Renderer.h"
#include "ui/PanelContext.h"

namespace ra::app {

inline constexpr float kBaseFontPx = 17.0f;  // panel text at scale 1
// The share of the window height each half's caption box takes in the right-vs-wrong view.
inline constexpr float kCompareHeaderShare = 0.24f;

int runApp(const Options& options);

class App {
public:
    explicit App(Options options, std::function<double()> clock = {});
    ~App();
    int run();

private:
    bool init();
    void frame();
    void drawPanels(std::vector<Command>& commands);
    void drawScene(glm::ivec2 framebuffer);
    void routeInput(const std::vector<InputEvent>& events, std::vector<Command>& out);
    void onKey(const InputEvent& e, std::vector<Command>& out);
    void apply(const Command& c);
    void loadModel(const std::string& path);
    void setBody(const std::string& body);
    glm::vec4 skinColour() const;
    void resetView();
    void frameSubject(float aspect, float heightShare);
    // Eases the camera (follow the roller, transitions) and keeps frames coming while it moves.
    void updateCamera(double dt);
    // World bounds of a labelled region in the pose shown (invalid when it has no skin here).
    core::Bounds regionBounds(int region);
    void focusRegion(int region);
    // The shares of the framebuffer width the left panel and the cue panel cover (0 when hidden).
    glm::vec2 panelFractions() const;
    // The share of the framebuffer height presentation mode's caption band covers (0 otherwise).
    float bandFraction() const;
    void rebuildFonts();
    float wantedCaptionPx() const;  // the presentation caption's font size (0 when not presenting)
    // Recomputes the region marks for the loaded model (after loading or a change of marks).
    void refreshMarks();
    // Plays stretch `id`; an unknown id or a model that cannot play it is reported and the
    // current picture stays.
    void loadStretch(const std::string& id);
    void updateSafety();
    // The clip or stretch is playing (a held --pose never moves, whatever the clip would do).
    bool sceneMoves() const {
        return m_scene.playing && m_scene.duration() > 0.0 && !m_scene.hasFixedPose();
    }
    // Picking (AppPicking.cpp): the region under a window position (-1: none, 0: unlabelled
    // skin), the hover state, clicks on the body, and the hover/selection outlines.
    bool pickable() const;
    core::ScenePicker& picker();
    int regionAt(glm::dvec2 cursor);
    void updateHover();
    void onSceneClick(glm::dvec2 at, std::vector<Command>& out);
    void selectRegion(int region);
    void addPickMarks();
    // Labels (AppLabels.cpp): the skin in world space for the pose shown, and the layout.
    const std::vector<glm::vec3>& shownSkin();
    void updateLabels();
    // Presentation and stepping (AppPresent.cpp).
    void setPresenting(bool on);
    void setTheme(cmd::Theme theme);
    void stepPhase(int direction);
    void mirrorSide();
    void onPresentationKey(const InputEvent& e, std::vector<Command>& out);
    // Right vs wrong (AppCompare.cpp).
    std::string defaultMistakeFor() const;
    void setCompare(const std::string& mistakeId);
    void updateCompare(double dt);
    void drawCompare(glm::ivec2 fb, int msaaSamples);
    float compareShiftY() const;
    // Settings and routines (AppSettings.cpp).
    std::string configPath(const char* fileName) const;
    void loadUserConfig();
    void applySettings();
    core::Settings currentSettings() const;
    void saveSettingsWhenSettled(double dt, bool now = false);
    void saveRoutines();
    void startRoutine(const std::string& id);
    void updateRoutine(double dt);
    void stepRoutine(int direction);
    void saveRoutine(core::Routine routine);
    void deleteRoutine(const std::string& id);

    Options m_options;
    std::function<double()> m_clock;
    std::unique_ptr<Window> m_window;
    std::unique_ptr<gfx::Renderer> m_renderer;
    LoadedContent m_content;
    core::Scene m_scene;
    // The camera, with eased moves and following the roller; a close-up leaves room around the
    // region so the body stays recognisable.
    core::CameraRig m_rig{core::CameraRigTuning{0.6f, 0.12f, 1.9f, 0.6f}};
    UiState m_ui;
    core::RegionStates m_marks;       // the focus marks (stretch, --highlight, all, selection)
    core::RegionStates m_frameMarks;  // m_marks plus this frame's hover and selection outlines
    core::SafetyReport m_safety;      // what the roller is under, for the stretch panel
    uint64_t m_safetyRevision = 0;
    float m_effectTime = 0.0f;  // drives the target glow's pulse; advances only while playing
    bool m_imguiReady = false;
    bool m_fontsDirty = true;
    int m_redrawFrames = 3;  // frames still to draw after the last change (ImGui settles)
    double m_lastTime = 0.0;
    bool m_firstFrameShown = false;
    bool m_wasMoving = false;  // last frame was drawn as motion (maybe without multisampling)
    // Camera drag state: which button started the drag and where the cursor was last.
    int m_dragButton = -1;
    glm::dvec2 m_lastCursor{0.0};
    bool m_viewTouched = false;  // orbited, panned or zoomed since the last framing
    glm::ivec2 m_lastFramebuffer{0};
    // Picking: the skin in world space for the scene revision it was skinned at, the cursor
    // (window coordinates) and whether it moved since the last pick, where a press began.
    std::unique_ptr<core::ScenePicker> m_picker;  // the body's skin in the pose shown, with a BVH
    std::shared_ptr<const core::BodySurface> m_pickerSurface;
    uint64_t m_hoverRevision = 0;
    glm::dvec2 m_cursor{0.0};
    bool m_cursorInside = false;
    bool m_hoverDirty = false;
    glm::dvec2 m_pressAt{0.0};
    // Right vs wrong: the mistake demo's scene beside the main one (null when not comparing).
    std::unique_ptr<core::Scene> m_compareScene;
    core::RegionStates m_compareMarks;
    core::LabelLayout m_labelLayout;    // last frame's, for the layout's hysteresis
    std::vector<RegionLabel> m_labels;  // what is drawn this frame
    core::SafetyReport m_compareSafety;
    uint64_t m_compareSafetyRevision = 0;
    // The config folder ("" when there is none), the settings in use and as last written, how
    // long a change has waited to be written (-1: nothing waiting), the routines.
    std::string m_configDir;
    core::Settings m_settings;
    core::Settings m_savedSettings;
    double m_settingsDirtyFor = -1.0;
    std::vector<core::Routine> m_routines;
    core::RoutinePlayer m_routinePlayer;
    // What presentation mode changed, to restore when it ends.
    bool m_fullscreenBeforePresenting = false;
    cmd::Theme m_themeBeforePresenting = cmd::Theme::Light;
};

}  // namespace ra::app
