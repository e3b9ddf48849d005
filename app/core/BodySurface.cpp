// BodySurface: landmark resolution (a ray from a bone point to where it leaves the skin), skin
// patches and subset skinning.
#include "core/BodySurface.h"

#include <algorithm>
#include <cmath>

namespace ra::core {
namespace {

// Where a ray from inside the body first leaves the skin: the nearest vertex ahead that lies
// within `width` of the ray.
std::optional<glm::vec3> exitPoint(const Primitive& skin, const glm::vec3& from,
                                   const glm::vec3& dir) {
    for (float width : {0.012f, 0.025f, 0.05f}) {
        float best = 1e9f;
        std::optional<glm::vec3> hit;
        for (const glm::vec3& v : skin.positions) {
            const glm::vec3 d = v - from;
            const float t = glm::dot(d, dir);
            if (t <= 0.0f || t >= best) continue;
            if (glm::length(d - t * dir) < width) best = t, hit = v;
        }
        if (hit) return hit;
    }
    return std::nullopt;
}

glm::vec3 origin(const glm::mat4& m) {
    return glm::vec3(m[3]);
}

// The x-ray pieces "bone_C1".."bone_L5" as vertebrae, in the model's node order, and the sacrum.
void collectVertebrae(const ModelData& model, std::vector<Vertebra>& vertebrae,
                      std::optional<Vertebra>& sacrum) {
    for (size_t n = 0; n < model.nodes.size(); ++n) {
        const Node& node = model.nodes[n];
        if (node.name.rfind("bone_", 0) != 0 || node.mesh < 0 ||
            size_t(node.mesh) >= model.meshes.size())
            continue;
        const std::string piece = node.name.substr(5);
        const bool vertebra = piece.size() >= 2 &&
                              (piece[0] == 'C' || piece[0] == 'T' || piece[0] == 'L') &&
                              std::isdigit(static_cast<unsigned char>(piece[1]));
        if (!vertebra && piece != "sacrum") continue;
        const auto& prims = model.meshes[size_t(node.mesh)].primitives;
        if (prims.empty()) continue;
        glm::vec3 c{0.0f};
        for (const glm::vec3& p : prims[0].positions) c += p;
        const Vertebra v{piece, int(n), c / float(std::max<size_t>(1, prims[0].positions.size()))};
        if (vertebra)
            vertebrae.push_back(v);
        else
            sacrum = v;
    }
}

}  // namespace

std::optional<BodySurface> BodySurface::build(std::shared_ptr<const ModelData> model,
                                              const std::vector<Landmark>& landmarks,
                                              std::string& error) {
    BodySurface s;
    s.m_model = model;
    std::string missing;
    auto joints = BodyJoints::find(*model, missing);
    if (!joints) {
        error = model->sourcePath + " has no joint \"" + missing + "\" of our body rig";
        return std::nullopt;
    }
    s.m_joints = *joints;
    for (const Node& n : model->nodes) {
        if (n.mesh < 0 || n.skin < 0) continue;
        const Mesh& m = model->meshes[size_t(n.mesh)];
        if (m.layer == MeshLayer::Skin && !m.primitives.empty() && m.primitives[0].skinned()) {
            s.m_skin = &m.primitives[0];
            s.m_skinIndex = n.skin;
            break;
        }
    }
    if (!s.m_skin) {
        error = model->sourcePath + " has no skinned skin mesh";
        return std::nullopt;
    }
    for (size_t v = 0; v < s.m_skin->positions.size(); ++v) {
        const glm::ivec3 c = glm::ivec3(glm::floor(s.m_skin->positions[v] / kCell));
        s.m_cells[cellKey(c.x, c.y, c.z)].push_back(uint32_t(v));
    }
    const Pose rest = restPose(*model);
    collectVertebrae(*model, s.m_vertebrae, s.m_sacrum);
    for (const Landmark& l : landmarks) {
        glm::vec3 from;
        if (!l.vertebra.empty()) {
            auto v = std::find_if(s.m_vertebrae.begin(), s.m_vertebrae.end(),
                                  [&](const Vertebra& x) { return x.name == l.vertebra; });
            if (v == s.m_vertebrae.end()) {
                error = "landmark " + l.id + ": the model has no vertebra " + l.vertebra;
                return std::nullopt;
            }
            from = glm::vec3(rest.world[size_t(v->node)] * glm::vec4(v->centroid, 1.0f));
        } else {
            const int a = s.m_joints.node(l.bone[0]), b = s.m_joints.node(l.bone[1]);
            if (a < 0 || b < 0) {
                error = "landmark " + l.id + ": no rig joint " + (a < 0 ? l.bone[0] : l.bone[1]);
                return std::nullopt;
            }
            const glm::vec3 pa = origin(rest.world[size_t(a)]), pb = origin(rest.world[size_t(b)]);
            from = pa + (pb - pa) * l.at;
        }
        auto hit = exitPoint(*s.m_skin, from, glm::normalize(l.facing));
        if (!hit) {
            error = "landmark " + l.id + ": no skin found in its facing direction";
            return std::nullopt;
        }
        s.m_landmarks.push_back({l.id, *hit, l.radius});
    }
    return s;
}

std::optional<glm::vec3> BodySurface::landmarkPoint(const std::string& id) const {
    for (const auto& l : m_landmarks)
        if (l.id == id) return l.point;
    return std::nullopt;
}

float BodySurface::landmarkRadius(const std::string& id) const {
    for (const auto& l : m_landmarks)
        if (l.id == id) return l.radius;
    return 0.04f;
}

uint64_t BodySurface::cellKey(int x, int y, int z) {
    return (uint64_t(uint32_t(x + 1024)) << 42) | (uint64_t(uint32_t(y + 1024)) << 21) |
           uint64_t(uint32_t(z + 1024));
}

std::vector<uint32_t> BodySurface::patch(const glm::vec3& restPoint, float radius) const {
    std::vector<uint32_t> out;
    const float r2 = radius * radius;
    const glm::ivec3 lo = glm::ivec3(glm::floor((restPoint - radius) / kCell));
    const glm::ivec3 hi = glm::ivec3(glm::floor((restPoint + radius) / kCell));
    for (int x = lo.x; x <= hi.x; ++x)
        for (int y = lo.y; y <= hi.y; ++y)
            for (int z = lo.z; z <= hi.z; ++z) {
                auto it = m_cells.find(cellKey(x, y, z));
                if (it == m_cells.end()) continue;
                for (uint32_t v : it->second) {
                    const glm::vec3 d = m_skin->positions[v] - restPoint;
                    if (glm::dot(d, d) < r2) out.push_back(v);
                }
            }
    std::sort(out.begin(), out.end());  // the same order as a plain scan: deterministic sums
    if (!out.empty()) return out;
    uint32_t nearest = 0;  // nothing within the radius: the nearest vertex
    float best = 1e9f;
    for (size_t v = 0; v < m_skin->positions.size(); ++v) {
        const glm::vec3 d = m_skin->positions[v] - restPoint;
        if (float d2 = glm::dot(d, d); d2 < best) best = d2, nearest = uint32_t(v);
    }
    return {nearest};
}

std::vector<glm::mat4> BodySurface::jointMatrices(const Pose& pose) const {
    return core::jointMatrices(*m_model, m_skinIndex, pose);
}

void BodySurface::skinned(const std::vector<glm::mat4>& jm, const std::vector<uint32_t>& vertices,
                          std::vector<glm::vec3>& out) const {
    out.resize(vertices.size());
    for (size_t i = 0; i < vertices.size(); ++i) {
        const uint32_t v = vertices[i];
        out[i] = skinPosition(m_skin->positions[v], m_skin->joints[v], m_skin->weights[v], jm);
    }
}

void BodySurface::skinnedAll(const std::vector<glm::mat4>& jm, std::vector<glm::vec3>& out) const {
    const size_t n = m_skin->positions.size();
    out.resize(n);
    for (size_t v = 0; v < n; ++v)
        out[v] = skinPosition(m_skin->positions[v], m_skin->joints[v], m_skin->weights[v], jm);
}

void BodySurface::skinnedNormals(const std::vector<glm::mat4>& jm,
                                 const std::vector<uint32_t>& vertices,
                                 std::vector<glm::vec3>& out) const {
    out.resize(vertices.size());
    for (size_t i = 0; i < vertices.size(); ++i) {
        const uint32_t v = vertices[i];
        glm::mat3 m(0.0f);
        for (int k = 0; k < 4; ++k)
            m += m_skin->weights[v][k] * glm::mat3(jm[m_skin->joints[v][k]]);
        const glm::vec3 n = m_skin->normals.empty() ? glm::vec3(0, 0, 1) : m * m_skin->normals[v];
        const float len = glm::length(n);
        out[i] = len > 0.0f ? n / len : glm::vec3(0, 0, 1);
    }
}

std::string BodySurface::vertebralLevel(const Pose& pose, const glm::mat4& modelToWorld,
                                        const glm::vec3& worldPoint, float reach,
                                        bool withSacrum) const {
    const std::vector<glm::vec3> centres = vertebraCentres(pose);
    std::string level;
    float best = reach;
    for (size_t i = 0; i < centres.size(); ++i) {
        const glm::vec3 w = glm::vec3(modelToWorld * glm::vec4(centres[i], 1.0f));
        const float d = glm::length(w - worldPoint);
        if (d < best) best = d, level = m_vertebrae[i].name;
    }
    // Last, so that a point as near a lumbar vertebra as the sacrum keeps the vertebra.
    if (withSacrum && m_sacrum && size_t(m_sacrum->node) < pose.world.size()) {
        const glm::vec3 c =
            glm::vec3(pose.world[size_t(m_sacrum->node)] * glm::vec4(m_sacrum->centroid, 1.0f));
        const glm::vec3 w = glm::vec3(modelToWorld * glm::vec4(c, 1.0f));
        if (glm::length(w - worldPoint) < best) level = m_sacrum->name;
    }
    return level;
}

std::vector<glm::vec3> BodySurface::vertebraCentres(const Pose& pose) const {
    std::vector<glm::vec3> out;
    for (const Vertebra& v : m_vertebrae)
        out.push_back(glm::vec3(pose.world[size_t(v.node)] * glm::vec4(v.centroid, 1.0f)));
    return out;
}

}  // namespace ra::core
