// The pipeline every command runs (stage 6; docs/performance.md says how
// it streams): a file is read, parsed and resolved, its programs planned,
// then scheduled, checked against the rules in force and handed on a
// program at a time, and the diagnostics of every stage come out in one
// order. `meso check`, `compile`, `schedule`, `rules` and the benchmark
// drive it; engine/cli/ only parses flags and prints.
// An athlete's programs go through together, so that the rules see
// overlapping sessions and gaps between them.
//
//   FileRun run = resolve_file("plan.meso", options);
//   stream_programs(run, options, Stages::rules, [&](std::size_t, ProgramSchedule& program) {
//       write_events(stream, out, program);        // an athlete's programs at a time
//   });
//   if (run.unreadable) ...                        // exit 2: the file could not be read
//   else if (!run.zone_error.empty()) ...          // exit 2: no zone for a program that needs one
//   else if (!run.athlete_error.empty()) ...       // exit 2: --athlete names no athlete of the file
//   else if (has_errors(run.diagnostics)) ...      // exit 1: whatever `take` was given is void
//
// What goes in: a path ("-" for standard input) and Options. What comes
// out: the resolved Compilation (its sources own what every diagnostic's
// span points into: keep the FileRun alive while you print), the plan, the
// diagnostics, and each program handed to `take` while nothing in the file
// so far is an error. What can go wrong is said in the result, never
// thrown: an unreadable file, a diagnostic at error, or a zone that cannot
// be found (TZ naming no zone while a program names none).
//
// The order of the diagnostics: resolve's (and a warning at each program
// whose default zone keeps no daylight-saving time), then, after a
// schedule error, the schedule's program by program, planning before
// expanding (as schedule() gives them), unsorted; otherwise everything
// sorted by file (the main file first, as loaded) and position.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/base/timezone.h"
#include "engine/resolve/resolve.h"
#include "engine/rules/rules.h"
#include "engine/schedule/schedule.h"

