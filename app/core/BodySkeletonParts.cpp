// BodySkeletonParts: the closed-shell primitives of the x-ray skeleton. Each one lays out rings of
// vertices between two poles and hands them to appendShell, which stitches, orients and smooths.
#include "core/BodySkeletonParts.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>

namespace ra::core::skeleton {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;

float signedPow(float v, float e) {
    return std::copysign(std::pow(std::abs(v), e), v);
}

// Triangles between pole A, `ringCount` rings of `s` vertices starting at `first` (pole A sits
// just before them, pole B just after), quads split along their shorter diagonal.
void stitchShell(TriMesh& m, uint32_t first, uint32_t ringCount, uint32_t s) {
    const uint32_t a = first - 1, b = first + ringCount * s;
    auto at = [&](uint32_t ring, uint32_t i) { return first + ring * s + i % s; };
    auto tri = [&](uint32_t i0, uint32_t i1, uint32_t i2) {
        m.indices.insert(m.indices.end(), {i0, i1, i2});
    };
    for (uint32_t i = 0; i < s; ++i) tri(a, at(0, i + 1), at(0, i));
    const auto& P = m.positions;
    for (uint32_t r = 0; r + 1 < ringCount; ++r) {
        for (uint32_t i = 0; i < s; ++i) {
            const uint32_t p00 = at(r, i), p01 = at(r, i + 1);
            const uint32_t p10 = at(r + 1, i), p11 = at(r + 1, i + 1);
            if (glm::distance(P[p00], P[p11]) <= glm::distance(P[p01], P[p10])) {
                tri(p00, p01, p11);
                tri(p00, p11, p10);
            } else {
                tri(p00, p01, p10);
                tri(p01, p11, p10);
            }
        }
    }
    for (uint32_t i = 0; i < s; ++i) tri(b, at(ringCount - 1, i), at(ringCount - 1, i + 1));
}

// Reverses the triangles from `firstIndex` on when they enclose negative volume.
void orientOutward(TriMesh& m, size_t firstIndex, const glm::vec3& ref) {
    double volume = 0.0;
    for (size_t t = firstIndex; t < m.indices.size(); t += 3) {
        const glm::dvec3 p0(m.positions[m.indices[t]] - ref);
        const glm::dvec3 p1(m.positions[m.indices[t + 1]] - ref);
        const glm::dvec3 p2(m.positions[m.indices[t + 2]] - ref);
        volume += glm::dot(p0, glm::cross(p1, p2));
    }
    if (volume < 0.0)
        for (size_t t = firstIndex; t < m.indices.size(); t += 3)
            std::swap(m.indices[t + 1], m.indices[t + 2]);
}

// Area-weighted vertex normals for the vertices from `firstVertex` and triangles from
// `firstIndex` on (one shell: no triangle outside it touches its vertices).
void smoothNormals(TriMesh& m, size_t firstVertex, size_t firstIndex) {
    m.normals.resize(m.positions.size(), glm::vec3(0.0f));
    for (size_t t = firstIndex; t < m.indices.size(); t += 3) {
        const uint32_t i0 = m.indices[t], i1 = m.indices[t + 1], i2 = m.indices[t + 2];
        const glm::vec3 n =
            glm::cross(m.positions[i1] - m.positions[i0], m.positions[i2] - m.positions[i0]);
        m.normals[i0] += n;
        m.normals[i1] += n;
        m.normals[i2] += n;
    }
    for (size_t v = firstVertex; v < m.positions.size(); ++v) {
        const float len = glm::length(m.normals[v]);
        m.normals[v] = len > 0.0f ? m.normals[v] / len : glm::vec3(0.0f, 1.0f, 0.0f);
    }
}

// Appends one closed shell: pole A, `rings` (ring-major, `segs` vertices each), pole B; wound
// outward whatever order the rings run in, with smooth normals.
void appendShell(TriMesh& m, const glm::vec3& poleA, const std::vector<glm::vec3>& rings, int segs,
                 const glm::vec3& poleB) {
    assert(segs >= 3 && !rings.empty() && rings.size() % static_cast<size_t>(segs) == 0);
    const size_t firstVertex = m.positions.size(), firstIndex = m.indices.size();
    m.positions.push_back(poleA);
    m.positions.insert(m.positions.end(), rings.begin(), rings.end());
    m.positions.push_back(poleB);
    const auto s = static_cast<uint32_t>(segs);
    stitchShell(m, static_cast<uint32_t>(firstVertex + 1),
                static_cast<uint32_t>(rings.size() / static_cast<size_t>(segs)), s);
    orientOutward(m, firstIndex, 0.5f * (poleA + poleB));
    smoothNormals(m, firstVertex, firstIndex);
}

// Centripetal Catmull-Rom (Barry-Goldman) between p1 and p2, u in [0, 1].
template <typename V>
V centripetal(const V& p0, const V& p1, const V& p2, const V& p3, float u) {
    auto knot = [](const V& a, const V& b) {
        return std::sqrt(std::max(glm::length(b - a), 1e-7f));
    };
    const float t0 = 0.0f, t1 = t0 + knot(p0, p1), t2 = t1 + knot(p1, p2), t3 = t2 + knot(p2, p3);
    const float t = t1 + u * (t2 - t1);
    const V a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1;
    const V a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2;
    const V a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3;
    const V b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2;
    const V b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3;
    return (t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2;
}

struct TubeSample {
    glm::vec3 pos{0.0f};
    glm::vec3 hint{0.0f};
    float a = 0.0f;
    float b = 0.0f;
};

std::vector<TubeSample> sampleTube(const TubeSpec& spec) {
    const std::vector<TubeKey>& k = spec.keys;
    const int n = static_cast<int>(k.size());
    auto key = [&](int i) {
        if (i < 0) return 2.0f * k[0].pos - k[1].pos;
        if (i >= n)
            return 2.0f * k[static_cast<size_t>(n - 1)].pos - k[static_cast<size_t>(n - 2)].pos;
        return k[static_cast<size_t>(i)].pos;
    };
    std::vector<TubeSample> out;
    for (int i = 0; i + 1 < n; ++i) {
        const TubeKey& k0 = k[static_cast<size_t>(i)];
        const TubeKey& k1 = k[static_cast<size_t>(i + 1)];
        const float chord = glm::distance(k0.pos, k1.pos);
        const int steps = std::max(1, static_cast<int>(std::ceil(chord / spec.step - 1e-3f)));
        for (int j = 0; j < steps; ++j) {
            const float u = static_cast<float>(j) / static_cast<float>(steps);
            out.push_back({centripetal(key(i - 1), key(i), key(i + 1), key(i + 2), u),
                           glm::mix(k0.hint, k1.hint, u), k0.a + (k1.a - k0.a) * u,
                           k0.b + (k1.b - k0.b) * u});
        }
    }
    const TubeKey& last = k.back();
    out.push_back({last.pos, last.hint, last.a, last.b});
    return out;
}

glm::vec3 perpendicular(const glm::vec3& v, const glm::vec3& t, const glm::vec3& fallback) {
    const glm::vec3 p = v - glm::dot(v, t) * t;
    const float len = glm::length(p);
    if (len > 1e-5f) return p / len;
    const glm::vec3 q = fallback - glm::dot(fallback, t) * t;
    return glm::normalize(q);
}

// Tangents by central differences; section normals from the hints, or carried along from the
// first hint by projection (a discrete parallel transport) when `spec.transport` is set.
void tubeFrames(const TubeSpec& spec, const std::vector<TubeSample>& s,
                std::vector<glm::vec3>& tangent, std::vector<glm::vec3>& normal) {
    const size_t n = s.size();
    tangent.resize(n);
    normal.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const size_t lo = i == 0 ? 0 : i - 1, hi = std::min(i + 1, n - 1);
        tangent[i] = glm::normalize(s[hi].pos - s[lo].pos);
    }
    for (size_t i = 0; i < n; ++i) {
        const glm::vec3 prev = i == 0 ? spec.keys.front().hint : normal[i - 1];
        const glm::vec3 wish = spec.transport && i > 0 ? prev : s[i].hint;
        const glm::vec3 fallback = prev == glm::vec3(0.0f) ? glm::vec3(0.0f, 1.0f, 0.3f) : prev;
        normal[i] = perpendicular(wish, tangent[i], fallback);
    }
}

}  // namespace

