// GlbWriter: lays a ModelData out as one binary buffer (one 4-byte aligned view per accessor)
// plus sorted-key JSON, and wraps both in the GLB container, all little-endian. Anatomy labels go
// in as custom attributes and `extras` under "rollerAtlas" (see GltfRegions.cpp for the reader).
#include "core/GlbWriter.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/GltfLoader.h"

namespace ra::core {
namespace {

using nlohmann::json;

constexpr int kByte = 5121, kUShort = 5123, kUInt = 5125, kFloat = 5126;
constexpr int kArrayBuffer = 34962, kElementArrayBuffer = 34963;

void putU32(std::vector<uint8_t>& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void putU16(std::vector<uint8_t>& out, uint16_t v) {
    out.push_back(static_cast<uint8_t>(v));
    out.push_back(static_cast<uint8_t>(v >> 8));
}

void putF32(std::vector<uint8_t>& out, float v) {
    putU32(out, std::bit_cast<uint32_t>(v));
}

void pad4(std::vector<uint8_t>& out, uint8_t fill) {
    while (out.size() % 4 != 0) out.push_back(fill);
}

// --- PNG (stored deflate blocks: exact and dependency-free) -------------------------------------

uint32_t crc32(const uint8_t* data, size_t n, uint32_t crc = 0) {
    crc = ~crc;
    for (size_t i = 0; i < n; ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

void putBE32(std::vector<uint8_t>& out, uint32_t v) {
    for (int i = 3; i >= 0; --i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void pngChunk(std::vector<uint8_t>& out, const char* type, const std::vector<uint8_t>& data) {
    putBE32(out, static_cast<uint32_t>(data.size()));
    const size_t start = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    putBE32(out, crc32(out.data() + start, out.size() - start));
}

std::vector<uint8_t> zlibStored(const std::vector<uint8_t>& raw) {
    std::vector<uint8_t> z{0x78, 0x01};
    size_t pos = 0;
    do {
        const size_t n = std::min<size_t>(65535, raw.size() - pos);
        z.push_back(pos + n == raw.size() ? 1 : 0);
        putU16(z, static_cast<uint16_t>(n));
        putU16(z, static_cast<uint16_t>(~n));
        z.insert(z.end(), raw.begin() + static_cast<std::ptrdiff_t>(pos),
                 raw.begin() + static_cast<std::ptrdiff_t>(pos + n));
        pos += n;
    } while (pos < raw.size());
    uint32_t a = 1, b = 0;
    for (uint8_t c : raw) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    putBE32(z, (b << 16) | a);
    return z;
}

std::vector<uint8_t> encodePng(const Image& img) {
    assert(img.rgba.size() == static_cast<size_t>(img.width) * img.height * 4);
    std::vector<uint8_t> raw;
    const size_t row = static_cast<size_t>(img.width) * 4;
    for (int y = 0; y < img.height; ++y) {
        raw.push_back(0);  // filter: none
        const auto begin = img.rgba.begin() + static_cast<std::ptrdiff_t>(y * row);
        raw.insert(raw.end(), begin, begin + static_cast<std::ptrdiff_t>(row));
    }
    std::vector<uint8_t> png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    std::vector<uint8_t> header;
    putBE32(header, static_cast<uint32_t>(img.width));
    putBE32(header, static_cast<uint32_t>(img.height));
    header.insert(header.end(), {8, 6, 0, 0, 0});  // 8-bit RGBA, no interlace
    pngChunk(png, "IHDR", header);
    pngChunk(png, "IDAT", zlibStored(raw));
    pngChunk(png, "IEND", {});
    return png;
}

// --- buffer and accessors -----------------------------------------------------------------------

class Builder {
public:
    json views = json::array();
    json accessors = json::array();
    std::vector<uint8_t> bin;

    int view(const std::vector<uint8_t>& bytes, int target) {
        json v = {{"buffer", 0}, {"byteOffset", bin.size()}, {"byteLength", bytes.size()}};
        if (target != 0) v["target"] = target;
        bin.insert(bin.end(), bytes.begin(), bytes.end());
        pad4(bin, 0);
        views.push_back(v);
        return static_cast<int>(views.size()) - 1;
    }

    // `comps` floats per element; min/max written when asked (required for POSITION and
    // animation input).
    int floats(const float* data, size_t count, int comps, const char* type, int target,
               bool bounds) {
        std::vector<uint8_t> bytes;
        std::vector<float> lo(static_cast<size_t>(comps), 0.0f), hi = lo;
        for (size_t i = 0; i < count; ++i) {
            for (int c = 0; c < comps; ++c) {
                const float v = data[i * static_cast<size_t>(comps) + static_cast<size_t>(c)];
                putF32(bytes, v);
                lo[static_cast<size_t>(c)] = i == 0 ? v : std::min(lo[static_cast<size_t>(c)], v);
                hi[static_cast<size_t>(c)] = i == 0 ? v : std::max(hi[static_cast<size_t>(c)], v);
            }
        }
        json a = accessor(view(bytes, target), kFloat, count, type);
        if (bounds) {
            a["min"] = json::array();
            a["max"] = json::array();
            for (int c = 0; c < comps; ++c) {
                a["min"].push_back(static_cast<double>(lo[static_cast<size_t>(c)]));
                a["max"].push_back(static_cast<double>(hi[static_cast<size_t>(c)]));
            }
        }
        return push(a);
    }

    int indices(const std::vector<uint32_t>& idx, size_t vertexCount) {
        std::vector<uint8_t> bytes;
        const bool shortIdx = vertexCount < 65535;  // 65535 is the restart value
        for (uint32_t i : idx) {
            assert(i < vertexCount);
            if (shortIdx)
                putU16(bytes, static_cast<uint16_t>(i));
            else
                putU32(bytes, i);
        }
        return push(accessor(view(bytes, kElementArrayBuffer), shortIdx ? kUShort : kUInt,
                             idx.size(), "SCALAR"));
    }

    int joints(const std::vector<glm::u16vec4>& j) {
        uint16_t maxJoint = 0;
        for (const glm::u16vec4& v : j)
            for (int c = 0; c < 4; ++c) maxJoint = std::max(maxJoint, v[c]);
        const bool bytesOnly = maxJoint < 256;
        std::vector<uint8_t> bytes;
        for (const glm::u16vec4& v : j) {
            for (int c = 0; c < 4; ++c) {
                if (bytesOnly)
                    bytes.push_back(static_cast<uint8_t>(v[c]));
                else
                    putU16(bytes, v[c]);
            }
        }
        return push(
            accessor(view(bytes, kArrayBuffer), bytesOnly ? kByte : kUShort, j.size(), "VEC4"));
    }

    // Four unsigned bytes per vertex (4 bytes: every element stays 4-byte aligned).
    int bytes4(const std::vector<glm::u8vec4>& v, bool normalized) {
        std::vector<uint8_t> bytes;
        bytes.reserve(v.size() * 4);
        for (const glm::u8vec4& e : v)
            for (int c = 0; c < 4; ++c) bytes.push_back(e[c]);
        json a = accessor(view(bytes, kArrayBuffer), kByte, v.size(), "VEC4");
        if (normalized) a["normalized"] = true;
        return push(a);
    }

private:
    static json accessor(int viewIndex, int componentType, size_t count, const char* type) {
        return {{"bufferView", viewIndex},
                {"componentType", componentType},
                {"count", count},
                {"type", type}};
    }
    int push(json a) {
        accessors.push_back(std::move(a));
        return static_cast<int>(accessors.size()) - 1;
    }
};

json floatArray(const float* v, int n) {
    json a = json::array();
    for (int i = 0; i < n; ++i) a.push_back(static_cast<double>(v[i]));
    return a;
}

json nodeJson(const Node& n) {
    json j = json::object();
    if (!n.name.empty()) j["name"] = n.name;
    if (!n.children.empty()) j["children"] = n.children;
    if (n.translation != glm::vec3{0.0f}) j["translation"] = floatArray(&n.translation.x, 3);
    if (n.rotation != glm::quat{1.0f, 0.0f, 0.0f, 0.0f}) {
        const float q[4] = {n.rotation.x, n.rotation.y, n.rotation.z, n.rotation.w};
        j["rotation"] = floatArray(q, 4);
    }
    if (n.scale != glm::vec3{1.0f}) j["scale"] = floatArray(&n.scale.x, 3);
    if (n.mesh >= 0) j["mesh"] = n.mesh;
    if (n.skin >= 0) j["skin"] = n.skin;
    return j;
}

json primitiveJson(const Primitive& p, Builder& b) {
    const size_t n = p.positions.size();
    json attributes = json::object();
    attributes["POSITION"] = b.floats(&p.positions[0].x, n, 3, "VEC3", kArrayBuffer, true);
    if (!p.normals.empty()) {
        assert(p.normals.size() == n);
        attributes["NORMAL"] = b.floats(&p.normals[0].x, n, 3, "VEC3", kArrayBuffer, false);
    }
    if (!p.uvs.empty()) {
        assert(p.uvs.size() == n);
        attributes["TEXCOORD_0"] = b.floats(&p.uvs[0].x, n, 2, "VEC2", kArrayBuffer, false);
    }
    if (p.skinned()) {
        assert(p.joints.size() == n && p.weights.size() == n);
        attributes["JOINTS_0"] = b.joints(p.joints);
        attributes["WEIGHTS_0"] = b.floats(&p.weights[0].x, n, 4, "VEC4", kArrayBuffer, false);
    }
    if (!p.regionIds.empty() || !p.regionWeights.empty()) {
        // Ids are not checked against the region table here: the loader does that on reading.
        assert(p.regionIds.size() == n && p.regionWeights.size() == n);
        attributes["_REGION_IDS"] = b.bytes4(p.regionIds, false);
        attributes["_REGION_WEIGHTS"] = b.bytes4(p.regionWeights, true);
    }
    json j = {{"attributes", attributes}, {"indices", b.indices(p.indices, n)}};
    if (p.material >= 0) j["material"] = p.material;
    return j;
}

json meshesJson(const ModelData& model, Builder& b) {
    json meshes = json::array();
    for (const Mesh& m : model.meshes) {
        json prims = json::array();
        for (const Primitive& p : m.primitives) prims.push_back(primitiveJson(p, b));
        json j = {{"primitives", prims}};
        if (!m.name.empty()) j["name"] = m.name;
        if (m.layer == MeshLayer::Skeleton)
            j["extras"] = {{"rollerAtlas", {{"layer", "skeleton"}}}};
        meshes.push_back(j);
    }
    return meshes;
}

json skinsJson(const ModelData& model, Builder& b) {
    json skins = json::array();
    for (const Skin& s : model.skins) {
        json j = {{"joints", s.joints}};
        if (!s.inverseBind.empty()) {
            assert(s.inverseBind.size() == s.joints.size());
            j["inverseBindMatrices"] =
                b.floats(&s.inverseBind[0][0][0], s.inverseBind.size(), 16, "MAT4", 0, false);
        }
        if (s.skeleton >= 0) j["skeleton"] = s.skeleton;
        if (!s.name.empty()) j["name"] = s.name;
        skins.push_back(j);
    }
    return skins;
}

const char* pathName(AnimPath p) {
    switch (p) {
        case AnimPath::Translation:
            return "translation";
        case AnimPath::Rotation:
            return "rotation";
        case AnimPath::Scale:
            return "scale";
    }
    return "translation";
}

const char* interpolationName(Interpolation i) {
    switch (i) {
        case Interpolation::Linear:
            return "LINEAR";
        case Interpolation::Step:
            return "STEP";
        case Interpolation::CubicSpline:
            return "CUBICSPLINE";
    }
    return "LINEAR";
}

// Channels that share a key-time array share one input accessor.
json animationJson(const Animation& a, Builder& b, std::map<std::vector<float>, int>& inputs) {
    json samplers = json::array(), channels = json::array();
    for (const AnimationChannel& c : a.channels) {
        auto [it, fresh] = inputs.try_emplace(c.times, -1);
        if (fresh) it->second = b.floats(c.times.data(), c.times.size(), 1, "SCALAR", 0, true);
        const int comps = c.path == AnimPath::Rotation ? 4 : 3;
        const size_t count = c.values.size() / static_cast<size_t>(comps);
        assert(count * static_cast<size_t>(comps) == c.values.size());
        const int output =
            b.floats(c.values.data(), count, comps, comps == 4 ? "VEC4" : "VEC3", 0, false);
        samplers.push_back({{"input", it->second},
                            {"output", output},
                            {"interpolation", interpolationName(c.interpolation)}});
        channels.push_back({{"sampler", samplers.size() - 1},
                            {"target", {{"node", c.node}, {"path", pathName(c.path)}}}});
    }
    json j = {{"samplers", samplers}, {"channels", channels}};
    if (!a.name.empty()) j["name"] = a.name;
    return j;
}

// The region table in the root extras; region i is what label id i means.
json regionsJson(const std::vector<RegionInfo>& regions) {
    json table = json::array();
    for (const RegionInfo& r : regions) {
        table.push_back({{"id", r.id},
                         {"name", r.name},
                         {"kind", regionKindName(r.kind)},
                         {"description", r.description},
                         {"sources", r.sources}});
    }
    return {{"rollerAtlas", {{"regions", table}}}};
}

json materialJson(const Material& m) {
    json pbr = {{"baseColorFactor", floatArray(&m.baseColor.x, 4)},
                {"metallicFactor", static_cast<double>(m.metallic)},
                {"roughnessFactor", static_cast<double>(m.roughness)}};
    if (m.baseColorImage >= 0) pbr["baseColorTexture"] = {{"index", m.baseColorImage}};
    json j = {{"pbrMetallicRoughness", pbr}};
    if (!m.name.empty()) j["name"] = m.name;
    if (m.doubleSided) j["doubleSided"] = true;
    return j;
}

// Texture i samples image i, so a material's baseColorImage doubles as its texture index.
void addImages(const ModelData& model, Builder& b, json& doc) {
    if (model.images.empty()) return;
    doc["images"] = json::array();
    doc["textures"] = json::array();
    for (size_t i = 0; i < model.images.size(); ++i) {
        const Image& img = model.images[i];
        json j = {{"bufferView", b.view(encodePng(img), 0)}, {"mimeType", "image/png"}};
        if (!img.name.empty()) j["name"] = img.name;
        doc["images"].push_back(j);
        doc["textures"].push_back({{"source", i}});
    }
}

std::vector<int> sceneRoots(const ModelData& model) {
    if (!model.roots.empty()) return model.roots;
    std::vector<int> roots;
    for (size_t i = 0; i < model.nodes.size(); ++i)
        if (model.nodes[i].parent < 0) roots.push_back(static_cast<int>(i));
    return roots;
}

json documentJson(const ModelData& model, const GlbWriteOptions& options, Builder& b) {
    json doc = {{"asset", {{"version", "2.0"}, {"generator", options.generator}}}};
    doc["scene"] = 0;
    doc["scenes"] = json::array({{{"nodes", sceneRoots(model)}}});
    doc["nodes"] = json::array();
    for (const Node& n : model.nodes) doc["nodes"].push_back(nodeJson(n));
    if (!model.meshes.empty()) doc["meshes"] = meshesJson(model, b);
    if (!model.skins.empty()) doc["skins"] = skinsJson(model, b);
    if (!model.materials.empty()) {
        doc["materials"] = json::array();
        for (const Material& m : model.materials) doc["materials"].push_back(materialJson(m));
    }
    addImages(model, b, doc);
    if (!model.animations.empty()) {
        std::map<std::vector<float>, int> inputs;
        doc["animations"] = json::array();
        for (const Animation& a : model.animations)
            doc["animations"].push_back(animationJson(a, b, inputs));
    }
    if (!model.regions.empty()) doc["extras"] = regionsJson(model.regions);
    return doc;
}

}  // namespace

std::vector<uint8_t> writeGlb(const ModelData& model, const GlbWriteOptions& options) {
    Builder b;
    json doc = documentJson(model, options, b);
    if (!b.bin.empty()) {
        doc["buffers"] = json::array({{{"byteLength", b.bin.size()}}});
        doc["bufferViews"] = b.views;
        doc["accessors"] = b.accessors;
    }
    const std::string text = doc.dump();
    std::vector<uint8_t> jsonChunk(text.begin(), text.end());
    pad4(jsonChunk, ' ');

    std::vector<uint8_t> out;
    const size_t total = 12 + 8 + jsonChunk.size() + (b.bin.empty() ? 0 : 8 + b.bin.size());
    putU32(out, 0x46546C67u);  // "glTF"
    putU32(out, 2);
    putU32(out, static_cast<uint32_t>(total));
    putU32(out, static_cast<uint32_t>(jsonChunk.size()));
    putU32(out, 0x4E4F534Au);  // "JSON"
    out.insert(out.end(), jsonChunk.begin(), jsonChunk.end());
    if (!b.bin.empty()) {
        putU32(out, static_cast<uint32_t>(b.bin.size()));
        putU32(out, 0x004E4942u);  // "BIN\0"
        out.insert(out.end(), b.bin.begin(), b.bin.end());
    }
    assert(out.size() == total);
    return out;
}

bool writeGlbFile(const ModelData& model, const std::string& path, Diagnostics& diags,
                  const GlbWriteOptions& options) {
    const std::vector<uint8_t> bytes = writeGlb(model, options);
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (f)
        f.write(reinterpret_cast<const char*>(bytes.data()),
                static_cast<std::streamsize>(bytes.size()));
    if (!f) {
        diags.error(path, "",
                    "cannot write the file; check that the folder exists and is writable");
        return false;
    }
    return true;
}

}  // namespace ra::core
