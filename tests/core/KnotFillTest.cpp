// KnotFillTest: a table filled on the worker thread holds the same knots as one filled on the
// caller's thread; a held worker leaves the table to its callers and never makes a lookup wait;
// the worker fills only as far as asked; a fill can be destroyed while its worker runs; a step
// that fails on the worker is retried by the thread that needs the knot.
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "core/KnotFill.h"

using namespace ra::core;

namespace {

// An integration whose knots depend on every knot before them and on the order of the steps.
float step(size_t i, float knot) {
    float work = knot;
    for (int k = 0; k < 200; ++k) work = work * 0.999f + std::sin(float(i + size_t(k))) * 1e-3f;
    return work;
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

TEST_CASE("a knot table filled by its worker equals one filled on the caller's thread",
          "[knotfill]") {
    constexpr size_t kCount = 2000;
    KnotFill here(kCount, 0.25f, step);
    here.fillTo(kCount);
    REQUIRE(here.filled() == kCount);
    CHECK(here.filledByWorker() == 0);

    KnotFill background(kCount, 0.25f, step);
    background.start();
    background.awaitAll();
    REQUIRE(background.filled() == kCount);
    CHECK(background.filledByWorker() == kCount - 1);
    CHECK(sameBits(here.knots(), background.knots()));

    // Both at once: the caller takes the fill whenever the worker is between knots.
    KnotFill shared(kCount, 0.25f, step);
    shared.start();
    shared.want(kCount);
    for (size_t n = 2; n <= kCount; n += 97) shared.fillTo(n);
    shared.awaitAll();
    CHECK(sameBits(here.knots(), shared.knots()));
}

TEST_CASE("a held worker leaves the table to its callers and lookups never wait", "[knotfill]") {
    constexpr size_t kCount = 500;
    KnotFill fill(kCount, 1.0f, step);
    fill.start(true);
    bool exact = true;
    CHECK(fill.at(300.5, exact) == 1.0f);  // the last filled knot's value
    CHECK_FALSE(exact);
    CHECK(fill.filled() == 1);  // the lookup computed nothing

    fill.fillTo(10);
    CHECK(fill.filled() == 10);
    CHECK(fill.filledByWorker() == 0);
    const std::vector<float> first = fill.knots();
    const float between = fill.at(3.5, exact);
    CHECK(exact);
    CHECK(between == first[3] + (first[4] - first[3]) * 0.5f);
    CHECK(fill.at(8.0, exact) == first[8]);
    CHECK(exact);
    CHECK(fill.at(9.0, exact) == first[9]);  // knot 10 is missing: 9's value, not exact
    CHECK_FALSE(exact);

    fill.hold(false);
    fill.awaitAll();
    CHECK(fill.filled() == kCount);
    CHECK(fill.filledByWorker() == kCount - 10);
    fill.at(300.5, exact);
    CHECK(exact);

    KnotFill reference(kCount, 1.0f, step);
    reference.fillTo(kCount);
    CHECK(sameBits(reference.knots(), fill.knots()));
}

TEST_CASE("a knot fill destroyed while its worker runs stops and joins it", "[knotfill]") {
    for (int run = 0; run < 300; ++run) {
        std::atomic<size_t> steps{0};
        {
            KnotFill fill(100000, 0.0f, [&steps](size_t i, float knot) {
                ++steps;
                return step(i, knot);
            });
            fill.start(run % 3 == 1);
            fill.want(SIZE_MAX);
            if (run % 3 == 2) fill.fillTo(size_t(run % 7) + 1);
        }
        const size_t after = steps.load();
        std::this_thread::yield();
        CHECK(steps.load() == after);  // joined: nothing runs the step any more
    }
}

TEST_CASE("a step that fails on the worker is computed again by the thread that needs it",
          "[knotfill]") {
    constexpr size_t kCount = 200;
    const std::thread::id caller = std::this_thread::get_id();
    std::atomic<bool> failed{false};
    KnotFill fill(kCount, 0.5f, [&](size_t i, float knot) {
        if (i == 50 && std::this_thread::get_id() != caller && !failed.exchange(true))
            throw std::runtime_error("out of memory");
        return step(i, knot);
    });
    fill.start();
    fill.awaitAll();
    KnotFill reference(kCount, 0.5f, step);
    reference.fillTo(kCount);
    CHECK(sameBits(reference.knots(), fill.knots()));
}

TEST_CASE("a knot fill's worker fills only as far as it is asked", "[knotfill]") {
    KnotFill fill(1000, 0.0f, step);
    fill.start();
    CHECK(fill.working());
    fill.want(40);
    fill.fillTo(40);             // waits for the worker (or takes turns with it)
    CHECK(fill.filled() == 40);  // and it stopped there: nothing asked for more
    fill.want(20);               // asking for less changes nothing
    fill.fillTo(41);
    CHECK(fill.filled() == 41);
    fill.awaitAll();
    CHECK(fill.filled() == 1000);
    CHECK_FALSE(fill.working());  // done: the worker has ended
}
