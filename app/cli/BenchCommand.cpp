// BenchCommand: `roller-atlas bench`: frame times measured the way the peers were (advance the
// animation 1/60 s, render, wait for the GPU; 200 frames after 10 warm-up), printed as JSON.
#include <epoxy/gl.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/Commands.h"
#include "cli/Headless.h"
#include "cli/ProcessClock.h"

namespace ra::app {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double cpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) * 1e-6;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    size_t i = size_t(std::clamp(p * double(v.size() - 1) + 0.5, 0.0, double(v.size() - 1)));
    return v[i];
}

// One benchmark frame: advance 1/60 s, draw, and (when `sync`) wait until the GPU is done.
void frame(HeadlessSession& s, bool sync) {
    s.scene.update(1.0 / 60.0);
    s.renderer->renderOffscreen(s.frameView());
    if (sync) glFinish();
}

}  // namespace

int runBench(const Options& o) {
    auto s = openHeadless(o, 1920, 1080);
    if (!s) return 1;
    s->scene.playing = true;
    frame(*s, true);
    const double startupMs = msSinceProcessStart();

    for (int i = 0; i < o.warmup; ++i) frame(*s, true);
    std::vector<double> times;
    const double cpu0 = cpuMs();
    for (int i = 0; i < o.frames; ++i) {
        auto t0 = Clock::now();
        frame(*s, true);
        times.push_back(msSince(t0));
    }
    const double cpuPerFrame = (cpuMs() - cpu0) / o.frames;

    const int pipelinedFrames = 50;
    auto p0 = Clock::now();
    for (int i = 0; i < pipelinedFrames; ++i) frame(*s, false);
    glFinish();
    const double pipelined = msSince(p0) / pipelinedFrames;

    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    double mean = 0.0;
    for (double t : times) mean += t / double(times.size());
    nlohmann::json j = {
        {"frames", o.frames},
        {"warmup_frames", o.warmup},
        {"width", s->width},
        {"height", s->height},
        {"msaa_samples", s->renderer->msaaSamples()},
        {"shadows", true},
        {"model", s->content.modelPath},
        {"frame_ms",
         {{"median", percentile(times, 0.5)},
          {"p95", percentile(times, 0.95)},
          {"mean", mean},
          {"min", percentile(times, 0.0)},
          {"max", percentile(times, 1.0)}}},
        {"pipelined_ms_per_frame", pipelined},
        {"cpu_ms_per_frame", cpuPerFrame},
        {"startup_to_first_frame_ms", startupMs},
        {"peak_memory_mb", double(ru.ru_maxrss) / 1024.0},
        {"gl_renderer", s->renderer->glRenderer()},
        {"gl_version", s->renderer->glVersion()},
    };
    std::cout << j.dump(2) << std::endl;
    return 0;
}

}  // namespace ra::app
