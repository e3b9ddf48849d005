// GltfImages: deferred, budgeted image decoding. Pixel counts come from the PNG/JPEG header so an
// image claiming 2^48 pixels is refused before stb_image allocates anything.
#include "core/GltfImages.h"

#include <algorithm>
#include <climits>
#include <cstring>

namespace ra::core::gltf {

namespace {

uint32_t be32(const uint8_t* p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}
uint32_t be16(const uint8_t* p) {
    return uint32_t(p[0]) << 8 | uint32_t(p[1]);
}

std::optional<ImageSize> pngSize(const uint8_t* d, size_t n) {
    static const uint8_t kSig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (n < 24 || !std::equal(kSig, kSig + 8, d)) return std::nullopt;
    if (!std::equal(d + 12, d + 16, "IHDR")) return std::nullopt;
    return ImageSize{be32(d + 16), be32(d + 20)};
}

bool isJpegFrameMarker(uint8_t m) {
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

std::optional<ImageSize> jpegSize(const uint8_t* d, size_t n) {
    if (n < 4 || d[0] != 0xFF || d[1] != 0xD8) return std::nullopt;
    size_t i = 2;
    while (i + 4 <= n) {
        if (d[i] != 0xFF) return std::nullopt;
        const uint8_t marker = d[i + 1];
        if (marker == 0xFF) {  // fill byte
            ++i;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD9)) {  // no length field
            i += 2;
            continue;
        }
        const size_t length = be16(d + i + 2);
        if (isJpegFrameMarker(marker)) {
            if (i + 9 > n) return std::nullopt;
            return ImageSize{be16(d + i + 7), be16(d + i + 5)};
        }
        i += 2 + length;
    }
    return std::nullopt;
}

// tinygltf's decoder yields 4 channels of 8 or 16 bits; the app wants RGBA8.
std::optional<std::vector<uint8_t>> toRgba8(const tinygltf::Image& img) {
    const size_t pixels = size_t(img.width) * size_t(img.height);
    if (img.component != 4 || (img.bits != 8 && img.bits != 16)) return std::nullopt;
    if (img.image.size() != pixels * 4 * size_t(img.bits / 8)) return std::nullopt;
    if (img.bits == 8) return img.image;
    std::vector<uint8_t> out(pixels * 4);
    for (size_t i = 0; i < out.size(); ++i) {
        uint16_t v = 0;
        std::memcpy(&v, &img.image[2 * i], 2);  // stb returns native-endian uint16
        out[i] = uint8_t(v >> 8);
    }
    return out;
}

// The encoded bytes of image `index`: captured from its URI, or the validated bufferView range.
bool encodedBytes(const tinygltf::Model& model, int index, const ImageCapture& capture,
                  const uint8_t*& data, size_t& size) {
    const tinygltf::Image& img = model.images[size_t(index)];
    if (img.bufferView >= 0) {
        const auto& view = model.bufferViews[size_t(img.bufferView)];
        data = model.buffers[size_t(view.buffer)].data.data() + view.byteOffset;
        size = view.byteLength;
        return true;
    }
    auto it = capture.encoded.find(index);
    if (it == capture.encoded.end() || it->second.empty()) return false;
    data = it->second.data();
    size = it->second.size();
    return true;
}

}  // namespace

bool ImageCapture::callback(tinygltf::Image* image, const int index, std::string*, std::string*,
                            int, int, const unsigned char* bytes, int size, void* user) {
    // bufferView images are read after validation; `bytes` may point outside the buffer here.
    if (image->bufferView >= 0 || size <= 0) return true;
    auto* self = static_cast<ImageCapture*>(user);
    self->encoded[index].assign(bytes, bytes + size);
    return true;
}

std::optional<ImageSize> peekImageSize(const uint8_t* data, size_t size) {
    if (auto s = pngSize(data, size)) return s;
    return jpegSize(data, size);
}

std::optional<Image> decodeImage(const tinygltf::Model& model, int index,
                                 const ImageCapture& capture, const LoadBudget& budget,
                                 Report& report) {
    const std::string where = ptr("images", index);
    const std::string fallback = "; materials using it show their base color instead";
    const uint8_t* data = nullptr;
    size_t size = 0;
    if (!encodedBytes(model, index, capture, data, size)) {
        report.warning(where, "the image could not be read" + fallback);
        return std::nullopt;
    }
    if (size > size_t(INT_MAX)) {
        report.warning(where, "the encoded image is larger than 2 GiB" + fallback);
        return std::nullopt;
    }
    const auto dims = peekImageSize(data, size);
    if (!dims || dims->width == 0 || dims->height == 0) {
        report.warning(where, "not a PNG or JPEG image (or its header is damaged)" + fallback);
        return std::nullopt;
    }
    if (uint64_t(dims->width) * dims->height > budget.maxImagePixels) {
        report.warning(where, "the image is " + std::to_string(dims->width) + "x" +
                                  std::to_string(dims->height) + ", more pixels than the " +
                                  std::to_string(budget.maxImagePixels) + " allowed" + fallback);
        return std::nullopt;
    }
    tinygltf::Image decoded;
    std::string err, warn;
    const bool ok = tinygltf::LoadImageData(&decoded, index, &err, &warn, 0, 0, data,
                                            static_cast<int>(size), nullptr);
    const auto rgba = ok ? toRgba8(decoded) : std::nullopt;
    if (!rgba || decoded.width != int(dims->width) || decoded.height != int(dims->height)) {
        report.warning(where, "the image data is damaged and could not be decoded" + fallback);
        return std::nullopt;
    }
    Image out;
    out.name = model.images[size_t(index)].name;
    out.width = decoded.width;
    out.height = decoded.height;
    out.rgba = std::move(*rgba);
    return out;
}

}  // namespace ra::core::gltf
