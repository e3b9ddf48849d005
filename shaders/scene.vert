// scene.vert: geometry into world space, with its shadow-map coordinate; for labelled meshes,
// each vertex's membership in the flagged regions (the per-region lookup happens here, once per
// vertex, so the fragment stage never loops over regions).
uniform mat4 u_model;
uniform mat4 u_viewProj;
// World to shadow-map texture coordinates and depth (0..1): the sun's orthographic view and
// projection with the [-1, 1] -> [0, 1] bias folded in, so no divide or bias per pixel.
uniform mat4 u_shadowFromWorld;
uniform float u_shadowNormalOffset;  // metres along the normal for the shadow lookup

#if defined(XRAY) || defined(DEPTH_ONLY)
// The x-ray skin's depth prepass and its blended colour pass (depth test LEQUAL) are different
// programs: their depths must agree to the bit.
invariant gl_Position;
#endif

out vec3 v_world;
out vec3 v_normal;
out vec2 v_uv;
out vec3 v_light;

#if defined(HAS_REGIONS)
uniform uint u_regionFlags[64];  // core::region_flag bits per region index, this frame
out vec4 v_zone;                 // membership in target, caution, no-go, selected regions (0..1)
out float v_hover;               // membership in the hovered region

void regionMemberships() {
    // Weighted sums interpolate smoothly across triangles: soft, sub-triangle boundaries.
    vec4 zone = vec4(0.0);
    float hover = 0.0;
    for (int k = 0; k < 4; ++k) {
        uint f = u_regionFlags[min(a_regionIds[k], 63u)];
        float w = a_regionWeights[k];
        zone += w * vec4(uvec4(f, f >> 1u, f >> 2u, f >> 3u) & 1u);
        hover += w * float((f >> 4u) & 1u);
    }
    v_zone = zone;
    v_hover = hover;
}
#endif

void main() {
    vec4 world = u_model * vec4(a_position, 1.0);
    v_world = world.xyz;
    v_normal = mat3(u_model) * a_normal;
#if defined(SURFACE_FLOOR)
    v_uv = world.xz;  // the floor is drawn as scaled patches; its pattern stays in world metres
#else
    v_uv = a_uv;
#endif
    vec3 offset = v_normal * (u_shadowNormalOffset * inversesqrt(max(dot(v_normal, v_normal), 1e-12)));
    v_light = (u_shadowFromWorld * vec4(world.xyz + offset, 1.0)).xyz;
#if defined(HAS_REGIONS)
    regionMemberships();
#endif
    gl_Position = u_viewProj * world;
}
