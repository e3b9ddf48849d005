// Scene: model placement, animation clock, and the roller rolling without slip under the body.
#include "core/Scene.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

#include "core/StretchMotion.h"

namespace ra::core {
namespace {

constexpr float kForeignModelHeight = 1.6f;  // a foreign model is shown at about human size

int findNode(const ModelData& m, const char* name) {
    for (size_t i = 0; i < m.nodes.size(); ++i)
        if (m.nodes[i].name == name) return static_cast<int>(i);
    return -1;
}

}  // namespace

glm::mat4 Roller::matrix() const {
    glm::mat4 m = glm::translate(glm::mat4(1.0f), center);
    if (axis.x > 0.5f) m = glm::rotate(m, glm::radians(90.0f), glm::vec3(0.0f, 1.0f, 0.0f));
    return glm::rotate(m, angle, glm::vec3(0.0f, 0.0f, 1.0f));
}

void Scene::setModel(std::shared_ptr<const ModelData> model) {
    m_model = std::move(model);
    m_time = 0.0;
    m_modelToWorld = glm::mat4(1.0f);
    m_roller = Roller{};
    m_rollsRoller = false;
    m_rootNode = -1;
    m_fixedPose.reset();
    m_motion.reset();
    m_frame.reset();
    if (!m_model) {
        m_pose = {};
        ++m_revision;
        return;
    }
    m_pose = restPose(*m_model);
    m_rootNode = findNode(*m_model, "pelvis");
    if (m_rootNode >= 0) {
        // Our own figures are authored in metres on this mat, lying on the roller.
        m_rollsRoller = true;
        setTime(0.0);
        m_restRoot = rootTravel();
        repose();
        return;
    }
    // A foreign model: scale its rest pose to human size, feet on the mat, beside the roller.
    Bounds b = poseBounds(*m_model, m_pose);
    float extent = b.valid() ? std::max({b.size().x, b.size().y, b.size().z}) : 1.0f;
    float s = extent > 0.0f ? kForeignModelHeight / extent : 1.0f;
    glm::vec3 c = b.valid() ? b.center() : glm::vec3(0.0f);
    float minY = b.valid() ? b.min.y : 0.0f;
    m_modelToWorld = glm::translate(glm::mat4(1.0f), glm::vec3(m_mat.center.x, 0.0f, -0.05f)) *
                     glm::scale(glm::mat4(1.0f), glm::vec3(s)) *
                     glm::translate(glm::mat4(1.0f), glm::vec3(-c.x, -minY, -c.z));
    // The roller waits beside the model, clear of it, on the mat's long axis.
    const float halfX = b.valid() ? (b.max.x - b.min.x) * 0.5f * s : 0.3f;
    m_roller.center = {m_mat.center.x + halfX + m_roller.radius + 0.15f, m_roller.radius, 0.0f};
    repose();
}

double Scene::duration() const {
    if (m_motion) return m_motion->duration();
    if (!m_model || m_model->animations.empty()) return 0.0;
    return m_model->animations.front().duration;
}

void Scene::update(double dt) {
    if (!playing || !m_model || m_fixedPose) return;
    double d = duration();
    if (d <= 0.0) return;
    const double t = m_time + dt * speed;
    if (!loop && t >= d) {  // stop on the last frame instead of starting over
        playing = false;
        setTime(d);
        return;
    }
    setTime(std::fmod(t, d));
}

void Scene::setTime(double t) {
    double d = duration();
    m_time = d > 0.0 ? std::clamp(t, 0.0, d) : 0.0;
    repose();
}

glm::vec3 Scene::rootTravel() const {
    if (m_rootNode < 0) return glm::vec3(0.0f);
    return glm::vec3(m_pose.world[static_cast<size_t>(m_rootNode)][3]);
}

void Scene::setFixedPose(std::optional<Pose> pose) {
    m_fixedPose = std::move(pose);
    if (!m_fixedPose) {
        m_roller = Roller{};
        setTime(m_time);
        return;
    }
    // The roller waits beside the mat, out of the way of any lying pose.
    m_roller = Roller{};
    m_roller.center = {m_mat.center.x + m_mat.size.x * 0.5f + 0.25f, m_roller.radius, 0.0f};
    m_pose = *m_fixedPose;
    ++m_revision;
}

void Scene::setStretch(std::shared_ptr<const StretchMotion> motion) {
    m_motion = std::move(motion);
    m_frame.reset();
    m_fixedPose.reset();
    m_roller = Roller{};
    m_modelToWorld = glm::mat4(1.0f);
    setTime(0.0);
}

void Scene::repose() {
    if (!m_model) return;
    if (m_fixedPose) {
        m_pose = *m_fixedPose;
        ++m_revision;
        return;
    }
    if (m_motion) {
        const EvalMode mode = !m_preview ? EvalMode::Exact
                              : playing  ? EvalMode::Preview
                                         : EvalMode::PreviewStill;
        m_frame = std::make_shared<MotionFrame>(m_motion->evaluate(m_time, mode));
        m_pose = m_frame->pose;
        m_modelToWorld = m_frame->modelToWorld;
        m_roller = m_frame->roller;
        ++m_revision;
        return;
    }
    if (!m_model->animations.empty())
        sampleAnimation(*m_model, 0, static_cast<float>(m_time), m_pose);
    else
        computeWorld(*m_model, m_pose);
    if (m_rollsRoller) {
        // Rolling without slip: when the body travels d over the roller, the roller's centre
        // travels d/2 and turns by (d/2)/r (clockwise seen from +Z for travel along +X).
        float d = rootTravel().x - m_restRoot.x;
        m_roller.center.x = d * 0.5f;
        m_roller.angle = -(d * 0.5f) / m_roller.radius;
    }
    ++m_revision;
}

void Scene::setPreview(bool on) {
    m_preview = on;
    if (!on && waitingForExact()) repose();  // headless again: the frame must be exact
}

bool Scene::waitingForExact() const {
    return m_motion && m_frame && !m_frame->exact && !m_fixedPose && m_model;
}

bool Scene::refine() {
    if (!waitingForExact() || !m_motion->exactAt(m_time)) return false;
    repose();
    return true;
}

Bounds Scene::worldBounds() const {
    Bounds b = casterBounds();
    const float hx = m_mat.size.x * 0.5f, hz = m_mat.size.y * 0.5f;
    b.add(m_mat.center + glm::vec3(-hx, -m_mat.thickness, -hz));
    b.add(m_mat.center + glm::vec3(hx, 0.0f, hz));
    return b;
}

Bounds Scene::casterBounds() const {
    Bounds b;
    const glm::vec3 along = glm::abs(m_roller.axis);
    const glm::vec3 half = along * (m_roller.length / 2) + (1.0f - along) * m_roller.radius;
    b.add(m_roller.center - half);
    b.add(m_roller.center + half);
    if (m_model) {
        Bounds mb = poseBounds(*m_model, m_pose);
        if (mb.valid()) {
            for (int i = 0; i < 8; ++i) {
                glm::vec3 corner{(i & 1) ? mb.max.x : mb.min.x, (i & 2) ? mb.max.y : mb.min.y,
                                 (i & 4) ? mb.max.z : mb.min.z};
                b.add(glm::vec3(m_modelToWorld * glm::vec4(corner, 1.0f)));
            }
        }
    }
    return b;
}

}  // namespace ra::core
