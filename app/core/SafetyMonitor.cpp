// SafetyMonitor: contact patch from the skinned mesh, region shares from the vertex labels,
// the nearest vertebra, and the warning text.
#include "core/SafetyMonitor.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace ra::core {
namespace {

bool isStopLine(const std::string& id) {
    return id == "lower_rib_border" || id == "knee_joint";
}

const RegionInfo* regionInfo(const ModelData& m, const std::string& id) {
    for (const auto& r : m.regions)
        if (r.id == id) return &r;
    return nullptr;
}

std::string warning(const ModelData& m, const SafetyReport& r, const Stretch& stretch) {
    if (r.zones.empty()) return "";
    const RegionInfo* z = regionInfo(m, r.zones.front());
    std::string name = z ? z->name : r.zones.front();
    std::string text = "Roller on the " + name;
    if (!r.vertebra.empty() && r.zones.front() != "lower_rib_border")
        text += " (" + r.vertebra + ")";
    text += r.level == SafetyLevel::NoGo ? ": no-go zone."
                                         : (r.stopLine ? ": stop line." : ": go gently.");
    if (stretch.mistake && !stretch.mistake->instead.empty())
        text += " " + stretch.mistake->instead;
    else if (r.stopLine)
        text += " Stop and roll back the other way.";
    else if (r.level == SafetyLevel::NoGo)
        text += " Move the roller off it.";
    return text;
}

}  // namespace

bool overTheSpine(const std::string& regionId) {
    return regionId == "thoracic_erectors" || regionId == "lumbar_spine" ||
           regionId == "cervical_spine" || regionId == "upper_back" || regionId == "neck_extensors";
}

const char* safetyLevelName(SafetyLevel l) {
    switch (l) {
        case SafetyLevel::Ok:
            return "ok";
        case SafetyLevel::Caution:
            return "caution";
        case SafetyLevel::NoGo:
            return "no-go";
    }
    return "ok";
}

float rollerDistance(const Roller& roller, const glm::vec3& p) {
    const glm::vec3 d = p - roller.center;
    const float along = glm::dot(d, roller.axis);
    const glm::vec3 radial = d - along * roller.axis;
    const float side = std::abs(along) - roller.length * 0.5f;
    const float rad = glm::length(radial) - roller.radius;
    if (side <= 0.0f) return rad;
    return rad <= 0.0f ? side : std::sqrt(side * side + rad * rad);
}

void worldSkin(const BodySurface& surface, const Pose& pose, const glm::mat4& modelToWorld,
               std::vector<glm::vec3>& out) {
    surface.skinnedAll(surface.jointMatrices(pose), out);
    for (glm::vec3& p : out) p = glm::vec3(modelToWorld * glm::vec4(p, 1.0f));
}

void worldSkin(const BodySurface& surface, const MotionFrame& frame, std::vector<glm::vec3>& out) {
    worldSkin(surface, frame.pose, frame.modelToWorld, out);
}

SafetyReport assessContact(const BodySurface& surface, const MotionFrame& frame,
                           const Stretch& stretch, std::vector<glm::vec3>* skinOut) {
    std::vector<glm::vec3> local;
    std::vector<glm::vec3>& skin = skinOut ? *skinOut : local;
    if (skin.empty()) worldSkin(surface, frame, skin);
    const ModelData& m = surface.model();
    const Primitive& prim = surface.skin();
    SafetyReport r;
    std::vector<uint32_t> touching;
    glm::vec3 centre{0.0f};
    for (size_t v = 0; v < skin.size(); ++v) {
        if (rollerDistance(frame.roller, skin[v]) > kContactDistance) continue;
        touching.push_back(uint32_t(v));
        centre += skin[v];
    }
    if (touching.empty()) return r;
    r.inContact = true;
    r.contact = centre / float(touching.size());
    // The roller presses hardest at the middle of the contact: weigh skin by its distance from
    // there, so the region under the middle leads (a roller across the back touches the lats at
    // its ends, but it is on the spine).
    std::map<int, float> shares;
    float total = 0.0f;
    for (uint32_t v : touching) {
        const float d = glm::length(skin[v] - r.contact) / kContactFalloff;
        const float w = std::exp(-d * d);
        total += w;
        if (prim.regionIds.empty()) continue;
        for (int k = 0; k < 4; ++k)
            if (prim.regionWeights[v][k])
                shares[prim.regionIds[v][k]] += w * prim.regionWeights[v][k] / 255.0f;
    }
    for (const auto& [id, w] : shares)
        if (id >= 0 && size_t(id) < m.regions.size())
            r.regions.push_back({m.regions[size_t(id)].id, w / total});
    std::sort(r.regions.begin(), r.regions.end(),
              [](const RegionShare& a, const RegionShare& b) { return a.share > b.share; });
    for (const RegionShare& s : r.regions) {
        const RegionInfo* info = regionInfo(m, s.id);
        if (!info || s.id == "skin") continue;
        if (r.region.empty()) r.region = s.id;
        if (s.share < kZoneShare) continue;
        if (info->kind == RegionKind::NoGo) {
            r.level = SafetyLevel::NoGo;
            r.zones.insert(r.zones.begin(), s.id);
        } else if (info->kind == RegionKind::Caution) {
            if (r.level == SafetyLevel::Ok) r.level = SafetyLevel::Caution;
            r.zones.push_back(s.id);
        }
        if (isStopLine(s.id)) r.stopLine = true;
    }
    bool back = false;
    for (const RegionShare& s : r.regions)
        back = back || (overTheSpine(s.id) && s.share >= kZoneShare);
    if (back)
        r.vertebra =
            surface.vertebralLevel(frame.pose, frame.modelToWorld, r.contact, kVertebraReach);
    r.strokeCmPerS = frame.strokeSpeed * 100.0f;
    if (frame.strokeSpeed > kFastStroke) {
        r.tooFast = true;
        if (r.level == SafetyLevel::Ok) r.level = SafetyLevel::Caution;
    }
    // A mistake demo whose stretch done right rests on a support the demo lifts (the hips in
    // the thoracic extension): on the roller, the body rides it instead of bending over it.
    if (stretch.mistake && frame.timeline.kind != PhaseKind::Switch) {
        for (const std::string& id0 : stretch.mistake->supportsDoneRight) {
            const std::string id = frame.timeline.side == 0 ? id0 : mirroredName(id0);
            const auto at = surface.landmarkPoint(id);
            if (!at) continue;
            float low = 1e9f;
            for (uint32_t v : surface.patch(*at, surface.landmarkRadius(id)))
                low = std::min(low, skin[v].y);
            if (low > kSupportLifted) {
                r.lifted = id;
                if (r.level == SafetyLevel::Ok) r.level = SafetyLevel::Caution;
                break;
            }
        }
    }
    r.message = warning(m, r, stretch);
    if (!r.lifted.empty() && r.zones.empty()) {
        std::string name = r.lifted;
        if (name.size() > 2 && (name.ends_with("_l") || name.ends_with("_r")))
            name.resize(name.size() - 2);
        std::replace(name.begin(), name.end(), '_', ' ');
        r.message = "Lifted off the floor: " + name + ".";
        if (!stretch.mistake->instead.empty()) r.message += " " + stretch.mistake->instead;
    }
    if (r.tooFast && r.zones.empty()) {
        r.message = "Rolling too fast: slow strokes of about 2.5 cm a second let the tissue relax.";
        if (stretch.mistake && !stretch.mistake->instead.empty())
            r.message += " " + stretch.mistake->instead;
    }
    return r;
}

}  // namespace ra::core
