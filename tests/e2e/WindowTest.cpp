// WindowTest: the real interactive window under a private Xvfb, driven with xdotool and seen
// through xwd: it draws the scene, a left drag orbits, H hides the panels, it survives unmap/map
// and a resize, M and X change the anatomy marks and the x-ray, and Ctrl+Q exits 0. Screenshots go
// to RA_TEST_OUT_DIR/window-*.png.
#include "e2e/AppDriver.h"

using namespace ra::test;

TEST_CASE("a paused window sleeps: no CPU while nothing moves, CPU again when it plays") {
    XServer x(1280, 800, outPath("idle-xvfb.log"));
    INFO(x.error());
    REQUIRE(x.ok());
    AppProcess app(x, {"--paused", "--size", "900x600"}, outPath("idle-app.log"));
    REQUIRE(app.started());
    const std::string window = waitForWindow(x, app, 30.0);
    REQUIRE_FALSE(window.empty());
    REQUIRE(app.waitForLog("first frame", 30.0));
    sleepSeconds(1.5);  // the frames that follow start-up settle
    const long idle0 = cpuTicks(app.pid());
    sleepSeconds(2.0);
    const long idle1 = cpuTicks(app.pid());
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    INFO("idle: " << idle1 - idle0 << " ticks in 2 s (" << ticksPerSecond << " per second)");
    CHECK(idle1 - idle0 <= ticksPerSecond / 20);  // under 2.5% of one core

    xdotool(x, {"key", "--window", window, "space"});  // play: now it must draw continuously
    sleepSeconds(0.5);
    const long play0 = cpuTicks(app.pid());
    sleepSeconds(2.0);
    const long play1 = cpuTicks(app.pid());
    INFO("playing: " << play1 - play0 << " ticks in 2 s");
    CHECK(play1 - play0 > ticksPerSecond / 2);
    requireRunning(app, "while playing");
    xdotool(x, {"key", "--window", window, "ctrl+q"});
    CHECK(app.waitExit(10.0) == std::optional<int>(0));
}

TEST_CASE("the window draws the scene, orbits on a drag, hides panels and quits on Ctrl+Q") {
    for (const char* tool : {"xdotool", "xwd"}) {
        INFO("'" << tool
                 << "' is missing: install the xdotool and x11-apps packages "
                    "(./build.sh deps)");
        REQUIRE(!findProgram(tool).empty());
    }
    XServer x(1280, 800, outPath("window-xvfb.log"));
    INFO("X server: " << x.error());
    REQUIRE(x.ok());

    AppProcess app(x, {"--paused", "--size", "1100x700"}, outPath("window-app.log"));
    REQUIRE(app.started());
    const std::string window = waitForWindow(x, app, 30.0);
    if (window.empty()) FAIL("no visible 'Roller Atlas' window within 30 s; log:\n" << app.log());
    if (!app.waitForLog("first frame", 30.0))
        FAIL("no 'first frame' line within 30 s; log:\n" << app.log());

    const Image initial = captureSettled(x, window);
    savePng(initial, "window-1-initial.png");
    CHECK(initial.width == 1100);
    CHECK(initial.height == 700);
    checkShowsSomething(initial, Region{}, "whole window");
    checkShowsSomething(initial, kSceneArea, "3D view");

    // Orbit: start 45% across and 85% down, between the control panel (left) and the stretch
    // panel (right), below both.
    const int startX = initial.width * 45 / 100, startY = initial.height * 85 / 100;
    leftDrag(x, window, startX, startY, 150, 10);
    requireRunning(app, "during the drag");
    const Image orbited = captureSettled(x, window);
    savePng(orbited, "window-2-orbited.png");
    requireRunning(app, "after the drag");
    {
        const double changed = changedFraction(initial, orbited, kSceneArea);
        INFO("share of 3D-view pixels changed by the drag: " << changed);
        CHECK(changed > 0.05);
        const double panelChanged = changedFraction(initial, orbited, kPanelArea);
        INFO("share of panel pixels changed by the drag: " << panelChanged);
        CHECK(panelChanged < 0.02);  // the camera moved, not the panels
    }

    xdotool(x, {"windowfocus", window});
    xdotool(x, {"key", "h"});
    const Image hidden = captureSettled(x, window);
    savePng(hidden, "window-3-panels-hidden.png");
    {
        const double changed = changedFraction(orbited, hidden, kPanelArea);
        INFO("share of panel-area pixels changed by H: " << changed);
        CHECK(changed > 0.2);
    }
    xdotool(x, {"key", "h"});
    const Image shown = captureSettled(x, window);
    CHECK(changedFraction(orbited, shown, Region{}) < 0.01);  // H twice: back as it was

    // Unmapped and mapped again (what a minimise amounts to without a window manager): the app
    // must live on and repaint the exposed window.
    xdotool(x, {"windowunmap", window});
    sleepSeconds(0.5);
    requireRunning(app, "while unmapped");
    xdotool(x, {"windowmap", window});
    const Image remapped = captureSettled(x, window);
    savePng(remapped, "window-4-remapped.png");
    requireRunning(app, "after mapping the window again");
    CHECK(changedFraction(orbited, remapped, Region{}) < 0.01);

    xdotool(x, {"windowsize", window, "800", "500"});
    const Image resized = captureSettled(x, window);
    savePng(resized, "window-5-resized.png");
    requireRunning(app, "after a resize");
    CHECK(resized.width == 800);
    CHECK(resized.height == 500);
    checkShowsSomething(resized, kSceneArea, "3D view after resize");

    xdotool(x, {"windowfocus", window});
    xdotool(x, {"key", "ctrl+q"});
    const std::optional<int> code = app.waitExit(10.0);
    if (!code) FAIL("still running 10 s after Ctrl+Q; log:\n" << app.log());
    INFO("log:\n" << app.log());
    CHECK(*code == 0);
}

