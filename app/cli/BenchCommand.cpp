// BenchCommand: `roller-atlas bench`: frame times measured the way the peers were (advance the
// animation 1/60 s, render, wait for the GPU; 200 frames after 10 warm-up), printed as JSON, and
// where they go: each pass timed on its own over a few more frames; then picking (PickBench).
#include <epoxy/gl.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/Commands.h"
#include "cli/Headless.h"
#include "cli/PickBench.h"
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

// One pass's medians over the frames it ran in: wall time, and CPU time of all the process's
// threads (the rasteriser's included; on a shared machine this varies less than wall time).
struct PassTime {
    std::string name;
    std::vector<double> wallMs, cpuMs;
};

struct Measured {
    double startupMs = 0.0;
    std::vector<double> frameMs;  // synchronised frames
    double cpuMsPerFrame = 0.0;
    double pipelinedMsPerFrame = 0.0;
    std::vector<PassTime> passes;  // in frame order
};

// Runs `frames` more frames waiting for the GPU after every pass, which adds up to more than a
// frame (nothing overlaps) but shows where the time goes.
std::vector<PassTime> measurePasses(HeadlessSession& s, int frames) {
    std::vector<PassTime> passes;
    Clock::time_point t0;
    double c0 = 0.0;
    s.renderer->setPassObserver([&](const char* name) {
        glFinish();
        auto it = std::find_if(passes.begin(), passes.end(),
                               [&](const PassTime& p) { return p.name == name; });
        if (it == passes.end()) it = passes.insert(passes.end(), PassTime{name, {}, {}});
        it->wallMs.push_back(msSince(t0));
        it->cpuMs.push_back(cpuMs() - c0);
        t0 = Clock::now();
        c0 = cpuMs();
    });
    for (int i = 0; i < frames; ++i) {
        s.scene.update(1.0 / 60.0);
        glFinish();
        t0 = Clock::now();
        c0 = cpuMs();
        s.renderer->renderOffscreen(s.frameView());
    }
    s.renderer->setPassObserver(nullptr);
    return passes;
}

Measured measure(HeadlessSession& s, const Options& o) {
    Measured m;
    s.scene.playing = true;
    frame(s, true);
    m.startupMs = msSinceProcessStart();
    for (int i = 0; i < o.warmup; ++i) frame(s, true);
    const double cpu0 = cpuMs();
    for (int i = 0; i < o.frames; ++i) {
        auto t0 = Clock::now();
        frame(s, true);
        m.frameMs.push_back(msSince(t0));
    }
    m.cpuMsPerFrame = (cpuMs() - cpu0) / o.frames;
    const int pipelinedFrames = 50;  // queued back to back, one sync at the end
    auto p0 = Clock::now();
    for (int i = 0; i < pipelinedFrames; ++i) frame(s, false);
    glFinish();
    m.pipelinedMsPerFrame = msSince(p0) / pipelinedFrames;
    m.passes = measurePasses(s, 30);
    return m;
}

}  // namespace

int runBench(const Options& o) {
    auto s = openHeadless(o, 1920, 1080);
    if (!s) return 1;
    const Measured m = measure(*s, o);
    const nlohmann::json picking = measurePicking(*s);
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    double mean = 0.0;
    for (double t : m.frameMs) mean += t / double(m.frameMs.size());
    nlohmann::json passes = nlohmann::json::array();
    for (const PassTime& p : m.passes)
        passes.push_back({{"pass", p.name},
                          {"wall_ms", percentile(p.wallMs, 0.5)},
                          {"cpu_ms", percentile(p.cpuMs, 0.5)}});
    nlohmann::json j = {
        {"frames", o.frames},
        {"warmup_frames", o.warmup},
        {"width", s->width},
        {"height", s->height},
        {"msaa_samples", s->renderer->msaaSamples()},
        {"shadows", true},
        {"model", s->content.modelPath},
        {"frame_ms",
         {{"median", percentile(m.frameMs, 0.5)},
          {"p95", percentile(m.frameMs, 0.95)},
          {"mean", mean},
          {"min", percentile(m.frameMs, 0.0)},
          {"max", percentile(m.frameMs, 1.0)}}},
        {"pipelined_ms_per_frame", m.pipelinedMsPerFrame},
        {"passes", passes},
        {"cpu_ms_per_frame", m.cpuMsPerFrame},
        {"startup_to_first_frame_ms", m.startupMs},
        {"picking", picking},
        {"peak_memory_mb", double(ru.ru_maxrss) / 1024.0},
        {"gl_renderer", s->renderer->glRenderer()},
        {"gl_version", s->renderer->glVersion()},
    };
    std::cout << j.dump(2) << std::endl;
    return 0;
}

}  // namespace ra::app
