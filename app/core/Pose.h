// Pose: the animated state of a model's node hierarchy at one instant, and the math that turns it
// into joint matrices for linear-blend skinning (the same formula the vertex shader uses).
#pragma once

#include <glm/glm.hpp>
#include <vector>

#include "core/ModelData.h"

namespace ra::core {

struct LocalTransform {
    glm::vec3 translation{0.0f};
    glm::quat rotation{1.0f, 0.0f, 0.0f, 0.0f};
    glm::vec3 scale{1.0f};
    glm::mat4 matrix() const;
};

struct Pose {
    std::vector<LocalTransform> local;  // one per node
    std::vector<glm::mat4> world;       // one per node, model space
};

// The rest pose (node TRS from the file) with world matrices computed.
Pose restPose(const ModelData& model);

// Samples `animation` at time t (seconds, clamped to [0, duration]) over the rest pose and
// recomputes world matrices. Pure function of its arguments.
void sampleAnimation(const ModelData& model, int animation, float t, Pose& pose);

// world[i] = world[parent] * local[i], parents before children (iterative, cycle-safe).
void computeWorld(const ModelData& model, Pose& pose);

// jointMatrix[j] = world[skin.joints[j]] * inverseBind[j]; skinned vertices land in model space.
std::vector<glm::mat4> jointMatrices(const ModelData& model, int skin, const Pose& pose);

// CPU linear-blend skinning of one vertex, the reference for the shader's formula:
// p' = sum_k w_k * (J[j_k] * vec4(p, 1)).
glm::vec3 skinPosition(const glm::vec3& p, const glm::u16vec4& joints, const glm::vec4& weights,
                       const std::vector<glm::mat4>& jointMats);

// Axis-aligned bounds of every mesh vertex in `pose` (skinned where skinned). min > max if empty.
struct Bounds {
    glm::vec3 min{1e30f};
    glm::vec3 max{-1e30f};
    bool valid() const { return min.x <= max.x; }
    glm::vec3 center() const { return (min + max) * 0.5f; }
    glm::vec3 size() const { return max - min; }
    void add(const glm::vec3& p) {
        min = glm::min(min, p);
        max = glm::max(max, p);
    }
};
Bounds poseBounds(const ModelData& model, const Pose& pose);

}  // namespace ra::core
