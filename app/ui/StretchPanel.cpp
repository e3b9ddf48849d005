// StretchPanel: the stretch being played: a picker, what it targets and avoids, the current cue
// in large type, the breathing cue, pressure, source, and the live safety status.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/StretchMotion.h"
#include "ui/Panels.h"
#include "ui/UiStyle.h"

namespace ra::app {
namespace {

// Okabe-Ito: blue for fine, orange for caution, vermillion for no-go; always with the word.
const ImVec4 kOk(0.0f, 0.45f, 0.70f, 1.0f);
const ImVec4 kCaution(0.75f, 0.50f, 0.0f, 1.0f);
const ImVec4 kNoGo(0.78f, 0.30f, 0.0f, 1.0f);

std::string regionName(const core::Scene& s, const std::string& id) {
    if (const core::ModelData* m = s.model())
        for (const auto& r : m->regions)
            if (r.id == id) return r.name;
    return id;
}

std::string names(const core::Scene& s, const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + regionName(s, id);
    return out.empty() ? "none" : out;
}

void picker(const PanelContext& ctx, const core::Stretch* current, std::vector<Command>& out) {
    ImGui::SetNextItemWidth(-1);
    if (!ImGui::BeginCombo("##stretch", current ? current->name.c_str() : "Choose a stretch"))
        return;
    for (const auto& s : ctx.library->stretches) {
        std::string label = s.name;
        if (s.isMistakeDemo())
            label += "  (mistake demo)";
        else if (s.status != core::StretchStatus::Recommended)
            label += std::string("  (") + core::statusName(s.status) + ")";
        if (ImGui::Selectable(label.c_str(), current && current->id == s.id))
            out.push_back(cmd::LoadStretch{s.id});
    }
    ImGui::EndCombo();
}

void breathingLine(const core::StretchFrame& f) {
    const char* text = f.breathing == core::Breathing::Inhale   ? "Breathe in"
                       : f.breathing == core::Breathing::Exhale ? "Breathe out"
                       : f.breathing == core::Breathing::Deep   ? "Breathe deeply"
                                                                : "Breathe easily";
    ImGui::TextUnformatted(text);
    ImGui::SameLine(ImGui::GetFontSize() * 8.0f);
    ImGui::ProgressBar(f.breath, ImVec2(-1, ImGui::GetFontSize() * 0.6f), "");
}

void safetyLine(const core::Scene& s, const core::SafetyReport& r) {
    if (!r.inContact) {
        ImGui::TextDisabled("Roller: not touching");
        return;
    }
    const ImVec4 colour = r.level == core::SafetyLevel::NoGo      ? kNoGo
                          : r.level == core::SafetyLevel::Caution ? kCaution
                                                                  : kOk;
    const char* word = r.level == core::SafetyLevel::NoGo      ? "NO-GO"
                       : r.level == core::SafetyLevel::Caution ? "CAUTION"
                                                               : "OK";
    ImGui::TextColored(colour, "%s", word);
    ImGui::SameLine();
    std::string where = r.region.empty() ? "skin" : regionName(s, r.region);
    if (!r.vertebra.empty()) where += " (" + r.vertebra + ")";
    ImGui::TextWrapped("Roller on: %s", where.c_str());
    if (!r.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextWrapped("%s", r.message.c_str());
        ImGui::PopStyleColor();
    }
}

}  // namespace

void drawStretchPanel(const PanelContext& ctx, std::vector<Command>& out) {
    if (!ctx.library || ctx.library->stretches.empty()) return;
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float width = std::min(em * 26.0f, display.x * 0.34f);
    ImGui::SetNextWindowPos(ImVec2(display.x - em * 0.6f, em * 0.6f), ImGuiCond_Always,
                            ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, display.y * 0.7f));
    ImGui::Begin("Stretch", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    const core::StretchMotion* motion = ctx.scene.stretch();
    const core::Stretch* st = motion ? &motion->stretch() : nullptr;
    picker(ctx, st, out);
    if (!st || !ctx.scene.stretchFrame()) {
        ImGui::End();
        return;
    }
    const core::StretchFrame& f = ctx.scene.stretchFrame()->timeline;
    if (st->isMistakeDemo()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kNoGo);
        ImGui::TextWrapped("MISTAKE DEMO: %s", st->mistake->what.c_str());
        ImGui::PopStyleColor();
        ImGui::TextWrapped("Instead: %s", st->mistake->instead.c_str());
    }
    ImGui::TextWrapped("Targets: %s", names(ctx.scene, st->targets).c_str());
    ImGui::TextWrapped("Keep off: %s", names(ctx.scene, st->avoid).c_str());
    sectionTitle("Now");
    const double left = std::max(0.0, f.segmentEnd - ctx.scene.time());
    ImGui::Text("%s%s  -  %.0f s left", core::phaseKindName(f.kind),
                f.side == 1 ? " (right side)"
                            : (st->sides == core::StretchSides::Both ? " (left side)" : ""),
                left);
    if (ImFont* big = captionFont()) ImGui::PushFont(big);
    ImGui::TextWrapped("%s", f.cue.c_str());
    if (captionFont()) ImGui::PopFont();
    breathingLine(f);
    std::string sources;
    for (const auto& s : f.sources) sources += (sources.empty() ? "" : ", ") + s;
    // The longer explanation folds away so the caption and the scene keep the room.
    if (ImGui::CollapsingHeader("How, pressure and source")) {
        if (!f.detail.empty()) ImGui::TextWrapped("%s", f.detail.c_str());
        if (!f.pressure.empty()) ImGui::TextWrapped("Pressure: %s", f.pressure.c_str());
        ImGui::TextDisabled("source: %s", sources.c_str());
    }
    sectionTitle("Safety");
    if (ctx.safety) safetyLine(ctx.scene, *ctx.safety);
    ImGui::End();
}

}  // namespace ra::app
