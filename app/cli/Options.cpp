// Options: argument parsing with messages that name the bad argument.
#include "cli/Options.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace ra::app {
namespace {

bool parseSize(const std::string& s, int& w, int& h) {
    auto x = s.find('x');
    if (x == std::string::npos) return false;
    try {
        size_t used = 0;
        w = std::stoi(s.substr(0, x), &used);
        if (used != x) return false;
        h = std::stoi(s.substr(x + 1), &used);
        if (used != s.size() - x - 1) return false;
    } catch (...) {
        return false;
    }
    return w > 0 && h > 0 && w <= 16384 && h <= 16384;
}

template <typename T>
bool parseNumber(const std::string& s, T& out) {
    try {
        size_t used = 0;
        double v = std::stod(s, &used);
        if (used != s.size()) return false;
        out = static_cast<T>(v);
        return true;
    } catch (...) {
        return false;
    }
}

// "X,Y": two whole numbers from 0, as in 640,360.
bool parsePixel(const std::string& s, int& x, int& y) {
    const size_t comma = s.find(',');
    if (comma == std::string::npos) return false;
    const char* end = s.data() + s.size();
    auto [px, ex] = std::from_chars(s.data(), s.data() + comma, x);
    if (ex != std::errc() || px != s.data() + comma) return false;
    auto [py, ey] = std::from_chars(s.data() + comma + 1, end, y);
    return ey == std::errc() && py == end && x >= 0 && y >= 0;
}

bool isCommand(const std::string& a) {
    return a == "run" || a == "render" || a == "pick" || a == "check" || a == "bench" ||
           a == "list" || a == "audit" || a == "help" || a == "version";
}

// What a command needs beyond its options' own checks. Empty when all is well.
std::string checkCommand(const Options& o, const std::string& atText) {
    if (o.command == "render" && o.outPath.empty()) return "render needs --out FILE.png";
    if (o.command != "pick") return "";
    if (atText.empty()) return "pick needs --at X,Y: the pixel to pick, from the top-left corner";
    const int w = o.width > 0 ? o.width : kRenderWidth;
    const int h = o.height > 0 ? o.height : kRenderHeight;
    if (o.atX < w && o.atY < h) return "";
    std::string error = "--at " + atText + ": outside the ";
    error += std::to_string(w) + "x" + std::to_string(h) + " image (x from 0 to ";
    error += std::to_string(w - 1) + ", y from 0 to " + std::to_string(h - 1) + ")";
    return error;
}

}  // namespace

const char* usageText() {
    return R"(Roller Atlas: learn foam-roller stretches for a sore back, in 3D.

usage: roller-atlas [run] [options]          open the window (default); takes --pose,
                                             --highlight and --xray too
       roller-atlas render --out FILE.png [--size WxH] [--view V] [--time SECONDS] [--model FILE]
                           [--pose NAME] [--highlight REGION,...] [--xray]
                           [--stretch ID] [--frames N --fps F]   (N frames from --time into --out DIR)
       roller-atlas pick --at X,Y [--stretch ID --time T | --pose NAME] [--view V] [--size WxH]
                         [--model FILE] [--json]
                           the region under pixel X,Y (from the top-left) of the image render
                           draws with the same options: id, name, kind, vertebral level
       roller-atlas check [--model FILE] [--json]   validate the content, report on the model
       roller-atlas list [--json]                   the stretches: id, name, status, targets, ...
       roller-atlas audit [--stretch ID] [--json]   check every stretch's motion against the limits
       roller-atlas bench [--size WxH] [--frames N] [--model FILE]
       roller-atlas --help | --version

options:
  --assets DIR      the assets folder (else $ROLLER_ATLAS_ASSETS, else searched next to the program)
  --model FILE      show a rigged glTF 2.0 model (.gltf or .glb) instead of the default figure
  --view V          front | back | left | right | top | three-quarter   (default three-quarter)
  --size WxH        image or window size in pixels (render and pick default 1280x720)
  --time SECONDS    the moment to render or pick, or where the window starts
  --msaa N          multisample count, 1 to disable (default 4)
  --frames N        bench: measured frames (default 200, after --warmup N, default 10);
                    render: write N frames (PNG) into the --out folder, from --time on
  --fullscreen      run: start full screen (F11 toggles)
  --present         run: start in presentation mode (full screen, caption band; F5 toggles)
  --config DIR      run: where settings and routines live (default $XDG_CONFIG_HOME/roller-atlas,
                    else ~/.config/roller-atlas)
  --paused          run: start with the animation paused
  --ui-scale S      run: text and panel scale (default from the monitor)
  --at X,Y          pick: the pixel, counted from the image's top-left corner (as in the PNG)
  --json            check, list, audit, pick: print the report as one JSON object
  --stretch ID      run, render, pick, audit: play this stretch (roller-atlas list shows the ids)
  --fps F           render: frames per second of the sequence (default 10)
  --pose NAME       run, render, pick: hold a built-in pose instead of the clip: rest | supine |
                    seated-lean-back | side-lying | prone
  --highlight R,... run, render: mark regions by id (e.g. latissimus_dorsi,lumbar_spine) in the style
                    of their kind: target glows blue, caution gets an orange dashed outline,
                    no-go vermillion hatching
  --xray            run, render: translucent skin over the skeleton

render and bench need no display: they draw through EGL (Mesa's surfaceless platform); pick
draws nothing: it casts a ray through the pixel into the scene render would draw.
)";
}

