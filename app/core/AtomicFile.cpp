// AtomicFile: write-to-temporary, fsync, rename, fsync-folder with POSIX calls, so the target path
// always names a complete file: the old one until the rename, the new one after it.
#include "core/AtomicFile.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace ra::core {

namespace fs = std::filesystem;

namespace {

constexpr size_t kChunk = 64 * 1024;

std::string folderOf(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

// Removes temporary files of `path` whose writer process no longer exists (killed mid-write).
void removeStaleTemps(const std::string& path) {
    const std::string prefix = atomicTempPrefix(path);
    const std::string stem = fs::path(prefix).filename().string();
    std::error_code ec;
    for (fs::directory_iterator it(folderOf(path), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.compare(0, stem.size(), stem) != 0) continue;
        const long pid = std::strtol(name.c_str() + stem.size(), nullptr, 10);
        if (pid > 0 && kill(pid_t(pid), 0) != 0 && errno == ESRCH) {
            std::error_code ignored;
            fs::remove(it->path(), ignored);
        }
    }
}

class Writer {
public:
    Writer(const std::string& path, const AtomicWriteProbe& probe) : m_path(path), m_probe(probe) {
        static std::atomic<unsigned> counter{0};
        m_temp = atomicTempPrefix(path);
        m_temp += std::to_string(getpid());
        m_temp += '-';
        m_temp += std::to_string(counter++);
    }
    ~Writer() {
        if (m_fd >= 0) close(m_fd);
        if (!m_renamed) unlink(m_temp.c_str());
    }

    bool run(std::string_view contents) {
        return create() && write(contents) && sync() && rename() && syncFolder();
    }
    const std::string& error() const { return m_error; }

private:
    bool allowed(AtomicWriteStep step, size_t written = 0) {
        if (!m_probe || m_probe(step, written)) return true;
        errno = EIO;
        return false;
    }

    bool fail(const char* what) {
        m_error = "cannot save ";
        m_error += m_path;
        m_error += ": ";
        m_error += what;
        m_error += " failed (";
        m_error += std::strerror(errno);
        m_error += m_renamed ? "); the new contents are in place but may not survive a power cut"
                             : "); the previous file is unchanged";
        return false;
    }

    bool create() {
        // Keep the permissions of the file being replaced; new files get the usual 0644.
        struct stat st {};
        const mode_t mode = stat(m_path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
        if (allowed(AtomicWriteStep::Create))
            m_fd = open(m_temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        return m_fd >= 0 || fail("creating a temporary file in its folder");
    }

    bool write(std::string_view contents) {
        size_t done = 0;
        while (done < contents.size()) {
            if (!allowed(AtomicWriteStep::Write, done)) return fail("writing");
            const size_t n = std::min(kChunk, contents.size() - done);
            const ssize_t w = ::write(m_fd, contents.data() + done, n);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) return fail("writing");
            done += size_t(w);
        }
        return true;
    }

    bool sync() {
        if (!allowed(AtomicWriteStep::Sync) || fsync(m_fd) != 0) return fail("flushing to disk");
        const int fd = m_fd;
        m_fd = -1;
        return close(fd) == 0 || fail("closing the temporary file");
    }

    bool rename() {
        if (!allowed(AtomicWriteStep::Rename) || std::rename(m_temp.c_str(), m_path.c_str()) != 0)
            return fail("replacing the file");
        m_renamed = true;
        return true;
    }

    bool syncFolder() {
        if (!allowed(AtomicWriteStep::SyncFolder)) return fail("flushing the folder");
        const int dir = open(folderOf(m_path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir < 0) return fail("opening the folder");
        const bool ok = fsync(dir) == 0;
        close(dir);
        return ok || fail("flushing the folder");
    }

    const std::string& m_path;
    const AtomicWriteProbe& m_probe;
    std::string m_temp;
    std::string m_error;
    int m_fd = -1;
    bool m_renamed = false;
};

}  // namespace

std::string atomicTempPrefix(const std::string& path) {
    const fs::path p(path);
    std::string name = ".";
    name += p.filename().string();
    name += ".tmp-";
    return (p.parent_path() / name).string();
}

bool writeFileAtomically(const std::string& path, std::string_view contents, std::string& error,
                         const AtomicWriteProbe& probe) {
    try {
        if (fs::path(path).filename().empty()) {
            error = "cannot save '";
            error += path;
            error += "': the path names a folder, not a file";
            return false;
        }
        removeStaleTemps(path);
        Writer w(path, probe);
        if (w.run(contents)) return true;
        error = w.error();
    } catch (const std::exception& e) {
        error = "cannot save ";
        error += path;
        error += ": ";
        error += e.what();
    }
    return false;
}

}  // namespace ra::core
