// GltfJsonCheck: the checks made on the raw JSON before tinygltf parses it: nesting depth, URI
// rules (no absolute paths, no '..' escapes, no remote schemes, base64-only data URIs), and the
// few facts tinygltf's typed model loses (an explicit byteOffset without a bufferView).
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "core/GltfSource.h"
#include "core/JsonReader.h"

namespace ra::core::gltf {

namespace {

const Json* member(const Json& obj, const char* key) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

const Json* arrayMember(const Json& root, const char* key) {
    const Json* a = member(root, key);
    return a && a->is_array() ? a : nullptr;
}

std::optional<uint64_t> unsignedMember(const Json& obj, const char* key) {
    const Json* v = member(obj, key);
    if (!v || !v->is_number_unsigned()) return std::nullopt;
    return v->get<uint64_t>();
}

void checkAsset(const Json& root, Report& report) {
    const Json* asset = member(root, "asset");
    const Json* version = asset ? member(*asset, "version") : nullptr;
    if (!version || !version->is_string()) {
        report.error("/asset/version", "missing glTF version; this is not a glTF 2.0 file");
        return;
    }
    const std::string v = version->get<std::string>();
    bool ok = v.size() >= 3 && v[0] == '2' && v[1] == '.';
    for (size_t i = 2; ok && i < v.size(); ++i) ok = std::isdigit(static_cast<unsigned char>(v[i]));
    if (!ok)
        report.error("/asset/version", "glTF version '" + v +
                                           "' is not supported; re-export the "
                                           "model as glTF 2.0");
}

void checkAccessorOffsets(const Json& root, Report& report) {
    const Json* accessors = arrayMember(root, "accessors");
    if (!accessors) return;
    for (size_t i = 0; i < accessors->size(); ++i) {
        const Json& a = (*accessors)[i];
        if (member(a, "byteOffset") && !member(a, "bufferView"))
            report.error(ptr("accessors", i, "byteOffset"),
                         "byteOffset is set but the accessor has no bufferView to offset into");
    }
}

size_t base64Bytes(std::string_view uri) {
    const std::string_view payload = uri.substr(uri.find(',') + 1);
    size_t pad = 0;
    while (pad < payload.size() && payload[payload.size() - 1 - pad] == '=') ++pad;
    return payload.size() / 4 * 3 - pad;
}

// Where the buffer's bytes come from: a base64 data URI, a file beside the model, or (first
// buffer of a GLB only) the BIN chunk. tinygltf needs the declared length to match exactly.
void checkBufferSource(const Json& b, size_t i, uint64_t length, const Source& source,
                       Report& report) {
    const Json* uri = member(b, "uri");
    if (uri && uri->is_string()) {
        const std::string u = uri->get<std::string>();
        const std::string why = isDataUri(u) ? dataUriProblem(u) : relativeUriProblem(u);
        if (!why.empty())
            report.error(ptr("buffers", i, "uri"), why);
        else if (isDataUri(u) && base64Bytes(u) != length)
            report.error(ptr("buffers", i, "byteLength"),
                         "byteLength is " + std::to_string(length) + " but the data URI holds " +
                             std::to_string(base64Bytes(u)) + " bytes");
    } else if (!source.binary) {
        report.error(ptr("buffers", i),
                     "the buffer has no uri; a .gltf file must name a data "
                     "file or embed the data as a base64 data URI");
    } else if (i != 0) {
        report.error(ptr("buffers", i),
                     "only the first buffer of a GLB file may use its BIN "
                     "chunk; this one needs a uri");
    } else if (length > source.binLength) {
        report.error(ptr("buffers", i, "byteLength"),
                     "byteLength is " + std::to_string(length) + " but the GLB BIN chunk holds " +
                         std::to_string(source.binLength) + " bytes" +
                         (source.binLength == 0 ? " (there is no BIN chunk)" : ""));
    }
}

void checkBuffers(const Json& root, const Source& source, const LoadBudget& budget,
                  Report& report) {
    const Json* buffers = arrayMember(root, "buffers");
    if (!buffers) return;
    uint64_t total = 0;
    for (size_t i = 0; i < buffers->size(); ++i) {
        const Json& b = (*buffers)[i];
        if (!b.is_object()) continue;  // tinygltf reports the type error
        const auto length = unsignedMember(b, "byteLength");
        if (!length || *length == 0) {
            report.error(ptr("buffers", i, "byteLength"),
                         "byteLength must be a whole number "
                         "of bytes, at least 1");
            continue;
        }
        checkBufferSource(b, i, *length, source, report);
        total += std::min(*length, budget.maxBufferBytes + 1);  // clamped: cannot wrap
    }
    if (total > budget.maxBufferBytes)
        report.error("/buffers", "the buffers declare " + std::to_string(total) +
                                     " bytes, more than the " +
                                     std::to_string(budget.maxBufferBytes) + "-byte limit");
}

// tinygltf 2.7.0 forms a pointer into the buffer from an image's bufferView before any bounds
// check, so the view must be known to lie inside its buffer before tinygltf runs.
std::string imageViewProblem(const Json& root, const Json& viewIndex) {
    const Json* views = arrayMember(root, "bufferViews");
    const Json* buffers = arrayMember(root, "buffers");
    if (!viewIndex.is_number_unsigned() || !views || viewIndex.get<uint64_t>() >= views->size())
        return "the image's bufferView does not exist";
    const Json& view = (*views)[viewIndex.get<size_t>()];
    const auto buffer = unsignedMember(view, "buffer");
    if (!buffer || !buffers || *buffer >= buffers->size())
        return "the image's bufferView names a buffer that does not exist";
    const auto bufferLength = unsignedMember((*buffers)[*buffer], "byteLength");
    const auto length = unsignedMember(view, "byteLength");
    const uint64_t offset = unsignedMember(view, "byteOffset").value_or(0);
    if (!bufferLength || !length || *length > *bufferLength || offset > *bufferLength - *length)
        return "the image's bufferView does not fit inside its buffer";
    return {};
}

void checkImages(const Json& root, Report& report) {
    const Json* images = arrayMember(root, "images");
    if (!images) return;
    for (size_t i = 0; i < images->size(); ++i) {
        const Json& img = (*images)[i];
        if (const Json* uri = member(img, "uri"); uri && uri->is_string()) {
            const std::string u = uri->get<std::string>();
            if (isDataUri(u)) {
                // tinygltf fails the whole file on an undecodable data URI, so say why first.
                if (auto why = dataUriProblem(u); !why.empty())
                    report.error(ptr("images", i, "uri"), why);
            } else if (auto why = relativeUriProblem(u); !why.empty()) {
                report.warning(ptr("images", i, "uri"),
                               why + "; the image is not loaded and materials use their color");
            }
        }
        if (const Json* view = member(img, "bufferView")) {
            if (auto why = imageViewProblem(root, *view); !why.empty())
                report.error(ptr("images", i, "bufferView"), why);
        }
    }
}

// Built by appending: GCC 12 warns falsely (-Wrestrict) on "'" + std::string(...).
std::string quoted(std::string_view text) {
    std::string q(1, '\'');
    q.append(text);
    q += '\'';
    return q;
}

bool isBase64Payload(std::string_view s) {
    if (s.empty() || s.size() % 4 != 0) return false;
    size_t pad = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '=') {
            if (++pad > 2) return false;
        } else if (pad > 0 || !(std::isalnum(c) || c == '+' || c == '/')) {
            return false;
        }
    }
    return true;
}

}  // namespace

