// BodyFixture: the default adult body, built once per test program from the committed spec, and
// small lookups the body tests share.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "core/Body.h"

namespace ra::core {

inline const std::string kAnatomyDir = std::string(RA_SOURCE_DIR) + "/assets/anatomy/";
inline const std::string kRegionTablePath = kAnatomyDir + "regions.json";

inline const ModelData& bodyFixture() {
    static const ModelData m = [] {
        Diagnostics d;
        auto b = buildBodyFromFiles(kAnatomyDir + "body-adult.json", kRegionTablePath, d);
        INFO(d.str());
        REQUIRE(b);
        return *b;
    }();
    return m;
}

inline const Primitive& bodySkin(const ModelData& m) {
    return m.meshes.at(0).primitives.at(0);
}

inline int bodyNode(const ModelData& m, const std::string& name) {
    for (size_t i = 0; i < m.nodes.size(); ++i)
        if (m.nodes[i].name == name) return int(i);
    return -1;
}

}  // namespace ra::core
