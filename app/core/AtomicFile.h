// AtomicFile: replacing a file (settings, routines) so that a crash, a kill or a power cut at any
// moment leaves either the previous contents or the new ones, never a torn or empty file.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace ra::core {

// The steps of an atomic write, in order: create the temporary file beside the target, write
// it, flush it to disk, rename it over the target, flush the folder (so the rename survives).
enum class AtomicWriteStep { Create, Write, Sync, Rename, SyncFolder };

// Test seam: called before each step (before each chunk for Write, with the bytes written so
// far). Returning false makes that step fail as if the system call had failed with EIO.
using AtomicWriteProbe = std::function<bool(AtomicWriteStep step, size_t bytesWritten)>;

// Writes `contents` to `path` atomically. On failure returns false and sets `error` to a sentence
// naming the file and the problem; the previous file, if any, is untouched and the temporary file
// is removed (except when the failure is the final folder flush, after the rename: the new
// contents are then in place but may not survive a power cut). Temporary files left by writers
// that were killed are removed by the next write of the same file. Never throws.
bool writeFileAtomically(const std::string& path, std::string_view contents, std::string& error,
                         const AtomicWriteProbe& probe = {});

// The prefix of the temporary files writeFileAtomically() uses for `path` (".NAME.tmp-").
std::string atomicTempPrefix(const std::string& path);

}  // namespace ra::core
