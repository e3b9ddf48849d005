// HeadlessContext: EGL display/context creation without a surface (EGL_KHR_surfaceless_context).
#include "renderer/HeadlessContext.h"

#include <epoxy/egl.h>
#include <epoxy/gl.h>

#include <vector>

namespace ra::gfx {
namespace {

EGLDisplay deviceDisplay() {
    if (!epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_EXT_device_enumeration"))
        return EGL_NO_DISPLAY;
    EGLDeviceEXT devices[8];
    EGLint n = 0;
    if (!eglQueryDevicesEXT(8, devices, &n) || n <= 0) return EGL_NO_DISPLAY;
    return eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, devices[0], nullptr);
}

EGLContext makeContext(EGLDisplay dpy) {
    if (!eglBindAPI(EGL_OPENGL_API)) return EGL_NO_CONTEXT;
    const EGLint attribs[] = {EGL_CONTEXT_MAJOR_VERSION,
                              3,
                              EGL_CONTEXT_MINOR_VERSION,
                              3,
                              EGL_CONTEXT_OPENGL_PROFILE_MASK,
                              EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                              EGL_NONE};
    return eglCreateContext(dpy, EGL_NO_CONFIG_KHR, EGL_NO_CONTEXT, attribs);
}

}  // namespace

std::unique_ptr<HeadlessContext> HeadlessContext::create(std::string& error) {
    struct Candidate {
        const char* name;
        EGLDisplay (*get)();
    };
    const Candidate candidates[] = {
        {"surfaceless",
         [] {
             return eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY,
                                             nullptr);
         }},
        {"device", [] { return deviceDisplay(); }},
        {"default", [] { return eglGetDisplay(EGL_DEFAULT_DISPLAY); }},
    };
    error.clear();
    for (const auto& c : candidates) {
        EGLDisplay dpy = c.get();
        EGLint major = 0, minor = 0;
        if (dpy == EGL_NO_DISPLAY || !eglInitialize(dpy, &major, &minor)) {
            error += std::string(c.name) + ": no EGL display; ";
            continue;
        }
        EGLContext ctx = makeContext(dpy);
        if (ctx == EGL_NO_CONTEXT || !eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx)) {
            error += std::string(c.name) + ": no OpenGL 3.3 core context; ";
            if (ctx != EGL_NO_CONTEXT) eglDestroyContext(dpy, ctx);
            eglTerminate(dpy);
            continue;
        }
        auto hc = std::unique_ptr<HeadlessContext>(new HeadlessContext());
        hc->m_display = dpy;
        hc->m_context = ctx;
        hc->m_platform = c.name;
        return hc;
    }
    error = "could not create a headless OpenGL 3.3 context through EGL (" + error +
            "). Install Mesa (libegl-mesa0, libgl1-mesa-dri) or a GPU driver with EGL.";
    return nullptr;
}

HeadlessContext::~HeadlessContext() {
    auto dpy = static_cast<EGLDisplay>(m_display);
    eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(dpy, static_cast<EGLContext>(m_context));
    eglTerminate(dpy);
}

}  // namespace ra::gfx
