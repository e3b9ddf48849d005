// GltfLoaderTest: the four real rigged models load with the right counts and clean skin data;
// missing/empty/folder paths, URI escapes, budgets, deep JSON and sparse accessors behave.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <glm/gtc/matrix_transform.hpp>
#include <random>
#include <string>

#include "core/GltfImages.h"
#include "core/GltfLoader.h"

using namespace ra::core;
namespace fs = std::filesystem;

namespace {

std::string validModel(const std::string& name) {
    return std::string(RA_TESTDATA_DIR) + "/gltf-valid/" + name;
}

// A fresh, empty folder under the system temp dir, unique to this process (test runs may overlap)
// and removed again when the test is done.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& name)
        : m_path(fs::temp_directory_path() /
                 ("ra_gltf_test_" + std::to_string(std::random_device{}()) + "_" + name)) {
        fs::remove_all(m_path);
        fs::create_directories(m_path);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

void writeFile(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

bool mentions(const Diagnostics& d, const std::string& word) {
    for (const auto& item : d.items())
        if (item.message.find(word) != std::string::npos) return true;
    return false;
}

// Every error names the file it is about and says something.
void requireCleanFailure(const std::optional<ModelData>& m, const Diagnostics& d,
                         const std::string& path) {
    INFO(d.str());
    REQUIRE_FALSE(m.has_value());
    REQUIRE(d.hasErrors());
    for (const auto& item : d.items()) {
        CHECK(item.file == path);
        CHECK_FALSE(item.message.empty());
    }
}

// Skin data the renderer relies on: normalized weights, joints inside the skin, indices in range.
void checkPrimitives(const ModelData& m) {
    for (size_t n = 0; n < m.nodes.size(); ++n) {
        const Node& node = m.nodes[n];
        if (node.mesh < 0) continue;
        for (const Primitive& p : m.meshes[size_t(node.mesh)].primitives) {
            REQUIRE(p.normals.size() == p.positions.size());
            REQUIRE(p.indices.size() % 3 == 0);
            for (uint32_t i : p.indices) REQUIRE(i < p.positions.size());
            for (const auto& nrm : p.normals)
                REQUIRE(glm::length(nrm) == Approx(1.0f).margin(1e-3));
            if (!p.skinned()) continue;
            REQUIRE(node.skin >= 0);
            const size_t jointCount = m.skins[size_t(node.skin)].joints.size();
            REQUIRE(p.joints.size() == p.positions.size());
            REQUIRE(p.weights.size() == p.positions.size());
            for (size_t v = 0; v < p.positions.size(); ++v) {
                const glm::vec4 w = p.weights[v];
                REQUIRE(w.x + w.y + w.z + w.w == Approx(1.0f).margin(1e-5));
                for (int k = 0; k < 4; ++k) {
                    REQUIRE(w[k] >= 0.0f);
                    REQUIRE(p.joints[v][k] < jointCount);
                }
            }
        }
    }
}

const Node* findNamed(const ModelData& m, const std::string& name) {
    for (const auto& n : m.nodes)
        if (n.name == name) return &n;
    return nullptr;
}

}  // namespace

TEST_CASE("RiggedSimple.gltf loads with its skin and animation") {
    Diagnostics d;
    const auto m = loadGltf(validModel("RiggedSimple.gltf"), d);
    INFO(d.str());
    REQUIRE(m.has_value());
    CHECK_FALSE(d.hasErrors());
    CHECK(m->nodes.size() == 5);
    CHECK(m->roots == std::vector<int>{0});
    REQUIRE(m->skins.size() == 1);
    CHECK(m->skins[0].joints == std::vector<int>{2, 3});
    CHECK(m->skins[0].inverseBind.size() == 2);
    REQUIRE(m->meshes.size() == 1);
    REQUIRE(m->meshes[0].primitives.size() == 1);
    CHECK(m->meshes[0].primitives[0].positions.size() == 96);
    CHECK(m->meshes[0].primitives[0].indices.size() == 564);
    CHECK(m->meshes[0].primitives[0].skinned());
    REQUIRE(m->animations.size() == 1);
    CHECK(m->animations[0].channels.size() == 6);
    CHECK(m->animations[0].duration == Approx(2.083333f));
    CHECK(m->nodes[3].parent == 2);
    CHECK(m->nodes[0].children == std::vector<int>{4, 1});
    checkPrimitives(*m);
}

TEST_CASE("RiggedSimple's node matrix is decomposed into the same transform") {
    Diagnostics d;
    const auto m = loadGltf(validModel("RiggedSimple.gltf"), d);
    REQUIRE(m.has_value());
    const Node& n = m->nodes[0];  // matrix: y -> -z, z -> y (Z-up to Y-up)
    const glm::mat4 trs = glm::translate(glm::mat4(1.0f), n.translation) *
                          glm::mat4_cast(n.rotation) * glm::scale(glm::mat4(1.0f), n.scale);
    const glm::mat4 file(1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1);
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r) CHECK(trs[c][r] == Approx(file[c][r]).margin(1e-6));
    CHECK(glm::length(n.rotation) == Approx(1.0f));
}

TEST_CASE("SimpleSkin.gltf loads from data URIs and gets generated normals") {
    Diagnostics d;
    const auto m = loadGltf(validModel("SimpleSkin.gltf"), d);
    INFO(d.str());
    REQUIRE(m.has_value());
    CHECK_FALSE(d.hasErrors());
    REQUIRE(m->skins.size() == 1);
    CHECK(m->skins[0].joints.size() == 2);
    const Primitive& p = m->meshes.at(0).primitives.at(0);
    CHECK(p.positions.size() == 10);
    CHECK(p.indices.size() == 24);
    // The file has no NORMAL; the flat strip in z = 0 gets normals along +z.
    REQUIRE(p.normals.size() == 10);
    for (const auto& nrm : p.normals) CHECK(std::abs(nrm.z) == Approx(1.0f));
    REQUIRE(m->animations.size() == 1);
    CHECK(m->animations[0].channels.at(0).path == AnimPath::Rotation);
    CHECK(m->animations[0].duration == Approx(5.5f));
    checkPrimitives(*m);
}

TEST_CASE("Fox.glb loads 24 joints, 3 animations and its texture") {
    Diagnostics d;
    const auto m = loadGltf(validModel("Fox.glb"), d);
    INFO(d.str());
    REQUIRE(m.has_value());
    CHECK_FALSE(d.hasErrors());
    REQUIRE(m->skins.size() == 1);
    CHECK(m->skins[0].joints.size() == 24);
    REQUIRE(m->animations.size() == 3);
    CHECK(m->animations[0].name == "Survey");
    CHECK(m->animations[1].name == "Walk");
    CHECK(m->animations[2].name == "Run");
    for (const auto& a : m->animations) CHECK(a.duration > 0.5f);
    // No indices in the file: generated 0..n-1.
    const Primitive& p = m->meshes.at(0).primitives.at(0);
    REQUIRE(p.indices.size() == 1728);
    CHECK(p.indices[1727] == 1727);
    CHECK(p.uvs.size() == 1728);
    REQUIRE(m->images.size() == 1);
    CHECK(m->images[0].width > 0);
    CHECK(m->images[0].rgba.size() == size_t(m->images[0].width) * m->images[0].height * 4);
    REQUIRE(m->materials.size() == 1);
    CHECK(m->materials[0].baseColorImage == 0);
    CHECK(m->roots == std::vector<int>{0, 1});
    checkPrimitives(*m);
}

TEST_CASE("CesiumMan.glb loads 19 joints and a decoded texture") {
    Diagnostics d;
    const auto m = loadGltf(validModel("CesiumMan.glb"), d);
    INFO(d.str());
    REQUIRE(m.has_value());
    CHECK_FALSE(d.hasErrors());
    REQUIRE(m->skins.size() == 1);
    CHECK(m->skins[0].joints.size() == 19);
    CHECK(m->skins[0].skeleton == 3);
    REQUIRE(m->images.size() == 1);
    const Image& img = m->images[0];
    CHECK(img.width > 0);
    CHECK(img.height > 0);
    REQUIRE(img.rgba.size() == size_t(img.width) * size_t(img.height) * 4);
    // A real texture: not one flat color, fully opaque.
    bool varied = false;
    for (size_t i = 4; i < img.rgba.size() && !varied; i += 4) varied = img.rgba[i] != img.rgba[0];
    CHECK(varied);
    CHECK(img.rgba[3] == 255);
    CHECK(m->materials.at(0).baseColorImage == 0);
    REQUIRE(m->animations.size() == 1);
    CHECK(m->animations[0].channels.size() == 57);
    CHECK(findNamed(*m, "Skeleton_torso_joint_1") != nullptr);
    checkPrimitives(*m);
}

TEST_CASE("A path that does not exist is a clear error") {
    Diagnostics d;
    const std::string path = validModel("NoSuchModel.gltf");
    const auto m = loadGltf(path, d);
    requireCleanFailure(m, d, path);
    CHECK(mentions(d, "not found"));
}

TEST_CASE("An empty file is a clear error") {
    const ScratchDir scratch("empty");
    const fs::path& dir = scratch.path();
    for (const char* name : {"empty.gltf", "empty.glb"}) {
        writeFile(dir / name, "");
        Diagnostics d;
        const std::string path = (dir / name).string();
        const auto m = loadGltf(path, d);
        requireCleanFailure(m, d, path);
        CHECK(mentions(d, "empty"));
    }
}

TEST_CASE("A folder path is a clear error") {
    Diagnostics d;
    const std::string path = std::string(RA_TESTDATA_DIR) + "/gltf-valid";
    const auto m = loadGltf(path, d);
    requireCleanFailure(m, d, path);
    CHECK(mentions(d, "folder"));
}

TEST_CASE("External URIs resolve only inside the model's folder") {
    const ScratchDir scratch("sandbox");
    const fs::path& root = scratch.path();
    const fs::path models = root / "models";
    fs::create_directories(models / "sub");
    writeFile(root / "outside.bin", std::string(12, '\0'));
    writeFile(models / "sub" / "inside.bin", std::string(12, '\0'));
    auto modelWithUri = [&](const std::string& name, const std::string& uri) {
        writeFile(models / name, R"({"asset":{"version":"2.0"},"buffers":[{"uri":")" + uri +
                                     R"(","byteLength":12}]})");
        return (models / name).string();
    };

    SECTION("a relative path inside the folder is read") {
        Diagnostics d;
        CHECK(loadGltf(modelWithUri("ok.gltf", "sub/inside.bin"), d).has_value());
        CHECK_FALSE(d.hasErrors());
    }
    SECTION("'..' escaping the folder is refused") {
        Diagnostics d;
        const std::string path = modelWithUri("up.gltf", "../outside.bin");
        requireCleanFailure(loadGltf(path, d), d, path);
        CHECK(mentions(d, "outside the model's folder"));
        CHECK(d.items().front().where == "/buffers/0/uri");
    }
    SECTION("percent-encoded '..' is refused too") {
        Diagnostics d;
        const std::string path = modelWithUri("pct.gltf", "%2e%2e/outside.bin");
        requireCleanFailure(loadGltf(path, d), d, path);
    }
    SECTION("an absolute path is refused") {
        Diagnostics d;
        const std::string path = modelWithUri("abs.gltf", (root / "outside.bin").string());
        requireCleanFailure(loadGltf(path, d), d, path);
        CHECK(mentions(d, "absolute"));
    }
    SECTION("a symbolic link leading out of the folder is refused") {
        fs::create_symlink(root / "outside.bin", models / "link.bin");
        Diagnostics d;
        const std::string path = modelWithUri("link.gltf", "link.bin");
        requireCleanFailure(loadGltf(path, d), d, path);
        CHECK(mentions(d, "outside the model's folder"));
    }
    SECTION("the working directory is not searched") {
        const fs::path cwd = fs::current_path();
        fs::current_path(root);  // outside.bin now resolves from the working directory
        Diagnostics d;
        const std::string path = modelWithUri("cwd.gltf", "outside.bin");
        const auto m = loadGltf(path, d);
        fs::current_path(cwd);
        requireCleanFailure(m, d, path);
    }
}

