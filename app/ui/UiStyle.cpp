// UiStyle: ImGui theme and font loading (FreeType rasteriser from Debian's libimgui).
#include "ui/UiStyle.h"

#include <imgui.h>
#include <imgui_freetype.h>

#include <cmath>
#include <filesystem>

namespace ra::app {
namespace {

constexpr const char* kFontCandidates[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
};

}  // namespace

std::string loadUiFont(float pixelSize) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    for (const char* path : kFontCandidates) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) continue;
        if (io.Fonts->AddFontFromFileTTF(path, pixelSize)) {
            io.Fonts->AddFontFromFileTTF(path, std::round(pixelSize * kCaptionScale));
            return path;
        }
    }
    ImFontConfig cfg;
    cfg.SizePixels = pixelSize;
    io.Fonts->AddFontDefault(&cfg);
    cfg.SizePixels = std::round(pixelSize * kCaptionScale);
    io.Fonts->AddFontDefault(&cfg);
    return "";
}

ImFont* captionFont() {
    ImGuiIO& io = ImGui::GetIO();
    return io.Fonts->Fonts.Size > 1 ? io.Fonts->Fonts[1] : nullptr;
}

void applyUiStyle(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowRounding = 6.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.WindowBorderSize = 0.0f;
    style.WindowPadding = ImVec2(12, 10);
    style.ItemSpacing = ImVec2(8, 7);
    style.FramePadding = ImVec2(8, 5);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 0.94f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.80f, 0.85f, 0.90f, 1.0f);
    c[ImGuiCol_TitleBg] = ImVec4(0.86f, 0.89f, 0.92f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.84f, 0.88f, 0.93f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.34f, 0.71f, 0.91f, 0.55f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.0f, 0.45f, 0.70f, 0.75f);
    c[ImGuiCol_SliderGrab] = ImVec4(0.0f, 0.45f, 0.70f, 0.85f);
    c[ImGuiCol_SliderGrabActive] = ImVec4(0.0f, 0.45f, 0.70f, 1.0f);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace ra::app
