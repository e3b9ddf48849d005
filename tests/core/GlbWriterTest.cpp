// GlbWriterTest: the writer's container layout, a textured model's round trip through the
// loader, and the committed body asset loading back exactly as the generator built it.
#include <catch2/catch.hpp>
#include <filesystem>

#include "BodyFixture.h"
#include "core/GlbWriter.h"
#include "core/GltfLoader.h"

using namespace ra::core;

namespace {

// One textured triangle: exercises TEXCOORD_0, node rotation, images and materials.
ModelData texturedTriangle() {
    ModelData m;
    Primitive prim;
    prim.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
    prim.uvs = {{0, 0}, {1, 0}, {0, 1}};
    prim.indices = {0, 1, 2};
    prim.material = 0;
    m.meshes.push_back({"tri", {prim}});
    Node n;
    n.name = "tri";
    n.mesh = 0;
    n.rotation = glm::angleAxis(0.5f, glm::vec3{0, 1, 0});
    m.nodes.push_back(n);
    m.images.push_back(
        {"checker", 2, 2, {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 9, 9, 9, 128}});
    Material mat;
    mat.baseColorImage = 0;
    m.materials.push_back(mat);
    return m;
}

}  // namespace

TEST_CASE("glb writer: container layout", "[glb]") {
    const std::vector<uint8_t> bytes = writeGlb(texturedTriangle());
    auto u32 = [&](size_t at) {
        return uint32_t(bytes[at]) | uint32_t(bytes[at + 1]) << 8 | uint32_t(bytes[at + 2]) << 16 |
               uint32_t(bytes[at + 3]) << 24;
    };
    REQUIRE(bytes.size() > 28);
    CHECK(u32(0) == 0x46546C67u);  // "glTF"
    CHECK(u32(4) == 2);
    CHECK(u32(8) == bytes.size());
    const uint32_t jsonLength = u32(12);
    CHECK(jsonLength % 4 == 0);
    CHECK(u32(16) == 0x4E4F534Au);  // "JSON"
    REQUIRE(bytes.size() > 28 + jsonLength);
    CHECK(u32(20 + jsonLength) % 4 == 0);
    CHECK(u32(24 + jsonLength) == 0x004E4942u);  // "BIN"
    CHECK(28 + jsonLength + u32(20 + jsonLength) == bytes.size());
}

TEST_CASE("glb writer: textured model round-trips through the loader", "[glb]") {
    const ModelData m = texturedTriangle();
    const std::string path = std::string(RA_TEST_OUT_DIR) + "/glb_writer_triangle.glb";
    Diagnostics diags;
    std::filesystem::create_directories(RA_TEST_OUT_DIR);
    REQUIRE(writeGlbFile(m, path, diags));
    const std::optional<ModelData> back = loadGltf(path, diags);
    INFO(diags.str());
    REQUIRE(back);
    REQUIRE(back->images.size() == 1);
    CHECK(back->images[0].width == 2);
    CHECK(back->images[0].rgba == m.images[0].rgba);
    CHECK(back->materials.at(0).baseColorImage == 0);
    CHECK(back->nodes.at(0).rotation.w == Approx(m.nodes[0].rotation.w));
    CHECK(back->meshes.at(0).primitives.at(0).uvs == m.meshes.at(0).primitives.at(0).uvs);
}

TEST_CASE("glb writer: the committed body loads through the glTF loader unchanged", "[glb][body]") {
    Diagnostics diags;
    const std::optional<ModelData> loaded =
        loadGltf(std::string(RA_SOURCE_DIR) + "/assets/models/body.glb", diags);
    INFO(diags.str());
    REQUIRE(loaded);
    CHECK(diags.empty());
    const ModelData& built = bodyFixture();
    REQUIRE(loaded->nodes.size() == built.nodes.size());
    for (size_t i = 0; i < built.nodes.size(); ++i) {
        CHECK(loaded->nodes[i].name == built.nodes[i].name);
        CHECK(loaded->nodes[i].parent == built.nodes[i].parent);
    }
    REQUIRE(loaded->skins.size() == 1);
    CHECK(loaded->skins[0].joints == built.skins[0].joints);
    const Primitive& a = bodySkin(*loaded);
    const Primitive& b = bodySkin(built);
    CHECK(a.positions == b.positions);
    CHECK(a.indices == b.indices);
    CHECK(a.regionIds == b.regionIds);
    CHECK(a.regionWeights == b.regionWeights);
    CHECK(loaded->regions.size() == built.regions.size());
    REQUIRE(loaded->meshes.size() == built.meshes.size());
    for (size_t i = 0; i < built.meshes.size(); ++i)
        CHECK(loaded->meshes[i].layer == built.meshes[i].layer);
    REQUIRE(loaded->animations.size() == 1);
    CHECK(loaded->animations[0].name == "demo");
    CHECK(loaded->animations[0].duration == Approx(8.0f));
}
