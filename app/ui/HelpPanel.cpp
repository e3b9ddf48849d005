// HelpPanel: the mouse and keyboard controls (F1), in large type for a room (the README lists
// the same keys).
#include <imgui.h>

#include "ui/Panels.h"

namespace ra::app {

void drawHelpPanel(const PanelContext& ctx, std::vector<Command>& out) {
    if (!ctx.ui.showHelp) return;
    static constexpr const char* kRows[][2] = {
        {"Move over the body", "name the region under the mouse"},
        {"Click the body", "select it: what it is, the stretches for it (Esc clears)"},
        {"Left drag", "orbit around the body"},
        {"Right / middle drag", "pan"},
        {"Wheel", "zoom"},
        {"R or Home", "reset the view"},
        {"1 - 6", "front, back, left, right, top, three-quarter"},
        {"O", "slow orbit"},
        {"F", "the camera follows the roller"},
        {"Z", "close-up on the selected region (else the target)"},
        {"Space", "play / pause"},
        {"Page Up / Down", "previous / next step"},
        {"Left / Right", "1 s back / forward"},
        {"S", "the same moment on the other side"},
        {"W", "right vs wrong: beside its mistake demo (Esc closes)"},
        {"[ and ]", "slower / faster (0.25x to 2x)"},
        {"Ctrl + / Ctrl -", "larger / smaller text"},
        {"X", "x-ray: see the skeleton through the skin"},
        {"M", "marks: this stretch / all regions / off"},
        {"L", "labels on the target muscles and zones"},
        {"H", "hide the panels (clean view)"},
        {"F5", "presentation mode (also --present)"},
        {"  Page Down, Right, Space", "  next step"},
        {"  Page Up, Left", "  previous step"},
        {"  B", "  blank the screen"},
        {"  P", "  play / pause"},
        {"  Esc", "  leave presentation mode"},
        {"F11", "full screen"},
        {"F1", "this help"},
        {"Ctrl Q", "quit"},
    };
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    bool open = true;
    ImGui::Begin("Controls", &open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
        for (const auto& row : kRows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row[0]);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row[1]);
        }
        ImGui::EndTable();
    }
    ImGui::End();
    if (!open) out.push_back(cmd::ToggleHelp{});
}

}  // namespace ra::app
