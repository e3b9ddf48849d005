// FuzzGltf: libFuzzer target for the glTF loader. Each input is written as a model file into a
// private folder (beside copies of the corpus's companion .bin/.png files, so relative URIs can
// resolve) and loaded with loadGltf(); any crash, sanitizer finding, escaped exception or
// allocation over the fuzzer's malloc limit is a bug. Seeds: ../shared/testdata/gltf-*.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/GltfLoader.h"

namespace fs = std::filesystem;

namespace {

fs::path g_dir;

// Budgets smaller than the defaults keep each run fast and inside libFuzzer's 2 GB RSS limit;
// the checks are the same code paths, only the numbers differ.
ra::core::LoadBudget fuzzBudget() {
    ra::core::LoadBudget b;
    b.maxFileBytes = 16u << 20;
    b.maxBufferBytes = 64u << 20;
    b.maxVertices = 1u << 20;
    b.maxImagePixels = 4u << 20;
    return b;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    g_dir = fs::temp_directory_path() / ("ra-fuzz-gltf-" + std::to_string(getpid()));
    fs::create_directories(g_dir);
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fs::path(RA_TESTDATA_DIR) / "gltf-invalid", ec)) {
        const std::string ext = e.path().extension().string();
        if (ext == ".bin" || ext == ".png")
            fs::copy_file(e.path(), g_dir / e.path().filename(),
                          fs::copy_options::overwrite_existing, ec);
    }
    std::atexit([] {
        std::error_code ignored;
        fs::remove_all(g_dir, ignored);
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Inputs that start like a GLB go to the GLB reader, the rest to the text reader.
    const bool glb = size >= 4 && data[0] == 'g' && data[1] == 'l' && data[2] == 'T';
    const fs::path file = g_dir / (glb ? "input.glb" : "input.gltf");
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    ra::core::Diagnostics diags;
    const auto model = ra::core::loadGltf(file.string(), diags, fuzzBudget());
    // The loader's contract: a model, or at least one error naming the file.
    if (!model && !diags.hasErrors()) std::abort();
    for (const auto& d : diags.items())
        if (d.file != file.string() || d.message.empty()) std::abort();
    return 0;
}
