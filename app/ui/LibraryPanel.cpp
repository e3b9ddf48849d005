// LibraryPanel: the left panel and its tabs, and the stretch library tab: search, filters by
// target muscle and by status, each entry with its status chip (contraindicated ones say who
// advises against them and why).
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/JsonReader.h"
#include "ui/Panels.h"
#include "ui/UiParts.h"
#include "ui/UiStyle.h"
#include "ui/UiTrace.h"

namespace ra::app {
namespace {

// The library tab's own small state: what the user typed and chose (kept across frames).
struct LibraryFilter {
    char search[64] = "";
    std::string muscle;  // region id; "" = any
    int status = 0;      // 0 any, 1 recommended, 2 caution, 3 mistake demos
};
LibraryFilter g_filter;

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool matches(const PanelContext& ctx, const core::Stretch& s) {
    const std::string needle = lower(g_filter.search);
    if (!needle.empty()) {
        std::string hay = lower(s.name);
        for (const std::string* part : {&s.summary, &s.id}) {
            hay += ' ';
            hay += lower(*part);
        }
        for (const auto& t : s.targets) {
            hay += ' ';
            hay += lower(regionName(ctx.scene, t));
        }
        if (hay.find(needle) == std::string::npos) return false;
    }
    if (!g_filter.muscle.empty() &&
        std::find(s.targets.begin(), s.targets.end(), g_filter.muscle) == s.targets.end())
        return false;
    switch (g_filter.status) {
        case 1:
            return s.status == core::StretchStatus::Recommended && !s.isMistakeDemo();
        case 2:
            return s.status == core::StretchStatus::Caution && !s.isMistakeDemo();
        case 3:
            return s.isMistakeDemo();
        default:
            return true;
    }
}

void filters(const PanelContext& ctx) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", "Search stretches or muscles", g_filter.search,
                             sizeof g_filter.search);
    ImGui::SetNextItemWidth(em * 11.0f);
    const std::string muscleLabel =
        g_filter.muscle.empty() ? "Any muscle" : regionName(ctx.scene, g_filter.muscle);
    if (ImGui::BeginCombo("##muscle", muscleLabel.c_str())) {
        if (ImGui::Selectable("Any muscle", g_filter.muscle.empty())) g_filter.muscle.clear();
        if (const core::ModelData* m = ctx.scene.model())
            for (const auto& r : m->regions)
                if (r.kind == core::RegionKind::Target &&
                    ImGui::Selectable(r.name.c_str(), g_filter.muscle == r.id))
                    g_filter.muscle = r.id;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    static const char* kStatus[] = {"Any status", "Recommended", "Caution", "Mistake demos"};
    ImGui::Combo("##status", &g_filter.status, kStatus, 4);
}

// Who advises against a contraindicated stretch, from its mistake block's sources.
void disagreement(const core::Stretch& s) {
    if (!s.mistake) return;
    std::vector<std::string> shownBy;
    for (const auto& src : s.sources)
        if (std::find(s.mistake->sources.begin(), s.mistake->sources.end(), src) ==
            s.mistake->sources.end())
            shownBy.push_back(src);
    std::string line = "Advised against by ";
    line += core::joinWords(s.mistake->sources);
    if (s.status == core::StretchStatus::Contraindicated && !shownBy.empty()) {
        line += "; ";
        line += core::joinWords(shownBy);
        line += " include";
        line += shownBy.size() == 1 ? "s it." : " it.";
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kColourNoGo));
    ImGui::TextWrapped("%s", line.c_str());
    ImGui::PopStyleColor();
}

void entry(const core::Stretch& s, bool current, std::vector<Command>& out) {
    ImGui::PushID(s.id.c_str());
    // The name fills the row up to the status chip, which sits at the right edge.
    const float chip = statusChipWidth(s) + ImGui::GetStyle().ItemSpacing.x;
    if (ImGui::Selectable(s.name.c_str(), current, 0,
                          ImVec2(ImGui::GetContentRegionAvail().x - chip, 0)))
        out.push_back(cmd::LoadStretch{s.id});
    traceItem("library/" + s.id);
    ImGui::SameLine();
    statusChip(s);
    ImGui::Indent();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", s.summary.c_str());
    ImGui::PopStyleColor();
    if (s.isMistakeDemo()) disagreement(s);
    ImGui::Unindent();
    ImGui::PopID();
}

}  // namespace

