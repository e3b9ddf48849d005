// MannequinTube: one closed generalized cylinder (a smooth path of superelliptic sections, domed
// at both ends) appended to a Primitive, with per-vertex joint weights from a spatial field.
#pragma once

#include <array>
#include <functional>
#include <glm/glm.hpp>
#include <vector>

#include "core/ModelData.h"

namespace ra::core::mannequin {

// Up to eight (joint, weight) candidates; reduced to the four largest when written.
struct Influences {
    std::array<int, 8> joint{};
    std::array<float, 8> weight{};
    int count = 0;

    void add(int j, float w);
};

using WeightField = std::function<Influences(const glm::vec3& restPosition)>;

struct Section {
    glm::vec3 centre{0.0f};
    float halfWidth = 0.0f;  // along the part's side axis
    float halfDepth = 0.0f;  // along the part's front axis
    float exponent = 0.0f;   // superellipse exponent here; 0 takes the tube's
};

struct TubeSpec {
    std::vector<Section> sections;  // start to end, at least two
    glm::vec3 side{1.0f, 0.0f, 0.0f};
    glm::vec3 front{0.0f, 0.0f, 1.0f};
    float exponent = 2.0f;  // superellipse exponent: 2 = ellipse, larger = boxier
    float startCap = 0.0f;  // dome length beyond the first section (0: its smaller radius)
    float endCap = 0.0f;
    int ringsPerSpan = 3;
    int segments = 32;  // vertices per ring, a multiple of 4
    WeightField weights;
};

// Appends the tube (positions, normals, joints, weights, outward CCW indices) to `out`.
void appendTube(const TubeSpec& spec, Primitive& out);

// Four strongest influences, normalized so they sum to 1; unused slots hold joint 0, weight 0.
void packInfluences(const Influences& in, glm::u16vec4& joints, glm::vec4& weights);

// Smooth 0 -> 1 ramp (Hermite) for x from lo to hi.
float ramp(float lo, float hi, float x);

}  // namespace ra::core::mannequin
