// `meso stats` as text (aligned tables), JSON and CSV: pure functions of
// the figures of stats.h. docs/stats.md shows each.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/stats/stats.h"

namespace meso::stats {

// Per program a header, then per block a table of its weeks (sessions,
// days, sets, reps, tonnage, change), a table of its exercises per week
// (sets, reps, tonnage, mean and top % of 1RM) and, for a BFR block, its
// weeks against the protocol's targets.
void write_text(std::ostream& out, const std::vector<ProgramStats>& programs);

// { "programs": [ { name, athlete, unit, start, end, blocks: [ { name, method, start, end,
//   bfr, sessions, training_days, sets, reps, tonnage, weeks: [ { week, start, end, deload, sessions,
//   training_days, sets, reps, tonnage, sets_without_mass, volume_change_percent, compared_with,
//   exercises: [...], bfr } ] } ] } ] }
void write_json(std::ostream& out, const std::vector<ProgramStats>& programs);

// One row per block week (exercise empty) and one per exercise of the week:
// program,athlete,unit,block,method,week,start,end,deload,exercise,sessions,training_days,sets,reps,
// tonnage,sets_without_mass,mean_percent,top_percent,volume_change_percent
void write_csv(std::ostream& out, const std::vector<ProgramStats>& programs);

// A figure as the three writers give it: tonnage with at most three
// decimals (1,234.5 is written 1234.5), a percentage with one.
std::string tonnage_text(double tonnage);
std::string change_text(const std::optional<double>& percent);  // "+12.5%", "-40%", "" for none

}  // namespace meso::stats