TEST_CASE("A remote buffer URI from the corpus is refused without network access") {
    Diagnostics d;
    const std::string path =
        std::string(RA_TESTDATA_DIR) + "/gltf-invalid/buffer__non_relative_uri.gltf";
    requireCleanFailure(loadGltf(path, d), d, path);
    CHECK(d.items().front().where == "/buffers/0/uri");
    CHECK(mentions(d, "'http:' URIs are not supported"));
}

TEST_CASE("Budgets are enforced before memory is spent") {
    SECTION("file size") {
        LoadBudget small;
        small.maxFileBytes = 1000;
        Diagnostics d;
        const std::string path = validModel("Fox.glb");
        requireCleanFailure(loadGltf(path, d, small), d, path);
        CHECK(mentions(d, "limit"));
    }
    SECTION("vertex count") {
        LoadBudget small;
        small.maxVertices = 100;
        Diagnostics d;
        const std::string path = validModel("CesiumMan.glb");
        requireCleanFailure(loadGltf(path, d, small), d, path);
    }
    SECTION("total buffer bytes, as declared, before any buffer is read") {
        LoadBudget small;
        small.maxBufferBytes = 1000;
        Diagnostics d;
        const std::string path = validModel("Fox.glb");
        requireCleanFailure(loadGltf(path, d, small), d, path);
        CHECK(d.items().front().where == "/buffers");
        CHECK(mentions(d, "more than the 1000-byte limit"));
    }
    SECTION("triangle indices") {
        LoadBudget small;
        small.maxIndices = 100;
        Diagnostics d;
        const std::string path = validModel("CesiumMan.glb");
        requireCleanFailure(loadGltf(path, d, small), d, path);
        CHECK(mentions(d, "triangle indices, more than the budget of 100"));
    }
    SECTION("JSON nesting depth") {
        LoadBudget shallow;
        shallow.maxJsonDepth = 2;
        Diagnostics d;
        const std::string path = validModel("RiggedSimple.gltf");
        requireCleanFailure(loadGltf(path, d, shallow), d, path);
        CHECK(mentions(d, "nested deeper than 2 levels"));
    }
    SECTION("image pixels: the texture is dropped with a warning, the model still loads") {
        LoadBudget small;
        small.maxImagePixels = 16;
        Diagnostics d;
        const auto m = loadGltf(validModel("CesiumMan.glb"), d, small);
        REQUIRE(m.has_value());
        CHECK_FALSE(d.hasErrors());
        CHECK(m->images.empty());
        CHECK(m->materials.at(0).baseColorImage == -1);
        CHECK(mentions(d, "more pixels than"));
    }
}