void sectionTitle(const char* text) {
    ImGui::Spacing();
    ImGui::TextColored(ImGui::GetStyle().Colors[ImGuiCol_SliderGrabActive], "%s", text);
    ImGui::Separator();
}

float controlPanelWidth(float em, float displayWidth) {
    return std::max(std::min(em * 25.0f, displayWidth * 0.4f), std::min(em * 16.0f, displayWidth)) +
           em * 1.2f;
}

float cuePanelWidth(float em, float displayWidth) {
    return std::min(em * 23.0f, displayWidth * 0.3f) + em * 1.2f;
}

float transportBarHeight(float em) {
    return em * 4.6f;
}

std::string regionName(const core::Scene& s, const std::string& id) {
    if (const core::ModelData* m = s.model())
        for (const auto& r : m->regions)
            if (r.id == id) return r.name;
    return id;
}

std::string regionNames(const core::Scene& s, const std::vector<std::string>& ids) {
    std::vector<std::string> names;
    for (const auto& id : ids) names.push_back(regionName(s, id));
    return names.empty() ? "none" : core::joinWords(names);
}

static const char* statusChipText(const core::Stretch& s) {
    if (s.isMistakeDemo())
        return s.status == core::StretchStatus::Contraindicated ? "NOT ADVISED" : "MISTAKE";
    return s.status == core::StretchStatus::Caution ? "CAUTION" : "recommended";
}

float statusChipWidth(const core::Stretch& s) {
    return ImGui::CalcTextSize(statusChipText(s)).x + ImGui::GetFontSize() * 0.6f;
}

void statusChip(const core::Stretch& s) {
    const unsigned colour = s.isMistakeDemo()                          ? kColourNoGo
                            : s.status == core::StretchStatus::Caution ? kColourCaution
                                                                       : kColourTarget;
    chip(statusChipText(s), colour);
}

void drawLibraryTab(const PanelContext& ctx, std::vector<Command>& out) {
    if (!ctx.library || ctx.library->stretches.empty()) {
        ImGui::TextWrapped("No stretches: the assets folder was not found (see the problems).");
        return;
    }
    filters(ctx);
    const core::StretchMotion* motion = ctx.scene.stretch();
    const std::string current = motion ? motion->stretch().id : "";
    ImGui::BeginChild("##list", ImVec2(0, 0), false);
    int shown = 0;
    // Stretches to do first, then the ones to be careful with, then what not to do.
    for (int pass = 0; pass < 3; ++pass) {
        for (const auto& s : ctx.library->stretches) {
            const int group = s.isMistakeDemo() ? 2 : s.status == core::StretchStatus::Caution;
            if (group != pass || !matches(ctx, s)) continue;
            if (shown++) ImGui::Separator();
            entry(s, s.id == current, out);
        }
    }
    if (!shown) ImGui::TextDisabled("No stretch matches.");
    ImGui::EndChild();
}

void drawLibraryPanel(const PanelContext& ctx, std::vector<Command>& out) {
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float width = controlPanelWidth(em, display.x) - em * 1.2f;
    ImGui::SetNextWindowPos(ImVec2(em * 0.6f, em * 0.6f), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(width, display.y - em * 1.2f), ImGuiCond_Always);
    ImGui::Begin("Roller Atlas", nullptr,
                 ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
    if (ImGui::BeginTabBar("##tabs")) {
        if (ImGui::BeginTabItem("Stretches")) {
            drawLibraryTab(ctx, out);
            ImGui::EndTabItem();
        }
        const ImGuiTabItemFlags anatomy = ctx.ui.showAnatomy ? ImGuiTabItemFlags_SetSelected : 0;
        if (ImGui::BeginTabItem("Anatomy", nullptr, anatomy)) {
            drawAnatomyTab(ctx, out);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Routines")) {
            drawRoutinesTab(ctx, out);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("View")) {
            drawViewTab(ctx, out);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

}  // namespace ra::app
