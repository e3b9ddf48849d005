// Options: the parsed command line shared by every command (the window, render, check, bench).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/OrbitCamera.h"

namespace ra::app {

// The image size of render (and so of pick) when --size is not given.
inline constexpr int kRenderWidth = 1280, kRenderHeight = 720;

struct Options {
    std::string command = "run";  // run, render, pick, check, bench, list, audit, help, version
    std::string assetsDir;        // --assets, else ROLLER_ATLAS_ASSETS, else searched
    std::string modelPath;        // --model: any rigged glTF instead of the default figure
    std::string outPath;          // render --out
    int width = 0, height = 0;    // --size WxH (0 = command default)
    core::ViewPreset view = core::ViewPreset::ThreeQuarter;
    bool viewGiven = false;   // --view was on the command line (it wins over the saved view)
    double time = 0.0;        // render, pick --time
    int frames = 200;         // bench --frames
    int warmup = 10;          // bench --warmup
    int msaa = 4;             // --msaa N (1 disables)
    bool fullscreen = false;  // run --fullscreen
    bool paused = false;      // run --paused
    bool present = false;     // run --present: presentation mode
    std::string configDir;    // --config DIR: settings and routines (else XDG)
    float uiScale = 0.0f;     // run --ui-scale (0 = from the monitor)
    std::string pose;         // run, render, pick --pose: a built-in pose, not the clip
    std::vector<std::string> highlight;  // render --highlight: region ids to mark
    bool xray = false;                   // render --xray
    bool json = false;                   // check, list, audit --json: the report as one JSON object
    std::string stretch;                 // run, render, pick, audit --stretch: a stretch id
    bool framesGiven = false;            // render --frames N: a PNG sequence into the --out folder
    double fps = 10.0;                   // render --fps
    int atX = -1, atY = -1;              // pick --at X,Y: a pixel from the top-left (-1: none)
};

// Parses argv. On a usage error returns nullopt and sets `error` to a message naming the argument.
std::optional<Options> parseOptions(const std::vector<std::string>& args, std::string& error);

const char* usageText();

}  // namespace ra::app
