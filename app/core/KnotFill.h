// KnotFill: a table of knots in which each knot follows from the one before (an integration),
// filled in order on a worker thread, or by whoever needs a knot the worker has not reached.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ra::core {

// The worker fills only as far as it is asked to (want()), so an idle table costs nothing; it
// waits, blocked, until asked for more.
//
// Locking: one mutex guards the table, the flags and the "fill" (the right to compute the next
// knot). Whoever holds the fill (the worker, or a caller of fillTo) computes one knot with the
// mutex released, then publishes it under the mutex and hands the fill back; so the steps run one
// at a time and in order, the step function's own state needs no lock of its own (each handover
// passes through the mutex), and readers wait at most for one knot to be published, never for
// one to be computed. The destructor stops the worker after its current knot and joins it.
class KnotFill {
public:
    // Knot i + 1 from knot i. Called for i = 0, 1, 2... in order, one call at a time, from
    // whichever thread holds the fill; it may keep state from one call to the next. It must give
    // the same knot whichever thread calls it: that keeps the table the same however it filled.
    using Step = std::function<float(size_t i, float knot)>;

    // `count` knots in all (at least 1), the first being `first`. No thread runs until start().
    // Whatever `step` reads must outlive the KnotFill (declare it after what it reads).
    KnotFill(size_t count, float first, Step step);
    ~KnotFill();
    KnotFill(const KnotFill&) = delete;
    KnotFill& operator=(const KnotFill&) = delete;

    // Starts the worker (once); it fills nothing until want() asks, and a held one nothing until
    // hold(false). Without a worker (start() not called, or no thread to be had) fillTo()
    // computes the knots on the caller's thread.
    void start(bool held = false);
    void hold(bool held);  // pauses the worker before its next knot, or lets it go on
    // A worker is there for what the table lacks: started, not failed, the table not complete.
    bool working() const;
    // Asks the worker to fill knots [0, n) (n at most count()); never waits.
    void want(size_t n);

    size_t count() const { return m_count; }
    size_t filled() const;             // knots in the table now
    size_t filledByWorker() const;     // of those, computed on the worker thread
    std::vector<float> knots() const;  // the table as filled now
    // Knots [0, n) are in the table when this returns (n at most count()): it waits while
    // another thread computes the next knot, and computes it itself when none does.
    void fillTo(size_t n);
    // Asks for the whole table and waits until the worker has filled it; what no worker will
    // fill (none started, held, or ended by an exception) is filled on this thread.
    void awaitAll();

    // The table at `u` (in knots, linear between them) when knots floor(u) and floor(u) + 1 are
    // filled, with `exact` true; otherwise the last filled knot's value, with `exact` false.
    // Never waits for a knot.
    float at(double u, bool& exact) const;

private:
    void run();
    // Computes and publishes one knot; the caller holds `lock` (taken on m_lock), the fill is
    // free and the table is not complete. Returns with `lock` held.
    void extendOne(std::unique_lock<std::mutex>& lock, bool onWorker);

    const size_t m_count;
    Step m_step;
    mutable std::mutex m_lock;
    std::condition_variable m_changed;  // a knot was published, the fill freed, a flag changed
    std::vector<float> m_knots;         // reserved to m_count: a push never moves the others
    size_t m_byWorker = 0;
    size_t m_wanted = 1;     // the worker fills knots [0, m_wanted)
    bool m_busy = false;     // someone holds the fill
    bool m_held = false;     // the worker waits before its next knot
    bool m_stop = false;     // the destructor asks the worker to end
    bool m_working = false;  // the worker thread runs (it clears this when it ends)
    std::thread m_worker;
};

}  // namespace ra::core
