// ViewTab: camera presets, the anatomy layers (x-ray, marks, labels), theme and text size, and
// the figure loaded.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "ui/Panels.h"

namespace ra::app {
namespace {

void viewSection(const PanelContext& ctx, std::vector<Command>& out) {
    static constexpr core::ViewPreset kViews[] = {
        core::ViewPreset::Front, core::ViewPreset::Back, core::ViewPreset::Left,
        core::ViewPreset::Right, core::ViewPreset::Top,  core::ViewPreset::ThreeQuarter};
    int i = 0;
    for (auto v : kViews) {
        if (i++ % 3) ImGui::SameLine();
        char label[48];
        std::snprintf(label, sizeof label, "%d %s", i, core::viewPresetName(v));
        bool active = ctx.ui.view == v;
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.34f, 0.71f, 0.91f, 0.8f));
        if (ImGui::Button(label, ImVec2(ImGui::GetFontSize() * 7.5f, 0)))
            out.push_back(cmd::SetView{v});
        if (active) ImGui::PopStyleColor();
    }
    if (ImGui::Button("Reset view (R)")) out.push_back(cmd::ResetView{});
    ImGui::SameLine();
    bool orbit = ctx.ui.orbiting;
    if (ImGui::Checkbox("Slow orbit (O)", &orbit)) out.push_back(cmd::ToggleOrbit{});
    bool follow = ctx.ui.following;
    if (ImGui::Checkbox("Follow the roller (F)", &follow)) out.push_back(cmd::ToggleFollow{});
    ImGui::SameLine();
    if (ImGui::Button("Close-up (Z)")) out.push_back(cmd::FocusRegion{-1});
}

// One legend row: a swatch drawn the way the body marks that kind (so the key never relies on
// colour alone), then its meaning.
enum class Swatch { Target, Caution, NoGo };
void legendRow(Swatch kind, const char* text) {
    const float s = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a(p.x + s * 0.1f, p.y + s * 0.1f), b(p.x + s * 1.3f, p.y + s * 0.9f);
    const ImU32 ink = IM_COL32(20, 20, 24, 255);
    switch (kind) {
        case Swatch::Target:  // Okabe-Ito blue with a sky-blue glow
            dl->AddRectFilled(a, b, IM_COL32(0, 114, 178, 255), s * 0.3f);
            dl->AddRect(a, b, IM_COL32(86, 180, 233, 255), s * 0.3f, 0, s * 0.12f);
            break;
        case Swatch::Caution: {  // orange inside a dashed outline
            dl->AddRectFilled(a, b, IM_COL32(230, 159, 0, 255));
            const float dash = s * 0.2f;
            for (float x = a.x; x < b.x; x += dash * 2) {
                dl->AddLine(ImVec2(x, a.y), ImVec2(std::min(x + dash, b.x), a.y), ink, 2.0f);
                dl->AddLine(ImVec2(x, b.y), ImVec2(std::min(x + dash, b.x), b.y), ink, 2.0f);
            }
            break;
        }
        case Swatch::NoGo:  // vermillion with diagonal hatching
            dl->AddRectFilled(a, b, IM_COL32(213, 94, 0, 255));
            dl->PushClipRect(a, b, true);
            for (float x = a.x - (b.y - a.y); x < b.x; x += s * 0.3f)
                dl->AddLine(ImVec2(x, b.y), ImVec2(x + (b.y - a.y), a.y), ink, s * 0.08f);
            dl->PopClipRect();
            break;
    }
    ImGui::Dummy(ImVec2(s * 1.5f, s));
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
}

// X-ray opacity, skin tone and figure.
void skinRows(const PanelContext& ctx, std::vector<Command>& out) {
    const float em = ImGui::GetFontSize();
    float opacity = ctx.ui.skinOpacity;
    ImGui::SetNextItemWidth(-em * 8.5f);
    if (ImGui::SliderFloat("X-ray opacity", &opacity, 0.1f, 0.9f, "%.2f"))
        out.push_back(cmd::SetSkinOpacity{opacity});
    static constexpr std::pair<const char*, const char*> kTones[] = {
        {"light", "Light"}, {"medium", "Medium"}, {"tan", "Tan"}, {"dark", "Dark"}};
    ImGui::TextUnformatted("Skin:");
    for (const auto& [tone, label] : kTones) {
        ImGui::SameLine();
        if (ImGui::RadioButton(label, ctx.ui.skinTone == tone))
            out.push_back(cmd::SetSkinTone{tone});
    }
    ImGui::TextUnformatted("Figure:");
    ImGui::SameLine();
    if (ImGui::RadioButton("Adult, 1.75 m", ctx.ui.body == "adult"))
        out.push_back(cmd::SetBody{"adult"});
    ImGui::SameLine();
    if (ImGui::RadioButton("1.63 m", ctx.ui.body == "female"))
        out.push_back(cmd::SetBody{"female"});
}

