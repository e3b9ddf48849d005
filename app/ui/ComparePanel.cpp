// ComparePanel: the right-vs-wrong view's captions: over each half, RIGHT or WRONG, the stretch,
// its cue now and the live safety status (the mistake side's warning fires as it happens).
#include <imgui.h>

#include <algorithm>

#include "App.h"
#include "core/StretchMotion.h"
#include "ui/Panels.h"
#include "ui/UiParts.h"
#include "ui/UiStyle.h"
#include "ui/UiTrace.h"

namespace ra::app {
namespace {

void caption(const char* id, bool right, const core::Scene& scene, const core::SafetyReport* r,
             ImVec2 pos, float width, float height) {
    const core::StretchMotion* m = scene.stretch();
    if (!m || !scene.stretchFrame()) return;
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Always);
    ImGui::Begin(
        id, nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    chip(right ? "RIGHT" : "WRONG", right ? kColourTarget : kColourNoGo);
    ImGui::SameLine();
    ImGui::TextUnformatted(m->stretch().name.c_str());
    if (ImFont* big = captionFont()) ImGui::PushFont(big);
    ImGui::TextWrapped("%s", scene.stretchFrame()->timeline.cue.c_str());
    if (captionFont()) ImGui::PopFont();
    if (!right && m->stretch().mistake)
        ImGui::TextWrapped("%s", m->stretch().mistake->what.c_str());
    if (r) safetyBlock(scene, *r);
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
