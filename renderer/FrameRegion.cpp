// FrameRegion: the multisampled rectangle of a frame and the boxes that bound a posed model.
#include "renderer/FrameRegion.h"

#include <algorithm>
#include <cmath>

namespace ra::gfx {
namespace {

int snapDown(int v, int align) {
    return int(std::floor(float(v) / float(align))) * align;
}

int snapUp(int v, int align) {
    return int(std::ceil(float(v) / float(align))) * align;
}

}  // namespace

void ScreenRect::add(const core::Bounds& box, const glm::mat4& clipFromBox) {
    if (!box.valid()) return;
    const glm::vec2 size{float(m_width), float(m_height)};
    for (int i = 0; i < 8; ++i) {
        const glm::vec3 corner{(i & 1) ? box.max.x : box.min.x, (i & 2) ? box.max.y : box.min.y,
                               (i & 4) ? box.max.z : box.min.z};
        const glm::vec4 clip = clipFromBox * glm::vec4(corner, 1.0f);
        if (!(clip.w > 1e-5f)) {
            // At or behind the eye the corner has no place on screen; the box may cover it all.
            m_everything = true;
            return;
        }
        const glm::vec2 px = (glm::vec2(clip) / clip.w * 0.5f + 0.5f) * size;
        m_lo = glm::min(m_lo, px);
        m_hi = glm::max(m_hi, px);
    }
}

PixelRect ScreenRect::pixels(int margin, int align) const {
    const PixelRect whole{0, 0, m_width, m_height};
    if (m_everything || m_lo.x > m_hi.x) return whole;
    // Clamped before rounding: a corner close to the eye plane projects arbitrarily far out.
    const glm::vec2 limit{float(m_width + 1), float(m_height + 1)};
    const glm::ivec2 lo(glm::floor(glm::clamp(m_lo, glm::vec2(-1.0f), limit)));
    const glm::ivec2 hi(glm::ceil(glm::clamp(m_hi, glm::vec2(-1.0f), limit)));
    PixelRect r{snapDown(lo.x - margin, align), snapDown(lo.y - margin, align),
                snapUp(hi.x + margin, align), snapUp(hi.y + margin, align)};
    r.x0 = std::clamp(r.x0, 0, m_width);
    r.x1 = std::clamp(r.x1, 0, m_width);
    r.y0 = std::clamp(r.y0, 0, m_height);
    r.y1 = std::clamp(r.y1, 0, m_height);
    return r;
}

std::vector<PixelRect> bandsAround(const PixelRect& inner, int width, int height) {
    const PixelRect bands[] = {
        {0, 0, width, inner.y0},
        {0, inner.y1, width, height},
        {0, inner.y0, inner.x0, inner.y1},
        {inner.x1, inner.y0, width, inner.y1},
    };
    std::vector<PixelRect> out;
    for (const PixelRect& b : bands)
        if (!b.empty()) out.push_back(b);
    return out;
}

void PosedBoxes::addSkinned(const core::Primitive& prim, Skin& skin, size_t jointCount) {
    const size_t n = prim.positions.size();
    if (prim.joints.size() < n || prim.weights.size() < n) {
        m_bounded = false;
        return;
    }
    for (size_t v = 0; v < n; ++v) {
        const glm::vec4 w = prim.weights[v];
        // The hull argument needs weights that are convex (the loader normalises them).
        if (glm::any(glm::lessThan(w, glm::vec4(0.0f))) ||
            std::abs(w.x + w.y + w.z + w.w - 1.0f) > 1e-3f) {
            m_bounded = false;
            return;
        }
        for (int k = 0; k < 4; ++k) {
            if (w[k] <= 0.0f) continue;
            const size_t j = prim.joints[v][k];
            if (j >= jointCount) {
                m_bounded = false;
                return;
            }
            skin.joints[j].add(prim.positions[v]);
        }
        skin.bindPose.add(prim.positions[v]);
    }
}

void PosedBoxes::build(const core::ModelData& model) {
    m_skins.assign(model.skins.size(), {});
    for (size_t s = 0; s < model.skins.size(); ++s)
        m_skins[s].joints.resize(model.skins[s].joints.size());
    m_rigid.clear();
    m_bounded = true;
    for (size_t n = 0; n < model.nodes.size(); ++n) {
        const core::Node& node = model.nodes[n];
        if (node.mesh < 0 || size_t(node.mesh) >= model.meshes.size()) continue;
        const bool hasSkin = node.skin >= 0 && size_t(node.skin) < model.skins.size();
        for (const core::Primitive& prim : model.meshes[size_t(node.mesh)].primitives) {
            if (hasSkin && prim.skinned()) {
                Skin& skin = m_skins[size_t(node.skin)];
                addSkinned(prim, skin, skin.joints.size());
                continue;
            }
            core::Bounds local;
            for (const glm::vec3& p : prim.positions) local.add(p);
            if (local.valid()) m_rigid.push_back({n, local});
        }
    }
}

bool PosedBoxes::collect(const core::Pose& pose, const std::vector<std::vector<glm::mat4>>& joints,
                         std::vector<PlacedBox>& out) const {
    if (!m_bounded) return false;
    const size_t first = out.size();
    for (size_t s = 0; s < m_skins.size(); ++s) {
        const Skin& skin = m_skins[s];
        if (s >= joints.size() || joints[s].empty()) {
            if (skin.bindPose.valid()) out.push_back({skin.bindPose, glm::mat4(1.0f)});
            continue;
        }
        if (joints[s].size() < skin.joints.size()) {
            out.resize(first);
            return false;
        }
        for (size_t j = 0; j < skin.joints.size(); ++j)
            if (skin.joints[j].valid()) out.push_back({skin.joints[j], joints[s][j]});
    }
    for (const Rigid& r : m_rigid) {
        if (r.node >= pose.world.size()) {
            out.resize(first);
            return false;
        }
        out.push_back({r.local, pose.world[r.node]});
    }
    return true;
}

}  // namespace ra::gfx
