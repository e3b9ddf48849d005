// Body: polygonize the spec's field, bind the skin (nearest bone segment of the owning shape, then
// diffusion over the mesh for smooth weights), paint regions, add the x-ray skeleton and the clip.
#include "core/Body.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <numeric>

#include "core/BodyField.h"
#include "core/BodySkeleton.h"
#include "core/BodyAnimation.h"
#include "core/BodyRig.h"
#include "core/RegionTable.h"
#include "core/SurfaceNets.h"

namespace ra::core {

using namespace rig;

namespace {

// Weight diffusion spreads about sqrt(steps) edges: 24 steps at 8.3 mm cells blend ~4 cm across
// each joint. Coarser grids take fewer steps so that the blend keeps its width in metres.
int weightDiffusionSteps(float cellSize) {
    const float r = 0.0083f / cellSize;
    return std::max(4, int(std::lround(24.0f * r * r)));
}

// Each joint's bone runs to its main child; ends of chains extend their parent's direction.
std::array<BoneSegment, kJointCount> boneSegments(const Rig& rig, float scale) {
    const std::pair<Joint, Joint> next[] = {{Joint::Pelvis, Joint::LumbarOne},
                                            {Joint::LumbarOne, Joint::LumbarTwo},
                                            {Joint::LumbarTwo, Joint::ThoracicOne},
                                            {Joint::ThoracicOne, Joint::ThoracicTwo},
                                            {Joint::ThoracicTwo, Joint::ThoracicThree},
                                            {Joint::ThoracicThree, Joint::NeckOne},
                                            {Joint::NeckOne, Joint::NeckTwo},
                                            {Joint::NeckTwo, Joint::Head},
                                            {Joint::ClavicleL, Joint::UpperArmL},
                                            {Joint::ClavicleR, Joint::UpperArmR},
                                            {Joint::UpperArmL, Joint::ForearmL},
                                            {Joint::UpperArmR, Joint::ForearmR},
                                            {Joint::ForearmL, Joint::HandL},
                                            {Joint::ForearmR, Joint::HandR},
                                            {Joint::ThighL, Joint::ShinL},
                                            {Joint::ThighR, Joint::ShinR},
                                            {Joint::ShinL, Joint::FootL},
                                            {Joint::ShinR, Joint::FootR},
                                            {Joint::FootL, Joint::ToesL},
                                            {Joint::FootR, Joint::ToesR}};
    std::array<BoneSegment, kJointCount> seg{};
    for (int j = 0; j < kJointCount; ++j) seg[j] = {rig.rest[j], rig.rest[j]};
    for (auto [from, to] : next) seg[idx(from)].b = rig.rest[idx(to)];
    auto extend = [&](Joint j, Joint parent, float length) {
        const glm::vec3 d = glm::normalize(rig.rest[idx(j)] - rig.rest[idx(parent)]);
        seg[idx(j)].b = rig.rest[idx(j)] + d * length * scale;
    };
    seg[idx(Joint::Head)].b = rig.rest[idx(Joint::Head)] + glm::vec3(0.0f, 0.17f * scale, 0.0f);
    for (int side = 0; side < 2; ++side) {
        extend(sided(Joint::HandL, side), sided(Joint::ForearmL, side), 0.15f);
        extend(sided(Joint::ToesL, side), sided(Joint::FootL, side), 0.06f);
    }
    return seg;
}

float segmentDistance(const BoneSegment& s, const glm::vec3& p) {
    const glm::vec3 ab = s.b - s.a;
    const float len2 = glm::dot(ab, ab);
    const float t = len2 > 0.0f ? std::clamp(glm::dot(p - s.a, ab) / len2, 0.0f, 1.0f) : 0.0f;
    return glm::length(p - (s.a + t * ab));
}

int jointIndex(const Rig& rig, const std::string& name) {
    for (int j = 0; j < kJointCount; ++j)
        if (rig.names[j] == name) return j;
    return -1;
}

std::vector<std::vector<uint32_t>> neighbours(const TriMesh& m) {
    std::vector<std::vector<uint32_t>> n(m.positions.size());
    for (size_t t = 0; t + 2 < m.indices.size(); t += 3)
        for (int k = 0; k < 3; ++k) {
            const uint32_t a = m.indices[t + size_t(k)], b = m.indices[t + size_t((k + 1) % 3)];
            n[a].push_back(b);
            n[b].push_back(a);
        }
    for (auto& v : n) {
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
    }
    return n;
}

// Smooths per-vertex vectors over the mesh: each step moves a vertex halfway to its neighbours'
// mean. Deterministic (fixed order, double buffered).
template <size_t N>
void diffuse(std::vector<std::array<float, N>>& values,
             const std::vector<std::vector<uint32_t>>& nb, int steps) {
    std::vector<std::array<float, N>> next(values.size());
    for (int s = 0; s < steps; ++s) {
        for (size_t v = 0; v < values.size(); ++v) {
            std::array<float, N> mean{};
            for (uint32_t u : nb[v])
                for (size_t k = 0; k < N; ++k) mean[k] += values[u][k];
            const float inv = nb[v].empty() ? 0.0f : 1.0f / float(nb[v].size());
            for (size_t k = 0; k < N; ++k)
                next[v][k] =
                    nb[v].empty() ? values[v][k] : 0.5f * values[v][k] + 0.5f * mean[k] * inv;
        }
        values.swap(next);
    }
}

// The four largest entries of `w`, normalised, as glTF JOINTS_0/WEIGHTS_0 (weights snapped to
// 2^-16 so the sum stays exactly 1 after writing).
template <size_t N>
void topFour(const std::array<float, N>& w, glm::u16vec4& joints, glm::vec4& weights) {
    std::array<int, N> order;
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return w[a] > w[b]; });
    float sum = 0.0f;
    for (int k = 0; k < 4; ++k) sum += w[order[k]];
    joints = glm::u16vec4(0);
    weights = glm::vec4(0.0f);
    float acc = 0.0f;
    int largest = 0;
    for (int k = 0; k < 4; ++k) {
        joints[k] = uint16_t(order[k]);
        const float q = std::round(w[order[k]] / sum * 65536.0f) / 65536.0f;
        weights[k] = q;
        acc += q;
    }
    weights[largest] += 1.0f - acc;
    for (int k = 0; k < 4; ++k)
        if (weights[k] <= 0.0f) weights[k] = 0.0f, joints[k] = 0;
}

