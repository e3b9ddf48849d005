// region_marks.glsl: how flagged anatomy regions look (fragment stage of the *Regions variants
// only). Okabe-Ito colours, and never colour alone (WCAG 1.4.1): a target glows blue with a slow
// pulse; a caution zone is orange inside a dashed outline; a no-go zone is vermillion with
// diagonal hatching and a solid outline; the selected region gets a strong outline, the hovered
// one a light one. Boundaries are where a membership crosses 0.5; fwidth keeps lines a constant
// width in pixels and every edge anti-aliased.

in vec4 v_zone;  // target, caution, no-go, selected memberships (see scene.vert)
in float v_hover;

uniform float u_pulse;     // 0..1, the target glow's slow pulse (from FrameView::effectTime)
uniform vec2 u_markScale;  // hatch period and line width unit, in framebuffer pixels

// Linear colours (the shaders encode with sqrt, so these are the sRGB values squared).
const vec3 kTargetBlue = vec3(0.0, 0.200, 0.487);      // #0072B2
const vec3 kTargetSky = vec3(0.114, 0.498, 0.835);     // #56B4E9
const vec3 kCautionOrange = vec3(0.814, 0.389, 0.0);   // #E69F00
const vec3 kNoGoVermillion = vec3(0.698, 0.136, 0.0);  // #D55E00
const vec3 kInk = vec3(0.012, 0.012, 0.018);           // outlines, dashes, hatching
const vec3 kHighlight = vec3(1.0, 0.97, 0.9);

struct RegionMarks {
    vec3 albedo;  // the region colour, mixed into the surface colour before lighting by `tint`
    float tint;
    float brighten;  // multiplies the lit colour (selection, hover)
    vec3 glow;       // added after lighting
    vec3 ink;        // drawn over the lit colour by inkAlpha: lines and hatching
    float inkAlpha;
};

// Soft fill: 0 outside, 1 inside, a smooth band around the 0.5 crossing (at least a pixel wide).
float regionFill(float m, float fw) {
    float s = max(0.2, fw);
    return smoothstep(0.5 - s, 0.5 + s, m);
}

// An anti-aliased line of half-width hw pixels along the 0.5 crossing of m.
float regionLine(float m, float fw, float hw) {
    float d = abs(m - 0.5) / max(fw, 1e-4);  // pixels to the boundary
    return 1.0 - smoothstep(hw - 0.5, hw + 0.5, d);
}

void over(inout vec3 ink, inout float alpha, vec3 c, float a) {
    ink = mix(ink, c, a);
    alpha = a + alpha * (1.0 - a);
}

RegionMarks regionMarks() {
    vec4 fw = fwidth(v_zone);
    float fwHover = fwidth(v_hover);
    float unit = u_markScale.y;
    RegionMarks r;
    float target = regionFill(v_zone.x, fw.x);
    float caution = regionFill(v_zone.y, fw.y);
    float noGo = regionFill(v_zone.z, fw.z);
    float tintSum = target + caution + noGo;
    r.tint = min(tintSum, 1.0) * 0.88;
    r.albedo = (kTargetBlue * target + kCautionOrange * caution + kNoGoVermillion * noGo) /
               max(tintSum, 1e-4);
    // Target: a faint sky glow over the whole region and a brighter one just inside its
    // boundary, both breathing with the pulse.
    float rim = target * (1.0 - smoothstep(0.5, 1.0, v_zone.x));
    r.glow = kTargetSky * ((0.05 + 0.07 * u_pulse) * target + (0.12 + 0.14 * u_pulse) * rim);
    r.brighten = 1.0 + 0.14 * regionFill(v_zone.w, fw.w) + 0.08 * regionFill(v_hover, fwHover);
    r.ink = kInk;
    r.inkAlpha = 0.0;
    // No-go: diagonal stripes at 45 degrees in screen space, a fixed period in pixels.
    float period = u_markScale.x;
    float across = fract((gl_FragCoord.x + gl_FragCoord.y) * 0.70710678 / period);
    float stripe = 1.0 - smoothstep(period * 0.2 - 0.5, period * 0.2 + 0.5,
                                    abs(across - 0.5) * period);
    over(r.ink, r.inkAlpha, kNoGoVermillion * 0.12, stripe * noGo * 0.9);
    // Hover: a light, thin line (under the others, which carry the safety meaning).
    over(r.ink, r.inkAlpha, kHighlight, regionLine(v_hover, fwHover, unit * 0.8) * 0.9);
    over(r.ink, r.inkAlpha, kInk, regionLine(v_zone.z, fw.z, unit));
    // Caution: the outline broken into dashes by a screen-space checker (a line in any
    // direction crosses its cells, so it alternates).
    vec2 cell = gl_FragCoord.xy / (period * 1.6);  // dashes about twice as long as wide
    vec2 tri = abs(fract(cell) - 0.5) - 0.25;
    float checker = clamp(0.5 + (tri.x * tri.y) / max(fwidth(tri.x * tri.y), 1e-4), 0.0, 1.0);
    over(r.ink, r.inkAlpha, kInk, regionLine(v_zone.y, fw.y, unit * 1.2) * checker);
    // Selection: a strong dark line with a bright core, readable on every region colour.
    over(r.ink, r.inkAlpha, kInk, regionLine(v_zone.w, fw.w, unit * 2.0));
    over(r.ink, r.inkAlpha, kHighlight, regionLine(v_zone.w, fw.w, unit * 0.45) * 0.9);
    return r;
}
