// GltfSource: reading the model file and taking the GLB container apart ourselves, so that
// truncated, misaligned or oversized chunks are reported with their byte offset and never reach
// tinygltf 2.7.0, whose GLB reader can over-read the BIN chunk.
#include "core/GltfSource.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace ra::core::gltf {

namespace fs = std::filesystem;

namespace {

constexpr uint32_t kGlbMagic = 0x46546C67;   // "glTF"
constexpr uint32_t kChunkJson = 0x4E4F534A;  // "JSON"
constexpr uint32_t kChunkBin = 0x004E4942;   // "BIN\0"
constexpr size_t kGlbHeaderSize = 12;
constexpr size_t kChunkHeaderSize = 8;

uint32_t readU32(const std::vector<uint8_t>& b, size_t at) {
    return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 |
           uint32_t(b[at + 3]) << 24;
}

void appendU32(std::vector<uint8_t>& b, uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(uint8_t(v >> (8 * i)));
}

std::string hex(uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

std::string at(size_t byte) {
    return "byte " + std::to_string(byte);
}

// The file must be a readable regular file within budget; returns its bytes.
std::optional<std::vector<uint8_t>> readFileChecked(const std::string& path,
                                                    const LoadBudget& budget, Report& report) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
        report.error("", "file not found; check the path and that the file was not moved");
        return std::nullopt;
    }
    if (fs::is_directory(st)) {
        report.error("", "this is a folder, not a glTF file; choose the .gltf or .glb inside it");
        return std::nullopt;
    }
    if (!fs::is_regular_file(st)) {
        report.error("", "not a regular file (device, pipe or socket); choose a .gltf or .glb");
        return std::nullopt;
    }
    const uintmax_t size = fs::file_size(path, ec);
    if (ec) {
        report.error("", "cannot read the file size: " + ec.message());
        return std::nullopt;
    }
    if (size == 0) {
        report.error("", "the file is empty (0 bytes); it may be a failed download or copy");
        return std::nullopt;
    }
    if (size > budget.maxFileBytes || size > 0xFFFFFFFFull) {
        report.error("", "the file is " + std::to_string(size) + " bytes, more than the " +
                             std::to_string(budget.maxFileBytes) + "-byte limit for one model");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    std::vector<uint8_t> bytes(static_cast<size_t>(size));
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
        report.error("", "the file could not be read (permissions, or it changed while reading)");
        return std::nullopt;
    }
    return bytes;
}

bool checkGlbHeader(const std::vector<uint8_t>& b, Report& report) {
    if (b.size() < kGlbHeaderSize) {
        report.error(at(b.size()), "the file is " + std::to_string(b.size()) +
                                       " bytes, too short for the 12-byte GLB header");
        return false;
    }
    if (readU32(b, 0) != kGlbMagic) {
        report.error(at(0),
                     "not a GLB file (the first four bytes are not 'glTF'); a text glTF "
                     "must have the .gltf extension");
        return false;
    }
    if (const uint32_t version = readU32(b, 4); version != 2) {
        report.error(at(4), "GLB container version " + std::to_string(version) +
                                "; only glTF 2.0 (version 2) is supported");
        return false;
    }
    if (const uint32_t length = readU32(b, 8); length != b.size()) {
        report.error(at(8), "the GLB header declares " + std::to_string(length) +
                                " bytes but the file has " + std::to_string(b.size()) +
                                "; the file is truncated or damaged");
        return false;
    }
    if (b.size() < kGlbHeaderSize + kChunkHeaderSize) {
        report.error(at(kGlbHeaderSize), "the GLB file has no JSON chunk after its header");
        return false;
    }
    return true;
}

struct Chunk {
    uint32_t type = 0;
    size_t offset = 0;  // of the payload
    size_t length = 0;
};

// Empty when chunk number `index` may be `c`: JSON first and non-empty, BIN only second.
std::string chunkOrderProblem(size_t index, const Chunk& c) {
    if (index == 0 && c.type != kChunkJson)
        return "the first GLB chunk must be JSON, found " + hex(c.type);
    if (index == 0 && c.length == 0) return "the GLB JSON chunk is empty";
    if (index != 0 && c.type == kChunkJson) return "a GLB file may hold only one JSON chunk";
    if (index != 1 && c.type == kChunkBin)
        return "the GLB BIN chunk must directly follow the JSON chunk";
    return {};
}

