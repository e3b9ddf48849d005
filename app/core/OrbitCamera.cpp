// OrbitCamera: view presets and orbit/pan/zoom gestures.
#include "core/OrbitCamera.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace ra::core {
namespace {

struct PresetInfo {
    ViewPreset preset;
    const char* name;
    float yaw, pitch;
};

// Views are named from the room: the mat runs along X, "front" faces its long side from +Z (a
// supine body is seen side-on, head to the left; a standing model is seen from its front),
// "left" looks from the -X end (the head end of a supine body).
constexpr PresetInfo kPresets[] = {
    {ViewPreset::Front, "front", 0.0f, 10.0f},
    {ViewPreset::Back, "back", 180.0f, 10.0f},
    {ViewPreset::Left, "left", -90.0f, 10.0f},
    {ViewPreset::Right, "right", 90.0f, 10.0f},
    {ViewPreset::Top, "top", 0.0f, 89.0f},
    {ViewPreset::ThreeQuarter, "three-quarter", -40.0f, 25.0f},
};

constexpr float kMinPitch = -5.0f;
constexpr float kMaxPitch = 89.0f;
constexpr float kDegreesPerPixel = 0.3f;

}  // namespace

std::optional<ViewPreset> viewPresetFromName(const std::string& name) {
    for (const auto& p : kPresets)
        if (name == p.name) return p.preset;
    return std::nullopt;
}

const char* viewPresetName(ViewPreset preset) {
    for (const auto& p : kPresets)
        if (p.preset == preset) return p.name;
    return "front";
}

void OrbitCamera::frame(ViewPreset preset, glm::vec3 boxMin, glm::vec3 boxMax, float aspect,
                        float heightShare) {
    for (const auto& p : kPresets) {
        if (p.preset != preset) continue;
        m_yaw = p.yaw;
        m_pitch = p.pitch;
    }
    m_target = (boxMin + boxMax) * 0.5f;
    m_distance = 1.0f;  // framingDistance() reads the axes from view(): keep them well defined
    m_distance = framingDistance(boxMin, boxMax, aspect, heightShare);
}

float OrbitCamera::framingDistance(glm::vec3 boxMin, glm::vec3 boxMax, float aspect,
                                   float heightShare, float margin) const {
    // Camera axes for this orientation (independent of the distance and the target).
    const glm::mat4 v = view();
    const glm::vec3 right{v[0][0], v[1][0], v[2][0]};
    const glm::vec3 up{v[0][1], v[1][1], v[2][1]};
    const glm::vec3 back{v[0][2], v[1][2], v[2][2]};
    const glm::vec3 centre = (boxMin + boxMax) * 0.5f;
    const float tanFull = std::tan(glm::radians(m_fovY) * 0.5f) / std::max(margin, 1e-3f);
    const float tanY = tanFull * std::clamp(heightShare, 0.1f, 1.0f);
    const float tanX = tanFull * std::max(aspect, 0.05f);
    float d = 0.3f;
    for (int i = 0; i < 8; ++i) {
        glm::vec3 c{(i & 1) ? boxMax.x : boxMin.x, (i & 2) ? boxMax.y : boxMin.y,
                    (i & 4) ? boxMax.z : boxMin.z};
        glm::vec3 rel = c - centre;
        float z = glm::dot(rel, back);
        d = std::max(
            {d, z + std::abs(glm::dot(rel, right)) / tanX, z + std::abs(glm::dot(rel, up)) / tanY});
    }
    return d;
}

void OrbitCamera::setPose(const CameraPose& pose) {
    m_target = pose.target;
    m_yaw = pose.yaw;
    m_pitch = std::clamp(pose.pitch, kMinPitch, kMaxPitch);
    m_distance = std::max(pose.distance, 1e-3f);
}

void OrbitCamera::orbit(float dxPixels, float dyPixels) {
    m_yaw = std::fmod(m_yaw - dxPixels * kDegreesPerPixel, 360.0f);
    m_pitch = std::clamp(m_pitch + dyPixels * kDegreesPerPixel, kMinPitch, kMaxPitch);
}

void OrbitCamera::pan(float dxPixels, float dyPixels, float viewportHeight) {
    // Move the target so the point under the cursor follows it at the target's depth.
    float worldPerPixel =
        2.0f * m_distance * std::tan(glm::radians(m_fovY) * 0.5f) / std::max(1.0f, viewportHeight);
    glm::mat4 v = view();
    glm::vec3 right{v[0][0], v[1][0], v[2][0]};
    glm::vec3 up{v[0][1], v[1][1], v[2][1]};
    m_target += (-dxPixels * right + dyPixels * up) * worldPerPixel;
}

void OrbitCamera::zoom(float wheelSteps) {
    m_distance = std::clamp(m_distance * std::pow(0.88f, wheelSteps), 0.25f, 30.0f);
}

glm::vec3 OrbitCamera::eye() const {
    float yaw = glm::radians(m_yaw), pitch = glm::radians(m_pitch);
    glm::vec3 dir{std::sin(yaw) * std::cos(pitch), std::sin(pitch),
                  std::cos(yaw) * std::cos(pitch)};
    return m_target + dir * m_distance;
}

glm::mat4 OrbitCamera::view() const {
    // Near the pole, keep "up" continuous by deriving it from the yaw.
    glm::vec3 up{0.0f, 1.0f, 0.0f};
    if (m_pitch > 85.0f) {
        float yaw = glm::radians(m_yaw);
        up = {-std::sin(yaw), 0.0f, -std::cos(yaw)};
    }
    return glm::lookAt(eye(), m_target, up);
}

glm::mat4 OrbitCamera::projection(float aspect) const {
    float nearZ = std::max(0.02f, m_distance * 0.02f);
    glm::mat4 p =
        glm::perspective(glm::radians(m_fovY), std::max(aspect, 1e-3f), nearZ, m_distance * 8 + 20);
    if (m_lensShift == 0.0f && m_lensShiftY == 0.0f) return p;
    return glm::translate(glm::mat4(1.0f), glm::vec3(m_lensShift, m_lensShiftY, 0.0f)) * p;
}

}  // namespace ra::core
