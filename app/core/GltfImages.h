// GltfImages: image handling for the glTF loader. tinygltf's decode step is replaced by a capture
// callback so nothing is decoded (or read from a bufferView) before validation; decoding happens
// afterwards, within the pixel budget, into RGBA8. A failed image is a warning, never fatal.
#pragma once

#include <tiny_gltf.h>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/GltfCommon.h"
#include "core/GltfLoader.h"
#include "core/ModelData.h"

namespace ra::core::gltf {

// Holds the encoded bytes tinygltf read for URI images (files and data URIs), by image index.
struct ImageCapture {
    std::map<int, std::vector<uint8_t>> encoded;

    // tinygltf::LoadImageDataFunction; `user` is the ImageCapture.
    static bool callback(tinygltf::Image* image, const int index, std::string* err,
                         std::string* warn, int reqWidth, int reqHeight, const unsigned char* bytes,
                         int size, void* user);
};

struct ImageSize {
    uint32_t width = 0;
    uint32_t height = 0;
};
// Width and height from a PNG or JPEG header without decoding; nullopt for other data.
std::optional<ImageSize> peekImageSize(const uint8_t* data, size_t size);

// Decodes image `index` of a validated model; nullopt (with a warning) when it cannot be used.
std::optional<Image> decodeImage(const tinygltf::Model& model, int index,
                                 const ImageCapture& capture, const LoadBudget& budget,
                                 Report& report);

}  // namespace ra::core::gltf
