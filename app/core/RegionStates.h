// RegionStates: how each labelled body region is drawn this frame, a small table the renderer
// reads every frame (the domain sets it; the renderer never changes it). Flags combine: a target
// region can also be hovered or selected. 0 draws the region as plain skin.
#pragma once

#include <array>
#include <cstdint>

namespace ra::core {

inline constexpr int kMaxRegions = 64;  // region indices in _REGION_IDS stay below this

struct RegionId {
    uint16_t value = 0;
    friend bool operator==(RegionId a, RegionId b) { return a.value == b.value; }
    friend bool operator!=(RegionId a, RegionId b) { return a.value != b.value; }
};

namespace region_flag {
inline constexpr uint8_t kOff = 0;
inline constexpr uint8_t kTarget = 1;    // blue glow with a gentle pulse
inline constexpr uint8_t kCaution = 2;   // orange with a dashed outline
inline constexpr uint8_t kNoGo = 4;      // vermillion with diagonal hatching
inline constexpr uint8_t kSelected = 8;  // solid outline
inline constexpr uint8_t kHovered = 16;  // light outline
}  // namespace region_flag

struct RegionStates {
    std::array<uint8_t, kMaxRegions> flags{};
    bool any() const {
        for (uint8_t f : flags)
            if (f) return true;
        return false;
    }
    void clear() { flags.fill(0); }
    void set(RegionId r, uint8_t f) {
        if (r.value < kMaxRegions) flags[r.value] = f;
    }
    uint8_t get(RegionId r) const { return r.value < kMaxRegions ? flags[r.value] : 0; }
};

}  // namespace ra::core
