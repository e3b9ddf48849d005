// Window: the GLFW window and its OpenGL 3.3 core context, with input delivered as plain structs
// so the rest of the app never touches GLFW callbacks.
#pragma once

#include <glm/glm.hpp>
#include <memory>
#include <string>
#include <vector>

struct GLFWwindow;

namespace ra::app {

struct InputEvent {
    enum class Type { MouseButton, MouseMove, Scroll, Key, Drop };
    Type type = Type::MouseMove;
    int button = 0;  // GLFW mouse button or key code
    int action = 0;  // GLFW_PRESS / GLFW_RELEASE / GLFW_REPEAT
    int mods = 0;
    double x = 0.0, y = 0.0;         // cursor position in window coordinates, or scroll offsets
    std::vector<std::string> paths;  // Drop
};

struct WindowDesc {
    std::string title = "Roller Atlas";
    int width = 1280, height = 800;
    bool fullscreen = false;
};

class Window {
public:
    // nullptr with `error` set (for example no display, or no OpenGL 3.3) when it cannot open.
    static std::unique_ptr<Window> create(const WindowDesc& desc, std::string& error);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    bool shouldClose() const;
    void requestClose();
    void pollEvents();
    void waitEvents();                // blocks until something happens: no CPU while nothing moves
    void waitEvents(double seconds);  // the same, but returns after `seconds` at the latest
    std::vector<InputEvent> takeEvents();
    void swapBuffers();

    glm::ivec2 framebufferSize() const;  // pixels; 0x0 while minimised
    glm::ivec2 windowSize() const;       // screen coordinates (cursor space)
    float contentScale() const;          // HiDPI factor of the monitor the window is on
    void setFullscreen(bool on);
    bool fullscreen() const { return m_fullscreen; }
    GLFWwindow* handle() const { return m_window; }

private:
    Window() = default;
    static Window* self(GLFWwindow* w);
    void installCallbacks();

    GLFWwindow* m_window = nullptr;
    std::vector<InputEvent> m_events;
    bool m_fullscreen = false;
    glm::ivec4 m_windowedRect{100, 100, 1280, 800};
};

}  // namespace ra::app
