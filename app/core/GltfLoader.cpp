// GltfLoader: the loading pipeline. Source checks (file, GLB container, raw JSON) run before
// tinygltf; tinygltf parses inside a sandbox with image decoding deferred; our validation runs
// before any accessor is read; conversion runs last. No exception leaves loadGltf().
#include "core/GltfLoader.h"

#include <tiny_gltf.h>

#include <new>
#include <sstream>

#include "core/GltfCommon.h"
#include "core/GltfConvert.h"
#include "core/GltfImages.h"
#include "core/GltfSandbox.h"
#include "core/GltfSource.h"
#include "core/GltfValidate.h"

namespace ra::core {

namespace {

using gltf::Report;

// tinygltf joins its messages with newlines; each becomes one diagnostic.
void passOn(const std::string& text, bool asError, Report& report) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        // A skin without inverse bind matrices is valid glTF (identity is assumed), not news.
        if (line.empty() || line.find("'inverseBindMatrices' property is missing") == 0) continue;
        if (asError)
            report.error("", "tinygltf: " + line);
        else
            report.warning("", "tinygltf: " + line);
    }
}

bool parseWithTinygltf(const gltf::Source& source, const LoadBudget& budget, tinygltf::Model& model,
                       gltf::ImageCapture& capture, Report& report) {
    gltf::Sandbox sandbox(source.baseDir, budget.maxFileBytes, budget.maxBufferBytes);
    tinygltf::TinyGLTF loader;
    loader.SetFsCallbacks(sandbox.callbacks());
    loader.SetImageLoader(&gltf::ImageCapture::callback, &capture);
    // Keeps each `extras` as JSON text: tinygltf's own Value drops nulls and empty arrays, and
    // the anatomy tables must be checked as written.
    loader.SetStoreOriginalJSONForExtrasAndExtensions(true);
    std::string err, warn;
    bool ok = false;
    if (source.binary) {
        ok =
            loader.LoadBinaryFromMemory(&model, &err, &warn, source.bytes.data(),
                                        static_cast<unsigned>(source.bytes.size()), source.baseDir);
    } else {
        const std::string_view json = source.json();
        ok = loader.LoadASCIIFromString(&model, &err, &warn, json.data(),
                                        static_cast<unsigned>(json.size()), source.baseDir);
    }
    for (const auto& refusal : sandbox.refusals()) report.warning("", refusal);
    passOn(warn, false, report);
    // tinygltf also writes to `err` about things it then tolerates; those are warnings, and our
    // own validation decides whether they matter.
    passOn(err, !ok, report);
    if (!ok && report.errorCount() == 0) report.error("", "tinygltf could not parse the file");
    return ok;
}

std::optional<ModelData> loadChecked(const std::string& path, const LoadBudget& budget,
                                     Report& report) {
    auto source = gltf::readSource(path, budget, report);
    if (!source || !gltf::checkJson(*source, budget, report)) return std::nullopt;
    tinygltf::Model model;
    gltf::ImageCapture capture;
    if (!parseWithTinygltf(*source, budget, model, capture, report)) return std::nullopt;
    if (!gltf::validateStructure(model, budget, report)) return std::nullopt;
    if (!gltf::validateData(model, report)) return std::nullopt;
    ModelData data = gltf::convertModel(model, capture, budget, report);
    data.sourcePath = path;
    return data;
}

}  // namespace

std::optional<ModelData> loadGltf(const std::string& path, Diagnostics& diags,
                                  const LoadBudget& budget) {
    Report report(path, diags);
    try {
        auto model = loadChecked(path, budget, report);
        if (!model && report.errorCount() == 0) report.error("", "the model could not be loaded");
        return model;
    } catch (const std::bad_alloc&) {
        report.error("", "out of memory while loading; the file is too large or damaged");
    } catch (const std::exception& e) {
        report.error("", std::string("the file could not be loaded: ") + e.what());
    } catch (...) {
        report.error("", "the file could not be loaded (unknown failure)");
    }
    return std::nullopt;
}

}  // namespace ra::core
