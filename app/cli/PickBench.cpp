// PickBench: medians of repeated timings, each taken on its own (a ray takes microseconds, well
// above the clock's resolution).
#include "cli/PickBench.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/SafetyMonitor.h"
#include "core/ScenePicker.h"

namespace ra::app {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kRays = 1000;
constexpr int kLinearRays = 50;  // the linear pass takes about a millisecond a ray
constexpr int kRefits = 30;
constexpr int kBuilds = 5;

double usSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
    return v[v.size() / 2];
}

// Rays from the camera to the middles of skin triangles spread evenly through the triangle
// list: every one meets the body, at the triangle aimed at or in front of it.
std::vector<core::Ray> raysAcrossBody(const core::OrbitCamera& camera, const core::Primitive& skin,
                                      const std::vector<glm::vec3>& world) {
    std::vector<core::Ray> rays;
    const glm::vec3 eye = camera.eye();
    const size_t triangles = skin.indices.size() / 3;
    for (size_t i = 0; i < size_t(kRays) && triangles > 0; ++i) {
        const size_t t = i * triangles / size_t(kRays) * 3;
        const glm::vec3 at =
            (world[skin.indices[t]] + world[skin.indices[t + 1]] + world[skin.indices[t + 2]]) /
            3.0f;
        rays.push_back({eye, glm::normalize(at - eye)});
    }
    return rays;
}

}  // namespace

nlohmann::json measurePicking(HeadlessSession& s) {
    const auto body = s.content.surface;
    if (!body || s.scene.model() != &body->model()) return nullptr;
    std::vector<glm::vec3> world;
    std::vector<double> skinUs, buildUs, refitUs, rayUs, pickUs, linearUs;
    core::SkinPicker picker;
    for (int i = 0; i < kBuilds; ++i) {
        auto t0 = Clock::now();
        core::worldSkin(*body, s.scene.pose(), s.scene.modelToWorld(), world);
        skinUs.push_back(usSince(t0));
        t0 = Clock::now();
        picker.build(body->skin(), world);
        buildUs.push_back(usSince(t0));
    }
    int rebuilds = 0;
    for (int i = 0; i < kRefits; ++i) {  // the window's case: the pose moves a frame on
        s.scene.update(1.0 / 60.0);
        core::worldSkin(*body, s.scene.pose(), s.scene.modelToWorld(), world);
        const auto t0 = Clock::now();
        picker.update(body->skin(), world);
        refitUs.push_back(usSince(t0));
        rebuilds += picker.lastUpdate() == core::SkinPicker::Update::Built;
    }
    core::ScenePicker scenePicker(body);
    scenePicker.sync(s.scene);
    const std::vector<core::Ray> rays = raysAcrossBody(s.camera, body->skin(), world);
    int missed = 0;  // none expected: every ray is aimed at the skin
    for (const core::Ray& r : rays) {
        auto t0 = Clock::now();
        const core::SkinHit hit = picker.cast(r.origin, r.direction);
        rayUs.push_back(usSince(t0));
        t0 = Clock::now();
        const core::PickResult p = scenePicker.pick(s.scene, r);
        pickUs.push_back(usSince(t0));
        missed += !hit.hit || p.subject == core::PickSubject::Background;
    }
    for (size_t i = 0; i < rays.size() && linearUs.size() < size_t(kLinearRays); i += 20) {
        const auto t0 = Clock::now();
        core::pickSkin(body->skin(), world, rays[i].origin, rays[i].direction);
        linearUs.push_back(usSince(t0));
    }
    const double perRay = median(rayUs), refitMs = median(refitUs) / 1e3;
    char summary[160];
    std::snprintf(summary, sizeof summary,
                  "picking: %.1f us per ray (median of %d rays across the body), refit %.2f ms",
                  perRay, int(rays.size()), refitMs);
    return {
        {"summary", summary},
        {"triangles", picker.triangleCount()},
        {"tree_nodes", picker.nodeCount()},
        {"rays", rays.size()},
        {"rays_missed", missed},
        {"us_per_ray_median", perRay},
        {"pick_region_us_median", median(pickUs)},
        {"linear_us_per_ray_median", median(linearUs)},
        {"refit_ms_median", refitMs},
        {"rebuilds_in_refits", rebuilds},
        {"build_ms_median", median(buildUs) / 1e3},
        {"cpu_skinning_ms_median", median(skinUs) / 1e3},
    };
}

}  // namespace ra::app