void anatomySection(const PanelContext& ctx, std::vector<Command>& out) {
    if (!ctx.ui.modelHasRegions) {
        ImGui::TextDisabled("This model has no labelled regions.");
        return;
    }
    bool xray = ctx.ui.xray;
    if (ImGui::Checkbox("X-ray skeleton (X)", &xray)) out.push_back(cmd::ToggleXray{});
    ImGui::SameLine();
    bool labels = ctx.ui.labels;
    if (ImGui::Checkbox("Labels (L)", &labels)) out.push_back(cmd::ToggleLabels{});
    static constexpr std::pair<cmd::Marks, const char*> kMarks[] = {
        {cmd::Marks::Focus, "This stretch"},
        {cmd::Marks::All, "All regions"},
        {cmd::Marks::Off, "Off"}};
    ImGui::TextUnformatted("Marks (M):");
    for (const auto& [marks, label] : kMarks) {
        ImGui::SameLine();
        if (ImGui::RadioButton(label, ctx.ui.marks == marks)) out.push_back(cmd::SetMarks{marks});
    }
    skinRows(ctx, out);
    if (ctx.ui.marks == cmd::Marks::Off) return;
    legendRow(Swatch::Target, "Target: roll here");
    legendRow(Swatch::Caution, "Caution: go gently");
    legendRow(Swatch::NoGo, "No-go: never roll here");
}

void modelSection(const PanelContext& ctx) {
    const core::ModelData* m = ctx.scene.model();
    if (!m) {
        ImGui::TextWrapped("No figure loaded: see the problems listed.");
        return;
    }
    size_t tris = 0, joints = 0;
    for (const auto& mesh : m->meshes)
        for (const auto& p : mesh.primitives) tris += p.indices.size() / 3;
    for (const auto& sk : m->skins) joints += sk.joints.size();
    ImGui::TextWrapped("%s", std::filesystem::path(ctx.modelPath).filename().c_str());
    ImGui::TextDisabled("%zu joints, %zu triangles", joints, tris);
}

void themeRow(const PanelContext& ctx, std::vector<Command>& out) {
    static constexpr std::pair<cmd::Theme, const char*> kThemes[] = {
        {cmd::Theme::Light, "Light"},
        {cmd::Theme::Dark, "Dark"},
        {cmd::Theme::Projector, "Projector"}};
    ImGui::TextUnformatted("Theme:");
    for (const auto& [theme, label] : kThemes) {
        ImGui::SameLine();
        if (ImGui::RadioButton(label, ctx.ui.theme == theme)) out.push_back(cmd::SetTheme{theme});
    }
}

}  // namespace

void drawViewTab(const PanelContext& ctx, std::vector<Command>& out) {
    const float em = ImGui::GetFontSize();
    sectionTitle("Camera");
    viewSection(ctx, out);
    sectionTitle("Anatomy");
    anatomySection(ctx, out);
    sectionTitle("Display");
    themeRow(ctx, out);
    float scale = ctx.ui.uiScale;
    ImGui::SetNextItemWidth(-em * 6);
    if (ImGui::SliderFloat("Text size", &scale, 0.75f, 2.5f, "%.2fx"))
        out.push_back(cmd::SetUiScale{scale});
    bool smooth = ctx.ui.smoothEdgesWhileMoving;
    if (ImGui::Checkbox("Smooth edges while moving", &smooth))
        out.push_back(cmd::SetSmoothWhileMoving{smooth});
    if (ctx.ui.softwareRenderer && ImGui::IsItemHovered())
        ImGui::SetTooltip("Software rendering: off keeps motion fluid; stills are always smooth.");
    if (ImGui::Button("Present (F5)")) out.push_back(cmd::TogglePresentation{});
    ImGui::SameLine();
    if (ImGui::Button("Full screen (F11)")) out.push_back(cmd::ToggleFullscreen{});
    ImGui::SameLine();
    if (ImGui::Button("Hide (H)")) out.push_back(cmd::ToggleUi{});
    sectionTitle("Figure");
    modelSection(ctx);
}

}  // namespace ra::app
