// Stretch: one foam-roller stretch as data (assets/stretches/<id>.json): what it targets and
// avoids, how the body lies on the roller, what rests on the floor, and its timed phases with
// cues, breathing and pressure. Also the shared tables stretches refer to: body landmarks
// (assets/anatomy/landmarks.json) and the joints' range of motion (range_of_motion.json).
#pragma once

#include <array>
#include <glm/glm.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Diagnostics.h"
#include "core/ModelData.h"

namespace ra::core {

enum class StretchStatus { Recommended, Caution, Contraindicated };
// Which sides are played. Files are authored for the left side; "right" plays the mirror and
// "both" plays the left, a switch, then the right.
enum class StretchSides { None, Left, Right, Both };
enum class RollerOrientation { Across, Along };  // roller perpendicular to / along the spine
// How the body lies on the roller: on its back, its front, or on the working side.
enum class Lying { Supine, Prone, Side };
enum class PhaseKind { Setup, Roll, Hold, Switch, Rest };
// The breathing pattern of a phase. Inhale and Exhale span the whole phase; Natural and Deep
// cycle (about 4 s and 8 s a breath).
enum class Breathing { Natural, Deep, Inhale, Exhale };

const char* statusName(StretchStatus s);           // "recommended", "caution", "contraindicated"
const char* sidesName(StretchSides s);             // "none", "left", "right", "both"
const char* phaseKindName(PhaseKind k);            // "setup", "roll", "hold", "switch", "rest"
const char* breathingName(Breathing b);            // "natural", "deep", "inhale", "exhale"
const char* lyingName(Lying l);                    // "supine", "prone", "side"
const char* orientationName(RollerOrientation o);  // "across", "along"

// One joint's angles in anatomical terms, in degrees. Flexion positive, extension negative;
// abduction positive (for the spine: lateral flexion to the left); rotation positive is external
// (lateral) rotation for a limb, rotation to the left for the spine.
struct JointAngles {
    float flexion = 0.0f;
    float abduction = 0.0f;
    float rotation = 0.0f;
};

// Anatomical joint names a pose may set (left and right for the paired ones):
//   lumbar, thoracic, cervical (spine regions; each spreads over its rig joints),
//   scapula_l (flexion = protraction, abduction = elevation), shoulder_l, elbow_l, wrist_l,
//   hip_l, knee_l, ankle_l (flexion = dorsiflexion, extension = plantar flexion), toes_l.
// Joints not named stay neutral (the standing rest pose).
struct AnatomicalPose {
    std::map<std::string, JointAngles> joints;
};

// A contact patch of the body: a point on the skin and the radius of skin around it that touches.
struct Landmark {
    std::string id;
    // Where the point comes from: the skin over a vertebra (the x-ray piece "bone_<vertebra>"),
    // or a point `at` (0..1, may go slightly past) along the bone from joint `bone[0]` to
    // `bone[1]`, pushed out to the skin along `facing` (rest-pose model frame: +X left, +Y up,
    // +Z front).
    std::string vertebra;             // e.g. "T7"; empty when bone is used
    std::array<std::string, 2> bone;  // rig joint names, e.g. {"shin_l", "foot_l"}
    float at = 0.0f;
    glm::vec3 facing{0.0f, 0.0f, -1.0f};
    float radius = 0.04f;  // metres of skin around the point that form the patch
};

struct JointRange {
    float flexionMin = 0.0f, flexionMax = 0.0f;      // extension is negative flexion
    float abductionMin = 0.0f, abductionMax = 0.0f;  // adduction is negative abduction
    float rotationMin = 0.0f, rotationMax = 0.0f;    // internal rotation is negative
};
// Range of motion per anatomical joint name (paired joints once, without _l/_r), with sources.
struct RangeOfMotion {
    std::map<std::string, JointRange> joints;
    std::vector<std::string> sources;
};

struct Phase {
    PhaseKind kind = PhaseKind::Roll;
    float duration = 0.0f;  // seconds
    std::string pose;       // key into Stretch::poses: the pose reached at the phase's end
    // Where the roller touches along the stretch's roller path (0 = `from`, 1 = `to`), at the
    // phase's start and end. A roll with strokes > 1 goes back and forth between them.
    float contactFrom = 0.0f, contactTo = 0.0f;
    int strokes = 1;
    Breathing breathing = Breathing::Natural;
    std::string cue;       // short caption in our own words (about 12 words)
    std::string detail;    // optional longer explanation
    std::string pressure;  // e.g. "4-5 out of 10: comfortable discomfort"
    std::vector<std::string> sources;
};

// For mistake demos: what goes wrong and what to do instead.
struct Mistake {
    std::string of;       // the id of the stretch done right ("thoracic-extension")
    std::string what;     // what the demo gets wrong
    std::string instead;  // what to do instead
    std::vector<std::string> sources;
    // The supports the stretch done right keeps on the floor and the demo does not list (filled
    // in by the library from `of`): the safety monitor warns when one of them lifts.
    std::vector<std::string> supportsDoneRight;
};

// How the side switch goes, when authored: through a named pose, the roller passing over the
// `via` landmarks on the way (for example the fronts of both thighs when an IT band roll turns
// through a forearm plank); a side-lying stretch turns over through lying on its back or front.
struct SideTurn {
    Lying through = Lying::Supine;
    std::string pose;              // a name in Stretch::poses
    std::vector<std::string> via;  // landmark ids ("{side}" resolved to "l")
    std::string cue;               // what to do while turning (our words); a default when empty
};

struct Stretch {
    std::string file;  // where it was loaded from
    std::string id;
    std::string name;
    StretchStatus status = StretchStatus::Recommended;
    std::string summary;  // one line, our words
    std::string why;      // why it helps, our words
    std::vector<std::string> sources;
    std::vector<std::string> targets;  // region ids
    std::vector<std::string> avoid;    // region ids (zones to stay off)
    // Zones this stretch eases from their neighbours without touching them (the lumbar spine:
    // hip flexors, thoracic extension, glutes); offered when someone clicks that zone.
    std::vector<std::string> relieves;
    StretchSides sides = StretchSides::None;
    Lying lying = Lying::Supine;
    RollerOrientation orientation = RollerOrientation::Across;
    std::string rollerFrom, rollerTo;   // landmark ids (with "{side}" already resolved to "l")
    std::vector<std::string> supports;  // landmark ids of what rests on the floor
    float strokeCmPerS = 2.5f;
    std::map<std::string, AnatomicalPose> poses;
    std::vector<Phase> phases;
    std::optional<Mistake> mistake;  // set for mistake demos
    std::optional<SideTurn> turn;    // set when the side switch's turn is authored

