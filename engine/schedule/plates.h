// Loading a barbell: a target mass in, the mass the bar and pairs of plates
// make nearest to it out, with the plates that go on each side.
//
//   BarLoader loader(20, {{25, std::nullopt}, {20, 2}, {5, std::nullopt}});
//   LoadedBar b = loader.load(150);  // 150 kg: 25 + 20 + 5 + 5 + ... a side
//
// Nearest, and halves up (as `round`); the plates of a side are the fewest
// that make it, heaviest first among those. Counts are of plates, so a
// count of 3 gives one pair. Limited counts make the greedy pick wrong (a
// side of 30 with one pair of 25s and 15s unlimited is 15 + 15, not 25 +
// nothing), so the reachable sides are counted exactly, by a table of the
// fewest plates for every side up to what the target needs. The table is
// made once per loader and grows as heavier targets ask for it.
//
// Nothing can go wrong: a target below the bar gives the bar alone
// (LoadedBar::below_bar says so, for the caller's warning), and one beyond
// what limited plates can make gives all of them. Masses are in any one
// unit (the athlete's); plates are whole multiples of 0.025 of it, which
// engine/resolve checks, and keeps the table small.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/ir/ir.h"

namespace meso::scheduling {

struct LoadedBar {
    double mass = 0;               // the bar and its plates
    std::vector<double> per_side;  // the plates of one side, heaviest first; empty for the bar alone
    bool below_bar = false;        // the target was lighter than the bar
};

class BarLoader {
public:
    BarLoader(double bar, std::vector<ir::Plate> plates);
    LoadedBar load(double target);

private:
    struct Kind {
        long long grains = 0;  // the plate's mass in units of `grain_`
        long long pairs = -1;  // pairs there are; -1: as many as needed
        double mass = 0;       // as given
    };
    long long bar_milli_ = 0;       // the bar in thousandths of the unit
    long long grain_milli_ = 1;     // the greatest common divisor of the plates, in thousandths
    std::vector<Kind> kinds_;       // heaviest first, those with at least one pair
    long long reachable_max_ = -1;  // the heaviest side all plates make, in grains; -1: no bound
    // fewest_[k][s]: the fewest plates of kinds k.. that make a side of s
    // grains (unreachable: `none`); fewest_[kinds_.size()] is the empty set.
    std::vector<std::vector<std::uint32_t>> fewest_;
    static constexpr std::uint32_t none = UINT32_MAX;

    void grow(long long side);  // the table covers sides 0..side
    long long covered() const { return fewest_.empty() ? -1 : static_cast<long long>(fewest_.front().size()) - 1; }
};

// The same for one target, without keeping the table.
LoadedBar load_bar(double target, double bar, const std::vector<ir::Plate>& plates);

}  // namespace meso::scheduling
