// StretchCommands: `roller-atlas list` (the stretch library) and `roller-atlas audit` (every
// stretch's motion measured against the physical and safety limits), as text or JSON.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "Content.h"
#include "cli/Commands.h"
#include "cli/Headless.h"
#include "core/StretchAudit.h"

namespace ra::app {
namespace {

using nlohmann::json;

std::string joined(const std::vector<std::string>& v, const char* sep = ", ") {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
    return s;
}

double playedSeconds(const core::Stretch& s) {
    return core::StretchTimeline(s).duration();
}

json listEntry(const core::Stretch& s) {
    json j = {{"id", s.id},
              {"name", s.name},
              {"status", core::statusName(s.status)},
              {"targets", s.targets},
              {"zones", s.avoid},
              {"sides", core::sidesName(s.sides)},
              {"duration_s", playedSeconds(s)},
              {"sources", s.sources}};
    if (s.mistake) j["mistake_of"] = s.mistake->of;
    return j;
}

json auditJson(const core::StretchAudit& a) {
    return {{"id", a.id},
            {"status", core::statusName(a.status)},
            {"mistake_demo", a.mistakeDemo},
            {"duration_s", a.duration},
            {"samples", a.samples},
            {"max_roller_penetration_mm", a.maxRollerPenetrationMm},
            {"max_floor_penetration_mm", a.maxFloorPenetrationMm},
            {"max_contact_gap_mm", a.maxContactGapMm},
            {"worst_gap_at", a.worstGap},
            {"min_floor_clearance_mm", a.minFloorClearanceMm},
            {"slip_percent", a.slipPercent},
            {"travel_cm", a.travelCm},
            {"range_violations", a.rangeViolations},
            {"no_go_seconds", a.noGoSeconds},
            {"caution_seconds", a.cautionSeconds},
            {"stop_line_crossings", a.stopLineCrossings},
            {"max_stroke_cm_per_s", a.maxStrokeCmPerS},
            {"levels", a.levels},
            {"regions", a.regions},
            {"first_warning_at_s", a.firstWarningAt},
            {"first_warning", a.firstWarning},
            {"unsolved_samples", a.unsolvedSamples},
            {"failures", a.failures},
            {"passed", a.passed()}};
}

void printAuditRow(const core::StretchAudit& a) {
    std::printf("%-32s %-15s %6.1f %6.1f %6.1f %7.1f %6.2f %5zu %6.1f %3d  %-4s %s\n", a.id.c_str(),
                a.mistakeDemo ? "mistake demo" : core::statusName(a.status),
                a.maxRollerPenetrationMm, a.maxFloorPenetrationMm, a.maxContactGapMm,
                a.minFloorClearanceMm, a.slipPercent, a.rangeViolations.size(), a.noGoSeconds,
                a.stopLineCrossings, a.passed() ? "ok" : "FAIL",
                (a.levels.empty() ? joined(a.regions) : joined(a.levels, "-")).c_str());
    for (const auto& f : a.failures) std::printf("    ! %s\n", f.c_str());
    if (a.mistakeDemo && a.firstWarningAt >= 0.0)
        std::printf("    warns at %.1f s: %s\n", a.firstWarningAt, a.firstWarning.c_str());
}

}  // namespace

int runList(const Options& o) {
    LoadedContent c = loadContent(o.assetsDir, o.modelPath);
    printDiagnostics(c.diags);
    if (!c.library) return 1;
    if (o.json) {
        json all = json::array();
        for (const auto& s : c.library->stretches) all.push_back(listEntry(s));
        std::cout << all.dump(2) << "\n";
    } else {
        for (const auto& s : c.library->stretches)
            std::printf("%-32s %-15s %-5s %5.0f s  %-40s avoid: %s  [%s]\n", s.id.c_str(),
                        core::statusName(s.status), core::sidesName(s.sides), playedSeconds(s),
                        joined(s.targets).c_str(), joined(s.avoid).c_str(),
                        joined(s.sources).c_str());
    }
    return c.diags.hasErrors() ? 1 : 0;
}

int runAudit(const Options& o) {
    LoadedContent c = loadContent(o.assetsDir, o.modelPath);
    printDiagnostics(c.diags);
    if (!c.library) return 1;
    std::vector<std::string> ids;
    if (!o.stretch.empty()) {
        ids.push_back(o.stretch);
    } else {
        for (const auto& s : c.library->stretches) ids.push_back(s.id);
    }
    json all = json::array();
    bool ok = !c.diags.hasErrors();
    if (!o.json)
        std::printf("%-32s %-15s %6s %6s %6s %7s %6s %5s %6s %3s  %-4s %s\n", "stretch", "status",
                    "roller", "floor", "gap", "clear", "slip%", "range", "no-go", "stp", "",
                    "passed over");
    for (const std::string& id : ids) {
        std::string error;
        auto motion = makeStretchMotion(c, id, error);
        if (!motion) {
            std::cerr << "error: " << error << "\n";
            return 1;
        }
        const core::StretchAudit a = core::auditStretch(*motion, c.library->rangeOfMotion);
        ok = ok && a.passed();
        if (o.json)
            all.push_back(auditJson(a));
        else
            printAuditRow(a);
    }
    if (o.json) std::cout << all.dump(2) << "\n";
    return ok ? 0 : 1;
}

}  // namespace ra::app
