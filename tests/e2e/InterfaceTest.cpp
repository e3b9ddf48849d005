// InterfaceTest: the window as its users meet it, under a private Xvfb with real X input: click a
// muscle on the body and its stretches are listed; click one and it plays, its cue changing as
// time runs; click the lumbar spine and the window says why not and what relieves it;
// presentation mode goes full screen with a large caption band, steps with clicker keys, blanks,
// and leaves on Esc. The app's ROLLER_ATLAS_UI_TRACE lines say where widgets are and what the
// captions read. Screenshots go to RA_TEST_OUT_DIR/interface-*.png.
#include <regex>

#include "e2e/AppDriver.h"

using namespace ra::test;

namespace {

const std::vector<std::string> kTrace = {"ROLLER_ATLAS_UI_TRACE=1"};

struct Pixel {
    int x = -1, y = -1;
};

// The pixel nearest the middle of the pixels `match` accepts inside `r` (so a click lands well
// inside a marked region, not on its edge); {-1, -1} when none matches.
template <class Match>
Pixel middleOf(const Image& img, Region r, Match match) {
    double sx = 0.0, sy = 0.0;
    size_t n = 0;
    forEachPixel(img, r, [&](int x, int y) {
        if (match(img.at(x, y))) sx += x, sy += y, ++n;
    });
    if (!n) return {};
    const double cx = sx / double(n), cy = sy / double(n);
    Pixel best;
    double bestD = 1e18;
    forEachPixel(img, r, [&](int x, int y) {
        const double d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
        if (d < bestD && match(img.at(x, y))) bestD = d, best = {x, y};
    });
    return best;
}

bool targetBlue(const std::uint8_t* p) {
    return p[2] > 120 && p[2] > p[0] + 60;
}
bool noGoVermillion(const std::uint8_t* p) {
    return p[0] > 140 && p[0] > p[1] + 70 && p[0] > p[2] + 90;
}

// The last "ui item NAME at X,Y" the app printed.
Pixel itemAt(const std::string& log, const std::string& name) {
    const std::regex re("ui item " + name + " at ([0-9]+),([0-9]+)");
    Pixel p;
    for (auto it = std::sregex_iterator(log.begin(), log.end(), re); it != std::sregex_iterator();
         ++it)
        p = {std::stoi((*it)[1]), std::stoi((*it)[2])};
    return p;
}

// Every value the app printed for "ui KEY: VALUE", in order.
std::vector<std::string> tracedValues(const std::string& log, const std::string& key) {
    std::vector<std::string> values;
    const std::string prefix = "roller-atlas: ui " + key + ": ";
    std::istringstream lines(log);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind(prefix, 0) == 0) values.push_back(line.substr(prefix.size()));
    return values;
}

void click(const XServer& x, const std::string& window, Pixel p) {
    xdotool(x, {"mousemove", "--window", window, std::to_string(p.x), std::to_string(p.y), "sleep",
                "0.3", "click", "1"});
}

struct Session {
    XServer x;
    AppProcess app;
    std::string window;
    Session(int w, int h, const std::string& name, const std::vector<std::string>& args)
        : x(w, h, outPath(name + "-xvfb.log")), app(x, args, outPath(name + "-app.log"), kTrace) {
        INFO("X server: " << x.error());
        REQUIRE(x.ok());
        REQUIRE(app.started());
        window = waitForWindow(x, app, 30.0);
        if (window.empty()) FAIL("no 'Roller Atlas' window within 30 s; log:\n" << app.log());
        if (!app.waitForLog("first frame", 30.0)) FAIL("no first frame; log:\n" << app.log());
    }
    void quit() {
        xdotool(x, {"key", "--window", window, "ctrl+q"});
        CHECK(app.waitExit(15.0) == std::optional<int>(0));
    }
};

}  // namespace

