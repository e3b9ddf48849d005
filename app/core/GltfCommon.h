// GltfCommon: shared pieces of the glTF loader: the diagnostic sink that stamps every problem with
// the file path, JSON-pointer builders, and the accessor element layout rules of the glTF spec.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/Diagnostics.h"

namespace ra::core::gltf {

// Collects problems for one file; `file` is the path exactly as the user gave it.
class Report {
public:
    Report(const std::string& file, Diagnostics& diags) : m_file(file), m_diags(diags) {}

    void error(std::string where, std::string message);
    void warning(std::string where, std::string message);
    int errorCount() const { return m_errors; }
    const std::string& file() const { return m_file; }

private:
    const std::string& m_file;
    Diagnostics& m_diags;
    int m_errors = 0;
};

std::string toSegment(std::string_view s);  // escapes '~' and '/' as RFC 6901 asks
template <std::integral T>
std::string toSegment(T i) {
    return std::to_string(i);
}

// "/meshes/2/primitives/0/indices": each argument is one pointer segment.
template <class... Parts>
std::string ptr(const Parts&... parts) {
    std::string s;
    ((s += '/', s += toSegment(parts)), ...);
    return s;
}

// True when 0 <= index < size; the one range check every reference goes through.
inline bool inRange(int index, size_t size) {
    return index >= 0 && static_cast<size_t>(index) < size;
}

// Byte layout of one accessor element. Matrix columns of 1- and 2-byte components are padded to
// 4 bytes (glTF 2.0, "Data Alignment"), so MAT2/MAT3 of bytes/shorts are not tightly packed.
struct ElementLayout {
    uint32_t componentSize = 0;
    uint32_t components = 0;
    uint32_t rows = 0;          // components per column (all of them for non-matrix types)
    uint32_t columnStride = 0;  // bytes from one column to the next
    uint32_t elementSize = 0;   // bytes of one element, padding included
    uint32_t offsetOf(uint32_t component) const {
        return (component / rows) * columnStride + (component % rows) * componentSize;
    }
};

// nullopt when componentType or type is not one glTF defines.
std::optional<ElementLayout> elementLayout(int componentType, int type);
uint32_t componentSize(int componentType);  // 0 when unknown
const char* componentTypeName(int componentType);
const char* typeName(int type);

// a * b + c without wrapping; nullopt on overflow.
std::optional<uint64_t> mulAdd(uint64_t a, uint64_t b, uint64_t c);

// The glTF spec's unit-length tolerance for quaternions (what the Khronos validator uses).
inline constexpr double kUnitLengthTolerance = 0.00769;

}  // namespace ra::core::gltf
