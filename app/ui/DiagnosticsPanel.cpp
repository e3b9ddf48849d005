// DiagnosticsPanel: every content problem (file, place, message), shown while there are any, so a
// broken file is explained on screen instead of silently missing.
#include <imgui.h>

#include "ui/Panels.h"

namespace ra::app {

void drawDiagnosticsPanel(const PanelContext& ctx) {
    if (ctx.diags.empty()) return;
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x - em * 0.6f, display.y - em * 0.6f), ImGuiCond_Always,
                            ImVec2(1.0f, 1.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(em * 20, 0), ImVec2(em * 40, display.y * 0.5f));
    ImGui::Begin("Problems", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    for (const auto& d : ctx.diags.items()) {
        const bool error = d.severity == core::Severity::Error;
        // Vermillion for errors, orange for warnings, and always the word: never colour alone.
        ImGui::PushStyleColor(ImGuiCol_Text, error ? ImVec4(0.72f, 0.25f, 0.0f, 1.0f)
                                                   : ImVec4(0.60f, 0.40f, 0.0f, 1.0f));
        ImGui::TextUnformatted(error ? "error" : "warning");
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::TextWrapped("%s%s%s: %s", d.file.c_str(), d.where.empty() ? "" : ": ",
                           d.where.c_str(), d.message.c_str());
    }
    ImGui::End();
}

}  // namespace ra::app