float smooth01(float lo, float hi, float x) {
    const float t = std::clamp((x - lo) / (hi - lo), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

void appendBlob(TriMesh& mesh, const Blob& b) {
    assert(b.segments >= 4 && b.rings >= 2);
    std::vector<glm::vec3> rings;
    for (int r = 1; r < b.rings; ++r) {
        const float eta = -0.5f * kPi + kPi * static_cast<float>(r) / static_cast<float>(b.rings);
        const float ce = signedPow(std::cos(eta), b.verticalExponent);
        const float se = signedPow(std::sin(eta), b.verticalExponent);
        const float pinch = 1.0f - b.waist * (1.0f - se * se);
        for (int i = 0; i < b.segments; ++i) {
            const float w = 2.0f * kPi * static_cast<float>(i) / static_cast<float>(b.segments);
            const float cw = signedPow(std::cos(w), b.roundExponent);
            const float sw = signedPow(std::sin(w), b.roundExponent);
            rings.push_back(b.centre + b.axes.x * (b.radii.x * ce * cw * pinch) +
                            b.axes.z * (b.radii.z * ce * sw * pinch) + b.axes.y * (b.radii.y * se));
        }
    }
    appendShell(mesh, b.centre - b.axes.y * b.radii.y, rings, b.segments,
                b.centre + b.axes.y * b.radii.y);
}

void appendTube(TriMesh& mesh, const TubeSpec& spec) {
    assert(spec.keys.size() >= 2 && spec.segments >= 4);
    const std::vector<TubeSample> s = sampleTube(spec);
    const size_t n = s.size();
    std::vector<glm::vec3> tangent, normal;
    tubeFrames(spec, s, tangent, normal);
    const float power = 2.0f / spec.exponent;
    std::vector<glm::vec3> rings;
    auto ring = [&](size_t i, const glm::vec3& centre, float scale) {
        const glm::vec3 bi = glm::cross(tangent[i], normal[i]);
        for (int j = 0; j < spec.segments; ++j) {
            const float w = 2.0f * kPi * static_cast<float>(j) / static_cast<float>(spec.segments);
            rings.push_back(centre + normal[i] * (scale * s[i].a * signedPow(std::cos(w), power)) +
                            bi * (scale * s[i].b * signedPow(std::sin(w), power)));
        }
    };
    auto cap = [&](size_t i, float sign, float factor, bool outward) {
        const float len = factor * std::min(s[i].a, s[i].b);
        for (int c = 1; c <= spec.capRings; ++c) {
            const int k = outward ? c : spec.capRings + 1 - c;
            const float phi =
                0.5f * kPi * static_cast<float>(k) / static_cast<float>(spec.capRings + 1);
            ring(i, s[i].pos + sign * tangent[i] * (len * std::sin(phi)), std::cos(phi));
        }
        return s[i].pos + sign * tangent[i] * len;
    };
    const glm::vec3 poleA = cap(0, -1.0f, spec.capStart, false);
    for (size_t i = 0; i < n; ++i) ring(i, s[i].pos, 1.0f);
    const glm::vec3 poleB = cap(n - 1, 1.0f, spec.capEnd, true);
    appendShell(mesh, poleA, rings, spec.segments, poleB);
}

void appendPillow(TriMesh& mesh, const PillowSpec& spec) {
    const std::vector<glm::vec2> outline = smoothClosed(spec.outline, spec.segments);
    struct Level {
        float rho, w;
    };
    std::vector<Level> half;
    for (int k = 1; k <= spec.faceRings; ++k)
        half.push_back(
            {spec.rimStart * static_cast<float>(k) / static_cast<float>(spec.faceRings), 1.0f});
    for (int k = 1; k < spec.rimRings; ++k) {
        const float a = 0.5f * kPi * static_cast<float>(k) / static_cast<float>(spec.rimRings);
        half.push_back({spec.rimStart + (1.0f - spec.rimStart) * std::sin(a), std::cos(a)});
    }
    std::vector<Level> levels = half;
    levels.push_back({1.0f, 0.0f});
    for (auto it = half.rbegin(); it != half.rend(); ++it) levels.push_back({it->rho, -it->w});

    auto lift = [&](glm::vec2 p, float w) {
        const float e = spec.normalEps;
        const glm::vec3 du =
            spec.surface(p + glm::vec2(e, 0.0f)) - spec.surface(p - glm::vec2(e, 0.0f));
        const glm::vec3 dv =
            spec.surface(p + glm::vec2(0.0f, e)) - spec.surface(p - glm::vec2(0.0f, e));
        const glm::vec3 n = glm::normalize(glm::cross(du, dv));
        return spec.surface(p) + n * (spec.halfThickness(p) * w);
    };
    std::vector<glm::vec3> rings;
    for (const Level& l : levels)
        for (const glm::vec2& o : outline)
            rings.push_back(lift(spec.centre + (o - spec.centre) * l.rho, l.w));
    appendShell(mesh, lift(spec.centre, 1.0f), rings, static_cast<int>(outline.size()),
                lift(spec.centre, -1.0f));
}

std::vector<glm::vec2> smoothClosed(const std::vector<glm::vec2>& points, int count) {
    const size_t n = points.size();
    float total = 0.0f;
    for (size_t i = 0; i < n; ++i) total += glm::distance(points[i], points[(i + 1) % n]);
    std::vector<glm::vec2> out;
    for (size_t i = 0; i < n; ++i) {
        const glm::vec2 &p0 = points[(i + n - 1) % n], &p1 = points[i], &p2 = points[(i + 1) % n],
                        &p3 = points[(i + 2) % n];
        const float share = static_cast<float>(count) * glm::distance(p1, p2) / total;
        const int steps = std::max(1, static_cast<int>(std::lround(share)));
        for (int j = 0; j < steps; ++j)
            out.push_back(
                centripetal(p0, p1, p2, p3, static_cast<float>(j) / static_cast<float>(steps)));
    }
    return out;
}

std::vector<glm::vec3> smoothOpen(const std::vector<glm::vec3>& points, int perSpan) {
    const int n = static_cast<int>(points.size());
    auto key = [&](int i) {
        if (i < 0) return 2.0f * points[0] - points[1];
        if (i >= n)
            return 2.0f * points[static_cast<size_t>(n - 1)] - points[static_cast<size_t>(n - 2)];
        return points[static_cast<size_t>(i)];
    };
    std::vector<glm::vec3> out;
    for (int i = 0; i + 1 < n; ++i)
        for (int j = 0; j < perSpan; ++j)
            out.push_back(centripetal(key(i - 1), key(i), key(i + 1), key(i + 2),
                                      static_cast<float>(j) / static_cast<float>(perSpan)));
    out.push_back(points.back());
    return out;
}

}  // namespace ra::core::skeleton
