// MannequinTube: builds one closed tube of the mannequin skin: rings along a Catmull-Rom path,
// elliptic domes at the ends, area-weighted smooth normals and outward (CCW) winding.
#include "core/MannequinTube.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>

#include "core/MannequinRig.h"

namespace ra::core::mannequin {
namespace {

using Ring = Section;

Section sectionAt(const TubeSpec& spec, int i) {
    const std::vector<Section>& s = spec.sections;
    const int n = static_cast<int>(s.size());
    Section out = s[static_cast<size_t>(std::clamp(i, 0, n - 1))];
    if (i < 0) out.centre = 2.0f * s[0].centre - s[1].centre;
    if (i >= n) out.centre = 2.0f * s[n - 1].centre - s[n - 2].centre;
    if (out.exponent <= 0.0f) out.exponent = spec.exponent;
    return out;
}

template <typename T>
T catmullRom(const T& p0, const T& p1, const T& p2, const T& p3, float t) {
    const float t2 = t * t;
    const float t3 = t2 * t;
    return 0.5f * ((2.0f * p1) + (p2 - p0) * t + (2.0f * p0 - 5.0f * p1 + 4.0f * p2 - p3) * t2 +
                   (3.0f * p1 - p0 - 3.0f * p2 + p3) * t3);
}

std::vector<Ring> bodyRings(const TubeSpec& spec) {
    std::vector<Ring> rings;
    const int spans = static_cast<int>(spec.sections.size()) - 1;
    for (int k = 0; k < spans; ++k) {
        const Section a = sectionAt(spec, k - 1), b = sectionAt(spec, k);
        const Section c = sectionAt(spec, k + 1), d = sectionAt(spec, k + 2);
        for (int i = 0; i < spec.ringsPerSpan; ++i) {
            const float t = static_cast<float>(i) / static_cast<float>(spec.ringsPerSpan);
            rings.push_back({catmullRom(a.centre, b.centre, c.centre, d.centre, t),
                             catmullRom(a.halfWidth, b.halfWidth, c.halfWidth, d.halfWidth, t),
                             catmullRom(a.halfDepth, b.halfDepth, c.halfDepth, d.halfDepth, t),
                             b.exponent + (c.exponent - b.exponent) * t});
        }
    }
    rings.push_back(sectionAt(spec, spans));
    return rings;
}

// Elliptic dome: rings shrink as cos(phi) while advancing sin(phi) of the cap length.
void addCap(std::vector<Ring>& rings, const Ring& end, const glm::vec3& outward, float length,
            int count, bool atStart) {
    std::vector<Ring> cap;
    for (int k = 1; k <= count; ++k) {
        const float phi = 0.5f * std::numbers::pi_v<float> * static_cast<float>(k) /
                          static_cast<float>(count + 1);
        cap.push_back({end.centre + outward * (length * std::sin(phi)),
                       end.halfWidth * std::cos(phi), end.halfDepth * std::cos(phi), end.exponent});
    }
    if (atStart)
        rings.insert(rings.begin(), cap.rbegin(), cap.rend());
    else
        rings.insert(rings.end(), cap.begin(), cap.end());
}

float superPow(float v, float exponent) {
    return std::copysign(std::pow(std::abs(v), 2.0f / exponent), v);
}

glm::vec3 tangentAt(const std::vector<Ring>& r, size_t i) {
    const size_t lo = i == 0 ? 0 : i - 1;
    const size_t hi = std::min(i + 1, r.size() - 1);
    return glm::normalize(r[hi].centre - r[lo].centre);
}

void addRingVertices(const TubeSpec& spec, const std::vector<Ring>& rings, Primitive& out) {
    const float step = 2.0f * std::numbers::pi_v<float> / static_cast<float>(spec.segments);
    for (size_t i = 0; i < rings.size(); ++i) {
        const glm::vec3 t = tangentAt(rings, i);
        const glm::vec3 side = glm::normalize(spec.side - glm::dot(spec.side, t) * t);
        glm::vec3 front = spec.front - glm::dot(spec.front, t) * t;
        front = glm::normalize(front - glm::dot(front, side) * side);
        for (int j = 0; j < spec.segments; ++j) {
            const float u = step * static_cast<float>(j);
            const float x = rings[i].halfWidth * superPow(std::cos(u), rings[i].exponent);
            const float y = rings[i].halfDepth * superPow(std::sin(u), rings[i].exponent);
            out.positions.push_back(quantize(rings[i].centre + side * x + front * y));
        }
    }
}

void addIndices(uint32_t base, uint32_t ringCount, uint32_t segments, Primitive& out) {
    const uint32_t startPole = base;
    const uint32_t endPole = base + 1 + ringCount * segments;
    auto at = [&](uint32_t ring, uint32_t j) { return base + 1 + ring * segments + j % segments; };
    for (uint32_t j = 0; j < segments; ++j)
        out.indices.insert(out.indices.end(), {startPole, at(0, j + 1), at(0, j)});
    for (uint32_t r = 0; r + 1 < ringCount; ++r) {
        for (uint32_t j = 0; j < segments; ++j) {
            const uint32_t a = at(r, j), b = at(r, j + 1), c = at(r + 1, j + 1), d = at(r + 1, j);
            out.indices.insert(out.indices.end(), {a, b, c, a, c, d});
        }
    }
    const uint32_t last = ringCount - 1;
    for (uint32_t j = 0; j < segments; ++j)
        out.indices.insert(out.indices.end(), {endPole, at(last, j), at(last, j + 1)});
}

// Signed volume of the triangles from `firstIndex` on; negative means inward winding.
double signedVolume(const Primitive& p, size_t firstIndex) {
    double v = 0.0;
    for (size_t i = firstIndex; i + 2 < p.indices.size(); i += 3) {
        const glm::dvec3 a = p.positions[p.indices[i]], b = p.positions[p.indices[i + 1]];
        const glm::dvec3 c = p.positions[p.indices[i + 2]];
        v += glm::dot(a, glm::cross(b, c)) / 6.0;
    }
    return v;
}

void addNormals(Primitive& p, uint32_t firstVertex, size_t firstIndex) {
    std::vector<glm::vec3> acc(p.positions.size() - firstVertex, glm::vec3{0.0f});
    for (size_t i = firstIndex; i + 2 < p.indices.size(); i += 3) {
        const uint32_t a = p.indices[i], b = p.indices[i + 1], c = p.indices[i + 2];
        const glm::vec3 n =
            glm::cross(p.positions[b] - p.positions[a], p.positions[c] - p.positions[a]);
        for (uint32_t v : {a, b, c}) acc[v - firstVertex] += n;
    }
    for (const glm::vec3& n : acc) p.normals.push_back(glm::normalize(n));
}

}  // namespace

void Influences::add(int j, float w) {
    if (w <= 1e-4f) return;
    for (int i = 0; i < count; ++i) {
        if (joint[i] == j) {
            weight[i] += w;
            return;
        }
    }
    assert(count < static_cast<int>(joint.size()));
    joint[count] = j;
    weight[count] = w;
    ++count;
}

void packInfluences(const Influences& in, glm::u16vec4& joints, glm::vec4& weights) {
    auto before = [&](int a, int b) {
        if (in.weight[a] != in.weight[b]) return in.weight[a] > in.weight[b];
        return in.joint[a] < in.joint[b];
    };
    std::array<int, 8> order{};
    for (int i = 0; i < in.count; ++i) {  // insertion sort: at most eight entries
        int k = i;
        for (; k > 0 && before(i, order[k - 1]); --k) order[k] = order[k - 1];
        order[k] = i;
    }
    const int n = std::min(in.count, 4);
    assert(n > 0);
    float sum = 0.0f;
    for (int k = 0; k < n; ++k) sum += in.weight[order[k]];
    joints = glm::u16vec4{0};
    weights = glm::vec4{0.0f};
    float rest = 1.0f;
    for (int k = n - 1; k >= 1; --k) {
        weights[k] = in.weight[order[k]] / sum;
        rest -= weights[k];
        joints[k] = static_cast<uint16_t>(in.joint[order[k]]);
    }
    weights[0] = rest;  // exact unit sum in float, the largest weight absorbs the rounding
    joints[0] = static_cast<uint16_t>(in.joint[order[0]]);
}

float ramp(float lo, float hi, float x) {
    const float t = std::clamp((x - lo) / (hi - lo), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

void appendTube(const TubeSpec& spec, Primitive& out) {
    assert(spec.sections.size() >= 2 && spec.segments % 4 == 0);
    std::vector<Ring> rings = bodyRings(spec);
    const Ring first = rings.front(), last = rings.back();
    const glm::vec3 startDir = glm::normalize(rings[0].centre - rings[1].centre);
    const glm::vec3 endDir = glm::normalize(last.centre - rings[rings.size() - 2].centre);
    auto capLength = [](float given, const Ring& r) {
        return given > 0.0f ? given : std::min(r.halfWidth, r.halfDepth);
    };
    const float startLen = capLength(spec.startCap, first);
    const float endLen = capLength(spec.endCap, last);
    const int capRings = std::max(3, spec.segments / 6);
    addCap(rings, first, startDir, startLen, capRings, true);
    addCap(rings, last, endDir, endLen, capRings, false);

    const auto base = static_cast<uint32_t>(out.positions.size());
    const size_t firstIndex = out.indices.size();
    out.positions.push_back(quantize(first.centre + startDir * startLen));
    addRingVertices(spec, rings, out);
    out.positions.push_back(quantize(last.centre + endDir * endLen));
    addIndices(base, static_cast<uint32_t>(rings.size()), static_cast<uint32_t>(spec.segments),
               out);
    if (signedVolume(out, firstIndex) < 0.0)
        for (size_t i = firstIndex; i < out.indices.size(); i += 3)
            std::swap(out.indices[i + 1], out.indices[i + 2]);
    addNormals(out, base, firstIndex);
    for (uint32_t v = base; v < out.positions.size(); ++v) {
        glm::u16vec4 j;
        glm::vec4 w;
        packInfluences(spec.weights(out.positions[v]), j, w);
        out.joints.push_back(j);
        out.weights.push_back(w);
    }
}

}  // namespace ra::core::mannequin
