// BodySpec: the readable, parametric description of an anatomical body (assets/anatomy/body-*.json)
// that the body generator turns into a mesh: named values (proportions as fractions of height,
// widths, shape parameters), joint positions, groups of smoothly blended shape primitives, and
// the volumes that paint the anatomical regions. Numbers may be expressions over named values
// ("0.530*H + 0.01"), so one set of primitives serves every figure; a spec may extend another
// ("base") and override only values. Everything is authored for a reference stature H = 1.75 m
// and scaled uniformly to the spec's `height`.
#pragma once

#include <array>
#include <glm/glm.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Diagnostics.h"

namespace ra::core {

enum class ShapeKind { Ellipsoid, Cone };  // cone: a round cone (capsule with two radii)

// One primitive with every expression evaluated, in metres of the final figure.
struct ShapePrimitive {
    std::string name;
    ShapeKind kind = ShapeKind::Ellipsoid;
    glm::vec3 a{0.0f};               // ellipsoid centre, or cone start
    glm::vec3 b{0.0f};               // cone end
    glm::vec3 radii{0.0f};           // ellipsoid radii (x, y, z before rotation); cone: (ra, rb, -)
    glm::vec3 rotationDeg{0.0f};     // ellipsoid XYZ Euler rotation
    glm::vec2 squash{1.0f};          // cone cross-section scale (side, front) around its axis
    float blend = 0.02f;             // smooth-union radius with the group so far
    bool subtract = false;           // carves instead of adding (smooth subtraction)
    std::vector<std::string> bones;  // joints its surface follows (nearest segment wins)
};

// The first group is the trunk; every other group is blended onto the trunk alone (smooth union
// of radius `join`), and the results are combined with a hard minimum, so that an arm never
// webs onto a thigh and the legs never web onto each other.
struct ShapeGroup {
    std::string name;   // "torso", "head", "arm_l", ...
    float join = 0.0f;  // smooth-union radius with the trunk
    std::vector<ShapePrimitive> primitives;
};

struct RegionVolume {
    ShapeKind kind = ShapeKind::Ellipsoid;
    glm::vec3 a{0.0f}, b{0.0f}, radii{0.0f};
    glm::vec3 rotationDeg{0.0f};
    glm::vec2 squash{1.0f};
};

// Where a region lies on the skin: the union of volumes, softened by `feather` metres, limited
// to skin that follows one of `bones` (empty: any) and, when `facing` is non-zero, to skin whose
// normal points within about 90 degrees of it.
struct RegionPaint {
    std::string region;  // id in the region table
    std::vector<RegionVolume> volumes;
    std::vector<std::string> bones;
    glm::vec3 facing{0.0f};
    float feather = 0.02f;
};

struct BodySpec {
    std::string name;
    std::string file;
    float height = 1.75f;
    float armAbductionDeg = 15.0f;
    float cellSize = 0.008f;                  // polygonizer grid spacing at the reference height
    std::map<std::string, float> values;      // every named value, evaluated (reference metres)
    std::map<std::string, glm::vec3> joints;  // rest joint positions (metres, final figure)
    std::vector<ShapeGroup> groups;
    std::vector<RegionPaint> regions;

    float scale() const { return height / 1.75f; }
    // A named value in reference units (fractions of H are values like 0.530*H).
    float value(const std::string& name) const;
};

// Reads and evaluates a spec; a "base" file named in it is read first from the same folder and
// the spec's own entries override it. nullopt with diagnostics (file, JSON pointer, message).
std::optional<BodySpec> loadBodySpec(const std::string& path, Diagnostics& diags);

// Evaluates an expression of numbers, names, + - * / and parentheses against `values`.
// nullopt with `error` set when a name is unknown or the text does not parse.
std::optional<float> evalExpression(const std::string& text,
                                    const std::map<std::string, float>& values, std::string& error);

}  // namespace ra::core
