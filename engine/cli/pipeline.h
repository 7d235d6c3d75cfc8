// The pipeline every command runs: read and resolve a file, schedule it,
// check its rules. Each stage collects diagnostics and the next one runs
// on what the one before produced.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/base/timezone.h"
#include "engine/resolve/resolve.h"
#include "engine/schedule/schedule.h"

namespace meso::cli {

struct Pipeline {
    std::unique_ptr<Compilation> compilation;
    ScheduleResult schedule;
    std::vector<Diagnostic> diagnostics;  // every stage's, in order of file and line
    bool unreadable = false;              // the file itself could not be read: exit 2
    ZoneChoice default_zone;              // of the programs that name none
    std::string zone_error;               // TZ names no zone, and a program needs it: exit 2
};

enum class Stages { resolve, schedule, rules };

// Runs the stages up to `last`; later stages run only where the earlier
// ones found no error. The schedule stage adds a warning for each session
// a clock change touches (engine/emit/clock_changes.h), in the zone of its
// program: its own, else --timezone, else the machine's. The machine's zone
// is looked up only when a program needs it; a TZ that names no zone then
// stops the run before the schedule (zone_error).
Pipeline run_pipeline(const std::string& path, const CommonOptions& options, Stages last = Stages::rules);

// The same stages a program at a time, for meso compile and meso check:
// every program is planned first (its days counted; --max-sessions over the
// whole file), then each is scheduled, checked and, while nothing in the
// file so far is an error, handed to `take` (with the plan and its index in
// plan.programs) and let go before the next: memory grows with the largest
// program, not the file. After an error the programs left are still scheduled (and, until
// a schedule error, checked) for their diagnostics, but not handed on; so a
// caller that wrote what it was given must throw it away when the result
// has errors. The diagnostics are those run_pipeline gives, in its order.
struct StreamedPipeline {
    std::unique_ptr<Compilation> compilation;
    SchedulePlan plan;
    std::vector<Diagnostic> diagnostics;
    bool unreadable = false;
    ZoneChoice default_zone;
    std::string zone_error;  // as Pipeline's: nothing is scheduled
};
using TakeProgram = std::function<void(const SchedulePlan& plan, std::size_t index, const ProgramSchedule& program)>;

// In two steps: read and resolve the file, then (when that found no error)
// plan, schedule, check and hand on its programs; `take` may be empty.
StreamedPipeline resolve_for_streaming(const std::string& path, const CommonOptions& options);
void stream_programs(StreamedPipeline& pipeline, const CommonOptions& options, const TakeProgram& take);

ResolveOptions resolve_options(const CommonOptions& options);

// --timezone's error ("--timezone: unknown time zone 'X'; did you mean
// 'Y'?"), for the commands to refuse before reading anything: exit 2.
std::optional<std::string> timezone_option_error(const CommonOptions& options);

}  // namespace meso::cli
