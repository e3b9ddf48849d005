// scene.vert: geometry into world space, with its shadow-map coordinate.
uniform mat4 u_model;
uniform mat4 u_viewProj;
uniform mat4 u_lightViewProj;

out vec3 v_world;
out vec3 v_normal;
out vec2 v_uv;
out vec4 v_light;

void main() {
    vec4 world = u_model * vec4(a_position, 1.0);
    v_world = world.xyz;
    v_normal = mat3(u_model) * a_normal;
#if defined(SURFACE_FLOOR)
    v_uv = world.xz;  // the floor is drawn as scaled patches; its pattern stays in world metres
#else
    v_uv = a_uv;
#endif
    v_light = u_lightViewProj * world;
    gl_Position = u_viewProj * world;
}
