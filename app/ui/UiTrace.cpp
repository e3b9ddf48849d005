// UiTrace: the ROLLER_ATLAS_UI_TRACE output (see UiTrace.h).
#include "ui/UiTrace.h"

#include <imgui.h>

#include <cstdlib>
#include <iostream>
#include <map>

namespace ra::app {
namespace {

std::map<std::string, std::string>& lastPrinted() {
    static std::map<std::string, std::string> printed;
    return printed;
}

void printOnChange(const std::string& key, const std::string& line) {
    std::string& last = lastPrinted()[key];
    if (last == line) return;
    last = line;
    std::cout << "roller-atlas: ui " << line << std::endl;
}

}  // namespace

bool uiTraceEnabled() {
    static const bool enabled = [] {
        const char* v = std::getenv("ROLLER_ATLAS_UI_TRACE");
        return v && *v && std::string(v) != "0";
    }();
    return enabled;
}

void traceItem(const std::string& name) {
    if (!uiTraceEnabled() || !ImGui::IsItemVisible()) return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const ImVec2 clipMin = ImGui::GetWindowDrawList()->GetClipRectMin();
    const ImVec2 clipMax = ImGui::GetWindowDrawList()->GetClipRectMax();
    // The centre must be on screen inside its window (a half-scrolled item is not clickable).
    const float x = (a.x + b.x) * 0.5f, y = (a.y + b.y) * 0.5f;
    if (x < clipMin.x || x > clipMax.x || y < clipMin.y || y > clipMax.y) return;
    printOnChange("item " + name,
                  "item " + name + " at " + std::to_string(int(x)) + "," + std::to_string(int(y)));
}

void traceValue(const std::string& key, const std::string& value) {
    if (!uiTraceEnabled()) return;
    printOnChange("value " + key, key + ": " + value);
}

}  // namespace ra::app
