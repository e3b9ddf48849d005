// GltfCommon: the diagnostic sink, JSON-pointer escaping and the accessor layout table.
#include "core/GltfCommon.h"

#include <tiny_gltf.h>

#include <limits>

namespace ra::core::gltf {

void Report::error(std::string where, std::string message) {
    ++m_errors;
    m_diags.error(m_file, std::move(where), std::move(message));
}

void Report::warning(std::string where, std::string message) {
    m_diags.warning(m_file, std::move(where), std::move(message));
}

std::string toSegment(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

uint32_t componentSize(int componentType) {
    switch (componentType) {
        case TINYGLTF_COMPONENT_TYPE_BYTE:
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE:
            return 1;
        case TINYGLTF_COMPONENT_TYPE_SHORT:
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT:
            return 2;
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT:
        case TINYGLTF_COMPONENT_TYPE_FLOAT:
            return 4;
        default:
            return 0;  // includes INT and DOUBLE, which glTF 2.0 does not allow
    }
}

const char* componentTypeName(int componentType) {
    switch (componentType) {
        case TINYGLTF_COMPONENT_TYPE_BYTE:
            return "BYTE";
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE:
            return "UNSIGNED_BYTE";
        case TINYGLTF_COMPONENT_TYPE_SHORT:
            return "SHORT";
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT:
            return "UNSIGNED_SHORT";
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT:
            return "UNSIGNED_INT";
        case TINYGLTF_COMPONENT_TYPE_FLOAT:
            return "FLOAT";
        default:
            return "an unknown component type";
    }
}

const char* typeName(int type) {
    switch (type) {
        case TINYGLTF_TYPE_SCALAR:
            return "SCALAR";
        case TINYGLTF_TYPE_VEC2:
            return "VEC2";
        case TINYGLTF_TYPE_VEC3:
            return "VEC3";
        case TINYGLTF_TYPE_VEC4:
            return "VEC4";
        case TINYGLTF_TYPE_MAT2:
            return "MAT2";
        case TINYGLTF_TYPE_MAT3:
            return "MAT3";
        case TINYGLTF_TYPE_MAT4:
            return "MAT4";
        default:
            return "an unknown type";
    }
}

std::optional<ElementLayout> elementLayout(int componentType, int type) {
    const uint32_t size = componentSize(componentType);
    uint32_t columns = 1;
    uint32_t rows = 0;
    switch (type) {
        case TINYGLTF_TYPE_SCALAR:
            rows = 1;
            break;
        case TINYGLTF_TYPE_VEC2:
            rows = 2;
            break;
        case TINYGLTF_TYPE_VEC3:
            rows = 3;
            break;
        case TINYGLTF_TYPE_VEC4:
            rows = 4;
            break;
        case TINYGLTF_TYPE_MAT2:
            rows = columns = 2;
            break;
        case TINYGLTF_TYPE_MAT3:
            rows = columns = 3;
            break;
        case TINYGLTF_TYPE_MAT4:
            rows = columns = 4;
            break;
        default:
            return std::nullopt;
    }
    if (size == 0) return std::nullopt;
    ElementLayout l;
    l.componentSize = size;
    l.components = rows * columns;
    l.rows = rows;
    l.columnStride = rows * size;
    if (columns > 1) l.columnStride = (l.columnStride + 3u) & ~3u;
    l.elementSize = l.columnStride * columns;
    return l;
}

std::optional<uint64_t> mulAdd(uint64_t a, uint64_t b, uint64_t c) {
    constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
    if (a != 0 && b > kMax / a) return std::nullopt;
    const uint64_t product = a * b;
    if (product > kMax - c) return std::nullopt;
    return product + c;
}

}  // namespace ra::core::gltf
