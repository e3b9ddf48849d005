// ComparePanel: the right-vs-wrong view's captions: over each half, RIGHT or WRONG, the stretch,
// its cue now and the live safety status (the mistake side's warning fires as it happens).
#include <imgui.h>

#include <algorithm>

#include "App.h"
#include "core/StretchMotion.h"
#include "ui/Panels.h"
#include "ui/UiStyle.h"
#include "ui/UiTrace.h"

namespace ra::app {
namespace {

void safetyWords(const core::Scene& scene, const core::SafetyReport& r) {
    if (!r.inContact) {
        ImGui::TextDisabled("Roller: not touching");
        return;
    }
    const ImU32 colour = r.level == core::SafetyLevel::NoGo      ? kColourNoGo
                         : r.level == core::SafetyLevel::Caution ? kColourCaution
                                                                 : kColourTarget;
    const char* word = r.level == core::SafetyLevel::NoGo      ? "NO-GO"
                       : r.level == core::SafetyLevel::Caution ? "CAUTION"
                                                               : "OK";
    std::string where = r.region.empty() ? "skin" : regionName(scene, r.region);
    if (!r.vertebra.empty()) where += " (" + r.vertebra + ")";
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
    ImGui::TextWrapped("%s  Roller on: %s", word, where.c_str());
    if (!r.message.empty()) ImGui::TextWrapped("%s", r.message.c_str());
    ImGui::PopStyleColor();
}

void caption(const char* id, bool right, const core::Scene& scene, const core::SafetyReport* r,
             ImVec2 pos, float width, float height) {
    const core::StretchMotion* m = scene.stretch();
    if (!m || !scene.stretchFrame()) return;
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Always);
    ImGui::Begin(
        id, nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    const ImU32 colour = right ? kColourTarget : kColourNoGo;
    const char* word = right ? "RIGHT" : "WRONG";
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize(word);
    const float pad = ImGui::GetFontSize() * 0.35f;
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + size.x + pad * 2, p.y + size.y + pad),
                                              colour, pad);
    ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + pad, p.y + pad * 0.5f), IM_COL32_WHITE, word);
    ImGui::Dummy(ImVec2(size.x + pad * 2, size.y + pad));
    ImGui::SameLine();
    ImGui::TextUnformatted(m->stretch().name.c_str());
    if (ImFont* big = captionFont()) ImGui::PushFont(big);
    ImGui::TextWrapped("%s", scene.stretchFrame()->timeline.cue.c_str());
    if (captionFont()) ImGui::PopFont();
    if (!right && m->stretch().mistake)
        ImGui::TextWrapped("%s", m->stretch().mistake->what.c_str());
    if (r) safetyWords(scene, *r);
    ImGui::End();
}

}  // namespace

void drawCompareCaptions(const PanelContext& ctx, std::vector<Command>& out) {
    if (!ctx.compareScene) return;
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float half = display.x * 0.5f;
    const float height = display.y * kCompareHeaderShare - em * 0.6f;
    caption("##right", true, ctx.scene, ctx.safety, ImVec2(em * 0.6f, em * 0.6f), half - em * 0.9f,
            height);
    caption("##wrong", false, *ctx.compareScene, ctx.compareSafety,
            ImVec2(half + em * 0.3f, em * 0.6f), half - em * 0.9f, height);
    if (ctx.compareSafety && ctx.compareSafety->level == core::SafetyLevel::NoGo)
        traceValue("compare warning", ctx.compareSafety->message);
    // The way out, between the halves at the bottom of the captions.
    ImGui::SetNextWindowPos(ImVec2(half, height + em * 0.9f), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::Begin("##compare-close", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    if (ImGui::Button("Close right vs wrong (Esc)")) out.push_back(cmd::Compare{""});
    ImGui::End();
}

}  // namespace ra::app
