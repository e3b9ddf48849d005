// CommandLineTest: the real binary's command line: help, version, usage errors, and headless
// rendering with no display.
#include "e2e/Process.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace ra::test;

TEST_CASE("--help and --version answer and exit 0") {
    auto help = runProcess({RA_BINARY, "--help"});
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("roller-atlas render --out FILE.png") != std::string::npos);
    auto version = runProcess({RA_BINARY, "--version"});
    CHECK(version.exitCode == 0);
    CHECK(version.out.rfind("roller-atlas ", 0) == 0);
}

TEST_CASE("a usage error names the argument and exits 2") {
    auto r = runProcess({RA_BINARY, "render", "--out", "/tmp/x.png", "--view", "sideways"});
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("--view sideways") != std::string::npos);
    auto r2 = runProcess({RA_BINARY, "--frobnicate"});
    CHECK(r2.exitCode == 2);
    CHECK(r2.err.find("'--frobnicate'") != std::string::npos);
}

TEST_CASE("a missing assets folder says where it looked") {
    auto r = runProcess({RA_BINARY, "check", "--assets", "/nonexistent/assets"});
    CHECK(r.exitCode == 1);
    CHECK(r.out.find("no assets folder found") != std::string::npos);
    CHECK(r.out.find("/nonexistent/assets") != std::string::npos);
}