TEST_CASE(
    "clicking the lats lists their stretches, and a listed one plays with its cue following time") {
    Session s(1280, 800, "interface-lats",
              {"--paused", "--stretch", "lat-release", "--size", "1200x760"});
    const Image before = captureSettled(s.x, s.window);
    // The lat release marks its target, the lats, in target blue: aim at the middle of it, in
    // the part of the window between the panels.
    const Region scene{0.36, 0.05, 0.7, 0.85};
    const Pixel lats = middleOf(before, scene, targetBlue);
    INFO("log:\n" << s.app.log());
    REQUIRE(lats.x >= 0);
    xdotool(s.x,
            {"mousemove", "--window", s.window, std::to_string(lats.x), std::to_string(lats.y)});
    CHECK(s.app.waitForLog("ui hover: latissimus_dorsi", 10.0));
    const Image hover = captureSettled(s.x, s.window);
    savePng(hover, "interface-1-lats-hover.png");
    click(s.x, s.window, lats);
    REQUIRE(s.app.waitForLog("selected latissimus_dorsi", 10.0));
    CHECK(s.app.waitForLog("ui stretches for latissimus_dorsi: lat-release", 10.0));
    CHECK_THAT(s.app.log(), Catch::Contains("stretches: lat-release, lat-release-past-ribs"));
    const Image selected = captureSettled(s.x, s.window);
    savePng(selected, "interface-2-lats-selected.png");
    // The left panel turned to the anatomy tab.
    CHECK(changedFraction(before, selected, Region{0.0, 0.0, 0.3, 0.6}) > 0.05);

    // Play the listed mistake demo from the anatomy tab, then let time run at 2x.
    const Pixel demo = itemAt(s.app.log(), "anatomy/lat-release-past-ribs");
    REQUIRE(demo.x >= 0);
    click(s.x, s.window, demo);
    REQUIRE(s.app.waitForLog("playing lat-release-past-ribs", 20.0));
    const size_t cuesBefore = tracedValues(s.app.log(), "cue").size();
    xdotool(s.x, {"key", "--window", s.window, "bracketright"});  // 2x
    xdotool(s.x, {"key", "--window", s.window, "space"});         // play
    const auto end = Clock::now() + std::chrono::seconds(40);
    while (Clock::now() < end && tracedValues(s.app.log(), "cue").size() < cuesBefore + 2)
        sleepSeconds(0.2);
    const std::vector<std::string> cues = tracedValues(s.app.log(), "cue");
    REQUIRE(cues.size() >= cuesBefore + 2);
    CHECK(cues[cuesBefore] != cues[cuesBefore + 1]);
    requireRunning(s.app, "while the mistake demo plays");
    xdotool(s.x, {"key", "--window", s.window, "space"});  // pause for a steady picture
    savePng(captureSettled(s.x, s.window), "interface-3-mistake-demo-playing.png");
    s.quit();
}

TEST_CASE("clicking the lumbar spine says it is never rolled and offers what relieves it") {
    // Face down, seen from above: the lower back, marked no-go (vermillion hatching), faces the
    // camera.
    Session s(
        1280, 800, "interface-lumbar",
        {"--pose", "prone", "--highlight", "lumbar_spine", "--view", "top", "--size", "1200x760"});
    const Image before = captureSettled(s.x, s.window);
    const Pixel lumbar = middleOf(before, Region{0.36, 0.0, 0.7, 1.0}, noGoVermillion);
    INFO("log:\n" << s.app.log());
    REQUIRE(lumbar.x >= 0);
    click(s.x, s.window, lumbar);
    REQUIRE(s.app.waitForLog("selected lumbar_spine", 10.0));
    CHECK_THAT(s.app.log(),
               Catch::Contains("no-go); relieved by: glute-roll, hip-flexor-roll, it-band-roll, "
                               "thoracic-extension"));
    CHECK(s.app.waitForLog("ui relieved by: glute-roll,hip-flexor-roll", 10.0));
    const Image selected = captureSettled(s.x, s.window);
    savePng(selected, "interface-4-lumbar-no-go.png");
    // Relieving stretches play from the panel too.
    const Pixel relief = itemAt(s.app.log(), "anatomy/hip-flexor-roll");
    REQUIRE(relief.x >= 0);
    click(s.x, s.window, relief);
    CHECK(s.app.waitForLog("playing hip-flexor-roll", 20.0));
    s.quit();
}

