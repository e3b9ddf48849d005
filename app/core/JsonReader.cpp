// JsonReader: parsing with line and column on syntax errors, typed member access with JSON
// pointers, range checks and unknown-field warnings for the content loaders.
#include "core/JsonReader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/GltfCommon.h"

namespace ra::core {

const std::vector<std::string>& knownSourceKeys() {
    static const std::vector<std::string> keys{"berbari", "smr-guide", "backpain-howto", "general"};
    return keys;
}

// "/key" with '~' and '/' escaped as RFC 6901 asks.
std::string pointerToken(const std::string& key) {
    std::string out = "/";
    out += gltf::toSegment(key);
    return out;
}

std::string formatNumber(double v) {
    std::ostringstream s;
    s.precision(6);
    s << v;
    return s.str();
}

std::string joinWords(const std::vector<std::string>& words, const char* last) {
    std::string out;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += i + 1 == words.size() ? last : ", ";
        out += words[i];
    }
    return out;
}

void JsonReader::error(const std::string& where, const std::string& message) {
    m_diags.error(m_file, where, message);
    m_ok = false;
}

void JsonReader::warning(const std::string& where, const std::string& message) {
    m_diags.warning(m_file, where, message);
}

namespace {

const char* typeName(const Json& j) {
    if (j.is_object()) return "an object";
    if (j.is_array()) return "an array";
    if (j.is_string()) return "a string";
    if (j.is_boolean()) return "true/false";
    if (j.is_null()) return "null";
    return "a number";
}

// "line 3, column 7" of the byte offset `byte` (1-based, as nlohmann counts) in `text`.
std::string lineColumn(const std::string& text, size_t byte) {
    size_t line = 1, column = 0;
    for (size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
        if (text[i] == '\n')
            ++line, column = 0;
        else
            ++column;
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column + 1);
}

}  // namespace

std::optional<size_t> jsonTooDeepAt(std::string_view text, int maxDepth) {
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth) return i;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return std::nullopt;
}

// The file's text; nullopt (with an error) when it is missing, not a regular file (a folder, a
// pipe that would block) or larger than the limit.
std::optional<std::string> JsonReader::readText() {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status st = fs::status(m_file, ec);
    if (ec || !fs::exists(st)) {
        error("", "cannot open the file: it does not exist");
        return std::nullopt;
    }
    if (!fs::is_regular_file(st)) {
        error("", "cannot open the file: it is a folder or a device, not a JSON file");
        return std::nullopt;
    }
    const uintmax_t size = fs::file_size(m_file, ec);
    if (!ec && size > m_limits.maxFileBytes) {
        error("", "the file is " + std::to_string(size) + " bytes, more than the " +
                      std::to_string(m_limits.maxFileBytes) + "-byte limit for a content file");
        return std::nullopt;
    }
    std::ifstream in(m_file, std::ios::binary);
    if (ec || !in) {
        error("", "cannot open the file (permissions?)");
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::optional<Json> JsonReader::parseFile() {
    const auto read = readText();
    if (!read) return std::nullopt;
    const std::string& text = *read;
    if (const auto at = jsonTooDeepAt(text, m_limits.maxDepth)) {
        error(lineColumn(text, *at + 1), "objects and arrays nest more than " +
                                             std::to_string(m_limits.maxDepth) +
                                             " levels deep; the file is damaged");
        return std::nullopt;
    }
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 3,
        // column 7: syntax error ..."; keep only what is wrong, the place goes in `where`.
        std::string what = e.what();
        const size_t colon = what.find(": ", what.find("parse error"));
        if (colon != std::string::npos) what = what.substr(colon + 2);
        error(lineColumn(text, e.byte), "not valid JSON: " + what);
    } catch (const std::exception& e) {
        error("", std::string("not valid JSON: ") + e.what());
    }
    return std::nullopt;
}

const Json* JsonReader::member(const Json& obj, const std::string& at, const char* key,
                               bool required) {
    if (obj.is_object()) {
        auto it = obj.find(key);
        if (it != obj.end()) return &*it;
    }
    if (required)
        error(at + pointerToken(key), "missing required field \"" + std::string(key) + "\"");
    return nullptr;
}

bool JsonReader::string(const Json& obj, const std::string& at, const char* key, std::string& out,
                        bool required) {
    const Json* j = member(obj, at, key, required);
    if (!j) return !required;
    if (!j->is_string()) {
        error(at + pointerToken(key), std::string("expected a string, found ") + typeName(*j));
        return false;
    }
    out = j->get<std::string>();
    if (required && out.empty()) {
        error(at + pointerToken(key), "must not be empty");
        return false;
    }
    return true;
}

bool JsonReader::number(const Json& obj, const std::string& at, const char* key, double& out,
                        bool required) {
    const Json* j = member(obj, at, key, required);
    if (!j) return !required;
    if (!j->is_number()) {
        error(at + pointerToken(key), std::string("expected a number, found ") + typeName(*j));
        return false;
    }
    const double v = j->get<double>();
    if (!std::isfinite(v)) {
        error(at + pointerToken(key), "the number must be finite");
        return false;
    }
    out = v;
    return true;
}

bool JsonReader::stringList(const Json& obj, const std::string& at, const char* key,
                            std::vector<std::string>& out, bool required) {
    const Json* j = member(obj, at, key, required);
    if (!j) return !required;
    const std::string where = at + pointerToken(key);
    if (!j->is_array()) {
        error(where, std::string("expected an array of strings, found ") + typeName(*j));
        return false;
    }
    out.clear();
    bool good = true;
    for (size_t i = 0; i < j->size(); ++i) {
        const Json& item = (*j)[i];
        if (item.is_string()) {
            out.push_back(item.get<std::string>());
        } else {
            error(where + "/" + std::to_string(i),
                  std::string("expected a string, found ") + typeName(item));
            good = false;
        }
    }
    return good;
}

bool JsonReader::inRange(double v, const std::string& where, double lo, double hi, const char* unit,
                         bool loOpen) {
    const bool below = loOpen ? v <= lo : v < lo;
    if (!below && v <= hi) return true;
    const std::string u = unit && *unit ? std::string(" ") + unit : "";
    error(where, formatNumber(v) + u + " is out of range: it must be " +
                     (loOpen ? "more than " : "at least ") + formatNumber(lo) + u +
                     " and at most " + formatNumber(hi) + u);
    return false;
}

void JsonReader::unknownFields(const Json& obj, const std::string& at,
                               std::initializer_list<std::string_view> known) {
    if (!obj.is_object()) return;
    for (auto it = obj.begin(); it != obj.end(); ++it)
        if (std::find(known.begin(), known.end(), it.key()) == known.end())
            warning(at + pointerToken(it.key()), "unknown field \"" + it.key() + "\", ignored");
}

bool JsonReader::sourceKeys(const std::vector<std::string>& list, const std::string& where) {
    const auto& known = knownSourceKeys();
    bool good = true;
    if (list.empty()) {
        error(where, "needs at least one source key (" + joinWords(known, " or ") + ")");
        return false;
    }
    for (size_t i = 0; i < list.size(); ++i)
        if (std::find(known.begin(), known.end(), list[i]) == known.end()) {
            error(where + "/" + std::to_string(i),
                  "unknown source key \"" + list[i] + "\" (known: " + joinWords(known) + ")");
            good = false;
        }
    return good;
}

}  // namespace ra::core
