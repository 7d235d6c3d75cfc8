// The pipeline every command runs: read and resolve a file, schedule it,
// check its rules. Each stage collects diagnostics and the next one runs
// on what the one before produced.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/resolve/resolve.h"
#include "engine/schedule/schedule.h"

namespace meso::cli {

struct Pipeline {
    std::unique_ptr<Compilation> compilation;
    ScheduleResult schedule;
    std::vector<Diagnostic> diagnostics;  // every stage's, in order of file and line
    bool unreadable = false;              // the file itself could not be read: exit 2
};

enum class Stages { resolve, schedule, rules };

// Runs the stages up to `last`; later stages run only where the earlier
// ones found no error.
Pipeline run_pipeline(const std::string& path, const CommonOptions& options, Stages last = Stages::rules);

ResolveOptions resolve_options(const CommonOptions& options);

}  // namespace meso::cli
