// make_body: writes an anatomical body (core::buildBody) as glTF binary from its spec.
// Usage: ra-make-body SPEC.json REGIONS.json OUT.glb
//   e.g. ra-make-body assets/anatomy/body-adult.json assets/anatomy/regions.json
//        assets/models/body.glb
#include <chrono>
#include <cstdio>

#include "core/Body.h"
#include "core/GlbWriter.h"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: ra-make-body SPEC.json REGIONS.json OUT.glb\n");
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    ra::core::Diagnostics diags;
    auto model = ra::core::buildBodyFromFiles(argv[1], argv[2], diags);
    if (!diags.empty()) std::fprintf(stderr, "%s", diags.str().c_str());
    if (!model) return 1;
    ra::core::GlbWriteOptions options;
    options.generator = "Roller Atlas ra-make-body";
    if (!ra::core::writeGlbFile(*model, argv[3], diags, options)) {
        std::fprintf(stderr, "%s\n", diags.str().c_str());
        return 1;
    }
    size_t skinTris = 0, skinVerts = 0, boneTris = 0, pieces = 0;
    for (const auto& mesh : model->meshes)
        for (const auto& p : mesh.primitives) {
            if (mesh.layer == ra::core::MeshLayer::Skeleton) {
                boneTris += p.indices.size() / 3;
                ++pieces;
            } else {
                skinTris += p.indices.size() / 3;
                skinVerts += p.positions.size();
            }
        }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf(
        "%s: skin %zu vertices, %zu triangles; %zu x-ray pieces, %zu triangles; %zu joints, "
        "%zu regions (%.0f ms)\n",
        argv[3], skinVerts, skinTris, pieces, boneTris, model->skins.front().joints.size(),
        model->regions.size(), ms);
    return 0;
}
