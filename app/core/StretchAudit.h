// StretchAudit: plays a stretch at a fixed rate and measures what a physiotherapist and a
// physicist would check: penetration into roller and floor, gaps at the contacts that should
// touch, slip between body and roller, joint ranges, and what the roller passed over (regions,
// vertebral levels, no-go seconds, stop-line crossings); then judges it against the limits.
#pragma once

#include <string>
#include <vector>

#include "core/SafetyMonitor.h"
#include "core/StretchMotion.h"

namespace ra::core {

struct AuditLimits {
    float rollerPenetrationMm = 15.0f;
    float floorPenetrationMm = 5.0f;
    float contactGapMm = 5.0f;
    float slipPercent = 1.0f;
};

struct StretchAudit {
    std::string id;
    StretchStatus status = StretchStatus::Recommended;
    bool mistakeDemo = false;
    double duration = 0.0;
    int samples = 0;
    float maxRollerPenetrationMm = 0.0f;
    float maxFloorPenetrationMm = 0.0f;
    float maxContactGapMm = 0.0f;      // roller contact or a listed support not touching
    std::string worstGap;              // which contact, e.g. "heel_l"
    float minFloorClearanceMm = 0.0f;  // the lowest body point that is not a support
    float slipPercent = 0.0f;          // of the body's travel over the roller
    float travelCm = 0.0f;             // how far the contact travelled along the body
    int rangeViolationSamples = 0;
    std::vector<std::string> rangeViolations;  // "hip_l flexion 131 (limit 120)", worst each
    double noGoSeconds = 0.0, cautionSeconds = 0.0;
    int stopLineCrossings = 0;
    float maxStrokeCmPerS = 0.0f;
    std::vector<std::string> levels;   // vertebral levels passed over, in order
    std::vector<std::string> regions;  // regions passed over, in order
    double firstWarningAt = -1.0;      // when the monitor first warned (mistake demos)
    std::string firstWarning;
    int unsolvedSamples = 0;            // instants where no tilt brought the body to the floor
    std::vector<std::string> failures;  // empty when it passes

    bool passed() const { return failures.empty(); }
};

StretchAudit auditStretch(const StretchMotion& motion, const RangeOfMotion& rom, double hz = 30.0,
                          const AuditLimits& limits = {});

}  // namespace ra::core
