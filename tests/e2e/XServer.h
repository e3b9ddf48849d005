// XServer: a private Xvfb display owned by a test (started in the constructor, stopped in the
// destructor), the X tools run against it (xdotool, xwd) and the decoding of xwd screenshots.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "e2e/Process.h"

namespace ra::test {

// An 8-bit RGB picture, top row first.
struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;  // width * height * 3

    bool empty() const { return rgb.empty(); }
    const std::uint8_t* at(int x, int y) const {
        return rgb.data() + (size_t(y) * size_t(width) + size_t(x)) * 3;
    }
};

// Decodes an XWD dump (ZPixmap, 24 or 32 bits per pixel, TrueColor masks, either byte order).
// Returns an empty image and sets `error` when it cannot.
Image decodeXwd(const std::string& bytes, std::string& error);

class XServer {
public:
    // Starts `Xvfb -displayfd` on a display number it picks itself, with one screen of the given
    // size, and waits until it accepts clients. Check ok(); error() says what went wrong.
    XServer(int width, int height, const std::string& logPath);
    ~XServer();
    XServer(const XServer&) = delete;
    XServer& operator=(const XServer&) = delete;

    bool ok() const { return m_pid > 0 && m_error.empty(); }
    const std::string& error() const { return m_error; }
    const std::string& display() const { return m_display; }  // ":N"

    // Environment entries for a child that must use this display and nothing else.
    std::vector<std::string> env() const;
    // Runs an X tool (xdotool, xwd, ...) against this display, killed after `timeoutSeconds`.
    ProcessResult run(const std::vector<std::string>& argv, double timeoutSeconds = 10.0) const;
    // The contents of a window (id as xdotool prints it); empty with `error` set on failure.
    Image capture(const std::string& windowId, std::string& error) const;

private:
    int m_pid = -1;
    std::string m_display;
    std::string m_error;
};

}  // namespace ra::test