TEST_CASE("M marks every labelled region on the body and X shows the skeleton through the skin") {
    XServer x(1280, 800, outPath("anatomy-xvfb.log"));
    INFO("X server: " << x.error());
    REQUIRE(x.ok());
    // The "back" preset looks along the mat: the supine figure shows its thighs, knees, flank.
    AppProcess app(x, {"--paused", "--size", "1100x700", "--view", "back"},
                   outPath("anatomy-app.log"));
    REQUIRE(app.started());
    const std::string window = waitForWindow(x, app, 30.0);
    if (window.empty()) FAIL("no visible 'Roller Atlas' window within 30 s; log:\n" << app.log());
    REQUIRE(app.waitForLog("first frame", 30.0));

    // Panels hidden (H): the marks are the only saturated blue and vermillion in the window.
    xdotool(x, {"windowfocus", window});
    xdotool(x, {"key", "h"});
    const Image focus = captureSettled(x, window);
    savePng(focus, "anatomy-1-focus.png");
    const double focusMarked = markedFraction(focus, Region{});

    xdotool(x, {"key", "m"});  // this stretch -> all regions
    const Image all = captureSettled(x, window);
    savePng(all, "anatomy-2-all-regions.png");
    const double allMarked = markedFraction(all, Region{});
    INFO("marked share of the 3D view: focus " << focusMarked << ", all " << allMarked);
    CHECK(allMarked > 0.005);
    CHECK(allMarked > focusMarked * 3.0);

    xdotool(x, {"key", "x"});
    const Image xray = captureSettled(x, window);
    savePng(xray, "anatomy-3-xray.png");
    {
        const double changed = changedFraction(all, xray, kSceneArea);
        INFO("share of 3D-view pixels changed by X: " << changed);
        CHECK(changed > 0.01);
    }
    xdotool(x, {"key", "x"});
    const Image back = captureSettled(x, window);
    CHECK(changedFraction(all, back, Region{}) < 0.002);  // X twice: as it was

    xdotool(x, {"key", "m"});  // all regions -> off
    const Image off = captureSettled(x, window);
    savePng(off, "anatomy-4-off.png");
    {
        const double offMarked = markedFraction(off, Region{});
        INFO("marked share with marks off: " << offMarked);
        CHECK(offMarked < allMarked * 0.05);
    }
    requireRunning(app, "after the anatomy keys");
    xdotool(x, {"key", "ctrl+q"});
    CHECK(app.waitExit(10.0) == std::optional<int>(0));
}
