// UiStyle: the look of the panels (a light theme readable on a projector) and the TrueType font,
// found on the system with the built-in font as a fallback.
#pragma once

#include <string>

namespace ra::app {

// Rebuilds the font atlas at `pixelSize`. Returns the font file used, or "" for the fallback.
std::string loadUiFont(float pixelSize);
void applyUiStyle(float scale);

}  // namespace ra::app
