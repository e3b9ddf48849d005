// ScenePicker: picking on a Scene as it plays: keeps a SkinPicker on the body's skin in the
// scene's current pose, skinning on the CPU and refitting only when the scene has changed, so a
// window can pick under the mouse every frame.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/BodySurface.h"
#include "core/Picking.h"
#include "core/Scene.h"
#include "core/SkinPicker.h"

namespace ra::core {

class ScenePicker {
public:
    // `body` is the surface of the model the scenes picked on show.
    explicit ScenePicker(std::shared_ptr<const BodySurface> body) : m_body(std::move(body)) {}

    // What the ray meets in the scene (see pickRegion), the skin brought to the scene's pose
    // first when it changed. A scene showing another model than the body's gives background.
    PickResult pick(const Scene& scene, const Ray& ray);
    // Brings the skin to the scene's pose: skins, then refits (or builds) the tree when the scene
    // or its revision differs from the last call's. True when it did that work.
    bool sync(const Scene& scene);

    const SkinPicker& skin() const { return m_skin; }
    // The body's skin in world space as the last sync() skinned it.
    const std::vector<glm::vec3>& worldPositions() const { return m_world; }

private:
    std::shared_ptr<const BodySurface> m_body;
    SkinPicker m_skin;
    std::vector<glm::vec3> m_world;
    const Scene* m_scene = nullptr;
    uint64_t m_revision = 0;
};

}  // namespace ra::core
