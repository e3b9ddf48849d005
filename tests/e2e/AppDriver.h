// AppDriver: what the end-to-end tests of the window share: the app as a child process on a
// private Xvfb, xdotool input, settled screenshots and pixel statistics over parts of them.
#pragma once

#include <stb_image_write.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "e2e/Process.h"
#include "e2e/XServer.h"

namespace ra::test {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

inline void sleepSeconds(double s) {
    std::this_thread::sleep_for(std::chrono::duration<double>(s));
}

// A part of a picture in fractions of its size, so checks survive a different window size.
struct Region {
    double x0 = 0.0, y0 = 0.0, x1 = 1.0, y1 = 1.0;
};
// Away from the ImGui panels at the top-left: only the 3D view is drawn here.
constexpr Region kSceneArea{0.38, 0.0, 0.7, 0.85};
// Where the control panel sits while the panels are shown.
constexpr Region kPanelArea{0.0, 0.0, 0.25, 0.5};

template <class F>
inline void forEachPixel(const Image& img, Region r, F&& f) {
    const int x0 = int(r.x0 * img.width), x1 = int(r.x1 * img.width);
    const int y0 = int(r.y0 * img.height), y1 = int(r.y1 * img.height);
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) f(x, y);
}

struct ColourStats {
    size_t distinct = 0;
    double dominantFraction = 0.0;  // share of the most common colour
};

inline ColourStats colourStats(const Image& img, Region r) {
    std::unordered_map<std::uint32_t, size_t> counts;
    size_t total = 0;
    forEachPixel(img, r, [&](int x, int y) {
        const std::uint8_t* p = img.at(x, y);
        ++counts[std::uint32_t(p[0]) << 16 | std::uint32_t(p[1]) << 8 | p[2]];
        ++total;
    });
    size_t top = 0;
    for (const auto& [colour, n] : counts) top = std::max(top, n);
    return {counts.size(), total ? double(top) / double(total) : 1.0};
}

// Share of pixels in `r` whose largest channel difference exceeds `threshold`.
inline double changedFraction(const Image& a, const Image& b, Region r, int threshold = 24) {
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    size_t changed = 0, total = 0;
    forEachPixel(a, r, [&](int x, int y) {
        const std::uint8_t* p = a.at(x, y);
        const std::uint8_t* q = b.at(x, y);
        int d = 0;
        for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(int(p[c]) - int(q[c])));
        changed += d > threshold ? 1 : 0;
        ++total;
    });
    return total ? double(changed) / double(total) : 0.0;
}