TEST_CASE("Deeply nested JSON is refused before parsing") {
    const ScratchDir scratch("deep");
    const fs::path& dir = scratch.path();
    std::string json = R"({"asset":{"version":"2.0"},"extras":)";
    json += std::string(200000, '[') + std::string(200000, ']') + "}";
    writeFile(dir / "deep.gltf", json);
    Diagnostics d;
    const std::string path = (dir / "deep.gltf").string();
    requireCleanFailure(loadGltf(path, d), d, path);
    CHECK(mentions(d, "nested deeper"));
}

namespace {

// Nodes 0 -> 1 -> ... -> count-1 as one chain of children; `loop` closes it back to node 0.
std::string nodeChain(size_t count, bool loop) {
    std::string json = R"({"asset":{"version":"2.0"},"nodes":[)";
    for (size_t i = 0; i < count; ++i) {
        if (i > 0) json += ',';
        const size_t child = i + 1 < count ? i + 1 : 0;
        json += (i + 1 < count || loop) ? "{\"children\":[" + std::to_string(child) + "]}" : "{}";
    }
    return json + "]}";
}

size_t errorCount(const Diagnostics& d) {
    return size_t(std::count_if(d.items().begin(), d.items().end(),
                                [](const Diagnostic& x) { return x.severity == Severity::Error; }));
}

}  // namespace

