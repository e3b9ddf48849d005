// StretchMotion::Placement: one rest of the body on roller and floor as the solver finds it (tilt,
// lift, where it touches), shared by the solver (StretchMotion.cpp) and the limb settling
// (StretchLimbs.cpp).
#pragma once

#include <glm/gtc/quaternion.hpp>

#include "core/StretchMotion.h"

namespace ra::core {

struct StretchMotion::Placement {
    glm::quat orientation{1, 0, 0, 0};
    float lift = 0.0f;  // world y of the model origin
    // The model origin relative to the roller's centre (x, z) and its height (lift).
    float offsetX = 0.0f, offsetZ = 0.0f;
    float sink = 0.0f;     // deepest point into the roller
    float support = 0.0f;  // lowest support point's height
    float highest = 0.0f;  // the height of the support that lies highest (its lowest point)
    float floor = 0.0f;    // lowest point of the body
    // Where the skin touches the roller: along the body (rest-pose model y) and around the
    // roller (radians from the top, toward +X positive).
    float contactAlong = 0.0f;
    float contactAngle = 0.0f;
    // How far the skin that actually touches (pressure-weighted) lies from the path point along
    // the body, toward the head positive (set for the chosen placement only).
    float contactOffset = 0.0f;
    float contactRadius = 0.0f;  // how far from the roller's axis it presses
    float pitch = 0.0f;
    bool solved = false;
};

}  // namespace ra::core
