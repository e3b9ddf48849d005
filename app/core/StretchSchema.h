// StretchSchema: the limits and name lists the stretch, landmark and range-of-motion loaders
// share (assets/stretches/README.md documents them for content authors). Internal to ra_core.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace ra::core::schema {

// The anatomical joints a pose may name: the spine regions once, the paired joints with _l/_r.
constexpr std::array<std::string_view, 3> kSpineJoints = {"lumbar", "thoracic", "cervical"};
constexpr std::array<std::string_view, 8> kPairedJoints = {"scapula", "shoulder", "elbow", "wrist",
                                                           "hip",     "knee",     "ankle", "toes"};

constexpr double kMaxPhaseSeconds = 600.0;
constexpr double kMinStrokeCmPerS = 0.5, kMaxStrokeCmPerS = 20.0;
constexpr double kDefaultStrokeCmPerS = 2.5;  // about 1 inch a second (general)
constexpr int kMaxStrokes = 20;
constexpr size_t kMaxCueChars = 90;  // a caption read from across the room
constexpr const char* kSidePlaceholder = "{side}";

// "hip_l" -> "hip", "thoracic" -> "thoracic"; empty when `name` is no anatomical joint.
inline std::string rangeJoint(const std::string& name) {
    for (std::string_view s : kSpineJoints)
        if (name == s) return name;
    const size_t n = name.size();
    if (n < 3 || name[n - 2] != '_' || (name[n - 1] != 'l' && name[n - 1] != 'r')) return {};
    const std::string base = name.substr(0, n - 2);
    for (std::string_view p : kPairedJoints)
        if (base == p) return base;
    return {};
}

}  // namespace ra::core::schema
