// make_mannequin: writes the default figure (core::buildMannequin) as glTF binary.
// Usage: ra-make-mannequin OUT.glb   (regenerates assets/models/mannequin.glb)
#include <cstdio>

#include "core/Diagnostics.h"
#include "core/GlbWriter.h"
#include "core/Mannequin.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: ra-make-mannequin OUT.glb\n");
        return 2;
    }
    const ra::core::ModelData model = ra::core::buildMannequin();
    ra::core::GlbWriteOptions options;
    options.generator = "Roller Atlas ra-make-mannequin";
    ra::core::Diagnostics diags;
    if (!ra::core::writeGlbFile(model, argv[1], diags, options)) {
        std::fprintf(stderr, "%s\n", diags.str().c_str());
        return 1;
    }
    size_t triangles = 0, vertices = 0;
    for (const auto& mesh : model.meshes) {
        for (const auto& p : mesh.primitives) {
            triangles += p.indices.size() / 3;
            vertices += p.positions.size();
        }
    }
    const auto& demo = model.animations.front();
    std::printf("%s: %zu joints, %zu vertices, %zu triangles, animation \"%s\" %.1f s\n", argv[1],
                model.skins.front().joints.size(), vertices, triangles, demo.name.c_str(),
                static_cast<double>(demo.duration));
    return 0;
}
