// XServer: starts and stops a private Xvfb, runs X tools on it, and decodes xwd screenshots
// (XWD format: big-endian 32-bit header fields, window name, colormap, then the pixel rows).
#include "e2e/XServer.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>

namespace ra::test {
namespace {

constexpr size_t kXwdHeaderFields = 25;
constexpr size_t kXwdColorSize = 12;  // CARD32 pixel, 3 x CARD16, 2 x CARD8
enum XwdField : size_t {
    HeaderSize = 0,
    FileVersion = 1,
    PixmapFormat = 2,
    PixmapWidth = 4,
    PixmapHeight = 5,
    ByteOrder = 7,
    BitsPerPixel = 11,
    BytesPerLine = 12,
    RedMask = 14,
    GreenMask = 15,
    BlueMask = 16,
    NColors = 19,
};

std::uint32_t readBe32(const std::string& b, size_t at) {
    auto byte = [&](size_t i) { return std::uint32_t(std::uint8_t(b[at + i])); };
    return byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
}

// One colour channel of a TrueColor pixel, scaled to 0..255 whatever its width.
std::uint8_t channel(std::uint32_t pixel, std::uint32_t mask) {
    if (mask == 0) return 0;
    const int shift = std::countr_zero(mask);
    const std::uint32_t max = mask >> shift;
    const std::uint32_t v = (pixel & mask) >> shift;
    return std::uint8_t(max == 255 ? v : v * 255u / max);
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Reads the display number Xvfb writes to -displayfd once it accepts clients ("" on failure).
std::string readDisplayNumber(int fd, int pid, double seconds) {
    std::string text;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (text.find('\n') == std::string::npos) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        int code = 0;
        if (left.count() <= 0 || processExited(pid, code)) return "";
        pollfd p{fd, POLLIN, 0};
        int r = poll(&p, 1, int(std::min<long>(left.count(), 200)));
        if (r < 0 && errno != EINTR) return "";
        if (r <= 0) continue;
        char buf[32];
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) return "";  // Xvfb closed it without a number: it failed
        text.append(buf, size_t(n));
    }
    text.resize(text.find('\n'));
    return text;
}

}  // namespace

Image decodeXwd(const std::string& b, std::string& error) {
    const size_t headerBytes = kXwdHeaderFields * 4;
    if (b.size() < headerBytes) {
        error = "xwd output too short (" + std::to_string(b.size()) + " bytes)";
        return {};
    }
    std::uint32_t h[kXwdHeaderFields];
    for (size_t i = 0; i < kXwdHeaderFields; ++i) h[i] = readBe32(b, i * 4);
    if (h[FileVersion] != 7 || h[PixmapFormat] != 2 || h[HeaderSize] < headerBytes) {
        error = "not an XWD version 7 ZPixmap dump";
        return {};
    }
    const std::uint32_t bpp = h[BitsPerPixel];
    if (bpp != 24 && bpp != 32) {
        error = "unsupported XWD bits per pixel: " + std::to_string(bpp);
        return {};
    }
    const size_t width = h[PixmapWidth], height = h[PixmapHeight], stride = h[BytesPerLine];
    const size_t pixelsAt = size_t(h[HeaderSize]) + size_t(h[NColors]) * kXwdColorSize;
    const size_t bytesPerPixel = bpp / 8;
    if (width == 0 || height == 0 || width > 16384 || height > 16384 ||
        stride < width * bytesPerPixel || b.size() < pixelsAt + stride * height) {
        error = "XWD size fields do not match the data (" + std::to_string(width) + "x" +
                std::to_string(height) + ", " + std::to_string(b.size()) + " bytes)";
        return {};
    }
    const bool msbFirst = h[ByteOrder] != 0;
    Image img;
    img.width = int(width);
    img.height = int(height);
    img.rgb.resize(width * height * 3);
    for (size_t y = 0; y < height; ++y) {
        for (size_t x = 0; x < width; ++x) {
            const size_t at = pixelsAt + y * stride + x * bytesPerPixel;
            std::uint32_t pixel = 0;
            for (size_t i = 0; i < bytesPerPixel; ++i) {
                const std::uint32_t byte = std::uint8_t(b[at + i]);
                pixel |= msbFirst ? byte << (8 * (bytesPerPixel - 1 - i)) : byte << (8 * i);
            }
            std::uint8_t* out = img.rgb.data() + (y * width + x) * 3;
            out[0] = channel(pixel, h[RedMask]);
            out[1] = channel(pixel, h[GreenMask]);
            out[2] = channel(pixel, h[BlueMask]);
        }
    }
    return img;
}

XServer::XServer(int width, int height, const std::string& logPath) {
    const std::string xvfb = findProgram("Xvfb");
    if (xvfb.empty()) {
        m_error =
            "Xvfb is not installed: install the 'xvfb' package "
            "(apt-get install xvfb, or ./build.sh deps) to run the window tests";
        return;
    }
    int fds[2];
    if (pipe(fds) != 0) {
        m_error = "pipe() failed for Xvfb -displayfd";
        return;
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);  // only Xvfb should hold the pipe
    const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
    m_pid = startProcess({xvfb, "-displayfd", std::to_string(fds[1]), "-screen", "0", screen,
                          "-nolisten", "tcp", "-noreset"},
                         {}, logPath);
    close(fds[1]);
    const std::string number = m_pid > 0 ? readDisplayNumber(fds[0], m_pid, 20.0) : "";
    close(fds[0]);
    if (number.empty()) {
        m_error = "Xvfb did not start (log " + logPath + "):\n" + readFile(logPath);
        return;
    }
    m_display = ":" + number;
    if (!findProgram("xdpyinfo").empty()) {
        auto info = run({"xdpyinfo"}, 10.0);
        if (info.exitCode != 0)
            m_error = "Xvfb on " + m_display + " does not answer xdpyinfo: " + info.err;
    }
}

XServer::~XServer() {
    if (m_pid > 0) stopProcess(m_pid, 5.0);
}

std::vector<std::string> XServer::env() const {
    return {"DISPLAY=" + m_display, "WAYLAND_DISPLAY=", "LIBGL_ALWAYS_SOFTWARE=1"};
}

ProcessResult XServer::run(const std::vector<std::string>& argv, double timeoutSeconds) const {
    return runProcess(argv, env(), timeoutSeconds);
}

Image XServer::capture(const std::string& windowId, std::string& error) const {
    auto r = run({"xwd", "-id", windowId, "-silent"}, 20.0);
    if (r.exitCode != 0) {
        error =
            "xwd -id " + windowId + " failed (exit " + std::to_string(r.exitCode) + "): " + r.err;
        return {};
    }
    return decodeXwd(r.out, error);
}

}  // namespace ra::test
