// JsonReader: schema-checked reading of one content JSON file (stretches, landmarks, range of
// motion): typed fields, enums, ranges and unknown-field warnings, every problem reported with
// the file and its JSON pointer. Internal to ra_core's loaders; never throws.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Diagnostics.h"

namespace ra::core {

using Json = nlohmann::json;

// A key as one JSON pointer token ("/" and "~" escaped), with the leading slash.
std::string pointerToken(const std::string& key);
// A number as people write it: "130", "2.5", "-0.25".
std::string formatNumber(double v);
// "a, b and c".
std::string joinWords(const std::vector<std::string>& words, const char* last = " and ");

// Checked before a content file is parsed: its size, and how deeply objects and arrays nest
// (on the raw text, before any parser or destructor recurses). Content files are a few KB.
struct JsonLimits {
    uint64_t maxFileBytes = 16ull << 20;
    int maxDepth = 64;
};

// The byte offset at which `text` opens an object or array deeper than `maxDepth`, if it does.
// Strings are skipped correctly, so brackets inside them do not count.
std::optional<size_t> jsonTooDeepAt(std::string_view text, int maxDepth);

class JsonReader {
public:
    JsonReader(std::string file, Diagnostics& diags, JsonLimits limits = {})
        : m_file(std::move(file)), m_diags(diags), m_limits(limits) {}

    const std::string& file() const { return m_file; }
    bool ok() const { return m_ok; }  // false once any error was reported
    void error(const std::string& where, const std::string& message);
    void warning(const std::string& where, const std::string& message);

    // The parsed file; nullopt (with an error naming the line and column) when it cannot be read,
    // is not a regular file, is over the limits or is not JSON.
    std::optional<Json> parseFile();

    // The member `key` of the object `obj` at pointer `at`, or nullptr; a missing required member
    // is an error.
    const Json* member(const Json& obj, const std::string& at, const char* key, bool required);
    // Typed members: false (with an error) when present with the wrong type or, for required
    // ones, missing; `out` keeps its value when the member is absent.
    bool string(const Json& obj, const std::string& at, const char* key, std::string& out,
                bool required);
    bool number(const Json& obj, const std::string& at, const char* key, double& out,
                bool required);
    bool stringList(const Json& obj, const std::string& at, const char* key,
                    std::vector<std::string>& out, bool required);
    // `v` at `where` lies in [lo, hi] (or (lo, hi] when loOpen); otherwise an error naming both.
    bool inRange(double v, const std::string& where, double lo, double hi, const char* unit,
                 bool loOpen = false);
    // Every member of `obj` whose key is not in `known` draws a warning.
    void unknownFields(const Json& obj, const std::string& at,
                       std::initializer_list<std::string_view> known);
    // Each key is one of the content brief's source keys; `list` is not empty.
    bool sourceKeys(const std::vector<std::string>& list, const std::string& where);

    // An enum member spelled as one of nameOf(E(0)) .. nameOf(E(count - 1)).
    template <typename E>
    bool choice(const Json& obj, const std::string& at, const char* key, E& out,
                const char* (*nameOf)(E), int count, bool required) {
        std::string text;
        if (!string(obj, at, key, text, required)) return false;
        if (!obj.contains(key)) return true;
        std::vector<std::string> names;
        for (int i = 0; i < count; ++i) {
            names.push_back(nameOf(static_cast<E>(i)));
            if (text == names.back()) {
                out = static_cast<E>(i);
                return true;
            }
        }
        error(at + pointerToken(key), "\"" + text + "\" is not one of " + joinWords(names, " or "));
        return false;
    }

private:
    std::optional<std::string> readText();

    std::string m_file;
    Diagnostics& m_diags;
    JsonLimits m_limits;
    bool m_ok = true;
};

// The source keys of the content brief (CONTENT.md): berbari, smr-guide, backpain-howto, general.
const std::vector<std::string>& knownSourceKeys();

}  // namespace ra::core
