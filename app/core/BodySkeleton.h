// BodySkeleton: the x-ray layer of the anatomical body: every vertebra C1-C7, T1-T12, L1-L5 as
// its own piece, the sacrum, twelve pairs of ribs and the sternum, the pelvis, both scapulae and
// both femurs. Each piece is a closed, outward-wound mesh in the body's rest pose (model space:
// metres, +Y up, the figure faces +Z, its left side is +X), built to fit the landmarks below.
// Deterministic: the same frame gives bit-identical meshes.
#pragma once

#include <string>
#include <vector>

#include "core/TriMesh.h"

namespace ra::core {

// Where the bones go. Index 0 of a pair is the left side (+X), 1 the right.
struct SkeletonFrame {
    float height = 1.75f;  // stature: bone thicknesses scale with it
    // Spine: points on the line through the vertebral bodies' centres.
    glm::vec3 skullBase{0.0f};  // top of C1 (atlas)
    glm::vec3 c7t1{0.0f};       // disc between C7 and T1
    glm::vec3 t12l1{0.0f};      // disc between T12 and L1 (where the rib cage ends)
    glm::vec3 l5s1{0.0f};       // disc between L5 and the sacrum
    // Natural curves: the largest offset of the spine line from the chord between its end
    // points, in metres, in the anatomical direction (cervical and lumbar forward, +Z;
    // thoracic backward, -Z).
    float cervicalLordosis = 0.012f;
    float thoracicKyphosis = 0.025f;
    float lumbarLordosis = 0.020f;
    // Rib cage (the skin around it is built to contain it with 1-2 cm of soft tissue).
    glm::vec3 sternumTop{0.0f};      // jugular notch
    glm::vec3 sternumBottom{0.0f};   // xiphoid process
    float ribCageHalfWidth = 0.13f;  // widest half-width of the cage, outer surface
    // Shoulder girdle.
    glm::vec3 acromion[2]{};       // top outer corner of the shoulder blade
    glm::vec3 shoulderJoint[2]{};  // centre of the humeral head
    // Pelvis and legs.
    glm::vec3 hipJoint[2]{};    // centre of the femoral head
    glm::vec3 iliacCrest[2]{};  // highest, most lateral point of the crest
    glm::vec3 knee[2]{};        // knee joint centre (between the femoral condyles and the tibia)
};

enum class BoneKind { Vertebra, Sacrum, Rib, Sternum, Pelvis, Scapula, Femur };

struct BonePiece {
    // "C1".."C7", "T1".."T12", "L1".."L5", "sacrum", "rib_1_l".."rib_12_l", "rib_1_r"..,
    // "sternum", "pelvis", "scapula_l", "scapula_r", "femur_l", "femur_r".
    std::string name;
    BoneKind kind = BoneKind::Vertebra;
    int side = -1;           // 0 left, 1 right, -1 midline
    glm::vec3 anchor{0.0f};  // vertebral body centre, rib head, femoral head, ...
    TriMesh mesh;            // closed, outward-wound, smooth normals, model space
};

// The landmarks of a typical adult standing (measured at 1.75 m, e.g. t12l1 at y 1.085), scaled by
// height / 1.75: for tests, previews and as a fallback. Left and right are exact mirrors.
SkeletonFrame defaultSkeletonFrame(float height = 1.75f);

// Every piece, in a fixed order: vertebrae top to bottom, sacrum, ribs 1-12 left then right
// (interleaved per level: rib_1_l, rib_1_r, rib_2_l, ...), sternum, pelvis, scapulae, femurs.
std::vector<BonePiece> buildSkeleton(const SkeletonFrame& frame);

}  // namespace ra::core
