// BodySpec: reads assets/anatomy/body-*.json: merges a spec over its base, evaluates every value
// and expression, mirrors left-side groups and regions to the right, and turns the hanging arm
// into the rest pose's slight abduction.
#include "core/BodySpec.h"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <glm/gtc/matrix_transform.hpp>
#include <nlohmann/json.hpp>
#include <set>

namespace ra::core {
namespace {

using json = nlohmann::json;
constexpr float kReferenceHeight = 1.75f;

// --- expressions ---------------------------------------------------------------------------

class ExprParser {
public:
    ExprParser(const std::string& text, const std::map<std::string, float>& values)
        : m_text(text), m_values(values) {}

    std::optional<float> parse(std::string& error) {
        // The parser recurses once per '(' or unary '-'; a length cap bounds the stack it uses.
        constexpr size_t kMaxLength = 1000;
        if (m_text.size() > kMaxLength) {
            error = "an expression of " + std::to_string(m_text.size()) + " characters; at most " +
                    std::to_string(kMaxLength) + " are allowed";
            return std::nullopt;
        }
        float v = 0.0f;
        if (!sum(v)) {
            error = m_error;
            return std::nullopt;
        }
        skipSpace();
        if (m_pos != m_text.size()) {
            error = "unexpected '" + m_text.substr(m_pos, 1) + "' at position " +
                    std::to_string(m_pos + 1) + " of \"" + m_text + "\"";
            return std::nullopt;
        }
        return v;
    }

private:
    void skipSpace() {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
    }
    bool fail(const std::string& e) {
        if (m_error.empty()) m_error = e;
        return false;
    }
    bool sum(float& v) {
        if (!product(v)) return false;
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size() || (m_text[m_pos] != '+' && m_text[m_pos] != '-'))
                return true;
            const char op = m_text[m_pos++];
            float r = 0.0f;
            if (!product(r)) return false;
            v = op == '+' ? v + r : v - r;
        }
    }
    bool product(float& v) {
        if (!unary(v)) return false;
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size() || (m_text[m_pos] != '*' && m_text[m_pos] != '/'))
                return true;
            const char op = m_text[m_pos++];
            float r = 0.0f;
            if (!unary(r)) return false;
            if (op == '/' && r == 0.0f) return fail("division by zero in \"" + m_text + "\"");
            v = op == '*' ? v * r : v / r;
        }
    }
    bool unary(float& v) {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '-') {
            ++m_pos;
            if (!unary(v)) return false;
            v = -v;
            return true;
        }
        return atom(v);
    }
    bool atom(float& v) {
        skipSpace();
        if (m_pos >= m_text.size()) return fail("expression \"" + m_text + "\" ends too early");
        const char c = m_text[m_pos];
        if (c == '(') {
            ++m_pos;
            if (!sum(v)) return false;
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ')')
                return fail("missing ')' in \"" + m_text + "\"");
            ++m_pos;
            return true;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
            size_t end = m_pos;
            while (end < m_text.size() &&
                   (std::isdigit(static_cast<unsigned char>(m_text[end])) || m_text[end] == '.'))
                ++end;
            try {
                v = std::stof(m_text.substr(m_pos, end - m_pos));
            } catch (...) {
                return fail("bad number in \"" + m_text + "\"");
            }
            m_pos = end;
            return true;
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t end = m_pos;
            while (end < m_text.size() &&
                   (std::isalnum(static_cast<unsigned char>(m_text[end])) || m_text[end] == '_'))
                ++end;
            const std::string name = m_text.substr(m_pos, end - m_pos);
            auto it = m_values.find(name);
            if (it == m_values.end()) return fail("unknown name '" + name + "'");
            v = it->second;
            m_pos = end;
            return true;
        }
        return fail("unexpected '" + std::string(1, c) + "' in \"" + m_text + "\"");
    }

    const std::string& m_text;
    const std::map<std::string, float>& m_values;
    size_t m_pos = 0;
    std::string m_error;
};

// --- reading --------------------------------------------------------------------------------

struct Reader {
    std::string file;
    Diagnostics& diags;
    std::map<std::string, float> values;
    bool ok = true;

    void error(const std::string& where, const std::string& msg) {
        diags.error(file, where, msg);
        ok = false;
    }

    float number(const json& j, const std::string& where) {
        if (j.is_number()) return j.get<float>();
        if (j.is_string()) {
            std::string err;
            auto v = evalExpression(j.get<std::string>(), values, err);
            if (v) return *v;
            error(where, err);
            return 0.0f;
        }
        error(where, "expected a number or an expression string");
        return 0.0f;
    }

