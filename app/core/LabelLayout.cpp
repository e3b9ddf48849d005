// LabelLayout: side choice (with hysteresis), columns cut around panels, least-squares stacking
// in anchor order, drops by priority, and an uncrossing pass for the leader lines.
#include "core/LabelLayout.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace ra::core {
namespace {

// A column of boxes beside the body: boxes align to its inner edge (the side facing the body),
// stacked inside free vertical spans (the column less the panels over it).
struct Column {
    LabelSide side = LabelSide::Left;
    float minX = 0.0f, maxX = -1.0f;
    std::vector<glm::vec2> spans;  // free [top, bottom] ranges, top to bottom
    std::vector<int> order;        // request indices, top to bottom

    float width() const { return maxX - minX; }
    float edge() const { return side == LabelSide::Left ? maxX : minX; }
};

struct Label {
    LabelSide natural = LabelSide::Left;
    LabelSide side = LabelSide::Left;
    bool dropped = false;
    ScreenRect box;
};

// Least-squares tops for boxes stacked in this order with `gap` between them, the stack inside
// `span`: pool-adjacent-violators on the tops less the stack offsets, then clipped (for a
// common bound the clip of the isotonic fit is the bounded optimum). Moving one ideal top by a
// pixel moves no box by more than a pixel.
std::vector<float> stackTops(const std::vector<float>& ideal, const std::vector<float>& height,
                             float gap, glm::vec2 span) {
    const size_t n = ideal.size();
    std::vector<float> offset(n, 0.0f);
    for (size_t k = 1; k < n; ++k) offset[k] = offset[k - 1] + height[k - 1] + gap;
    struct Block {
        double sum;
        size_t count;
        double mean() const { return sum / double(count); }
    };
    std::vector<Block> blocks;
    for (size_t k = 0; k < n; ++k) {
        blocks.push_back({double(ideal[k] - offset[k]), 1});
        while (blocks.size() > 1 && blocks[blocks.size() - 2].mean() > blocks.back().mean()) {
            blocks[blocks.size() - 2].sum += blocks.back().sum;
            blocks[blocks.size() - 2].count += blocks.back().count;
            blocks.pop_back();
        }
    }
    const float highest = n ? span.y - (offset[n - 1] + height[n - 1]) : span.y;
    std::vector<float> tops;
    for (const Block& b : blocks)
        for (size_t k = 0; k < b.count; ++k) {
            const float z = std::clamp(float(b.mean()), span.x, std::max(span.x, highest));
            tops.push_back(z + offset[tops.size()]);
        }
    return tops;
}

float cross2(glm::vec2 a, glm::vec2 b) {
    return a.x * b.y - a.y * b.x;
}

int placedCount(const LabelLayout& layout) {
    return int(std::count_if(layout.labels.begin(), layout.labels.end(),
                             [](const PlacedLabel& p) { return p.placed; }));
}

// What the stacking minimises: squared heights of the boxes' centres above or below anchors.
double displacement(const LabelLayoutInput& in, const LabelLayout& layout) {
    double sum = 0.0;
    for (size_t i = 0; i < layout.labels.size(); ++i) {
        const PlacedLabel& p = layout.labels[i];
        const double d = (p.box.min.y + p.box.max.y) * 0.5 - in.labels[i].anchor.y;
        if (p.placed) sum += d * d;
    }
    return sum;
}

void insertByAnchor(std::vector<int>& order, int label, const LabelLayoutInput& in) {
    const float y = in.labels[label].anchor.y;
    order.insert(
        std::find_if(order.begin(), order.end(), [&](int i) { return in.labels[i].anchor.y > y; }),
        label);
}

// Where the stacking order starts: anchor heights, or last frame's order (see layoutLabels).
enum class Seed { AnchorOrder, PreviousOrder };

class Layouter {
public:
    Layouter(const LabelLayoutInput& in, const LabelLayout* previous, Seed seed);
    LabelLayout run();

private:
    ScreenRect bodyBounds() const;
    Column makeColumn(LabelSide side) const;
    void cutSpans(Column& col) const;
    void chooseSides();
    void orderColumn(Column& col);
    void keepPreviousOrder(Column& col);
    const PlacedLabel* previousOn(int label, LabelSide side) const;
    void packColumn(Column& col);
    std::vector<std::vector<int>> assignSpans(const Column& col);
    void fitSpan(std::vector<int>& members, glm::vec2 span);
    void packSpan(const Column& col, const std::vector<int>& members, glm::vec2 span);
    int spanFor(const Column& col, int label, int first) const;
    bool uncrossOnce();
    void moveToSide(int label, LabelSide side);
    int lessImportant(int a, int b) const;
    Column& column(LabelSide side) { return side == LabelSide::Left ? m_left : m_right; }
    bool fits(const Column& col, int label) const {
        return m_in.labels[label].size.x <= col.width();
    }
    glm::vec2 leaderEnd(int label) const {
        return glm::clamp(m_in.labels[label].anchor, m_labels[label].box.min,
                          m_labels[label].box.max);
    }

