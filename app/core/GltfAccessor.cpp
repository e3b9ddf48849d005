// GltfAccessor: tinygltf 2.7.0 checks none of these bounds, so every byte range the loader will
// touch is proven to lie inside its buffer here, before any accessor is read.
#include "core/GltfAccessor.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ra::core::gltf {

namespace {

using tinygltf::Accessor;
using tinygltf::BufferView;
using tinygltf::Model;

// True when [offset, offset + length) lies inside [0, size).
bool fits(uint64_t offset, uint64_t length, uint64_t size) {
    return length <= size && offset <= size - length;
}

// One of the two tightly packed arrays of a sparse accessor: indices or values.
struct SparsePart {
    const char* name;
    int view;
    int offset;
    uint64_t bytes;
};

void validateSparsePart(const Model& model, const std::string& base, const SparsePart& p,
                        Report& report) {
    const std::string where = base + "/" + p.name;
    if (!inRange(p.view, model.bufferViews.size())) {
        report.error(where + "/bufferView",
                     "sparse " + std::string(p.name) + " bufferView does not exist");
    } else if (model.bufferViews[size_t(p.view)].byteStride != 0) {
        report.error(where + "/bufferView",
                     "a bufferView used for sparse data must not have a "
                     "byteStride");
    } else if (p.offset < 0 ||
               !fits(uint64_t(p.offset), p.bytes, model.bufferViews[size_t(p.view)].byteLength)) {
        report.error(where, "sparse " + std::string(p.name) +
                                " run past the end of their "
                                "bufferView");
    }
}

void validateSparse(const Model& model, size_t i, const Accessor& a, const ElementLayout& layout,
                    Report& report) {
    const auto& s = a.sparse;
    const std::string base = ptr("accessors", i, "sparse");
    if (s.count < 1 || static_cast<size_t>(s.count) > a.count) {
        report.error(base + "/count", "sparse count " + std::to_string(s.count) +
                                          " must be between 1 and the accessor count " +
                                          std::to_string(a.count));
        return;
    }
    const int ict = s.indices.componentType;
    if (ict != TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE &&
        ict != TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT &&
        ict != TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT) {
        report.error(base + "/indices/componentType",
                     "sparse indices must be UNSIGNED_BYTE, UNSIGNED_SHORT or UNSIGNED_INT");
        return;
    }
    const uint64_t n = uint64_t(s.count);
    validateSparsePart(
        model, base,
        {"indices", s.indices.bufferView, s.indices.byteOffset, n * componentSize(ict)}, report);
    validateSparsePart(model, base,
                       {"values", s.values.bufferView, s.values.byteOffset, n * layout.elementSize},
                       report);
}

// Accessor inside its bufferView: offset + stride * (count - 1) + elementSize <= byteLength.
void validateAccessorRange(const Model& model, size_t i, const Accessor& a,
                           const ElementLayout& layout, Report& report) {
    const std::string where = ptr("accessors", i);
    if (!inRange(a.bufferView, model.bufferViews.size())) {
        report.error(where + "/bufferView", "the accessor's bufferView does not exist");
        return;
    }
    const BufferView& view = model.bufferViews[size_t(a.bufferView)];
    const uint64_t stride = view.byteStride ? view.byteStride : layout.elementSize;
    if (stride < layout.elementSize) {
        report.error(where, "bufferView byteStride " + std::to_string(stride) +
                                " is smaller than one element (" +
                                std::to_string(layout.elementSize) + " bytes)");
        return;
    }
    if (stride % layout.componentSize != 0 || a.byteOffset % layout.componentSize != 0 ||
        view.byteOffset % layout.componentSize != 0) {
        report.error(where + "/byteOffset",
                     "accessor data is not aligned to its component "
                     "size (" +
                         std::to_string(layout.componentSize) + " bytes)");
        return;
    }
    const auto span = mulAdd(stride, uint64_t(a.count - 1), layout.elementSize);
    const auto end = span ? mulAdd(1, *span, a.byteOffset) : std::nullopt;
    if (!end || *end > view.byteLength) {
        report.error(where + "/count", std::to_string(a.count) + " elements starting at byte " +
                                           std::to_string(a.byteOffset) +
                                           " do not fit in bufferView " +
                                           std::to_string(a.bufferView) + " (" +
                                           std::to_string(view.byteLength) + " bytes)");
    }
}

void validateAccessor(const Model& model, size_t i, const LoadBudget& budget, Report& report) {
    const Accessor& a = model.accessors[i];
    const std::string where = ptr("accessors", i);
    const auto layout = elementLayout(a.componentType, a.type);
    if (!layout) {
        report.error(where, std::string("unsupported accessor format {") + typeName(a.type) + ", " +
                                componentTypeName(a.componentType) + "}");
        return;
    }
    if (a.count < 1) {
        report.error(where + "/count", "an accessor must have at least one element");
        return;
    }
    if (a.normalized && (a.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT ||
                         a.componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT)) {
        report.error(where + "/normalized", "only 8- and 16-bit integers can be normalized");
    }
    for (const auto* bound : {&a.minValues, &a.maxValues}) {
        if (!bound->empty() && bound->size() != layout->components)
            report.error(
                where + (bound == &a.minValues ? "/min" : "/max"),
                "must have one entry per component (" + std::to_string(layout->components) + ")");
    }
    if (a.bufferView >= 0) {
        validateAccessorRange(model, i, a, *layout, report);
    } else if (a.count > budget.maxVertices) {
        // No bufferView means "all zeros": the count alone decides how much memory it takes.
        report.error(where + "/count", "accessor of " + std::to_string(a.count) +
                                           " elements exceeds the element budget");
    }
    if (a.sparse.isSparse) validateSparse(model, i, a, *layout, report);
}

// Reads one little-endian component of type T from unaligned bytes.
template <typename T>
double load(const uint8_t* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return static_cast<double>(v);
}

double decode(const uint8_t* p, int componentType) {
    switch (componentType) {
        case TINYGLTF_COMPONENT_TYPE_BYTE: return load<int8_t>(p);
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: return load<uint8_t>(p);
        case TINYGLTF_COMPONENT_TYPE_SHORT: return load<int16_t>(p);
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: return load<uint16_t>(p);
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: return load<uint32_t>(p);
        case TINYGLTF_COMPONENT_TYPE_FLOAT: return load<float>(p);
        default: return 0.0;
    }
}

void checkSparseIndices(const Model& model, size_t i, Report& report) {
    const Accessor& a = model.accessors[i];
    const auto& s = a.sparse;
    const BufferView& view = model.bufferViews[size_t(s.indices.bufferView)];
    const uint8_t* p = model.buffers[size_t(view.buffer)].data.data() + view.byteOffset +
                       size_t(s.indices.byteOffset);
    const uint32_t size = componentSize(s.indices.componentType);
    double previous = -1.0;
    for (size_t k = 0; k < size_t(s.count); ++k) {
        const double index = decode(p + k * size, s.indices.componentType);
        if (index <= previous || index >= double(a.count)) {
            report.error(ptr("accessors", i, "sparse", "indices"), "sparse index " +
                                                                       std::to_string(k) +
                                                                       " is out of range or not "
                                                                       "strictly increasing");
            return;
        }
        previous = index;
    }
}

// Values inside the declared [min, max]: integers exactly, floats with a little slack.
void checkBounds(const Model& model, size_t i, const AccessorCursor& c, Report& report) {
    const Accessor& a = model.accessors[i];
    const bool isFloat = a.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT;
    for (uint32_t k = 0; k < c.components(); ++k) {
        const bool hasMin = a.minValues.size() == c.components();
        const bool hasMax = a.maxValues.size() == c.components();
        if (!hasMin && !hasMax) return;
        double lo = hasMin ? a.minValues[k] : -INFINITY;
        double hi = hasMax ? a.maxValues[k] : INFINITY;
        if (isFloat) {
            // Exporters may print bounds with fewer digits than a float holds; allow for that.
            lo -= 1e-5 * std::max(1.0, std::abs(lo));
            hi += 1e-5 * std::max(1.0, std::abs(hi));
        }
        for (size_t e = 0; e < c.count(); ++e) {
            const double v = c.raw(e, k);
            if (v < lo || v > hi) {
                report.error(ptr("accessors", i, v < lo ? "min" : "max", k),
                             "element " + std::to_string(e) + " has value " + std::to_string(v) +
                                 " outside the declared range [" + std::to_string(lo) + ", " +
                                 std::to_string(hi) + "]; re-export the model");
                return;
            }
        }
    }
}

void checkFinite(size_t i, const AccessorCursor& c, Report& report) {
    for (size_t e = 0; e < c.count(); ++e) {
        for (uint32_t k = 0; k < c.components(); ++k) {
            if (!std::isfinite(c.raw(e, k))) {
                report.error(ptr("accessors", i), "element " + std::to_string(e) +
                                                      " is NaN or infinite; re-export the model");
                return;
            }
        }
    }
}

}  // namespace

