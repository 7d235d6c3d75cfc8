// meso compile FILE [-o OUT.ics] [--alarm 30m] [--timezone ZONE]
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "engine/cli/commands.h"
#include "engine/cli/output.h"
#include "engine/cli/pipeline.h"
#include "engine/emit/ical.h"
#include "engine/emit/timezone.h"
#include "engine/report/report.h"

namespace meso::cli {

int compile(const std::string& file, const CompileOptions& compile_options, const CommonOptions& options)
{
    CalendarOptions calendar;
    if (!compile_options.alarm.empty()) {
        calendar.alarm = parse_alarm(compile_options.alarm);
        if (!calendar.alarm) {
            std::cerr << "meso compile: --alarm '" << compile_options.alarm
                      << "': expected a duration such as 30m, 2h or 1d\n";
            return 2;
        }
    }
    if (!options.timezone.empty()) {
        if (auto problem = unknown_timezone_message(options.timezone)) {
            std::cerr << "meso compile: --timezone: " << *problem << "\n";
            return 2;
        }
        calendar.default_timezone = options.timezone;
    }
    else
        calendar.default_timezone = machine_timezone();
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
        const auto stamp = parse_source_date_epoch(epoch);
        if (!stamp) {
            std::cerr << "meso compile: SOURCE_DATE_EPOCH='" << epoch
                      << "' is not a number of seconds since 1970-01-01 (at most 9999-12-31)\n";
            return 2;
        }
        calendar.stamp = *stamp;
    }
    else
        calendar.stamp = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());

    Pipeline pipeline = run_pipeline(file, options);
    const TextReportOptions report{use_colour(2), options.show_suppressed};
    print_text(std::cerr, pipeline.diagnostics, report);
    if (pipeline.unreadable) return 2;
    if (has_errors(pipeline.diagnostics)) {
        std::cerr << "meso compile: " << file << " has errors; nothing written\n";
        return 1;
    }

    // RFC 5545 wants at least one component in a calendar, and a calendar
    // with no training in it is a mistake worth saying.
    std::size_t sessions = 0;
    for (const auto& program : pipeline.schedule.programs) sessions += program.sessions.size();
    if (sessions == 0) {
        std::cerr << "meso compile: " << file
                  << (pipeline.schedule.programs.empty() ? " holds no program" : " has no sessions")
                  << "; nothing to put in a calendar, nothing written\n";
        return 1;
    }

    CalendarResult result;
    const OutputResult output = write_output(compile_options.output, [&](std::ostream& out) {
        result = write_calendar(out, pipeline.schedule.programs, calendar);
        return result.diagnostics.empty();
    });
    if (!result.diagnostics.empty()) {
        print_text(std::cerr, result.diagnostics, report);
        std::cerr << "meso compile: nothing written\n";
        return 1;
    }
    if (!output.error.empty()) {
        std::cerr << "meso compile: " << output.error << "\n";
        return 2;
    }
    return 0;
}

}  // namespace meso::cli
