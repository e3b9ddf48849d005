// Scene: the domain state one frame is drawn from: the model and its pose, where it is placed,
// the foam roller and the mat, and the animation clock. Time enters only through update(dt).
#pragma once

#include <glm/glm.hpp>
#include <memory>
#include <optional>

#include "core/ModelData.h"
#include "core/Pose.h"

namespace ra::core {

class StretchMotion;
struct MotionFrame;

// Standard medium-density roller from the content brief: 15 cm diameter, 90 cm long.
struct Roller {
    float radius = 0.075f;
    float length = 0.90f;
    glm::vec3 center{0.0f, 0.075f, 0.0f};
    glm::vec3 axis{0.0f, 0.0f, 1.0f};  // world Z (across a body lying along X) or world X
    float angle = 0.0f;                // rotation about its axis, radians
    glm::mat4 matrix() const;
};

struct Mat {
    glm::vec2 size{2.0f, 0.7f};  // a full-length exercise mat, long side along X
    float thickness = 0.006f;    // the mat's top face is the floor level y = 0
    glm::vec3 center{0.17f, 0.0f, 0.0f};
};

class Scene {
public:
    // Takes the model. A model authored in scene units (our own figures, named "pelvis" root)
    // is used as is; any other model is scaled to human size and stood on the mat.
    void setModel(std::shared_ptr<const ModelData> model);
    const ModelData* model() const { return m_model.get(); }
    std::shared_ptr<const ModelData> modelShared() const { return m_model; }

    // Advances the clock by dt * speed when playing (wrapping at the clip's end, or stopping there
    // when not looping) and re-poses.
    void update(double dt);
    // Jumps to an absolute clip time (seconds) and re-poses; deterministic for a given t.
    void setTime(double t);
    // Holds `pose` (e.g. a built-in pose of core/BodyPoses) instead of the clip, with the roller
    // set aside beside the mat; nullopt returns to the clip.
    void setFixedPose(std::optional<Pose> pose);
    bool hasFixedPose() const { return m_fixedPose.has_value(); }
    // Plays a stretch (its motion places the body and the roller) instead of the model's clip;
    // nullptr returns to the clip. The motion must be built on this scene's model.
    void setStretch(std::shared_ptr<const StretchMotion> motion);
    const StretchMotion* stretch() const { return m_motion.get(); }
    // The stretch's state at the current time (cue, contact, solver residuals); null without one.
    const MotionFrame* stretchFrame() const { return m_frame.get(); }
    double time() const { return m_time; }
    double duration() const;

    // Interactive use (the window turns it on; headless stays exact): a stretch frame never waits
    // for the roller's travel table (StretchMotion, EvalMode::Preview), so a seek far into a
    // stretch shows at once, with the roller's travel approximate until refine() makes it exact.
    void setPreview(bool on);
    bool preview() const { return m_preview; }
    // The current frame is a preview not yet made exact: keep calling refine() (poll, don't
    // sleep) while this holds.
    bool waitingForExact() const;
    // Re-poses once the travel table has reached the current time, if the current frame is not
    // exact; true when it did (revision() moved: redraw). Cheap when nothing changes: one lock.
    bool refine();

    bool playing = true;
    bool loop = true;  // at the end: start over, or stop (playing becomes false)
    float speed = 1.0f;

    const Pose& pose() const { return m_pose; }
    const glm::mat4& modelToWorld() const { return m_modelToWorld; }
    const Roller& roller() const { return m_roller; }
    const Mat& mat() const { return m_mat; }
    // World-space bounds of the posed model, the roller and the mat: what a camera frames.
    Bounds worldBounds() const;
    // World-space bounds of what casts shadows: the posed model and the roller.
    Bounds casterBounds() const;
    // Normalised direction the sunlight travels (from the light toward the scene).
    glm::vec3 lightDirection() const { return m_lightDir; }

    // Bumped whenever something visible changed; the window redraws only when it moves.
    uint64_t revision() const { return m_revision; }

private:
    void repose();
    glm::vec3 rootTravel() const;

    std::shared_ptr<const ModelData> m_model;
    Pose m_pose;
    std::optional<Pose> m_fixedPose;
    std::shared_ptr<const StretchMotion> m_motion;
    std::shared_ptr<MotionFrame> m_frame;
    glm::mat4 m_modelToWorld{1.0f};
    bool m_rollsRoller = false;  // the roller follows the body (our supine figures)
    glm::vec3 m_restRoot{0.0f};
    int m_rootNode = -1;
    Roller m_roller;
    Mat m_mat;
    glm::vec3 m_lightDir = glm::normalize(glm::vec3(0.35f, -1.0f, -0.45f));
    double m_time = 0.0;
    uint64_t m_revision = 1;
    bool m_preview = false;
};

}  // namespace ra::core
