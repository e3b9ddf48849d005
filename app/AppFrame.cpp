// AppFrame: one frame of the window (input, UI, commands, update, draw) and command handling.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "App.h"
#include "cli/ProcessClock.h"
#include "ui/Panels.h"

namespace ra::app {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// Keys that always mean the same command (Page Up/Down come from presentation clickers).
struct KeyCommand {
    int key;
    bool ctrl;
    Command command;
};
const KeyCommand kFixedKeys[] = {
    {GLFW_KEY_SPACE, false, cmd::TogglePlaying{}},
    {GLFW_KEY_R, false, cmd::ResetView{}},
    {GLFW_KEY_HOME, false, cmd::ResetView{}},
    {GLFW_KEY_H, false, cmd::ToggleUi{}},
    {GLFW_KEY_X, false, cmd::ToggleXray{}},
    {GLFW_KEY_M, false, cmd::CycleMarks{}},
    {GLFW_KEY_F1, false, cmd::ToggleHelp{}},
    {GLFW_KEY_F11, false, cmd::ToggleFullscreen{}},
    {GLFW_KEY_Q, true, cmd::Quit{}},
    {GLFW_KEY_LEFT, false, cmd::StepTime{-1.0}},
    {GLFW_KEY_PAGE_UP, false, cmd::StepPhase{-1}},
    {GLFW_KEY_RIGHT, false, cmd::StepTime{1.0}},
    {GLFW_KEY_PAGE_DOWN, false, cmd::StepPhase{1}},
    {GLFW_KEY_F5, false, cmd::TogglePresentation{}},
    {GLFW_KEY_L, false, cmd::ToggleLabels{}},
    {GLFW_KEY_O, false, cmd::ToggleOrbit{}},
    {GLFW_KEY_S, false, cmd::MirrorSide{}},
    {GLFW_KEY_F, false, cmd::ToggleFollow{}},
    {GLFW_KEY_Z, false, cmd::FocusRegion{-1}},
    {GLFW_KEY_1, false, cmd::SetView{core::ViewPreset::Front}},
    {GLFW_KEY_2, false, cmd::SetView{core::ViewPreset::Back}},
    {GLFW_KEY_3, false, cmd::SetView{core::ViewPreset::Left}},
    {GLFW_KEY_4, false, cmd::SetView{core::ViewPreset::Right}},
    {GLFW_KEY_5, false, cmd::SetView{core::ViewPreset::Top}},
    {GLFW_KEY_6, false, cmd::SetView{core::ViewPreset::ThreeQuarter}},
};

}  // namespace

void App::frame() {
    const double now = m_clock();
    const double dt = std::clamp(now - m_lastTime, 0.0, 0.1);
    m_lastTime = now;
    std::vector<InputEvent> events = m_window->takeEvents();
    if (!events.empty()) m_redrawFrames = std::max(m_redrawFrames, 3);

    const glm::ivec2 fb = m_window->framebufferSize();
    if (fb.x <= 0 || fb.y <= 0) return;  // minimised or zero-size: nothing to draw into
    if (fb != m_lastFramebuffer) {
        // A new size (full screen, presentation, a resize): frame again unless the user has
        // moved the camera themselves.
        m_lastFramebuffer = fb;
        if (!m_viewTouched) {
            resetView();
            m_rig.snap();  // a window being resized should not restart an animation each frame
        }
    }
    if (std::abs(wantedCaptionPx() - m_ui.captionPx) > 1.0f) m_fontsDirty = true;  // resized
    if (m_fontsDirty) rebuildFonts();

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    std::vector<Command> commands;
    routeInput(events, commands);
    updateHover();
    drawPanels(commands);
    m_ui.showAnatomy = false;
    if (!commands.empty()) m_redrawFrames = std::max(m_redrawFrames, 3);
    for (const auto& c : commands) apply(c);
    m_scene.update(dt);
    if (m_scene.refine()) m_redrawFrames = std::max(m_redrawFrames, 1);  // exact travel arrived
    updateRoutine(dt);
    updateCompare(dt);
    saveSettingsWhenSettled(dt);
    if (sceneMoves()) m_effectTime += float(dt);
    if (m_ui.orbiting) m_rig.orbit(float(dt) * 24.0f, 0.0f);
    updateCamera(dt);
    updateSafety();
    updateLabels();
    drawRegionLabels(m_labels);

    drawScene(fb);
    ImGui::Render();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    m_window->swapBuffers();
    if (m_redrawFrames > 0) --m_redrawFrames;
    if (!m_firstFrameShown) {
        m_firstFrameShown = true;
        m_ui.firstFrameMs = msSinceProcessStart();
        std::cout << "roller-atlas: first frame " << int(m_ui.firstFrameMs) << " ms after launch ("
                  << m_renderer->glRenderer() << ")" << std::endl;
    }
}

