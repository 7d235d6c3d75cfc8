// meso stats FILE [--format text|json|csv] [--timezone ZONE] [--max-sessions N] [--athlete NAME]
#include <iostream>
#include <string>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/pipeline/pipeline.h"
#include "engine/report/report.h"
#include "engine/stats/stats.h"
#include "engine/stats/write.h"

namespace meso::cli {

int stats(const std::string& file, const CommonOptions& options)
{
    if (auto problem = pipeline::timezone_option_error(options.pipeline)) {
        print_error(*problem);
        return 2;
    }
    pipeline::FileRun run = pipeline::resolve_file(file, options.pipeline);
    if (print_run_error(run)) return 2;
    std::vector<stats::ProgramStats> programs;
    pipeline::stream_programs(run, options.pipeline, pipeline::Stages::schedule, [&](std::size_t, scheduling::ProgramSchedule& program) {
        programs.push_back(stats::program_stats(program));
    });
    // Syntax, meaning and schedule errors leave no figures: they are printed
    // in full, and nothing goes to standard output.
    report::print_text(std::cerr, run.diagnostics, {use_colour(2), false});
    if (has_errors(run.diagnostics)) return 1;
    if (!run.zone_error.empty()) {
        print_error(run.zone_error);
        return 2;
    }
    if (options.format == "json") stats::write_json(std::cout, programs);
    else if (options.format == "csv") stats::write_csv(std::cout, programs);
    else stats::write_text(std::cout, programs);
    std::cout.flush();
    if (!std::cout) {
        print_error("cannot write the figures to standard output");
        return 2;
    }
    return 0;
}

}  // namespace meso::cli
