// StretchTravelTest: the roller's travel table filled on the worker thread is the table a fill on
// the caller's thread makes, bit for bit; Exact frames do not depend on who filled it; a preview
// never waits for it (and the scene re-poses once it arrives); a motion can go while it fills.
#include <catch2/catch.hpp>
#include <cstring>
#include <memory>

#include "BodyFixture.h"
#include "StretchFixture.h"
#include "core/StretchMotion.h"

using namespace ra::core;

namespace {

std::shared_ptr<const ModelData> shippedModel() {
    static const auto m = std::make_shared<const ModelData>(bodyFixture());
    return m;
}

std::shared_ptr<const BodySurface> shippedSurface() {
    static const auto s = [] {
        std::string error;
        auto b = BodySurface::build(shippedModel(), test::shipped().lib.landmarks, error);
        INFO(error);
        REQUIRE(b);
        return std::make_shared<const BodySurface>(std::move(*b));
    }();
    return s;
}

std::shared_ptr<StretchMotion> play(const std::string& id, TravelFill fill) {
    const Stretch* s = test::shipped().lib.find(id);
    INFO(id);
    REQUIRE(s);
    return std::make_shared<StretchMotion>(shippedSurface(), *s, Mat{},
                                           test::shipped().lib.rangeOfMotion, fill);
}

template <typename T>
bool sameBits(const T& a, const T& b) {
    return std::memcmp(&a, &b, sizeof(T)) == 0;
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// Where everything lies in two frames, compared bit for bit.
void requireSameFrame(const MotionFrame& a, const MotionFrame& b) {
    CHECK(a.exact == b.exact);
    CHECK(sameBits(a.roller.center, b.roller.center));
    CHECK(sameBits(a.roller.angle, b.roller.angle));
    CHECK(sameBits(a.modelToWorld, b.modelToWorld));
    REQUIRE(a.pose.world.size() == b.pose.world.size());
    for (size_t i = 0; i < a.pose.world.size(); ++i)
        CHECK(sameBits(a.pose.world[i], b.pose.world[i]));
}

}  // namespace

TEST_CASE("the travel table filled by the worker equals a fill on the caller's thread bit for bit",
          "[stretch][travel]") {
    for (const char* id : {"lat-release-past-ribs", "thoracic-extension-hips-lifted"}) {
        INFO(id);
        // Held: the worker never runs, the Exact evaluation at the end fills the table here.
        const auto here = play(id, TravelFill::Held);
        here->evaluate(here->duration());
        KnotFill& table = here->travelFill();
        REQUIRE(table.filled() == table.count());
        CHECK(table.filledByWorker() == 0);

        const auto background = play(id, TravelFill::Background);
        KnotFill& filled = background->travelFill();
        filled.awaitAll();
        REQUIRE(filled.filled() == filled.count());
        CHECK(filled.count() > 900);
        // All but the first knot and the one the constructor's own frame at t = 0 needed.
        CHECK(filled.filledByWorker() == filled.count() - 2);
        CHECK(sameBits(table.knots(), filled.knots()));
    }
}

TEST_CASE("an Exact frame far along is the same whether or not the worker filled the table",
          "[stretch][travel]") {
    const char* id = "lat-release-past-ribs";
    const auto here = play(id, TravelFill::Held);
    const double t = 0.6 * here->duration();
    const MotionFrame reference = here->evaluate(t);
    CHECK(reference.exact);

    const auto background = play(id, TravelFill::Background);
    background->travelFill().awaitAll();
    requireSameFrame(reference, background->evaluate(t));

    // The worker asked for the table by a preview while this thread fills it too: the two take
    // turns at the knots.
    const auto shared = play(id, TravelFill::Background);
    shared->evaluate(0.5 * t, EvalMode::Preview);
    requireSameFrame(reference, shared->evaluate(t));
    requireSameFrame(reference, shared->evaluate(t, EvalMode::Preview));
}

TEST_CASE("a preview never waits for the travel table and is made exact once it is filled",
          "[stretch][travel]") {
    const auto motion = play("thoracic-extension-hips-lifted", TravelFill::Held);
    KnotFill& table = motion->travelFill();
    const size_t before = table.filled();
    const double t = 0.8 * motion->duration();
    const MotionFrame preview = motion->evaluate(t, EvalMode::Preview);
    CHECK_FALSE(preview.exact);
    CHECK_FALSE(motion->exactAt(t));
    CHECK(table.filled() == before);  // it computed no knot and waited for none

    Scene scene;
    scene.setModel(shippedModel());
    scene.setPreview(true);
    scene.setStretch(motion);
    scene.playing = false;
    scene.setTime(t);
    REQUIRE(scene.stretchFrame());
    CHECK_FALSE(scene.stretchFrame()->exact);
    CHECK(scene.waitingForExact());
    const uint64_t revision = scene.revision();
    CHECK_FALSE(scene.refine());  // the table has not reached t: nothing to do
    CHECK(scene.revision() == revision);
    CHECK(table.filled() == before);

    table.hold(false);
    table.awaitAll();
    CHECK(motion->exactAt(t));
    CHECK(scene.refine());
    CHECK(scene.revision() != revision);
    CHECK_FALSE(scene.waitingForExact());
    CHECK(scene.stretchFrame()->exact);
    CHECK_FALSE(scene.refine());  // once exact, nothing more to do

    // The frame made exact is the Exact frame; the preview differed only in the roller's travel.
    const MotionFrame exact = motion->evaluate(t);
    requireSameFrame(exact, motion->evaluate(t, EvalMode::Preview));
    requireSameFrame(exact, *scene.stretchFrame());
    REQUIRE(preview.pose.world.size() == exact.pose.world.size());
    for (size_t i = 0; i < exact.pose.world.size(); ++i)
        CHECK(sameBits(preview.pose.world[i], exact.pose.world[i]));
    CHECK(sameBits(preview.pitchDegrees, exact.pitchDegrees));

    // Headless scenes stay exact: turning previews off re-poses a waiting frame at once.
    const auto held = play("thoracic-extension-hips-lifted", TravelFill::Held);
    scene.setStretch(held);
    scene.setTime(t);
    CHECK(scene.waitingForExact());
    scene.setPreview(false);
    CHECK_FALSE(scene.waitingForExact());
    requireSameFrame(exact, *scene.stretchFrame());
}

TEST_CASE("a stretch motion destroyed while its worker fills the table goes cleanly",
          "[stretch][travel]") {
    for (int run = 0; run < 40; ++run) {
        INFO("run " << run);
        auto motion =
            play("lat-release-past-ribs", run % 4 == 3 ? TravelFill::Held : TravelFill::Background);
        const MotionFrame f = motion->evaluate(0.1 * run * motion->duration(), EvalMode::Preview);
        CHECK(f.solved);
        motion.reset();  // the worker is mid-table (or held): stopped and joined here
    }
}
