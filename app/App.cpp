// App: the interactive window's frame loop, input routing and command application.
#include "App.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/Headless.h"
#include "cli/ProcessClock.h"
#include "core/GltfLoader.h"
#include "ui/Panels.h"
#include "ui/UiStyle.h"

namespace ra::app {
namespace {

// The demo clip is a thoracic extension over the roller: its targets and the zone it keeps off.
// (The stretch library replaces this with each stretch's own targets and zones.)
const std::vector<std::string> kDemoFocus = {"thoracic_erectors", "upper_back", "lumbar_spine"};

}  // namespace

int runApp(const Options& options) {
    App app(options);
    return app.run();
}

App::App(Options options, std::function<double()> clock)
    : m_options(std::move(options)), m_clock(std::move(clock)) {
    if (!m_clock) m_clock = [] { return glfwGetTime(); };
}

App::~App() {
    if (m_imguiReady) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    m_renderer.reset();  // GL objects go before the context
}

bool App::init() {
    std::string error;
    WindowDesc desc;
    desc.fullscreen = m_options.fullscreen;
    if (m_options.width > 0) desc.width = m_options.width, desc.height = m_options.height;
    m_window = Window::create(desc, error);
    if (!m_window) {
        std::cerr << "roller-atlas: " << error << "\n";
        return false;
    }
    core::Diagnostics glDiags;
    gfx::RendererOptions ro;
    ro.msaaSamples = m_options.msaa;
    m_renderer = gfx::Renderer::create(glDiags, ro);
    if (!m_renderer) {
        printDiagnostics(glDiags);
        return false;
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // layout is fixed; nothing to persist yet
    ImGui_ImplGlfw_InitForOpenGL(m_window->handle(), true);  // chains to our callbacks
    ImGui_ImplOpenGL3_Init("#version 330 core");
    m_imguiReady = true;
    m_ui.contentScale = m_window->contentScale();
    m_ui.softwareRenderer = m_renderer->softwareRenderer();
    m_ui.smoothEdgesWhileMoving = !m_ui.softwareRenderer;
    m_ui.uiScale = m_options.uiScale > 0.0f ? m_options.uiScale : 1.0f;

    m_content = loadContent(m_options.assetsDir, m_options.modelPath);
    printDiagnostics(m_content.diags);
    loadUserConfig();
    applySettings();
    if (m_options.modelPath.empty() && m_settings.body != "adult") setBody(m_settings.body);
    m_scene.setModel(m_content.model);
    m_scene.setPreview(true);  // a far seek shows at once; the exact roller travel follows
    m_scene.playing = !m_options.paused;
    if (!m_options.pose.empty()) {
        if (!holdBuiltInPose(m_scene, m_options.pose, error))
            std::cerr << "roller-atlas: --pose: " << error << " (playing the clip instead)\n";
    } else if (m_content.surface && m_content.library) {
        // The window opens on a stretch: the one asked for, else the default when it exists.
        // The window opens on a stretch: the one asked for, else the last one played, else the
        // default when it exists.
        std::string id = m_options.stretch;
        if (id.empty() && m_content.library->find(m_settings.lastStretch))
            id = m_settings.lastStretch;
        if (id.empty()) id = kDefaultStretch;
        if (!m_options.stretch.empty() || m_content.library->find(id)) loadStretch(id);
    }
    if (m_options.time > 0.0) m_scene.setTime(m_options.time);  // --time: start there
    refreshMarks();
    m_ui.view = m_options.view;
    resetView();
    m_rig.snap();  // the first picture shows the framing at once
    if (m_options.present) setPresenting(true);
    m_lastTime = m_clock();
    return true;
}

void App::rebuildFonts() {
    const float scale = m_ui.contentScale * m_ui.uiScale;
    m_ui.captionPx = wantedCaptionPx();
    m_ui.fontPath = loadUiFont(std::round(kBaseFontPx * scale), m_ui.captionPx);
    applyUiStyle(scale, m_ui.theme);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    m_fontsDirty = false;
}

float App::wantedCaptionPx() const {
    if (!m_ui.presenting) return 0.0f;
    // At least 4.5% of the screen height (readable from the back of a room), never smaller than
    // twice the panel text.
    const glm::ivec2 fb = m_window->framebufferSize();
    const float scale = m_ui.contentScale * m_ui.uiScale;
    return std::max(std::round(float(fb.y) * 0.045f), std::round(kBaseFontPx * scale * 2.0f));
}

float App::bandFraction() const {
    const glm::ivec2 fb = m_window->framebufferSize();
    if (!m_ui.presenting || fb.y <= 0) return 0.0f;
    // One caption line with its heading and margins (PresentationPanel's layout).
    return std::min(0.4f, wantedCaptionPx() * 2.75f / float(fb.y));
}

glm::vec2 App::panelFractions() const {
    const glm::ivec2 ws = m_window->windowSize();
    if (!m_ui.showPanels || m_ui.presenting || ws.x <= 0) return glm::vec2(0.0f);
    const float em = std::round(kBaseFontPx * m_ui.contentScale * m_ui.uiScale);
    const float right = m_scene.stretch() ? cuePanelWidth(em, float(ws.x)) : 0.0f;
    return glm::vec2(controlPanelWidth(em, float(ws.x)), right) / float(ws.x);
}

// A stretch frames the body and the roller with room for the motion (the mat may run out of the
// picture: the body is what people came to see); anything else frames the whole scene.
void App::frameSubject(float aspect, float heightShare) {
    if (!m_scene.stretch()) {
        const core::Bounds b = m_scene.worldBounds();
        m_rig.frame(m_ui.view, b.min, b.max, aspect, heightShare);
        return;
    }
    const core::Bounds b = m_scene.casterBounds();
    const glm::vec3 centre = (b.min + b.max) * 0.5f, half = (b.max - b.min) * 0.5f * 1.15f;
    m_rig.frame(m_ui.view, centre - half, centre + half, aspect, heightShare);
}

void App::resetView() {
    const glm::ivec2 fb = m_window->framebufferSize();
    if (fb.x <= 0 || fb.y <= 0) return;
    m_viewTouched = false;
    // Frame into the part of the window the panels leave free; drawScene() adds the lens shift.
    if (m_compareScene) {  // two halves, captions on top, the transport bar below
        const float shift = compareShiftY();
        const float share = 1.0f - kCompareHeaderShare - (shift + kCompareHeaderShare);
        frameSubject(float(fb.x / 2) / float(fb.y), share);
        return;
    }
    const glm::vec2 panels = panelFractions();
    const float free = 1.0f - panels.x - panels.y;
    frameSubject(float(fb.x) * free / float(fb.y), 1.0f - bandFraction());
}

// The skin tone as the renderer's base colour (linear); "medium" keeps the figure's own colour,
// and a model of the user's keeps its own always.
glm::vec4 App::skinColour() const {
    if (!pickable() || m_ui.skinTone == "medium") return glm::vec4(0.0f);
    const glm::vec3 srgb = m_ui.skinTone == "light" ? glm::vec3(0.96f, 0.84f, 0.76f)
                           : m_ui.skinTone == "tan" ? glm::vec3(0.74f, 0.55f, 0.41f)
                                                    : glm::vec3(0.45f, 0.31f, 0.22f);
    return glm::vec4(srgb * srgb, 1.0f);  // the shaders encode with sqrt
}

// Switches between our figures; the stretch playing goes on on the new one. A figure that will
// not load is reported and the current one stays.
void App::setBody(const std::string& body) {
    if (m_content.assetsDir.empty()) return;
    const std::string file = body == "female" ? "body-female.glb" : "body.glb";
    const std::string path =
        (std::filesystem::path(m_content.assetsDir) / "models" / file).string();
    core::Diagnostics diags;
    auto model = core::loadGltf(path, diags);
    std::string error;
    std::optional<core::BodySurface> surface;
    if (model) {
        auto shared = std::make_shared<const core::ModelData>(std::move(*model));
        surface = core::BodySurface::build(shared, m_content.library->landmarks, error);
        if (surface) {
            m_content.model = shared;
            m_content.surface = std::make_shared<const core::BodySurface>(std::move(*surface));
            m_content.modelPath = path;
        }
    }
    printDiagnostics(diags);
    m_content.diags.append(diags);
    if (!surface) {
        if (!error.empty()) std::cerr << "roller-atlas: " << path << ": " << error << "\n";
        return;
    }
    m_ui.body = body;
    const std::string stretch = m_scene.stretch() ? m_scene.stretch()->stretch().id : "";
    const double t = m_scene.time();
    setCompare("");
    m_scene.setStretch(nullptr);
    m_scene.setModel(m_content.model);
    if (!stretch.empty()) loadStretch(stretch);
    m_scene.setTime(t);
    refreshMarks();
    resetView();
}

void App::loadModel(const std::string& path) {
    core::Diagnostics diags;
    auto model = core::loadGltf(path, diags);
    printDiagnostics(diags);
    m_content.diags = diags;
    if (!model) return;  // keep showing what was there
    m_content.model = std::make_shared<const core::ModelData>(std::move(*model));
    m_content.modelPath = path;
    m_scene.setModel(m_content.model);
    refreshMarks();
    resetView();
}

void App::loadStretch(const std::string& id) {
    std::string error;
    auto motion = makeStretchMotion(m_content, id, error);
    if (!motion) {
        std::cerr << "roller-atlas: --stretch: " << error << "\n";
        m_content.diags.error("stretch " + id, "", error);
        return;
    }
    if (m_compareScene && (!m_scene.stretch() || m_scene.stretch()->stretch().id != id))
        setCompare("");  // another stretch: the comparison ends
    const bool playing = m_scene.playing;
    m_scene.setStretch(std::move(motion));
    m_scene.playing = playing;
    m_safetyRevision = 0;
    refreshMarks();
    resetView();
    std::cout << "roller-atlas: playing " << id << std::endl;
    m_redrawFrames = std::max(m_redrawFrames, 3);
}

void App::updateSafety() {
    const core::StretchMotion* motion = m_scene.stretch();
    if (!motion || !m_scene.stretchFrame() || m_safetyRevision == m_scene.revision()) return;
    m_safety = core::assessContact(motion->surface(), *m_scene.stretchFrame(), motion->stretch());
    m_safetyRevision = m_scene.revision();
}

void App::refreshMarks() {
    m_marks.clear();
    const core::ModelData* model = m_scene.model();
    m_ui.modelHasRegions = model && model->regions.size() > 1;
    if (!m_ui.modelHasRegions) return;
    std::vector<std::string> ids;
    if (m_ui.marks == cmd::Marks::Off) {
        // only the selection below
    } else if (m_ui.marks == cmd::Marks::All) {
        for (size_t i = 1; i < model->regions.size(); ++i) ids.push_back(model->regions[i].id);
    } else if (!m_options.highlight.empty()) {
        ids = m_options.highlight;
    } else if (const core::StretchMotion* s = m_scene.stretch()) {
        ids = s->stretch().targets;
        ids.insert(ids.end(), s->stretch().avoid.begin(), s->stretch().avoid.end());
    } else {
        ids = kDemoFocus;
    }
    // The region the user clicked shows in the style of its kind as well as outlined.
    if (m_ui.selectedRegion > 0 && size_t(m_ui.selectedRegion) < model->regions.size())
        ids.push_back(model->regions[size_t(m_ui.selectedRegion)].id);
    std::string error;
    if (!highlightRegions(*model, ids, m_marks, error))
        std::cerr << "roller-atlas: " << error << "\n";  // the known ones stay marked
}

int App::run() {
    if (!init()) return 1;
    while (!m_window->shouldClose()) {
        const bool animating = sceneMoves() || m_ui.orbiting || m_rig.moving();
        if (animating || m_redrawFrames > 0)
            m_window->pollEvents();
        else if (m_scene.waitingForExact() || (m_compareScene && m_compareScene->waitingForExact()))
            m_window->waitEvents(0.05);  // the travel table is being filled: look again soon
        else
            m_window->waitEvents();  // nothing moves: sleep until the user does something
        frame();
    }
    saveSettingsWhenSettled(0.0, true);
    return 0;
}

}  // namespace ra::app
