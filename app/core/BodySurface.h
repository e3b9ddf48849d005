// BodySurface: our body model seen as a surface the roller and the floor touch: its skin mesh,
// the landmarks resolved to skin points in the rest pose, skin patches around points, the
// vertebrae (for levels like "T7"), and CPU skinning of any subset of skin vertices.
#pragma once

#include <glm/glm.hpp>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/AnatomicalPose.h"
#include "core/ModelData.h"
#include "core/Pose.h"
#include "core/Stretch.h"

namespace ra::core {

struct Vertebra {
    std::string name;    // "C1".."L5"
    int node = -1;       // the x-ray piece's node
    glm::vec3 centroid;  // in that node's space
};

class BodySurface {
public:
    // nullopt with `error` when the model lacks our rig, a skin mesh or a landmark's source.
    static std::optional<BodySurface> build(std::shared_ptr<const ModelData> model,
                                            const std::vector<Landmark>& landmarks,
                                            std::string& error);

    const ModelData& model() const { return *m_model; }
    const std::shared_ptr<const ModelData>& modelShared() const { return m_model; }
    const Primitive& skin() const { return *m_skin; }
    int skinIndex() const { return m_skinIndex; }  // into model().skins
    const BodyJoints& joints() const { return m_joints; }
    const std::vector<Vertebra>& vertebrae() const { return m_vertebrae; }

    // A landmark's skin point in the rest pose, and its patch radius.
    std::optional<glm::vec3> landmarkPoint(const std::string& id) const;
    float landmarkRadius(const std::string& id) const;
    // Skin vertices within `radius` of a rest-pose point (at least the nearest one).
    std::vector<uint32_t> patch(const glm::vec3& restPoint, float radius) const;

    // Model-space skinned positions of `vertices` (all of them when empty) in `pose`.
    std::vector<glm::mat4> jointMatrices(const Pose& pose) const;
    void skinned(const std::vector<glm::mat4>& jointMats, const std::vector<uint32_t>& vertices,
                 std::vector<glm::vec3>& out) const;
    void skinnedAll(const std::vector<glm::mat4>& jointMats, std::vector<glm::vec3>& out) const;
    // Unit skin normals of `vertices` in the pose.
    void skinnedNormals(const std::vector<glm::mat4>& jointMats,
                        const std::vector<uint32_t>& vertices, std::vector<glm::vec3>& out) const;
    // The model-space centre of each vertebra in `pose` (pose.world must be current).
    std::vector<glm::vec3> vertebraCentres(const Pose& pose) const;
    // The vertebra ("T7") whose centre in `pose`, placed by `modelToWorld`, lies nearest a world
    // point and within `reach` metres; with `withSacrum` the sacrum ("sacrum") counts as a level
    // too. "" when none lies that near.
    std::string vertebralLevel(const Pose& pose, const glm::mat4& modelToWorld,
                               const glm::vec3& worldPoint, float reach,
                               bool withSacrum = false) const;

private:
    std::shared_ptr<const ModelData> m_model;
    const Primitive* m_skin = nullptr;
    int m_skinIndex = 0;
    BodyJoints m_joints;
    std::vector<Vertebra> m_vertebrae;
    std::optional<Vertebra> m_sacrum;  // the sacrum's x-ray piece, when the model has one
    struct Resolved {
        std::string id;
        glm::vec3 point;
        float radius;
    };
    std::vector<Resolved> m_landmarks;
    // The rest skin's vertices bucketed in kCell cubes, so a patch looks at a few buckets only.
    static constexpr float kCell = 0.05f;
    std::unordered_map<uint64_t, std::vector<uint32_t>> m_cells;
    static uint64_t cellKey(int x, int y, int z);
};

}  // namespace ra::core
