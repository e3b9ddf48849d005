// shadow.vert: depth-only pass from the sun's point of view.
uniform mat4 u_model;
uniform mat4 u_lightViewProj;

void main() {
    gl_Position = u_lightViewProj * (u_model * vec4(a_position, 1.0));
}
