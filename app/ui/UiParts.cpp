// UiParts: shared drawing helpers (see UiParts.h).
#include "ui/UiParts.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/Panels.h"
#include "ui/UiStyle.h"
#include "ui/UiTrace.h"

namespace ra::app {

void chip(const char* text, unsigned colour) {
    const ImVec2 size = ImGui::CalcTextSize(text);
    const float pad = ImGui::GetFontSize() * 0.3f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + size.x + pad * 2, p.y + size.y + 2), colour, pad);
    dl->AddText(ImVec2(p.x + pad, p.y + 1), IM_COL32_WHITE, text);
    ImGui::Dummy(ImVec2(size.x + pad * 2, size.y + 2));
}

std::string clockText(double seconds) {
    const int s = int(std::floor(std::max(0.0, seconds)));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
    return buf;
}

SafetyLook safetyLook(core::SafetyLevel level) {
    if (level == core::SafetyLevel::NoGo) return {"NO-GO", kColourNoGo};
    if (level == core::SafetyLevel::Caution) return {"CAUTION", kColourCaution};
    return {"OK", kColourTarget};
}

std::string safetyPlace(const core::Scene& scene, const core::SafetyReport& r) {
    std::string where = r.region.empty() ? "skin" : regionName(scene, r.region);
    if (!r.vertebra.empty()) where += " (" + r.vertebra + ")";
    return where;
}

void safetyBlock(const core::Scene& scene, const core::SafetyReport& r) {
    if (!r.inContact) {
        ImGui::TextDisabled("Roller: not touching");
        return;
    }
    const SafetyLook look = safetyLook(r.level);
    const std::string where = safetyPlace(scene, r);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(look.colour), "%s", look.word);
    ImGui::SameLine();
    ImGui::TextWrapped("Roller on: %s", where.c_str());
    if (!r.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(look.colour));
        ImGui::TextWrapped("%s", r.message.c_str());
        ImGui::PopStyleColor();
    }
}

}  // namespace ra::app
