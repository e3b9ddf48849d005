// AppLabels: names with leader lines on the stretch's target muscles and zones: an anchor on the
// visible side of each region in the pose shown, laid out in two columns beside the body
// (core::LabelLayout), drawn over the scene under the panels.
#include <imgui.h>

#include <algorithm>

#include "App.h"
#include "core/StretchMotion.h"
#include "ui/Panels.h"
#include "ui/UiStyle.h"

namespace ra::app {
namespace {

// The nearest tenth of a region's skin (toward the camera) holds the anchor: the point of that
// tenth closest to its middle on screen, so the leader ends on skin the viewer can see.
constexpr float kFrontShare = 0.1f;

std::string twoLines(const std::string& text) {
    const double middle = double(text.size()) / 2.0;
    size_t best = std::string::npos;
    for (size_t i = text.find(' '); i != std::string::npos; i = text.find(' ', i + 1))
        if (best == std::string::npos ||
            std::abs(double(i) - middle) < std::abs(double(best) - middle))
            best = i;
    if (best == std::string::npos) return text;
    return text.substr(0, best) + "\n" + text.substr(best + 1);
}

}  // namespace

// Skinned world positions for the pose shown (shared with picking; redone once per revision).
const std::vector<glm::vec3>& App::shownSkin() {
    static const std::vector<glm::vec3> kNone;
    if (!pickable()) return kNone;
    picker().sync(m_scene);  // skins and refits only when the pose changed
    return picker().worldPositions();
}

void App::updateLabels() {
    m_labels.clear();
    const core::StretchMotion* motion = m_scene.stretch();
    // Labels name what is marked: none while the marks are off.
    if (!m_ui.labels || m_ui.marks == cmd::Marks::Off || !motion || !pickable() ||
        m_ui.presenting || m_compareScene)
        return;
    const std::vector<glm::vec3>& skin = shownSkin();
    const core::Primitive& prim = m_content.surface->skin();
    const glm::ivec2 fb = m_window->framebufferSize();
    const glm::ivec2 ws = m_window->windowSize();
    if (fb.x <= 0 || fb.y <= 0 || ws.x <= 0 || prim.regionIds.size() != skin.size()) return;
    const core::OrbitCamera& cam = m_rig.camera();
    const glm::mat4 clip = cam.projection(float(fb.x) / float(fb.y)) * cam.view();
    const auto toWindow = [&](const glm::vec3& p, float& depth) {
        const glm::vec4 c = clip * glm::vec4(p, 1.0f);
        depth = c.w;
        const glm::vec2 ndc = glm::vec2(c) / std::max(c.w, 1e-4f);
        return glm::vec2((ndc.x * 0.5f + 0.5f) * float(ws.x), (0.5f - ndc.y * 0.5f) * float(ws.y));
    };
    std::vector<std::string> ids = motion->stretch().targets;
    ids.insert(ids.end(), motion->stretch().avoid.begin(), motion->stretch().avoid.end());
    const core::ModelData& model = *m_scene.model();
    core::LabelLayoutInput in;
    for (const std::string& id : ids) {
        int region = -1;
        for (size_t i = 1; i < model.regions.size(); ++i)
            if (model.regions[i].id == id) region = int(i);
        if (region <= 0) continue;
        std::vector<std::pair<float, glm::vec2>> points;  // depth, window position
        for (size_t v = 0; v < skin.size(); ++v)
            for (int j = 0; j < 4; ++j)
                if (prim.regionIds[v][j] == region && prim.regionWeights[v][j] > 127) {
                    float depth = 0.0f;
                    const glm::vec2 w = toWindow(skin[v], depth);
                    if (depth > 0.0f) points.emplace_back(depth, w);
                }
        if (points.empty()) continue;
        const size_t front = std::max<size_t>(1, size_t(float(points.size()) * kFrontShare));
        std::nth_element(points.begin(), points.begin() + long(front - 1), points.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        glm::vec2 mid(0.0f);
        for (size_t k = 0; k < front; ++k) mid += points[k].second;
        mid /= float(front);
        glm::vec2 anchor = points[0].second;
        for (size_t k = 0; k < front; ++k)
            if (glm::distance(points[k].second, mid) < glm::distance(anchor, mid))
                anchor = points[k].second;
        const core::RegionInfo& info = model.regions[size_t(region)];
        const ImVec2 text = ImGui::CalcTextSize(info.name.c_str());
        const float pad = ImGui::GetFontSize() * 0.35f;
        in.labels.push_back({uint32_t(region), anchor,
                             glm::vec2(text.x + pad * 2, text.y + pad * 2),
                             info.kind == core::RegionKind::Target ? 2 : 1});
    }
    // The columns stand clear of the whole body, not only of the anchors.
    for (size_t v = 0; v < skin.size(); v += 8) {
        float depth = 0.0f;
        const glm::vec2 w = toWindow(skin[v], depth);
        if (depth <= 0.0f) continue;
        if (in.body.empty()) in.body = {w, w};
        in.body.min = glm::min(in.body.min, w);
        in.body.max = glm::max(in.body.max, w);
    }
    const float em = ImGui::GetFontSize();
    const glm::vec2 panels = panelFractions() * float(ws.x);
    in.screen = {glm::vec2(panels.x, em * 0.6f),
                 glm::vec2(float(ws.x) - panels.y, float(ws.y) - transportBarHeight(em))};
    // A name wider than both columns breaks onto two lines (at the space nearest its middle).
    const float column =
        std::max(in.body.min.x - in.screen.min.x, in.screen.max.x - in.body.max.x) -
        in.bodyClearance - in.gap * 2.0f;
    std::vector<std::string> texts;
    for (core::LabelRequest& l : in.labels) {
        std::string text = model.regions[l.key].name;
        if (l.size.x > column) text = twoLines(text);
        const ImVec2 size = ImGui::CalcTextSize(text.c_str());
        l.size = glm::vec2(size.x, size.y) +
                 (l.size - glm::vec2(ImGui::CalcTextSize(model.regions[l.key].name.c_str()).x,
                                     ImGui::GetFontSize()));
        texts.push_back(std::move(text));
    }
    m_labelLayout = core::layoutLabels(in, &m_labelLayout);
    for (size_t i = 0; i < m_labelLayout.labels.size(); ++i) {
        const core::PlacedLabel& p = m_labelLayout.labels[i];
        if (!p.placed) continue;
        m_labels.push_back({texts[i], model.regions[p.key].kind, p.box, p.leaderFrom, p.leaderTo});
    }
}

void drawRegionLabels(const std::vector<RegionLabel>& labels) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const float pad = ImGui::GetFontSize() * 0.35f;
    for (const RegionLabel& l : labels) {
        const ImU32 colour = l.kind == core::RegionKind::NoGo      ? kColourNoGo
                             : l.kind == core::RegionKind::Caution ? kColourCaution
                                                                   : kColourTarget;
        const ImVec2 a(l.box.min.x, l.box.min.y), b(l.box.max.x, l.box.max.y);
        dl->AddLine(ImVec2(l.from.x, l.from.y), ImVec2(l.to.x, l.to.y), IM_COL32(20, 20, 24, 230),
                    2.0f);
        dl->AddCircleFilled(ImVec2(l.from.x, l.from.y), pad * 0.8f, colour);
        dl->AddCircle(ImVec2(l.from.x, l.from.y), pad * 0.8f, IM_COL32_WHITE, 12, 1.5f);
        dl->AddRectFilled(a, b, IM_COL32(255, 255, 255, 235), pad);
        dl->AddRect(a, b, colour, pad, 0, 2.0f);
        dl->AddText(ImVec2(a.x + pad, a.y + pad), IM_COL32(20, 20, 24, 255), l.text.c_str());
    }
}

}  // namespace ra::app