namespace {

// Flags without a value. False when `a` is not one of them.
bool applyFlag(const std::string& a, Options& o) {
    if (a == "--help" || a == "-h")
        o.command = "help";
    else if (a == "--version")
        o.command = "version";
    else if (a == "--fullscreen")
        o.fullscreen = true;
    else if (a == "--present")
        o.present = true;
    else if (a == "--paused")
        o.paused = true;
    else if (a == "--json")
        o.json = true;
    else if (a == "--xray")
        o.xray = true;
    else
        return false;
    return true;
}

// Numeric options, range-checked.
bool applyNumber(const std::string& a, const std::string& v, Options& o) {
    if (a == "--time") return parseNumber(v, o.time) && o.time >= 0.0;
    if (a == "--frames") return (o.framesGiven = true) && parseNumber(v, o.frames) && o.frames > 0;
    if (a == "--fps") return parseNumber(v, o.fps) && o.fps > 0.0 && o.fps <= 240.0;
    if (a == "--warmup") return parseNumber(v, o.warmup) && o.warmup >= 0;
    if (a == "--msaa") return parseNumber(v, o.msaa) && o.msaa >= 1 && o.msaa <= 16;
    return parseNumber(v, o.uiScale) && o.uiScale > 0.2f && o.uiScale < 8.0f;  // --ui-scale
}

// Options that take a value. Empty when applied, else the message for the user.
std::string applyValue(const std::string& a, const std::string& v, Options& o) {
    if (a == "--assets")
        o.assetsDir = v;
    else if (a == "--model")
        o.modelPath = v;
    else if (a == "--out")
        o.outPath = v;
    else if (a == "--pose")
        o.pose = v;
    else if (a == "--stretch")
        o.stretch = v;
    else if (a == "--config")
        o.configDir = v;
    else if (a == "--highlight") {
        o.highlight.clear();
        size_t start = 0;
        while (start <= v.size()) {
            const size_t comma = std::min(v.find(',', start), v.size());
            if (comma > start) o.highlight.push_back(v.substr(start, comma - start));
            start = comma + 1;
        }
        if (o.highlight.empty())
            return "--highlight " + v + ": expected region ids, e.g. lumbar_spine";
    } else if (a == "--at") {
        if (!parsePixel(v, o.atX, o.atY))
            return "--at " + v + ": expected X,Y, a pixel counted from the top-left, e.g. 640,360";
    } else if (a == "--size") {
        if (!parseSize(v, o.width, o.height))
            return "--size " + v + ": expected WIDTHxHEIGHT between 1 and 16384, e.g. 1280x720";
    } else if (a == "--view") {
        auto p = core::viewPresetFromName(v);
        if (!p)
            return "--view " + v +
                   ": unknown view; use front, back, left, right, top or three-quarter";
        o.view = *p;
        o.viewGiven = true;
    } else if (!applyNumber(a, v, o)) {
        return a + " " + v + ": not a valid value";
    }
    return "";
}

bool takesValue(const std::string& a) {
    for (const char* name : {"--assets", "--model", "--out", "--size", "--view", "--time",
                             "--frames", "--warmup", "--msaa", "--ui-scale", "--pose",
                             "--highlight", "--stretch", "--fps", "--config", "--at"})
        if (a == name) return true;
    return false;
}

}  // namespace

std::optional<Options> parseOptions(const std::vector<std::string>& args, std::string& error) {
    Options o;
    std::string atText;  // as given, for the message when it lies outside the image
    size_t i = 0;
    if (!args.empty() && isCommand(args[0])) o.command = args[i++];
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (applyFlag(a, o)) continue;
        if (!takesValue(a)) {
            error = "unknown argument '" + a + "' (see roller-atlas --help)";
            return std::nullopt;
        }
        if (i + 1 >= args.size()) {
            error = a + " needs a value (see roller-atlas --help)";
            return std::nullopt;
        }
        if (a == "--at") atText = args[i + 1];
        error = applyValue(a, args[++i], o);
        if (!error.empty()) return std::nullopt;
    }
    error = checkCommand(o, atText);
    if (!error.empty()) return std::nullopt;
    return o;
}

}  // namespace ra::app