// --- skin binding --------------------------------------------------------------------------

void bindSkin(const BodySpec& spec, const BodyField& field, const Rig& rig, const TriMesh& mesh,
              const std::vector<std::vector<uint32_t>>& nb, Primitive& prim) {
    const auto seg = boneSegments(rig, spec.scale());
    std::vector<std::array<float, kJointCount>> w(mesh.positions.size());
    for (size_t v = 0; v < mesh.positions.size(); ++v) {
        const glm::vec3 p = mesh.positions[v];
        const BodyField::Owner o = field.owner(p);
        std::vector<int> candidates;
        if (o.group >= 0)
            for (const auto& name :
                 spec.groups[size_t(o.group)].primitives[size_t(o.primitive)].bones)
                if (int j = jointIndex(rig, name); j >= 0) candidates.push_back(j);
        if (candidates.empty())
            for (int j = 0; j < kJointCount; ++j) candidates.push_back(j);
        int best = candidates.front();
        float bestD = 1e9f;
        for (int j : candidates)
            if (float d = segmentDistance(seg[j], p); d < bestD) bestD = d, best = j;
        w[v].fill(0.0f);
        w[v][size_t(best)] = 1.0f;
    }
    diffuse(w, nb, weightDiffusionSteps(spec.cellSize));
    prim.joints.resize(w.size());
    prim.weights.resize(w.size());
    for (size_t v = 0; v < w.size(); ++v) topFour(w[v], prim.joints[v], prim.weights[v]);
}

// --- regions -------------------------------------------------------------------------------

