// MannequinShape: the sizes of every skin tube of the default figure and the spatial weight
// fields that bind them to the rig (spine by height, limbs by distance along the bone).
#include "core/MannequinShape.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/MannequinTube.h"

namespace ra::core::mannequin {
namespace {

// Spine, neck and head: each vertex blends the two spine bones around its height.
Influences spineField(const Rig& rig, const glm::vec3& p) {
    static constexpr Joint kChain[] = {Joint::Pelvis,      Joint::LumbarOne,   Joint::LumbarTwo,
                                       Joint::ThoracicOne, Joint::ThoracicTwo, Joint::ThoracicThree,
                                       Joint::NeckOne,     Joint::NeckTwo,     Joint::Head};
    constexpr int n = static_cast<int>(std::size(kChain));
    Influences out;
    float carried = 1.0f;  // product of the ramps of the joints below
    for (int k = 1; k < n; ++k) {
        const float y = rig.rest[idx(kChain[k])].y;
        const float below = y - rig.rest[idx(kChain[k - 1])].y;
        const float above = k + 1 < n ? rig.rest[idx(kChain[k + 1])].y - y : below;
        const float r = 0.45f * std::min(below, above);
        const float s = ramp(-r, r, p.y - y);
        out.add(idx(kChain[k - 1]), carried * (1.0f - s));
        carried *= s;
    }
    out.add(idx(Joint::Head), carried);
    return out;
}

// Torso: the spine field, with the upper outer corners following the clavicles.
Influences torsoField(const Rig& rig, const glm::vec3& p) {
    const Influences spine = spineField(rig, p);
    const float c = ramp(0.07f, 0.15f, std::abs(p.x)) * ramp(1.29f, 1.38f, p.y);
    Influences out;
    for (int i = 0; i < spine.count; ++i) out.add(spine.joint[i], spine.weight[i] * (1.0f - c));
    out.add(idx(sided(Joint::ClavicleL, p.x >= 0.0f ? 0 : 1)), c);
    return out;
}

// Arm chain clavicle -> upper arm -> forearm -> hand, by distance along the straight rest arm.
Influences armField(const Rig& rig, int side, const glm::vec3& p) {
    const glm::vec3 s = rig.rest[idx(sided(Joint::UpperArmL, side))];
    const glm::vec3 e = rig.rest[idx(sided(Joint::ForearmL, side))];
    const glm::vec3 w = rig.rest[idx(sided(Joint::HandL, side))];
    const float upper = glm::length(e - s), lower = glm::length(w - e);
    const float t = glm::dot(p - s, (e - s) / upper);
    const float sh = ramp(-0.035f, 0.04f, t);
    const float el = ramp(upper - 0.04f, upper + 0.04f, t);
    const float wr = ramp(upper + lower - 0.02f, upper + lower + 0.025f, t);
    Influences out;
    out.add(idx(sided(Joint::ClavicleL, side)), 1.0f - sh);
    out.add(idx(sided(Joint::UpperArmL, side)), sh * (1.0f - el));
    out.add(idx(sided(Joint::ForearmL, side)), sh * el * (1.0f - wr));
    out.add(idx(sided(Joint::HandL, side)), sh * el * wr);
    return out;
}

// Leg chain pelvis -> thigh -> shin -> foot -> toes; the ankle blend also fades out forward of
// the ankle so the top of the foot stays with the foot.
Influences legField(const Rig& rig, int side, const glm::vec3& p) {
    const glm::vec3 hip = rig.rest[idx(sided(Joint::ThighL, side))];
    const glm::vec3 knee = rig.rest[idx(sided(Joint::ShinL, side))];
    const glm::vec3 ankle = rig.rest[idx(sided(Joint::FootL, side))];
    const glm::vec3 ball = rig.rest[idx(sided(Joint::ToesL, side))];
    const float h = ramp(-0.05f, 0.06f, hip.y - p.y);
    const float k = ramp(-0.045f, 0.045f, knee.y - p.y);
    const float forward =
        ramp(0.03f, 0.07f, p.z - ankle.z) * (1.0f - ramp(0.02f, 0.06f, p.y - ankle.y));
    const float a = std::max(ramp(-0.025f, 0.03f, ankle.y - p.y), forward);
    const float t = ramp(-0.02f, 0.02f, p.z - ball.z);
    Influences out;
    out.add(idx(Joint::Pelvis), 1.0f - h);
    out.add(idx(sided(Joint::ThighL, side)), h * (1.0f - k));
    out.add(idx(sided(Joint::ShinL, side)), h * k * (1.0f - a));
    out.add(idx(sided(Joint::FootL, side)), h * k * a * (1.0f - t));
    out.add(idx(sided(Joint::ToesL, side)), h * k * a * t);
    return out;
}

Section sec(float x, float y, float z, float halfWidth, float halfDepth) {
    return {{x, y, z}, halfWidth, halfDepth};
}

// Torso and neck as one tube so the trapezius slopes into the neck without a seam.
TubeSpec torsoSpec(const Rig& rig) {
    TubeSpec t;
    t.sections = {sec(0, 0.868f, -0.006f, 0.060f, 0.068f), sec(0, 0.895f, -0.010f, 0.098f, 0.090f),
                  sec(0, 0.930f, -0.013f, 0.138f, 0.106f), sec(0, 0.970f, -0.007f, 0.160f, 0.111f),
                  sec(0, 1.020f, 0.000f, 0.150f, 0.101f),  sec(0, 1.070f, 0.005f, 0.137f, 0.094f),
                  sec(0, 1.115f, 0.008f, 0.134f, 0.094f),  sec(0, 1.165f, 0.012f, 0.142f, 0.100f),
                  sec(0, 1.220f, 0.015f, 0.153f, 0.109f),  sec(0, 1.280f, 0.016f, 0.162f, 0.114f),
                  sec(0, 1.335f, 0.012f, 0.168f, 0.110f),  sec(0, 1.385f, 0.002f, 0.173f, 0.100f),
                  sec(0, 1.422f, -0.010f, 0.168f, 0.086f), sec(0, 1.452f, -0.020f, 0.135f, 0.072f),
                  sec(0, 1.478f, -0.026f, 0.080f, 0.062f), sec(0, 1.500f, -0.026f, 0.058f, 0.058f),
                  sec(0, 1.550f, -0.014f, 0.053f, 0.056f), sec(0, 1.600f, 0.002f, 0.050f, 0.052f)};
    for (size_t i = 14; i < t.sections.size(); ++i) t.sections[i].exponent = 2.0f;  // round neck
    t.side = {1, 0, 0};
    t.front = {0, 0, 1};
    t.exponent = 2.4f;
    t.startCap = 0.025f;
    t.endCap = 0.03f;
    t.segments = 48;
    t.weights = [&rig](const glm::vec3& p) { return torsoField(rig, p); };
    return t;
}

// Egg: wider at the cranium, tilted so the narrow end is the chin; sampled by polar angle so
// the sections crowd towards both tips.
TubeSpec headSpec() {
    TubeSpec t;
    const glm::vec3 axis = glm::normalize(glm::vec3{0.0f, 1.0f, -0.30f});
    const glm::vec3 centre{0.0f, 1.640f, 0.008f};
    const float halfLength = 0.118f, halfWidth = 0.077f, halfDepth = 0.097f;
    constexpr int kSections = 16;
    constexpr float kTip = 0.07f;  // radians left open at each tip, closed by a flat cap
    for (int i = 0; i < kSections; ++i) {
        const float a = kTip + (std::numbers::pi_v<float> - 2.0f * kTip) * static_cast<float>(i) /
                                   static_cast<float>(kSections - 1);
        const float s = -std::cos(a);
        const float f = std::sin(a) * (1.0f + 0.12f * s);
        t.sections.push_back({centre + axis * (halfLength * s), halfWidth * f, halfDepth * f});
    }
    t.startCap = t.endCap = halfLength * (1.0f - std::cos(kTip));
    t.side = {1, 0, 0};
    t.front = {0, 0, 1};
    t.segments = 40;
    t.ringsPerSpan = 2;
    t.weights = [](const glm::vec3&) {
        Influences i;
        i.add(idx(Joint::Head), 1.0f);
        return i;
    };
    return t;
}

void appendPart(const std::string& name, const TubeSpec& spec, MannequinSkin& skin) {
    const auto first = static_cast<uint32_t>(skin.primitive.positions.size());
    appendTube(spec, skin.primitive);
    const auto count = static_cast<uint32_t>(skin.primitive.positions.size()) - first;
    skin.parts.push_back({name, first, count});
}

// Left-side tubes are written once; the right side mirrors them through x = 0.
TubeSpec mirrored(TubeSpec t, int side) {
    if (side == 0) return t;
    for (Section& s : t.sections) s.centre.x = -s.centre.x;
    t.side.x = -t.side.x;
    t.front.x = -t.front.x;
    return t;
}

struct ArmFrame {
    glm::vec3 shoulder, elbow, wrist, along, lateral;
};

ArmFrame armFrame(const Rig& rig) {
    ArmFrame f{};
    f.shoulder = rig.rest[idx(Joint::UpperArmL)];
    f.elbow = rig.rest[idx(Joint::ForearmL)];
    f.wrist = rig.rest[idx(Joint::HandL)];
    f.along = glm::normalize(f.elbow - f.shoulder);
    f.lateral = glm::normalize(glm::vec3{-f.along.y, f.along.x, 0.0f});  // outward, in XY
    return f;
}

// Section `t` metres along the rest arm from `origin`, pushed `out` metres laterally.
Section armSec(const ArmFrame& f, const glm::vec3& origin, float t, float out, float halfWidth,
               float halfDepth) {
    return {origin + f.along * t + f.lateral * out, halfWidth, halfDepth};
}

// Arm (shoulder to wrist, one tube so the elbow has no seam), mitten hand and thumb.
std::vector<TubeSpec> armSpecs(const ArmFrame& f) {
    const float upper = glm::length(f.elbow - f.shoulder);
    const float lower = glm::length(f.wrist - f.elbow);
    TubeSpec arm;
    arm.side = f.lateral;
    arm.front = {0, 0, 1};
    arm.segments = 28;
    TubeSpec hand = arm, thumb = arm;
    const glm::vec3& s = f.shoulder;
    arm.sections = {armSec(f, s, 0.000f, -0.006f, 0.045f, 0.049f),
                    armSec(f, s, 0.060f, 0.000f, 0.048f, 0.049f),
                    armSec(f, s, 0.150f, 0.0f, 0.044f, 0.045f),
                    armSec(f, s, 0.240f, 0.0f, 0.040f, 0.042f),
                    armSec(f, s, upper, 0.0f, 0.037f, 0.038f),
                    armSec(f, s, upper + 0.070f, 0.0f, 0.038f, 0.037f),
                    armSec(f, s, upper + 0.160f, 0.0f, 0.030f, 0.031f),
                    armSec(f, s, upper + lower, 0.0f, 0.021f, 0.029f)};
    arm.startCap = 0.035f;
    arm.endCap = 0.02f;
    hand.sections = {armSec(f, f.wrist, 0.000f, 0.0f, 0.020f, 0.028f),
                     armSec(f, f.wrist, 0.040f, -0.002f, 0.022f, 0.040f),
                     armSec(f, f.wrist, 0.090f, -0.004f, 0.018f, 0.043f),
                     armSec(f, f.wrist, 0.130f, -0.008f, 0.014f, 0.040f),
                     armSec(f, f.wrist, 0.165f, -0.014f, 0.012f, 0.034f)};
    hand.startCap = 0.015f;
    hand.endCap = 0.022f;
    hand.exponent = 2.3f;
    hand.segments = 24;
    const glm::vec3 thumbBase = f.wrist + f.along * 0.03f + glm::vec3{0, 0, 0.024f};
    const glm::vec3 thumbDir = glm::normalize(f.along + glm::vec3{0, 0, 0.45f} - f.lateral * 0.35f);
    thumb.sections = {{thumbBase, 0.013f, 0.014f},
                      {thumbBase + thumbDir * 0.035f, 0.012f, 0.012f},
                      {thumbBase + thumbDir * 0.060f, 0.010f, 0.010f}};
    thumb.segments = 16;
    thumb.ringsPerSpan = 2;
    return {arm, hand, thumb};
}

// Leg (hip to ankle in one tube) and foot.
std::vector<TubeSpec> legSpecs() {
    TubeSpec leg;
    leg.side = {1, 0, 0};
    leg.front = {0, 0, 1};
    leg.segments = 32;
    TubeSpec foot = leg;
    leg.sections = {
        sec(0.090f, 0.965f, -0.008f, 0.078f, 0.084f), sec(0.090f, 0.900f, -0.002f, 0.079f, 0.083f),
        sec(0.088f, 0.800f, 0.008f, 0.072f, 0.077f),  sec(0.088f, 0.700f, 0.010f, 0.065f, 0.070f),
        sec(0.089f, 0.600f, 0.008f, 0.058f, 0.062f),  sec(0.090f, 0.510f, 0.003f, 0.051f, 0.054f),
        sec(0.090f, 0.450f, -0.006f, 0.050f, 0.056f), sec(0.090f, 0.390f, -0.012f, 0.050f, 0.058f),
        sec(0.090f, 0.300f, -0.010f, 0.042f, 0.047f), sec(0.090f, 0.200f, -0.010f, 0.033f, 0.035f),
        sec(0.090f, 0.120f, -0.012f, 0.030f, 0.031f), sec(0.090f, 0.085f, -0.012f, 0.031f, 0.032f)};
    leg.startCap = 0.035f;
    leg.endCap = 0.03f;
    // Foot runs heel to toe; its "front" axis is up, so every section's sole touches y = 0.
    foot.front = {0, 1, 0};
    foot.sections = {
        sec(0.090f, 0.040f, -0.045f, 0.030f, 0.040f), sec(0.090f, 0.046f, -0.010f, 0.034f, 0.046f),
        sec(0.090f, 0.040f, 0.040f, 0.040f, 0.040f),  sec(0.091f, 0.030f, 0.090f, 0.045f, 0.030f),
        sec(0.092f, 0.021f, 0.135f, 0.047f, 0.021f),  sec(0.092f, 0.016f, 0.175f, 0.044f, 0.016f)};
    foot.startCap = 0.022f;
    foot.endCap = 0.03f;
    foot.exponent = 2.6f;
    foot.segments = 28;
    return {leg, foot};
}

void appendLimbs(const Rig& rig, int side, MannequinSkin& skin) {
    const std::string suffix = side == 0 ? "_l" : "_r";
    const char* armNames[] = {"arm", "hand", "thumb"};
    const char* legNames[] = {"leg", "foot"};
    const std::vector<TubeSpec> arms = armSpecs(armFrame(rig));
    const std::vector<TubeSpec> legs = legSpecs();
    for (size_t i = 0; i < arms.size(); ++i) {
        TubeSpec t = mirrored(arms[i], side);
        t.weights = [&rig, side](const glm::vec3& p) { return armField(rig, side, p); };
        appendPart(armNames[i] + suffix, t, skin);
    }
    for (size_t i = 0; i < legs.size(); ++i) {
        TubeSpec t = mirrored(legs[i], side);
        t.weights = [&rig, side](const glm::vec3& p) { return legField(rig, side, p); };
        appendPart(legNames[i] + suffix, t, skin);
    }
}

}  // namespace

const SkinPart* MannequinSkin::part(const std::string& name) const {
    for (const SkinPart& p : parts)
        if (p.name == name) return &p;
    return nullptr;
}

MannequinSkin buildMannequinSkin(const Rig& rig) {
    MannequinSkin skin;
    appendPart("torso", torsoSpec(rig), skin);
    TubeSpec head = headSpec();
    appendPart("head", head, skin);
    // Lift the egg so its crown is exactly the stature.
    const SkinPart& h = skin.parts.back();
    float top = -1e9f;
    for (uint32_t v = h.firstVertex; v < h.firstVertex + h.vertexCount; ++v)
        top = std::max(top, skin.primitive.positions[v].y);
    for (uint32_t v = h.firstVertex; v < h.firstVertex + h.vertexCount; ++v)
        skin.primitive.positions[v].y = quantize(skin.primitive.positions[v].y + kHeight - top);
    appendLimbs(rig, 0, skin);
    appendLimbs(rig, 1, skin);
    return skin;
}

}  // namespace ra::core::mannequin
