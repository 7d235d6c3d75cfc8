// The scheduler: IR in, dated sessions out.
//
//   ScheduleResult r = schedule(module, {.max_sessions = 1'000'000});
//
// Each program's blocks follow each other from `start` (or end on `end`,
// planned backward). Block week n is the seven days from
// block start + 7(n-1). A training day (from `days`, else the weekdays of
// the splits) gets one session per `sessions` time. `pause` moves training
// days: the block in progress resumes on its first training weekday after
// the pause with the session it stopped at, and every later training day
// moves by as many training days as fell in the pause (with `end`: the
// earlier ones, earlier); a moved session keeps its block week, split, times
// and Session::day. `skip` then drops the sessions of those dates. Loads
// become masses from the athlete's max, rounded to the athlete's step
// (halves up), or for an exercise marked `barbell` to what the athlete's
// bar and plates make (plates.h), for a `dumbbell` or `machine` to its own
// step. docs/schedule.md tells the rules in full.
//
// Sessions are small and share their content: every session of a block
// week and split points at one SessionContent. Dates and times are local to
// the program's time zone; engine/emit turns them into instants.
//
// What can go wrong, reported as Diagnostics: no start or end (or both),
// more sessions than max_sessions (checked before they are made), a week
// override past the block's end, a date outside the years 1900..9999; and,
// as warnings, a skip or a pause that changes nothing (outside the
// program's dates, on rest days, a skip inside a pause).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/base/text.h"  // format_date, format_time, weekday_name: what the emitters write sessions with
#include "engine/ir/ir.h"

namespace meso::scheduling {

// One set of a session, as planned. Kept small (a session may hold
// hundreds of thousands of sets within the bounds): effort and seconds are
// floats, which hold RPE and RIR (0-10 by halves) and whole seconds exactly.
struct SetPlan {
    int reps = 0;                      // the least of a range; 0 for a timed set
    std::optional<int> reps_max;       // `8-12`: 12
    bool amrap = false;                // `5+`
    bool warm_up = false;              // rules about work sets leave it out
    bool on_barbell = false;           // made of the athlete's bar and plates: ProgramSchedule::plates_of gives them
    std::optional<double> percent;     // of 1RM: as written, derived from a % TM, or from a mass when a max is known
    std::optional<double> mass;        // in the athlete's unit, rounded to the athlete's step
    std::optional<double> tm_percent;  // `85% TM`: 85 (percent then holds the share of the 1RM, when a max is known)
    std::optional<float> rpe;
    std::optional<float> rir;
    std::optional<float> seconds;  // a timed set
};

struct ExercisePlan {
    std::string name;
    std::vector<SetPlan> sets;  // warm-ups first
    std::optional<double> rest_s;
    bool percent_without_max = false;  // a % load and no max for the exercise: no mass computed
    bool each_side = false;            // `each side`
    int superset = 0;                  // 0 alone; else the superset's number in its session, from 1
    Span span;                         // the prescription that made it
};

struct SessionContent {
    std::vector<ExercisePlan> exercises;
    ir::Occlusion occlusion = ir::Occlusion::unspecified;
    Span occlusion_span;
    std::optional<ir::Pressure> cuff_pressure;
    Span cuff_span;
    ir::Limb cuff_limb = ir::Limb::unspecified;
    // The pressure in whole mmHg: as written, or a % AOP of the athlete's
    // arterial occlusion pressure for the cuffed limb; none when unknown
    // (no limb, or no `aop` for it).
    std::optional<double> cuff_mmhg;
    std::optional<double> cuff_width_cm;
    std::vector<std::string> notes;
    Span sessions_span;  // the `sessions` statement that set the times
    bool deload = false;
};

struct Session {
    std::chrono::sys_days date;
    std::chrono::minutes start{0};  // local time since midnight
    std::chrono::minutes length{60};
    std::uint32_t block = 0;          // index into ProgramSchedule::blocks
    std::uint32_t content = 0;        // index into ProgramSchedule::contents
    std::uint16_t week = 1;           // block week, 1-based
    std::uint16_t day = 0;            // day of the block without the pauses, 0-based: BlockPlan::planned_start + day
                                      // is the session's date had no pause moved it (its weekday names its split)
    std::uint8_t session_of_day = 0;  // 0-based, in order of time
    // In a block with a rotation: 1 + the turn of the rotation the day
    // takes (its place in the rotation, from 1 in each block; its workout is
    // workout_of); 0 outside every rotation.
    std::uint32_t rotation = 0;
    std::chrono::weekday weekday() const { return std::chrono::weekday{date}; }
};

struct BlockPlan {
    const ir::Block* block = nullptr;
    std::string name;
    std::string method;
    std::chrono::sys_days start;          // first day
    std::chrono::sys_days end;            // last day, included (later than start + length when a pause moved its sessions)
    std::chrono::sys_days planned_start;  // its first day had no pause moved anything
    int weeks = 0;                        // block weeks, the last one possibly partial
    int occurrence = 0;                   // 0 for the first block of this name (in its cycle) in the program, 1 for the next, ...
    std::string cycle;                    // in a `repeat`: "2", or "1.3" in a repeat inside another; "" outside every repeat
    std::uint32_t first_session = 0;      // its sessions are [first_session, first_session + session_count)
    std::uint32_t session_count = 0;
};

struct ProgramSchedule {
    const ir::Program* program = nullptr;
    std::string name;
    std::string athlete;
    ir::MassUnit unit = ir::MassUnit::kg;
    std::chrono::sys_days start;
    std::chrono::sys_days end;
    std::vector<BlockPlan> blocks;
    std::vector<SessionContent> contents;
    std::vector<Session> sessions;  // by date, then time
    // The plates a side of each barbell load of the program, heaviest first
    // (empty: the bar alone), by the load's mass in thousandths of `unit`:
    // one athlete's bar and plates make each mass one way, so a set holds
    // only SetPlan::on_barbell and its mass, and no list of its own.
    std::map<long long, std::vector<double>> barbell_plates;

