// Window: GLFW set-up (core profile, HiDPI scaling, fullscreen toggle) and event capture.
#include "platform/Window.h"

#include <GLFW/glfw3.h>

#include <algorithm>

namespace ra::app {
namespace {

std::string g_glfwError;

void onGlfwError(int, const char* description) {
    g_glfwError = description ? description : "";
}

}  // namespace

Window* Window::self(GLFWwindow* w) {
    return static_cast<Window*>(glfwGetWindowUserPointer(w));
}

std::unique_ptr<Window> Window::create(const WindowDesc& desc, std::string& error) {
    glfwSetErrorCallback(onGlfwError);
    if (!glfwInit()) {
        error = "cannot open a window (" + g_glfwError +
                "). Without a display, use `roller-atlas render` or run under xvfb-run.";
        return nullptr;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    glfwWindowHint(GLFW_SAMPLES, 0);  // the renderer resolves its own multisampled target
    auto w = std::unique_ptr<Window>(new Window());
    w->m_window = glfwCreateWindow(desc.width, desc.height, desc.title.c_str(), nullptr, nullptr);
    if (!w->m_window) {
        error =
            "cannot create an OpenGL 3.3 core window (" + g_glfwError +
            "). Update the graphics driver, or use `roller-atlas render`, which needs no window.";
        glfwTerminate();
        return nullptr;
    }
    glfwSetWindowUserPointer(w->m_window, w.get());
    glfwMakeContextCurrent(w->m_window);
    glfwSwapInterval(1);
    w->installCallbacks();
    if (desc.fullscreen) w->setFullscreen(true);
    return w;
}

Window::~Window() {
    if (m_window) glfwDestroyWindow(m_window);
    glfwTerminate();
}

void Window::installCallbacks() {
    using T = InputEvent::Type;
    glfwSetMouseButtonCallback(m_window, [](GLFWwindow* w, int button, int action, int mods) {
        double x, y;
        glfwGetCursorPos(w, &x, &y);
        self(w)->m_events.push_back({T::MouseButton, button, action, mods, x, y, {}});
    });
    glfwSetCursorPosCallback(m_window, [](GLFWwindow* w, double x, double y) {
        self(w)->m_events.push_back({T::MouseMove, 0, 0, 0, x, y, {}});
    });
    glfwSetScrollCallback(m_window, [](GLFWwindow* w, double dx, double dy) {
        self(w)->m_events.push_back({T::Scroll, 0, 0, 0, dx, dy, {}});
    });
    glfwSetKeyCallback(m_window, [](GLFWwindow* w, int key, int, int action, int mods) {
        self(w)->m_events.push_back({T::Key, key, action, mods, 0, 0, {}});
    });
    glfwSetDropCallback(m_window, [](GLFWwindow* w, int count, const char** paths) {
        InputEvent e{T::Drop, 0, 0, 0, 0, 0, {}};
        for (int i = 0; i < count; ++i) e.paths.emplace_back(paths[i]);
        self(w)->m_events.push_back(std::move(e));
    });
}

bool Window::shouldClose() const {
    return glfwWindowShouldClose(m_window);
}
void Window::requestClose() {
    glfwSetWindowShouldClose(m_window, GLFW_TRUE);
}
void Window::pollEvents() {
    glfwPollEvents();
}
void Window::waitEvents() {
    glfwWaitEvents();
}

void Window::waitEvents(double seconds) {
    glfwWaitEventsTimeout(seconds);
}
void Window::swapBuffers() {
    glfwSwapBuffers(m_window);
}

std::vector<InputEvent> Window::takeEvents() {
    std::vector<InputEvent> out;
    out.swap(m_events);
    return out;
}

glm::ivec2 Window::framebufferSize() const {
    glm::ivec2 s{0};
    glfwGetFramebufferSize(m_window, &s.x, &s.y);
    return s;
}

glm::ivec2 Window::windowSize() const {
    glm::ivec2 s{0};
    glfwGetWindowSize(m_window, &s.x, &s.y);
    return s;
}

float Window::contentScale() const {
    float x = 1.0f, y = 1.0f;
    glfwGetWindowContentScale(m_window, &x, &y);
    return std::max(1.0f, std::max(x, y));
}

void Window::setFullscreen(bool on) {
    if (on == m_fullscreen) return;
    if (on) {
        glfwGetWindowPos(m_window, &m_windowedRect.x, &m_windowedRect.y);
        glfwGetWindowSize(m_window, &m_windowedRect.z, &m_windowedRect.w);
        GLFWmonitor* mon = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = mon ? glfwGetVideoMode(mon) : nullptr;
        if (!mode) return;
        glfwSetWindowMonitor(m_window, mon, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
        glfwSetWindowMonitor(m_window, nullptr, m_windowedRect.x, m_windowedRect.y,
                             m_windowedRect.z, m_windowedRect.w, 0);
    }
    m_fullscreen = on;
}

}  // namespace ra::app
