// Routine: the built-in smr-guide session, routines.json read step by step (a bad step is left
// out, a bad routine repaired or left out, the rest kept) and written back, and fresh ids.
#include "core/Routine.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/ConfigFile.h"

namespace ra::core {

namespace {

constexpr size_t kMaxIdLength = 48;

bool isKebabId(const std::string& s) {
    if (s.empty() || s.front() == '-' || s.back() == '-') return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

bool idTaken(const std::string& id, const std::vector<Routine>& routines) {
    return std::any_of(routines.begin(), routines.end(),
                       [&](const Routine& r) { return r.id == id; });
}

std::string inQuotes(const std::string& s) {
    std::string out = "\"";
    out += s;
    out += '"';
    return out;
}

// Reads the "routines" array; `m_out` starts with the built-in routine (when it has steps) so
// that custom ids never clash with it.
class RoutinesReader {
public:
    RoutinesReader(const std::string& file, const StretchLibrary& library, Diagnostics& diags,
                   std::vector<Routine>& out)
        : m_file(file), m_library(library), m_diags(diags), m_out(out) {}

    void read(const Json& doc) {
        JsonReader r(m_file, m_diags);
        r.unknownFields(doc, "", {"version", "routines"});
        const Json* list = r.member(doc, "", "routines", false);
        if (!list) return;
        if (!list->is_array()) {
            r.error("/routines", "expected an array of routines; no custom routine is loaded");
            return;
        }
        for (size_t i = 0; i < list->size(); ++i)
            routine((*list)[i], "/routines/" + std::to_string(i));
    }

private:
    void routine(const Json& j, const std::string& at) {
        JsonReader r(m_file, m_diags);
        if (!j.is_object()) {
            r.error(at, "expected a routine {\"id\", \"name\", \"steps\"}; it is left out");
            return;
        }
        r.unknownFields(j, at, {"id", "name", "auto_advance", "steps"});
        Routine routine;
        readWithConsequence(m_file, m_diags, "true is used", [&](JsonReader& rr) {
            const Json* a = rr.member(j, at, "auto_advance", false);
            if (a && a->is_boolean()) routine.autoAdvance = a->get<bool>();
            if (a && !a->is_boolean()) rr.error(at + "/auto_advance", "expected true or false");
            return true;
        });
        if (!steps(j, at, routine.steps)) return;
        identify(j, at, routine);
        m_out.push_back(std::move(routine));
    }

    // The name as written and an id that is well formed and not yet taken.
    void identify(const Json& j, const std::string& at, Routine& routine) {
        JsonReader r(m_file, m_diags);
        const Json* name = r.member(j, at, "name", false);
        if (name && name->is_string()) routine.name = name->get<std::string>();
        const Json* id = r.member(j, at, "id", false);
        const std::string written = id && id->is_string() ? id->get<std::string>() : "";
        routine.id = written;
        if (!isKebabId(written) || idTaken(written, m_out)) {
            routine.id = routineIdFor(routine.name.empty() ? written : routine.name, m_out);
            std::string why;
            if (!id) {
                why = "missing id";
            } else if (!isKebabId(written)) {
                why = "the id must be a string of lowercase letters, digits and hyphens";
            } else {
                why = "the id ";
                why += inQuotes(written);
                why += " is already taken (by the built-in routine or an earlier one)";
            }
            why += "; this routine gets the id ";
            why += inQuotes(routine.id);
            r.warning(at + "/id", why);
        }
        if (routine.name.empty()) {
            r.warning(at + "/name", "missing or empty name; the routine is named after its id");
            routine.name = routine.id;
        }
    }

    // False (reported) when the routine has no step left to play.
    bool steps(const Json& j, const std::string& at, std::vector<RoutineStep>& out) {
        const std::string where = at + "/steps";
        const auto found = j.find("steps");
        const Json* list = found == j.end() ? nullptr : &*found;
        JsonReader r(m_file, m_diags);
        if (!list || !list->is_array()) {
            r.error(where,
                    "expected an array of steps {\"stretch\", \"seconds\"}; the routine "
                    "is left out");
            return false;
        }
        for (size_t i = 0; i < list->size(); ++i) {
            RoutineStep s;
            if (step((*list)[i], where + "/" + std::to_string(i), s)) out.push_back(s);
        }
        if (!out.empty()) return true;
        r.error(where, "no step is left that can be played; the routine is left out");
        return false;
    }

    // False (reported) when the step is left out.
    bool step(const Json& j, const std::string& at, RoutineStep& out) {
        if (!j.is_object()) {
            JsonReader(m_file, m_diags)
                .error(at, "expected a step {\"stretch\", \"seconds\"}; it is left out");
            return false;
        }
        const bool keep =
            readWithConsequence(m_file, m_diags, "the step is left out", [&](JsonReader& r) {
                r.unknownFields(j, at, {"stretch", "seconds"});
                return r.string(j, at, "stretch", out.stretch, true) &&
                       playable(r, at + "/stretch", out.stretch);
            });
        if (keep) seconds(j, at, out.seconds);
        return keep;
    }

    bool playable(JsonReader& r, const std::string& where, const std::string& id) {
        const Stretch* s = m_library.find(id);
        if (!s) {
            std::string message = "unknown stretch ";
            message += inQuotes(id);
            message += " (not in assets/stretches)";
            r.error(where, message);
            return false;
        }
        if (s->isMistakeDemo()) {
            r.error(where, inQuotes(id) + " is a mistake demo, never part of a session");
            return false;
        }
        return true;
    }

    void seconds(const Json& j, const std::string& at, double& out) {
        std::string consequence = "the default ";
        consequence += formatNumber(kDefaultStepSeconds);
        consequence += " s is used";
        double v = kDefaultStepSeconds;
        if (!readWithConsequence(m_file, m_diags, consequence, [&](JsonReader& r) {
                return r.number(j, at, "seconds", v, false);
            }))
            return;
        out = std::clamp(v, kMinStepSeconds, kMaxStepSeconds);
        consequence = formatNumber(out);
        consequence += " s is used";
        readWithConsequence(m_file, m_diags, consequence, [&](JsonReader& r) {
            return r.inRange(v, at + "/seconds", kMinStepSeconds, kMaxStepSeconds, "s");
        });
    }

    const std::string& m_file;
    const StretchLibrary& m_library;
    Diagnostics& m_diags;
    std::vector<Routine>& m_out;
};

Json secondsJson(double seconds) {
    if (seconds == std::floor(seconds) && std::abs(seconds) < 1e15) return int64_t(seconds);
    return seconds;
}

}  // namespace

double Routine::totalSeconds() const {
    return std::accumulate(steps.begin(), steps.end(), 0.0,
                           [](double sum, const RoutineStep& s) { return sum + s.seconds; });
}

Routine builtInRoutine(const StretchLibrary& library) {
    Routine r;
    r.id = kBuiltInRoutineId;
    r.name = "Session: calves to chest";
    r.builtIn = true;
    r.autoAdvance = true;
    r.sources = {"smr-guide"};
    for (const char* id : {"calf-roll", "glute-roll", "thoracic-extension", "chest-opener"})
        if (library.find(id)) r.steps.push_back({id, kDefaultStepSeconds});
    return r;
}

std::vector<Routine> loadRoutines(const std::string& path, const StretchLibrary& library,
                                  Diagnostics& diags) {
    std::vector<Routine> routines;
    Routine builtIn = builtInRoutine(library);
    if (!builtIn.steps.empty()) routines.push_back(std::move(builtIn));
    const ConfigRead read =
        readConfigFile(path, kRoutinesVersion, "only the built-in routine is offered", diags);
    if (read.doc) RoutinesReader(path, library, diags, routines).read(*read.doc);
    return routines;
}

std::string routinesJson(const std::vector<Routine>& routines) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Routine& r : routines) {
        if (r.builtIn) continue;
        nlohmann::ordered_json steps = nlohmann::ordered_json::array();
        for (const RoutineStep& s : r.steps)
            steps.push_back({{"stretch", s.stretch}, {"seconds", secondsJson(s.seconds)}});
        nlohmann::ordered_json j;
        j["id"] = r.id;
        j["name"] = r.name;
        j["auto_advance"] = r.autoAdvance;
        j["steps"] = std::move(steps);
        list.push_back(std::move(j));
    }
    nlohmann::ordered_json doc;
    doc["version"] = kRoutinesVersion;
    doc["routines"] = std::move(list);
    // Replacing invalid UTF-8 (a name typed on a misconfigured system) keeps dump() from throwing.
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

bool saveRoutines(const std::string& path, const std::vector<Routine>& routines,
                  std::string& error) {
    return writeConfigFile(path, routinesJson(routines), error);
}

std::string routineIdFor(const std::string& name, const std::vector<Routine>& existing) {
    std::string base;
    bool gap = false;
    for (const char c : name) {
        const char lower = c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
        if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
            if (gap && !base.empty()) base += '-';
            base += lower;
            gap = false;
        } else {
            gap = true;
        }
        if (base.size() >= kMaxIdLength) break;
    }
    if (base.empty()) base = "routine";
    std::string id = base;
    for (int n = 2; idTaken(id, existing); ++n) id = base + "-" + std::to_string(n);
    return id;
}

