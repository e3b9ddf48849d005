// AppPicking: choosing by muscle. The region under the mouse (a ray cast against the skinned body
// in the pose it has right now), its hover outline and tooltip, and the click that selects it.
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <iostream>

#include "App.h"
#include "core/GltfLoader.h"
#include "core/JsonReader.h"
#include "core/Picking.h"

namespace ra::app {
namespace {

// A press and release closer than this (window units) is a click, not a drag.
constexpr double kClickSlop = 4.0;

}  // namespace

core::ScenePicker& App::picker() {
    if (!m_picker || m_pickerSurface != m_content.surface) {
        m_picker = std::make_unique<core::ScenePicker>(m_content.surface);
        m_pickerSurface = m_content.surface;
    }
    return *m_picker;
}

bool App::pickable() const {
    return m_content.surface && m_scene.model() && m_ui.modelHasRegions &&
           m_scene.model() == &m_content.surface->model();
}

int App::regionAt(glm::dvec2 cursor) {
    if (!pickable()) return -1;
    const glm::ivec2 fb = m_window->framebufferSize();
    const glm::ivec2 ws = m_window->windowSize();
    if (fb.x <= 0 || fb.y <= 0 || ws.x <= 0 || ws.y <= 0) return -1;
    // The same ray the frame is drawn with at this pixel; the roller hides the body behind it.
    const glm::vec2 px(float(cursor.x * fb.x / ws.x), float(cursor.y * fb.y / ws.y));
    const core::Ray ray = core::cameraRay(m_rig.camera(), px, glm::vec2(fb));
    const core::PickResult hit = picker().pick(m_scene, ray);
    return hit.subject == core::PickSubject::Body ? std::max(hit.region, 0) : -1;
}

void App::updateHover() {
    const bool overScene =
        m_cursorInside && !ImGui::GetIO().WantCaptureMouse && m_dragButton < 0 && !m_ui.presenting;
    if (!overScene) {
        m_ui.hoveredRegion = -1;
        return;
    }
    if (!m_hoverDirty && m_hoverRevision == m_scene.revision()) return;
    m_hoverDirty = false;
    m_hoverRevision = m_scene.revision();
    const int region = regionAt(m_cursor);
    if (region != m_ui.hoveredRegion) m_redrawFrames = std::max(m_redrawFrames, 2);
    m_ui.hoveredRegion = region;
}

void App::onSceneClick(glm::dvec2 at, std::vector<Command>& out) {
    if (glm::length(at - m_pressAt) > kClickSlop || !pickable()) return;
    const int region = regionAt(at);
    out.push_back(cmd::SelectRegion{region > 0 ? region : -1});
}

void App::selectRegion(int region) {
    const core::ModelData* model = m_scene.model();
    if (!model || region <= 0 || size_t(region) >= model->regions.size()) {
        m_ui.selectedRegion = -1;
        refreshMarks();
        return;
    }
    m_ui.selectedRegion = region;
    m_ui.showAnatomy = true;
    m_ui.showPanels = true;
    refreshMarks();
    // One line for scripts and the end-to-end tests: what was chosen and what it leads to.
    const core::RegionInfo& r = model->regions[size_t(region)];
    std::vector<std::string> ids;
    if (m_content.library)
        for (const auto& s : m_content.library->stretches) {
            const auto& list = r.kind == core::RegionKind::Target ? s.targets : s.relieves;
            if (std::find(list.begin(), list.end(), r.id) != list.end()) ids.push_back(s.id);
        }
    std::cout << "roller-atlas: selected " << r.id << " (" << r.name << ", "
              << core::regionKindName(r.kind) << "); "
              << (r.kind == core::RegionKind::Target ? "stretches: " : "relieved by: ")
              << (ids.empty() ? "none" : core::joinWords(ids, ", ")) << std::endl;
}

core::Bounds App::regionBounds(int region) {
    core::Bounds b;
    if (!pickable() || region <= 0) return b;
    const std::vector<glm::vec3>& world = shownSkin();
    const core::Primitive& skin = m_content.surface->skin();
    if (skin.regionIds.size() != world.size()) return b;
    for (size_t v = 0; v < world.size(); ++v)
        for (int j = 0; j < 4; ++j)
            if (skin.regionIds[v][j] == region && skin.regionWeights[v][j] > 127) b.add(world[v]);
    return b;
}

// Close-up: the region fills the free part of the window, seen from where the camera is now.
void App::focusRegion(int region) {
    if (region < 0) region = m_ui.selectedRegion;
    if (region <= 0 && m_scene.stretch() && m_scene.model())
        for (size_t i = 1; i < m_scene.model()->regions.size(); ++i)
            if (!m_scene.stretch()->stretch().targets.empty() &&
                m_scene.model()->regions[i].id == m_scene.stretch()->stretch().targets.front())
                region = int(i);
    const core::Bounds b = regionBounds(region);
    const glm::ivec2 fb = m_window->framebufferSize();
    if (!b.valid() || fb.x <= 0 || fb.y <= 0) return;
    const glm::vec2 panels = panelFractions();
    const float aspect = float(fb.x) * (1.0f - panels.x - panels.y) / float(fb.y);
    m_rig.focus(b.min, b.max, aspect, 1.0f - bandFraction());
    m_viewTouched = true;  // a resize keeps the close-up
}

void App::updateCamera(double dt) {
    if (m_ui.following)
        m_rig.follow(m_scene.roller().center);
    else if (m_rig.following())
        m_rig.stopFollowing();
    m_rig.update(float(dt));
    if (m_rig.moving()) m_redrawFrames = std::max(m_redrawFrames, 1);
}

void App::addPickMarks() {
    const int hovered = m_ui.hoveredRegion, selected = m_ui.selectedRegion;
    if (hovered > 0)
        m_frameMarks.set({uint16_t(hovered)},
                         m_frameMarks.get({uint16_t(hovered)}) | core::region_flag::kHovered);
    if (selected > 0)
        m_frameMarks.set({uint16_t(selected)},
                         m_frameMarks.get({uint16_t(selected)}) | core::region_flag::kSelected);
}

}  // namespace ra::app
