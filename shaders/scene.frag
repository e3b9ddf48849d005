// scene.frag: soft sun light with filtered shadows and sky/ground ambient, and the procedural
// surfaces of the props: the roller's stripes (so its rotation reads), the mat's ribs, the floor.
precision highp float;

const int kSurfaceModel = 0;
const int kSurfaceRoller = 1;
const int kSurfaceMat = 2;
const int kSurfaceFloor = 3;

uniform int u_surface;
uniform vec4 u_baseColor;  // linear
uniform int u_hasTexture;
uniform sampler2D u_baseTexture;
uniform highp sampler2DShadow u_shadowMap;
uniform vec2 u_shadowTexel;
uniform vec3 u_toLight;    // normalised, toward the sun
uniform vec3 u_eye;
uniform vec3 u_background;  // linear

in vec3 v_world;
in vec3 v_normal;
in vec2 v_uv;
in vec4 v_light;

out vec4 o_color;

float sunVisibility(vec3 n) {
    vec3 p = v_light.xyz / v_light.w * 0.5 + 0.5;
    if (p.x <= 0.0 || p.x >= 1.0 || p.y <= 0.0 || p.y >= 1.0 || p.z >= 1.0) return 1.0;
    float slope = 1.0 - clamp(dot(n, u_toLight), 0.0, 1.0);
    p.z -= 0.0008 + 0.0025 * slope;
    // Four bilinear-filtered taps: a 4x4-texel soft penumbra at the cost of four lookups.
    vec2 o = u_shadowTexel * 1.5;
    float s = texture(u_shadowMap, vec3(p.xy + vec2(-o.x, -o.y), p.z));
    s += texture(u_shadowMap, vec3(p.xy + vec2(o.x, -o.y), p.z));
    s += texture(u_shadowMap, vec3(p.xy + vec2(-o.x, o.y), p.z));
    s += texture(u_shadowMap, vec3(p.xy + vec2(o.x, o.y), p.z));
    return s * 0.25;
}

vec3 rollerAlbedo() {
    // Eight lengthwise bands alternate slate and charcoal; caps stay charcoal.
    vec3 charcoal = vec3(0.045, 0.05, 0.06);
    vec3 slate = vec3(0.16, 0.19, 0.22);
    if (v_uv.y < 0.0) return charcoal;
    float band = abs(fract(v_uv.x * 8.0) - 0.5) * 2.0;
    float w = fwidth(v_uv.x * 8.0) * 2.0;
    return mix(charcoal, slate, smoothstep(0.5 - w, 0.5 + w, band));
}

vec3 matAlbedo() {
    // Fine ribs across the mat and a darker border 2 cm in from the edge.
    vec3 base = vec3(0.20, 0.30, 0.27);
    float rib = 0.5 + 0.5 * sin(v_uv.x * 6.2831853 * 50.0);
    float fw = fwidth(v_uv.x * 50.0);
    rib = mix(rib, 0.5, clamp(fw * 1.5, 0.0, 1.0));
    return base * (0.92 + 0.08 * rib);
}

vec3 floorAlbedo() {
    vec3 base = vec3(0.62, 0.60, 0.57);
    vec2 g = abs(fract(v_uv * 2.0 - 0.5) - 0.5) / fwidth(v_uv * 2.0);
    float line = 1.0 - clamp(min(g.x, g.y), 0.0, 1.0);
    return base * (1.0 - 0.06 * line);
}

vec3 albedo() {
    if (u_surface == kSurfaceRoller) return rollerAlbedo();
    if (u_surface == kSurfaceMat) return matAlbedo();
    if (u_surface == kSurfaceFloor) return floorAlbedo();
    vec3 c = u_baseColor.rgb;
    if (u_hasTexture != 0) c *= texture(u_baseTexture, v_uv).rgb;
    return c;
}

void main() {
    vec3 n = normalize(v_normal);
    if (!gl_FrontFacing) n = -n;
    vec3 v = normalize(u_eye - v_world);
    float ndl = max(dot(n, u_toLight), 0.0);
    float sun = ndl * sunVisibility(n);
    vec3 sky = vec3(0.62, 0.68, 0.78), ground = vec3(0.36, 0.33, 0.30);
    vec3 ambient = mix(ground, sky, n.y * 0.5 + 0.5) * 0.55;
    vec3 a = albedo();
    vec3 c = a * (ambient + vec3(1.0, 0.97, 0.92) * 1.25 * sun);
    // A soft sheen at grazing angles separates the body from the floor behind it.
    float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0);
    c += rim * 0.12 * sky * float(u_surface == kSurfaceModel);
    vec3 h = normalize(u_toLight + v);
    float gloss = u_surface == kSurfaceRoller ? 0.06 : 0.025;
    c += gloss * pow(max(dot(n, h), 0.0), 40.0) * sun;
    if (u_surface == kSurfaceFloor) {
        float d = length(v_world.xz);
        c = mix(c, u_background, smoothstep(2.5, 7.0, d));
    }
    o_color = vec4(pow(c, vec3(1.0 / 2.2)), 1.0);
}
