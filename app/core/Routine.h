// Routine: a session of stretches played one after another for a set time each (the built-in
// smr-guide session and the user's own, kept in routines.json), and RoutinePlayer, which steps
// through one as time passes.
#pragma once

#include <string>
#include <vector>

#include "core/Diagnostics.h"
#include "core/Stretch.h"

namespace ra::core {

// smr-guide: at least 2 minutes per major area (the relaxation reflex needs the time).
inline constexpr double kDefaultStepSeconds = 120.0;
inline constexpr double kMinStepSeconds = 15.0;    // backpain-howto's shortest hold on a hot spot
inline constexpr double kMaxStepSeconds = 1800.0;  // half an hour on one area is surely a typo
inline constexpr int kRoutinesVersion = 1;         // the "version" saveRoutines() writes
inline constexpr const char* kRoutinesFileName = "routines.json";
inline constexpr const char* kBuiltInRoutineId = "smr-session";

struct RoutineStep {
    std::string stretch;  // a stretch id
    double seconds = kDefaultStepSeconds;

    bool operator==(const RoutineStep&) const = default;
};

struct Routine {
    std::string id, name;
    std::vector<RoutineStep> steps;
    bool builtIn = false;
    bool autoAdvance = true;           // go on to the next step when a step's time is up
    std::vector<std::string> sources;  // e.g. {"smr-guide"} for the built-in one

    double totalSeconds() const;
    bool operator==(const Routine&) const = default;
};

// The built-in session, in smr-guide's order: calves, glutes, thoracic extension, chest opener
// (calf-roll, glute-roll, thoracic-extension, chest-opener), kDefaultStepSeconds each; steps
// whose stretch the library lacks are left out (the routine may then have no steps).
Routine builtInRoutine(const StretchLibrary& library);

// The routines to offer: the built-in one (when it has steps), then the custom ones of
// routines.json: { "version": 1, "routines": [ {"id", "name", "auto_advance",
// "steps": [{"stretch", "seconds"}]} ] }. A missing file gives only the built-in one, silently.
// Every problem is a diagnostic naming the file and the JSON pointer:
// - an unreadable, unparsable, non-object or newer-version file is set aside as settings are
//   (see loadSettings()) and only the built-in routine is returned;
// - a step naming a stretch the library lacks, or a mistake demo (never part of a session), is
//   dropped; "seconds" (default kDefaultStepSeconds) outside kMinStepSeconds..kMaxStepSeconds is
//   clamped into the range, of the wrong type it falls back to the default;
// - a routine with no steps left, or whose id is already taken (by the built-in one or an
//   earlier routine), is dropped; a missing or malformed id is replaced by routineIdFor(name);
//   a missing name becomes the id;
// - unknown members are warnings.
std::vector<Routine> loadRoutines(const std::string& path, const StretchLibrary& library,
                                  Diagnostics& diags);

// Writes the custom routines of `routines` (built-in ones are skipped, so the list loadRoutines()
// gave can be passed back) atomically, creating the folder if needed. False with `error` (a
// sentence naming the file) when it cannot; the previous file is then unchanged.
bool saveRoutines(const std::string& path, const std::vector<Routine>& routines,
                  std::string& error);
std::string routinesJson(const std::vector<Routine>& routines);  // what saveRoutines() writes

// A new id for a custom routine named `name`: lowercase letters, digits and hyphens ("My
// morning!" -> "my-morning", then "my-morning-2", ...), unique among `existing`; "routine" when
// the name has no letter or digit.
std::string routineIdFor(const std::string& name, const std::vector<Routine>& existing);

// Plays a routine: which step, how long into it. When a step's time is up it goes on to the next
// (autoAdvance; the time past the end carries over) or waits at the end of the step (stepDone()).
// After the last step's time it is finished() and stays on the last step until stop() or start().
// Pure: time enters only through update(dt).
class RoutinePlayer {
public:
    void start(const Routine& r);  // step 0 at 0 s; a routine with no steps leaves it inactive
    void stop();
    bool active() const { return m_active; }
    const Routine& routine() const { return m_routine; }  // empty when never started
    int step() const { return m_active ? m_step : -1; }
    // The current step's stretch id; "" when not active.
    const std::string& stretch() const;
    double elapsed() const;    // in the current step, 0 .. its seconds
    double remaining() const;  // in the current step, >= 0
    bool stepDone() const;     // the current step's time is up (waiting, or finished)
    bool finished() const;     // the last step's time is up
    // Advances the clock by dt seconds (negative dt is ignored); true when the step changed (the
    // app then loads the new step's stretch).
    bool update(double dt);
    // Manual stepping: true when the step changed (the new step starts at 0 s). next() on the
    // last step and previous() on the first do not change the step; previous() on the first
    // restarts its time.
    bool next();
    bool previous();
    double totalRemaining() const;  // this step's remainder + the later steps

private:
    Routine m_routine;
    int m_step = 0;
    double m_elapsed = 0.0;
    bool m_active = false;
};

}  // namespace ra::core
