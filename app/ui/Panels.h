// Panels: each panel reads the PanelContext and appends the commands the user asked for. The
// window's layout: the library (tabs: stretches, anatomy, view) on the left, the cue panel on the
// right, the transport bar along the bottom; in presentation mode only the caption band.
#pragma once

#include <string>
#include <vector>

#include "Command.h"
#include "ui/PanelContext.h"

namespace ra::app {

// A section title with a rule under it (ImGui 1.86 has no SeparatorText).
void sectionTitle(const char* text);

// Width of the left panel including its margins, in ImGui units (window coordinates): 25 em,
// but never more than 40% of a small window. The camera centres the scene in what is left.
float controlPanelWidth(float em, float displayWidth);
// Width of the cue panel on the right including its margins.
float cuePanelWidth(float em, float displayWidth);
// Height of the transport bar along the bottom, margins included.
float transportBarHeight(float em);

// The region's name ("Latissimus dorsi (lats)"), or its id when the model does not know it.
std::string regionName(const core::Scene& s, const std::string& id);
// "Name, Name and Name" for region ids; "none" when empty.
std::string regionNames(const core::Scene& s, const std::vector<std::string>& ids);
// A small coloured chip with the stretch's status ("recommended", "caution", "not advised").
void statusChip(const core::Stretch& s);
float statusChipWidth(const core::Stretch& s);

void drawLibraryPanel(const PanelContext& ctx, std::vector<Command>& out);
void drawLibraryTab(const PanelContext& ctx, std::vector<Command>& out);
void drawAnatomyTab(const PanelContext& ctx, std::vector<Command>& out);
void drawViewTab(const PanelContext& ctx, std::vector<Command>& out);
void drawRoutinesTab(const PanelContext& ctx, std::vector<Command>& out);
void drawCuePanel(const PanelContext& ctx, std::vector<Command>& out);
void drawTransportBar(const PanelContext& ctx, std::vector<Command>& out);
void drawPresentationBand(const PanelContext& ctx);
// Right vs wrong: a caption box over each half (name, cue, live safety) and the way out.
void drawCompareCaptions(const PanelContext& ctx, std::vector<Command>& out);
// The name of the region under the mouse (and why not to roll it, over a zone).
void drawRegionTooltip(const PanelContext& ctx);
void drawDiagnosticsPanel(const PanelContext& ctx);
// The labels with their leader lines, over the scene and under the panels.
void drawRegionLabels(const std::vector<RegionLabel>& labels);
void drawHelpPanel(const PanelContext& ctx, std::vector<Command>& out);

// The breathing guide: a circle that fills as the body breathes in, with the word beside it.
void breathingGuide(const core::StretchFrame& f, float radius);

}  // namespace ra::app