void App::drawPanels(std::vector<Command>& commands) {
    PanelContext ctx{m_scene, m_content.diags, m_content.modelPath, m_ui};
    ctx.library = m_content.library.get();
    ctx.safety = m_scene.stretch() ? &m_safety : nullptr;
    ctx.routines = &m_routines;
    ctx.routinePlayer = &m_routinePlayer;
    if (m_compareScene) {
        ctx.compareScene = m_compareScene.get();
        ctx.compareSafety = &m_compareSafety;
        drawCompareCaptions(ctx, commands);
        drawTransportBar(ctx, commands);
        drawDiagnosticsPanel(ctx);
    } else if (m_ui.presenting) {
        if (!m_ui.blank) drawPresentationBand(ctx);
    } else if (m_ui.showPanels) {
        drawLibraryPanel(ctx, commands);
        drawCuePanel(ctx, commands);
        drawTransportBar(ctx, commands);
        drawDiagnosticsPanel(ctx);
    }
    if (!m_ui.presenting && !m_compareScene) drawRegionTooltip(ctx);
    if (!m_ui.blank) drawHelpPanel(ctx, commands);
}

void App::drawScene(glm::ivec2 fb) {
    if (m_ui.blank) {
        m_renderer->clear(fb.x, fb.y, glm::vec3(0.0f));
        return;
    }
    // Centre the picture in the area right of the panel (the lens shift follows panel toggles).
    const glm::vec2 panels = panelFractions();
    m_rig.setLensShift(panels.x - panels.y, bandFraction());
    gfx::FrameView v = gfx::frameViewFor(m_scene, m_rig.camera(), fb.x, fb.y);
    const bool moving = sceneMoves() || m_dragButton >= 0 || m_ui.orbiting || m_rig.moving();
    // The very first picture skips multisampling so it appears sooner; the next frame is crisp.
    const bool fast = !m_firstFrameShown || (moving && !m_ui.smoothEdgesWhileMoving);
    v.msaaSamples = fast ? 1 : 0;
    m_frameMarks = m_marks;
    addPickMarks();
    if (m_compareScene) {
        drawCompare(fb, v.msaaSamples);
        return;
    }
    v.regions = m_frameMarks;
    v.xray = m_ui.xray;
    v.skinOpacity = m_ui.skinOpacity;
    v.skinColor = skinColour();
    v.effectTime = m_effectTime;
    if (!m_firstFrameShown) m_redrawFrames = std::max(m_redrawFrames, 2);
    if (m_wasMoving && !moving) m_redrawFrames = std::max(m_redrawFrames, 1);  // the crisp still
    m_wasMoving = moving;
    m_renderer->render(v);
}