    template <int N>
    glm::vec<N, float> vec(const json& j, const std::string& where) {
        glm::vec<N, float> v{0.0f};
        if (!j.is_array() || j.size() != size_t(N)) {
            error(where, "expected an array of " + std::to_string(N) + " numbers");
            return v;
        }
        for (int i = 0; i < N; ++i) v[i] = number(j[size_t(i)], where + "/" + std::to_string(i));
        return v;
    }

    std::vector<std::string> strings(const json& j, const std::string& where) {
        std::vector<std::string> out;
        if (j.is_null()) return out;
        if (!j.is_array()) {
            error(where, "expected an array of names");
            return out;
        }
        for (size_t i = 0; i < j.size(); ++i) {
            if (j[i].is_string())
                out.push_back(j[i].get<std::string>());
            else
                error(where + "/" + std::to_string(i), "expected a name");
        }
        return out;
    }

    // {"ellipsoid": {"c", "r", "rot"}} or {"cone": {"a", "b", "r": [ra, rb], "squash"}}.
    bool shape(const json& j, const std::string& where, ShapeKind& kind, glm::vec3& a, glm::vec3& b,
               glm::vec3& radii, glm::vec3& rot, glm::vec2& squash) {
        if (j.contains("ellipsoid")) {
            const json& e = j["ellipsoid"];
            const std::string w = where + "/ellipsoid";
            kind = ShapeKind::Ellipsoid;
            a = vec<3>(e.value("c", json()), w + "/c");
            radii = vec<3>(e.value("r", json()), w + "/r");
            if (e.contains("rot")) rot = vec<3>(e["rot"], w + "/rot");
            if (radii.x <= 0.0f || radii.y <= 0.0f || radii.z <= 0.0f)
                error(w + "/r", "radii must be positive");
            return true;
        }
        if (j.contains("cone")) {
            const json& c = j["cone"];
            const std::string w = where + "/cone";
            kind = ShapeKind::Cone;
            a = vec<3>(c.value("a", json()), w + "/a");
            b = vec<3>(c.value("b", json()), w + "/b");
            const glm::vec2 r = vec<2>(c.value("r", json()), w + "/r");
            radii = {r.x, r.y, 0.0f};
            if (c.contains("squash")) squash = vec<2>(c["squash"], w + "/squash");
            if (r.x <= 0.0f || r.y <= 0.0f) error(w + "/r", "radii must be positive");
            if (glm::length(b - a) < 1e-6f) error(w, "a cone needs two distinct end points");
            return true;
        }
        error(where, "expected an \"ellipsoid\" or a \"cone\"");
        return false;
    }
};

void mergeInto(json& base, const json& over) {
    for (auto it = over.begin(); it != over.end(); ++it) {
        if (it.key() == "values" || it.key() == "joints") {
            for (auto v = it->begin(); v != it->end(); ++v) base[it.key()][v.key()] = *v;
        } else if (it.key() != "base") {
            base[it.key()] = *it;
        }
    }
}

std::optional<json> readJsonFile(const std::string& path, Diagnostics& diags, int depth = 0) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error(path, "", "cannot open the body spec");
        return std::nullopt;
    }
    json j = json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        diags.error(path, "", "not a JSON object (syntax error?)");
        return std::nullopt;
    }
    if (j.contains("base")) {
        if (!j["base"].is_string() || depth > 4) {
            diags.error(path, "/base", "\"base\" must name another spec file (at most 4 deep)");
            return std::nullopt;
        }
        auto basePath =
            (std::filesystem::path(path).parent_path() / j["base"].get<std::string>()).string();
        auto base = readJsonFile(basePath, diags, depth + 1);
        if (!base) return std::nullopt;
        mergeInto(*base, j);
        return base;
    }
    return j;
}

std::string sideName(const std::string& name, int side) {
    return name + (side == 0 ? "_l" : "_r");
}

glm::vec3 mirrorX(glm::vec3 v) {
    return {-v.x, v.y, v.z};
}

// Rotation of a hanging arm into the rest abduction, about the shoulder joint (left side).
struct Abduction {
    glm::vec3 pivot{0.0f};
    float degrees = 0.0f;
    glm::vec3 apply(const glm::vec3& p) const {
        const glm::mat4 r = glm::rotate(glm::mat4(1.0f), glm::radians(degrees), {0, 0, 1});
        return pivot + glm::vec3(r * glm::vec4(p - pivot, 1.0f));
    }
};

