// GpuMesh: interleaved vertex upload (position, normal, uv, joints, weights), the region labels
// beside them, and drawing.
#include "renderer/GpuMesh.h"

#include <cstddef>
#include <vector>

#include "renderer/ShadowProxy.h"

namespace ra::gfx {
namespace {

struct Vertex {
    glm::vec3 position;
    glm::vec3 normal;
    glm::vec2 uv;
    glm::u16vec4 joints;
    glm::vec4 weights;
};

struct SkinnedVertex {
    glm::vec3 position;
    glm::vec3 normal;
};

struct RegionVertex {
    glm::u8vec4 ids;
    glm::u8vec4 weights;  // sum 255; read normalised, so they sum to 1 in the shader
};

constexpr GLuint kRegionIdsLocation = 5;
constexpr GLuint kRegionWeightsLocation = 6;

void floatAttrib(GLuint loc, GLint n, size_t offset, GLsizei stride = sizeof(Vertex)) {
    glEnableVertexAttribArray(loc);
    glVertexAttribPointer(loc, n, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<const void*>(offset));
}

// Inputs of the skinning pass: the bind pose with joints and weights.
void setUpSkinVao(GpuMesh& m) {
    m.skinVao = gl::VertexArray::create();
    glBindVertexArray(m.skinVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, m.vertices.id());
    floatAttrib(0, 3, offsetof(Vertex, position));
    floatAttrib(1, 3, offsetof(Vertex, normal));
    glEnableVertexAttribArray(3);
    glVertexAttribIPointer(3, 4, GL_UNSIGNED_SHORT, sizeof(Vertex),
                           reinterpret_cast<const void*>(offsetof(Vertex, joints)));
    floatAttrib(4, 4, offsetof(Vertex, weights));
}

// Region labels in their own buffer, attached to the VAO the passes draw (for a skinned mesh
// too: the labels never move, so they come from the bind pose while positions are skinned).
void setUpRegions(GpuMesh& m, const core::Primitive& p) {
    const size_t n = p.positions.size();
    if (p.regionIds.size() < n || p.regionWeights.size() < n) return;
    std::vector<RegionVertex> rv(n);
    uint64_t mask = 0;
    for (size_t i = 0; i < n; ++i) {
        rv[i] = {p.regionIds[i], p.regionWeights[i]};
        for (int k = 0; k < 4; ++k)
            if (rv[i].weights[k] > 0 && rv[i].ids[k] < 64) mask |= uint64_t(1) << rv[i].ids[k];
    }
    if (!mask) return;  // every weight on nothing drawable: draw as unlabelled
    m.regionMask = mask;
    m.regions = gl::Buffer::create();
    glBindVertexArray(m.vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, m.regions.id());
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(rv.size() * sizeof(RegionVertex)), rv.data(),
                 GL_STATIC_DRAW);
    glEnableVertexAttribArray(kRegionIdsLocation);
    glVertexAttribIPointer(kRegionIdsLocation, 4, GL_UNSIGNED_BYTE, sizeof(RegionVertex),
                           reinterpret_cast<const void*>(offsetof(RegionVertex, ids)));
    glEnableVertexAttribArray(kRegionWeightsLocation);
    glVertexAttribPointer(kRegionWeightsLocation, 4, GL_UNSIGNED_BYTE, GL_TRUE,
                          sizeof(RegionVertex),
                          reinterpret_cast<const void*>(offsetof(RegionVertex, weights)));
}

// The shadow pass's VAO: skinned positions with the proxy's indices, when the proxy is smaller.
void setUpShadowProxy(GpuMesh& m, const core::Primitive& p) {
    const std::vector<uint32_t> proxy = shadowProxyIndices(p, shadowProxyCellSize(p));
    if (proxy.size() >= p.indices.size()) return;
    m.shadowVao = gl::VertexArray::create();
    m.shadowIndices = gl::Buffer::create();
    glBindVertexArray(m.shadowVao.id());
    glBindBuffer(GL_ARRAY_BUFFER, m.skinnedVertices.id());
    floatAttrib(0, 3, offsetof(SkinnedVertex, position), sizeof(SkinnedVertex));
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m.shadowIndices.id());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(proxy.size() * sizeof(uint32_t)), proxy.data(),
                 GL_STATIC_DRAW);
    m.shadowIndexCount = GLsizei(proxy.size());
}

}  // namespace

