// What the pipeline says when logging is on (engine/base/log.h; -v,
// MESO_LOG): the files and modules read and why, the rule sets in force
// and where each came from, the zone of each program, each stage's time
// and counts. Every function returns at once when its level is off.
// Internal to engine/pipeline/: the commands see only pipeline.h.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/pipeline/pipeline.h"

namespace meso::pipeline {

using Clock = std::chrono::steady_clock;

// After resolving: "read plan.meso (the file)", "read std/bfr.meso (standard
// library, a default rule set)", then "rule set bfr from ...: default", and
// how long reading, parsing and resolving took.
void log_resolved(const resolving::Compilation& compilation, const Options& options, const std::string& meso_path, Clock::time_point start);

// The zone of each program of the file, and where it came from.
void log_zones(const FileRun& run);

// Planning: programs, sessions counted, time taken.
void log_planned(const scheduling::SchedulePlan& plan, Clock::time_point start);

// One program scheduled (and checked): its sessions and the time taken.
void log_program(const scheduling::ProgramSchedule& program, Clock::duration schedule_time, Clock::duration rules_time);

// The totals of a pass: sessions, time per stage.
struct PassTotals {
    std::size_t programs = 0;
    std::size_t sessions = 0;
    Clock::duration schedule_time{};
    Clock::duration rules_time{};
};
void log_totals(const PassTotals& totals, bool rules_checked);

// The rules checked apart from the pass (meso schedule), and how long it took.
void log_rules_checked(Clock::time_point start);

// "findings: 1 error, 2 warnings, 0 infos, 0 notes", `what` first.
void log_findings(const char* what, const std::vector<Diagnostic>& diagnostics);

}  // namespace meso::pipeline
