// ConfigFixture: scratch config folders for the settings and routine tests, reading files back
// byte for byte, finding set-aside copies, and environment variables restored after a test.
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/Diagnostics.h"

namespace ra::core::test {

namespace fs = std::filesystem;

// One folder per test process: ctest runs test cases in parallel processes.
inline fs::path configDir(const std::string& name) {
    const fs::path dir =
        fs::path(RA_TEST_OUT_DIR) / "config" / (std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

inline void writeBytes(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary) << bytes;
}

inline std::string readBytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The files in `dir` whose names start with `prefix`.
inline std::vector<fs::path> filesStartingWith(const fs::path& dir, const std::string& prefix) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().rfind(prefix, 0) == 0) out.push_back(e.path());
    return out;
}

// The diagnostics at `where` (a JSON pointer, "" for the whole file).
inline std::vector<Diagnostic> diagsAt(const Diagnostics& diags, const std::string& where) {
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : diags.items())
        if (d.where == where) out.push_back(d);
    return out;
}

// Sets (or with nullopt unsets) an environment variable for the life of the guard.
class EnvGuard {
public:
    EnvGuard(const char* name, const std::optional<std::string>& value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        set(value);
    }
    ~EnvGuard() { set(m_old); }
    EnvGuard(const EnvGuard&) = delete;
    EnvGuard& operator=(const EnvGuard&) = delete;

private:
    void set(const std::optional<std::string>& value) {
        if (value)
            ::setenv(m_name, value->c_str(), 1);
        else
            ::unsetenv(m_name);
    }

    const char* m_name;
    std::optional<std::string> m_old;
};

}  // namespace ra::core::test
