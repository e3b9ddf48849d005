// Settings: what the viewer remembers between runs (settings.json in the config folder): UI
// scale and theme, the last stretch and view, the display toggles and playback speed.
#pragma once

#include <string>
#include <vector>

#include "core/Diagnostics.h"

namespace ra::core {

// Ranges the loader enforces; the UI's sliders use the same ones.
inline constexpr float kMinUiScale = 0.75f, kMaxUiScale = 2.5f;
inline constexpr float kMinSkinOpacity = 0.2f, kMaxSkinOpacity = 1.0f;
inline constexpr float kMinSpeed = 0.25f, kMaxSpeed = 2.0f;
inline constexpr int kSettingsVersion = 1;  // the "version" settingsJson() writes
inline constexpr const char* kSettingsFileName = "settings.json";

struct Settings {
    float uiScale = 1.0f;                // kMinUiScale .. kMaxUiScale
    std::string theme = "light";         // one of themeNames()
    std::string lastStretch;             // stretch id, "" = the default
    std::string view = "three-quarter";  // a camera preset name (viewPresetFromName)
    bool showPanels = true;
    bool xray = false;
    float skinOpacity = 1.0f;         // kMinSkinOpacity .. kMaxSkinOpacity
    std::string skinTone = "medium";  // one of skinToneNames()
    std::string body = "adult";       // one of bodyNames()
    float speed = 1.0f;               // kMinSpeed .. kMaxSpeed
    bool loop = true;
    bool labels = true;   // labels with leader lines
    std::string routine;  // id of the active routine, "" = none

    bool operator==(const Settings&) const = default;
};

const std::vector<std::string>& themeNames();     // "light", "dark", "projector"
const std::vector<std::string>& skinToneNames();  // "light", "medium", "tan", "dark"
const std::vector<std::string>& bodyNames();      // "adult", "female"

// The folder settings.json and routines.json live in: `override` when not empty (--config), else
// $XDG_CONFIG_HOME/roller-atlas when XDG_CONFIG_HOME is set and absolute (the XDG spec says to
// ignore a relative one), else $HOME/.config/roller-atlas when HOME is set and absolute; "" when
// none can be determined (the app then runs without saving).
std::string configFolder(const std::string& override);

// Reads settings.json. A missing file gives the defaults and no diagnostic. Problems are
// diagnostics naming the file and the JSON pointer:
// - a file that cannot be read or parsed, is not an object, or has a "version" newer than
//   kSettingsVersion is set aside (renamed "settings.json.corrupt-YYYYMMDD-HHMMSS", with "-2",
//   ... when taken; the diagnostic says where it went) and the defaults are used, so that the
//   next save cannot destroy what the user had;
// - a member of the wrong type or out of range is an error and that setting falls back to its
//   default; the other members are kept. The file is not set aside for this: the bad value was
//   reported, and the next save replaces it with the value in use;
// - an unknown member is a warning (a newer version may have written it); it is not kept.
Settings loadSettings(const std::string& path, Diagnostics& diags);

// Writes settingsJson(s) atomically, creating the folder if needed. False with `error` (a
// sentence naming the file) when it cannot; the previous file is then unchanged.
bool saveSettings(const std::string& path, const Settings& s, std::string& error);

// Pretty JSON with "version": kSettingsVersion first, then every setting (snake_case keys), and a
// final newline. Floats are written in their shortest form, so loading gives back the same value.
std::string settingsJson(const Settings& s);

}  // namespace ra::core
