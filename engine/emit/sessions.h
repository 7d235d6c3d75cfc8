// Emitting dated sessions for `meso schedule`: JSON and CSV for tools (the
// text for people is schedule_text.h's). Pure functions of the schedule; the
// keys and columns are those of cli.md (and a few more, documented in
// docs/schedule.md).
#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "engine/base/timezone.h"
#include "engine/schedule/schedule.h"

namespace meso::emit {

// `default_zone` is the zone of programs that name none (--timezone, else
// the machine's), and where it came from: each program's header says the
// zone its times are in.

// { "programs": [ { name, athlete, unit, start, end, timezone, blocks: [...], sessions: [...],
//   timezone_source } ] }
void write_sessions_json(std::ostream& out, const scheduling::ScheduleResult& schedule, const ZoneChoice& default_zone = {});

// date,start,end,program,athlete,block,week,exercise,sets,reps,load_kg,load_percent,rest_s, then the
// appended columns (docs/schedule.md), the last of them plates
void write_sessions_csv(std::ostream& out, const scheduling::ScheduleResult& schedule);

// What the writers share. The zone of a program's times: its own, else `default_zone`.
ZoneChoice zone_of(const scheduling::ProgramSchedule& program, const ZoneChoice& default_zone);

// A program's competitions by date.
std::vector<const ir::Competition*> competitions_by_date(const ir::Program& program);

// The local time of day a session ends (after midnight: the next day's).
std::chrono::minutes end_of(const scheduling::Session& session);

// The load of one set, as a person reads it: "36 kg (20%)", "RPE 8", "75%".
// A barbell set's plates follow its load: "150 kg (75%) [25+25+15 a side]".
std::string describe_load(const scheduling::SetPlan& set, const scheduling::ProgramSchedule& program);

// "4×30/15/15/15 @ 36 kg (20%)" — sets and reps of an exercise, with its load when all sets share one.
std::string describe_sets(const scheduling::ExercisePlan& exercise, const scheduling::ProgramSchedule& program);

}  // namespace meso::emit
