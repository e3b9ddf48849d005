// ConfigFile: the user's own files (settings.json, routines.json): where they live, reading one
// so that a missing file is no problem and a damaged one is set aside rather than overwritten,
// and writing one atomically. Internal to ra_core's Settings and Routine; never throws.
#pragma once

#include <ctime>
#include <optional>
#include <string>

#include "core/Diagnostics.h"
#include "core/JsonReader.h"

namespace ra::core {

// What reading a config file found.
struct ConfigRead {
    std::optional<Json> doc;   // the top-level object; nullopt when missing or unusable
    bool missing = false;      // there was no file (not a problem: the defaults apply)
    std::string setAsidePath;  // where an unusable file was moved, "" when none was
};

// Reads `path`, a JSON object whose "version" member (1 when absent) is at most `knownVersion`.
// A file that cannot be read, is not JSON, is not an object or comes from a newer version is
// reported (file and place) and set aside with setAsideConfigFile(), the report saying where it
// went and ending with `instead` (what the app does without the file, e.g. "the defaults are
// used"), so that the next save does not destroy what the user had. Only the "version" member
// is checked here; the caller reads the rest of `doc` with a JsonReader on the same file.
ConfigRead readConfigFile(const std::string& path, int knownVersion, const std::string& instead,
                          Diagnostics& diags);

// Renames `path` to "PATH.corrupt-YYYYMMDD-HHMMSS" (local time of `when`), or with "-2", "-3",
// ... appended when that name is taken; never replaces an existing file. The new path, or
// nullopt with `error` set (a sentence naming the file) when the rename fails.
std::optional<std::string> setAsideConfigFile(const std::string& path, std::time_t when,
                                              std::string& error);

// Creates the folder of `path` if needed, then writes `text` with writeFileAtomically(). False
// with `error` naming the file (or folder) when it cannot.
bool writeConfigFile(const std::string& path, const std::string& text, std::string& error);

// Appends the diagnostics of `from` to `to`, adding "; " + `consequence` (what happens because of
// the problem, e.g. "the default is used") to each error's message.
void appendWithConsequence(const Diagnostics& from, Diagnostics& to,
                           const std::string& consequence);

// Runs `read(JsonReader&) -> bool` on `file` with a scratch list of diagnostics, then appends
// them to `diags` with `consequence` added to each error. Returns what `read` returned.
template <typename Read>
bool readWithConsequence(const std::string& file, Diagnostics& diags,
                         const std::string& consequence, Read read) {
    Diagnostics local;
    JsonReader r(file, local);
    const bool result = read(r);
    appendWithConsequence(local, diags, consequence);
    return result;
}

}  // namespace ra::core