    const LabelLayoutInput& m_in;
    Seed m_seed;
    std::unordered_map<std::uint32_t, const PlacedLabel*> m_previous;
    std::vector<Label> m_labels;
    ScreenRect m_body;
    float m_midX = 0.0f;
    Column m_left, m_right;
    int m_swapsLeft = 0;
};

Layouter::Layouter(const LabelLayoutInput& in, const LabelLayout* previous, Seed seed)
    : m_in(in), m_seed(seed), m_labels(in.labels.size()) {
    if (previous)
        for (const PlacedLabel& p : previous->labels)
            if (p.placed) m_previous[p.key] = &p;
    m_body = bodyBounds();
    m_midX = (m_body.min.x + m_body.max.x) * 0.5f;
    m_left = makeColumn(LabelSide::Left);
    m_right = makeColumn(LabelSide::Right);
    // Enough to untangle what stacking in anchor order leaves crossed; past it, drops decide.
    const int n = int(in.labels.size());
    m_swapsLeft = 4 * n + 16;
}

ScreenRect Layouter::bodyBounds() const {
    if (!m_in.body.empty() || m_in.labels.empty()) return m_in.body;
    ScreenRect b{m_in.labels[0].anchor, m_in.labels[0].anchor};
    for (const LabelRequest& r : m_in.labels) {
        b.min = glm::min(b.min, r.anchor);
        b.max = glm::max(b.max, r.anchor);
    }
    return b;
}

Column Layouter::makeColumn(LabelSide side) const {
    Column col;
    col.side = side;
    const ScreenRect& s = m_in.screen;
    if (side == LabelSide::Left) {
        col.minX = s.min.x + m_in.gap;
        col.maxX = std::min(m_body.min.x - m_in.bodyClearance, s.max.x - m_in.gap);
    } else {
        col.minX = std::max(m_body.max.x + m_in.bodyClearance, s.min.x + m_in.gap);
        col.maxX = s.max.x - m_in.gap;
    }
    cutSpans(col);
    return col;
}

// A panel the whole height of the column narrows it (keeping the side at the body); a shorter
// one takes its rows out of the column's full width.
void Layouter::cutSpans(Column& col) const {
    const float top = m_in.screen.min.y + m_in.gap, bottom = m_in.screen.max.y - m_in.gap;
    std::vector<glm::vec2> blocked;
    for (const ScreenRect& r : m_in.avoid) {
        if (r.empty() || r.max.x + m_in.gap <= col.minX || r.min.x - m_in.gap >= col.maxX) continue;
        if (r.min.y - m_in.gap <= top && r.max.y + m_in.gap >= bottom) {
            // Over the inner edge the edge moves out past the panel; else the column narrows.
            const bool overEdge =
                r.min.x - m_in.gap < col.edge() && r.max.x + m_in.gap > col.edge();
            if ((col.side == LabelSide::Left) != overEdge)
                col.minX = std::max(col.minX, r.max.x + m_in.gap);
            else
                col.maxX = std::min(col.maxX, r.min.x - m_in.gap);
        } else {
            blocked.push_back({r.min.y - m_in.gap, r.max.y + m_in.gap});
        }
    }
    std::sort(blocked.begin(), blocked.end(),
              [](glm::vec2 a, glm::vec2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    float from = top;
    for (glm::vec2 b : blocked) {
        if (b.x > from) col.spans.push_back({from, std::min(b.x, bottom)});
        from = std::max(from, b.y);
    }
    if (from < bottom) col.spans.push_back({from, bottom});
}

void Layouter::chooseSides() {
    for (size_t i = 0; i < m_labels.size(); ++i) {
        const LabelRequest& r = m_in.labels[i];
        Label& l = m_labels[i];
        l.natural = r.anchor.x < m_midX ? LabelSide::Left : LabelSide::Right;
        l.side = l.natural;
        auto prev = m_previous.find(r.key);
        if (prev != m_previous.end() && std::abs(r.anchor.x - m_midX) < m_in.sideHysteresis)
            l.side = prev->second->side;
        const LabelSide other = l.side == LabelSide::Left ? LabelSide::Right : LabelSide::Left;
        if (!fits(column(l.side), int(i))) l.side = other;  // no room beside the anchor
        if (!fits(column(l.side), int(i))) l.dropped = true;
        if (!l.dropped) column(l.side).order.push_back(int(i));
    }
    orderColumn(m_left);
    orderColumn(m_right);
}

const PlacedLabel* Layouter::previousOn(int label, LabelSide side) const {
    auto it = m_previous.find(m_in.labels[label].key);
    return it != m_previous.end() && it->second->side == side ? it->second : nullptr;
}

// Top to bottom by anchor height; labels level within the hysteresis keep last frame's order.
void Layouter::orderColumn(Column& col) {
    auto ay = [&](int i) { return m_in.labels[i].anchor.y; };
    std::stable_sort(col.order.begin(), col.order.end(), [&](int a, int b) {
        return ay(a) < ay(b) || (ay(a) == ay(b) && m_in.labels[a].key < m_in.labels[b].key);
    });
    if (m_seed == Seed::PreviousOrder) return keepPreviousOrder(col);
    // Bubble passes: each swap removes an inversion against last frame's order, so they end.
    for (bool swapped = true; swapped;) {
        swapped = false;
        for (size_t k = 0; k + 1 < col.order.size(); ++k) {
            const int a = col.order[k], b = col.order[k + 1];
            const PlacedLabel *pa = previousOn(a, col.side), *pb = previousOn(b, col.side);
            if (!pa || !pb || std::abs(ay(a) - ay(b)) >= m_in.orderHysteresis) continue;
            if (pb->box.min.y < pa->box.min.y) {
                std::swap(col.order[k], col.order[k + 1]);
                swapped = true;
            }
        }
    }
}

// Last frame's order (it was uncrossed then); newcomers slot in by anchor height.
void Layouter::keepPreviousOrder(Column& col) {
    std::vector<int> kept, newcomers;
    for (int i : col.order) (previousOn(i, col.side) ? kept : newcomers).push_back(i);
    std::stable_sort(kept.begin(), kept.end(), [&](int a, int b) {
        return previousOn(a, col.side)->box.min.y < previousOn(b, col.side)->box.min.y;
    });
    for (int i : newcomers) insertByAnchor(kept, i, m_in);
    col.order = kept;
}

// The span nearest the anchor among those from `first` on that are tall enough; -1: none.
int Layouter::spanFor(const Column& col, int label, int first) const {
    const LabelRequest& r = m_in.labels[label];
    int best = -1;
    float bestDistance = 0.0f;
    for (int s = std::max(first, 0); s < int(col.spans.size()); ++s) {
        const glm::vec2 span = col.spans[s];
        if (span.y - span.x < r.size.y) continue;
        const float d = std::max({span.x - r.anchor.y, r.anchor.y - span.y, 0.0f});
        if (best < 0 || d < bestDistance) {
            best = s;
            bestDistance = d;
        }
    }
    return best;
}

void Layouter::packColumn(Column& col) {
    auto pruneDropped = [&] {
        col.order.erase(std::remove_if(col.order.begin(), col.order.end(),
                                       [&](int i) { return m_labels[i].dropped; }),
                        col.order.end());
    };
    pruneDropped();
    std::vector<std::vector<int>> members = assignSpans(col);
    for (size_t s = 0; s < col.spans.size(); ++s) fitSpan(members[s], col.spans[s]);
    pruneDropped();
    for (size_t s = 0; s < col.spans.size(); ++s) packSpan(col, members[s], col.spans[s]);
}

// Spans are taken in order down the column so the stacking order holds across them.
std::vector<std::vector<int>> Layouter::assignSpans(const Column& col) {
    std::vector<std::vector<int>> members(col.spans.size());
    int floor = 0;
    for (int i : col.order) {
        const int s = spanFor(col, i, floor);
        if (s < 0) {
            m_labels[i].dropped = true;
            continue;
        }
        members[s].push_back(i);
        floor = s;
    }
    return members;
}

// Drops the least important labels until the rest fit the span's height.
void Layouter::fitSpan(std::vector<int>& members, glm::vec2 span) {
    auto needed = [&] {
        float h = 0.0f;
        for (int i : members) h += m_in.labels[i].size.y;
        return h + m_in.gap * float(members.empty() ? 0 : members.size() - 1);
    };
    while (!members.empty() && needed() > span.y - span.x) {
        const int loser = std::accumulate(members.begin() + 1, members.end(), members.front(),
                                          [&](int a, int b) { return lessImportant(a, b); });
        m_labels[loser].dropped = true;
        members.erase(std::find(members.begin(), members.end(), loser));
    }
}

void Layouter::packSpan(const Column& col, const std::vector<int>& members, glm::vec2 span) {
    std::vector<float> ideal, height;
    for (int i : members) {
        if (m_labels[i].dropped) continue;
        ideal.push_back(m_in.labels[i].anchor.y - m_in.labels[i].size.y * 0.5f);
        height.push_back(m_in.labels[i].size.y);
    }
    const std::vector<float> tops = stackTops(ideal, height, m_in.gap, span);
    size_t k = 0;
    for (int i : members) {
        if (m_labels[i].dropped) continue;
        const glm::vec2 size = m_in.labels[i].size;
        const float x = col.side == LabelSide::Left ? col.edge() - size.x : col.edge();
        m_labels[i].box = {{x, tops[k]}, {x + size.x, tops[k] + size.y}};
        ++k;
    }
}

// Lower priority loses; among equals the later request.
int Layouter::lessImportant(int a, int b) const {
    const int pa = m_in.labels[a].priority, pb = m_in.labels[b].priority;
    if (pa != pb) return pa < pb ? a : b;
    return std::max(a, b);
}

void Layouter::moveToSide(int label, LabelSide side) {
    Column& from = column(m_labels[label].side);
    from.order.erase(std::find(from.order.begin(), from.order.end(), label));
    insertByAnchor(column(side).order, label, m_in);
    m_labels[label].side = side;
}

// Finds one pair of crossing leaders and removes the crossing: swap them in their column
// (straight leaders to one edge uncross when their ends trade places), send a label that sits
// off its side home, or, when the swaps run out, drop the less important one. False: none cross.
bool Layouter::uncrossOnce() {
    std::vector<int> placed = m_left.order;
    placed.insert(placed.end(), m_right.order.begin(), m_right.order.end());
    for (size_t x = 0; x < placed.size(); ++x) {
        for (size_t y = x + 1; y < placed.size(); ++y) {
            const int a = placed[x], b = placed[y];
            if (!segmentsCross(m_in.labels[a].anchor, leaderEnd(a), m_in.labels[b].anchor,
                               leaderEnd(b)))
                continue;
            if (m_labels[a].side == m_labels[b].side && m_swapsLeft > 0) {
                --m_swapsLeft;
                Column& col = column(m_labels[a].side);
                std::iter_swap(std::find(col.order.begin(), col.order.end(), a),
                               std::find(col.order.begin(), col.order.end(), b));
                return true;
            }
            const bool aOff = m_labels[a].side != m_labels[a].natural;
            const bool bOff = m_labels[b].side != m_labels[b].natural;
            const int loser = aOff != bOff ? (aOff ? a : b) : lessImportant(a, b);
            const LabelSide home = m_labels[loser].natural;
            if (m_labels[loser].side != home && fits(column(home), loser))
                moveToSide(loser, home);
            else
                m_labels[loser].dropped = true;
            return true;
        }
    }
    return false;
}

LabelLayout Layouter::run() {
    chooseSides();
    // Each round swaps (budgeted), moves a label home (once each) or drops one, so it ends.
    const int rounds = m_swapsLeft + 2 * int(m_labels.size()) + 2;
    for (int round = 0; round < rounds; ++round) {
        packColumn(m_left);
        packColumn(m_right);
        if (!uncrossOnce()) break;
    }
    LabelLayout out;
    for (size_t i = 0; i < m_labels.size(); ++i) {
        PlacedLabel p;
        p.key = m_in.labels[i].key;
        p.placed = !m_labels[i].dropped;
        p.side = m_labels[i].side;
        p.leaderFrom = p.leaderTo = m_in.labels[i].anchor;
        if (p.placed) {
            p.box = m_labels[i].box;
            p.leaderTo = leaderEnd(int(i));
        }
        out.labels.push_back(p);
    }
    return out;
}

}  // namespace

bool segmentsCross(glm::vec2 a0, glm::vec2 a1, glm::vec2 b0, glm::vec2 b1) {
    const float d1 = cross2(a1 - a0, b0 - a0), d2 = cross2(a1 - a0, b1 - a0);
    const float d3 = cross2(b1 - b0, a0 - b0), d4 = cross2(b1 - b0, a1 - b0);
    return ((d1 > 0.0f && d2 < 0.0f) || (d1 < 0.0f && d2 > 0.0f)) &&
           ((d3 > 0.0f && d4 < 0.0f) || (d3 < 0.0f && d4 > 0.0f));
}

LabelLayout layoutLabels(const LabelLayoutInput& input, const LabelLayout* previous) {
    LabelLayout fresh = Layouter(input, previous, Seed::AnchorOrder).run();
    if (!previous) return fresh;
    // The stacking order is a discrete choice: re-deciding it every frame would make labels
    // trade places for a pixel's move. Keep last frame's order while it places as many labels,
    // uncrossed, about as close to their anchors.
    LabelLayout kept = Layouter(input, previous, Seed::PreviousOrder).run();
    const double slack =
        double(input.orderHysteresis) * input.orderHysteresis * double(input.labels.size());
    const bool keep = placedCount(kept) >= placedCount(fresh) &&
                      displacement(input, kept) <= displacement(input, fresh) * 1.1 + slack;
    return keep ? kept : fresh;
}

}  // namespace ra::core