TEST_CASE("The node hierarchy is walked without recursion, with a depth cap") {
    const ScratchDir scratch("chain");
    const fs::path& dir = scratch.path();
    SECTION("a chain within the cap loads") {
        writeFile(dir / "chain.gltf", nodeChain(900, false));
        Diagnostics d;
        const auto m = loadGltf((dir / "chain.gltf").string(), d);
        INFO(d.str());
        REQUIRE(m.has_value());
        CHECK(m->nodes.size() == 900);
        CHECK(m->nodes[899].parent == 898);
    }
    SECTION("a chain of 100,000 nodes is refused at the cap, once") {
        writeFile(dir / "chain.gltf", nodeChain(100000, false));
        Diagnostics d;
        const std::string path = (dir / "chain.gltf").string();
        requireCleanFailure(loadGltf(path, d), d, path);
        REQUIRE(errorCount(d) == 1);
        const auto error = std::find_if(d.items().begin(), d.items().end(), [](const auto& x) {
            return x.severity == Severity::Error;
        });
        CHECK(error->where == "/nodes/1001");
        CHECK(error->message ==
              "node 1001 is 1001 levels below its root, more than the limit of 1000");
    }
    SECTION("a loop of 100,000 nodes names a few of them, not all") {
        writeFile(dir / "loop.gltf", nodeChain(100000, true));
        Diagnostics d;
        const std::string path = (dir / "loop.gltf").string();
        requireCleanFailure(loadGltf(path, d), d, path);
        CHECK(errorCount(d) == 9);
        CHECK(mentions(d, "is its own ancestor"));
        CHECK(mentions(d, "the loop through node 0 has 100000 nodes"));
    }
}