float smoothstep(float e0, float e1, float x) {
    const float t = std::clamp((x - e0) / (e1 - e0), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

bool paintRegions(const BodySpec& spec, const std::vector<RegionInfo>& table, const Rig& rig,
                  const TriMesh& mesh, Primitive& prim, Diagnostics& diags) {
    struct Paint {
        int region;
        const RegionPaint* src;
        std::vector<glm::mat3> toLocal;
        std::vector<int> bones;
    };
    std::vector<Paint> paints;
    bool ok = true;
    for (size_t i = 0; i < spec.regions.size(); ++i) {
        const RegionPaint& rp = spec.regions[i];
        auto id = findRegion(table, rp.region);
        if (!id) {
            diags.error(spec.file, "/regions",
                        "paints region \"" + rp.region + "\", which is not in the region table");
            ok = false;
            continue;
        }
        Paint p{int(id->value), &rp, {}, {}};
        for (const RegionVolume& v : rp.volumes) {
            if (v.kind == ShapeKind::Ellipsoid) {
                p.toLocal.push_back(eulerToLocal(v.rotationDeg));
            } else {
                const glm::vec3 y = glm::normalize(v.b - v.a);
                const glm::vec3 ref =
                    std::abs(y.z) < 0.9f ? glm::vec3(0, 0, 1) : glm::vec3(0, 1, 0);
                const glm::vec3 z = glm::normalize(ref - glm::dot(ref, y) * y);
                p.toLocal.push_back(glm::transpose(glm::mat3(glm::cross(y, z), y, z)));
            }
        }
        for (const auto& b : rp.bones) {
            const int j = jointIndex(rig, b);
            if (j < 0) {
                diags.error(spec.file, "/regions",
                            "region \"" + rp.region + "\" names an unknown bone \"" + b + "\"");
                ok = false;
            }
            p.bones.push_back(j);
        }
        paints.push_back(std::move(p));
    }
    if (!ok) return false;

    const size_t n = mesh.positions.size();
    prim.regionIds.assign(n, glm::u8vec4(0));
    prim.regionWeights.assign(n, glm::u8vec4(255, 0, 0, 0));
    std::vector<float> member(table.size());
    for (size_t v = 0; v < n; ++v) {
        std::fill(member.begin(), member.end(), 0.0f);
        const glm::vec3 pos = mesh.positions[v];
        const glm::vec3 nrm = mesh.normals.empty() ? glm::vec3(0.0f) : mesh.normals[v];
        for (const Paint& p : paints) {
            float inside = 1e9f;
            for (size_t k = 0; k < p.src->volumes.size(); ++k) {
                const RegionVolume& vol = p.src->volumes[k];
                inside = std::min(inside, shapeDistance(vol.kind, vol.a, vol.b, vol.radii,
                                                        p.toLocal[k], vol.squash, pos));
            }
            float m = smoothstep(p.src->feather, -p.src->feather, inside);
            if (m <= 0.0f) continue;
            if (!p.bones.empty()) {
                float follow = 0.0f;
                for (int k = 0; k < 4; ++k)
                    for (int b : p.bones)
                        if (prim.joints[v][k] == b) follow += prim.weights[v][k];
                m *= smoothstep(0.2f, 0.6f, follow);
            }
            if (glm::length(p.src->facing) > 0.0f)
                m *= smoothstep(-0.15f, 0.35f, glm::dot(nrm, glm::normalize(p.src->facing)));
            member[size_t(p.region)] = std::max(member[size_t(p.region)], m);
        }
        float total = 0.0f;
        for (size_t r = 1; r < member.size(); ++r) total += member[r];
        if (total > 1.0f)
            for (size_t r = 1; r < member.size(); ++r) member[r] /= total;
        member[0] = std::max(0.0f, 1.0f - std::min(total, 1.0f));
        // Four strongest, in 1/255 steps that sum to exactly 255.
        std::vector<int> order(member.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return member[size_t(a)] > member[size_t(b)]; });
        float sum = 0.0f;
        for (int k = 0; k < 4 && k < int(order.size()); ++k) sum += member[size_t(order[k])];
        int acc = 0;
        glm::u8vec4 ids(0), ws(0);
        for (int k = 0; k < 4 && k < int(order.size()); ++k) {
            const int q = int(std::lround(member[size_t(order[k])] / sum * 255.0f));
            ids[k] = uint8_t(q > 0 ? order[k] : 0);
            ws[k] = uint8_t(q);
            acc += q;
        }
        ws[0] = uint8_t(int(ws[0]) + 255 - acc);
        prim.regionIds[v] = ids;
        prim.regionWeights[v] = ws;
    }
    return true;
}

// --- skeleton --------------------------------------------------------------------------------

SkeletonFrame skeletonFrame(const BodySpec& spec, const Rig& rig) {
    const float s = spec.scale();
    SkeletonFrame f = defaultSkeletonFrame(spec.height);
    auto at = [&](Joint j) { return rig.rest[idx(j)]; };
    f.skullBase = at(Joint::Head);
    f.c7t1 = at(Joint::NeckOne);
    f.t12l1 = at(Joint::ThoracicOne);
    f.l5s1 = at(Joint::LumbarOne);
    for (int side = 0; side < 2; ++side) {
        f.shoulderJoint[side] = at(sided(Joint::UpperArmL, side));
        f.hipJoint[side] = at(sided(Joint::ThighL, side));
        f.knee[side] = at(sided(Joint::ShinL, side));
    }
    auto v = [&](const char* name, float fallback) {
        auto it = spec.values.find(name);
        return (it == spec.values.end() ? fallback : it->second) * s;
    };
    f.ribCageHalfWidth = v("ribCageHalfWidth", f.ribCageHalfWidth / s);
    return f;
}

// Which spine joint a vertebra at rest height y moves with: the highest at or below it.
int spineJointFor(const Rig& rig, float y) {
    const Joint spine[] = {Joint::Head,          Joint::NeckTwo,     Joint::NeckOne,
                           Joint::ThoracicThree, Joint::ThoracicTwo, Joint::ThoracicOne,
                           Joint::LumbarTwo,     Joint::LumbarOne,   Joint::Pelvis};
    for (Joint j : spine)
        if (rig.rest[idx(j)].y <= y + 1e-4f) return idx(j);
    return idx(Joint::Pelvis);
}

int pieceJoint(const Rig& rig, const BonePiece& piece) {
    switch (piece.kind) {
        case BoneKind::Vertebra:
        case BoneKind::Rib:
        case BoneKind::Sternum:
            return spineJointFor(rig, piece.anchor.y);
        case BoneKind::Sacrum:
        case BoneKind::Pelvis:
            return idx(Joint::Pelvis);
        case BoneKind::Scapula:
            return idx(sided(Joint::ClavicleL, std::max(piece.side, 0)));
        case BoneKind::Femur:
            return idx(sided(Joint::ThighL, std::max(piece.side, 0)));
    }
    return idx(Joint::Pelvis);
}

uint8_t pieceRegion(const std::vector<RegionInfo>& table, const BonePiece& piece) {
    const char* id = nullptr;
    if (piece.kind == BoneKind::Vertebra)
        id = piece.name[0] == 'L'   ? "lumbar_spine"
             : piece.name[0] == 'C' ? "cervical_spine"
                                    : "thoracic_erectors";
    if (!id) return 0;
    auto r = findRegion(table, id);
    return r ? uint8_t(r->value) : 0;
}

// --- assembly --------------------------------------------------------------------------------

glm::vec3 snap(const glm::vec3& v) {
    return quantize(v);
}

void addRig(const Rig& rig, ModelData& model) {
    for (int i = 0; i < kJointCount; ++i) {
        Node n;
        n.name = std::string(rig.names[i]);
        n.parent = rig.parents[i];
        n.translation = n.parent < 0 ? rig.rest[i] : rig.rest[i] - rig.rest[n.parent];
        model.nodes.push_back(n);
        if (n.parent >= 0) model.nodes[size_t(n.parent)].children.push_back(i);
    }
    Skin skin;
    skin.name = "body_skin";
    skin.skeleton = idx(Joint::Pelvis);
    for (int i = 0; i < kJointCount; ++i) {
        skin.joints.push_back(i);
        skin.inverseBind.push_back(glm::translate(glm::mat4{1.0f}, -rig.rest[i]));
    }
    model.skins.push_back(skin);
}

void addSkeleton(const BodySpec& spec, const std::vector<RegionInfo>& table, const Rig& rig,
                 ModelData& model) {
    const int boneMaterial = int(model.materials.size());
    Material bone;
    bone.name = "bone";
    bone.baseColor = {0.80f, 0.75f, 0.62f, 1.0f};
    bone.roughness = 0.7f;
    model.materials.push_back(bone);
    for (BonePiece& piece : buildSkeleton(skeletonFrame(spec, rig))) {
        const int joint = pieceJoint(rig, piece);
        Primitive p;
        p.material = boneMaterial;
        const uint8_t region = pieceRegion(table, piece);
        for (size_t v = 0; v < piece.mesh.positions.size(); ++v) {
            p.positions.push_back(snap(piece.mesh.positions[v] - rig.rest[joint]));
            p.normals.push_back(snap(piece.mesh.normals[v]));
            p.regionIds.push_back(glm::u8vec4(region, 0, 0, 0));
            p.regionWeights.push_back(glm::u8vec4(255, 0, 0, 0));
        }
        p.indices = std::move(piece.mesh.indices);
        Mesh mesh;
        mesh.name = piece.name;
        mesh.layer = MeshLayer::Skeleton;
        mesh.primitives.push_back(std::move(p));
        model.meshes.push_back(std::move(mesh));
        Node n;
        n.name = "bone_" + piece.name;
        n.parent = joint;
        n.mesh = int(model.meshes.size()) - 1;
        model.nodes.push_back(n);
        model.nodes[size_t(joint)].children.push_back(int(model.nodes.size()) - 1);
    }
}

DemoSkin demoSkin(const BodySpec& spec, const Rig& rig, const Primitive& prim) {
    DemoSkin d;
    d.primitive = &prim;
    const float s = spec.scale();
    auto follows = [&](size_t v, std::initializer_list<Joint> js) {
        float w = 0.0f;
        for (int k = 0; k < 4; ++k)
            for (Joint j : js)
                if (prim.joints[v][k] == idx(j)) w += prim.weights[v][k];
        return w;
    };
    for (size_t v = 0; v < prim.positions.size(); ++v) {
        const float leg = follows(v, {Joint::ThighL, Joint::ThighR, Joint::ShinL, Joint::ShinR,
                                      Joint::FootL, Joint::FootR, Joint::ToesL, Joint::ToesR});
        const float arm = follows(v, {Joint::UpperArmL, Joint::UpperArmR, Joint::ForearmL,
                                      Joint::ForearmR, Joint::HandL, Joint::HandR});
        if (leg < 0.5f) d.trunk.push_back(uint32_t(v));
        if (leg < 0.3f && arm < 0.3f && prim.positions[v].y < rig.rest[idx(Joint::Head)].y) {
            d.torso.push_back(uint32_t(v));
            if (prim.positions[v].y < 1.0f * s) d.seat.push_back(uint32_t(v));
        }
    }
    return d;
}

}  // namespace

