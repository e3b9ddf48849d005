// HeadlessContext: an OpenGL 3.3 core context with no window and no X server, through EGL
// (Mesa's surfaceless platform first, then the device platform, then the default display).
#pragma once

#include <memory>
#include <string>

namespace ra::gfx {

class HeadlessContext {
public:
    // nullptr with `error` set (what was tried and what failed) when no context can be made.
    static std::unique_ptr<HeadlessContext> create(std::string& error);
    ~HeadlessContext();
    HeadlessContext(const HeadlessContext&) = delete;
    HeadlessContext& operator=(const HeadlessContext&) = delete;

    // Which EGL platform gave the context, e.g. "surfaceless".
    const std::string& platform() const { return m_platform; }

private:
    HeadlessContext() = default;
    void* m_display = nullptr;
    void* m_context = nullptr;
    std::string m_platform;
};

}  // namespace ra::gfx
