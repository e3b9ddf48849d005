// BodyField: signed distances of ellipsoids and round cones, smooth union and subtraction, the
// group tree of a BodySpec, and a conservative early-out per group using bounding spheres.
#include "core/BodyField.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace ra::core {
namespace {

float smin(float a, float b, float k) {
    if (k <= 0.0f) return std::min(a, b);
    const float h = std::max(k - std::abs(a - b), 0.0f) / k;
    return std::min(a, b) - h * h * k * 0.25f;
}

float smax(float a, float b, float k) {
    return -smin(-a, -b, k);
}

// Inigo Quilez's round cone: a at the origin, b on +Y at height h, radii r1, r2.
float roundCone(const glm::vec3& p, float r1, float r2, float h) {
    const float b = (r1 - r2) / h;
    const float a = std::sqrt(std::max(0.0f, 1.0f - b * b));
    const glm::vec2 q(std::sqrt(p.x * p.x + p.z * p.z), p.y);
    const float k = glm::dot(q, glm::vec2(-b, a));
    if (k < 0.0f) return glm::length(q) - r1;
    if (k > a * h) return glm::length(q - glm::vec2(0.0f, h)) - r2;
    return glm::dot(q, glm::vec2(a, b)) - r1;
}

// A frame whose Y is the cone axis, X the side and Z the front (world +Z where possible).
glm::mat3 coneFrame(const glm::vec3& a, const glm::vec3& b) {
    const glm::vec3 y = glm::normalize(b - a);
    glm::vec3 ref = std::abs(y.z) < 0.9f ? glm::vec3(0, 0, 1) : glm::vec3(0, 1, 0);
    const glm::vec3 z = glm::normalize(ref - glm::dot(ref, y) * y);
    const glm::vec3 x = glm::cross(y, z);
    return glm::transpose(glm::mat3(x, y, z));  // rows: world -> local
}

}  // namespace

glm::mat3 eulerToLocal(const glm::vec3& deg) {
    glm::mat4 r(1.0f);
    r = glm::rotate(r, glm::radians(deg.z), {0, 0, 1});
    r = glm::rotate(r, glm::radians(deg.y), {0, 1, 0});
    r = glm::rotate(r, glm::radians(deg.x), {1, 0, 0});
    return glm::transpose(glm::mat3(r));
}

float shapeDistance(ShapeKind kind, const glm::vec3& a, const glm::vec3& b, const glm::vec3& radii,
                    const glm::mat3& toLocal, const glm::vec2& squash, const glm::vec3& p) {
    if (kind == ShapeKind::Ellipsoid) {
        const glm::vec3 q = toLocal * (p - a);
        const float k0 = glm::length(q / radii);
        const float k1 = glm::length(q / (radii * radii));
        if (k1 < 1e-12f) return -std::min(radii.x, std::min(radii.y, radii.z));
        return k0 * (k0 - 1.0f) / k1;
    }
    glm::vec3 q = toLocal * (p - a);
    q.x /= squash.x;
    q.z /= squash.y;
    return roundCone(q, radii.x, radii.y, glm::length(b - a)) * std::min(squash.x, squash.y);
}

BodyField::BodyField(const BodySpec& spec) {
    for (const ShapeGroup& sg : spec.groups) {
        Group g{sg.join, {}, glm::vec3(0.0f), 0.0f};
        glm::vec3 lo(1e9f), hi(-1e9f);
        for (const ShapePrimitive& sp : sg.primitives) {
            Prim p{sp.kind,   sp.a,     sp.b,        sp.radii,        glm::mat3(1.0f),
                   sp.squash, sp.blend, sp.subtract, glm::vec3(0.0f), 0.0f};
            if (sp.kind == ShapeKind::Ellipsoid) {
                p.toLocal = eulerToLocal(sp.rotationDeg);
                p.centre = sp.a;
                p.reach = std::max(sp.radii.x, std::max(sp.radii.y, sp.radii.z));
            } else {
                p.toLocal = coneFrame(sp.a, sp.b);
                p.centre = 0.5f * (sp.a + sp.b);
                p.reach = 0.5f * glm::length(sp.b - sp.a) +
                          std::max(sp.radii.x, sp.radii.y) * std::max(sp.squash.x, sp.squash.y);
            }
            if (!sp.subtract) {
                lo = glm::min(lo, p.centre - glm::vec3(p.reach));
                hi = glm::max(hi, p.centre + glm::vec3(p.reach));
            }
            g.prims.push_back(p);
        }
        if (g.prims.empty()) {  // kept so group indices match the spec's
            m_groups.push_back(std::move(g));
            continue;
        }
        g.centre = 0.5f * (lo + hi);
        g.reach = 0.5f * glm::length(hi - lo);
        m_min = glm::min(m_min, lo);
        m_max = glm::max(m_max, hi);
        m_groups.push_back(std::move(g));
    }
    m_min.y = std::max(m_min.y, 0.0f);
}

float BodyField::groupValue(const Group& g, const glm::vec3& p) const {
    float d = 1e9f;
    for (const Prim& pr : g.prims) {
        // A primitive whose bounding sphere lies beyond the blend reach cannot change d.
        const float lower = glm::length(p - pr.centre) - pr.reach;
        if (lower > d + pr.blend && !pr.subtract) continue;
        if (pr.subtract) {
            if (lower > pr.blend) continue;
            d = smax(d, -pr.eval(p), pr.blend);
        } else {
            d = smin(d, pr.eval(p), pr.blend);
        }
    }
    return d;
}

float BodyField::operator()(const glm::vec3& p) const {
    if (m_groups.empty()) return 1e9f;
    const float trunk = groupValue(m_groups[0], p);
    float d = trunk;
    for (size_t i = 1; i < m_groups.size(); ++i) {
        const Group& g = m_groups[i];
        if (g.prims.empty()) continue;
        const float lower = glm::length(p - g.centre) - g.reach;
        if (lower > d + g.join) continue;
        d = std::min(d, smin(trunk, groupValue(g, p), g.join));
    }
    return smax(d, -p.y, 0.004f);  // flat soles on the floor
}

BodyField::Owner BodyField::owner(const glm::vec3& p) const {
    Owner best;
    float bestD = 1e9f;
    for (size_t gi = 0; gi < m_groups.size(); ++gi) {
        const auto& prims = m_groups[gi].prims;
        for (size_t pi = 0; pi < prims.size(); ++pi) {
            if (prims[pi].subtract) continue;
            const float d = prims[pi].eval(p);
            if (d < bestD) {
                bestD = d;
                best = {int(gi), int(pi)};
            }
        }
    }
    return best;
}

glm::vec3 BodyField::boundsMin(float pad) const {
    return m_min - glm::vec3(pad);
}

glm::vec3 BodyField::boundsMax(float pad) const {
    return m_max + glm::vec3(pad);
}

}  // namespace ra::core
