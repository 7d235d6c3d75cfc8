#include "engine/schedule/plates.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>

namespace meso::scheduling {

namespace {

// Masses are counted in thousandths of the unit, so that sums and ties are exact.
long long milli(double mass) { return std::llround(mass * 1000.0); }

constexpr long long unreachable = -1;

// The fewest plates of one kind (`grains` each, at most `pairs` of them, -1
// for any number) added to what `next` reaches, for every side: for each
// residue modulo `grains`, the minimum of next[s - c·grains] + c over the
// c allowed, a sliding window over the residue's sides.
std::vector<long long> add_kind(const std::vector<long long>& next, long long grains, long long pairs)
{
    const auto size = static_cast<long long>(next.size());
    std::vector<long long> layer(next.size(), unreachable);
    for (long long residue = 0; residue < std::min(grains, size); ++residue) {
        std::deque<std::pair<long long, long long>> window;  // (j, next[j-th side] - j), increasing values
        for (long long j = 0, s = residue; s < size; ++j, s += grains) {
            const long long here = next[static_cast<std::size_t>(s)];
            if (here != unreachable) {
                while (!window.empty() && window.back().second >= here - j) window.pop_back();
                window.emplace_back(j, here - j);
            }
            if (pairs >= 0)
                while (!window.empty() && window.front().first < j - pairs) window.pop_front();
            if (!window.empty()) layer[static_cast<std::size_t>(s)] = window.front().second + j;
        }
    }
    return layer;
}

}  // namespace

BarLoader::BarLoader(double bar, std::vector<ir::Plate> plates) : bar_milli_(milli(bar))
{
    std::sort(plates.begin(), plates.end(), [](const ir::Plate& a, const ir::Plate& b) { return a.mass > b.mass; });
    long long grain = 0;
    for (const auto& p : plates) {
        const long long pairs = p.count ? *p.count / 2 : -1;
        if (pairs == 0 || milli(p.mass) <= 0) continue;  // an odd plate out is never loaded
        kinds_.push_back({milli(p.mass), pairs, p.mass});
        grain = std::gcd(grain, milli(p.mass));
    }
    grain_milli_ = grain > 0 ? grain : 1;
    long long most = 0;
    for (auto& k : kinds_) {
        k.grains /= grain_milli_;
        if (k.pairs < 0) most = -1;
        if (most >= 0) most += k.pairs * k.grains;
    }
    reachable_max_ = most;
}

void BarLoader::grow(long long side)
{
    const long long size = std::max(side, 2 * covered()) + 1;
    std::vector<long long> layer(static_cast<std::size_t>(size), unreachable);
    layer[0] = 0;
    fewest_.assign(kinds_.size() + 1, {});
    const auto keep = [](const std::vector<long long>& from) {
        std::vector<std::uint32_t> out(from.size());
        std::transform(from.begin(), from.end(), out.begin(),
                       [](long long v) { return v == unreachable ? none : static_cast<std::uint32_t>(std::min<long long>(v, none - 1)); });
        return out;
    };
    fewest_[kinds_.size()] = keep(layer);
    for (std::size_t k = kinds_.size(); k-- > 0;) {
        layer = add_kind(layer, kinds_[k].grains, kinds_[k].pairs);
        fewest_[k] = keep(layer);
    }
}

LoadedBar BarLoader::load(double target)
{
    LoadedBar out;
    const long long wanted = milli(target);
    out.mass = static_cast<double>(bar_milli_) / 1000.0;
    out.below_bar = wanted < bar_milli_;
    if (wanted <= bar_milli_ || kinds_.empty()) return out;
    // The side in grains: below it the nearest reachable side (0 always is),
    // above it one within the heaviest plate (adding plates one by one
    // climbs in steps no larger), unless all the plates make less.
    const long long step = 2 * grain_milli_;
    const long long below = (wanted - bar_milli_) / step;
    long long above = below + ((wanted - bar_milli_) % step != 0 ? 1 : 0);
    long long reach = above + kinds_.front().grains;
    if (reachable_max_ >= 0) {
        reach = std::min(reach, reachable_max_);
        above = std::min(above, reachable_max_);
    }
    if (covered() < reach) grow(reach);
    const auto& all = fewest_.front();
    long long low = std::min(below, reach);
    while (all[static_cast<std::size_t>(low)] == none) --low;
    long long high = above;
    while (high <= reach && all[static_cast<std::size_t>(high)] == none) ++high;
    long long side = low;
    // Nearest, and the heavier of two as near (halves up, as `round`).
    if (high <= reach && (bar_milli_ + high * step) - wanted <= wanted - (bar_milli_ + low * step)) side = high;
    out.mass = static_cast<double>(bar_milli_ + side * step) / 1000.0;
    // The fewest plates, heaviest first: as many of each kind as still
    // leave the rest makeable with the fewest plates in all.
    for (std::size_t k = 0; k < kinds_.size() && side > 0; ++k) {
        const auto& kind = kinds_[k];
        long long count = side / kind.grains;
        if (kind.pairs >= 0) count = std::min(count, kind.pairs);
        const std::uint32_t fewest = fewest_[k][static_cast<std::size_t>(side)];
        while (count > 0 && fewest_[k + 1][static_cast<std::size_t>(side - count * kind.grains)] != fewest - count) --count;
        out.per_side.insert(out.per_side.end(), static_cast<std::size_t>(count), kind.mass);
        side -= count * kind.grains;
    }
    return out;
}

LoadedBar load_bar(double target, double bar, const std::vector<ir::Plate>& plates) { return BarLoader(bar, plates).load(target); }

}  // namespace meso::scheduling
