// BodySkeletonParts: the closed-shell primitives the x-ray skeleton is built from (superellipsoid,
// swept tube, pillow plate) and the internal layout shared by the skeleton's source files.
// Every primitive appends one sphere-topology shell: watertight, outward-wound, smooth normals.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/BodySkeleton.h"
#include "core/TriMesh.h"

namespace ra::core::skeleton {

// A right-handed orthonormal frame: x side, y up (the pole axis of blobs), z front.
struct Basis {
    glm::vec3 x{1.0f, 0.0f, 0.0f};
    glm::vec3 y{0.0f, 1.0f, 0.0f};
    glm::vec3 z{0.0f, 0.0f, 1.0f};
};

// Superellipsoid with its poles on axes.y. Exponents below 1 make it boxier (0.3: a drum with
// flat ends); `waist` pinches the side wall halfway between the ends (vertebral bodies).
struct Blob {
    glm::vec3 centre{0.0f};
    Basis axes;
    glm::vec3 radii{0.01f};
    float verticalExponent = 1.0f;
    float roundExponent = 1.0f;
    float waist = 0.0f;
    int segments = 12;  // around the pole axis, a multiple of 4
    int rings = 6;      // latitude bands
};

// One control point of a tube: the section is `a` along the hint (made perpendicular to the
// path) and `b` along the binormal.
struct TubeKey {
    glm::vec3 pos{0.0f};
    glm::vec3 hint{0.0f};
    float a = 0.005f;
    float b = 0.005f;
};

// A tube swept along a centripetal Catmull-Rom curve through the keys, domed at both ends.
// With `transport` the first key's hint is carried along by parallel transport (no twist);
// otherwise every key's hint orients its section.
struct TubeSpec {
    std::vector<TubeKey> keys;
    int segments = 8;       // around, a multiple of 2
    float step = 0.01f;     // metres between rings along the path
    float exponent = 2.0f;  // superellipse: 2 ellipse, larger boxier
    float capStart = 1.0f;  // dome length as a fraction of the smaller end radius
    float capEnd = 1.0f;
    int capRings = 1;
    bool transport = false;
};

// A plate: a star-shaped outline in a 2D parameter plane, lifted by `surface` onto a curved
// mid-surface and thickened by `halfThickness` along its normal, with rounded rims.
struct PillowSpec {
    std::vector<glm::vec2> outline;  // control points, smoothed and resampled to `segments`
    glm::vec2 centre{0.0f};
    std::function<glm::vec3(glm::vec2)> surface;
    std::function<float(glm::vec2)> halfThickness;
    int segments = 24;
    int faceRings = 3;
    int rimRings = 3;
    float rimStart = 0.85f;
    float normalEps = 1e-3f;  // parameter step for the mid-surface normal
};

void appendBlob(TriMesh& mesh, const Blob& blob);
void appendTube(TriMesh& mesh, const TubeSpec& spec);
void appendPillow(TriMesh& mesh, const PillowSpec& spec);

// Closed centripetal Catmull-Rom through `points`, resampled to about `count` points spaced by
// length.
std::vector<glm::vec2> smoothClosed(const std::vector<glm::vec2>& points, int count);

// Open centripetal Catmull-Rom through `points` (phantom end points mirrored), `perSpan` samples
// per span plus the last point.
std::vector<glm::vec3> smoothOpen(const std::vector<glm::vec3>& points, int perSpan);

// Hermite ramp 0 -> 1 as x goes from lo to hi.
float smooth01(float lo, float hi, float x);

// --- layout shared by the skeleton's source files ----------------------------------------------

constexpr int kVertebraCount = 24;  // C1-C7, T1-T12, L1-L5

// Where one vertebra sits and how big it is (metres, already scaled by height).
struct VertebraLayout {
    std::string name;
    int index = 0;            // 0 = C1 ... 23 = L5
    glm::vec3 centre{0.0f};   // vertebral body centre on the spine line
    Basis axes;               // x side, y along the spine (up), z front
    float pitch = 0.0f;       // body plus one disc
    float height = 0.0f;      // body height
    float width = 0.0f;       // body width
    float depth = 0.0f;       // body depth
    float canalDepth = 0.0f;  // vertebral foramen, front to back
    float canalHalf = 0.0f;   // pedicle line's distance from the midline
    float archThick = 0.0f;   // half thickness of pedicles and lamina
    float scale = 1.0f;       // height / 1.75

    glm::vec3 local(float x, float up, float front) const {
        return centre + axes.x * x + axes.y * up + axes.z * front;
    }
};

struct SpineLayout {
    std::vector<VertebraLayout> vertebrae;  // 24, top to bottom
    glm::vec3 sacrumTop{0.0f};              // centre of the S1 end plate
    glm::vec3 sacrumAxis{0.0f};             // down the sacrum at its base
    float discGap = 0.0f;                   // L5-S1 disc
    float scale = 1.0f;                     // height / 1.75
};

SpineLayout layoutSpine(const SkeletonFrame& frame);

// Tip of a vertebra's transverse process on side s (+1 left, -1 right); the ribs pass it.
glm::vec3 transverseTip(const VertebraLayout& v, float s);

TriMesh buildVertebra(const VertebraLayout& v);
TriMesh buildSacrum(const SpineLayout& spine);

// The centreline keys of every rib, planned together because ribs 8-10 end on the cartilage of
// the rib above. Index [side][k - 1], side 0 left.
struct RibPlan {
    std::vector<TubeKey> keys;
    glm::vec3 head{0.0f};
};
struct RibCage {
    RibPlan ribs[2][12];
};

RibCage planRibCage(const SkeletonFrame& frame, const SpineLayout& spine);
TriMesh buildRib(const RibPlan& plan, float scale);
TriMesh buildSternum(const SkeletonFrame& frame, const SpineLayout& spine);
TriMesh buildScapula(const SkeletonFrame& frame, const SpineLayout& spine, int side);
TriMesh buildPelvis(const SkeletonFrame& frame, const SpineLayout& spine);
TriMesh buildFemur(const SkeletonFrame& frame, int side);

}  // namespace ra::core::skeleton
