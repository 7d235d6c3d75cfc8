// A set as people read it, shared by the text schedule, the CSV and the
// calendars: its reps ("5", "5+", "8-12", "45 s"), its load ("135 kg (75%)",
// "152.5 kg (TM 85%, 76.5%)", "RIR 2"), a barbell's plates ("25+20+5"), and the groups of consecutive sets
// that share a load. docs/schedule.md shows them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/schedule/schedule.h"

namespace meso::emit {

// "5", "5+" (AMRAP), "8-12", "45 s", "1 min".
std::string reps_text(const scheduling::SetPlan& set);
// reps_text(a) == reps_text(b), without writing either when neither is timed.
bool same_reps_text(const scheduling::SetPlan& a, const scheduling::SetPlan& b);

// A duration of a timed set: "45 s", or "1 min" for whole minutes.
std::string set_seconds_text(double seconds);

// Do two sets share a load (percent, mass, % TM and effort) and warm-up-ness?
bool same_load(const scheduling::SetPlan& a, const scheduling::SetPlan& b);

// Do two sets differ at most in their number of reps? (A CSV row holds
// such sets: `30,15,15,15 @ 20%` stays one row, reps "30/15/15/15".)
bool same_row(const scheduling::SetPlan& a, const scheduling::SetPlan& b);

// The runs [first, last) of consecutive sets for which `same` holds with the run's first set.
struct SetRun {
    std::size_t first = 0;
    std::size_t last = 0;
};
template <typename Same> std::vector<SetRun> runs_of(const std::vector<scheduling::SetPlan>& sets, Same same)
{
    std::vector<SetRun> runs;
    for (std::size_t i = 0; i < sets.size();) {
        std::size_t j = i + 1;
        while (j < sets.size() && same(sets[i], sets[j])) ++j;
        runs.push_back({i, j});
        i = j;
    }
    return runs;
}

// A barbell's plates a side: "25+20+5", "bar" for the bar alone.
std::string plates_text(const std::vector<double>& per_side);

// The reps of sets [first, last): "5" when all read the same, else "5/5/5+".
std::string reps_of(const std::vector<scheduling::SetPlan>& sets, SetRun run, const char* separator);

}  // namespace meso::emit
