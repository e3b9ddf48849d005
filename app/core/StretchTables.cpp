// StretchTables: the shared tables stretches refer to: body landmarks
// (assets/anatomy/landmarks.json) and the joints' range of motion (range_of_motion.json).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "core/BodyRig.h"
#include "core/JsonReader.h"
#include "core/Stretch.h"
#include "core/StretchSchema.h"

namespace ra::core {
namespace {

constexpr float kMinRadius = 0.01f, kMaxRadius = 0.2f;  // metres
constexpr float kMinAt = -0.5f, kMaxAt = 1.5f;          // "slightly past" either joint

bool isVertebra(const std::string& v) {
    if (v.size() < 2 || v.size() > 3) return false;
    const int n = std::atoi(v.c_str() + 1);
    if (std::to_string(n) != v.substr(1)) return false;
    return (v[0] == 'C' && n >= 1 && n <= 7) || (v[0] == 'T' && n >= 1 && n <= 12) ||
           (v[0] == 'L' && n >= 1 && n <= 5);
}

bool isRigJoint(const std::string& name) {
    return std::find(rig::kJointNames.begin(), rig::kJointNames.end(), name) !=
           rig::kJointNames.end();
}

bool readBone(JsonReader& r, const Json& item, const std::string& at, Landmark& l) {
    const Json* bone = r.member(item, at, "bone", true);
    if (!bone) return false;
    if (!bone->is_array() || bone->size() != 2 || !(*bone)[0].is_string() ||
        !(*bone)[1].is_string()) {
        r.error(at + "/bone", "expected two rig joint names, e.g. [\"shin_l\", \"foot_l\"]");
        return false;
    }
    bool good = true;
    for (size_t k = 0; k < 2; ++k) {
        l.bone[k] = (*bone)[k].get<std::string>();
        if (!isRigJoint(l.bone[k])) {
            r.error(at + "/bone/" + std::to_string(k),
                    "\"" + l.bone[k] + "\" is not a joint of the body rig");
            good = false;
        }
    }
    if (good && l.bone[0] == l.bone[1]) {
        r.error(at + "/bone", "the two joints must differ");
        good = false;
    }
    double at01 = 0.0;
    if (!r.number(item, at, "at", at01, true)) return false;
    l.at = float(at01);
    return r.inRange(at01, at + "/at", kMinAt, kMaxAt, "") && good;
}

bool readFacing(JsonReader& r, const Json& item, const std::string& at, Landmark& l) {
    const Json* f = r.member(item, at, "facing", false);
    if (!f) return true;
    bool good = f->is_array() && f->size() == 3;
    for (size_t k = 0; good && k < 3; ++k) {
        good = (*f)[k].is_number() && std::isfinite((*f)[k].get<double>());
        if (good) l.facing[int(k)] = (*f)[k].get<float>();
    }
    if (!good || glm::length(l.facing) < 1e-4f) {
        r.error(at + "/facing",
                "expected a direction [x, y, z] (not all zero; +X left, +Y up, "
                "+Z front)");
        return false;
    }
    l.facing = glm::normalize(l.facing);
    return true;
}

std::optional<Landmark> readLandmark(JsonReader& r, const Json& item, const std::string& at) {
    if (!item.is_object()) {
        r.error(at, "expected an object with \"id\"");
        return std::nullopt;
    }
    r.unknownFields(item, at, {"id", "vertebra", "bone", "at", "facing", "radius", "about"});
    Landmark l;
    bool good = r.string(item, at, "id", l.id, true);
    const bool hasVertebra = item.contains("vertebra");
    if (hasVertebra && (item.contains("bone") || item.contains("at"))) {
        r.error(at, "give either \"vertebra\" or \"bone\" and \"at\", not both");
        good = false;
    } else if (hasVertebra) {
        if (r.string(item, at, "vertebra", l.vertebra, true) && !isVertebra(l.vertebra)) {
            r.error(at + "/vertebra", "\"" + l.vertebra +
                                          "\" is not a vertebra (C1-C7, T1-T12, "
                                          "L1-L5)");
            good = false;
        }
    } else {
        good = readBone(r, item, at, l) && good;
    }
    good = readFacing(r, item, at, l) && good;
    double radius = l.radius;
    if (r.number(item, at, "radius", radius, false))
        good = r.inRange(radius, at + "/radius", kMinRadius, kMaxRadius, "m") && good;
    l.radius = float(radius);
    if (!good) return std::nullopt;
    return l;
}

// Every _l landmark has an _r twin and the other way round, so every stretch can be mirrored.
void checkTwins(JsonReader& r, const std::vector<Landmark>& list,
                const std::map<std::string, size_t>& index) {
    for (const Landmark& l : list) {
        const std::string twin = mirroredName(l.id);
        if (twin == l.id) continue;
        const std::string at = "/landmarks/" + std::to_string(index.at(l.id));
        auto it = index.find(twin);
        if (it == index.end()) {
            r.error(at + "/id", "\"" + l.id + "\" has no mirror twin \"" + twin + "\"");
            continue;
        }
        const Landmark& t = list[it->second];
        const bool mirror = t.vertebra == l.vertebra && t.bone[0] == mirroredName(l.bone[0]) &&
                            t.bone[1] == mirroredName(l.bone[1]) && t.at == l.at &&
                            t.radius == l.radius &&
                            glm::length(t.facing - l.facing * glm::vec3(-1, 1, 1)) < 1e-4f;
        if (!mirror && l.id < twin)
            r.warning(at, "\"" + twin + "\" is not the mirror image of \"" + l.id +
                              "\" (bone sides swapped, facing x negated, same at and radius)");
    }
}

}  // namespace

std::optional<std::vector<Landmark>> loadLandmarks(const std::string& path, Diagnostics& diags) {
    JsonReader r(path, diags);
    try {
        const std::optional<Json> doc = r.parseFile();
        if (!doc) return std::nullopt;
        const Json* list = r.member(*doc, "", "landmarks", true);
        if (!list) return std::nullopt;
        if (!list->is_array()) {
            r.error("/landmarks", "expected an array of landmarks");
            return std::nullopt;
        }
        r.unknownFields(*doc, "", {"landmarks", "about"});
        std::vector<Landmark> out;
        std::map<std::string, size_t> index;
        for (size_t i = 0; i < list->size(); ++i) {
            const std::string at = "/landmarks/" + std::to_string(i);
            auto l = readLandmark(r, (*list)[i], at);
            if (!l) continue;
            if (!index.emplace(l->id, out.size()).second) {
                r.error(at + "/id", "landmark id \"" + l->id + "\" appears twice");
                continue;
            }
            out.push_back(std::move(*l));
        }
        checkTwins(r, out, index);
        if (!r.ok()) return std::nullopt;
        return out;
    } catch (const std::exception& e) {
        r.error("", std::string("unexpected problem reading the file: ") + e.what());
        return std::nullopt;
    }
}

namespace {

bool isRangeJoint(const std::string& name) {
    using namespace schema;
    return std::find(kSpineJoints.begin(), kSpineJoints.end(), name) != kSpineJoints.end() ||
           std::find(kPairedJoints.begin(), kPairedJoints.end(), name) != kPairedJoints.end();
}

bool readAxis(JsonReader& r, const Json& joint, const std::string& at, const char* axis, float& lo,
              float& hi) {
    const Json* a = r.member(joint, at, axis, false);
    if (!a) return true;  // an axis left out does not move: [0, 0]
    const std::string where = at + "/" + axis;
    if (!a->is_array() || a->size() != 2 || !(*a)[0].is_number() || !(*a)[1].is_number()) {
        r.error(where, "expected [min, max] in degrees");
        return false;
    }
    lo = (*a)[0].get<float>();
    hi = (*a)[1].get<float>();
    if (!std::isfinite(lo) || !std::isfinite(hi) || lo > 0.0f || hi < 0.0f || lo < -180.0f ||
        hi > 180.0f) {
        std::string range = "[";
        range += formatNumber(lo) + ", " + formatNumber(hi) + "]";
        r.error(where, range + " must contain 0 (the standing rest pose) and stay within +-180");
        return false;
    }
    return true;
}

std::optional<JointRange> readJointRange(JsonReader& r, const std::string& name, const Json& j) {
    const std::string at = "/joints" + pointerToken(name);
    if (!isRangeJoint(name)) {
        r.error(at, "\"" + name + "\" is not an anatomical joint (write paired joints once, " +
                        "without _l or _r)");
        return std::nullopt;
    }
    if (!j.is_object()) {
        r.error(at, "expected {\"flexion\": [min, max], \"abduction\": ..., \"rotation\": ...}");
        return std::nullopt;
    }
    r.unknownFields(j, at, {"flexion", "abduction", "rotation"});
    JointRange range;
    readAxis(r, j, at, "flexion", range.flexionMin, range.flexionMax);
    readAxis(r, j, at, "abduction", range.abductionMin, range.abductionMax);
    readAxis(r, j, at, "rotation", range.rotationMin, range.rotationMax);
    return range;
}

}  // namespace

std::optional<RangeOfMotion> loadRangeOfMotion(const std::string& path, Diagnostics& diags) {
    JsonReader r(path, diags);
    try {
        const std::optional<Json> doc = r.parseFile();
        if (!doc) return std::nullopt;
        RangeOfMotion rom;
        r.unknownFields(*doc, "", {"joints", "sources", "about"});
        if (r.stringList(*doc, "", "sources", rom.sources, true))
            r.sourceKeys(rom.sources, "/sources");
        const Json* joints = r.member(*doc, "", "joints", true);
        if (joints && !joints->is_object()) r.error("/joints", "expected an object of joints");
        if (!joints || !joints->is_object()) return std::nullopt;
        for (auto it = joints->begin(); it != joints->end(); ++it)
            if (auto range = readJointRange(r, it.key(), *it)) rom.joints[it.key()] = *range;
        std::vector<std::string_view> all(schema::kSpineJoints.begin(), schema::kSpineJoints.end());
        all.insert(all.end(), schema::kPairedJoints.begin(), schema::kPairedJoints.end());
        for (std::string_view name : all)
            if (!rom.joints.count(std::string(name)))
                r.error("/joints", "missing joint \"" + std::string(name) + "\"");
        if (!r.ok()) return std::nullopt;
        return rom;
    } catch (const std::exception& e) {
        r.error("", std::string("unexpected problem reading the file: ") + e.what());
        return std::nullopt;
    }
}

}  // namespace ra::core
