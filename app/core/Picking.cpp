// Picking: the camera's ray through a pixel, Moller-Trumbore over the triangle list, the region
// labels at the hit, and the scene's other surfaces (roller, mat, floor) a pick can meet first.
#include "core/Picking.h"

#include <limits>

#include "core/BodySurface.h"
#include "core/OrbitCamera.h"
#include "core/SafetyMonitor.h"
#include "core/Scene.h"
#include "core/SkinPicker.h"

namespace ra::core {
namespace {

constexpr float kMiss = -1.0f;

// Where the ray enters the box [lo, hi] ahead of its origin (0 when it starts inside); kMiss when
// it passes by.
float rayBox(const glm::vec3& lo, const glm::vec3& hi, const Ray& ray) {
    float enter = 0.0f, leave = std::numeric_limits<float>::max();
    for (int k = 0; k < 3; ++k) {
        const float o = ray.origin[k], d = ray.direction[k];
        if (d == 0.0f) {
            if (o < lo[k] || o > hi[k]) return kMiss;
            continue;
        }
        float t0 = (lo[k] - o) / d, t1 = (hi[k] - o) / d;
        if (t0 > t1) std::swap(t0, t1);
        enter = std::max(enter, t0);
        leave = std::min(leave, t1);
        if (enter > leave) return kMiss;
    }
    return enter > 0.0f ? enter : kMiss;
}

void describeBody(const Scene& scene, const BodySurface& body, const SkinHit& hit, PickResult& r) {
    r.subject = PickSubject::Body;
    r.distance = hit.distance;
    r.point = hit.point;
    r.triangle = hit.triangle;
    r.region = hit.region;
    const ModelData& model = body.model();
    if (hit.region < 0 || size_t(hit.region) >= model.regions.size()) return;
    const RegionInfo& info = model.regions[size_t(hit.region)];
    r.regionId = info.id;
    r.regionName = info.name;
    r.kind = info.kind;
    if (overTheSpine(info.id))
        r.vertebra = body.vertebralLevel(scene.pose(), scene.modelToWorld(), hit.point,
                                         kVertebraReach, true);
}

}  // namespace

Ray rayThroughPixel(const glm::mat4& view, const glm::mat4& projection, glm::vec2 pixel,
                    glm::vec2 size) {
    // In double: the far plane lies hundreds of near-plane distances away, and float would
    // round the direction of a ray through a small pixel.
    const glm::dmat4 inv = glm::inverse(glm::dmat4(projection) * glm::dmat4(view));
    const double x = 2.0 * double(pixel.x) / std::max(1.0, double(size.x)) - 1.0;
    const double y = 1.0 - 2.0 * double(pixel.y) / std::max(1.0, double(size.y));
    glm::dvec4 nearPoint = inv * glm::dvec4(x, y, -1.0, 1.0);
    glm::dvec4 farPoint = inv * glm::dvec4(x, y, 1.0, 1.0);
    nearPoint /= nearPoint.w;
    farPoint /= farPoint.w;
    Ray r;
    r.origin = glm::vec3(nearPoint);
    r.direction = glm::vec3(glm::normalize(glm::dvec3(farPoint) - glm::dvec3(nearPoint)));
    return r;
}

Ray cameraRay(const OrbitCamera& camera, glm::vec2 pixel, glm::vec2 size) {
    const float aspect = size.y > 0.0f ? size.x / size.y : 1.0f;
    return rayThroughPixel(camera.view(), camera.projection(aspect), pixel, size);
}

int regionAt(const std::vector<glm::u8vec4>& regionIds,
             const std::vector<glm::u8vec4>& regionWeights, const std::array<uint32_t, 3>& corners,
             glm::vec2 bary) {
    if (regionWeights.size() != regionIds.size()) return -1;
    for (uint32_t v : corners)
        if (v >= regionIds.size()) return -1;
    const std::array<float, 3> w{1.0f - bary.x - bary.y, bary.x, bary.y};
    std::array<float, 256> weight{};
    for (size_t k = 0; k < 3; ++k)
        for (int j = 0; j < 4; ++j)
            weight[regionIds[corners[k]][j]] += w[k] * float(regionWeights[corners[k]][j]);
    int best = -1;
    float top = 0.0f;
    for (size_t r = 0; r < weight.size(); ++r)
        if (weight[r] > top) top = weight[r], best = int(r);
    return best;
}

SkinHit pickSkin(const Primitive& skin, const std::vector<glm::vec3>& positions,
                 const glm::vec3& origin, const glm::vec3& direction) {
    SkinHit best;
    glm::vec2 bary{0.0f};
    const size_t n = skin.indices.size() / 3 * 3;
    for (size_t i = 0; i < n; i += 3) {
        const uint32_t a = skin.indices[i], b = skin.indices[i + 1], c = skin.indices[i + 2];
        if (a >= positions.size() || b >= positions.size() || c >= positions.size()) continue;
        float t = 0.0f;
        glm::vec2 uv{0.0f};
        if (!intersectTriangle(positions[a], positions[b], positions[c], origin, direction, t, uv))
            continue;
        if (best.hit && t >= best.distance) continue;
        best.hit = true;
        best.distance = t;
        best.triangle = uint32_t(i / 3);
        bary = uv;
    }
    if (!best.hit) return best;
    best.point = origin + best.distance * direction;
    if (skin.regionIds.size() != skin.positions.size()) return best;
    const size_t i = size_t(best.triangle) * 3;
    best.region = regionAt(skin.regionIds, skin.regionWeights,
                           {skin.indices[i], skin.indices[i + 1], skin.indices[i + 2]}, bary);
    return best;
}

std::string regionId(const ModelData& model, int region) {
    if (region < 0 || size_t(region) >= model.regions.size()) return "";
    return model.regions[size_t(region)].id;
}

const char* pickSubjectName(PickSubject s) {
    switch (s) {
        case PickSubject::Background:
            return "background";
        case PickSubject::Floor:
            return "floor";
        case PickSubject::Mat:
            return "mat";
        case PickSubject::Roller:
            return "roller";
        case PickSubject::Body:
            return "body";
    }
    return "background";
}

float rayRoller(const Roller& roller, const Ray& ray) {
    const glm::vec3 axis = glm::normalize(roller.axis);
    const glm::vec3 o = ray.origin - roller.center;
    const float half = roller.length * 0.5f, r2 = roller.radius * roller.radius;
    float best = std::numeric_limits<float>::max();
    // The side: |radial part of o + t d| = radius, within the length.
    const glm::vec3 d = ray.direction - glm::dot(ray.direction, axis) * axis;
    const glm::vec3 p = o - glm::dot(o, axis) * axis;
    const float a = glm::dot(d, d), b = glm::dot(p, d), c = glm::dot(p, p) - r2;
    if (a > 1e-12f && b * b - a * c >= 0.0f) {
        const float root = std::sqrt(b * b - a * c);
        for (float t : {(-b - root) / a, (-b + root) / a}) {
            const float along = glm::dot(o + t * ray.direction, axis);
            if (t > 0.0f && std::abs(along) <= half) best = std::min(best, t);
        }
    }
    // The end caps.
    const float da = glm::dot(ray.direction, axis);
    if (std::abs(da) > 1e-12f)
        for (float end : {-half, half}) {
            const float t = (end - glm::dot(o, axis)) / da;
            const glm::vec3 at = o + t * ray.direction;
            const glm::vec3 radial = at - glm::dot(at, axis) * axis;
            if (t > 0.0f && glm::dot(radial, radial) <= r2) best = std::min(best, t);
        }
    return best < std::numeric_limits<float>::max() ? best : kMiss;
}

PickResult pickRegion(const Scene& scene, const BodySurface& body, const SkinPicker& skin,
                      const Ray& ray) {
    PickResult r;
    float nearest = std::numeric_limits<float>::max();
    const SkinHit hit = skin.cast(ray.origin, ray.direction);
    if (hit.hit) {
        describeBody(scene, body, hit, r);
        nearest = hit.distance;
    }
    // The floor is the mat's underside level; the mat lies on it with its top at y = 0.
    const Mat& mat = scene.mat();
    const glm::vec3 half{mat.size.x * 0.5f, 0.0f, mat.size.y * 0.5f};
    const float floorY = mat.center.y - mat.thickness;
    const float tFloor = ray.direction.y < 0.0f && ray.origin.y > floorY
                             ? (floorY - ray.origin.y) / ray.direction.y
                             : kMiss;
    const std::pair<PickSubject, float> others[] = {
        {PickSubject::Roller, rayRoller(scene.roller(), ray)},
        {PickSubject::Mat,
         rayBox(mat.center - half - glm::vec3(0.0f, mat.thickness, 0.0f), mat.center + half, ray)},
        {PickSubject::Floor, tFloor},
    };
    for (const auto& [subject, t] : others) {
        if (t <= 0.0f || t >= nearest) continue;
        r = PickResult{};
        r.subject = subject;
        r.distance = t;
        r.point = ray.origin + t * ray.direction;
        nearest = t;
    }
    return r;
}

}  // namespace ra::core
