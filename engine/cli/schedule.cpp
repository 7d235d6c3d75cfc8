// meso schedule FILE [--format text|json|csv] [--strict] [--timezone ZONE]
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/emit/schedule_text.h"
#include "engine/emit/sessions.h"
#include "engine/pipeline/pipeline.h"
#include "engine/report/report.h"

namespace meso::cli {

namespace {

std::string count(long long n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

// The rules' findings do not stop the plan (cli.md): it is printed, and
// the findings are counted on standard error for `meso check` to show.
// What is not a rule's finding (a warning of the schedule, an error in a
// rule file, an `allow` of an unknown rule) is printed in full.
struct Sorted {
    std::vector<Diagnostic> shown;
    long long errors = 0, warnings = 0;
    bool failing = false;
};

Sorted sort_out(std::vector<Diagnostic>& diagnostics, bool strict)
{
    Sorted sorted;
    for (auto& d : diagnostics) {
        if (d.suppressed_by) continue;
        sorted.failing = sorted.failing || pipeline::fails(d, strict);
        if (!d.rule) sorted.shown.push_back(std::move(d));
        else if (d.severity == Severity::error) ++sorted.errors;
        else if (d.severity == Severity::warning) ++sorted.warnings;
    }
    return sorted;
}

// The text table: as wide as the terminal, 80 columns elsewhere; colour
// as --color says, never with NO_COLOR (cli.md).
emit::TextLayout layout_of(const std::string& colour)
{
    const char* no_colour = std::getenv("NO_COLOR");
    const bool allowed = no_colour == nullptr || *no_colour == '\0';
    return {text_width(1), allowed && (colour == "always" || (colour == "auto" && use_colour(1)))};
}

bool print_sessions(const pipeline::ScheduledFile& scheduled, const std::string& format, const std::string& colour)
{
    if (format == "json") emit::write_sessions_json(std::cout, scheduled.schedule, scheduled.run.default_zone);
    else if (format == "csv") emit::write_sessions_csv(std::cout, scheduled.schedule);
    else write_sessions_text(std::cout, scheduled.schedule, scheduled.run.default_zone, layout_of(colour));
    std::cout.flush();
    return static_cast<bool>(std::cout);
}

void print_findings_count(const Sorted& sorted, const std::string& file, bool strict)
{
    if (sorted.errors == 0 && sorted.warnings == 0) return;
    std::string what = sorted.errors > 0 ? count(sorted.errors, "error", "errors") : "";
    if (sorted.warnings > 0) what += (what.empty() ? "" : " and ") + count(sorted.warnings, "warning", "warnings");
    std::cerr << "meso schedule: " << what << " in the plan: see meso check" << (strict ? " --strict " : " ") << file << "\n";
}

}  // namespace

int schedule(const std::string& file, const CommonOptions& options, const std::string& colour)
{
    if (auto problem = pipeline::timezone_option_error(options.pipeline)) {
        print_error(*problem);
        return 2;
    }
    // Syntax, meaning and schedule errors leave no plan to print: they are
    // printed in full, and nothing goes to standard output.
    auto scheduled = pipeline::schedule_file(file, options.pipeline);
    auto& run = scheduled.run;
    if (print_run_error(run)) return 2;
    if (has_errors(run.diagnostics)) {
        report::print_text(std::cerr, run.diagnostics, {use_colour(2), false});
        return 1;
    }
    if (!run.zone_error.empty()) {
        report::print_text(std::cerr, run.diagnostics, {use_colour(2), false});
        print_error(run.zone_error);
        return 2;
    }
    run.diagnostics.insert(run.diagnostics.end(), std::make_move_iterator(scheduled.rule_diagnostics.begin()),
                           std::make_move_iterator(scheduled.rule_diagnostics.end()));
    const Sorted sorted = sort_out(run.diagnostics, options.strict);
    report::print_text(std::cerr, sorted.shown, {use_colour(2), false});
    if (!print_sessions(scheduled, options.format, colour)) {
        print_error("cannot write the schedule to standard output");
        return 2;
    }
    print_findings_count(sorted, file, options.strict);
    return sorted.failing ? 1 : 0;
}

}  // namespace meso::cli
