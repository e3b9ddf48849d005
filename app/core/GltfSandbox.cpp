// GltfSandbox: tinygltf's file-system callbacks confined to the model's folder. tinygltf 2.7.0
// tries base_dir/uri and then ./uri; only the first form can name a file here.
#include "core/GltfSandbox.h"

#include <fstream>
#include <system_error>

#include "core/GltfSource.h"

namespace ra::core::gltf {

namespace fs = std::filesystem;

Sandbox::Sandbox(std::string baseDir, uint64_t maxFileBytes, uint64_t maxTotalBytes)
    : m_baseDir(std::move(baseDir)), m_maxFileBytes(maxFileBytes), m_bytesLeft(maxTotalBytes) {
    m_prefix = m_baseDir;
    if (m_prefix.empty() || m_prefix.back() != '/') m_prefix += '/';
}

tinygltf::FsCallbacks Sandbox::callbacks() {
    tinygltf::FsCallbacks cb{};
    cb.FileExists = &Sandbox::fileExists;
    cb.ExpandFilePath = &Sandbox::expandFilePath;
    cb.ReadWholeFile = &Sandbox::readWholeFile;
    cb.WriteWholeFile = &Sandbox::writeWholeFile;
    cb.user_data = this;
    return cb;
}

void Sandbox::refuse(const std::string& message) {
    for (const auto& r : m_refusals)
        if (r == message) return;
    m_refusals.push_back(message);
}

std::optional<fs::path> Sandbox::resolve(const std::string& candidate, bool explain,
                                         std::string* why) {
    auto fail = [&](const std::string& message) -> std::optional<fs::path> {
        if (explain) refuse(message);
        if (why) *why = message;
        return std::nullopt;
    };
    // Anything not under base_dir is tinygltf's working-directory fallback: never allowed.
    if (candidate.compare(0, m_prefix.size(), m_prefix) != 0)
        return fail("'" + candidate + "' is outside the model's folder");
    const std::string rel = candidate.substr(m_prefix.size());
    if (auto problem = relativeUriProblem(rel); !problem.empty()) {
        // The JSON check has already reported this URI with its JSON pointer; just refuse.
        if (why) *why = problem;
        return std::nullopt;
    }

    std::error_code ec;
    const fs::path real = fs::canonical(fs::path(candidate), ec);
    if (ec) {
        if (why) *why = "not found";
        return std::nullopt;  // tinygltf reports the missing file itself
    }
    if (real.string().compare(0, m_prefix.size(), m_prefix) != 0)
        return fail("refused to read '" + rel +
                    "': it leads outside the model's folder "
                    "(symbolic link?)");
    if (!fs::is_regular_file(real, ec))
        return fail("refused to read '" + rel + "': not a regular file");
    return real;
}

bool Sandbox::fileExists(const std::string& path, void* self) {
    auto* sb = static_cast<Sandbox*>(self);
    // Only the base_dir candidate is worth explaining; the "./" fallback is refused quietly.
    const bool underBase = path.compare(0, sb->m_prefix.size(), sb->m_prefix) == 0;
    return sb->resolve(path, underBase).has_value();
}

std::string Sandbox::expandFilePath(const std::string& path, void*) {
    return path;  // no '~' or environment expansion: a URI is a path, nothing more
}

bool Sandbox::readWholeFile(std::vector<unsigned char>* out, std::string* err,
                            const std::string& path, void* self) {
    auto* sb = static_cast<Sandbox*>(self);
    std::string why;
    const auto real = sb->resolve(path, false, &why);
    if (!real) {
        if (err) *err += why;
        return false;
    }
    std::error_code ec;
    const uintmax_t size = fs::file_size(*real, ec);
    if (ec || size > sb->m_maxFileBytes || size > sb->m_bytesLeft) {
        const std::string message = "refused to read '" + path.substr(sb->m_prefix.size()) +
                                    "': larger than the byte budget for one model";
        sb->refuse(message);
        if (err) *err += message;
        return false;
    }
    std::ifstream in(*real, std::ios::binary);
    out->resize(static_cast<size_t>(size));
    if (size > 0 &&
        !in.read(reinterpret_cast<char*>(out->data()), static_cast<std::streamsize>(size))) {
        if (err) *err += "read error";
        return false;
    }
    sb->m_bytesLeft -= size;
    return true;
}

bool Sandbox::writeWholeFile(std::string* err, const std::string&,
                             const std::vector<unsigned char>&, void*) {
    if (err) *err += "the loader never writes files";
    return false;
}

}  // namespace ra::core::gltf
