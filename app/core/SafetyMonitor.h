// SafetyMonitor: what the roller is under right now, read from the skinned mesh: the regions in
// contact and their shares, the vertebral level on the back, and whether the contact touches a
// caution or no-go zone or crosses a stop line; with a warning that says what to do instead.
#pragma once

#include <string>
#include <vector>

#include "core/BodySurface.h"
#include "core/StretchMotion.h"

namespace ra::core {

enum class SafetyLevel { Ok, Caution, NoGo };
const char* safetyLevelName(SafetyLevel l);  // "ok", "caution", "no-go"

struct RegionShare {
    std::string id;
    float share = 0.0f;  // of the contact patch, 0..1
};

struct SafetyReport {
    bool inContact = false;
    std::vector<RegionShare> regions;  // by share, largest first (plain skin included)
    std::string region;                // the main labelled region under the roller, if any
    std::string vertebra;              // "T7" when the roller is on the back over the spine
    SafetyLevel level = SafetyLevel::Ok;
    std::vector<std::string> zones;  // caution and no-go regions touched
    bool stopLine = false;           // touches a stop line (lower rib border, knee joint)
    bool tooFast = false;            // strokes far quicker than the slow ~2.5 cm/s taught
    std::string lifted;              // a support the stretch done right keeps down, lifted
    float strokeCmPerS = 0.0f;
    std::string message;      // empty when all is well
    glm::vec3 contact{0.0f};  // world-space centre of the contact
};

// A zone counts as touched when it holds at least this share of the contact patch (feathered
// region edges brushing the patch do not).
inline constexpr float kZoneShare = 0.15f;
// A support counts as lifted when all of it is this high above the floor (metres).
inline constexpr float kSupportLifted = 0.04f;
// Skin this close to the roller surface (metres) is in contact.
inline constexpr float kContactDistance = 0.006f;
// Contact skin counts less the farther it lies from the middle of the contact (metres, Gaussian).
inline constexpr float kContactFalloff = 0.06f;
// Strokes faster than this (m/s) roll "like dough" instead of letting the tissue relax.
inline constexpr float kFastStroke = 0.10f;
// A point on the back takes the level of the nearest vertebra within this distance (metres).
inline constexpr float kVertebraReach = 0.12f;

// Regions over the spine, where a point on the skin has a vertebral level ("T7").
bool overTheSpine(const std::string& regionId);

// `worldSkin` may hold the frame's skinned skin vertices in world space (computed when empty).
SafetyReport assessContact(const BodySurface& surface, const MotionFrame& frame,
                           const Stretch& stretch, std::vector<glm::vec3>* worldSkin = nullptr);

// World-space skin of a frame (all vertices).
void worldSkin(const BodySurface& surface, const MotionFrame& frame, std::vector<glm::vec3>& out);
// The same for any pose placed by `modelToWorld` (a Scene's pose() and modelToWorld()).
void worldSkin(const BodySurface& surface, const Pose& pose, const glm::mat4& modelToWorld,
               std::vector<glm::vec3>& out);

// Signed distance from a world point to the roller's surface (negative inside).
float rollerDistance(const Roller& roller, const glm::vec3& p);

}  // namespace ra::core
