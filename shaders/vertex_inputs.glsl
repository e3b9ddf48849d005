// vertex_inputs.glsl: the attribute locations every drawing vertex stage shares (they match
// renderer/GpuMesh.cpp). Skinned meshes arrive here already skinned (see skin.vert).
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec2 a_uv;
#if defined(HAS_REGIONS)
// Anatomy labels (_REGION_IDS, _REGION_WEIGHTS): up to four regions per vertex, weights sum to 1.
layout(location = 5) in uvec4 a_regionIds;
layout(location = 6) in vec4 a_regionWeights;
#endif
