// TransportPanel: the bar along the bottom: previous / play / next step, the timeline with a
// marker per step (scrub by dragging), the time, speed, loop and the other side.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/StretchMotion.h"
#include "ui/Panels.h"
#include "ui/UiParts.h"
#include "ui/UiStyle.h"
#include "ui/UiTrace.h"

namespace ra::app {
namespace {

ImU32 phaseColour(int phase, core::PhaseKind kind) {
    if (phase < 0) return IM_COL32(204, 121, 167, 255);  // side switch: reddish purple
    switch (kind) {
        case core::PhaseKind::Roll:
            return IM_COL32(86, 180, 233, 255);  // sky blue
        case core::PhaseKind::Hold:
            return IM_COL32(0, 158, 115, 255);  // bluish green
        case core::PhaseKind::Rest:
            return IM_COL32(200, 200, 200, 255);
        default:
            return IM_COL32(160, 168, 180, 255);  // set-up
    }
}

// The timeline: one coloured block per step, a tick between steps, the playhead; click or drag
// to scrub. Without a stretch (a plain clip) a single block.
void timeline(const PanelContext& ctx, std::vector<Command>& out, float width) {
    const float em = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 size(width, em * 1.5f);
    ImGui::InvisibleButton("##timeline", size);
    traceItem("timeline");
    const double duration = std::max(ctx.scene.duration(), 1e-6);
    const auto xAt = [&](double t) { return p.x + float(t / duration) * size.x; };
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float top = p.y + em * 0.3f, bottom = p.y + size.y - em * 0.3f;
    const core::StretchMotion* m = ctx.scene.stretch();
    if (m) {
        const auto& segs = m->timeline().segments();
        for (const auto& s : segs) {
            const core::PhaseKind kind =
                s.phase < 0 ? core::PhaseKind::Switch : m->stretch().phases[size_t(s.phase)].kind;
            dl->AddRectFilled(ImVec2(xAt(s.start), top), ImVec2(xAt(s.end), bottom),
                              phaseColour(s.phase, kind));
            dl->AddLine(ImVec2(xAt(s.start), top - em * 0.2f), ImVec2(xAt(s.start), bottom),
                        IM_COL32(20, 20, 24, 200), 1.5f);
        }
    } else {
        dl->AddRectFilled(ImVec2(p.x, top), ImVec2(p.x + size.x, bottom),
                          phaseColour(0, core::PhaseKind::Roll));
    }
    const float x = xAt(ctx.scene.time());
    dl->AddRectFilled(ImVec2(x - 2.0f, p.y), ImVec2(x + 2.0f, p.y + size.y),
                      IM_COL32(20, 20, 24, 255));
    dl->AddTriangleFilled(ImVec2(x - em * 0.4f, p.y), ImVec2(x + em * 0.4f, p.y),
                          ImVec2(x, p.y + em * 0.4f), IM_COL32(20, 20, 24, 255));
    if (ImGui::IsItemActive()) {
        const float f = std::clamp((ImGui::GetIO().MousePos.x - p.x) / size.x, 0.0f, 1.0f);
        out.push_back(cmd::SetTime{double(f) * duration});
    }
    if (ImGui::IsItemHovered() && m) {
        const float f = std::clamp((ImGui::GetIO().MousePos.x - p.x) / size.x, 0.0f, 1.0f);
        const core::StretchFrame sf = m->timeline().evaluate(double(f) * duration);
        ImGui::SetTooltip("%s  %s\n%s", clockText(double(f) * duration).c_str(),
                          sf.phase < 0 ? "switch sides" : core::phaseKindName(sf.kind),
                          sf.cue.c_str());
    }
}

void speedCombo(const PanelContext& ctx, std::vector<Command>& out) {
    static constexpr float kSpeeds[] = {0.25f, 0.5f, 0.75f, 1.0f, 1.5f, 2.0f};
    char label[16];
    std::snprintf(label, sizeof label, "%.2gx", double(ctx.scene.speed));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
    if (!ImGui::BeginCombo("##speed", label)) return;
    for (float s : kSpeeds) {
        std::snprintf(label, sizeof label, "%.2gx", double(s));
        if (ImGui::Selectable(label, std::abs(ctx.scene.speed - s) < 1e-3f))
            out.push_back(cmd::SetSpeed{s});
    }
    ImGui::EndCombo();
}

}  // namespace

void drawTransportBar(const PanelContext& ctx, std::vector<Command>& out) {
    if (ctx.scene.hasFixedPose()) return;  // a held pose has no time to move through
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const bool side = ctx.ui.showPanels && !ctx.compareScene;
    const float left = side ? controlPanelWidth(em, display.x) : em * 0.6f;
    const float height = transportBarHeight(em) - em * 1.2f;
    ImGui::SetNextWindowPos(ImVec2(left, display.y - em * 0.6f - height), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(display.x - left - em * 0.6f, height), ImGuiCond_Always);
    ImGui::Begin(
        "##transport", nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    const ImVec2 button(em * 2.4f, em * 1.6f);
    if (ImGui::Button("|<", button)) out.push_back(cmd::StepPhase{-1});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Previous step (Page Up)");
    ImGui::SameLine();
    if (ImGui::Button(ctx.scene.playing ? "||" : ">", button)) out.push_back(cmd::TogglePlaying{});
    traceItem("play");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play / pause (Space)");
    ImGui::SameLine();
    if (ImGui::Button(">|", button)) out.push_back(cmd::StepPhase{1});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Next step (Page Down)");
    ImGui::SameLine();
    const std::string times = clockText(ctx.scene.time()) + " / " + clockText(ctx.scene.duration());
    const float tail = em * 20.0f + ImGui::CalcTextSize(times.c_str()).x;
    const float avail = ImGui::GetContentRegionAvail().x;
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (button.y - em * 1.5f) * 0.5f);
    timeline(ctx, out, std::max(em * 6.0f, avail - tail));
    ImGui::SameLine();
    ImGui::TextUnformatted(times.c_str());
    ImGui::SameLine();
    speedCombo(ctx, out);
    ImGui::SameLine();
    bool loop = ctx.scene.loop;
    if (ImGui::Checkbox("Loop", &loop)) out.push_back(cmd::SetLoop{loop});
    const core::StretchMotion* m = ctx.scene.stretch();
    if (m && m->stretch().sides == core::StretchSides::Both) {
        ImGui::SameLine();
        if (ImGui::Button("Other side")) out.push_back(cmd::MirrorSide{});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("The same moment on the other side (S)");
    }
    ImGui::End();
}

}  // namespace ra::app
