// meso compile FILE [-o OUT.ics] [--alarm 30m] [--timezone ZONE]
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "engine/cli/commands.h"
#include "engine/cli/output.h"
#include "engine/cli/pipeline.h"
#include "engine/emit/ical.h"
#include "engine/base/timezone.h"
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
    if (auto problem = timezone_option_error(options)) {
        std::cerr << "meso compile: " << *problem << "\n";
        return 2;
    }
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

    // The programs are scheduled, checked and written one at a time, and
    // each is let go before the next (memory grows with the largest
    // program, not the file). Into a temporary file that only replaces the
    // target when the whole file turns out free of errors, they are
    // written as soon as they are checked. Standard output, a pipe or a
    // device cannot take back what they were given: the file is checked
    // whole first (a program at a time) and then scheduled again to be
    // written, so that a file with errors writes nothing there either.
    StreamedPipeline pipeline = resolve_for_streaming(file, options);
    // --timezone, else the machine's zone, looked up only when a program names none.
    calendar.default_timezone = pipeline.default_zone.name;
    const TextReportOptions report{use_colour(2), options.show_suppressed};
    bool diagnostics_printed = false;
    const auto print_diagnostics = [&] {
        if (!diagnostics_printed) print_text(std::cerr, pipeline.diagnostics, report);
        diagnostics_printed = true;
    };
    const auto planned_sessions = [&] {
        long long sessions = 0;
        for (const auto& program : pipeline.plan.programs) sessions += program.sessions;
        return sessions;
    };
    const auto outlines = [&] {
        std::vector<ProgramOutline> all;
        all.reserve(pipeline.plan.programs.size());
        for (const auto& program : pipeline.plan.programs) all.push_back(outline_of(program));
        return all;
    };

    if (!pipeline.zone_error.empty()) {
        print_diagnostics();
        std::cerr << "meso compile: " << pipeline.zone_error << "\n";
        return 2;
    }

    CalendarStream stream;
    CalendarResult head;  // begin_calendar's errors: an unknown time zone
    bool streamed = false;
    OutputResult output;
    if (!pipeline.unreadable && !has_errors(pipeline.diagnostics)) {
        output = write_output(compile_options.output, ReplacingWrite([&](std::ostream& out, bool replacing) {
            streamed = true;
            if (replacing) {
                bool writing = true;
                stream_programs(pipeline, options, [&](const SchedulePlan&, std::size_t index, const ProgramSchedule& program) {
                    if (index == 0) {  // the plan is complete: the head can be written
                        writing = planned_sessions() > 0;  // else nothing to write; said below
                        if (writing) head = begin_calendar(stream, out, outlines(), calendar);
                        writing = writing && head.diagnostics.empty();
                    }
                    if (writing) write_events(stream, out, program);
                });
                if (has_errors(pipeline.diagnostics) || planned_sessions() == 0 || !head.diagnostics.empty() || !stream.started)
                    return false;
                end_calendar(stream, out);
                return true;
            }
            stream_programs(pipeline, options, nullptr);
            if (has_errors(pipeline.diagnostics) || planned_sessions() == 0) return false;
            print_diagnostics();  // before the calendar, as when nothing was streamed
            head = begin_calendar(stream, out, outlines(), calendar);
            if (!head.diagnostics.empty()) return false;
            std::vector<Diagnostic> again;  // none: the file was checked
            for (const auto& plan : pipeline.plan.programs) write_events(stream, out, schedule_program(plan, again));
            end_calendar(stream, out);
            return true;
        }));
        // The target could not even be opened: the file's own errors, when
        // it has any, still come first (exit 1 rather than 2).
        if (!streamed) stream_programs(pipeline, options, nullptr);
    }
    print_diagnostics();
    if (pipeline.unreadable) return 2;
    if (has_errors(pipeline.diagnostics)) {
        std::cerr << "meso compile: " << file << " has errors; nothing written\n";
        return 1;
    }

    // RFC 5545 wants at least one component in a calendar, and a calendar
    // with no training in it is a mistake worth saying.
    if (planned_sessions() == 0) {
        std::cerr << "meso compile: " << file
                  << (pipeline.plan.programs.empty() ? " holds no program" : " has no sessions")
                  << "; nothing to put in a calendar, nothing written\n";
        return 1;
    }

    if (!head.diagnostics.empty()) {
        print_text(std::cerr, head.diagnostics, report);
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