std::optional<ModelData> buildBody(const BodySpec& spec, const std::vector<RegionInfo>& regions,
                                   Diagnostics& diags, const BodyOptions& options) {
    Rig rig;
    std::string missing;
    if (!rigFromJoints(spec.joints, rig, missing)) {
        diags.error(spec.file, "/joints", "joint \"" + missing + "\" is missing");
        return std::nullopt;
    }
    const BodyField field(spec);
    PolygonizeOptions po;
    po.cellSize = spec.cellSize * spec.scale();
    po.boxMin = field.boundsMin(4.0f * po.cellSize);
    po.boxMax = field.boundsMax(4.0f * po.cellSize);
    po.boxMin.y = -3.0f * po.cellSize;
    po.threads = options.threads;
    TriMesh mesh = polygonize(field, po);
    if (mesh.positions.empty()) {
        diags.error(spec.file, "/groups", "the shapes enclose nothing");
        return std::nullopt;
    }
    for (auto& p : mesh.positions) p = snap(p);
    for (auto& n : mesh.normals) n = snap(n);
    const auto nb = neighbours(mesh);

    ModelData model;
    model.sourcePath = spec.name;
    model.regions = regions;
    addRig(rig, model);
    Primitive skin;
    skin.positions = mesh.positions;
    skin.normals = mesh.normals;
    skin.indices = mesh.indices;
    skin.material = 0;
    bindSkin(spec, field, rig, mesh, nb, skin);
    if (!paintRegions(spec, regions, rig, mesh, skin, diags)) return std::nullopt;

    Material matte;
    matte.name = "skin";
    matte.baseColor = {0.58f, 0.47f, 0.40f, 1.0f};  // linear; a warm neutral skin tone
    matte.roughness = 0.8f;
    model.materials.push_back(matte);

    Animation demo;
    if (options.animation) demo = buildDemoAnimation(rig, demoSkin(spec, rig, skin));
    Mesh skinMesh;
    skinMesh.name = "body";
    skinMesh.primitives.push_back(std::move(skin));
    model.meshes.push_back(std::move(skinMesh));
    Node body;
    body.name = "body";
    body.mesh = 0;
    body.skin = 0;
    model.nodes.push_back(body);
    model.roots = {idx(Joint::Pelvis), int(model.nodes.size()) - 1};
    if (options.skeleton) addSkeleton(spec, regions, rig, model);
    if (options.animation) model.animations.push_back(std::move(demo));
    return model;
}

std::optional<ModelData> buildBodyFromFiles(const std::string& specPath,
                                            const std::string& regionsPath, Diagnostics& diags,
                                            const BodyOptions& options) {
    auto spec = loadBodySpec(specPath, diags);
    auto table = loadRegionTable(regionsPath, diags);
    if (!spec || !table) return std::nullopt;
    return buildBody(*spec, *table, diags, options);
}

}  // namespace ra::core
