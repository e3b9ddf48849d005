// UiStyle: the look of the panels (a light theme readable on a projector) and the TrueType font,
// found on the system with the built-in font as a fallback.
#pragma once

#include <string>

#include "Command.h"

struct ImFont;

namespace ra::app {

// The cue caption is this much larger than the panel text, so it reads across a room.
inline constexpr float kCaptionScale = 1.6f;

// Rebuilds the font atlas at `pixelSize`: the panel font, the caption font and, when
// `presentationPx` > 0, the presentation band's font at that size. Returns the font file used, or
// "" for the fallback.
std::string loadUiFont(float pixelSize, float presentationPx = 0.0f);
// The caption font (null before the atlas is built).
ImFont* captionFont();
// The presentation band's font (null when the atlas was built without it).
ImFont* presentationFont();
// Light (the default), dark, or projector: black on white with bold accents and thick frames.
void applyUiStyle(float scale, cmd::Theme theme = cmd::Theme::Light);

// Okabe-Ito colours the panels use for meanings (always with a word beside them).
inline constexpr unsigned kColourTarget = 0xFFB27200;   // #0072B2 as ImU32 (ABGR)
inline constexpr unsigned kColourCaution = 0xFF009FE6;  // #E69F00
inline constexpr unsigned kColourNoGo = 0xFF005ED5;     // #D55E00
inline constexpr unsigned kColourNeutral = 0xFF808080;

}  // namespace ra::app