void App::routeInput(const std::vector<InputEvent>& events, std::vector<Command>& out) {
    const ImGuiIO& io = ImGui::GetIO();
    const glm::ivec2 fb = m_window->framebufferSize();
    const glm::ivec2 ws = m_window->windowSize();
    const float pxPerUnit = ws.y > 0 ? float(fb.y) / float(ws.y) : 1.0f;
    for (const auto& e : events) {
        switch (e.type) {
            case InputEvent::Type::MouseButton:
                if (e.action == GLFW_PRESS && !io.WantCaptureMouse && m_dragButton < 0) {
                    m_dragButton = e.button;
                    m_lastCursor = m_pressAt = {e.x, e.y};
                } else if (e.action == GLFW_RELEASE && e.button == m_dragButton) {
                    m_dragButton = -1;
                    m_hoverDirty = true;
                    if (e.button == GLFW_MOUSE_BUTTON_LEFT && !m_ui.presenting)
                        onSceneClick({e.x, e.y}, out);
                }
                break;
            case InputEvent::Type::MouseMove: {
                m_cursor = {e.x, e.y};
                m_cursorInside = e.x >= 0 && e.y >= 0 && e.x < ws.x && e.y < ws.y;
                m_hoverDirty = true;
                glm::dvec2 d = glm::dvec2(e.x, e.y) - m_lastCursor;
                m_lastCursor = {e.x, e.y};
                if (m_dragButton >= 0) m_viewTouched = true;
                if (m_dragButton == GLFW_MOUSE_BUTTON_LEFT)
                    m_rig.orbit(float(d.x), float(d.y));
                else if (m_dragButton == GLFW_MOUSE_BUTTON_RIGHT ||
                         m_dragButton == GLFW_MOUSE_BUTTON_MIDDLE)
                    m_rig.pan(float(d.x) * pxPerUnit, float(d.y) * pxPerUnit, float(fb.y));
                break;
            }
            case InputEvent::Type::Scroll:
                if (!io.WantCaptureMouse) {
                    m_rig.zoom(float(e.y));
                    m_viewTouched = true;
                }
                break;
            case InputEvent::Type::Key:
                if (io.WantCaptureKeyboard || e.action == GLFW_RELEASE) break;
                if (m_ui.presenting)
                    onPresentationKey(e, out);
                else
                    onKey(e, out);
                break;
            case InputEvent::Type::Drop:
                if (!e.paths.empty()) out.push_back(cmd::OpenModel{e.paths.front()});
                break;
        }
    }
}

void App::onKey(const InputEvent& e, std::vector<Command>& out) {
    const bool ctrl = (e.mods & GLFW_MOD_CONTROL) != 0;
    for (const auto& k : kFixedKeys) {
        if (k.key == e.button && (!k.ctrl || ctrl)) {
            out.push_back(k.command);
            return;
        }
    }
    // Keys whose command depends on the current state.
    const bool larger = e.button == GLFW_KEY_KP_ADD || (ctrl && e.button == GLFW_KEY_EQUAL);
    const bool smaller = e.button == GLFW_KEY_KP_SUBTRACT || (ctrl && e.button == GLFW_KEY_MINUS);
    if (e.button == GLFW_KEY_ESCAPE && m_window->fullscreen())
        out.push_back(cmd::ToggleFullscreen{});
    else if (e.button == GLFW_KEY_ESCAPE && m_compareScene)
        out.push_back(cmd::Compare{""});
    else if (e.button == GLFW_KEY_W)
        out.push_back(cmd::Compare{m_compareScene ? "" : defaultMistakeFor()});
    else if (e.button == GLFW_KEY_ESCAPE && m_ui.selectedRegion > 0)
        out.push_back(cmd::SelectRegion{-1});
    else if (e.button == GLFW_KEY_LEFT_BRACKET)
        out.push_back(cmd::SetSpeed{m_scene.speed * 0.5f});
    else if (e.button == GLFW_KEY_RIGHT_BRACKET)
        out.push_back(cmd::SetSpeed{m_scene.speed * 2.0f});
    else if (larger)
        out.push_back(cmd::SetUiScale{m_ui.uiScale * 1.15f});
    else if (smaller)
        out.push_back(cmd::SetUiScale{m_ui.uiScale / 1.15f});
}

