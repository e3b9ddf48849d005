// Settings: the config folder's location, and settings.json read member by member (a bad value
// falls back to its default alone) and written in a fixed, readable order.
#include "core/Settings.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>

#include "core/ConfigFile.h"
#include "core/OrbitCamera.h"

namespace ra::core {

namespace {

constexpr const char* kAppFolder = "roller-atlas";

const std::vector<std::string>& viewNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (ViewPreset p : {ViewPreset::Front, ViewPreset::Back, ViewPreset::Left,
                             ViewPreset::Right, ViewPreset::Top, ViewPreset::ThreeQuarter})
            out.push_back(viewPresetName(p));
        return out;
    }();
    return names;
}

std::string inQuotes(const std::string& s) {
    std::string out = "\"";
    out += s;
    out += '"';
    return out;
}

// The shortest decimal that reads back as the same float, as a double ("0.9", not 0.899999976).
double shortest(float v) {
    char buf[32];
    const auto written = std::to_chars(buf, buf + sizeof buf, v);
    double d = v;
    std::from_chars(buf, written.ptr, d);
    return d;
}

// Reads one member at a time; a member's problems end with "the default X is used".
class SettingsReader {
public:
    SettingsReader(const std::string& file, const Json& doc, Diagnostics& diags)
        : m_file(file), m_doc(doc), m_diags(diags) {}

    void number(const char* key, float lo, float hi, float& out) {
        const double fallback = shortest(out);
        check(formatNumber(fallback), [&](JsonReader& r) {
            double v = fallback;
            if (r.number(m_doc, "", key, v, false) &&
                r.inRange(v, pointerToken(key), shortest(lo), shortest(hi), ""))
                out = float(v);
        });
    }

    void flag(const char* key, bool& out) {
        check(out ? "true" : "false", [&](JsonReader& r) {
            const Json* j = r.member(m_doc, "", key, false);
            if (!j) return;
            if (j->is_boolean())
                out = j->get<bool>();
            else
                r.error(pointerToken(key), "expected true or false");
        });
    }

    // Any string when `names` is empty, else one of them.
    void text(const char* key, const std::vector<std::string>& names, std::string& out) {
        check(inQuotes(out), [&](JsonReader& r) {
            std::string v;
            if (!r.string(m_doc, "", key, v, false) || !m_doc.contains(key)) return;
            if (names.empty() || std::find(names.begin(), names.end(), v) != names.end())
                out = v;
            else
                r.error(pointerToken(key),
                        inQuotes(v) + " is not one of " + joinWords(names, " or "));
        });
    }

private:
    // `read` reports through its JsonReader; the member's problems say the default is used.
    template <typename Read>
    void check(const std::string& fallback, Read read) {
        std::string consequence = "the default ";
        consequence += fallback;
        consequence += " is used";
        readWithConsequence(m_file, m_diags, consequence, [&](JsonReader& r) {
            read(r);
            return true;
        });
    }

    const std::string& m_file;
    const Json& m_doc;
    Diagnostics& m_diags;
};

bool isAbsolute(const char* path) {
    return path && *path && std::filesystem::path(path).is_absolute();
}

}  // namespace

const std::vector<std::string>& themeNames() {
    static const std::vector<std::string> names{"light", "dark", "projector"};
    return names;
}

const std::vector<std::string>& skinToneNames() {
    static const std::vector<std::string> names{"light", "medium", "tan", "dark"};
    return names;
}

const std::vector<std::string>& bodyNames() {
    static const std::vector<std::string> names{"adult", "female"};
    return names;
}

std::string configFolder(const std::string& override) {
    namespace fs = std::filesystem;
    if (!override.empty()) return override;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); isAbsolute(xdg))
        return (fs::path(xdg) / kAppFolder).string();
    if (const char* home = std::getenv("HOME"); isAbsolute(home))
        return (fs::path(home) / ".config" / kAppFolder).string();
    return "";
}

Settings loadSettings(const std::string& path, Diagnostics& diags) {
    Settings s;
    const ConfigRead read = readConfigFile(path, kSettingsVersion, "the defaults are used", diags);
    if (!read.doc) return s;
    const Json& doc = *read.doc;
    SettingsReader r(path, doc, diags);
    r.number("ui_scale", kMinUiScale, kMaxUiScale, s.uiScale);
    r.text("theme", themeNames(), s.theme);
    r.text("last_stretch", {}, s.lastStretch);
    r.text("view", viewNames(), s.view);
    r.flag("show_panels", s.showPanels);
    r.flag("xray", s.xray);
    r.number("skin_opacity", kMinSkinOpacity, kMaxSkinOpacity, s.skinOpacity);
    r.text("skin_tone", skinToneNames(), s.skinTone);
    r.text("body", bodyNames(), s.body);
    r.number("speed", kMinSpeed, kMaxSpeed, s.speed);
    r.flag("loop", s.loop);
    r.flag("labels", s.labels);
    r.text("routine", {}, s.routine);
    JsonReader(path, diags)
        .unknownFields(
            doc, "",
            {"version", "ui_scale", "theme", "last_stretch", "view", "show_panels", "xray",
             "skin_opacity", "skin_tone", "body", "speed", "loop", "labels", "routine"});
    return s;
}

std::string settingsJson(const Settings& s) {
    nlohmann::ordered_json j;
    j["version"] = kSettingsVersion;
    j["ui_scale"] = shortest(s.uiScale);
    j["theme"] = s.theme;
    j["last_stretch"] = s.lastStretch;
    j["view"] = s.view;
    j["show_panels"] = s.showPanels;
    j["xray"] = s.xray;
    j["skin_opacity"] = shortest(s.skinOpacity);
    j["skin_tone"] = s.skinTone;
    j["body"] = s.body;
    j["speed"] = shortest(s.speed);
    j["loop"] = s.loop;
    j["labels"] = s.labels;
    j["routine"] = s.routine;
    // Replacing invalid UTF-8 keeps dump() from throwing on a string the app was handed.
    return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

bool saveSettings(const std::string& path, const Settings& s, std::string& error) {
    return writeConfigFile(path, settingsJson(s), error);
}

}  // namespace ra::core
