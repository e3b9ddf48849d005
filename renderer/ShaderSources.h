// ShaderSources: lookup of the GLSL files embedded from shaders/ at build time.
#pragma once

namespace ra::gfx {

struct EmbeddedShader {
    const char* name;    // file name in shaders/, e.g. "scene.vert"
    const char* source;  // the file's text
};

// nullptr when no shader of that name was embedded.
const EmbeddedShader* findShader(const char* name);

}  // namespace ra::gfx
