// BodyAnimation: the "demo" clip of the default figure, the shoulder-blade roll: lying
// supine with the upper back on a foam roller, feet planted, the legs rolling the body to and fro.
#pragma once

#include <cstdint>
#include <vector>

#include "core/BodyRig.h"
#include "core/ModelData.h"

namespace ra::core::rig {

// The scene the clip is posed against: a roller along world Z through (0, kRollerRadius, 0).
inline constexpr float kRollerRadius = 0.075f;
inline constexpr float kDemoDuration = 8.0f;

// The skin the clip is solved against: its rest-pose primitive (joints index the rig) and which
// vertices may touch the roller (`trunk`: no legs), form the seat (`seat`: lowest torso) and
// belong to the torso (`torso`).
struct DemoSkin {
    const Primitive* primitive = nullptr;
    std::vector<uint32_t> trunk, seat, torso;
};

// Channels target node i == joint i (the skeleton nodes come first in the model).
Animation buildDemoAnimation(const Rig& rig, const DemoSkin& skin);

}  // namespace ra::core::rig