// Evaluates named values in file order, allowing later ones to use earlier ones; names used
// before their definition are resolved by repeated passes.
void evaluateValues(const json& j, Reader& r) {
    r.values["H"] = kReferenceHeight;
    if (!j.is_object()) return;
    std::set<std::string> pending;
    for (auto it = j.begin(); it != j.end(); ++it) pending.insert(it.key());
    for (int pass = 0; pass < 16 && !pending.empty(); ++pass) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (!pending.count(it.key())) continue;
            if (it->is_number()) {
                r.values[it.key()] = it->get<float>();
                pending.erase(it.key());
            } else if (it->is_string()) {
                std::string err;
                if (auto v = evalExpression(it->get<std::string>(), r.values, err)) {
                    r.values[it.key()] = *v;
                    pending.erase(it.key());
                }
            } else {
                r.error("/values/" + it.key(), "expected a number or an expression string");
                pending.erase(it.key());
            }
        }
    }
    for (const auto& key : pending) {
        std::string err;
        evalExpression(j[key].get<std::string>(), r.values, err);
        r.error("/values/" + key, err);
    }
}

}  // namespace

std::optional<float> evalExpression(const std::string& text,
                                    const std::map<std::string, float>& values,
                                    std::string& error) {
    ExprParser p(text, values);
    return p.parse(error);
}

float BodySpec::value(const std::string& key) const {
    auto it = values.find(key);
    return it == values.end() ? 0.0f : it->second;
}

