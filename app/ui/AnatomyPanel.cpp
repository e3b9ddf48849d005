// AnatomyPanel: the region the user clicked on the body: what it is (our words, with source),
// the stretches that work it, or, for a zone, why it is not rolled and which stretches relieve it
// from its neighbours; and the tooltip naming the region under the mouse.
#include <imgui.h>

#include <algorithm>

#include "core/JsonReader.h"
#include "ui/Panels.h"
#include "ui/UiParts.h"
#include "ui/UiStyle.h"
#include "ui/UiTrace.h"

namespace ra::app {
namespace {

const core::RegionInfo* regionAt(const PanelContext& ctx, int index) {
    const core::ModelData* m = ctx.scene.model();
    if (!m || index <= 0 || size_t(index) >= m->regions.size()) return nullptr;
    return &m->regions[size_t(index)];
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

// "Target", "Caution", "No-go" in its colour, as a chip.
void kindChip(core::RegionKind kind) {
    const char* text = kind == core::RegionKind::NoGo      ? "NO-GO: never roll here"
                       : kind == core::RegionKind::Caution ? "CAUTION: go gently or stop"
                       : kind == core::RegionKind::Target  ? "TARGET: roll here"
                                                           : "not a labelled region";
    const ImU32 colour = kind == core::RegionKind::NoGo      ? kColourNoGo
                         : kind == core::RegionKind::Caution ? kColourCaution
                         : kind == core::RegionKind::Target  ? kColourTarget
                                                             : kColourNeutral;
    chip(text, colour);
}

// One stretch as a button that loads and plays it, with its status and one-line summary.
void stretchButton(const PanelContext& ctx, const core::Stretch& s, std::vector<Command>& out) {
    ImGui::PushID(s.id.c_str());
    const bool current = ctx.scene.stretch() && ctx.scene.stretch()->stretch().id == s.id;
    std::string label = current ? "Playing: " : s.isMistakeDemo() ? "Show " : "Play: ";
    label += s.name;
    if (ImGui::Button(label.c_str())) out.push_back(cmd::LoadStretch{s.id});
    traceItem("anatomy/" + s.id);
    ImGui::SameLine();
    statusChip(s);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", s.summary.c_str());
    ImGui::PopStyleColor();
    ImGui::PopID();
}

// The library's stretches `pick` accepts, recommended ones first; their ids for the trace.
template <class Pick>
std::string listStretches(const PanelContext& ctx, Pick pick, std::vector<Command>& out) {
    std::string ids;
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& s : ctx.library->stretches) {
            if (!pick(s) ||
                (pass == 0) == (s.isMistakeDemo() || s.status != core::StretchStatus::Recommended))
                continue;
            stretchButton(ctx, s, out);
            if (!ids.empty()) ids += ",";
            ids += s.id;
        }
    return ids;
}

void zoneSection(const PanelContext& ctx, const core::RegionInfo& r, std::vector<Command>& out) {
    sectionTitle(r.kind == core::RegionKind::NoGo ? "Why it is never rolled" : "Why care here");
    ImGui::TextWrapped("%s", r.description.c_str());
    sectionTitle("Relieve it from its neighbours");
    std::string ids = listStretches(
        ctx, [&](const core::Stretch& s) { return contains(s.relieves, r.id); }, out);
    if (ids.empty()) ImGui::TextDisabled("The stretches below stay clear of it.");
    traceValue("relieved by", ids.empty() ? "none" : ids);
    sectionTitle("Stretches that keep off it");
    ids = listStretches(
        ctx, [&](const core::Stretch& s) { return contains(s.avoid, r.id) && !s.isMistakeDemo(); },
        out);
    sectionTitle("See the mistake");
    ids = listStretches(
        ctx, [&](const core::Stretch& s) { return contains(s.avoid, r.id) && s.isMistakeDemo(); },
        out);
    if (ids.empty()) ImGui::TextDisabled("No mistake demo rolls it.");
}

}  // namespace

void drawAnatomyTab(const PanelContext& ctx, std::vector<Command>& out) {
    const core::RegionInfo* r = regionAt(ctx, ctx.ui.selectedRegion);
    if (!r) {
        ImGui::TextWrapped(ctx.ui.modelHasRegions
                               ? "Click a muscle on the body to see what it is and the stretches "
                                 "that work it. Click a hatched zone to learn why it is left alone."
                               : "This model has no labelled regions.");
        traceValue("selected", "none");
        return;
    }
    if (ImFont* big = captionFont()) ImGui::PushFont(big);
    ImGui::TextWrapped("%s", r->name.c_str());
    if (captionFont()) ImGui::PopFont();
    kindChip(r->kind);
    if (!r->sources.empty())
        ImGui::TextDisabled("source: %s", core::joinWords(r->sources, ", ").c_str());
    traceValue("selected", r->id);
    if (!ctx.library) return;
    ImGui::BeginChild("##anatomy", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()), false);
    if (r->kind == core::RegionKind::Target) {
        ImGui::TextWrapped("%s", r->description.c_str());
        sectionTitle("Stretches that work it");
        std::string ids = listStretches(
            ctx,
            [&](const core::Stretch& s) {
                return contains(s.targets, r->id) && !s.isMistakeDemo();
            },
            out);
        if (ids.empty()) ImGui::TextDisabled("No stretch in the library targets it yet.");
        traceValue("stretches for " + r->id, ids.empty() ? "none" : ids);
        const auto mistake = [&](const core::Stretch& s) {
            return contains(s.targets, r->id) && s.isMistakeDemo();
        };
        if (std::any_of(ctx.library->stretches.begin(), ctx.library->stretches.end(), mistake)) {
            sectionTitle("See the mistake");
            listStretches(ctx, mistake, out);
        }
    } else {
        zoneSection(ctx, *r, out);
    }
    ImGui::EndChild();
    if (ImGui::Button("Close-up (Z)")) out.push_back(cmd::FocusRegion{ctx.ui.selectedRegion});
    ImGui::SameLine();
    if (ImGui::Button("Clear selection")) out.push_back(cmd::SelectRegion{-1});
}

void drawRegionTooltip(const PanelContext& ctx) {
    const core::RegionInfo* r = regionAt(ctx, ctx.ui.hoveredRegion);
    if (!r || ImGui::GetIO().WantCaptureMouse) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22.0f);
    ImGui::TextUnformatted(r->name.c_str());
    if (r->kind == core::RegionKind::NoGo || r->kind == core::RegionKind::Caution) {
        const ImU32 c = r->kind == core::RegionKind::NoGo ? kColourNoGo : kColourCaution;
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(c));
        ImGui::TextWrapped("%s: %s", r->kind == core::RegionKind::NoGo ? "No-go" : "Caution",
                           r->description.c_str());
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("Click to see the stretches that work it.");
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
    traceValue("hover", r->id);
}

}  // namespace ra::app
