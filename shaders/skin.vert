// skin.vert: GPU linear-blend skinning, run once per vertex per frame with transform feedback:
// p' = sum_k w_k * J[j_k] * p (the same formula as core::skinPosition). The shadow and scene
// passes then draw the captured vertices as rigid geometry, so no pass skins twice.
layout(std140) uniform Joints {
    mat4 u_joints[128];
};

layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 3) in uvec4 a_joints;
layout(location = 4) in vec4 a_weights;

out vec3 o_position;
out vec3 o_normal;

void main() {
    mat4 m = a_weights.x * u_joints[a_joints.x] + a_weights.y * u_joints[a_joints.y] +
             a_weights.z * u_joints[a_joints.z] + a_weights.w * u_joints[a_joints.w];
    o_position = (m * vec4(a_position, 1.0)).xyz;
    o_normal = mat3(m) * a_normal;
    gl_Position = vec4(0.0, 0.0, 0.0, 1.0);
}
