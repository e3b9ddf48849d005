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

std::string loadUiFont(float pixelSize, float presentationPx) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    for (const char* path : kFontCandidates) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) continue;
        if (io.Fonts->AddFontFromFileTTF(path, pixelSize)) {
            io.Fonts->AddFontFromFileTTF(path, std::round(pixelSize * kCaptionScale));
            if (presentationPx > 0.0f)
                io.Fonts->AddFontFromFileTTF(path, std::round(presentationPx));
            return path;
        }
    }
    ImFontConfig cfg;
    cfg.SizePixels = pixelSize;
    io.Fonts->AddFontDefault(&cfg);
    cfg.SizePixels = std::round(pixelSize * kCaptionScale);
    io.Fonts->AddFontDefault(&cfg);
    if (presentationPx > 0.0f) {
        cfg.SizePixels = std::round(presentationPx);
        io.Fonts->AddFontDefault(&cfg);
    }
    return "";
}

ImFont* captionFont() {
    ImGuiIO& io = ImGui::GetIO();
    return io.Fonts->Fonts.Size > 1 ? io.Fonts->Fonts[1] : nullptr;
}

ImFont* presentationFont() {
    ImGuiIO& io = ImGui::GetIO();
    return io.Fonts->Fonts.Size > 2 ? io.Fonts->Fonts[2] : nullptr;
}

namespace {

void darkColours(ImVec4* c) {
    c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 0.94f);
    c[ImGuiCol_Button] = ImVec4(0.22f, 0.26f, 0.32f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.0f, 0.45f, 0.70f, 0.75f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.0f, 0.45f, 0.70f, 1.0f);
    c[ImGuiCol_SliderGrab] = ImVec4(0.34f, 0.71f, 0.91f, 0.9f);
    c[ImGuiCol_SliderGrabActive] = ImVec4(0.34f, 0.71f, 0.91f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.0f, 0.45f, 0.70f, 0.45f);
    c[ImGuiCol_Tab] = ImVec4(0.18f, 0.22f, 0.28f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.0f, 0.45f, 0.70f, 1.0f);
}

// For projectors: they wash out mid-tones, so pure white panels, black text, strong frames.
void projectorColours(ImGuiStyle& style) {
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = ImVec4(0.0f, 0.0f, 0.0f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.25f, 0.25f, 0.25f, 1.0f);
    c[ImGuiCol_WindowBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.98f);
    c[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.92f, 0.92f, 0.92f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.85f, 0.85f, 0.85f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.0f, 0.45f, 0.70f, 0.6f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.0f, 0.45f, 0.70f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.0f, 0.45f, 0.70f, 0.35f);
    c[ImGuiCol_SliderGrab] = ImVec4(0.0f, 0.0f, 0.0f, 1.0f);
    style.WindowBorderSize = 2.0f;
    style.FrameBorderSize = 1.0f;
}

}  // namespace

void applyUiStyle(float scale, cmd::Theme theme) {
    ImGuiStyle style;
    if (theme == cmd::Theme::Dark)
        ImGui::StyleColorsDark(&style);
    else
        ImGui::StyleColorsLight(&style);
    style.WindowRounding = 6.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.WindowBorderSize = 0.0f;
    style.WindowPadding = ImVec2(12, 10);
    style.ItemSpacing = ImVec2(8, 7);
    style.FramePadding = ImVec2(8, 5);
    ImVec4* c = style.Colors;
    if (theme != cmd::Theme::Dark) {
        c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 0.94f);
        c[ImGuiCol_TitleBgActive] = ImVec4(0.80f, 0.85f, 0.90f, 1.0f);
        c[ImGuiCol_TitleBg] = ImVec4(0.86f, 0.89f, 0.92f, 1.0f);
        c[ImGuiCol_Button] = ImVec4(0.84f, 0.88f, 0.93f, 1.0f);
        c[ImGuiCol_ButtonHovered] = ImVec4(0.34f, 0.71f, 0.91f, 0.55f);
        c[ImGuiCol_ButtonActive] = ImVec4(0.0f, 0.45f, 0.70f, 0.75f);
        c[ImGuiCol_SliderGrab] = ImVec4(0.0f, 0.45f, 0.70f, 0.85f);
        c[ImGuiCol_SliderGrabActive] = ImVec4(0.0f, 0.45f, 0.70f, 1.0f);
        c[ImGuiCol_Header] = ImVec4(0.34f, 0.71f, 0.91f, 0.35f);
        c[ImGuiCol_TabActive] = ImVec4(0.34f, 0.71f, 0.91f, 0.9f);
        c[ImGuiCol_Tab] = ImVec4(0.84f, 0.88f, 0.93f, 1.0f);
    }
    if (theme == cmd::Theme::Dark) darkColours(c);
    if (theme == cmd::Theme::Projector) projectorColours(style);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace ra::app
