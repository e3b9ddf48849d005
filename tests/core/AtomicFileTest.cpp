// AtomicFileTest: writeFileAtomically() leaves the previous file intact when any step fails or the
// writer is killed mid-write (a real SIGKILL in a forked child), and cleans up after itself.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/AtomicFile.h"

using namespace ra::core;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& name) {
    const fs::path dir =
        fs::path(RA_TEST_OUT_DIR) / "atomic" / (std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string readAll(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> names(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Large enough to take many write chunks, and different at every position from the old text.
std::string bigText(char fill) {
    return std::string(1 << 20, fill) + "\n";
}

const char* stepName(AtomicWriteStep s) {
    switch (s) {
        case AtomicWriteStep::Create:
            return "create";
        case AtomicWriteStep::Write:
            return "write";
        case AtomicWriteStep::Sync:
            return "sync";
        case AtomicWriteStep::Rename:
            return "rename";
        case AtomicWriteStep::SyncFolder:
            return "sync folder";
    }
    return "?";
}

}  // namespace

TEST_CASE("an atomic write creates or replaces the file and leaves nothing else") {
    const fs::path dir = freshDir("replace");
    const std::string file = (dir / "settings.json").string();
    std::string error;
    REQUIRE(writeFileAtomically(file, "{\"a\": 1}\n", error));
    CHECK(error.empty());
    CHECK(readAll(file) == "{\"a\": 1}\n");
    REQUIRE(writeFileAtomically(file, bigText('x'), error));
    CHECK(readAll(file) == bigText('x'));
    REQUIRE(writeFileAtomically(file, "", error));
    CHECK(readAll(file).empty());
    CHECK(names(dir) == std::vector<std::string>{"settings.json"});
}

TEST_CASE("an atomic write keeps the permissions of the file it replaces") {
    const fs::path dir = freshDir("mode");
    const std::string file = (dir / "routines.json").string();
    std::string error;
    REQUIRE(writeFileAtomically(file, "old", error));
    REQUIRE(::chmod(file.c_str(), 0600) == 0);
    REQUIRE(writeFileAtomically(file, "new", error));
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("a failure at any step before the rename leaves the previous file intact") {
    for (AtomicWriteStep failing : {AtomicWriteStep::Create, AtomicWriteStep::Write,
                                    AtomicWriteStep::Sync, AtomicWriteStep::Rename}) {
        INFO("failing step: " << stepName(failing));
        const fs::path dir = freshDir(std::string("fail-") + stepName(failing));
        const std::string file = (dir / "settings.json").string();
        std::string error;
        REQUIRE(writeFileAtomically(file, bigText('o'), error));
        // The write step fails halfway through, after some chunks reached the temporary file.
        auto probe = [&](AtomicWriteStep step, size_t written) {
            return !(step == failing && (step != AtomicWriteStep::Write || written >= (1 << 19)));
        };
        CHECK_FALSE(writeFileAtomically(file, bigText('n'), error, probe));
        CHECK_THAT(error, Catch::StartsWith("cannot save " + file + ": "));
        CHECK_THAT(error, Catch::Contains("the previous file is unchanged"));
        CHECK(readAll(file) == bigText('o'));
        CHECK(names(dir) == std::vector<std::string>{"settings.json"});
    }
}

TEST_CASE("a failed folder flush after the rename says the new contents are in place") {
    const fs::path dir = freshDir("fail-folder");
    const std::string file = (dir / "settings.json").string();
    std::string error;
    REQUIRE(writeFileAtomically(file, "old", error));
    auto probe = [](AtomicWriteStep step, size_t) { return step != AtomicWriteStep::SyncFolder; };
    CHECK_FALSE(writeFileAtomically(file, "new", error, probe));
    CHECK_THAT(error, Catch::Contains("flushing the folder failed"));
    CHECK_THAT(error, Catch::Contains("the new contents are in place"));
    CHECK(readAll(file) == "new");
    CHECK(names(dir) == std::vector<std::string>{"settings.json"});
}

TEST_CASE("a writer killed mid-write leaves the previous file intact") {
    const fs::path dir = freshDir("killed");
    const std::string file = (dir / "routines.json").string();
    std::string error;
    REQUIRE(writeFileAtomically(file, bigText('o'), error));

    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // The child is killed for real (SIGKILL: no handlers, no clean-up) halfway through.
        auto probe = [](AtomicWriteStep step, size_t written) {
            if (step == AtomicWriteStep::Write && written >= (1 << 19)) ::raise(SIGKILL);
            return true;
        };
        std::string ignored;
        writeFileAtomically(file, bigText('n'), ignored, probe);
        ::_exit(0);  // not reached when the kill works; the parent then sees exit status 0
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);

    CHECK(readAll(file) == bigText('o'));
    // The killed writer's half-written temporary file is still there ...
    const auto left = names(dir);
    REQUIRE(left.size() == 2);
    CHECK_THAT(left[0], Catch::StartsWith(".routines.json.tmp-" + std::to_string(child) + "-"));
    const std::string partial = readAll(dir / left[0]);
    CHECK(partial.size() >= (1u << 19));
    CHECK(partial.size() < bigText('n').size());
    // ... until the next write of the same file removes it.
    REQUIRE(writeFileAtomically(file, "next", error));
    CHECK(readAll(file) == "next");
    CHECK(names(dir) == std::vector<std::string>{"routines.json"});
}

TEST_CASE("an atomic write into a missing folder fails with a clear message") {
    const fs::path dir = freshDir("missing");
    const std::string file = (dir / "no-such-folder" / "settings.json").string();
    std::string error;
    CHECK_FALSE(writeFileAtomically(file, "x", error));
    CHECK_THAT(error, Catch::StartsWith("cannot save " + file + ": creating a temporary file"));
    CHECK_THAT(error, Catch::Contains("No such file or directory"));
    CHECK_FALSE(fs::exists(file));
}
