// CuePanel: the stretch being played, for following along: the current step in large type, the
// next step, a breathing guide in step with the body, step and side timers, pressure, the source
// of each cue, why it helps, and the live safety status.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/JsonReader.h"
#include "core/StretchMotion.h"
#include "ui/Panels.h"
#include "ui/UiParts.h"
#include "ui/UiStyle.h"
#include "ui/UiTrace.h"

namespace ra::app {
namespace {

const char* sideName(const core::Stretch& st, int side) {
    if (st.sides != core::StretchSides::Both) return "";
    return side == 1 ? "right side" : "left side";
}

// The cue of timeline segment `i` ("" past the end).
std::string segmentCue(const core::StretchMotion& m, int i) {
    const auto& segs = m.timeline().segments();
    if (i < 0 || size_t(i) >= segs.size()) return "";
    if (segs[size_t(i)].phase < 0)
        return m.stretch().turn && !m.stretch().turn->cue.empty() ? m.stretch().turn->cue
                                                                  : "Change sides.";
    return m.stretch().phases[size_t(segs[size_t(i)].phase)].cue;
}

// Seconds into, and the length of, the current side's part of the stretch.
std::pair<double, double> sideTimes(const core::StretchMotion& m, int side, double t) {
    double total = 0.0, done = 0.0;
    for (const auto& s : m.timeline().segments()) {
        if (s.phase < 0 || s.side != side) continue;
        total += s.end - s.start;
        done += std::clamp(t - s.start, 0.0, s.end - s.start);
    }
    return {done, total};
}

void timerRow(const char* label, double done, double total) {
    const std::string text = clockText(done) + " / " + clockText(total);
    ImGui::TextUnformatted(label);
    ImGui::SameLine(ImGui::GetFontSize() * 6.5f);
    ImGui::ProgressBar(total > 0 ? float(done / total) : 0.0f,
                       ImVec2(-1, ImGui::GetFontSize() * 1.1f), text.c_str());
}

void nowSection(const PanelContext& ctx, const core::StretchMotion& m) {
    const core::StretchFrame& f = ctx.scene.stretchFrame()->timeline;
    const core::Stretch& st = m.stretch();
    const double t = ctx.scene.time();
    const int steps = int(m.timeline().segments().size());
    const char* side = f.phase < 0 ? "" : sideName(st, f.side);
    ImGui::Text("Step %d of %d  -  %s%s%s", f.segment + 1, steps,
                f.phase < 0 ? "switch sides" : core::phaseKindName(f.kind), *side ? ", " : "",
                side);
    if (ImFont* big = captionFont()) ImGui::PushFont(big);
    ImGui::TextWrapped("%s", f.cue.c_str());
    if (captionFont()) ImGui::PopFont();
    traceValue("cue", f.cue);
    const std::string next = segmentCue(m, f.segment + 1);
    if (!next.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        ImGui::TextWrapped("Next: %s", next.c_str());
        ImGui::PopStyleColor();
    }
    breathingGuide(f, ImGui::GetFontSize() * 1.3f);
    timerRow(f.kind == core::PhaseKind::Hold ? "Hold" : "This step", t - f.segmentStart,
             f.segmentEnd - f.segmentStart);
    if (*side) {
        const auto [done, total] = sideTimes(m, f.side, t);
        timerRow(f.side == 1 ? "Right side" : "Left side", done, total);
    }
    if (!f.pressure.empty()) ImGui::TextWrapped("Pressure: %s", f.pressure.c_str());
    if (!f.sources.empty())
        ImGui::TextDisabled("source: %s", core::joinWords(f.sources, ", ").c_str());
}

// "Right vs wrong" for each mistake demo of this stretch (or this demo against the right way).
void compareButtons(const PanelContext& ctx, const core::Stretch& st, std::vector<Command>& out) {
    if (!ctx.library) return;
    if (st.isMistakeDemo()) {
        if (ctx.library->find(st.mistake->of) && ImGui::Button("Right vs wrong (W)"))
            out.push_back(cmd::Compare{st.id});
        return;
    }
    bool first = true;
    for (const auto& s : ctx.library->stretches) {
        if (!s.mistake || s.mistake->of != st.id) continue;
        if (first) ImGui::TextUnformatted("Right vs wrong (W):");
        first = false;
        // The demo's name without its "Mistake: " prefix; the button clips what does not fit.
        std::string label = s.name;
        if (label.rfind("Mistake: ", 0) == 0) label = label.substr(9);
        if (ImGui::Button(label.c_str(), ImVec2(-1, 0))) out.push_back(cmd::Compare{s.id});
        traceItem("compare/" + s.id);
    }
}

}  // namespace

void breathingGuide(const core::StretchFrame& f, float radius) {
    const char* text = f.breathing == core::Breathing::Inhale   ? "Breathe in"
                       : f.breathing == core::Breathing::Exhale ? "Breathe out"
                       : f.breathing == core::Breathing::Deep   ? "Breathe deeply"
                                                                : "Breathe easily";
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 c(p.x + radius, p.y + radius);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // The ring is the full breath; the disc inside grows on the inhale and shrinks on the exhale.
    dl->AddCircle(c, radius, kColourTarget, 32, std::max(1.5f, radius * 0.08f));
    dl->AddCircleFilled(c, radius * (0.25f + 0.7f * std::clamp(f.breath, 0.0f, 1.0f)),
                        (kColourTarget & 0x00FFFFFFu) | 0xB0000000u, 32);
    ImGui::Dummy(ImVec2(radius * 2.0f, radius * 2.0f));
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + radius - ImGui::GetFontSize() * 0.6f);
    ImGui::TextUnformatted(text);
}

