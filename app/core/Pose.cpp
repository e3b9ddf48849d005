// Pose: rest pose, keyframe sampling (LINEAR with shortest-path slerp, STEP, glTF CUBICSPLINE),
// world matrices, joint matrices and CPU linear-blend skinning. Pure functions of their inputs.
#include "core/Pose.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace ra::core {

namespace {

struct KeySpan {
    size_t k0 = 0;   // key at or before t
    size_t k1 = 0;   // key after t (== k0 when t is outside the keys)
    float s = 0.0f;  // 0..1 between them
    float dt = 0.0f;
};

KeySpan findKeys(const std::vector<float>& times, float t) {
    KeySpan span;
    if (times.empty() || t <= times.front()) return span;
    if (t >= times.back()) {
        span.k0 = span.k1 = times.size() - 1;
        return span;
    }
    const size_t k1 = size_t(std::upper_bound(times.begin(), times.end(), t) - times.begin());
    span.k0 = k1 - 1;
    span.k1 = k1;
    span.dt = times[k1] - times[k1 - 1];
    span.s = span.dt > 0.0f ? (t - times[k1 - 1]) / span.dt : 0.0f;
    return span;
}

// Element `index` (of `width` floats) of a channel's output array as a vec4 (w = 0 for vec3).
glm::vec4 element(const std::vector<float>& values, size_t index, size_t width) {
    glm::vec4 v(0.0f);
    if ((index + 1) * width > values.size()) return v;
    for (size_t i = 0; i < width; ++i) v[int(i)] = values[index * width + i];
    return v;
}

glm::quat toQuat(const glm::vec4& v) {
    return glm::quat(v.w, v.x, v.y, v.z);
}  // xyzw in file

glm::quat slerpShortest(glm::quat a, glm::quat b, float s) {
    if (glm::dot(a, b) < 0.0f) b = -b;
    const float cosTheta = glm::clamp(glm::dot(a, b), -1.0f, 1.0f);
    if (cosTheta > 0.9995f) return glm::normalize(a * (1.0f - s) + b * s);  // nearly parallel
    const float theta = std::acos(cosTheta);
    const float sinTheta = std::sin(theta);
    return glm::normalize(a * (std::sin((1.0f - s) * theta) / sinTheta) +
                          b * (std::sin(s * theta) / sinTheta));
}

// glTF 2.0 Appendix C: p(s) = (2s^3 - 3s^2 + 1) v0 + td (s^3 - 2s^2 + s) b0
//                            + (-2s^3 + 3s^2) v1 + td (s^3 - s^2) a1
glm::vec4 hermite(const std::vector<float>& values, size_t width, const KeySpan& k) {
    const glm::vec4 v0 = element(values, 3 * k.k0 + 1, width);
    if (k.k0 == k.k1) return v0;
    const glm::vec4 b0 = element(values, 3 * k.k0 + 2, width);
    const glm::vec4 a1 = element(values, 3 * k.k1 + 0, width);
    const glm::vec4 v1 = element(values, 3 * k.k1 + 1, width);
    const float s = k.s, s2 = s * s, s3 = s2 * s;
    return (2 * s3 - 3 * s2 + 1) * v0 + k.dt * (s3 - 2 * s2 + s) * b0 + (-2 * s3 + 3 * s2) * v1 +
           k.dt * (s3 - s2) * a1;
}

glm::vec4 sampleValue(const AnimationChannel& ch, float t, size_t width) {
    const KeySpan k = findKeys(ch.times, t);
    switch (ch.interpolation) {
        case Interpolation::Step:
            return element(ch.values, k.k0, width);
        case Interpolation::CubicSpline:
            return hermite(ch.values, width, k);
        case Interpolation::Linear:
            break;
    }
    const glm::vec4 a = element(ch.values, k.k0, width);
    const glm::vec4 b = element(ch.values, k.k1, width);
    if (width == 4) {
        const glm::quat q = slerpShortest(toQuat(a), toQuat(b), k.s);
        return {q.x, q.y, q.z, q.w};
    }
    return glm::mix(a, b, k.s);
}

void applyChannel(const AnimationChannel& ch, float t, LocalTransform& local) {
    if (ch.times.empty()) return;
    const size_t width = ch.path == AnimPath::Rotation ? 4 : 3;
    const glm::vec4 v = sampleValue(ch, t, width);
    switch (ch.path) {
        case AnimPath::Translation:
            local.translation = glm::vec3(v);
            break;
        case AnimPath::Scale:
            local.scale = glm::vec3(v);
            break;
        case AnimPath::Rotation: {
            const glm::quat q = toQuat(v);
            const float len = glm::length(q);
            if (len > 1e-12f && std::isfinite(len)) local.rotation = q / len;
            break;
        }
    }
}

void resetToRest(const ModelData& model, Pose& pose) {
    pose.local.resize(model.nodes.size());
    for (size_t i = 0; i < model.nodes.size(); ++i) {
        const Node& n = model.nodes[i];
        pose.local[i] = {n.translation, n.rotation, n.scale};
    }
}

}  // namespace

