// Stretch: the names of the stretch enums (as written in the JSON files), a stretch's one-side
// duration, library look-ups, and the left/right mirroring of poses and landmark names.
#include "core/Stretch.h"

namespace ra::core {

const char* statusName(StretchStatus s) {
    switch (s) {
        case StretchStatus::Recommended:
            return "recommended";
        case StretchStatus::Caution:
            return "caution";
        case StretchStatus::Contraindicated:
            return "contraindicated";
    }
    return "?";
}

const char* sidesName(StretchSides s) {
    switch (s) {
        case StretchSides::None:
            return "none";
        case StretchSides::Left:
            return "left";
        case StretchSides::Right:
            return "right";
        case StretchSides::Both:
            return "both";
    }
    return "?";
}

const char* phaseKindName(PhaseKind k) {
    switch (k) {
        case PhaseKind::Setup:
            return "setup";
        case PhaseKind::Roll:
            return "roll";
        case PhaseKind::Hold:
            return "hold";
        case PhaseKind::Switch:
            return "switch";
        case PhaseKind::Rest:
            return "rest";
    }
    return "?";
}

const char* breathingName(Breathing b) {
    switch (b) {
        case Breathing::Natural:
            return "natural";
        case Breathing::Deep:
            return "deep";
        case Breathing::Inhale:
            return "inhale";
        case Breathing::Exhale:
            return "exhale";
    }
    return "?";
}

const char* lyingName(Lying l) {
    switch (l) {
        case Lying::Supine:
            return "supine";
        case Lying::Prone:
            return "prone";
        case Lying::Side:
            return "side";
    }
    return "?";
}

const char* orientationName(RollerOrientation o) {
    switch (o) {
        case RollerOrientation::Across:
            return "across";
        case RollerOrientation::Along:
            return "along";
    }
    return "?";
}

float Stretch::duration() const {
    float total = 0.0f;
    for (const Phase& p : phases) total += p.duration;
    return total;
}

const Stretch* StretchLibrary::find(const std::string& id) const {
    for (const Stretch& s : stretches)
        if (s.id == id) return &s;
    return nullptr;
}

const Landmark* StretchLibrary::landmark(const std::string& id) const {
    for (const Landmark& l : landmarks)
        if (l.id == id) return &l;
    return nullptr;
}

std::string mirroredName(const std::string& name) {
    const size_t n = name.size();
    if (n < 3 || name[n - 2] != '_') return name;
    if (name[n - 1] == 'l') return name.substr(0, n - 1) + "r";
    if (name[n - 1] == 'r') return name.substr(0, n - 1) + "l";
    return name;
}

AnatomicalPose mirrored(const AnatomicalPose& pose) {
    AnatomicalPose out;
    for (const auto& [name, angles] : pose.joints) {
        const std::string twin = mirroredName(name);
        JointAngles a = angles;
        // Limb angles are anatomical (abduction is away from the midline on either side), so
        // only the unpaired spine changes: leaning or turning left becomes right.
        if (twin == name) {
            a.abduction = -a.abduction;
            a.rotation = -a.rotation;
        }
        out.joints[twin] = a;
    }
    return out;
}

}  // namespace ra::core
