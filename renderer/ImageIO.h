// ImageIO: RGBA8 images in memory and as PNG files (for headless renders, goldens and diffs).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ra::gfx {

struct RgbaImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels;  // rows top to bottom, 4 bytes per pixel

    const uint8_t* at(int x, int y) const {
        return &pixels[(size_t(y) * size_t(width) + size_t(x)) * 4];
    }
};

// Writes the file atomically (temporary file, then rename). False with `error` set on failure.
bool writePng(const std::string& path, const RgbaImage& image, std::string& error);
// False with `error` set when the file is missing or not a decodable image.
bool readPng(const std::string& path, RgbaImage& image, std::string& error);

}  // namespace ra::gfx