namespace meso::pipeline {

// What the commands share (the flags of docs/cli.md that reach the pipeline).
struct Options {
    bool no_default_rules = false;        // --no-default-rules
    std::vector<std::string> rule_files;  // --rules
    long long max_sessions = 1'000'000;   // --max-sessions, over the whole file
    std::string timezone;                 // --timezone: of the programs that name none; "" for the machine's
    std::string athlete;                  // --athlete: only this athlete's programs are scheduled and checked; "" for all
    // false for check and compile, which read the IR only as stream_programs
    // hands it on: the programs are planned as they are resolved, and a
    // program's blocks are held only while it is scheduled, checked and
    // handed on (resolving::ResolveOptions::resolved_program); the
    // athletes' statements are let go once the athletes are resolved.
    bool keep_whole_ir = true;
    // With keep_whole_ir false: schedule_again follows stream_programs
    // (compile to standard output, --per-athlete), so a program's
    // statements are kept to resolve its blocks once more; otherwise they go
    // once its blocks are resolved for stream_programs.
    bool schedule_again_after = false;
};

// A file on its way through the stages.
struct FileRun {
    std::unique_ptr<resolving::Compilation> compilation;  // null only when the file could not be read
    scheduling::SchedulePlan plan;                        // filled by stream_programs, or as the programs were resolved
    bool planned = false;                                 // the plan was made as the programs were resolved (keep_whole_ir false)
    std::vector<Diagnostic> diagnostics;                  // every stage's, in the order above
    bool unreadable = false;                              // the file itself could not be read: its one diagnostic says why
    ZoneChoice default_zone;                              // of the programs that name none
    std::string zone_error;                               // TZ names no zone, and a program needs it: nothing is scheduled
    std::string athlete_error;                            // --athlete names no athlete of the file: nothing is scheduled
    // The rule sets stream_programs checked the programs against (Stages::rules),
    // their errors moved into `diagnostics`; none when it checked nothing.
    std::optional<rules::RuleBook> rules;
};

// The last stage stream_programs runs: `schedule` includes the warnings of
// clock changes (engine/emit/clock_changes.h), `rules` adds the rule files'
// errors and the findings.
enum class Stages { schedule, rules };

// Called with each program (its index in run.plan.programs) once it is
// scheduled and checked; it may move the program away.
using TakeProgram = std::function<void(std::size_t index, scheduling::ProgramSchedule& program)>;

// What stream_programs has just done, for a clock that times its stages
// (the benchmark, bench/bench.cpp, which so measures what `meso compile`
// runs): planning, scheduling a program or letting it go; finding the
// clock changes its sessions cross (engine/emit/clock_changes.h); loading
// the rule sets, checking a program or putting the file's diagnostics in
// order at the end; handing a program to `take`.
// The commands give none: an empty LapClock costs a test per program.
enum class Lap { schedule, clock_changes, rules, take };
using LapClock = std::function<void(Lap done)>;

// Reads and resolves the file, and chooses the default zone (--timezone,
// else the machine's, looked up only when a program names none). With
// --athlete, the name must be one of the file's athletes (athlete_error,
// "--athlete: unknown athlete 'Bne'; did you mean 'Ben'?"); the programs of
// the others are then left out of the plan, unscheduled and unchecked (the
// file's own diagnostics, of resolving it, stay whole).
FileRun resolve_file(const std::string& path, const Options& options);

// resolve_file for a text held in memory (an editor's buffer, `meso lsp`):
// `source.path` names it in messages and is where its `use "file.meso"`
// are looked for. check_text is check_file for it.
FileRun resolve_text(Source source, const Options& options);
FileRun check_text(Source source, const Options& options);

// The rule sets in force without a program: the standard ones (unless
// --no-default-rules) and the --rules files, resolved as an empty file.
FileRun resolve_rules_only(const Options& options);

// When resolving found no error: plans every program (its days counted,
// --max-sessions over the whole file; with Options::keep_whole_ir false
// that plan was made as the programs were resolved), then, athlete by athlete
// (athlete_groups), schedules each of the athlete's programs and checks it
// up to `last` together with the athlete's programs before it (overlaps
// and gaps across them: check_program_rules), hands the athlete's programs
// to `take` (which may be empty) while the file so far has no error, and
// lets them go (and, with keep_whole_ir false, their blocks, resolved again
// for them): memory grows with the programs of the athlete who has the
// most, not the file. After an error the programs left are still
// scheduled (and, until a schedule error, checked) for their diagnostics,
// not handed on. `lap`, when given, is called as each stage's work ends.
void stream_programs(FileRun& run, const Options& options, Stages last, const TakeProgram& take, const LapClock& lap = nullptr);

// The plan's programs (indices) athlete by athlete, the order in which
// stream_programs hands them on: the athletes in the order of their first
// program, each athlete's programs in the order of the plan; a program for
// no athlete is a group of its own.
std::vector<std::vector<std::size_t>> athlete_groups(const scheduling::SchedulePlan& plan);

// A program of the plan scheduled again after stream_programs checked the
// file (compile to standard output, or --per-athlete), handed to `use`
// while its blocks are held (Options::keep_whole_ir false: resolved again,
// once; stream_programs was given Options::schedule_again_after).
void schedule_again(FileRun& run, const scheduling::ProgramPlan& plan,
                    const std::function<void(const scheduling::ProgramSchedule& program)>& use);

// resolve_file, then stream_programs with nothing to take: `meso check`.
FileRun check_file(const std::string& path, const Options& options);

// `meso schedule`: the whole schedule, to be printed whole (it keeps the
// whole IR, whatever Options::keep_whole_ir says). The diagnostics
// of run are the stages' up to the schedule (clock changes included);
// rule_diagnostics, in check_rules's order after them, are the rule files'
// errors and the findings, empty when the schedule has an error.
struct ScheduledFile {
    FileRun run;
    scheduling::ScheduleResult schedule;
    std::vector<Diagnostic> rule_diagnostics;
};
ScheduledFile schedule_file(const std::string& path, const Options& options);

// --timezone's error ("--timezone: unknown time zone 'X'; did you mean
// 'Y'?"), for a command to refuse before reading anything: exit 2.
std::optional<std::string> timezone_option_error(const Options& options);

// Whether a diagnostic makes the command fail (exit 1): an error not
// suppressed by an `allow`, or with --strict a warning too.
bool fails(const Diagnostic& diagnostic, bool strict);

}  // namespace meso::pipeline
