// GlTestSupport: what the GL tests share: one headless context and renderer per test process,
// rendering a scene from a camera to pixels, projecting world points to pixels, a code-built
// two-bone skinned test model, and golden-image comparison that writes actual and diff on failure.
#pragma once

#include <glm/glm.hpp>
#include <memory>
#include <string>

#include "core/ModelData.h"
#include "core/OrbitCamera.h"
#include "core/Scene.h"
#include "renderer/ImageIO.h"
#include "renderer/Renderer.h"

namespace ra::test {

// The process-wide renderer on a headless EGL context (created on first use; REQUIREs success).
gfx::Renderer& testRenderer();

gfx::RgbaImage renderImage(const core::Scene& scene, const core::OrbitCamera& camera, int w, int h);
// Renders a prepared view (region flags, x-ray, effect time...) offscreen and reads it back.
gfx::RgbaImage renderView(const gfx::FrameView& view);

// Writes NAME.png into the test output folder (build/test-out) for a person to look at.
void writeTestImage(const std::string& name, const gfx::RgbaImage& image);

// Pixel (x right, y down) where a world point lands; outside the image when behind the camera.
glm::ivec2 project(const core::OrbitCamera& camera, glm::vec3 world, int w, int h);

// The mean colour of the 3x3 block around a pixel.
glm::vec3 colorAt(const gfx::RgbaImage& img, glm::ivec2 p);

// A vertical bar 1 m tall (0.12 m square), two joints: `base` at y = 0 and `top` at y = 0.5, whose
// animation rotates `top` by 90 degrees about +Z between t = 0 and t = 1 s. Saturated blue.
std::shared_ptr<const core::ModelData> makeTwoBoneBar();

bool looksBlue(glm::vec3 c);

struct ImageDiff {
    int maxDiff = 0;      // largest channel difference, 0..255
    double meanDiff = 0;  // mean channel difference
};
ImageDiff diffImages(const gfx::RgbaImage& a, const gfx::RgbaImage& b, gfx::RgbaImage* diffOut);

// Compares with tests/data/golden/NAME.png. RA_UPDATE_GOLDENS=1 rewrites the golden instead.
// On failure writes NAME.actual.png and NAME.diff.png into the test output folder.
void checkGolden(const std::string& name, const gfx::RgbaImage& actual, int maxThreshold,
                 double meanThreshold);

}  // namespace ra::test
