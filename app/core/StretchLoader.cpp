// StretchLoader: reads and validates one stretch file (assets/stretches/<id>.json) against the
// schema in assets/stretches/README.md, the region table, the landmarks and the range of motion.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "core/JsonReader.h"
#include "core/Stretch.h"
#include "core/StretchSchema.h"

namespace ra::core {
namespace {

// The roller rolls; it cannot jump along its path between phases (fraction of the path).
constexpr float kMaxContactJump = 0.02f;

struct Context {
    const std::vector<RegionInfo>& regions;
    const std::vector<Landmark>& landmarks;
    const RangeOfMotion& rom;
};

bool isKebabId(const std::string& s) {
    if (s.empty() || s.front() == '-' || s.back() == '-') return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

bool isSnakeName(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

size_t utf8Length(const std::string& s) {
    return size_t(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// The anatomical word for one direction of a joint's axis: "flexion"/"extension", ...
std::string motionName(const std::string& joint, const std::string& axis, bool positive) {
    const bool spine = joint == "lumbar" || joint == "thoracic" || joint == "cervical";
    if (axis == "flexion") {
        if (joint == "ankle") return positive ? "dorsiflexion" : "plantar flexion";
        if (joint == "scapula") return positive ? "protraction" : "retraction";
        return positive ? "flexion" : "extension";
    }
    if (axis == "abduction") {
        if (spine) return positive ? "lateral flexion to the left" : "lateral flexion to the right";
        if (joint == "scapula") return positive ? "elevation" : "depression";
        if (joint == "wrist") return positive ? "radial deviation" : "ulnar deviation";
        if (joint == "ankle") return positive ? "eversion" : "inversion";
        return positive ? "abduction" : "adduction";
    }
    if (spine) return positive ? "rotation to the left" : "rotation to the right";
    if (joint == "elbow") return positive ? "supination" : "pronation";
    return positive ? "external rotation" : "internal rotation";
}

class StretchReader {
public:
    StretchReader(JsonReader& r, const Context& c, Stretch& s) : m_r(r), m_c(c), m_s(s) {}

    void read(const Json& doc) {
        header(doc);
        regionList(doc, "targets", m_s.targets, true);
        regionList(doc, "avoid", m_s.avoid, false);
        if (doc.contains("relieves")) regionList(doc, "relieves", m_s.relieves, false);
        roller(doc);
        supports(doc);
        tempo(doc);
        poses(doc);
        phases(doc);
        mistake(doc);
        turn(doc);
        consistency(doc);
    }

private:
    void header(const Json& doc) {
        m_r.unknownFields(doc, "",
                          {"id", "name", "status", "summary", "why", "sources", "targets", "avoid",
                           "sides", "lying", "roller", "supports", "tempo", "poses", "phases",
                           "mistake", "switch", "relieves", "about"});
        const std::string stem = std::filesystem::path(m_r.file()).stem().string();
        if (m_r.string(doc, "", "id", m_s.id, true)) {
            if (!isKebabId(m_s.id))
                m_r.error("/id", "\"" + m_s.id + "\" is not a lowercase-and-hyphens id");
            else if (m_s.id != stem)
                m_r.error("/id", "id \"" + m_s.id + "\" must equal the file name \"" + stem +
                                     "\" (without .json)");
        }
        m_r.string(doc, "", "name", m_s.name, true);
        m_r.string(doc, "", "summary", m_s.summary, true);
        m_r.string(doc, "", "why", m_s.why, true);
        m_r.choice(doc, "", "status", m_s.status, statusName, 3, true);
        m_r.choice(doc, "", "sides", m_s.sides, sidesName, 4, true);
        m_r.choice(doc, "", "lying", m_s.lying, lyingName, 3, true);
        if (m_r.stringList(doc, "", "sources", m_s.sources, true))
            m_r.sourceKeys(m_s.sources, "/sources");
    }

    void regionList(const Json& doc, const char* key, std::vector<std::string>& out, bool targets) {
        if (!m_r.stringList(doc, "", key, out, true) || m_c.regions.empty()) return;
        for (size_t i = 0; i < out.size(); ++i) {
            const std::string where = std::string("/") + key + "/" + std::to_string(i);
            auto it = std::find_if(m_c.regions.begin(), m_c.regions.end(),
                                   [&](const RegionInfo& r) { return r.id == out[i]; });
            if (it == m_c.regions.end()) {
                m_r.error(where, "unknown region \"" + out[i] + "\" (see regions.json)");
                continue;
            }
            const bool isTarget = it->kind == RegionKind::Target;
            const bool isZone = it->kind == RegionKind::Caution || it->kind == RegionKind::NoGo;
            // A mistake demo may aim at a zone: that is the mistake it shows.
            if (targets && !isTarget && !doc.contains("mistake"))
                m_r.warning(where, "region \"" + out[i] + "\" is not a target region");
            if (!targets && !isZone)
                m_r.warning(where, "region \"" + out[i] + "\" is not a caution or no-go zone");
        }
    }

    // A landmark id member: "{side}" becomes "l", and the id must name a landmark.
    bool landmarkAt(const std::string& where, const std::string& text, std::string& out) {
        const std::string_view side = schema::kSidePlaceholder;
        std::string id;
        for (size_t i = 0; i < text.size();) {
            const bool placeholder = text.compare(i, side.size(), side) == 0;
            id += placeholder ? 'l' : text[i];
            i += placeholder ? side.size() : 1;
        }
        out = id;
        if (m_c.landmarks.empty()) return true;
        for (const Landmark& l : m_c.landmarks)
            if (l.id == id) return true;
        m_r.error(where, "unknown landmark \"" + id + "\" (see landmarks.json)");
        return false;
    }

    void roller(const Json& doc) {
        const Json* roller = m_r.member(doc, "", "roller", true);
        if (!roller) return;
        if (!roller->is_object()) {
            m_r.error("/roller", "expected {\"orientation\", \"from\", \"to\"}");
            return;
        }
        m_r.unknownFields(*roller, "/roller", {"orientation", "from", "to"});
        m_r.choice(*roller, "/roller", "orientation", m_s.orientation, orientationName, 2, true);
        std::string from, to;
        if (m_r.string(*roller, "/roller", "from", from, true))
            landmarkAt("/roller/from", from, m_s.rollerFrom);
        if (m_r.string(*roller, "/roller", "to", to, true))
            landmarkAt("/roller/to", to, m_s.rollerTo);
        if (!m_s.rollerFrom.empty() && m_s.rollerFrom == m_s.rollerTo)
            m_r.error("/roller/to", "the roller path needs two different landmarks");
    }

    void supports(const Json& doc) {
        std::vector<std::string> ids;
        if (!m_r.stringList(doc, "", "supports", ids, true)) return;
        if (ids.empty()) m_r.error("/supports", "name at least one landmark resting on the floor");
        for (size_t i = 0; i < ids.size(); ++i) {
            std::string id;
            landmarkAt("/supports/" + std::to_string(i), ids[i], id);
            m_s.supports.push_back(id);
        }
    }

    void tempo(const Json& doc) {
        m_s.strokeCmPerS = float(schema::kDefaultStrokeCmPerS);
        const Json* tempo = m_r.member(doc, "", "tempo", false);
        if (!tempo) return;
        if (!tempo->is_object()) {
            m_r.error("/tempo", "expected {\"stroke_cm_per_s\": number}");
            return;
        }
        m_r.unknownFields(*tempo, "/tempo", {"stroke_cm_per_s"});
        double v = schema::kDefaultStrokeCmPerS;
        if (m_r.number(*tempo, "/tempo", "stroke_cm_per_s", v, true) &&
            m_r.inRange(v, "/tempo/stroke_cm_per_s", schema::kMinStrokeCmPerS,
                        schema::kMaxStrokeCmPerS, "cm/s"))
            m_s.strokeCmPerS = float(v);
    }

    void poses(const Json& doc) {
        const Json* poses = m_r.member(doc, "", "poses", true);
        if (!poses) return;
        if (!poses->is_object() || poses->empty()) {
            m_r.error("/poses", "expected an object of named poses");
            return;
        }
        for (auto it = poses->begin(); it != poses->end(); ++it) {
            const std::string at = "/poses" + pointerToken(it.key());
            if (!isSnakeName(it.key()))
                m_r.error(at, "pose name \"" + it.key() + "\" must be snake_case");
            if (!it->is_object()) {
                m_r.error(at, "expected an object of joints");
                continue;
            }
            AnatomicalPose& pose = m_s.poses[it.key()];
            for (auto j = it->begin(); j != it->end(); ++j)
                joint(*j, at + pointerToken(j.key()), j.key(), pose);
        }
    }

    void joint(const Json& j, const std::string& at, const std::string& name,
               AnatomicalPose& pose) {
        const std::string key = schema::rangeJoint(name);
        if (key.empty()) {
            m_r.error(at, "\"" + name + "\" is not an anatomical joint (lumbar, thoracic, " +
                              "cervical, or scapula, shoulder, elbow, wrist, hip, knee, ankle, " +
                              "toes with _l or _r)");
            return;
        }
        if (!j.is_object()) {
            m_r.error(at, "expected {\"flexion\", \"abduction\", \"rotation\"} in degrees");
            return;
        }
        m_r.unknownFields(j, at, {"flexion", "abduction", "rotation"});
        JointAngles a;
        double v = 0.0;
        auto angle = [&](const char* axis, float& out, float lo, float hi) {
            v = 0.0;
            if (!m_r.number(j, at, axis, v, false)) return;
            out = float(v);
            angleInRange(at + "/" + axis, key, axis, v, lo, hi);
        };
        auto range = m_c.rom.joints.find(key);
        const bool known = range != m_c.rom.joints.end();
        const JointRange r = known ? range->second : JointRange{-360, 360, -360, 360, -360, 360};
        angle("flexion", a.flexion, r.flexionMin, r.flexionMax);
        angle("abduction", a.abduction, r.abductionMin, r.abductionMax);
        angle("rotation", a.rotation, r.rotationMin, r.rotationMax);
        pose.joints[name] = a;
    }

    void angleInRange(const std::string& where, const std::string& joint, const std::string& axis,
                      double v, double lo, double hi) {
        if (v >= lo && v <= hi) return;
        const bool positive = v > hi;
        std::string sources = joinWords(m_c.rom.sources, ", ");
        sources = (m_c.rom.sources.size() == 1 ? "source " : "sources ") + sources;
        m_r.error(where, formatNumber(v) + " degrees is beyond " + joint + " " +
                             motionName(joint, axis, positive) + "'s range (" +
                             formatNumber(positive ? hi : lo) + ", " + sources + ")");
    }

    void phases(const Json& doc) {
        const Json* phases = m_r.member(doc, "", "phases", true);
        if (!phases) return;
        if (!phases->is_array() || phases->empty()) {
            m_r.error("/phases", "expected a non-empty array of phases");
            return;
        }
        float contact = 0.0f;  // a phase without "contact" keeps the roller where it was
        for (size_t i = 0; i < phases->size(); ++i) {
            Phase p;
            p.contactFrom = p.contactTo = contact;
            phase((*phases)[i], "/phases/" + std::to_string(i), p);
            contact = p.strokes % 2 == 1 ? p.contactTo : p.contactFrom;  // strokes go and return
            m_s.phases.push_back(std::move(p));
        }
    }

    void phase(const Json& j, const std::string& at, Phase& p) {
        if (!j.is_object()) {
            m_r.error(at, "expected a phase object");
            return;
        }
        m_r.unknownFields(j, at,
                          {"kind", "duration_s", "pose", "contact", "strokes", "breathing", "cue",
                           "detail", "pressure", "sources"});
        m_r.choice(j, at, "kind", p.kind, phaseKindName, 5, true);
        double seconds = 0.0;
        if (m_r.number(j, at, "duration_s", seconds, true) &&
            m_r.inRange(seconds, at + "/duration_s", 0.0, schema::kMaxPhaseSeconds, "s", true))
            p.duration = float(seconds);
        if (m_r.string(j, at, "pose", p.pose, true) && !m_s.poses.empty() &&
            !m_s.poses.count(p.pose))
            m_r.error(at + "/pose", "unknown pose \"" + p.pose + "\" (not in \"poses\")");
        contact(j, at, p);
        strokes(j, at, p);
        m_r.choice(j, at, "breathing", p.breathing, breathingName, 4, false);
        if (m_r.string(j, at, "cue", p.cue, true) && utf8Length(p.cue) > schema::kMaxCueChars)
            m_r.warning(at + "/cue", "the cue has " + std::to_string(utf8Length(p.cue)) +
                                         " characters; keep it within " +
                                         std::to_string(schema::kMaxCueChars) +
                                         " so it reads from across the room");
        m_r.string(j, at, "detail", p.detail, false);
        m_r.string(j, at, "pressure", p.pressure, false);
        if (m_r.stringList(j, at, "sources", p.sources, true))
            m_r.sourceKeys(p.sources, at + "/sources");
    }

    void contact(const Json& j, const std::string& at, Phase& p) {
        const Json* c = m_r.member(j, at, "contact", false);
        if (!c) return;
        const std::string where = at + "/contact";
        double a = 0.0, b = 0.0;
        if (c->is_number()) {
            a = b = c->get<double>();
        } else if (c->is_array() && c->size() == 2 && (*c)[0].is_number() && (*c)[1].is_number()) {
            a = (*c)[0].get<double>();
            b = (*c)[1].get<double>();
        } else {
            m_r.error(where, "expected a number or [from, to] (0 = roller.from, 1 = roller.to)");
            return;
        }
        bool good = true;
        if (c->is_number()) {
            good = m_r.inRange(a, where, 0.0, 1.0, "");
        } else {
            good = m_r.inRange(a, where + "/0", 0.0, 1.0, "");
            good = m_r.inRange(b, where + "/1", 0.0, 1.0, "") && good;
        }
        if (!good) return;
        p.contactFrom = float(a);
        p.contactTo = float(b);
    }

    void strokes(const Json& j, const std::string& at, Phase& p) {
        const Json* s = m_r.member(j, at, "strokes", false);
        if (!s) return;
        if (!s->is_number_integer()) {
            m_r.error(at + "/strokes", "expected a whole number of strokes");
            return;
        }
        const auto n = s->get<long long>();
        if (m_r.inRange(double(n), at + "/strokes", 1, schema::kMaxStrokes, "")) p.strokes = int(n);
    }

    void mistake(const Json& doc) {
        const Json* m = m_r.member(doc, "", "mistake", false);
        if (!m) return;
        if (!m->is_object()) {
            m_r.error("/mistake", "expected {\"of\", \"what\", \"instead\", \"sources\"}");
            return;
        }
        m_r.unknownFields(*m, "/mistake", {"of", "what", "instead", "sources"});
        Mistake out;
        if (m_r.string(*m, "/mistake", "of", out.of, true) && out.of == m_s.id)
            m_r.error("/mistake/of", "a mistake demo names the stretch done right, not itself");
        m_r.string(*m, "/mistake", "what", out.what, true);
        m_r.string(*m, "/mistake", "instead", out.instead, true);
        if (m_r.stringList(*m, "/mistake", "sources", out.sources, true))
            m_r.sourceKeys(out.sources, "/mistake/sources");
        m_s.mistake = std::move(out);
    }

    void turn(const Json& doc) {
        const Json* t = m_r.member(doc, "", "switch", false);
        if (!t) return;
        if (!t->is_object()) {
            m_r.error("/switch", "expected {\"pose\", \"via\", \"through\", \"cue\"}");
            return;
        }
        m_r.unknownFields(*t, "/switch", {"through", "pose", "via", "cue"});
        if (m_s.sides != StretchSides::Both)
            m_r.warning("/switch", "only a stretch played on both sides switches sides");
        SideTurn out;
        m_r.string(*t, "/switch", "cue", out.cue, false);
        // Lying on one side, the body turns over through lying on its back or front; otherwise
        // it stays as it lies and only pose and contact move.
        const bool side = m_s.lying == Lying::Side;
        if ((side || t->contains("through")) &&
            m_r.choice(*t, "/switch", "through", out.through, lyingName, 3, side)) {
            if (!side)
                m_r.warning("/switch/through", "only a side-lying stretch turns over");
            else if (out.through == Lying::Side)
                m_r.error("/switch/through", "turn over through \"supine\" or \"prone\"");
        }
        if (m_r.string(*t, "/switch", "pose", out.pose, true) && !m_s.poses.empty() &&
            !m_s.poses.count(out.pose))
            m_r.error("/switch/pose", "unknown pose \"" + out.pose + "\" (not in \"poses\")");
        std::vector<std::string> via;
        if (m_r.stringList(*t, "/switch", "via", via, true)) {
            if (via.empty()) m_r.error("/switch/via", "name the landmarks the roller passes over");
            for (size_t i = 0; i < via.size(); ++i) {
                std::string id;
                landmarkAt("/switch/via/" + std::to_string(i), via[i], id);
                out.via.push_back(id);
            }
        }
        m_s.turn = std::move(out);
    }

    void consistency(const Json& doc) {
        if (m_s.status == StretchStatus::Contraindicated && !doc.contains("mistake"))
            m_r.error("/status",
                      "a contraindicated stretch plays only as a mistake demo: add a "
                      "\"mistake\" block");
        if (m_s.status == StretchStatus::Recommended && doc.contains("mistake"))
            m_r.error("/status", "a mistake demo cannot be \"recommended\"");
        for (const std::string& t : m_s.targets)
            if (std::find(m_s.avoid.begin(), m_s.avoid.end(), t) != m_s.avoid.end())
                m_r.error("/avoid", "region \"" + t + "\" is both a target and a zone to avoid");
        std::set<std::string> used;
        if (m_s.turn) used.insert(m_s.turn->pose);
        float end = m_s.phases.empty() ? 0.0f : m_s.phases.front().contactFrom;
        for (size_t i = 0; i < m_s.phases.size(); ++i) {
            const Phase& p = m_s.phases[i];
            used.insert(p.pose);
            const std::string at = "/phases/" + std::to_string(i);
            if (std::abs(p.contactFrom - end) > kMaxContactJump)
                m_r.warning(at + "/contact", "the roller would jump from " + formatNumber(end) +
                                                 " to " + formatNumber(p.contactFrom) +
                                                 "; start where the previous phase ended");
            end = p.strokes % 2 == 1 ? p.contactTo : p.contactFrom;
            if (p.kind == PhaseKind::Roll && p.contactFrom == p.contactTo)
                m_r.warning(at + "/contact",
                            "a roll phase whose contact does not move; use a "
                            "hold or give [from, to]");
            if (p.kind != PhaseKind::Roll && p.strokes > 1)
                m_r.warning(at + "/strokes", "strokes only matter in roll phases");
            if (p.kind == PhaseKind::Switch && m_s.sides == StretchSides::Both)
                m_r.warning(at + "/kind", "the player inserts the side switch itself");
        }
        for (const auto& [name, pose] : m_s.poses)
            if (!used.count(name))
                m_r.warning("/poses" + pointerToken(name), "pose \"" + name + "\" is never used");
    }

    JsonReader& m_r;
    const Context& m_c;
    Stretch& m_s;
};

}  // namespace

std::optional<Stretch> loadStretch(const std::string& path, const std::vector<RegionInfo>& regions,
                                   const std::vector<Landmark>& landmarks, const RangeOfMotion& rom,
                                   Diagnostics& diags) {
    JsonReader r(path, diags);
    try {
        const std::optional<Json> doc = r.parseFile();
        if (!doc) return std::nullopt;
        if (!doc->is_object()) {
            r.error("", "expected a stretch object");
            return std::nullopt;
        }
        Stretch s;
        s.file = path;
        const Context context{regions, landmarks, rom};
        StretchReader(r, context, s).read(*doc);
        if (!r.ok()) return std::nullopt;
        return s;
    } catch (const std::exception& e) {
        r.error("", std::string("unexpected problem reading the stretch: ") + e.what());
        return std::nullopt;
    }
}

}  // namespace ra::core