namespace {

std::optional<BodySpec> readBodySpec(const std::string& path, Diagnostics& diags) {
    auto doc = readJsonFile(path, diags);
    if (!doc) return std::nullopt;
    const json& j = *doc;
    Reader r{path, diags, {}, true};
    BodySpec spec;
    spec.file = path;
    spec.name = j.value("name", std::string("body"));
    evaluateValues(j.value("values", json::object()), r);
    spec.height = r.number(j.value("height", json(1.75)), "/height");
    spec.armAbductionDeg = r.number(j.value("armAbductionDeg", json(15.0)), "/armAbductionDeg");
    spec.cellSize = r.number(j.value("cellSize", json(0.008)), "/cellSize");
    if (spec.height < 0.5f || spec.height > 2.5f)
        r.error("/height", "height must be between 0.5 and 2.5 metres");
    if (spec.cellSize < 0.003f || spec.cellSize > 0.03f)
        r.error("/cellSize", "cellSize must be between 0.003 and 0.03 metres");
    spec.values = r.values;
    const float s = spec.height / kReferenceHeight;

    // Joints: names ending in _l are mirrored to _r. Arm joints below the shoulder hang first.
    const json joints = j.value("joints", json::object());
    std::map<std::string, glm::vec3> hanging;
    for (auto it = joints.begin(); it != joints.end(); ++it)
        hanging[it.key()] = r.vec<3>(*it, "/joints/" + it.key());
    Abduction abd{hanging.count("upper_arm_l") ? hanging["upper_arm_l"] : glm::vec3(0.0f),
                  spec.armAbductionDeg};
    const std::set<std::string> armChain{"forearm_l", "hand_l"};
    for (auto& [name, p] : hanging) {
        glm::vec3 q = armChain.count(name) ? abd.apply(p) : p;
        spec.joints[name] = q * s;
        if (name.size() > 2 && name.ends_with("_l"))
            spec.joints[name.substr(0, name.size() - 2) + "_r"] = mirrorX(q) * s;
    }

    // In mirrored entries a bone name gets the side's suffix unless it is a midline joint.
    auto sided = [&](const std::string& bone, int side) {
        return hanging.count(bone) ? bone : sideName(bone, side);
    };

    // Groups of primitives.
    const json groups = j.value("groups", json::array());
    for (size_t g = 0; g < groups.size(); ++g) {
        const json& gj = groups[g];
        const std::string gw = "/groups/" + std::to_string(g);
        const bool mirror = gj.value("mirror", false);
        const bool hangs = gj.value("hanging", false);
        const float join = r.number(gj.value("join", json(0.0)), gw + "/join");
        const json prims = gj.value("primitives", json::array());
        for (int side = 0; side < (mirror ? 2 : 1); ++side) {
            ShapeGroup group;
            group.name =
                gj.value("name", std::string("group")) + (mirror ? (side ? "_r" : "_l") : "");
            group.join = join * s;
            for (size_t i = 0; i < prims.size(); ++i) {
                const json& pj = prims[i];
                const std::string pw = gw + "/primitives/" + std::to_string(i);
                ShapePrimitive p;
                p.name = pj.value("name", std::string("shape"));
                // "if": an expression; the shape exists only for figures where it is positive.
                if (pj.contains("if") && r.number(pj["if"], pw + "/if") <= 0.0f) continue;
                if (!r.shape(pj, pw, p.kind, p.a, p.b, p.radii, p.rotationDeg, p.squash)) continue;
                p.blend = r.number(pj.value("blend", json(0.02)), pw + "/blend") * s;
                p.subtract = pj.value("subtract", false);
                p.bones = r.strings(pj.value("bones", json()), pw + "/bones");
                if (hangs) {
                    p.a = abd.apply(p.a);
                    p.b = abd.apply(p.b);
                    p.rotationDeg.z += abd.degrees;
                }
                const bool twin = !mirror && pj.value("mirror", false);
                if (twin) {  // a left/right pair inside one group
                    ShapePrimitive right = p;
                    p.name += "_l";
                    right.name += "_r";
                    for (auto& b : p.bones) b = sided(b, 0);
                    for (auto& b : right.bones) b = sided(b, 1);
                    right.a = mirrorX(right.a);
                    right.b = mirrorX(right.b);
                    right.rotationDeg.y = -right.rotationDeg.y;
                    right.rotationDeg.z = -right.rotationDeg.z;
                    for (ShapePrimitive* q : {&p, &right}) {
                        q->a *= s;
                        q->b *= s;
                        q->radii *= s;
                        group.primitives.push_back(*q);
                    }
                    continue;
                }
                if (mirror) {
                    for (auto& b : p.bones) b = sided(b, side);
                    if (side == 1) {
                        p.a = mirrorX(p.a);
                        p.b = mirrorX(p.b);
                        p.rotationDeg.y = -p.rotationDeg.y;
                        p.rotationDeg.z = -p.rotationDeg.z;
                    }
                }
                p.a *= s;
                p.b *= s;
                p.radii *= s;
                group.primitives.push_back(p);
            }
            spec.groups.push_back(std::move(group));
        }
    }

    // Region paint.
    const json regions = j.value("regions", json::array());
    for (size_t i = 0; i < regions.size(); ++i) {
        const json& rj = regions[i];
        const std::string rw = "/regions/" + std::to_string(i);
        if (!rj.contains("region") || !rj["region"].is_string()) {
            r.error(rw + "/region", "each paint entry names its region id");
            continue;
        }
        const bool mirror = rj.value("mirror", false);
        const bool hangs = rj.value("hanging", false);
        for (int side = 0; side < (mirror ? 2 : 1); ++side) {
            RegionPaint paint;
            paint.region = rj["region"].get<std::string>();
            paint.feather = r.number(rj.value("feather", json(0.02)), rw + "/feather") * s;
            paint.bones = r.strings(rj.value("bones", json()), rw + "/bones");
            if (rj.contains("facing")) paint.facing = r.vec<3>(rj["facing"], rw + "/facing");
            const json vols = rj.value("volumes", json::array());
            for (size_t k = 0; k < vols.size(); ++k) {
                RegionVolume v;
                r.shape(vols[k], rw + "/volumes/" + std::to_string(k), v.kind, v.a, v.b, v.radii,
                        v.rotationDeg, v.squash);
                if (hangs) {
                    v.a = abd.apply(v.a);
                    v.b = abd.apply(v.b);
                    v.rotationDeg.z += abd.degrees;
                }
                if (mirror && side == 1) {
                    v.a = mirrorX(v.a);
                    v.b = mirrorX(v.b);
                    v.rotationDeg.y = -v.rotationDeg.y;
                    v.rotationDeg.z = -v.rotationDeg.z;
                }
                v.a *= s;
                v.b *= s;
                v.radii *= s;
                paint.volumes.push_back(v);
            }
            if (mirror) {
                for (auto& b : paint.bones) b = sided(b, side);
                if (side == 1) paint.facing = mirrorX(paint.facing);
            }
            spec.regions.push_back(std::move(paint));
        }
    }
    if (!r.ok) return std::nullopt;
    return spec;
}

}  // namespace

// nlohmann's value() throws on a member of the wrong type; no exception leaves the loader.
std::optional<BodySpec> loadBodySpec(const std::string& path, Diagnostics& diags) {
    try {
        return readBodySpec(path, diags);
    } catch (const std::exception& e) {
        diags.error(path, "", std::string("the body spec could not be read: ") + e.what());
        return std::nullopt;
    }
}

}  // namespace ra::core
