// Panels: each panel reads the PanelContext and appends the commands the user asked for.
#pragma once

#include <vector>

#include "Command.h"
#include "ui/PanelContext.h"

namespace ra::app {

// A section title with a rule under it (ImGui 1.86 has no SeparatorText).
void sectionTitle(const char* text);

// Width of the control panel including its margins, in ImGui units (window coordinates): 25 em,
// but never more than 40% of a small window. The camera centres the scene in what is left.
float controlPanelWidth(float em, float displayWidth);

void drawControlPanel(const PanelContext& ctx, std::vector<Command>& out);
void drawDiagnosticsPanel(const PanelContext& ctx);
void drawHelpPanel(const PanelContext& ctx, std::vector<Command>& out);
void drawStretchPanel(const PanelContext& ctx, std::vector<Command>& out);

}  // namespace ra::app
