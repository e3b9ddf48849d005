// GltfAccessor: bounds rules for buffers, bufferViews and accessors (sparse included), and the one
// reader every later stage uses to get accessor values: AccessorCursor. Only accessors that passed
// validateAccessors() may be read; the cursor then never leaves its buffer.
#pragma once

#include <tiny_gltf.h>

#include <cstdint>
#include <vector>

#include "core/GltfCommon.h"
#include "core/GltfLoader.h"

namespace ra::core::gltf {

// Structural checks, no data is read: indices in range, views inside buffers, accessors inside
// views (64-bit, overflow-checked, honouring byteStride and count), valid types and strides.
void validateBufferViews(const tinygltf::Model& model, Report& report);
void validateAccessors(const tinygltf::Model& model, const LoadBudget& budget, Report& report);

// Data checks on every accessor (run only after the structural checks passed): sparse indices
// strictly increasing and in range, float values finite, values inside the declared min/max.
void checkAccessorData(const tinygltf::Model& model, Report& report);

class AccessorCursor {
public:
    AccessorCursor(const tinygltf::Model& model, int accessor);

    size_t count() const { return m_count; }
    uint32_t components() const { return m_layout.components; }
    int componentType() const { return m_componentType; }

    // The value as stored (integers not normalized); sparse substitution applied.
    double raw(size_t element, uint32_t component) const;
    // The value as the attribute means it: normalized integers map to [0,1] or [-1,1].
    float value(size_t element, uint32_t component) const;

private:
    const uint8_t* elementData(size_t element) const;  // nullptr: an all-zero element

    ElementLayout m_layout;
    int m_componentType = 0;
    bool m_normalized = false;
    size_t m_count = 0;
    const uint8_t* m_base = nullptr;  // nullptr when the accessor has no bufferView
    size_t m_stride = 0;
    std::vector<uint32_t> m_sparseIndices;
    const uint8_t* m_sparseValues = nullptr;
};

// Reads a whole accessor as floats (value()), `components` per element.
std::vector<float> readFloats(const tinygltf::Model& model, int accessor);
// Reads a whole integer accessor as unsigned values (raw()).
std::vector<uint32_t> readUints(const tinygltf::Model& model, int accessor);

}  // namespace ra::core::gltf
