// PresentationPanel: presentation mode's caption band along the bottom of the screen: the current
// step in type readable from the back of a room (at least 4% of the screen height), the
// breathing guide and the step timer, in high contrast (white on near-black).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/StretchMotion.h"
#include "ui/Panels.h"
#include "ui/UiStyle.h"
#include "ui/UiTrace.h"

namespace ra::app {
namespace {

constexpr ImU32 kBand = IM_COL32(12, 12, 14, 235);
constexpr ImU32 kInk = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kAccent = IM_COL32(86, 180, 233, 255);  // sky blue reads on black

// Wraps `text` into lines no wider than `width` with `font` at its own size.
std::vector<std::string> wrap(ImFont* font, const std::string& text, float width) {
    std::vector<std::string> lines;
    const char* s = text.c_str();
    const char* end = s + text.size();
    while (s < end) {
        const char* e = font->CalcWordWrapPositionA(1.0f, s, end, width);
        if (e == s) e = s + 1;
        lines.emplace_back(s, e);
        while (e < end && *e == ' ') ++e;
        s = e;
    }
    return lines;
}

}  // namespace

void drawPresentationBand(const PanelContext& ctx) {
    ImFont* font = presentationFont();
    const core::StretchMotion* m = ctx.scene.stretch();
    if (!font || !m || !ctx.scene.stretchFrame()) return;
    const core::StretchFrame& f = ctx.scene.stretchFrame()->timeline;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float px = font->FontSize;
    const float margin = px * 0.5f;
    const float side = px * 3.2f;  // the breathing guide and the timer on the right
    const std::vector<std::string> lines = wrap(font, f.cue, display.x - margin * 3 - side);
    const float height =
        margin * 2 + px * 1.15f * float(std::max<size_t>(1, lines.size())) + px * 0.55f;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const float top = display.y - height;
    dl->AddRectFilled(ImVec2(0, top), display, kBand);
    // The stretch and the step, small, above the caption.
    char head[256];
    int n = std::snprintf(head, sizeof head, "%s  -  step %d of %zu", m->stretch().name.c_str(),
                          f.segment + 1, m->timeline().segments().size());
    if (const core::RoutinePlayer* p = ctx.routinePlayer;
        p && p->active() && n > 0 && size_t(n) < sizeof head) {
        const int left = int(p->remaining());
        std::snprintf(head + n, sizeof head - size_t(n), "      %s: area %d of %zu, %d:%02d left",
                      p->routine().name.c_str(), p->step() + 1, p->routine().steps.size(),
                      left / 60, left % 60);
    }
    dl->AddText(font, px * 0.45f, ImVec2(margin, top + margin * 0.5f), kAccent, head);
    float y = top + margin * 0.5f + px * 0.55f;
    for (const auto& line : lines) {
        dl->AddText(font, px, ImVec2(margin, y), kInk, line.c_str());
        y += px * 1.15f;
    }
    traceValue("caption px", std::to_string(int(px)));
    traceValue("caption", f.cue);
    // Breathing: ring = a full breath, the disc grows on the inhale; the word and the step's
    // time left under it.
    const float r = px * 0.62f;
    const ImVec2 c(display.x - margin - side * 0.5f, top + margin * 0.4f + r);
    dl->AddCircle(c, r, kAccent, 48, px * 0.07f);
    dl->AddCircleFilled(c, r * (0.25f + 0.7f * std::clamp(f.breath, 0.0f, 1.0f)),
                        (kAccent & 0x00FFFFFFu) | 0xC0000000u, 48);
    const char* breath = f.breathing == core::Breathing::Inhale   ? "breathe in"
                         : f.breathing == core::Breathing::Exhale ? "breathe out"
                         : f.breathing == core::Breathing::Deep   ? "breathe deeply"
                                                                  : "breathe easily";
    const double left = std::max(0.0, f.segmentEnd - ctx.scene.time());
    char timer[32];
    std::snprintf(timer, sizeof timer, "%d:%02d left", int(left) / 60, int(left) % 60);
    float ty = c.y + r + px * 0.08f;
    for (const char* text : {breath, static_cast<const char*>(timer)}) {
        const float tpx = px * 0.42f;
        const float tw = font->CalcTextSizeA(tpx, 1e9f, 0.0f, text).x;
        dl->AddText(font, tpx, ImVec2(c.x - tw * 0.5f, ty), kInk, text);
        ty += tpx * 1.1f;
    }
}

}  // namespace ra::app