TEST_CASE("Sparse accessors are applied over their base") {
    // Triangle (0,0,0) (1,0,0) (0,1,0); the sparse part moves vertex 2 to (0,5,0).
    const ScratchDir scratch("sparse");
    const fs::path& dir = scratch.path();
    std::string bin;
    auto putF = [&](float f) { bin.append(reinterpret_cast<const char*>(&f), 4); };
    for (float f : {0.f, 0.f, 0.f, 1.f, 0.f, 0.f, 0.f, 1.f, 0.f}) putF(f);  // 36 bytes
    bin += std::string("\x02\x00\x00\x00", 4);                              // index 2, padded
    for (float f : {0.f, 5.f, 0.f}) putF(f);                                // 12 bytes
    writeFile(dir / "sparse.bin", bin);
    writeFile(dir / "sparse.gltf", R"({"asset":{"version":"2.0"},
        "buffers":[{"uri":"sparse.bin","byteLength":52}],
        "bufferViews":[{"buffer":0,"byteLength":36},{"buffer":0,"byteOffset":36,"byteLength":4},
                       {"buffer":0,"byteOffset":40,"byteLength":12}],
        "accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3",
            "sparse":{"count":1,"indices":{"bufferView":1,"componentType":5123},
                      "values":{"bufferView":2}}}],
        "meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],
        "nodes":[{"mesh":0}]})");
    Diagnostics d;
    const auto m = loadGltf((dir / "sparse.gltf").string(), d);
    INFO(d.str());
    REQUIRE(m.has_value());
    const auto& pos = m->meshes.at(0).primitives.at(0).positions;
    REQUIRE(pos.size() == 3);
    CHECK(pos[1] == glm::vec3(1, 0, 0));
    CHECK(pos[2] == glm::vec3(0, 5, 0));
    CHECK(m->roots == std::vector<int>{0});  // no scene: every parentless node
}

TEST_CASE("A required extension that changes the data is refused") {
    const ScratchDir scratch("draco");
    const fs::path& dir = scratch.path();
    writeFile(dir / "draco.gltf", R"({"asset":{"version":"2.0"},
        "extensionsUsed":["KHR_draco_mesh_compression"],
        "extensionsRequired":["KHR_draco_mesh_compression"]})");
    Diagnostics d;
    const std::string path = (dir / "draco.gltf").string();
    requireCleanFailure(loadGltf(path, d), d, path);
    CHECK(d.items().front().where == "/extensionsRequired/0");
}

TEST_CASE("Non-triangle primitives are skipped with a warning") {
    const ScratchDir scratch("points");
    const fs::path& dir = scratch.path();
    writeFile(dir / "points.gltf", R"({"asset":{"version":"2.0"},
        "accessors":[{"componentType":5126,"count":3,"type":"VEC3"}],
        "meshes":[{"primitives":[{"attributes":{"POSITION":0},"mode":0}]}]})");
    Diagnostics d;
    const auto m = loadGltf((dir / "points.gltf").string(), d);
    INFO(d.str());
    REQUIRE(m.has_value());
    CHECK_FALSE(d.hasErrors());
    CHECK(m->meshes.at(0).primitives.empty());
    CHECK(mentions(d, "only triangle lists"));
}

