// skinning.glsl: vertex inputs and GPU linear-blend skinning, shared by every vertex stage.
// p' = sum_k w_k * J[j_k] * p  (the same formula as core::skinPosition).

layout(std140) uniform Joints {
    mat4 u_joints[128];
};
uniform int u_skinned;  // 0 for props and unskinned meshes

layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec2 a_uv;
layout(location = 3) in uvec4 a_joints;
layout(location = 4) in vec4 a_weights;

mat4 skinMatrix() {
    if (u_skinned == 0) return mat4(1.0);
    return a_weights.x * u_joints[a_joints.x] + a_weights.y * u_joints[a_joints.y] +
           a_weights.z * u_joints[a_joints.z] + a_weights.w * u_joints[a_joints.w];
}
