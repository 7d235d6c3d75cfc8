// Training figures of a schedule (stage 3, beside the scheduler: it reads
// dated sessions and nothing later), for `meso stats`, `meso view` and the
// rules' metrics `tonnage` and `weekly-volume-change`.
//
//   stats::ProgramStats s = stats::program_stats(program);   // a ProgramSchedule
//   for (const auto& block : s.blocks) for (const auto& week : block.weeks) use(week.tonnage);
//
// What is counted (docs/stats.md says it for users): block weeks as the
// scheduler numbers them (Session::week; week n starts on the block's
// planned start + 7(n-1)); sets, reps and tonnage of work sets only (a
// warm-up is left out), a set's reps being the least of a range or of an
// AMRAP; tonnage is sets × reps × load in the athlete's unit (kg or lb),
// and a set without a mass (a % load and no max, RPE alone, a timed set)
// adds nothing to it and is counted in sets_without_mass instead. The change
// in volume compares a week's tonnage with the previous non-deload week of
// the same block that has sessions; none for the first, or when that week's
// tonnage is 0. Nothing can go wrong: a block without sessions has weeks of
// zeros.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/schedule/schedule.h"

namespace meso::stats {

struct ExerciseWeek {
    std::string name;
    long long sets = 0;  // work sets
    long long reps = 0;
    double tonnage = 0;  // in the athlete's unit
    long long sets_without_mass = 0;
    std::optional<double> mean_percent;  // of 1RM, over the work sets that have one
    std::optional<double> top_percent;
};

// A week of a BFR block against the protocol's targets (std.bfr's
// `frequency` rule, language.md §5): at most 2 sessions a day, and in a
// week beyond the third of BFR blocks in a row, 2 or 3 training days.
struct BfrWeek {
    int run_week = 1;  // the week's place in the run of BFR blocks in a row
    long long sessions = 0;
    int most_sessions_a_day = 0;
    int training_days = 0;
    bool days_limited = false;  // run_week > 3: 2 or 3 training days
    bool within_targets = true;
};

struct Week {
    int week = 1;  // block week, 1-based
    std::chrono::sys_days start;
    std::chrono::sys_days end;  // start + 6
    bool deload = false;        // a session of the week is a deload's
    long long sessions = 0;
    long long training_days = 0;
    long long sets = 0;
    long long reps = 0;
    double tonnage = 0;
    long long sets_without_mass = 0;
    std::optional<double> volume_change_percent;  // against `compared_with`
    int compared_with = 0;                        // the week compared with; 0: none
    std::vector<ExerciseWeek> exercises;          // in order of first appearance
    std::optional<BfrWeek> bfr;                   // a BFR block's week
};

struct BlockStats {
    std::string name;
    std::string method;
    std::chrono::sys_days start;
    std::chrono::sys_days end;
    bool bfr = false;
    std::vector<Week> weeks;  // every block week, 1 to BlockPlan::weeks
    long long sessions = 0;   // the block's totals
    long long training_days = 0;
    long long sets = 0;
    long long reps = 0;
    double tonnage = 0;
};

struct ProgramStats {
    std::string name;
    std::string athlete;
    ir::MassUnit unit = ir::MassUnit::kg;
    std::chrono::sys_days start;
    std::chrono::sys_days end;
    std::vector<BlockStats> blocks;
};

ProgramStats program_stats(const scheduling::ProgramSchedule& program);

// One block's figures: `bfr_days_before` is the length in days of the BFR
// blocks right before it, in a row (0 when it does not continue a run).
BlockStats block_stats(const scheduling::ProgramSchedule& program, std::size_t block, int bfr_days_before);

}  // namespace meso::stats