namespace {

// 8x4 JPEG, red left half, blue right half (written by stb_image_write, quality 95).
const char* const kJpeg =
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wCEAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYG"
    "CAsICQoKCgoKBggLDAsKDAkKCgoBAgICAgICBQMDBQoHBgcKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoK"
    "CgoKCgoKCgoKCgoKCgoKCv/AABEIAAQACAMBEQACEQEDEQH/xAGiAAABBQEBAQEBAQAAAAAAAAAAAQIDBAUGBwgJCgsQ"
    "AAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2"
    "Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4"
    "ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+gEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL"
    "EQACAQIEBAMEBwUEBAABAncAAQIDEQQFITEGEkFRB2FxEyIygQgUQpGhscEJIzNS8BVictEKFiQ04SXxFxgZGiYnKCkq"
    "NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqCg4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1"
    "tre4ubrCw8TFxsfIycrS09TV1tfY2dri4+Tl5ufo6ery8/T19vf4+fr/2gAMAwEAAhEDEQA/APzS/ar/AOYD/wBvX/tG"
    "v6p/Zlf81X/3If8Au4f2t+0N/wCaZ/7nf/dQ/9k=";

// 2x1 PNG, 16 bits per channel RGBA: (FFFF 8000 0000 FFFF), (0101 2020 FFFF 0000).
const char* const kPng16 =
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABEAYAAACksqPJAAAAGUlEQVR4nGP4/7+BgYHh/39GRgWF//8ZGABBRwa9XP+u"
    "OQAAAABJRU5ErkJggg==";

std::string imageModel(const std::string& broken) {
    return R"({"asset":{"version":"2.0"},
        "images":[{"uri":"data:image/jpeg;base64,)" +
           std::string(kJpeg) + R"("},
                  {"uri":"data:image/png;base64,)" +
           std::string(kPng16) + R"("},
                  {"uri":"data:image/png;base64,)" +
           broken + R"("},
                  {"uri":"data:image/png;base64,)" +
           broken + R"("}],
        "textures":[{"source":0},{"source":1},{"source":2}],
        "materials":[{"pbrMetallicRoughness":{"baseColorTexture":{"index":0}}},
                     {"pbrMetallicRoughness":{"baseColorTexture":{"index":1}}},
                     {"pbrMetallicRoughness":{"baseColorTexture":{"index":2},
                                              "baseColorFactor":[0.5,0.25,1,1]}}]})";
}

}  // namespace

TEST_CASE("Images decode to RGBA8 from JPEG and 16-bit PNG; a broken one only loses its texture") {
    const ScratchDir scratch("images");
    const fs::path& dir = scratch.path();
    writeFile(dir / "images.gltf", imageModel("AAAAAAAA"));
    Diagnostics d;
    const auto m = loadGltf((dir / "images.gltf").string(), d);
    INFO(d.str());
    REQUIRE(m.has_value());
    CHECK_FALSE(d.hasErrors());
    REQUIRE(m->images.size() == 2);
    REQUIRE(m->materials.size() == 3);
    const Image& jpg = m->images[size_t(m->materials[0].baseColorImage)];
    REQUIRE(jpg.width == 8);
    REQUIRE(jpg.height == 4);
    CHECK(jpg.rgba[0] > 200);  // left: red
    CHECK(jpg.rgba[2] < 60);
    CHECK(jpg.rgba[7 * 4 + 2] > 200);  // right: blue
    CHECK(jpg.rgba[7 * 4 + 0] < 60);
    const Image& png = m->images[size_t(m->materials[1].baseColorImage)];
    REQUIRE(png.rgba == std::vector<uint8_t>{255, 128, 0, 255, 1, 32, 255, 0});
    // The broken image: the material keeps its color, the user is told (used and unused image).
    CHECK(m->materials[2].baseColorImage == -1);
    CHECK(m->materials[2].baseColor == glm::vec4(0.5f, 0.25f, 1.0f, 1.0f));
    int imageWarnings = 0;
    for (const auto& item : d.items())
        imageWarnings += item.where == "/images/2" || item.where == "/images/3";
    CHECK(imageWarnings == 2);
}

TEST_CASE("Image sizes are read from PNG and JPEG headers without decoding") {
    const uint8_t png[24] = {0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0,    13,
                             'I',  'H', 'D', 'R', 0,  1,  0,  0,  0, 0, 0x80, 0};  // 65536 x 32768
    const auto size = gltf::peekImageSize(png, sizeof png);
    REQUIRE(size.has_value());
    CHECK(size->width == 65536);
    CHECK(size->height == 32768);
    CHECK_FALSE(gltf::peekImageSize(png, 20).has_value());
    const uint8_t junk[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    CHECK_FALSE(gltf::peekImageSize(junk, sizeof junk).has_value());
}
