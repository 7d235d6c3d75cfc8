#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <iterator>
#include <string>

#include "engine/cli/commands.h"
#include "engine/cli/pipeline.h"
#include "engine/emit/sessions.h"
#include "engine/report/report.h"
#include "engine/rules/rules.h"
#include "grammar/parse.h"

namespace meso::cli {

bool use_colour(int fd)
{
    const char* no_colour = std::getenv("NO_COLOR");
    return isatty(fd) && (no_colour == nullptr || *no_colour == '\0');
}

int not_built_yet(const std::string& command)
{
    std::cerr << "meso " << command << ": not built yet\n";
    return 2;
}

int check(const std::vector<std::string>& files, const CommonOptions& options)
{
    // Each file a program at a time, as meso compile does: the diagnostics
    // of run_pipeline, in its order, without holding a file's whole schedule.
    if (auto problem = timezone_option_error(options)) {
        std::cerr << "meso check: " << *problem << "\n";
        return 2;
    }
    std::vector<StreamedPipeline> runs;  // kept alive: diagnostics point into their sources
    std::vector<Diagnostic> diagnostics;
    bool unreadable = false;
    bool zone_said = false;
    for (const auto& path : files) {
        runs.push_back(resolve_for_streaming(path, options));
        stream_programs(runs.back(), options, nullptr);
        if (runs.back().unreadable) {
            std::cerr << "meso: " << runs.back().diagnostics.front().message << "\n";
            unreadable = true;
            continue;
        }
        // The file is not checked in full without a zone for its programs.
        if (!runs.back().zone_error.empty()) {
            if (!zone_said) std::cerr << "meso check: " << runs.back().zone_error << "\n";
            zone_said = true;
            unreadable = true;
        }
        diagnostics.insert(diagnostics.end(), runs.back().diagnostics.begin(), runs.back().diagnostics.end());
    }
    if (options.format == "json") std::cout << to_json(diagnostics, options.show_suppressed);
    else if (options.format == "sarif") {
        // The rules in force of every file, each once.
        std::vector<const syntax::Ruleset*> rulesets;
        for (const auto& run : runs)
            if (run.compilation) rulesets.insert(rulesets.end(), run.compilation->module.rulesets.begin(), run.compilation->module.rulesets.end());
        RuleBook book = load_rules(rulesets);
        std::cout << to_sarif(diagnostics, describe_rules(book));
    }
    else print_text(std::cerr, diagnostics, {use_colour(2), options.show_suppressed});
    if (unreadable) return 2;
    bool failing = false;
    for (const auto& d : diagnostics) {
        if (d.suppressed_by) continue;
        if (d.severity == Severity::error || (options.strict && d.severity == Severity::warning)) failing = true;
    }
    return failing ? 1 : 0;
}

int schedule(const std::string& file, const CommonOptions& options)
{
    if (auto problem = timezone_option_error(options)) {
        std::cerr << "meso schedule: " << *problem << "\n";
        return 2;
    }
    // Syntax, meaning and schedule errors leave no plan to print: they are
    // printed in full, and nothing goes to standard output.
    auto run = run_pipeline(file, options, Stages::schedule);
    if (run.unreadable) {
        std::cerr << "meso: " << run.diagnostics.front().message << "\n";
        return 2;
    }
    if (has_errors(run.diagnostics)) {
        print_text(std::cerr, run.diagnostics, {use_colour(2), false});
        return 1;
    }
    if (!run.zone_error.empty()) {
        print_text(std::cerr, run.diagnostics, {use_colour(2), false});
        std::cerr << "meso schedule: " << run.zone_error << "\n";
        return 2;
    }
    // The rules' findings do not stop the plan (cli.md): it is printed, and
    // the findings are counted on standard error for `meso check` to show.
    // What is not a rule's finding (a warning of the schedule, an error in
    // a rule file, an `allow` of an unknown rule) is printed in full.
    std::vector<Diagnostic> shown;
    long long errors = 0, warnings = 0;
    bool failing = false;
    auto rule_diagnostics = check_rules(run.compilation->module, run.schedule);
    run.diagnostics.insert(run.diagnostics.end(), std::make_move_iterator(rule_diagnostics.begin()),
                           std::make_move_iterator(rule_diagnostics.end()));
    for (auto& d : run.diagnostics) {
        if (d.suppressed_by) continue;
        if (d.severity == Severity::error || (options.strict && d.severity == Severity::warning)) failing = true;
        if (!d.rule) shown.push_back(std::move(d));
        else if (d.severity == Severity::error) ++errors;
        else if (d.severity == Severity::warning) ++warnings;
    }
    print_text(std::cerr, shown, {use_colour(2), false});
    if (options.format == "json") write_sessions_json(std::cout, run.schedule, run.default_zone);
    else if (options.format == "csv") write_sessions_csv(std::cout, run.schedule);
    else write_sessions_text(std::cout, run.schedule, run.default_zone);
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "meso: cannot write the schedule to standard output\n";
        return 2;
    }
    if (errors > 0 || warnings > 0) {
        const auto count = [](long long n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
        std::string what = errors > 0 ? count(errors, "error", "errors") : "";
        if (warnings > 0) what += (what.empty() ? "" : " and ") + count(warnings, "warning", "warnings");
        std::cerr << "meso schedule: " << what << " in the plan: see meso check" << (options.strict ? " --strict " : " ") << file << "\n";
    }
    return failing ? 1 : 0;
}

}  // namespace meso::cli