// Walks the chunk list; the first chunk must be JSON, a BIN chunk may only come second.
std::optional<std::vector<Chunk>> readChunks(const std::vector<uint8_t>& b, Report& report) {
    std::vector<Chunk> chunks;
    size_t pos = kGlbHeaderSize;
    while (pos < b.size()) {
        if (b.size() - pos < kChunkHeaderSize) {
            report.error(at(pos), "the file ends inside a GLB chunk header; it is truncated");
            return std::nullopt;
        }
        Chunk c{readU32(b, pos + 4), pos + kChunkHeaderSize, readU32(b, pos)};
        if (c.length > b.size() - c.offset) {
            report.error(at(pos), "GLB chunk " + hex(c.type) + " declares " +
                                      std::to_string(c.length) + " bytes but only " +
                                      std::to_string(b.size() - c.offset) + " remain");
            return std::nullopt;
        }
        if (c.length % 4 != 0) {
            report.error(at(pos), "GLB chunk " + hex(c.type) + " length " +
                                      std::to_string(c.length) + " is not a multiple of 4");
            return std::nullopt;
        }
        if (auto why = chunkOrderProblem(chunks.size(), c); !why.empty()) {
            report.error(at(pos), why);
            return std::nullopt;
        }
        if (c.type != kChunkJson && c.type != kChunkBin)
            report.warning(at(pos), "unknown GLB chunk type " + hex(c.type) + " is ignored");
        chunks.push_back(c);
        pos = c.offset + c.length;
    }
    return chunks;
}

// Rebuilds a minimal, well-formed GLB from the checked chunks for tinygltf.
std::optional<Source> parseGlb(const std::vector<uint8_t>& b, Report& report) {
    if (!checkGlbHeader(b, report)) return std::nullopt;
    const auto chunks = readChunks(b, report);
    if (!chunks) return std::nullopt;
    const Chunk& json = chunks->front();
    const Chunk* bin =
        chunks->size() > 1 && (*chunks)[1].type == kChunkBin ? &(*chunks)[1] : nullptr;
    // tinygltf 2.7.0 rejects a present-but-empty BIN chunk; an empty chunk carries nothing.
    if (bin && bin->length == 0) bin = nullptr;

    Source src;
    src.binary = true;
    const size_t total = kGlbHeaderSize + kChunkHeaderSize + json.length +
                         (bin ? kChunkHeaderSize + bin->length : 0);
    src.bytes.reserve(total);
    appendU32(src.bytes, kGlbMagic);
    appendU32(src.bytes, 2);
    appendU32(src.bytes, uint32_t(total));
    appendU32(src.bytes, uint32_t(json.length));
    appendU32(src.bytes, kChunkJson);
    src.jsonOffset = src.bytes.size();
    src.jsonLength = json.length;
    src.bytes.insert(src.bytes.end(), b.data() + json.offset, b.data() + json.offset + json.length);
    // Some writers pad the JSON chunk with NULs instead of spaces; JSON parsers reject NULs.
    for (size_t k = src.bytes.size(); k > src.jsonOffset && src.bytes[k - 1] == 0; --k)
        src.bytes[k - 1] = ' ';
    if (bin) {
        appendU32(src.bytes, uint32_t(bin->length));
        appendU32(src.bytes, kChunkBin);
        src.bytes.insert(src.bytes.end(), b.data() + bin->offset,
                         b.data() + bin->offset + bin->length);
        src.binLength = bin->length;
    }
    return src;
}

bool looksBinary(const std::string& path, const std::vector<uint8_t>& bytes) {
    std::string ext = fs::path(path).extension().string();
    for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".glb") return true;
    if (ext == ".gltf") return false;
    return bytes.size() >= 4 && std::memcmp(bytes.data(), "glTF", 4) == 0;
}

}  // namespace

std::optional<Source> readSource(const std::string& path, const LoadBudget& budget,
                                 Report& report) {
    auto bytes = readFileChecked(path, budget, report);
    if (!bytes) return std::nullopt;

    std::optional<Source> src;
    if (looksBinary(path, *bytes)) {
        src = parseGlb(*bytes, report);
    } else {
        src.emplace();
        src->jsonLength = bytes->size();
        src->bytes = std::move(*bytes);
    }
    if (!src) return std::nullopt;

    std::error_code ec;
    fs::path dir = fs::weakly_canonical(fs::absolute(path, ec), ec).parent_path();
    if (ec || dir.empty()) {
        report.error("", "cannot resolve the folder of the model: " + ec.message());
        return std::nullopt;
    }
    src->baseDir = dir.string();
    return src;
}

}  // namespace ra::core::gltf