glm::mat4 LocalTransform::matrix() const {
    return glm::translate(glm::mat4(1.0f), translation) * glm::mat4_cast(rotation) *
           glm::scale(glm::mat4(1.0f), scale);
}

Pose restPose(const ModelData& model) {
    Pose pose;
    resetToRest(model, pose);
    computeWorld(model, pose);
    return pose;
}

void sampleAnimation(const ModelData& model, int animation, float t, Pose& pose) {
    resetToRest(model, pose);
    assert(animation >= 0 && size_t(animation) < model.animations.size());
    if (animation >= 0 && size_t(animation) < model.animations.size()) {
        const Animation& anim = model.animations[size_t(animation)];
        const float time = std::isfinite(t) ? std::clamp(t, 0.0f, anim.duration) : 0.0f;
        for (const auto& ch : anim.channels)
            if (ch.node >= 0 && size_t(ch.node) < pose.local.size())
                applyChannel(ch, time, pose.local[size_t(ch.node)]);
    }
    computeWorld(model, pose);
}

void computeWorld(const ModelData& model, Pose& pose) {
    const size_t n = model.nodes.size();
    if (pose.local.size() != n) resetToRest(model, pose);
    pose.world.assign(n, glm::mat4(1.0f));
    std::vector<bool> done(n, false);
    std::vector<size_t> stack;
    // Start from every parentless node, then from anything left over (only possible in a
    // hand-built model with a loop), so each node is visited once, after its parent.
    for (int pass = 0; pass < 2; ++pass) {
        for (size_t root = 0; root < n; ++root) {
            if (done[root] || (pass == 0 && model.nodes[root].parent >= 0)) continue;
            pose.world[root] = pose.local[root].matrix();
            done[root] = true;
            stack.push_back(root);
            while (!stack.empty()) {
                const size_t p = stack.back();
                stack.pop_back();
                for (int c : model.nodes[p].children) {
                    if (c < 0 || size_t(c) >= n || done[size_t(c)]) continue;
                    pose.world[size_t(c)] = pose.world[p] * pose.local[size_t(c)].matrix();
                    done[size_t(c)] = true;
                    stack.push_back(size_t(c));
                }
            }
        }
    }
}

std::vector<glm::mat4> jointMatrices(const ModelData& model, int skin, const Pose& pose) {
    assert(skin >= 0 && size_t(skin) < model.skins.size());
    std::vector<glm::mat4> mats;
    if (skin < 0 || size_t(skin) >= model.skins.size()) return mats;
    const Skin& s = model.skins[size_t(skin)];
    mats.resize(s.joints.size(), glm::mat4(1.0f));
    for (size_t j = 0; j < s.joints.size(); ++j) {
        const int node = s.joints[j];
        const glm::mat4 ibm = j < s.inverseBind.size() ? s.inverseBind[j] : glm::mat4(1.0f);
        if (node >= 0 && size_t(node) < pose.world.size()) mats[j] = pose.world[size_t(node)] * ibm;
    }
    return mats;
}

glm::vec3 skinPosition(const glm::vec3& p, const glm::u16vec4& joints, const glm::vec4& weights,
                       const std::vector<glm::mat4>& jointMats) {
    glm::vec4 sum(0.0f);
    for (int k = 0; k < 4; ++k) {
        if (weights[k] == 0.0f || joints[k] >= jointMats.size()) continue;
        sum += weights[k] * (jointMats[joints[k]] * glm::vec4(p, 1.0f));
    }
    return glm::vec3(sum);
}

Bounds poseBounds(const ModelData& model, const Pose& pose) {
    Bounds b;
    std::vector<std::vector<glm::mat4>> jointCache(model.skins.size());
    for (size_t i = 0; i < model.nodes.size() && i < pose.world.size(); ++i) {
        const Node& node = model.nodes[i];
        if (node.mesh < 0 || size_t(node.mesh) >= model.meshes.size()) continue;
        const bool hasSkin = node.skin >= 0 && size_t(node.skin) < model.skins.size();
        if (hasSkin && jointCache[size_t(node.skin)].empty())
            jointCache[size_t(node.skin)] = jointMatrices(model, node.skin, pose);
        for (const Primitive& prim : model.meshes[size_t(node.mesh)].primitives) {
            // Skinned vertices land in model space through the joints; the glTF spec says the
            // mesh node's own transform is ignored for them.
            const size_t n = prim.positions.size();
            if (hasSkin && prim.skinned() && prim.joints.size() >= n && prim.weights.size() >= n) {
                const auto& mats = jointCache[size_t(node.skin)];
                for (size_t v = 0; v < n; ++v)
                    b.add(skinPosition(prim.positions[v], prim.joints[v], prim.weights[v], mats));
            } else {
                for (const glm::vec3& p : prim.positions)
                    b.add(glm::vec3(pose.world[i] * glm::vec4(p, 1.0f)));
            }
        }
    }
    return b;
}

}  // namespace ra::core