void App::apply(const Command& c) {
    std::visit(
        Overloaded{
            [&](const cmd::SetPlaying& x) { m_scene.playing = x.playing; },
            [&](const cmd::TogglePlaying&) { m_scene.playing = !m_scene.playing; },
            [&](const cmd::SetSpeed& x) { m_scene.speed = std::clamp(x.speed, 0.25f, 2.0f); },
            [&](const cmd::SetTime& x) {
                m_scene.setTime(x.seconds);
                if (m_compareScene)
                    m_compareScene->setTime(std::min(x.seconds, m_compareScene->duration()));
            },
            [&](const cmd::StepTime& x) {
                m_scene.playing = false;
                m_scene.setTime(m_scene.time() + x.seconds);
            },
            [&](const cmd::SetView& x) {
                m_ui.view = x.preset;
                resetView();
            },
            [&](const cmd::ResetView&) { resetView(); },
            [&](const cmd::SetUiScale& x) {
                m_ui.uiScale = std::clamp(x.scale, 0.75f, 2.5f);
                m_fontsDirty = true;
            },
            [&](const cmd::ToggleUi&) {
                m_ui.showPanels = !m_ui.showPanels;
                if (!m_viewTouched) resetView();  // the scene takes the room the panels leave
            },
            [&](const cmd::ToggleHelp&) { m_ui.showHelp = !m_ui.showHelp; },
            [&](const cmd::ToggleFullscreen&) { m_window->setFullscreen(!m_window->fullscreen()); },
            [&](const cmd::OpenModel& x) { loadModel(x.path); },
            [&](const cmd::SetSmoothWhileMoving& x) { m_ui.smoothEdgesWhileMoving = x.on; },
            [&](const cmd::ToggleXray&) { m_ui.xray = !m_ui.xray; },
            [&](const cmd::LoadStretch& x) { loadStretch(x.id); },
            [&](const cmd::SetMarks& x) {
                m_ui.marks = x.marks;
                refreshMarks();
            },
            [&](const cmd::CycleMarks&) {
                m_ui.marks = m_ui.marks == cmd::Marks::Focus ? cmd::Marks::All
                             : m_ui.marks == cmd::Marks::All ? cmd::Marks::Off
                                                             : cmd::Marks::Focus;
                refreshMarks();
            },
            [&](const cmd::Quit&) { m_window->requestClose(); },
            [&](const cmd::SelectRegion& x) { selectRegion(x.region); },
            [&](const cmd::TogglePresentation&) { setPresenting(!m_ui.presenting); },
            [&](const cmd::ToggleBlank&) { m_ui.blank = m_ui.presenting && !m_ui.blank; },
            [&](const cmd::ToggleOrbit&) { m_ui.orbiting = !m_ui.orbiting; },
            [&](const cmd::StepPhase& x) { stepPhase(x.direction); },
            [&](const cmd::SetLoop& x) { m_scene.loop = x.loop; },
            [&](const cmd::MirrorSide&) { mirrorSide(); },
            [&](const cmd::SetTheme& x) { setTheme(x.theme); },
            [&](const cmd::ToggleLabels&) { m_ui.labels = !m_ui.labels; },
            [&](const cmd::StartRoutine& x) { startRoutine(x.id); },
            [&](const cmd::StopRoutine&) { m_routinePlayer.stop(); },
            [&](const cmd::StepRoutine& x) { stepRoutine(x.direction); },
            [&](const cmd::SaveRoutine& x) { saveRoutine(x.routine); },
            [&](const cmd::DeleteRoutine& x) { deleteRoutine(x.id); },
            [&](const cmd::Compare& x) { setCompare(x.mistakeId); },
            [&](const cmd::ToggleFollow&) { m_ui.following = !m_ui.following; },
            [&](const cmd::FocusRegion& x) { focusRegion(x.region); },
            [&](const cmd::SetSkinOpacity& x) {
                m_ui.skinOpacity = std::clamp(x.opacity, 0.1f, 0.9f);
                m_ui.xray = true;
            },
            [&](const cmd::SetSkinTone& x) { m_ui.skinTone = x.tone; },
            [&](const cmd::SetBody& x) { setBody(x.body); },
        },
        c);
}

}  // namespace ra::app
