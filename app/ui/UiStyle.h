// UiStyle: the look of the panels (a light theme readable on a projector) and the TrueType font,
// found on the system with the built-in font as a fallback.
#pragma once

#include <string>

struct ImFont;

namespace ra::app {

// The cue caption is this much larger than the panel text, so it reads across a room.
inline constexpr float kCaptionScale = 1.6f;

// Rebuilds the font atlas at `pixelSize` (the panel font, then the caption font). Returns the
// font file used, or "" for the fallback.
std::string loadUiFont(float pixelSize);
// The caption font (null before the atlas is built).
ImFont* captionFont();
void applyUiStyle(float scale);

}  // namespace ra::app
