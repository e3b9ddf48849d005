// Process: runs a program with arguments and an environment, capturing its output and exit code
// (for tests that drive the real binary and the X tools).
#pragma once

#include <string>
#include <vector>

namespace ra::test {

struct ProcessResult {
    int exitCode = -1;  // -1 when it could not be started or was killed by a signal
    std::string out;
    std::string err;
    bool timedOut = false;
};

// Runs to completion. `env` entries "NAME=value" are added; "NAME=" with nothing after removes
// NAME. With `timeoutSeconds` > 0 a process still running then is killed (exitCode -1, timedOut
// set).
ProcessResult runProcess(const std::vector<std::string>& argv,
                         const std::vector<std::string>& env = {}, double timeoutSeconds = 0.0);

// Starts in the background; returns the pid (or -1). Output goes to `logPath`.
int startProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                 const std::string& logPath);
// True if the process has exited; sets `exitCode` then.
bool processExited(int pid, int& exitCode);
// Sends SIGTERM, waits up to `seconds`, then SIGKILL.
void stopProcess(int pid, double seconds = 3.0);

// Where a test writes what it makes (screenshots, logs): RA_TEST_OUT_DIR/name, the folder
// created if needed.
std::string outPath(const std::string& name);

// The full path of an executable found on PATH, or "" when there is none.
std::string findProgram(const std::string& name);

}  // namespace ra::test