void drawCuePanel(const PanelContext& ctx, std::vector<Command>& out) {
    const core::StretchMotion* motion = ctx.scene.stretch();
    if (!motion || !ctx.scene.stretchFrame()) return;
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float width = cuePanelWidth(em, display.x) - em * 1.2f;
    ImGui::SetNextWindowPos(ImVec2(display.x - em * 0.6f, em * 0.6f), ImGuiCond_Always,
                            ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowSizeConstraints(
        ImVec2(width, 0), ImVec2(width, display.y - transportBarHeight(em) - em * 1.2f));
    ImGui::Begin("Stretch", nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    const core::Stretch& st = motion->stretch();
    if (ImFont* big = captionFont()) ImGui::PushFont(big);
    ImGui::TextWrapped("%s", st.name.c_str());
    if (captionFont()) ImGui::PopFont();
    statusChip(st);
    if (st.isMistakeDemo()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kColourNoGo));
        ImGui::TextWrapped("MISTAKE DEMO: %s", st.mistake->what.c_str());
        ImGui::PopStyleColor();
        ImGui::TextWrapped("Instead: %s", st.mistake->instead.c_str());
        if (ctx.library && ctx.library->find(st.mistake->of) && ImGui::Button("Show it done right"))
            out.push_back(cmd::LoadStretch{st.mistake->of});
    }
    compareButtons(ctx, st, out);
    ImGui::TextWrapped("Targets: %s", regionNames(ctx.scene, st.targets).c_str());
    ImGui::TextWrapped("Keep off: %s", regionNames(ctx.scene, st.avoid).c_str());
    sectionTitle("Now");
    nowSection(ctx, *motion);
    if (ImGui::CollapsingHeader("Why it helps, and how")) {
        ImGui::TextWrapped("%s", st.why.c_str());
        const core::StretchFrame& f = ctx.scene.stretchFrame()->timeline;
        if (!f.detail.empty()) ImGui::TextWrapped("%s", f.detail.c_str());
        ImGui::TextDisabled("sources: %s", core::joinWords(st.sources, ", ").c_str());
    }
    sectionTitle("Safety");
    if (ctx.safety) {
        safetyBlock(ctx.scene, *ctx.safety);
        if (ctx.safety->inContact)
            traceValue("safety", std::string(safetyLook(ctx.safety->level).word) + " " +
                                     safetyPlace(ctx.scene, *ctx.safety));
    }
    ImGui::End();
}

}  // namespace ra::app
