// AppPresent: presentation mode (full screen, projector theme, the caption band, clicker keys,
// blanking), the theme, and stepping through a stretch step by step or to its other side.
#include <GLFW/glfw3.h>

#include <algorithm>
#include <iostream>

#include "App.h"
#include "core/StretchMotion.h"

namespace ra::app {

void App::setTheme(cmd::Theme theme) {
    m_ui.theme = theme;
    m_fontsDirty = true;  // rebuilds the style with the fonts
}

void App::setPresenting(bool on) {
    if (on == m_ui.presenting) return;
    m_ui.presenting = on;
    m_ui.blank = false;
    if (on) {
        m_fullscreenBeforePresenting = m_window->fullscreen();
        m_themeBeforePresenting = m_ui.theme;
        if (!m_fullscreenBeforePresenting) m_window->setFullscreen(true);
        setTheme(cmd::Theme::Projector);
    } else {
        m_ui.orbiting = false;
        if (!m_fullscreenBeforePresenting) m_window->setFullscreen(false);
        setTheme(m_themeBeforePresenting);
    }
    std::cout << "roller-atlas: presentation mode " << (on ? "on" : "off") << std::endl;
    resetView();
}

// Clicker keys: Page Down / Right / Space forward, Page Up / Left back, B blanks, Esc leaves.
void App::onPresentationKey(const InputEvent& e, std::vector<Command>& out) {
    switch (e.button) {
        case GLFW_KEY_PAGE_DOWN:
        case GLFW_KEY_RIGHT:
        case GLFW_KEY_SPACE:
        case GLFW_KEY_DOWN:
            if (m_ui.blank) out.push_back(cmd::ToggleBlank{});
            out.push_back(cmd::StepPhase{1});
            break;
        case GLFW_KEY_PAGE_UP:
        case GLFW_KEY_LEFT:
        case GLFW_KEY_UP:
            if (m_ui.blank) out.push_back(cmd::ToggleBlank{});
            out.push_back(cmd::StepPhase{-1});
            break;
        case GLFW_KEY_B:
        case GLFW_KEY_PERIOD:  // many clickers send "." for their blank-screen button
            out.push_back(cmd::ToggleBlank{});
            break;
        case GLFW_KEY_ESCAPE:
        case GLFW_KEY_F5:
            out.push_back(cmd::TogglePresentation{});
            break;
        case GLFW_KEY_P:
            out.push_back(cmd::TogglePlaying{});
            break;
        default:
            onKey(e, out);  // the rest as in the window (views, orbit, text size, ...)
    }
}

// Steps are the timeline's segments. Back goes to the start of the current step, or to the one
// before when already near its start (as a music player does).
void App::stepPhase(int direction) {
    const core::StretchMotion* m = m_scene.stretch();
    if (!m) {
        m_scene.setTime(m_scene.time() + direction);
        return;
    }
    const auto& segs = m->timeline().segments();
    const double t = m_scene.time();
    int i = m->timeline().segmentAt(t);
    if (direction > 0)
        i = i + 1 < int(segs.size()) ? i + 1 : 0;
    else if (t - segs[size_t(i)].start < 1.5)
        i = std::max(0, i - 1);
    m_scene.setTime(segs[size_t(i)].start + 1e-3);
}

void App::mirrorSide() {
    const core::StretchMotion* m = m_scene.stretch();
    if (!m || m->stretch().sides != core::StretchSides::Both) return;
    const auto& segs = m->timeline().segments();
    const double t = m_scene.time();
    const core::TimelineSegment& now = segs[size_t(m->timeline().segmentAt(t))];
    for (const auto& s : segs) {
        if (now.phase < 0 ? (s.phase == 0 && s.side == 1)
                          : (s.phase == now.phase && s.side != now.side)) {
            m_scene.setTime(s.start + std::min(t - now.start, s.end - s.start - 1e-3));
            return;
        }
    }
}

}  // namespace ra::app
