// scene.frag: soft sun light with a filtered shadow and sky/ground ambient, and the procedural
// surfaces of the props: the roller's stripes (so its rotation reads), the mat's ribs, the floor.
// Each surface is its own compiled variant (SURFACE_* defines): software rasterisers run every
// branch of an `if`, so a uniform switch would make every pixel pay for every surface. HAS_REGIONS
// adds the anatomy marks (region_marks.glsl), XRAY the translucent skin of the x-ray view.
precision highp float;

uniform vec4 u_baseColor;  // linear
uniform float u_skinOpacity;  // x-ray: the skin's opacity where it faces the viewer
uniform sampler2D u_baseTexture;
uniform highp sampler2DShadow u_shadowMap;
uniform vec3 u_toLight;  // normalised, toward the sun
uniform vec3 u_eye;
uniform vec3 u_background;  // linear
// The light rig, in linear units (renderer/Renderer.cpp holds the one copy of these values).
uniform vec3 u_skyAmbient;     // ambient from above
uniform vec3 u_groundAmbient;  // ambient bounced from the floor
uniform vec3 u_sunColor;

in vec3 v_world;
in vec3 v_normal;
in vec2 v_uv;
in vec3 v_light;  // shadow-map coordinates and depth

out vec4 o_color;

float sunVisibility(float ndl) {
#if defined(NO_SHADOW)
    return 1.0;
#else
    vec3 p = v_light;
    p.z -= 0.0006 + 0.002 * (1.0 - ndl);
    // One bilinear-filtered comparison: the hardware (or llvmpipe) blends four depth tests.
    return texture(u_shadowMap, p);
#endif
}

vec3 albedo() {
#if defined(SURFACE_ROLLER)
    // Eight lengthwise bands alternate slate and charcoal; caps (v < 0) stay charcoal.
    vec3 charcoal = vec3(0.045, 0.05, 0.06);
    vec3 slate = vec3(0.16, 0.19, 0.22);
    float band = abs(fract(v_uv.x * 8.0) - 0.5) * 2.0;
    float w = fwidth(v_uv.x * 8.0) * 2.0;
    float stripe = smoothstep(0.5 - w, 0.5 + w, band) * step(0.0, v_uv.y);
    return mix(charcoal, slate, stripe);
#elif defined(SURFACE_MAT)
    // Fine ribs across the mat (5 mm apart), fading out where they would alias. The wave is
    // 0.5 + 0.5 * sin(v_uv.x * 314.159) to within 1%, from a triangle wave and a cubic: sin()
    // costs a software rasteriser a polynomial and a range reduction per pixel.
    float tri = abs(2.0 * fract(v_uv.x * 50.0 + 0.75) - 1.0);
    float rib = tri * tri * (3.0 - 2.0 * tri);
    rib = mix(rib, 0.5, clamp(fwidth(v_uv.x * 50.0) * 1.5, 0.0, 1.0));
    return vec3(0.20, 0.30, 0.27) * (0.92 + 0.08 * rib);
#elif defined(HAS_TEXTURE)
    return u_baseColor.rgb * texture(u_baseTexture, v_uv).rgb;
#else
    return u_baseColor.rgb;
#endif
}

// x^40 as x^32 * x^8 by squaring: llvmpipe evaluates pow() as exp2(y * log2(x)), two polynomial
// approximations per pixel; five multiplies give the same highlight.
float pow40(float x) {
    float x2 = x * x;
    float x4 = x2 * x2;
    float x8 = x4 * x4;
    float x16 = x8 * x8;
    return x16 * x16 * x8;
}

#if defined(SURFACE_FLOOR) || defined(SURFACE_MAT)
// The floor and the mat are flat and face up, so their ambient and sun terms are constants the
// renderer passes in (u_flatLit, u_flatShade): per pixel only the albedo pattern, the shadow,
// and for the floor the fade into the background remain.
uniform vec3 u_flatLit;      // light arriving in full sun
uniform vec3 u_flatShade;    // light arriving in shadow
uniform vec2 u_floorCenter;  // the floor grid fades out around this point
uniform vec4 u_floorPatch;   // this floor patch (x0, z0, x1, z1): the grid fades before its edge

void main() {
    vec3 c = mix(u_flatShade, u_flatLit, sunVisibility(1.0));
#if defined(SURFACE_MAT)
    c *= albedo();
#else
    c *= u_baseColor.rgb;
#if !defined(NO_SHADOW)
    // A faint half-metre grid around the mat, only on the patch near the figure.
    vec2 g = abs(fract(v_uv * 2.0 - 0.5) - 0.5) / fwidth(v_uv * 2.0);
    float line = 1.0 - clamp(min(g.x, g.y), 0.0, 1.0);
    vec2 edge = min(v_world.xz - u_floorPatch.xy, u_floorPatch.zw - v_world.xz);
    line *= smoothstep(0.0, 0.35, min(edge.x, edge.y));
    line *= 1.0 - smoothstep(0.8, 1.4, length(v_world.xz - u_floorCenter));
    c *= 1.0 - 0.07 * line;
#endif
    c = mix(c, u_background, smoothstep(2.5, 7.0, length(v_world.xz)));
#endif
    o_color = vec4(sqrt(c), 1.0);
}
#else
void main() {
    vec3 n = normalize(v_normal);
    if (!gl_FrontFacing) n = -n;
    float ndl = max(dot(n, u_toLight), 0.0);
    float sun = ndl * sunVisibility(ndl);
    vec3 ambient = mix(u_groundAmbient, u_skyAmbient, n.y * 0.5 + 0.5);
    vec3 base = albedo();
#if defined(HAS_REGIONS)
    RegionMarks marks = regionMarks();
    base = mix(base, marks.albedo, marks.tint);
#endif
    vec3 c = base * (ambient + u_sunColor * sun);
    vec3 v = normalize(u_eye - v_world);
    vec3 h = normalize(u_toLight + v);
#if defined(SURFACE_ROLLER)
    c += 0.06 * pow40(max(dot(n, h), 0.0)) * sun;
#else
    c += 0.025 * pow40(max(dot(n, h), 0.0)) * sun;
#endif
#if defined(SURFACE_MODEL)
    // A soft sheen at grazing angles separates the body from the floor behind it.
    float rim = 1.0 - max(dot(n, v), 0.0);
    c += rim * rim * rim * 0.2 * u_skyAmbient;
#endif
#if defined(HAS_REGIONS)
    c = mix(c * marks.brighten + marks.glow, marks.ink, marks.inkAlpha);
#endif
#if defined(XRAY)
    // Translucent skin over the skeleton: u_skinOpacity where it faces the viewer, denser toward
    // the silhouette so the body's outline stays; region marks stay legible on it.
    float alpha = mix(min(1.0, u_skinOpacity + 0.45), u_skinOpacity,
                      smoothstep(0.0, 0.7, abs(dot(n, v))));
#if defined(HAS_REGIONS)
    // Marked skin stays a veil too (the bones under a no-go zone must show), but a denser one.
    alpha = max(alpha, max(marks.tint * 0.45, marks.inkAlpha * 0.8));
#endif
    o_color = vec4(sqrt(c), alpha);
#else
    o_color = vec4(sqrt(c), 1.0);  // close to the sRGB curve, far cheaper than pow(c, 1/2.2)
#endif
}
#endif