    // The plates a side of `set`; null when it is not on a barbell.
    const std::vector<double>* plates_of(const SetPlan& set) const;
};

// The name of the rotation's workout a session does ("B"); empty outside a rotation.
std::string_view workout_of(const ProgramSchedule& program, const Session& session);
// The name of the week pattern of `alternate` a session's block week takes ("A"); empty outside an `alternate`.
std::string_view week_pattern_of(const ProgramSchedule& program, const Session& session);

struct ScheduleOptions {
    long long max_sessions = 1'000'000;
    // What is written grows with the sets of the sessions, not their number:
    // the sessions of a file hold at most this many sets for each session
    // max_sessions allows (10 million by default: about 1.4 GB of JSON),
    // counted with the sessions before any is made.
    long long max_sets_per_session = 10;
};

struct ScheduleResult {
    std::vector<ProgramSchedule> programs;
    std::vector<Diagnostic> diagnostics;
};

ScheduleResult schedule(const ir::Module& module, const ScheduleOptions& options = {});

// The same in two steps, for a caller that handles one program at a time
// and lets it go before the next (meso compile), so that memory grows with
// the largest program rather than the file:
//
//   SchedulePlan plan = plan_schedule(module, {.max_sessions = n});
//   for (const auto& p : plan.programs) use(schedule_program(p, diagnostics));
//
// plan_schedule places every program's days and counts its sessions, with
// every bound of schedule() (--max-sessions over the whole file) checked
// before anything is allocated per session; it reports what schedule()
// reports before expanding a program. schedule_program expands one planned
// program and reports the rest (a progression that takes a load out of
// range). Together they give what schedule() gives, program by program.
struct ProgramPlan {
    const ir::Program* program = nullptr;
    std::size_t index = 0;        // in module.programs
    std::chrono::sys_days start;  // as ProgramSchedule::start and end
    std::chrono::sys_days end;
    long long sessions = 0;
    std::optional<std::chrono::sys_days> first_session;  // its date; none without sessions
    std::optional<std::chrono::sys_days> last_session;
};

struct SchedulePlan {
    std::vector<ProgramPlan> programs;  // the programs schedule() would expand, in order
    std::vector<Diagnostic> diagnostics;
    std::vector<std::size_t> diagnostic_program;  // for each diagnostic, the index in module.programs of its program
};

SchedulePlan plan_schedule(const ir::Module& module, const ScheduleOptions& options = {});
ProgramSchedule schedule_program(const ProgramPlan& plan, std::vector<Diagnostic>& diagnostics);

// plan_schedule a program at a time, for a caller that holds each program's
// blocks only for a while (the pipeline of check and compile, as resolving
// hands the programs on): the programs of the module in order, each with
// its index; `plan` is then what plan_schedule gives. The ProgramPlans
// point at the programs as they were given: a caller whose programs then
// move points them again (ProgramPlan::index says where).
//
//   PlanInProgress planning = begin_plan({.max_sessions = n});
//   for each program, in order: plan_program(planning, program, index);
struct PlanInProgress {
    ScheduleOptions options;
    long long sessions_left = 0;  // of --max-sessions
    long long sets_left = 0;      // of the file's sets (ScheduleOptions::max_sets_per_session)
    bool stopped = false;         // the budget is spent: the programs after are not planned
    SchedulePlan plan;
};
PlanInProgress begin_plan(const ScheduleOptions& options);
void plan_program(PlanInProgress& planning, const ir::Program& program, std::size_t index);

}  // namespace meso::scheduling
