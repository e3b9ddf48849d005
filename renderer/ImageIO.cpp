// ImageIO: PNG encode/decode through Debian's stb (libstb), with atomic writes.
#include "renderer/ImageIO.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ra::gfx {

bool writePng(const std::string& path, const RgbaImage& image, std::string& error) {
    if (image.width <= 0 || image.height <= 0 ||
        image.pixels.size() != size_t(image.width) * size_t(image.height) * 4) {
        error = path + ": nothing to write (empty image)";
        return false;
    }
    const std::string tmp = path + ".tmp";
    if (!stbi_write_png(tmp.c_str(), image.width, image.height, 4, image.pixels.data(),
                        image.width * 4)) {
        error = path + ": cannot write the PNG (" + std::strerror(errno) + ")";
        std::remove(tmp.c_str());
        return false;
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        error = path + ": cannot replace the file (" + std::strerror(errno) + ")";
        std::remove(tmp.c_str());
        return false;
    }
    return true;
}

bool readPng(const std::string& path, RgbaImage& image, std::string& error) {
    int w = 0, h = 0, n = 0;
    unsigned char* data = stbi_load(path.c_str(), &w, &h, &n, 4);
    if (!data) {
        error = path + ": cannot read the image (" + stbi_failure_reason() + ")";
        return false;
    }
    image.width = w;
    image.height = h;
    image.pixels.assign(data, data + size_t(w) * size_t(h) * 4);
    stbi_image_free(data);
    return true;
}

}  // namespace ra::gfx
