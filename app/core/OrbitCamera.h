// OrbitCamera: the viewer's camera as pure math (no input, no GL): yaw/pitch/distance about a
// target, the canonical view presets, and the drag/pan/zoom gestures the window maps onto it.
#pragma once

#include <glm/glm.hpp>
#include <optional>
#include <string>

namespace ra::core {

enum class ViewPreset { Front, Back, Left, Right, Top, ThreeQuarter };

// "front", "three-quarter", ... -> preset; nullopt for an unknown name.
std::optional<ViewPreset> viewPresetFromName(const std::string& name);
const char* viewPresetName(ViewPreset preset);

// Where the camera is, without its lens: what a CameraRig animates between.
struct CameraPose {
    glm::vec3 target{0.0f};
    float yaw = 0.0f;     // degrees about +Y; 0 looks from +Z toward -Z
    float pitch = 15.0f;  // degrees above the horizon
    float distance = 3.0f;
};

class OrbitCamera {
public:
    // Frames an axis-aligned box from the preset's direction: the closest distance at which all
    // eight corners fit both fields of view at this aspect ratio (width / height), plus a margin.
    // `heightShare` < 1 fits the box into that share of the height (a band covers the rest).
    void frame(ViewPreset preset, glm::vec3 boxMin, glm::vec3 boxMax, float aspect,
               float heightShare = 1.0f);

    // The distance from the box's centre, looking along the current yaw and pitch, at which all
    // eight corners fit (frame()'s fit; `margin` > 1 leaves room around the box).
    float framingDistance(glm::vec3 boxMin, glm::vec3 boxMax, float aspect,
                          float heightShare = 1.0f, float margin = 1.08f) const;

    void orbit(float dxPixels, float dyPixels);                      // left drag
    void pan(float dxPixels, float dyPixels, float viewportHeight);  // right/middle drag
    void zoom(float wheelSteps);                                     // wheel: positive zooms in

    glm::vec3 eye() const;
    glm::vec3 target() const { return m_target; }
    float distance() const { return m_distance; }
    float yawDegrees() const { return m_yaw; }
    float pitchDegrees() const { return m_pitch; }
    float fovYDegrees() const { return m_fovY; }
    CameraPose pose() const { return {m_target, m_yaw, m_pitch, m_distance}; }
    // Places the camera as given (pitch kept inside the orbit range, distance above zero).
    void setPose(const CameraPose& pose);

    glm::mat4 view() const;
    glm::mat4 projection(float aspect) const;

    // Lens shift in normalised device units: shifts the picture right by shift * width / 2 (and
    // up by shiftY * height / 2) so the scene centres in the part of the window the panels leave
    // free.
    void setLensShift(float shift, float shiftY = 0.0f) {
        m_lensShift = shift;
        m_lensShiftY = shiftY;
    }

private:
    glm::vec3 m_target{0.0f};
    float m_yaw = 0.0f;     // degrees about +Y; 0 looks from +Z toward -Z
    float m_pitch = 15.0f;  // degrees above the horizon
    float m_distance = 3.0f;
    float m_fovY = 35.0f;
    float m_lensShift = 0.0f;
    float m_lensShiftY = 0.0f;
};

}  // namespace ra::core
