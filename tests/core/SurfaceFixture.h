// SurfaceFixture: the shipped body's BodySurface (the figure and the shipped landmarks), built
// once per test process for the tests that play stretches or pick on it.
#pragma once

#include <memory>

#include "BodyFixture.h"
#include "StretchFixture.h"
#include "core/BodySurface.h"

namespace ra::core::test {

inline std::shared_ptr<const BodySurface> shippedSurface() {
    static const auto s = [] {
        std::string error;
        auto model = std::make_shared<const ModelData>(bodyFixture());
        auto b = BodySurface::build(model, shipped().lib.landmarks, error);
        INFO(error);
        REQUIRE(b);
        return std::make_shared<const BodySurface>(std::move(*b));
    }();
    return s;
}

}  // namespace ra::core::test
