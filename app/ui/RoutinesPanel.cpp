// RoutinesPanel: the routines tab: the session playing now (step, the per-area timer honouring
// the two-minute guidance, previous / next / stop), the routines to start (the built-in session
// first), and an editor that builds a custom routine from the library.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/JsonReader.h"
#include "ui/Panels.h"
#include "ui/UiParts.h"
#include "ui/UiStyle.h"
#include "ui/UiTrace.h"

namespace ra::app {
namespace {

// The editor's draft (kept across frames while the user builds it).
struct Draft {
    bool open = false;
    std::string id;  // "" for a new routine
    char name[64] = "";
    std::vector<core::RoutineStep> steps;
    int pick = 0;  // index into the library's practice stretches
    int seconds = 120;
};
Draft g_draft;

std::string stretchName(const PanelContext& ctx, const std::string& id) {
    const core::Stretch* s = ctx.library ? ctx.library->find(id) : nullptr;
    return s ? s->name : id;
}

void nowPlaying(const PanelContext& ctx, std::vector<Command>& out) {
    const core::RoutinePlayer& p = *ctx.routinePlayer;
    const core::Routine& r = p.routine();
    sectionTitle(("Now: " + r.name).c_str());
    const core::RoutineStep& step = r.steps[size_t(p.step())];
    ImGui::Text("Area %d of %zu: %s", p.step() + 1, r.steps.size(),
                stretchName(ctx, step.stretch).c_str());
    const std::string timer = clockText(p.elapsed()) + " / " + clockText(step.seconds);
    ImGui::ProgressBar(float(p.elapsed() / std::max(1.0, step.seconds)), ImVec2(-1, 0),
                       timer.c_str());
    traceValue("routine step", std::to_string(p.step() + 1) + " " + step.stretch);
    if (p.finished())
        ImGui::TextWrapped("Session done. Finish with a few slow, deep breaths.");
    else
        ImGui::TextDisabled("Whole session: %s left", clockText(p.totalRemaining()).c_str());
    if (ImGui::Button("Previous area")) out.push_back(cmd::StepRoutine{-1});
    ImGui::SameLine();
    if (ImGui::Button("Next area")) out.push_back(cmd::StepRoutine{1});
    ImGui::SameLine();
    if (ImGui::Button("Stop")) out.push_back(cmd::StopRoutine{});
}

void routineRow(const PanelContext& ctx, const core::Routine& r, std::vector<Command>& out) {
    ImGui::PushID(r.id.c_str());
    ImGui::TextUnformatted(r.name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", clockText(r.totalSeconds()).c_str());
    std::vector<std::string> names;
    for (const auto& s : r.steps) names.push_back(stretchName(ctx, s.stretch));
    ImGui::Indent();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", core::joinWords(names, ", then ").c_str());
    ImGui::PopStyleColor();
    if (!r.sources.empty())
        ImGui::TextDisabled("source: %s", core::joinWords(r.sources, ", ").c_str());
    if (ImGui::Button("Start")) out.push_back(cmd::StartRoutine{r.id});
    traceItem("routine/" + r.id);
    if (!r.builtIn) {
        ImGui::SameLine();
        if (ImGui::Button("Edit")) {
            g_draft = Draft{};
            g_draft.open = true;
            g_draft.id = r.id;
            std::snprintf(g_draft.name, sizeof g_draft.name, "%s", r.name.c_str());
            g_draft.steps = r.steps;
        }
        ImGui::SameLine();
        if (ImGui::Button("Delete")) out.push_back(cmd::DeleteRoutine{r.id});
    }
    ImGui::Unindent();
    ImGui::PopID();
}

// The practice stretches a routine may hold (never a mistake demo).
std::vector<const core::Stretch*> practiceStretches(const PanelContext& ctx) {
    std::vector<const core::Stretch*> list;
    for (const auto& s : ctx.library->stretches)
        if (!s.isMistakeDemo()) list.push_back(&s);
    return list;
}

void stepList() {
    for (size_t i = 0; i < g_draft.steps.size(); ++i) {
        ImGui::PushID(int(i));
        ImGui::Text("%zu.", i + 1);
        ImGui::SameLine();
        ImGui::TextUnformatted(g_draft.steps[i].stretch.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s", clockText(g_draft.steps[i].seconds).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("up") && i > 0) std::swap(g_draft.steps[i], g_draft.steps[i - 1]);
        ImGui::SameLine();
        if (ImGui::SmallButton("remove")) {
            g_draft.steps.erase(g_draft.steps.begin() + long(i));
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
}

void editor(const PanelContext& ctx, std::vector<Command>& out) {
    sectionTitle(g_draft.id.empty() ? "New routine" : "Edit routine");
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##name", "Name, e.g. Morning back", g_draft.name,
                             sizeof g_draft.name);
    stepList();
    const auto choices = practiceStretches(ctx);
    if (choices.empty()) return;
    g_draft.pick = std::clamp(g_draft.pick, 0, int(choices.size()) - 1);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11.0f);
    if (ImGui::BeginCombo("##pick", choices[size_t(g_draft.pick)]->name.c_str())) {
        for (size_t i = 0; i < choices.size(); ++i)
            if (ImGui::Selectable(choices[i]->name.c_str(), int(i) == g_draft.pick))
                g_draft.pick = int(i);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.0f);
    ImGui::InputInt("s##seconds", &g_draft.seconds, 15, 60);
    g_draft.seconds = std::clamp(g_draft.seconds, 15, 1800);
    ImGui::SameLine();
    if (ImGui::Button("Add"))
        g_draft.steps.push_back({choices[size_t(g_draft.pick)]->id, double(g_draft.seconds)});
    if (g_draft.seconds < 120) ImGui::TextDisabled("smr-guide: give each area at least 2 minutes.");
    const bool ready = !g_draft.steps.empty() && g_draft.name[0];
    if (!ready) ImGui::BeginDisabled();
    if (ImGui::Button("Save")) {
        core::Routine r;
        r.id = g_draft.id;
        r.name = g_draft.name;
        r.steps = g_draft.steps;
        out.push_back(cmd::SaveRoutine{r});
        g_draft = Draft{};
    }
    if (!ready) ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) g_draft = Draft{};
}

}  // namespace

void drawRoutinesTab(const PanelContext& ctx, std::vector<Command>& out) {
    if (!ctx.routines || !ctx.routinePlayer || !ctx.library) {
        ImGui::TextWrapped("No routines: the stretch library did not load.");
        return;
    }
    if (ctx.routinePlayer->active()) nowPlaying(ctx, out);
    sectionTitle("Routines");
    for (const auto& r : *ctx.routines) {
        routineRow(ctx, r, out);
        ImGui::Separator();
    }
    if (g_draft.open)
        editor(ctx, out);
    else if (ImGui::Button("New routine")) {
        g_draft = Draft{};
        g_draft.open = true;
    }
}

}  // namespace ra::app
