// meso compile FILE [-o OUT.ics | --per-athlete -o DIR/] [--alarm 30m] [--timezone ZONE] [--athlete NAME]
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include "engine/base/timezone.h"
#include "engine/cli/commands.h"
#include "engine/cli/output.h"
#include "engine/emit/ical.h"
#include "engine/pipeline/pipeline.h"
#include "engine/report/report.h"

namespace meso::cli {

namespace {

// --alarm, --timezone and SOURCE_DATE_EPOCH (the calendar's time stamp,
// else now), in that order; a wrong one is said and stops the command (exit 2).
std::optional<emit::CalendarOptions> calendar_options(const CompileOptions& compile_options, const pipeline::Options& options)
{
    emit::CalendarOptions calendar;
    if (compile_options.alarm_given && compile_options.alarm.empty()) {
        // A script's empty variable (--alarm "$ALARM") would otherwise drop every reminder without a word.
        print_error("--alarm '': expected a duration such as 30m, 2h or 1d (leave --alarm out for no reminder)");
        return std::nullopt;
    }
    if (!compile_options.alarm.empty()) {
        calendar.alarm = emit::parse_alarm(compile_options.alarm);
        if (!calendar.alarm) {
            print_error(std::string("--alarm '") + compile_options.alarm + "': expected a duration such as 30m, 2h or 1d");
            return std::nullopt;
        }
    }
    if (auto problem = pipeline::timezone_option_error(options)) {
        print_error(*problem);
        return std::nullopt;
    }
    calendar.stamp = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
        const auto stamp = emit::parse_source_date_epoch(epoch);
        if (!stamp) {
            print_error(std::string("SOURCE_DATE_EPOCH='") + epoch + "' is not a number of seconds since 1970-01-01 (at most 9999-12-31)");
            return std::nullopt;
        }
        calendar.stamp = *stamp;
    }
    return calendar;
}

long long planned_sessions(const scheduling::SchedulePlan& plan)
{
    long long sessions = 0;
    for (const auto& program : plan.programs) sessions += program.sessions;
    return sessions;
}

std::vector<emit::ProgramOutline> outlines(const scheduling::SchedulePlan& plan)
{
    std::vector<emit::ProgramOutline> all;
    all.reserve(plan.programs.size());
    for (const auto& program : plan.programs) all.push_back(emit::outline_of(program));
    return all;
}

// One compile: the file on its way, and the calendar being written.
struct Compiling {
    pipeline::FileRun run;
    const pipeline::Options& options;
    emit::CalendarOptions calendar;
    report::TextReportOptions report;
    emit::CalendarStream stream;
    emit::CalendarResult head;  // begin_calendar's errors: an unknown time zone
    bool diagnostics_printed = false;
};

void print_diagnostics(Compiling& c)
{
    if (!c.diagnostics_printed) report::print_text(std::cerr, c.run.diagnostics, c.report);
    c.diagnostics_printed = true;
}

// Into a temporary file that only replaces the target when the whole file
// turns out free of errors, the programs are written as soon as they are
// checked (each let go before the next).
bool write_while_checking(Compiling& c, std::ostream& out)
{
    bool writing = true;
    pipeline::stream_programs(c.run, c.options, pipeline::Stages::rules, [&](std::size_t index, scheduling::ProgramSchedule& program) {
        if (index == 0) {                                // the plan is complete: the head can be written
            writing = planned_sessions(c.run.plan) > 0;  // else nothing to write; said by compile()
            if (writing) c.head = emit::begin_calendar(c.stream, out, outlines(c.run.plan), c.calendar);
            writing = writing && c.head.diagnostics.empty();
        }
        if (writing) emit::write_events(c.stream, out, program);
    });
    if (has_errors(c.run.diagnostics) || planned_sessions(c.run.plan) == 0 || !c.head.diagnostics.empty() || !c.stream.started)
        return false;
    end_calendar(c.stream, out);
    return true;
}

// Standard output, a pipe or a device cannot take back what they were
// given: the file is checked whole first (a program at a time) and then
// scheduled again to be written, so that a file with errors writes nothing
// there either.
bool write_after_checking(Compiling& c, std::ostream& out)
{
    pipeline::Options checking = c.options;
    checking.schedule_again_after = true;
    pipeline::stream_programs(c.run, checking, pipeline::Stages::rules, nullptr);
    if (has_errors(c.run.diagnostics) || planned_sessions(c.run.plan) == 0) return false;
    print_diagnostics(c);  // before the calendar, as when nothing was streamed
    c.head = emit::begin_calendar(c.stream, out, outlines(c.run.plan), c.calendar);
    if (!c.head.diagnostics.empty()) return false;
    // In the order a file gets them (stream_programs's: athlete by athlete), so that both give the same calendar.
    for (const auto& group : pipeline::athlete_groups(c.run.plan))
        for (const std::size_t i : group)
            pipeline::schedule_again(c.run, c.run.plan.programs[i],
                                     [&](const scheduling::ProgramSchedule& program) { emit::write_events(c.stream, out, program); });
    end_calendar(c.stream, out);
    return true;
}

OutputResult write_calendar(Compiling& c, const std::string& output)
{
    bool streamed = false;
    OutputResult result = write_output(output, ReplacingWrite([&](std::ostream& out, bool replacing) {
                                           streamed = true;
                                           return replacing ? write_while_checking(c, out) : write_after_checking(c, out);
                                       }));
    // The target could not even be opened: the file's own errors, when
    // it has any, still come first (exit 1 rather than 2).
    if (!streamed) pipeline::stream_programs(c.run, c.options, pipeline::Stages::rules, nullptr);
    return result;
}

// What the command says after writing (or not), and its exit status.
int conclude(Compiling& c, const std::string& file, const OutputResult& output)
{
    print_diagnostics(c);
    if (c.run.unreadable) return 2;
    if (has_errors(c.run.diagnostics)) {
        std::cerr << "meso compile: " << file << " has errors; nothing written\n";
        return 1;
    }
    // RFC 5545 wants at least one component in a calendar, and a calendar
    // with no training in it is a mistake worth saying.
    if (planned_sessions(c.run.plan) == 0) {
        std::cerr << "meso compile: " << file << (c.run.plan.programs.empty() ? " holds no program" : " has no sessions")
                  << "; nothing to put in a calendar, nothing written\n";
        return 1;
    }
    if (!c.head.diagnostics.empty()) {
        report::print_text(std::cerr, c.head.diagnostics, c.report);
        std::cerr << "meso compile: nothing written\n";
        return 1;
    }
    if (output.failure) {
        print_error(cannot_write(*output.failure));
        return 2;
    }
    return 0;
}

// ---------------------------------------------------------------- --per-athlete

// The file an athlete's calendar is written to in DIR (docs/teams.md):
// letters, digits, '-' and '_' of the name kept, and every byte of a
// character beyond ASCII (UTF-8: "Zoë"); each run of anything else, the
// spaces and dots included, is one '-', none at either end; ".ics" after
// it. So no name makes a hidden file, leaves DIR or is empty ("athlete").
std::string calendar_file_name(const std::string& athlete)
{
    std::string out;
    bool gap = false;
    for (const char c : athlete) {
        const auto byte = static_cast<unsigned char>(c);
        const bool kept = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') || byte == '-' ||
                          byte == '_' || byte >= 0x80;
        if (!kept) {
            gap = !out.empty();
            continue;
        }
        if (gap) out += '-';
        gap = false;
        out += c;
    }
    return (out.empty() ? std::string("athlete") : out) + ".ics";
}

// Two names that differ only in the case of ASCII letters are one file on
// the file systems of macOS and Windows.
std::string folded(std::string name)
{
    for (char& c : name)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return name;
}

struct AthleteCalendar {
    std::string athlete;
    std::string file;  // calendar_file_name
    std::vector<const scheduling::ProgramPlan*> plans;
};

// Each athlete's plans, athletes in the order of their first program; an
// error (exit 2) for a program of no athlete, or two athletes of one file name.
std::optional<std::vector<AthleteCalendar>> athlete_calendars(const scheduling::SchedulePlan& plan)
{
    std::vector<AthleteCalendar> calendars;
    std::map<std::string, std::size_t> by_athlete;
    std::map<std::string, std::string> by_file;  // folded file name -> athlete
    for (const auto& p : plan.programs) {
        if (p.program == nullptr || p.program->athlete == nullptr) {
            print_error("--per-athlete: program \"" + (p.program ? p.program->name : std::string()) +
                        "\" is for no athlete; say whose it is with 'for \"NAME\"'");
            return std::nullopt;
        }
        const std::string& athlete = p.program->athlete->name;
        auto [it, inserted] = by_athlete.emplace(athlete, calendars.size());
        if (inserted) {
            const std::string file = calendar_file_name(athlete);
            if (auto [same, fresh] = by_file.emplace(folded(file), athlete); !fresh) {
                std::string message = "--per-athlete: athletes \"";
                message.append(same->second).append("\" and \"").append(athlete).append("\" would both be written to '");
                print_error(message.append(file).append("'; rename one of them"));
                return std::nullopt;
            }
            calendars.push_back({athlete, file, {}});
        }
        calendars[it->second].plans.push_back(&p);
    }
    return calendars;
}

// One athlete's calendar, its programs scheduled again (the file was checked).
bool write_athlete_calendar(Compiling& c, const AthleteCalendar& calendar, std::ostream& out)
{
    std::vector<emit::ProgramOutline> outlines;
    for (const scheduling::ProgramPlan* p : calendar.plans) outlines.push_back(emit::outline_of(*p));
    emit::CalendarStream stream;
    c.head = emit::begin_calendar(stream, out, outlines, c.calendar);
    if (!c.head.diagnostics.empty()) return false;
    for (const scheduling::ProgramPlan* p : calendar.plans)
        pipeline::schedule_again(c.run, *p, [&](const scheduling::ProgramSchedule& program) { emit::write_events(stream, out, program); });
    end_calendar(stream, out);
    return true;
}

// All or nothing: every calendar is written (by write_output) into a new
// directory inside DIR, and only when all are there are they moved into
// DIR, each replacing the file of its name; the temporary directory is
// removed whatever happens.
int write_per_athlete(Compiling& c, const std::string& file, const std::string& dir)
{
    pipeline::Options checking = c.options;
    checking.schedule_again_after = true;
    pipeline::stream_programs(c.run, checking, pipeline::Stages::rules, nullptr);  // the whole file checked first
    if (c.run.unreadable || has_errors(c.run.diagnostics) || planned_sessions(c.run.plan) == 0) return conclude(c, file, {});
    print_diagnostics(c);
    const auto calendars = athlete_calendars(c.run.plan);
    if (!calendars) return 2;
    namespace fs = std::filesystem;
    std::error_code error;
    fs::create_directories(dir, error);
    if (error || !fs::is_directory(dir)) {
        print_error("cannot write into '" + dir + "': " + (error ? error.message() : "it is not a directory"));
        return 2;
    }
    std::string pattern = (fs::path(dir) / ".meso-per-athlete-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        print_error("cannot write into '" + dir + "': cannot create a directory in it: " + std::strerror(errno));
        return 2;
    }
    const fs::path temporary(pattern);
    struct Remove {
        const fs::path& path;
        ~Remove()
        {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
    } remove{temporary};
    for (const auto& calendar : *calendars) {
        const OutputResult written =
            write_output((temporary / calendar.file).string(), [&](std::ostream& out) { return write_athlete_calendar(c, calendar, out); });
        if (!c.head.diagnostics.empty()) return conclude(c, file, written);
        if (written.failure || !written.written) {
            if (written.failure) print_error(cannot_write(*written.failure));
            std::cerr << "meso compile: nothing written into " << dir << "\n";
            return 2;
        }
    }
    // A target that no file can be renamed over stops it before anything moves.
    for (const auto& calendar : *calendars) {
        if (fs::is_directory(fs::path(dir) / calendar.file, error)) {
            print_error("cannot write '" + (fs::path(dir) / calendar.file).string() + "': it is a directory");
            std::cerr << "meso compile: nothing written into " << dir << "\n";
            return 2;
        }
    }
    for (const auto& calendar : *calendars) {
        fs::rename(temporary / calendar.file, fs::path(dir) / calendar.file, error);
        if (error) {
            print_error("cannot write '" + (fs::path(dir) / calendar.file).string() + "': " + error.message());
            return 2;
        }
    }
    return 0;
}

}  // namespace

int compile(const std::string& file, const CompileOptions& compile_options, const CommonOptions& options)
{
    if (compile_options.per_athlete && (compile_options.output.empty() || compile_options.output == "-")) {
        print_error("--per-athlete writes one calendar per athlete into a directory: name it with -o, as in -o calendars/");
        return 2;
    }
    auto calendar = calendar_options(compile_options, options.pipeline);
    if (!calendar) return 2;
    pipeline::Options streamed = options.pipeline;
    streamed.keep_whole_ir = false;  // the IR is read only as it is streamed
    Compiling c{pipeline::resolve_file(file, streamed), streamed, *calendar, {use_colour(2), options.show_suppressed}, {}, {}, false};
    // --timezone, else the machine's zone, looked up only when a program names none.
    c.calendar.default_timezone = c.run.default_zone.name;
    if (!c.run.athlete_error.empty()) {
        print_error(c.run.athlete_error);
        return 2;
    }
    if (!c.run.zone_error.empty()) {
        print_diagnostics(c);
        print_error(c.run.zone_error);
        return 2;
    }
    if (compile_options.per_athlete) return write_per_athlete(c, file, compile_options.output);
    OutputResult output;
    if (!c.run.unreadable && !has_errors(c.run.diagnostics)) output = write_calendar(c, compile_options.output);
    return conclude(c, file, output);
}

}  // namespace meso::cli