void validateBufferViews(const Model& model, Report& report) {
    for (size_t i = 0; i < model.bufferViews.size(); ++i) {
        const BufferView& v = model.bufferViews[i];
        const std::string where = ptr("bufferViews", i);
        if (!inRange(v.buffer, model.buffers.size())) {
            report.error(where + "/buffer", "the bufferView's buffer does not exist");
            continue;
        }
        const uint64_t size = model.buffers[size_t(v.buffer)].data.size();
        if (v.byteLength < 1) {
            report.error(where + "/byteLength", "a bufferView must hold at least one byte");
        } else if (!fits(v.byteOffset, v.byteLength, size)) {
            report.error(where + "/byteLength", "bytes " + std::to_string(v.byteOffset) + " to " +
                                                    std::to_string(v.byteOffset + v.byteLength) +
                                                    " run past the end of buffer " +
                                                    std::to_string(v.buffer) + " (" +
                                                    std::to_string(size) + " bytes)");
        }
        if (v.byteStride != 0 && (v.byteStride < 4 || v.byteStride > 252 || v.byteStride % 4)) {
            report.error(where + "/byteStride", "byteStride must be a multiple of 4 in 4..252");
        } else if (v.byteStride > v.byteLength) {
            report.error(where + "/byteStride", "byteStride " + std::to_string(v.byteStride) +
                                                    " is larger than the bufferView (" +
                                                    std::to_string(v.byteLength) + " bytes)");
        }
    }
}

