// StretchLimbs: the arms and legs after the body is placed: a limb resting on the floor reaches
// down to it with its support, any other limb comes up out of it (least change of its root
// joint's flexion and abduction, within the range-of-motion table).
#include <algorithm>
#include <cmath>

#include "core/AnatomicalPose.h"
#include "core/StretchMotion.h"
#include "core/StretchPlacement.h"
#include "core/StretchSchema.h"

namespace ra::core {

void StretchMotion::buildLimbs() {
    const ModelData& model = m_surface->model();
    const Primitive& skin = m_surface->skin();
    const std::vector<int>& skinJoints = model.skins[size_t(m_surface->skinIndex())].joints;
    const std::pair<const char*, const char*> roots[] = {{"shoulder_l", "upper_arm_l"},
                                                         {"shoulder_r", "upper_arm_r"},
                                                         {"hip_l", "thigh_l"},
                                                         {"hip_r", "thigh_r"}};
    std::vector<uint32_t> supports[2] = {m_supports[0], m_supports[1]};
    for (auto& list : supports) std::sort(list.begin(), list.end());
    for (const auto& [joint, rigNode] : roots) {
        const int top = m_surface->joints().node(rigNode);
        if (top < 0) continue;
        Limb limb;
        limb.root = joint;
        auto inLimb = [&](int node) {
            for (int n = node; n >= 0; n = model.nodes[size_t(n)].parent)
                if (n == top) return true;
            return false;
        };
        for (uint32_t v = 0; v < uint32_t(skin.positions.size()); ++v) {
            const glm::vec4& w = skin.weights[v];
            int k = 0;
            for (int i = 1; i < 4; ++i)
                if (w[i] > w[k]) k = i;
            const size_t j = skin.joints[v][k];
            if (j >= skinJoints.size() || !inLimb(skinJoints[j])) continue;
            limb.all.push_back(v);
            if (v % 2 == 0) limb.skin.push_back(v);
            for (int side = 0; side < 2; ++side)
                if (std::binary_search(supports[side].begin(), supports[side].end(), v))
                    limb.support[side].push_back(v);
        }
        m_limbs.push_back(std::move(limb));
    }
}

bool StretchMotion::settleLimbs(StretchFrame& f, Pose& pose, const Placement& p) const {
    const BodySurface& s = *m_surface;
    const glm::mat3 rot = glm::mat3_cast(p.orientation);
    const glm::vec3 up{rot[0].y, rot[1].y, rot[2].y};  // a point's height is dot(up, q) + lift
    const std::vector<uint32_t> touch = s.patch(contactPoint(f.contact), 0.0f);
    const bool switching = f.kind == PhaseKind::Switch;
    constexpr float kLimbTolerance = 0.002f;  // closer to the floor than this is resting on it
    constexpr float kTolerance = 0.0005f, kStepDegrees = 2.0f;
    // Limbs on their way between the sides may move further out of the floor's way.
    const float kMaxChange = switching ? 45.0f : 20.0f;
    // A support comes down to (or up to) the floor; any other limb only comes up out of it, to
    // rest just clear of it, so the body placed again meets the floor with its own supports.
    constexpr float kRest = 0.001f;
    bool changed = false;
    std::vector<glm::vec3> posed;
    for (const Limb& limb : m_limbs) {
        if (std::binary_search(limb.all.begin(), limb.all.end(), touch.front()))
            continue;  // it carries the roller
        const std::vector<uint32_t>& support = limb.support[f.side];
        const JointAngles authored = f.pose.joints[limb.root];
        // Within the joint's range (or where the pose already is, if it lies outside).
        JointRange range{-360.0f, 360.0f, -360.0f, 360.0f, -360.0f, 360.0f};
        if (auto it = m_rom.joints.find(schema::rangeJoint(limb.root)); it != m_rom.joints.end())
            range = it->second;
        range.flexionMin = std::min(range.flexionMin, authored.flexion);
        range.flexionMax = std::max(range.flexionMax, authored.flexion);
        range.abductionMin = std::min(range.abductionMin, authored.abduction);
        range.abductionMax = std::max(range.abductionMax, authored.abduction);
        struct Heights {
            float limb = 1e9f, support = 1e9f;
        };
        auto heights = [&](const JointAngles& a) {
            f.pose.joints[limb.root] = a;
            applyAnatomicalPose(s.model(), s.joints(), f.pose, pose);
            const std::vector<glm::mat4> jm = s.jointMatrices(pose);
            Heights h;
            s.skinned(jm, limb.skin, posed);
            for (const glm::vec3& q : posed) h.limb = std::min(h.limb, glm::dot(up, q) + p.lift);
            if (!support.empty() && !switching) {
                s.skinned(jm, support, posed);
                for (const glm::vec3& q : posed)
                    h.support = std::min(h.support, glm::dot(up, q) + p.lift);
            }
            return h;
        };
        // The support reaches for the floor only where it is the limb's bottom (a knee lower
        // than the foot would need the knee joint too: that is the pose's business).
        const Heights h0 = heights(authored);
        const bool reach = h0.support < 1e8f && h0.support < h0.limb + 0.01f;
        auto error = [&](const JointAngles& a) {
            const Heights h = heights(a);
            return reach ? std::min(h.support, h.limb) + kFloorSink : h.limb - kRest;
        };
        JointAngles a = authored;
        float e = error(a);
        if (reach ? std::abs(e) < kLimbTolerance : h0.limb + kFloorSink > -kLimbTolerance) continue;
        for (int iteration = 0; iteration < 3 && std::abs(e) > kTolerance; ++iteration) {
            // The least change of flexion and abduction that moves the limb by -e (linearised).
            JointAngles df = a, da = a;
            df.flexion += kStepDegrees;
            da.abduction += kStepDegrees;
            const glm::vec2 g{(error(df) - e) / kStepDegrees, (error(da) - e) / kStepDegrees};
            const float g2 = glm::dot(g, g);
            if (g2 < 1e-10f) break;
            glm::vec2 step = -e * g / g2;
            if (glm::length(step) > kMaxChange) step *= kMaxChange / glm::length(step);
            a.flexion = std::clamp(a.flexion + step.x,
                                   std::max(authored.flexion - kMaxChange, range.flexionMin),
                                   std::min(authored.flexion + kMaxChange, range.flexionMax));
            a.abduction = std::clamp(a.abduction + step.y,
                                     std::max(authored.abduction - kMaxChange, range.abductionMin),
                                     std::min(authored.abduction + kMaxChange, range.abductionMax));
            e = error(a);
            changed = true;
        }
        f.pose.joints[limb.root] = a;
    }
    applyAnatomicalPose(s.model(), s.joints(), f.pose, pose);
    return changed;
}

}  // namespace ra::core