bool isDataUri(std::string_view uri) {
    if (uri.size() < 5) return false;
    for (size_t i = 0; i < 5; ++i)
        if (std::tolower(static_cast<unsigned char>(uri[i])) != "data:"[i]) return false;
    return true;
}

std::string dataUriProblem(std::string_view uri) {
    // The media types tinygltf 2.7.0 recognises; anything else it treats as a file name.
    static const char* const kTypes[] = {"application/octet-stream",
                                         "application/gltf-buffer",
                                         "image/png",
                                         "image/jpeg",
                                         "image/bmp",
                                         "image/gif",
                                         "text/plain"};
    const size_t comma = uri.find(',');
    const std::string_view header = uri.substr(5, comma == std::string_view::npos ? 0 : comma - 5);
    bool known = false;
    for (const char* t : kTypes) known = known || header == std::string(t) + ";base64";
    if (comma == std::string_view::npos || !known)
        return "unsupported data URI; use 'data:<type>;base64,<data>' with type "
               "application/octet-stream, application/gltf-buffer, image/png or image/jpeg";
    if (!isBase64Payload(uri.substr(comma + 1)))
        return "the data URI's payload is not valid base64";
    return {};
}

std::string percentDecode(std::string_view uri) {
    std::string out;
    auto hexValue = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (size_t i = 0; i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size()) {
            const int hi = hexValue(uri[i + 1]);
            const int lo = hexValue(uri[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += char(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += uri[i];
    }
    return out;
}

std::string relativeUriProblem(std::string_view uri) {
    if (uri.empty()) return "the uri is empty";
    const size_t colon = uri.find(':');
    if (colon != std::string_view::npos && colon < uri.find_first_of("/?#")) {
        bool scheme = colon > 0 && std::isalpha(static_cast<unsigned char>(uri[0]));
        for (size_t i = 1; scheme && i < colon; ++i) {
            const unsigned char c = static_cast<unsigned char>(uri[i]);
            scheme = std::isalnum(c) || c == '+' || c == '-' || c == '.';
        }
        if (!scheme) return quoted(uri) + " is not a valid URI";
        return quoted(uri.substr(0, colon + 1)) +
               " URIs are not supported; keep the file next "
               "to the model and name it by a relative path";
    }
    const std::string decoded = percentDecode(uri);
    if (decoded.find('\\') != std::string::npos)
        return "the uri contains a backslash; use '/' between folders";
    if (decoded.find('\0') != std::string::npos) return "the uri contains a NUL character";
    if (decoded.front() == '/')
        return "absolute paths are not allowed; use a path relative to the model's folder";
    int depth = 0;
    size_t start = 0;
    while (start <= decoded.size()) {
        const size_t end = std::min(decoded.find('/', start), decoded.size());
        const std::string_view seg(decoded.data() + start, end - start);
        if (seg == "..")
            --depth;
        else if (!seg.empty() && seg != ".")
            ++depth;
        if (depth < 0) return "'..' leads outside the model's folder; keep resources inside it";
        start = end + 1;
    }
    return {};
}

bool checkJson(const Source& source, const LoadBudget& budget, Report& report) {
    const std::string_view text = source.json();
    if (const auto failAt = jsonTooDeepAt(text, budget.maxJsonDepth)) {
        report.error("byte " + std::to_string(*failAt),
                     "JSON nested deeper than " + std::to_string(budget.maxJsonDepth) +
                         " levels; the file is corrupt or hostile");
        return false;
    }
    Json root;
    try {
        root = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
        report.error("byte " + std::to_string(e.byte), std::string("not valid JSON: ") + e.what());
        return false;
    } catch (const Json::exception& e) {
        report.error("", std::string("not valid JSON: ") + e.what());
        return false;
    }
    if (!root.is_object()) {
        report.error("", "the top level of a glTF file must be a JSON object");
        return false;
    }
    const int before = report.errorCount();
    checkAsset(root, report);
    checkAccessorOffsets(root, report);
    checkBuffers(root, source, budget, report);
    checkImages(root, report);
    return report.errorCount() == before;
}

}  // namespace ra::core::gltf