inline void savePng(const Image& img, const std::string& name) {
    const std::string path = outPath(name);
    CHECK(stbi_write_png(path.c_str(), img.width, img.height, 3, img.rgb.data(), img.width * 3));
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The app under test, on the given display; killed in the destructor unless it already exited.
class AppProcess {
public:
    // `extraEnv`: more NAME=VALUE entries (e.g. ROLLER_ATLAS_UI_TRACE=1).
    AppProcess(const XServer& x, const std::vector<std::string>& args, std::string logPath,
               const std::vector<std::string>& extraEnv = {})
        : m_logPath(std::move(logPath)) {
        std::vector<std::string> argv{RA_BINARY};
        argv.insert(argv.end(), args.begin(), args.end());
        std::vector<std::string> env = x.env();
        // Settings go to a fresh folder of the test's own, never the user's ~/.config (and never
        // what an earlier run of the test left).
        std::error_code ec;
        fs::remove_all(m_logPath + ".config", ec);
        env.push_back("XDG_CONFIG_HOME=" + m_logPath + ".config");
        env.insert(env.end(), extraEnv.begin(), extraEnv.end());
        m_pid = startProcess(argv, env, m_logPath);
    }
    ~AppProcess() {
        if (m_pid > 0 && !m_exitCode) stopProcess(m_pid);
    }
    AppProcess(const AppProcess&) = delete;
    AppProcess& operator=(const AppProcess&) = delete;

    bool started() const { return m_pid > 0; }
    int pid() const { return m_pid; }
    std::string log() const { return readFile(m_logPath); }
    bool running() {
        int code = 0;
        if (!m_exitCode && processExited(m_pid, code)) m_exitCode = code;
        return !m_exitCode;
    }
    // The exit code once it has exited within `seconds`; nothing while it still runs.
    std::optional<int> waitExit(double seconds) {
        const auto end = Clock::now() + std::chrono::duration<double>(seconds);
        while (running() && Clock::now() < end) sleepSeconds(0.05);
        return m_exitCode;
    }
    bool waitForLog(const std::string& text, double seconds) {
        const auto end = Clock::now() + std::chrono::duration<double>(seconds);
        while (Clock::now() < end && running()) {
            if (log().find(text) != std::string::npos) return true;
            sleepSeconds(0.1);
        }
        return log().find(text) != std::string::npos;
    }

private:
    int m_pid = -1;
    std::optional<int> m_exitCode;
    std::string m_logPath;
};

inline void requireRunning(AppProcess& app, const std::string& when) {
    if (!app.running()) FAIL("the app exited " << when << "; its log:\n" << app.log());
}

// The id of the app's visible top-level window, polling while the app lives ("" if none came).
inline std::string waitForWindow(const XServer& x, AppProcess& app, double seconds) {
    const auto end = Clock::now() + std::chrono::duration<double>(seconds);
    while (Clock::now() < end && app.running()) {
        auto r = x.run({"xdotool", "search", "--onlyvisible", "--name", "^Roller Atlas$"}, 5.0);
        if (r.exitCode == 0 && !r.out.empty()) return r.out.substr(0, r.out.find('\n'));
        sleepSeconds(0.1);
    }
    return "";
}

inline void xdotool(const XServer& x, std::vector<std::string> args) {
    args.insert(args.begin(), "xdotool");
    auto r = x.run(args, 30.0);
    INFO("xdotool " << args[1] << ": " << r.err);
    REQUIRE(r.exitCode == 0);
}

// The app redraws a few frames after each input and then sleeps (it is paused): capture until
// three pictures in a row agree, so a check never sees a half-updated frame (on a loaded machine
// one frame can take longer than the gap between two captures).
inline Image captureSettled(const XServer& x, const std::string& window) {
    Image previous;
    int same = 0;
    for (int attempt = 0; attempt < 50; ++attempt) {
        sleepSeconds(0.3);
        std::string error;
        Image img = x.capture(window, error);
        INFO(error);
        REQUIRE(!img.empty());
        same = !previous.empty() && img.rgb == previous.rgb ? same + 1 : 0;
        if (same == 2) return img;
        previous = std::move(img);
    }
    WARN("the paused window kept changing for 15 s; using the last capture");
    return previous;
}

// Not blank: many colours and no single colour covering nearly everything.
inline void checkShowsSomething(const Image& img, Region r, const std::string& what) {
    const ColourStats s = colourStats(img, r);
    INFO(what << ": " << s.distinct << " distinct colours, the commonest covers "
              << int(s.dominantFraction * 100.0) << "%");
    CHECK(s.distinct >= 50);
    CHECK(s.dominantFraction < 0.9);
}

// A left drag in several steps, as a hand would, starting at (x0, y0) in window coordinates.
inline void leftDrag(const XServer& x, const std::string& window, int x0, int y0, int dx,
                     int steps) {
    std::vector<std::string> args{
        "mousemove", "--window",  window, std::to_string(x0), std::to_string(y0), "sleep",
        "0.2",       "mousedown", "1"};
    for (int i = 1; i <= steps; ++i) {
        args.insert(args.end(), {"sleep", "0.05", "mousemove", "--window", window,
                                 std::to_string(x0 + dx * i / steps), std::to_string(y0)});
    }
    args.insert(args.end(), {"sleep", "0.1", "mouseup", "1"});
    xdotool(x, args);
}

// CPU time (user + system, all threads) the process has used so far, in clock ticks.
inline long cpuTicks(int pid) {
    std::string stat = readFile("/proc/" + std::to_string(pid) + "/stat");
    auto close = stat.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(stat.substr(close + 2));
    std::string f;
    long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i) {
        if (i == 14) utime = std::stol(f);
        if (i == 15) stime = std::stol(f);
    }
    return utime + stime;
}

// Share of pixels in `r` that are one of the region marks' saturated hues: the target blue
// (#0072B2 family) or the no-go vermillion (#D55E00 family). Plain skin, the sky, the mat and
// the roller are all far less saturated.
inline double markedFraction(const Image& img, Region r) {
    size_t marked = 0, total = 0;
    forEachPixel(img, r, [&](int x, int y) {
        const std::uint8_t* p = img.at(x, y);
        const int red = p[0], green = p[1], blue = p[2];
        const bool targetBlue = blue > 120 && blue > red + 60;
        const bool noGoRed = red > 140 && red > green + 70 && red > blue + 90;
        marked += (targetBlue || noGoRed) ? 1 : 0;
        ++total;
    });
    return total ? double(marked) / double(total) : 0.0;
}

}  // namespace ra::test
