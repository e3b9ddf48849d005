// AppSettings: what the window remembers between runs (settings.json: text size, theme, view,
// layers, speed, the last stretch, the active routine) and the routines (routines.json), both in
// the user's XDG config folder, written atomically; and playing a routine step by step.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "App.h"
#include "cli/Headless.h"

namespace ra::app {
namespace {

constexpr double kSaveDelaySeconds = 1.0;  // settle time before a changed setting is written

const char* themeName(cmd::Theme t) {
    return t == cmd::Theme::Dark ? "dark" : t == cmd::Theme::Projector ? "projector" : "light";
}

cmd::Theme themeFromName(const std::string& name) {
    return name == "dark"        ? cmd::Theme::Dark
           : name == "projector" ? cmd::Theme::Projector
                                 : cmd::Theme::Light;
}

}  // namespace

std::string App::configPath(const char* fileName) const {
    if (m_configDir.empty()) return "";
    return (std::filesystem::path(m_configDir) / fileName).string();
}

void App::loadUserConfig() {
    m_configDir = core::configFolder(m_options.configDir);
    core::Diagnostics diags;
    if (m_configDir.empty()) {
        diags.warning("settings", "",
                      "no config folder (neither XDG_CONFIG_HOME nor HOME is set): settings and "
                      "routines will not be saved");
    } else {
        m_settings = core::loadSettings(configPath(core::kSettingsFileName), diags);
    }
    if (m_content.library)
        m_routines =
            core::loadRoutines(configPath(core::kRoutinesFileName), *m_content.library, diags);
    printDiagnostics(diags);
    m_content.diags.append(diags);
    m_savedSettings = m_settings;
}

// The saved settings, except where the command line says otherwise.
void App::applySettings() {
    const core::Settings& s = m_settings;
    if (m_options.uiScale <= 0.0f) m_ui.uiScale = s.uiScale;
    m_ui.theme = themeFromName(s.theme);
    if (!m_options.viewGiven)
        if (auto v = core::viewPresetFromName(s.view)) m_options.view = *v;
    m_ui.showPanels = s.showPanels;
    m_ui.xray = m_options.xray || s.xray;
    m_ui.labels = s.labels;
    m_ui.skinOpacity = s.skinOpacity < 1.0f ? s.skinOpacity : m_ui.skinOpacity;
    m_ui.skinTone = s.skinTone;
    m_scene.speed = std::clamp(s.speed, 0.25f, 2.0f);
    m_scene.loop = s.loop;
}

core::Settings App::currentSettings() const {
    core::Settings s = m_settings;  // keeps what this window does not change (skin tone, ...)
    s.uiScale = m_ui.uiScale;
    s.theme = themeName(m_ui.presenting ? m_themeBeforePresenting : m_ui.theme);
    s.view = core::viewPresetName(m_ui.view);
    s.showPanels = m_ui.showPanels;
    s.xray = m_ui.xray;
    s.labels = m_ui.labels;
    s.skinOpacity = m_ui.skinOpacity;
    s.skinTone = m_ui.skinTone;
    s.body = m_ui.body;
    s.speed = m_scene.speed;
    s.loop = m_scene.loop;
    if (const core::StretchMotion* m = m_scene.stretch()) s.lastStretch = m->stretch().id;
    s.routine = m_routinePlayer.active() ? m_routinePlayer.routine().id : "";
    return s;
}

// Writes settings.json once a change has settled for a second (a slider drag is one write), or
// at once when `now` is set (quitting).
void App::saveSettingsWhenSettled(double dt, bool now) {
    if (m_configDir.empty()) return;
    const core::Settings s = currentSettings();
    if (s == m_savedSettings) {
        m_settingsDirtyFor = -1.0;
        return;
    }
    m_settingsDirtyFor = m_settingsDirtyFor < 0.0 ? 0.0 : m_settingsDirtyFor + dt;
    if (!now && m_settingsDirtyFor < kSaveDelaySeconds) return;
    std::string error;
    if (!core::saveSettings(configPath(core::kSettingsFileName), s, error)) {
        std::cerr << "roller-atlas: " << error << "\n";
        m_content.diags.error(configPath(core::kSettingsFileName), "", error);
    }
    m_savedSettings = s;  // once reported, not retried every frame
    m_settingsDirtyFor = -1.0;
}

void App::saveRoutines() {
    std::string error;
    if (m_configDir.empty()) return;
    if (!core::saveRoutines(configPath(core::kRoutinesFileName), m_routines, error)) {
        std::cerr << "roller-atlas: " << error << "\n";
        m_content.diags.error(configPath(core::kRoutinesFileName), "", error);
    }
}

void App::startRoutine(const std::string& id) {
    auto it = std::find_if(m_routines.begin(), m_routines.end(),
                           [&](const core::Routine& r) { return r.id == id; });
    if (it == m_routines.end()) {
        std::cerr << "roller-atlas: no routine \"" << id << "\"\n";
        return;
    }
    m_routinePlayer.start(*it);
    if (!m_routinePlayer.active()) return;
    std::cout << "roller-atlas: routine " << id << " started" << std::endl;
    m_scene.loop = true;  // a stretch repeats until its step's time is up
    loadStretch(m_routinePlayer.stretch());
    m_scene.playing = true;
}

// The routine's clock runs with the stretch (paused together); a new step loads its stretch.
void App::updateRoutine(double dt) {
    if (!m_routinePlayer.active()) return;
    const bool running = m_scene.playing && !m_routinePlayer.finished();
    if (running && m_routinePlayer.update(dt * m_scene.speed)) {
        loadStretch(m_routinePlayer.stretch());
        m_scene.playing = true;
    }
    if (m_routinePlayer.finished() && m_scene.playing) {
        m_scene.playing = false;
        std::cout << "roller-atlas: routine " << m_routinePlayer.routine().id << " finished"
                  << std::endl;
    }
}

void App::stepRoutine(int direction) {
    if (!m_routinePlayer.active()) return;
    const bool changed = direction > 0 ? m_routinePlayer.next() : m_routinePlayer.previous();
    if (changed) loadStretch(m_routinePlayer.stretch());
}

void App::saveRoutine(core::Routine routine) {
    if (routine.builtIn || routine.steps.empty()) return;
    if (routine.id.empty()) routine.id = core::routineIdFor(routine.name, m_routines);
    auto it = std::find_if(m_routines.begin(), m_routines.end(),
                           [&](const core::Routine& r) { return r.id == routine.id; });
    if (it != m_routines.end())
        *it = std::move(routine);
    else
        m_routines.push_back(std::move(routine));
    saveRoutines();
}

void App::deleteRoutine(const std::string& id) {
    if (m_routinePlayer.active() && m_routinePlayer.routine().id == id) m_routinePlayer.stop();
    m_routines.erase(
        std::remove_if(m_routines.begin(), m_routines.end(),
                       [&](const core::Routine& r) { return r.id == id && !r.builtIn; }),
        m_routines.end());
    saveRoutines();
}

}  // namespace ra::app