void validateAccessors(const Model& model, const LoadBudget& budget, Report& report) {
    for (size_t i = 0; i < model.accessors.size(); ++i) validateAccessor(model, i, budget, report);
}

void checkAccessorData(const Model& model, Report& report) {
    for (size_t i = 0; i < model.accessors.size(); ++i) {
        const Accessor& a = model.accessors[i];
        const int before = report.errorCount();
        if (a.sparse.isSparse) checkSparseIndices(model, i, report);
        if (report.errorCount() != before) continue;
        const AccessorCursor c(model, int(i));
        if (a.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT) checkFinite(i, c, report);
        if (report.errorCount() == before) checkBounds(model, i, c, report);
    }
}

AccessorCursor::AccessorCursor(const Model& model, int accessor) {
    const Accessor& a = model.accessors[size_t(accessor)];
    m_layout = *elementLayout(a.componentType, a.type);
    m_componentType = a.componentType;
    m_normalized = a.normalized;
    m_count = a.count;
    if (a.bufferView >= 0) {
        const BufferView& v = model.bufferViews[size_t(a.bufferView)];
        m_base = model.buffers[size_t(v.buffer)].data.data() + v.byteOffset + a.byteOffset;
        m_stride = v.byteStride ? v.byteStride : m_layout.elementSize;
    }
    if (!a.sparse.isSparse) return;
    const auto& s = a.sparse;
    const BufferView& iv = model.bufferViews[size_t(s.indices.bufferView)];
    const uint8_t* ip =
        model.buffers[size_t(iv.buffer)].data.data() + iv.byteOffset + size_t(s.indices.byteOffset);
    const uint32_t isize = componentSize(s.indices.componentType);
    for (size_t k = 0; k < size_t(s.count); ++k)
        m_sparseIndices.push_back(uint32_t(decode(ip + k * isize, s.indices.componentType)));
    const BufferView& vv = model.bufferViews[size_t(s.values.bufferView)];
    m_sparseValues =
        model.buffers[size_t(vv.buffer)].data.data() + vv.byteOffset + size_t(s.values.byteOffset);
}

const uint8_t* AccessorCursor::elementData(size_t element) const {
    if (!m_sparseIndices.empty()) {
        auto it =
            std::lower_bound(m_sparseIndices.begin(), m_sparseIndices.end(), uint32_t(element));
        if (it != m_sparseIndices.end() && *it == element)
            return m_sparseValues + size_t(it - m_sparseIndices.begin()) * m_layout.elementSize;
    }
    return m_base ? m_base + element * m_stride : nullptr;
}

double AccessorCursor::raw(size_t element, uint32_t component) const {
    const uint8_t* e = elementData(element);
    return e ? decode(e + m_layout.offsetOf(component), m_componentType) : 0.0;
}

float AccessorCursor::value(size_t element, uint32_t component) const {
    const double v = raw(element, component);
    if (!m_normalized) return float(v);
    switch (m_componentType) {
        case TINYGLTF_COMPONENT_TYPE_BYTE:
            return std::max(float(v) / 127.0f, -1.0f);
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE:
            return float(v) / 255.0f;
        case TINYGLTF_COMPONENT_TYPE_SHORT:
            return std::max(float(v) / 32767.0f, -1.0f);
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT:
            return float(v) / 65535.0f;
        default:
            return float(v);
    }
}

std::vector<float> readFloats(const Model& model, int accessor) {
    const AccessorCursor c(model, accessor);
    std::vector<float> out;
    out.reserve(c.count() * c.components());
    for (size_t e = 0; e < c.count(); ++e)
        for (uint32_t k = 0; k < c.components(); ++k) out.push_back(c.value(e, k));
    return out;
}

std::vector<uint32_t> readUints(const Model& model, int accessor) {
    const AccessorCursor c(model, accessor);
    std::vector<uint32_t> out;
    out.reserve(c.count() * c.components());
    for (size_t e = 0; e < c.count(); ++e)
        for (uint32_t k = 0; k < c.components(); ++k) out.push_back(uint32_t(c.raw(e, k)));
    return out;
}

}  // namespace ra::core::gltf
