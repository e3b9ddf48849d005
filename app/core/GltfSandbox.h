// GltfSandbox: the file-system callbacks tinygltf reads external resources through. They resolve
// a URI only inside the model's folder (no absolute paths, no '..' escapes, no symlinks leading
// out, no working-directory fallback), read only regular files, and enforce the byte budget.
#pragma once

#include <tiny_gltf.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ra::core::gltf {

class Sandbox {
public:
    // `baseDir` must be the canonical absolute folder passed to tinygltf as its base_dir.
    Sandbox(std::string baseDir, uint64_t maxFileBytes, uint64_t maxTotalBytes);
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    // Callbacks bound to this object; it must outlive the tinygltf load.
    tinygltf::FsCallbacks callbacks();

    // Why reads were refused (outside the folder, too big, not a file), for the diagnostics.
    const std::vector<std::string>& refusals() const { return m_refusals; }

private:
    static bool fileExists(const std::string& path, void* self);
    static std::string expandFilePath(const std::string& path, void* self);
    static bool readWholeFile(std::vector<unsigned char>* out, std::string* err,
                              const std::string& path, void* self);
    static bool writeWholeFile(std::string* err, const std::string& path,
                               const std::vector<unsigned char>& contents, void* self);

    // The file `candidate` names when it is a regular file inside the folder; records why not
    // when `explain` is set.
    std::optional<std::filesystem::path> resolve(const std::string& candidate, bool explain,
                                                 std::string* why = nullptr);
    void refuse(const std::string& message);

    std::string m_baseDir;
    std::string m_prefix;  // m_baseDir with exactly one trailing '/'
    uint64_t m_maxFileBytes;
    uint64_t m_bytesLeft;
    std::vector<std::string> m_refusals;
};

}  // namespace ra::core::gltf
