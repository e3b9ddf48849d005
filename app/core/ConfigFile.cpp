// ConfigFile: reading a user config file with its version check, setting a damaged one aside
// under a dated name, and atomic writes that create the folder first.
#include "core/ConfigFile.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "core/AtomicFile.h"

namespace ra::core {

namespace fs = std::filesystem;

namespace {

// Config files are a few KB; these bounds only stop a damaged or hostile file early.
constexpr JsonLimits kConfigLimits{4ull << 20, 32};
constexpr int kMaxSetAsideTries = 1000;

const char* kindOf(const Json& j) {
    if (j.is_array()) return "an array";
    if (j.is_string()) return "a string";
    if (j.is_boolean()) return "true/false";
    if (j.is_null()) return "null";
    return "a number";
}

// "PATH.corrupt-20261121-233455" for `when` in local time.
std::string datedName(const std::string& path, std::time_t when) {
    std::tm local{};
    localtime_r(&when, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    std::string name = path;
    name += ".corrupt-";
    name += stamp;
    return name;
}

// False when the "version" member says the file comes from a newer release; a malformed version
// is reported and the file read as version 1.
bool versionUsable(JsonReader& r, const Json& doc, int knownVersion) {
    const Json* v = r.member(doc, "", "version", false);
    if (!v) return true;
    if (!v->is_number() || v->get<double>() < 1.0 ||
        v->get<double>() != std::floor(v->get<double>())) {
        r.error("/version", "expected a whole number of 1 or more; the file is read as version 1");
        return true;
    }
    const double version = v->get<double>();
    if (version <= knownVersion) return true;
    std::string message = "the file was written by a newer Roller Atlas (format version ";
    message += formatNumber(version);
    message += "; this one reads up to version ";
    message += std::to_string(knownVersion);
    message += ")";
    r.error("/version", message);
    return false;
}

// What the report of an unusable file adds: where the file went, or why it could not be moved.
std::string setAsideNote(const std::string& path, const std::string& instead,
                         std::optional<std::string>& movedTo) {
    std::string error;
    movedTo = setAsideConfigFile(path, std::time(nullptr), error);
    std::string note;
    if (movedTo) {
        note = "the file was moved to ";
        note += *movedTo;
        note += " so that saving does not overwrite it; ";
        note += instead;
    } else {
        note = error;
        note += "; ";
        note += instead;
        note += ", and saving will replace the file";
    }
    return note;
}

}  // namespace

ConfigRead readConfigFile(const std::string& path, int knownVersion, const std::string& instead,
                          Diagnostics& diags) {
    ConfigRead out;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (st.type() == fs::file_type::not_found) {
        out.missing = true;
        return out;
    }
    Diagnostics local;
    JsonReader r(path, local, kConfigLimits);
    std::optional<Json> doc = r.parseFile();
    bool usable = doc.has_value();
    if (doc && !doc->is_object()) {
        r.error("", std::string("expected a JSON object { ... }, found ") + kindOf(*doc));
        usable = false;
    }
    if (usable) usable = versionUsable(r, *doc, knownVersion);
    if (usable) {
        diags.append(local);
        out.doc = std::move(doc);
        return out;
    }
    // A folder or device in the file's place is reported but left where it is.
    if (!fs::is_regular_file(st)) {
        diags.append(local);
        return out;
    }
    std::optional<std::string> movedTo;
    appendWithConsequence(local, diags, setAsideNote(path, instead, movedTo));
    if (movedTo) out.setAsidePath = *movedTo;
    return out;
}

std::optional<std::string> setAsideConfigFile(const std::string& path, std::time_t when,
                                              std::string& error) {
    const std::string base = datedName(path, when);
    std::string target = base;
    for (int n = 2; n <= kMaxSetAsideTries; ++n) {
        std::error_code ec;
        if (!fs::exists(fs::symlink_status(target, ec))) break;
        target = base + "-" + std::to_string(n);
    }
    std::error_code ec;
    if (fs::exists(fs::symlink_status(target, ec))) {
        error = "cannot set aside ";
        error += path;
        error += ": too many set-aside copies already exist beside it";
        return std::nullopt;
    }
    fs::rename(path, target, ec);
    if (ec) {
        error = "cannot set aside ";
        error += path;
        error += " as ";
        error += target;
        error += " (";
        error += ec.message();
        error += ")";
        return std::nullopt;
    }
    return target;
}

bool writeConfigFile(const std::string& path, const std::string& text, std::string& error) {
    const fs::path folder = fs::path(path).parent_path();
    std::error_code ec;
    if (!folder.empty() && !fs::is_directory(folder, ec)) {
        fs::create_directories(folder, ec);
        if (ec) {
            error = "cannot save ";
            error += path;
            error += ": cannot create the folder ";
            error += folder.string();
            error += " (";
            error += ec.message();
            error += ")";
            return false;
        }
    }
    return writeFileAtomically(path, text, error);
}

void appendWithConsequence(const Diagnostics& from, Diagnostics& to,
                           const std::string& consequence) {
    for (Diagnostic d : from.items()) {
        if (d.severity == Severity::Error && !consequence.empty()) {
            d.message += "; ";
            d.message += consequence;
        }
        to.add(std::move(d));
    }
}

}  // namespace ra::core