// --- RoutinePlayer ---------------------------------------------------------------------------

namespace {
// Sums of many frame times miss a step's end by rounding; this much short of it counts as there.
constexpr double kTimeEpsilon = 1e-6;
}  // namespace

void RoutinePlayer::start(const Routine& r) {
    m_routine = r;
    m_step = 0;
    m_elapsed = 0.0;
    m_active = !r.steps.empty();
}

void RoutinePlayer::stop() {
    m_routine = Routine{};
    m_step = 0;
    m_elapsed = 0.0;
    m_active = false;
}

const std::string& RoutinePlayer::stretch() const {
    static const std::string kNone;
    return m_active ? m_routine.steps[size_t(m_step)].stretch : kNone;
}

double RoutinePlayer::elapsed() const {
    return m_active ? m_elapsed : 0.0;
}

double RoutinePlayer::remaining() const {
    if (!m_active) return 0.0;
    return std::max(0.0, m_routine.steps[size_t(m_step)].seconds - m_elapsed);
}

bool RoutinePlayer::stepDone() const {
    return m_active && m_elapsed >= m_routine.steps[size_t(m_step)].seconds - kTimeEpsilon;
}

bool RoutinePlayer::finished() const {
    return stepDone() && size_t(m_step) + 1 == m_routine.steps.size();
}

bool RoutinePlayer::update(double dt) {
    if (!m_active || !(dt > 0.0)) return false;  // also ignores NaN
    const int before = m_step;
    m_elapsed += dt;
    while (stepDone()) {
        const double length = m_routine.steps[size_t(m_step)].seconds;
        if (!m_routine.autoAdvance || finished()) {
            m_elapsed = std::max(length, 0.0);
            break;
        }
        m_elapsed = std::max(0.0, m_elapsed - length);
        ++m_step;
    }
    return m_step != before;
}

bool RoutinePlayer::next() {
    if (!m_active || size_t(m_step) + 1 >= m_routine.steps.size()) return false;
    ++m_step;
    m_elapsed = 0.0;
    return true;
}

bool RoutinePlayer::previous() {
    if (!m_active) return false;
    m_elapsed = 0.0;
    if (m_step == 0) return false;
    --m_step;
    return true;
}

double RoutinePlayer::totalRemaining() const {
    if (!m_active) return 0.0;
    double total = remaining();
    for (size_t i = size_t(m_step) + 1; i < m_routine.steps.size(); ++i)
        total += m_routine.steps[i].seconds;
    return total;
}

}  // namespace ra::core
