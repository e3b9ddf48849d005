// GltfRegionsTest: anatomy labels through glTF: the writer's _REGION_IDS/_REGION_WEIGHTS
// attributes, mesh layer and region table come back from the loader unchanged; malformed tables,
// out-of-range ids and odd formats give warnings that name the place, and never break the load.
#include <bit>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "LabelledModelFixture.h"
#include "core/GlbWriter.h"
#include "core/GltfLoader.h"

using namespace ra::core;
using nlohmann::json;

namespace {

std::string outFile(const std::string& name) {
    std::filesystem::create_directories(RA_TEST_OUT_DIR);
    return std::string(RA_TEST_OUT_DIR) + "/gltf_regions_" + name;
}

uint32_t u32(const std::vector<uint8_t>& b, size_t at) {
    return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 |
           uint32_t(b[at + 3]) << 24;
}

void putU32(std::vector<uint8_t>& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

// The JSON chunk and BIN chunk of a GLB written by writeGlb.
std::pair<json, std::vector<uint8_t>> splitGlb(const std::vector<uint8_t>& glb) {
    const uint32_t jsonLength = u32(glb, 12);
    const auto jsonBegin = glb.begin() + 20;
    json doc = json::parse(jsonBegin, jsonBegin + jsonLength);
    const size_t binAt = 20 + jsonLength;
    std::vector<uint8_t> bin;
    if (binAt + 8 <= glb.size())
        bin.assign(glb.begin() + long(binAt + 8), glb.begin() + long(binAt + 8 + u32(glb, binAt)));
    return {doc, bin};
}

std::vector<uint8_t> joinGlb(const json& doc, std::vector<uint8_t> bin) {
    std::string text = doc.dump();
    while (text.size() % 4) text += ' ';
    while (bin.size() % 4) bin.push_back(0);
    std::vector<uint8_t> out;
    putU32(out, 0x46546C67u);
    putU32(out, 2);
    putU32(out, uint32_t(12 + 8 + text.size() + (bin.empty() ? 0 : 8 + bin.size())));
    putU32(out, uint32_t(text.size()));
    putU32(out, 0x4E4F534Au);
    out.insert(out.end(), text.begin(), text.end());
    if (!bin.empty()) {
        putU32(out, uint32_t(bin.size()));
        putU32(out, 0x004E4942u);
        out.insert(out.end(), bin.begin(), bin.end());
    }
    return out;
}

void writeBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

// Writes the fixture with `edit` applied to its JSON, loads it back.
std::optional<ModelData> loadEdited(const std::string& name, const std::function<void(json&)>& edit,
                                    Diagnostics& diags) {
    auto [doc, bin] = splitGlb(writeGlb(ra::test::labelledModel()));
    edit(doc);
    const std::string path = outFile(name);
    writeBytes(path, joinGlb(doc, bin));
    return loadGltf(path, diags);
}

// The warning whose place is `where`, or nullptr.
const Diagnostic* warningAt(const Diagnostics& d, const std::string& where) {
    for (const auto& item : d.items())
        if (item.where == where && item.severity == Severity::Warning) return &item;
    return nullptr;
}

bool anyLabels(const ModelData& m) {
    for (const Mesh& mesh : m.meshes)
        for (const Primitive& p : mesh.primitives)
            if (!p.regionIds.empty() || !p.regionWeights.empty()) return true;
    return false;
}

const char* kIdsPtr = "/meshes/0/primitives/0/attributes/_REGION_IDS";

}  // namespace

TEST_CASE("region labels, mesh layers and the region table round-trip through a GLB",
          "[gltf][regions]") {
    const ModelData m = ra::test::labelledModel();
    const std::string path = outFile("labelled.glb");
    Diagnostics diags;
    REQUIRE(writeGlbFile(m, path, diags));
    const auto back = loadGltf(path, diags);
    INFO(diags.str());
    REQUIRE(back);
    CHECK(diags.empty());

    REQUIRE(back->meshes.size() == 2);
    CHECK(back->meshes[0].layer == MeshLayer::Skin);
    CHECK(back->meshes[1].layer == MeshLayer::Skeleton);
    const Primitive& skin = back->meshes[0].primitives.at(0);
    CHECK(skin.regionIds == m.meshes[0].primitives[0].regionIds);
    CHECK(skin.regionWeights == m.meshes[0].primitives[0].regionWeights);
    CHECK(skin.positions == m.meshes[0].primitives[0].positions);
    CHECK(back->meshes[1].primitives.at(0).regionIds.empty());

    REQUIRE(back->regions.size() == m.regions.size());
    for (size_t i = 0; i < m.regions.size(); ++i) {
        INFO("region " << i);
        CHECK(back->regions[i].id == m.regions[i].id);
        CHECK(back->regions[i].name == m.regions[i].name);
        CHECK(back->regions[i].kind == m.regions[i].kind);
        CHECK(back->regions[i].description == m.regions[i].description);
        CHECK(back->regions[i].sources == m.regions[i].sources);
    }
}

TEST_CASE("the labelled GLB is deterministic, aligned and uses the documented formats",
          "[gltf][regions]") {
    const std::vector<uint8_t> a = writeGlb(ra::test::labelledModel());
    CHECK(a == writeGlb(ra::test::labelledModel()));
    const auto [doc, bin] = splitGlb(a);
    const json& attrs = doc["meshes"][0]["primitives"][0]["attributes"];
    const json& ids = doc["accessors"][attrs["_REGION_IDS"].get<size_t>()];
    const json& weights = doc["accessors"][attrs["_REGION_WEIGHTS"].get<size_t>()];
    CHECK(ids["componentType"] == 5121);
    CHECK(ids["type"] == "VEC4");
    CHECK_FALSE(ids.contains("normalized"));
    CHECK(weights["componentType"] == 5121);
    CHECK(weights["normalized"] == true);
    for (const json& view : doc["bufferViews"]) CHECK(view["byteOffset"].get<size_t>() % 4 == 0);
    CHECK(doc["meshes"][1]["extras"] == json({{"rollerAtlas", {{"layer", "skeleton"}}}}));
    CHECK_FALSE(doc["meshes"][0].contains("extras"));
    const json& table = doc["extras"]["rollerAtlas"]["regions"];
    REQUIRE(table.size() == 4);
    CHECK(table[2] == json({{"id", "lumbar_spine"},
                            {"name", "Lumbar spine"},
                            {"kind", "no-go"},
                            {"description", "Do not roll the lower back."},
                            {"sources", {"general"}}}));
    CHECK(table[0]["sources"] == json::array());
}

TEST_CASE("a model without labels gets no label attributes and no extras", "[gltf][regions]") {
    ModelData m = ra::test::labelledModel();
    m.regions.clear();
    m.meshes[1].layer = MeshLayer::Skin;
    for (Mesh& mesh : m.meshes)
        for (Primitive& p : mesh.primitives) {
            p.regionIds.clear();
            p.regionWeights.clear();
        }
    const std::string text = splitGlb(writeGlb(m)).first.dump();
    CHECK(text.find("_REGION") == std::string::npos);
    CHECK(text.find("extras") == std::string::npos);
}

TEST_CASE("a region id beyond the table drops that primitive's labels with a warning",
          "[gltf][regions]") {
    ModelData m = ra::test::labelledModel();
    m.meshes[0].primitives[0].regionIds[5] = glm::u8vec4(1, 9, 0, 0);
    const std::string path = outFile("id_out_of_range.glb");
    Diagnostics diags;
    REQUIRE(writeGlbFile(m, path, diags));
    const auto back = loadGltf(path, diags);
    INFO(diags.str());
    REQUIRE(back);
    CHECK_FALSE(diags.hasErrors());
    const Diagnostic* w = warningAt(diags, kIdsPtr);
    REQUIRE(w);
    CHECK(w->file == path);
    CHECK(w->message.find("vertex 5 has region id 9") != std::string::npos);
    CHECK(w->message.find("4 entries") != std::string::npos);
    CHECK_FALSE(anyLabels(*back));
    CHECK(back->regions.size() == 4);  // the table itself is fine
}

TEST_CASE("an unknown region kind ignores the table, and the labels with it", "[gltf][regions]") {
    Diagnostics diags;
    const auto back = loadEdited(
        "bad_kind.glb",
        [](json& doc) { doc["extras"]["rollerAtlas"]["regions"][1]["kind"] = "forbidden"; }, diags);
    INFO(diags.str());
    REQUIRE(back);
    CHECK_FALSE(diags.hasErrors());
    const Diagnostic* w = warningAt(diags, "/extras/rollerAtlas/regions/1/kind");
    REQUIRE(w);
    CHECK(w->message.find("'forbidden'") != std::string::npos);
    CHECK(back->regions.empty());
    CHECK_FALSE(anyLabels(*back));
    REQUIRE(warningAt(diags, kIdsPtr));
    CHECK(warningAt(diags, kIdsPtr)->message.find("no regions table") != std::string::npos);
}

TEST_CASE("wrong types in the region table are named by JSON pointer", "[gltf][regions]") {
    const std::vector<std::pair<std::function<void(json&)>, std::string>> cases = {
        {[](json& d) { d["extras"]["rollerAtlas"]["regions"][0]["name"] = 5; },
         "/extras/rollerAtlas/regions/0/name"},
        {[](json& d) {
             d["extras"]["rollerAtlas"]["regions"][3]["sources"] = {"a", 2};
         },
         "/extras/rollerAtlas/regions/3/sources/1"},
        {[](json& d) { d["extras"]["rollerAtlas"]["regions"][2]["sources"] = nullptr; },
         "/extras/rollerAtlas/regions/2/sources"},
        {[](json& d) { d["extras"]["rollerAtlas"]["regions"] = json::array({42}); },
         "/extras/rollerAtlas/regions/0"},
        {[](json& d) { d["extras"]["rollerAtlas"]["regions"] = "all of them"; },
         "/extras/rollerAtlas/regions"},
        {[](json& d) { d["extras"]["rollerAtlas"] = 7; }, "/extras/rollerAtlas"},
        {[](json& d) { d["extras"]["rollerAtlas"]["regions"][1].erase("id"); },
         "/extras/rollerAtlas/regions/1"},
        {[](json& d) { d["extras"]["rollerAtlas"]["regions"][3]["id"] = "skin"; },
         "/extras/rollerAtlas/regions/3/id"},
    };
    for (size_t i = 0; i < cases.size(); ++i) {
        Diagnostics diags;
        const auto back =
            loadEdited("bad_table_" + std::to_string(i) + ".glb", cases[i].first, diags);
        INFO(cases[i].second << "\n" << diags.str());
        REQUIRE(back);
        CHECK_FALSE(diags.hasErrors());
        CHECK(warningAt(diags, cases[i].second));
        CHECK(back->regions.empty());
    }
}

TEST_CASE("unknown fields are warned about and the table is kept", "[gltf][regions]") {
    Diagnostics diags;
    const auto back = loadEdited(
        "unknown_fields.glb",
        [](json& d) {
            d["extras"]["rollerAtlas"]["regions"][1]["colour"] = "red";
            d["extras"]["rollerAtlas"]["version"] = 2;
            d["extras"]["author"] = "someone";  // not ours: no warning
        },
        diags);
    INFO(diags.str());
    REQUIRE(back);
    CHECK(diags.size() == 2);
    CHECK(warningAt(diags, "/extras/rollerAtlas/regions/1/colour"));
    CHECK(warningAt(diags, "/extras/rollerAtlas/version"));
    CHECK(back->regions.size() == 4);
    CHECK(anyLabels(*back));
}

TEST_CASE("an unknown mesh layer is warned about and drawn as skin", "[gltf][regions]") {
    Diagnostics diags;
    const auto back = loadEdited(
        "bad_layer.glb",
        [](json& d) { d["meshes"][1]["extras"]["rollerAtlas"]["layer"] = "bones"; }, diags);
    INFO(diags.str());
    REQUIRE(back);
    CHECK(diags.size() == 1);
    REQUIRE(warningAt(diags, "/meshes/1/extras/rollerAtlas/layer"));
    CHECK(back->meshes[1].layer == MeshLayer::Skin);
}

TEST_CASE("labels with the wrong accessor format, or half missing, are dropped with a warning",
          "[gltf][regions]") {
    Diagnostics diags;
    auto back = loadEdited(
        "ids_normalized.glb",
        [](json& d) {
            const size_t a = d["meshes"][0]["primitives"][0]["attributes"]["_REGION_IDS"];
            d["accessors"][a]["normalized"] = true;
        },
        diags);
    REQUIRE(back);
    CHECK(warningAt(diags, "/meshes/0/primitives/0/attributes"));
    CHECK_FALSE(anyLabels(*back));

    Diagnostics diags2;
    back = loadEdited(
        "weights_missing.glb",
        [](json& d) { d["meshes"][0]["primitives"][0]["attributes"].erase("_REGION_WEIGHTS"); },
        diags2);
    INFO(diags2.str());
    REQUIRE(back);
    REQUIRE(warningAt(diags2, "/meshes/0/primitives/0/attributes"));
    CHECK(diags2.items()[0].message.find("without _REGION_WEIGHTS") != std::string::npos);
    CHECK_FALSE(anyLabels(*back));
}

TEST_CASE("UNSIGNED_SHORT ids and FLOAT weights are read, weights renormalised to 255",
          "[gltf][regions]") {
    // One triangle: positions (36 bytes), ids as u16 (3 x 8 bytes), weights as floats (3 x 16).
    std::vector<uint8_t> bin;
    auto f32 = [&](float v) { putU32(bin, std::bit_cast<uint32_t>(v)); };
    for (float v : {0.f, 0.f, 0.f, 1.f, 0.f, 0.f, 0.f, 1.f, 0.f}) f32(v);
    for (int id : {1, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0}) {
        bin.push_back(uint8_t(id));
        bin.push_back(uint8_t(id >> 8));
    }
    for (float v : {0.3f, 0.1f, 0.f, 0.f, 2.f, 0.f, 0.f, 0.f, 0.f, 0.f, 0.f, 0.f}) f32(v);
    const json doc = {
        {"asset", {{"version", "2.0"}}},
        {"buffers", {{{"byteLength", bin.size()}}}},
        {"bufferViews",
         {{{"buffer", 0}, {"byteOffset", 0}, {"byteLength", 36}},
          {{"buffer", 0}, {"byteOffset", 36}, {"byteLength", 24}},
          {{"buffer", 0}, {"byteOffset", 60}, {"byteLength", 48}}}},
        {"accessors",
         {{{"bufferView", 0},
           {"componentType", 5126},
           {"count", 3},
           {"type", "VEC3"},
           {"min", {0, 0, 0}},
           {"max", {1, 1, 0}}},
          {{"bufferView", 1}, {"componentType", 5123}, {"count", 3}, {"type", "VEC4"}},
          {{"bufferView", 2}, {"componentType", 5126}, {"count", 3}, {"type", "VEC4"}}}},
        {"meshes",
         {{{"primitives",
            {{{"attributes", {{"POSITION", 0}, {"_REGION_IDS", 1}, {"_REGION_WEIGHTS", 2}}}}}}}}},
        {"nodes", {{{"mesh", 0}}}},
        {"extras",
         {{"rollerAtlas",
           {{"regions",
             {{{"id", "skin"}, {"name", "Skin"}, {"kind", "neutral"}},
              {{"id", "a"}, {"name", "A"}, {"kind", "target"}},
              {{"id", "b"}, {"name", "B"}, {"kind", "caution"}}}}}}}}};
    const std::string path = outFile("ushort_float.glb");
    writeBytes(path, joinGlb(doc, bin));
    Diagnostics diags;
    const auto back = loadGltf(path, diags);
    INFO(diags.str());
    REQUIRE(back);
    REQUIRE(back->regions.size() == 3);
    CHECK(back->regions[1].sources.empty());
    CHECK(back->regions[1].description.empty());
    const Primitive& p = back->meshes.at(0).primitives.at(0);
    REQUIRE(p.regionIds.size() == 3);
    CHECK(p.regionIds[0] == glm::u8vec4(1, 2, 0, 0));
    CHECK(p.regionWeights[0] == glm::u8vec4(191, 64, 0, 0));  // 0.75 / 0.25 of 255
    CHECK(p.regionIds[1] == glm::u8vec4(2, 0, 0, 0));
    CHECK(p.regionWeights[1] == glm::u8vec4(255, 0, 0, 0));
    // No weight at all: unlabelled skin, with a warning.
    CHECK(p.regionIds[2] == glm::u8vec4(0, 0, 0, 0));
    CHECK(p.regionWeights[2] == glm::u8vec4(255, 0, 0, 0));
    CHECK(warningAt(diags, "/meshes/0/primitives/0/attributes/_REGION_WEIGHTS"));
}

TEST_CASE("foreign models load with no regions, skin layers and no label warnings",
          "[gltf][regions]") {
    for (const char* name : {"CesiumMan.glb", "Fox.glb", "RiggedSimple.gltf", "SimpleSkin.gltf"}) {
        Diagnostics diags;
        const auto m = loadGltf(std::string(RA_TESTDATA_DIR) + "/gltf-valid/" + name, diags);
        INFO(name << "\n" << diags.str());
        REQUIRE(m);
        CHECK(m->regions.empty());
        CHECK_FALSE(anyLabels(*m));
        for (const Mesh& mesh : m->meshes) CHECK(mesh.layer == MeshLayer::Skin);
        CHECK(diags.str().find("rollerAtlas") == std::string::npos);
    }
}