void GpuMesh::draw() const {
    glBindVertexArray(vao.id());
    glDrawElements(GL_TRIANGLES, indexCount, GL_UNSIGNED_INT, nullptr);
}

void GpuMesh::drawShadow() const {
    if (!shadowVao) {
        draw();
        return;
    }
    glBindVertexArray(shadowVao.id());
    glDrawElements(GL_TRIANGLES, shadowIndexCount, GL_UNSIGNED_INT, nullptr);
}

void GpuMesh::skin() const {
    if (!skinned) return;
    glBindVertexArray(skinVao.id());
    glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 0, skinnedVertices.id());
    glEnable(GL_RASTERIZER_DISCARD);
    glBeginTransformFeedback(GL_POINTS);
    glDrawArrays(GL_POINTS, 0, vertexCount);
    glEndTransformFeedback();
    glDisable(GL_RASTERIZER_DISCARD);
    glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 0, 0);
}

std::vector<glm::vec3> GpuMesh::readSkinnedPositions() const {
    std::vector<glm::vec3> out;
    if (!skinned) return out;
    std::vector<SkinnedVertex> v(static_cast<size_t>(vertexCount));
    glBindBuffer(GL_ARRAY_BUFFER, skinnedVertices.id());
    glGetBufferSubData(GL_ARRAY_BUFFER, 0, GLsizeiptr(v.size() * sizeof(SkinnedVertex)), v.data());
    for (const auto& sv : v) out.push_back(sv.position);
    return out;
}

GpuMesh upload(const core::Primitive& p) {
    std::vector<Vertex> verts(p.positions.size());
    const bool skinned = p.skinned();
    for (size_t i = 0; i < verts.size(); ++i) {
        Vertex& v = verts[i];
        v.position = p.positions[i];
        v.normal = i < p.normals.size() ? p.normals[i] : glm::vec3(0, 1, 0);
        v.uv = i < p.uvs.size() ? p.uvs[i] : glm::vec2(0.0f);
        v.joints = skinned ? p.joints[i] : glm::u16vec4(0);
        v.weights = skinned ? p.weights[i] : glm::vec4(1, 0, 0, 0);
    }
    GpuMesh m;
    m.skinned = skinned;
    m.vao = gl::VertexArray::create();
    m.vertices = gl::Buffer::create();
    m.indices = gl::Buffer::create();
    glBindVertexArray(m.vao.id());
    glBindBuffer(GL_ARRAY_BUFFER, m.vertices.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(verts.size() * sizeof(Vertex)),
                 verts.data(), GL_STATIC_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m.indices.id());
    glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(p.indices.size() * sizeof(uint32_t)), p.indices.data(),
                 GL_STATIC_DRAW);
    floatAttrib(2, 2, offsetof(Vertex, uv));
    if (skinned) {
        // Positions and normals come from the per-frame skinned buffer; uvs from the bind pose.
        // It starts as the bind pose, so a mesh the renderer cannot skin still draws sensibly.
        std::vector<SkinnedVertex> bind(verts.size());
        for (size_t i = 0; i < verts.size(); ++i) bind[i] = {verts[i].position, verts[i].normal};
        m.skinnedVertices = gl::Buffer::create();
        glBindBuffer(GL_ARRAY_BUFFER, m.skinnedVertices.id());
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(bind.size() * sizeof(SkinnedVertex)), bind.data(),
                     GL_DYNAMIC_COPY);
        floatAttrib(0, 3, offsetof(SkinnedVertex, position), sizeof(SkinnedVertex));
        floatAttrib(1, 3, offsetof(SkinnedVertex, normal), sizeof(SkinnedVertex));
        setUpSkinVao(m);
        setUpShadowProxy(m, p);
    } else {
        floatAttrib(0, 3, offsetof(Vertex, position));
        floatAttrib(1, 3, offsetof(Vertex, normal));
    }
    setUpRegions(m, p);
    glBindVertexArray(0);
    m.indexCount = static_cast<GLsizei>(p.indices.size());
    m.vertexCount = static_cast<GLsizei>(verts.size());
    return m;
}

gl::Texture upload(const core::Image& image) {
    gl::Texture t = gl::Texture::create();
    glBindTexture(GL_TEXTURE_2D, t.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_SRGB8_ALPHA8, image.width, image.height, 0, GL_RGBA,
                 GL_UNSIGNED_BYTE, image.rgba.data());
    glGenerateMipmap(GL_TEXTURE_2D);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_REPEAT);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_REPEAT);
    return t;
}

}  // namespace ra::gfx
