// ArchitectureTest: the layering rule of DESIGN.md, checked on the source tree: the domain core
// includes no GL, EGL, windowing or UI header.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace fs = std::filesystem;

TEST_CASE("app/core includes no GL, EGL, GLFW or ImGui header") {
    const std::regex banned(R"(#\s*include\s*[<"](GL/|GLES|EGL/|epoxy/|GLFW/|imgui|backends/))");
    const fs::path core = fs::path(RA_SOURCE_DIR) / "app" / "core";
    REQUIRE(fs::is_directory(core));
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(core)) {
        if (!entry.is_regular_file()) continue;
        ++files;
        std::ifstream in(entry.path());
        std::string line;
        int lineNo = 0;
        while (std::getline(in, line)) {
            ++lineNo;
            INFO(entry.path().string() << ":" << lineNo << ": " << line);
            CHECK_FALSE(std::regex_search(line, banned));
        }
    }
    CHECK(files >= 6);
}

TEST_CASE("the renderer includes no windowing or UI header") {
    const std::regex banned(R"(#\s*include\s*[<"](GLFW/|imgui|backends/))");
    const fs::path dir = fs::path(RA_SOURCE_DIR) / "renderer";
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line)) {
            INFO(entry.path().string() << ": " << line);
            CHECK_FALSE(std::regex_search(line, banned));
        }
    }
}
