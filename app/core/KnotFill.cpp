// KnotFill: the worker thread, the handover of the fill between it and the threads that need a
// knot, and the lookup that never waits.
#include "core/KnotFill.h"

#include <algorithm>
#include <system_error>

namespace ra::core {

KnotFill::KnotFill(size_t count, float first, Step step)
    : m_count(std::max<size_t>(count, 1)), m_step(std::move(step)) {
    m_knots.reserve(m_count);
    m_knots.push_back(first);
}

KnotFill::~KnotFill() {
    {
        std::lock_guard<std::mutex> lock(m_lock);
        m_stop = true;
    }
    m_changed.notify_all();
    if (m_worker.joinable()) m_worker.join();
}

void KnotFill::start(bool held) {
    std::lock_guard<std::mutex> lock(m_lock);
    if (m_worker.joinable() || m_knots.size() >= m_count) return;
    m_held = held;
    try {
        // The worker first takes m_lock, so it sees m_working set below.
        m_worker = std::thread(&KnotFill::run, this);
        m_working = true;
    } catch (const std::system_error&) {
        // No thread to be had: fillTo() fills the table as it is needed.
    }
}

void KnotFill::hold(bool held) {
    {
        std::lock_guard<std::mutex> lock(m_lock);
        m_held = held;
    }
    m_changed.notify_all();
}

bool KnotFill::working() const {
    std::lock_guard<std::mutex> lock(m_lock);
    return m_working && m_knots.size() < m_count;
}

void KnotFill::want(size_t n) {
    {
        std::lock_guard<std::mutex> lock(m_lock);
        if (std::min(n, m_count) <= m_wanted) return;
        m_wanted = std::min(n, m_count);
    }
    m_changed.notify_all();
}

size_t KnotFill::filled() const {
    std::lock_guard<std::mutex> lock(m_lock);
    return m_knots.size();
}

size_t KnotFill::filledByWorker() const {
    std::lock_guard<std::mutex> lock(m_lock);
    return m_byWorker;
}

std::vector<float> KnotFill::knots() const {
    std::lock_guard<std::mutex> lock(m_lock);
    return m_knots;
}

void KnotFill::run() {
    std::unique_lock<std::mutex> lock(m_lock);
    try {
        for (;;) {
            m_changed.wait(lock, [&] {
                return m_stop || m_knots.size() >= m_count ||
                       (!m_held && !m_busy && m_knots.size() < m_wanted);
            });
            if (m_stop || m_knots.size() >= m_count) break;
            extendOne(lock, true);
        }
    } catch (...) {
        // The knot that failed is left to whoever needs it: fillTo() computes it on its own
        // thread, where the failure can be handled.
    }
    m_working = false;
    m_changed.notify_all();
}

void KnotFill::extendOne(std::unique_lock<std::mutex>& lock, bool onWorker) {
    m_busy = true;
    const size_t i = m_knots.size() - 1;
    const float knot = m_knots.back();
    lock.unlock();
    float next = 0.0f;
    try {
        next = m_step(i, knot);
    } catch (...) {
        lock.lock();
        m_busy = false;
        m_changed.notify_all();
        throw;
    }
    lock.lock();
    m_knots.push_back(next);  // within the reserve: readers' indices stay valid
    m_byWorker += onWorker ? 1 : 0;
    m_busy = false;
    m_changed.notify_all();
}

void KnotFill::fillTo(size_t n) {
    n = std::min(n, m_count);
    std::unique_lock<std::mutex> lock(m_lock);
    while (m_knots.size() < n) {
        if (m_busy)
            m_changed.wait(lock);
        else
            extendOne(lock, false);
    }
}

void KnotFill::awaitAll() {
    std::unique_lock<std::mutex> lock(m_lock);
    m_wanted = m_count;
    m_changed.notify_all();
    while (m_knots.size() < m_count) {
        if (m_busy || (m_working && !m_held && !m_stop))
            m_changed.wait(lock);
        else
            extendOne(lock, false);
    }
}

float KnotFill::at(double u, bool& exact) const {
    const size_t k = size_t(std::max(u, 0.0));
    std::lock_guard<std::mutex> lock(m_lock);
    exact = k + 1 < m_knots.size();
    if (!exact) return m_knots.back();
    return m_knots[k] + (m_knots[k + 1] - m_knots[k]) * float(u - double(k));
}

}  // namespace ra::core
