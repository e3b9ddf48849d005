// ScenePicker: the skin brought up to the scene's pose only when the scene's revision moved.
#include "core/ScenePicker.h"

#include "core/SafetyMonitor.h"

namespace ra::core {

bool ScenePicker::sync(const Scene& scene) {
    if (!m_body || scene.model() != &m_body->model()) return false;
    if (m_scene == &scene && m_revision == scene.revision() && !m_skin.empty()) return false;
    worldSkin(*m_body, scene.pose(), scene.modelToWorld(), m_world);
    m_skin.update(m_body->skin(), m_world);
    m_scene = &scene;
    m_revision = scene.revision();
    return true;
}

PickResult ScenePicker::pick(const Scene& scene, const Ray& ray) {
    if (!m_body || scene.model() != &m_body->model()) return {};
    sync(scene);
    return pickRegion(scene, *m_body, m_skin, ray);
}

}  // namespace ra::core
