// UiParts: small pieces several panels draw the same way: a coloured chip with a word, a clock
// ("1:05"), and how a safety level reads (word and colour) with the place under the roller.
#pragma once

#include <string>

#include "core/SafetyMonitor.h"
#include "core/Scene.h"

namespace ra::app {

// A rounded chip in `colour` (ImU32) with white `text`, on the current line.
void chip(const char* text, unsigned colour);
// "m:ss", whole seconds rounded down (a countdown never shows 0:00 before it ends).
std::string clockText(double seconds);

struct SafetyLook {
    const char* word;  // OK, CAUTION, NO-GO
    unsigned colour;   // ImU32, Okabe-Ito
};
SafetyLook safetyLook(core::SafetyLevel level);
// "Thoracic spine and erectors (T8)": the region's name and the vertebral level where known.
std::string safetyPlace(const core::Scene& scene, const core::SafetyReport& r);
// The report as a block: the word in its colour, where, and the advice; "not touching" greyed.
void safetyBlock(const core::Scene& scene, const core::SafetyReport& r);

}  // namespace ra::app
