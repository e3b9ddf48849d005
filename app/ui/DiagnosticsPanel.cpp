// DiagnosticsPanel: every content problem (file, place, message), shown while there are any, so a
// broken file is explained on screen instead of silently missing.
#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "ui/Panels.h"

namespace ra::app {

void drawDiagnosticsPanel(const PanelContext& ctx) {
    if (ctx.diags.empty()) return;
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // In the scene area between the side panels, just above the transport bar (click its title
    // to fold it away).
    const float left = controlPanelWidth(em, display.x);
    const float free = display.x - left - cuePanelWidth(em, display.x);
    const float width = std::max(em * 16.0f, std::min(em * 32.0f, free - em));
    ImGui::SetNextWindowPos(ImVec2(left, display.y - transportBarHeight(em)), ImGuiCond_Always,
                            ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, display.y * 0.45f));
    ImGui::Begin("Problems", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    for (const auto& d : ctx.diags.items()) {
        const bool error = d.severity == core::Severity::Error;
        // Vermillion for errors, orange for warnings, and always the word: never colour alone.
        ImGui::PushStyleColor(ImGuiCol_Text, error ? ImVec4(0.72f, 0.25f, 0.0f, 1.0f)
                                                   : ImVec4(0.60f, 0.40f, 0.0f, 1.0f));
        ImGui::TextUnformatted(error ? "error" : "warning");
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::TextUnformatted(std::filesystem::path(d.file).filename().string().c_str());
        // The message line by line, indented under its file, so lists inside it stay lists;
        // then the full path and the place inside the file, quieter.
        ImGui::Indent();
        size_t start = 0;
        while (start <= d.message.size()) {
            size_t end = d.message.find('\n', start);
            if (end == std::string::npos) end = d.message.size();
            ImGui::TextWrapped("%s", d.message.substr(start, end - start).c_str());
            start = end + 1;
        }
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        ImGui::TextWrapped("%s%s%s", d.file.c_str(), d.where.empty() ? "" : "  at ",
                           d.where.c_str());
        ImGui::PopStyleColor();
        ImGui::Unindent();
        ImGui::Spacing();
    }
    ImGui::End();
}

}  // namespace ra::app