TEST_CASE("presentation mode: full screen, a caption band a room can read, clicker keys, blank") {
    Session s(1920, 1080, "interface-present",
              {"--paused", "--stretch", "thoracic-extension", "--size", "1100x700"});
    xdotool(s.x, {"key", "--window", s.window, "F5"});
    REQUIRE(s.app.waitForLog("presentation mode on", 10.0));
    const Image on = captureSettled(s.x, s.window);
    savePng(on, "interface-5-presentation-1080p.png");
    CHECK(on.width == 1920);
    CHECK(on.height == 1080);
    const std::vector<std::string> px = tracedValues(s.app.log(), "caption px");
    REQUIRE(!px.empty());
    INFO("caption font " << px.back() << " px on a 1080-pixel screen");
    CHECK(std::stoi(px.back()) >= 0.04 * 1080);
    // The band: dark across the bottom, with white type on it.
    {
        const ColourStats band = colourStats(on, Region{0.0, 0.93, 0.6, 1.0});
        INFO("the commonest colour covers " << band.dominantFraction << " of the band");
        CHECK(band.dominantFraction > 0.5);
        size_t dark = 0, white = 0, total = 0;
        forEachPixel(on, Region{0.0, 0.9, 0.8, 1.0}, [&](int x, int y) {
            const std::uint8_t* p = on.at(x, y);
            dark += (p[0] < 40 && p[1] < 40 && p[2] < 40) ? 1 : 0;
            white += (p[0] > 225 && p[1] > 225 && p[2] > 225) ? 1 : 0;
            ++total;
        });
        CHECK(double(dark) / double(total) > 0.6);
        CHECK(white > 500);
    }
    const std::string firstCaption = tracedValues(s.app.log(), "caption").back();
    xdotool(s.x, {"key", "--window", s.window, "Next"});  // a clicker's "next"
    const auto end = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < end && tracedValues(s.app.log(), "caption").back() == firstCaption)
        sleepSeconds(0.1);
    CHECK(tracedValues(s.app.log(), "caption").back() != firstCaption);

    xdotool(s.x, {"key", "--window", s.window, "b"});
    const Image blank = captureSettled(s.x, s.window);
    CHECK(colourStats(blank, Region{}).dominantFraction > 0.999);
    CHECK(blank.at(960, 540)[0] == 0);
    xdotool(s.x, {"key", "--window", s.window, "b"});
    CHECK(colourStats(captureSettled(s.x, s.window), Region{}).dominantFraction < 0.9);

    xdotool(s.x, {"key", "--window", s.window, "Escape"});
    REQUIRE(s.app.waitForLog("presentation mode off", 10.0));
    const Image off = captureSettled(s.x, s.window);
    savePng(off, "interface-6-presentation-left.png");
    CHECK(off.width == 1100);
    CHECK(off.height == 700);
    s.quit();
}

namespace {

std::string settingsDir(const std::string& name) {
    const fs::path dir = fs::path(outPath(name));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}

}  // namespace

TEST_CASE("settings survive a restart, and a corrupt settings file is reported and set aside") {
    const std::string dir = settingsDir("interface-config");
    const std::string file = (fs::path(dir) / "settings.json").string();
    const std::vector<std::string> args = {"--paused", "--size", "1200x760", "--config", dir};
    {
        Session s(1280, 800, "interface-settings-1", args);
        xdotool(s.x, {"key", "--window", s.window, "x"});           // x-ray on
        xdotool(s.x, {"key", "--window", s.window, "ctrl+equal"});  // larger text
        captureSettled(s.x, s.window);  // the panels laid out again in the larger type
        const Pixel calf = itemAt(s.app.log(), "library/calf-roll");
        REQUIRE(calf.x >= 0);
        click(s.x, s.window, calf);
        REQUIRE(s.app.waitForLog("playing calf-roll", 20.0));
        s.quit();
    }
    const std::string saved = readFile(file);
    INFO("settings.json:\n" << saved);
    CHECK_THAT(saved, Catch::Contains("\"last_stretch\": \"calf-roll\""));
    CHECK_THAT(saved, Catch::Contains("\"xray\": true"));
    CHECK_THAT(saved, Catch::Contains("\"ui_scale\": 1.15"));
    {
        // The next run opens where the last one left off.
        Session s(1280, 800, "interface-settings-2", args);
        CHECK(s.app.waitForLog("playing calf-roll", 10.0));
        CHECK_THAT(s.app.log(), !Catch::Contains("settings.json"));  // nothing to report
        s.quit();
    }
    CHECK(readFile(file) == saved);  // unchanged by a run that changed nothing

    const std::string corrupt = "{\"ui_scale\": 1.5, \"theme\": \"dark\"";  // cut short
    std::ofstream(file, std::ios::binary) << corrupt;
    {
        Session s(1280, 800, "interface-settings-3", args);
        const std::string log = s.app.log();
        INFO("log:\n" << log);
        CHECK_THAT(log, Catch::Contains(file));
        CHECK_THAT(log, Catch::Contains("not valid JSON"));
        CHECK_THAT(log, Catch::Contains("moved to " + file + ".corrupt-"));
        requireRunning(s.app, "after reporting the corrupt settings");
        savePng(captureSettled(s.x, s.window), "interface-7-corrupt-settings.png");
        s.quit();
    }
    int setAside = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("settings.json.corrupt-", 0) != 0) continue;
        ++setAside;
        CHECK(readFile(e.path().string()) == corrupt);  // the user's bytes, untouched
    }
    CHECK(setAside == 1);
}