    bool isMistakeDemo() const { return mistake.has_value(); }
    float duration() const;  // one side's phases; see StretchTimeline for the played total
};

struct StretchLibrary {
    std::vector<Stretch> stretches;  // sorted by id
    std::vector<Landmark> landmarks;
    RangeOfMotion rangeOfMotion;
    const Stretch* find(const std::string& id) const;
    const Landmark* landmark(const std::string& id) const;
};

// Each loader validates against its schema and reports problems with the file and the JSON
// pointer; unknown fields are warnings. Region ids are checked against `regions` when it is not
// empty, landmark ids against `landmarks`, source keys against the content brief's keys
// (berbari, smr-guide, backpain-howto, general).
std::optional<std::vector<Landmark>> loadLandmarks(const std::string& path, Diagnostics& diags);
std::optional<RangeOfMotion> loadRangeOfMotion(const std::string& path, Diagnostics& diags);
std::optional<Stretch> loadStretch(const std::string& path, const std::vector<RegionInfo>& regions,
                                   const std::vector<Landmark>& landmarks, const RangeOfMotion& rom,
                                   Diagnostics& diags);
// Loads assets/anatomy/{landmarks,range_of_motion}.json and every assets/stretches/*.json; a bad
// stretch file is reported and skipped, the others still load.
StretchLibrary loadStretchLibrary(const std::string& assetsDir,
                                  const std::vector<RegionInfo>& regions, Diagnostics& diags);

// The pose with left and right swapped (the right side's version of a left-side pose): paired
// joint names trade places, the spine's lateral flexion and rotation change sign.
AnatomicalPose mirrored(const AnatomicalPose& pose);
// "calf_top_l" <-> "calf_top_r"; names without a side are returned unchanged.
std::string mirroredName(const std::string& name);

}  // namespace ra::core
