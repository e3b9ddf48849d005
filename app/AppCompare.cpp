// AppCompare: "right vs wrong": the stretch done right on the left half of the window and one of
// its mistake demos on the right, both playing, both watched by the safety monitor, one camera.
#include <algorithm>
#include <cmath>
#include <iostream>

#include "App.h"
#include "cli/Headless.h"
#include "core/StretchMotion.h"
#include "ui/Panels.h"

namespace ra::app {

// The first mistake demo of the current stretch (or the current one when it is itself a demo).
std::string App::defaultMistakeFor() const {
    const core::StretchMotion* m = m_scene.stretch();
    if (!m || !m_content.library) return "";
    if (m->stretch().isMistakeDemo()) return m->stretch().id;
    for (const auto& s : m_content.library->stretches)
        if (s.mistake && s.mistake->of == m->stretch().id) return s.id;
    return "";
}

void App::setCompare(const std::string& mistakeId) {
    if (mistakeId.empty()) {
        if (!m_compareScene) return;
        m_compareScene.reset();
        std::cout << "roller-atlas: comparison closed" << std::endl;
        resetView();
        return;
    }
    const core::Stretch* wrong = m_content.library ? m_content.library->find(mistakeId) : nullptr;
    if (!wrong || !wrong->mistake) {
        std::cerr << "roller-atlas: \"" << mistakeId << "\" is not a mistake demo\n";
        return;
    }
    std::string error;
    auto motion = makeStretchMotion(m_content, mistakeId, error);
    if (!motion) {
        std::cerr << "roller-atlas: " << error << "\n";
        return;
    }
    const std::string right = wrong->mistake->of;
    m_compareScene.reset();  // loading the right one below must not end this comparison
    if (!m_scene.stretch() || m_scene.stretch()->stretch().id != right) loadStretch(right);
    auto scene = std::make_unique<core::Scene>();
    scene->setModel(m_content.model);
    scene->setPreview(true);
    scene->setStretch(std::move(motion));
    scene->speed = m_scene.speed;
    scene->playing = m_scene.playing;
    scene->setTime(std::min(m_scene.time(), scene->duration()));
    m_compareScene = std::move(scene);
    m_compareSafetyRevision = 0;
    m_compareMarks.clear();
    if (const core::ModelData* model = m_scene.model()) {
        std::vector<std::string> ids = wrong->targets;
        ids.insert(ids.end(), wrong->avoid.begin(), wrong->avoid.end());
        highlightRegions(*model, ids, m_compareMarks, error);
    }
    m_ui.hoveredRegion = -1;
    std::cout << "roller-atlas: comparing " << right << " with " << mistakeId << std::endl;
    resetView();
    m_redrawFrames = std::max(m_redrawFrames, 3);
}

// Both halves play together: same speed, same pause, each looping its own clip.
void App::updateCompare(double dt) {
    if (!m_compareScene) return;
    m_compareScene->speed = m_scene.speed;
    m_compareScene->playing = m_scene.playing;
    m_compareScene->update(dt);
    if (m_compareScene->refine()) m_redrawFrames = std::max(m_redrawFrames, 1);
    const core::StretchMotion* motion = m_compareScene->stretch();
    if (!motion || !m_compareScene->stretchFrame() ||
        m_compareSafetyRevision == m_compareScene->revision())
        return;
    m_compareSafety =
        core::assessContact(motion->surface(), *m_compareScene->stretchFrame(), motion->stretch());
    m_compareSafetyRevision = m_compareScene->revision();
}

void App::drawCompare(glm::ivec2 fb, int msaaSamples) {
    const int half = fb.x / 2;
    m_rig.setLensShift(0.0f, compareShiftY());
    const core::Scene* scenes[2] = {&m_scene, m_compareScene.get()};
    const core::RegionStates* marks[2] = {&m_frameMarks, &m_compareMarks};
    for (int i = 0; i < 2; ++i) {
        const int width = i == 0 ? half : fb.x - half;
        gfx::FrameView v = gfx::frameViewFor(*scenes[i], m_rig.camera(), width, fb.y);
        v.msaaSamples = msaaSamples;
        v.regions = *marks[i];
        v.xray = m_ui.xray;
        v.skinOpacity = m_ui.skinOpacity;
        v.skinColor = skinColour();
        v.effectTime = m_effectTime;
        m_renderer->renderOffscreen(v);
        m_renderer->blitToWindow(i == 0 ? 0 : half, 0);
    }
}

// The halves keep their tops for the captions and their bottoms for the transport bar.
float App::compareShiftY() const {
    const glm::ivec2 ws = m_window->windowSize();
    if (ws.y <= 0) return 0.0f;
    const float em = std::round(kBaseFontPx * m_ui.contentScale * m_ui.uiScale);
    const float bottom = transportBarHeight(em) / float(ws.y);
    return bottom - kCompareHeaderShare;
}

}  // namespace ra::app
