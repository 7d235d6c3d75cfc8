// meso check FILE|DIR... [--format text|json|sarif] [--strict] [--show-suppressed]
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/cli/program_files.h"
#include "engine/pipeline/pipeline.h"
#include "engine/report/report.h"
#include "engine/rules/rules.h"

namespace meso::cli {

namespace {

// The rules in force of every file, each once, as SARIF describes them.
std::vector<report::RuleDescription> rules_of(const std::vector<pipeline::FileRun>& runs)
{
    std::vector<const syntax::Ruleset*> rulesets;
    for (const auto& run : runs)
        if (run.compilation)
            rulesets.insert(rulesets.end(), run.compilation->module.rulesets.begin(), run.compilation->module.rulesets.end());
    return describe_rules(rules::load_rules(rulesets));
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics, const std::vector<pipeline::FileRun>& runs, const CommonOptions& options)
{
    if (options.format == "json") std::cout << report::to_json(diagnostics, options.show_suppressed);
    else if (options.format == "sarif") std::cout << report::to_sarif(diagnostics, rules_of(runs));
    else report::print_text(std::cerr, diagnostics, {use_colour(2), options.show_suppressed});
}

// Text only: JSON and SARIF are one document on stdout, and nothing else.
void print_summary(const std::vector<Diagnostic>& diagnostics, std::size_t files, const CommonOptions& options)
{
    if (options.format != "json" && options.format != "sarif" && files > 0)
        std::cerr << report::findings_summary(diagnostics, files) << "\n";
}

}  // namespace

int check(const std::vector<std::string>& arguments, const CommonOptions& options)
{
    // Each file a program at a time (pipeline::check_file), as meso compile
    // runs it, without holding a file's whole schedule.
    if (auto problem = pipeline::timezone_option_error(options.pipeline)) {
        print_error(*problem);
        return 2;
    }
    pipeline::Options streamed = options.pipeline;
    streamed.keep_whole_ir = false;  // the IR is read only as it is streamed
    bool could_not_run = false;
    const std::vector<std::string> files = program_files(arguments, could_not_run);  // a directory: its .meso files
    std::vector<pipeline::FileRun> runs;                                             // kept alive: diagnostics point into their sources
    std::vector<Diagnostic> diagnostics;
    bool zone_said = false;
    std::size_t checked = 0;  // the files read, for the summary
    for (const auto& path : files) {
        const pipeline::FileRun& run = runs.emplace_back(pipeline::check_file(path, streamed));
        if (run.unreadable) {
            print_error(run.diagnostics.front().message);
            could_not_run = true;
            continue;
        }
        if (!run.athlete_error.empty()) {
            print_error(run.athlete_error);
            could_not_run = true;
            continue;
        }
        // The file is not checked in full without a zone for its programs.
        if (!run.zone_error.empty()) {
            if (!zone_said) print_error(run.zone_error);
            zone_said = true;
            could_not_run = true;
        }
        ++checked;
        diagnostics.insert(diagnostics.end(), run.diagnostics.begin(), run.diagnostics.end());
    }
    print_diagnostics(diagnostics, runs, options);
    print_summary(diagnostics, checked, options);
    if (could_not_run) return 2;
    const bool failing =
        std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) { return pipeline::fails(d, options.strict); });
    return failing ? 1 : 0;
}

}  // namespace meso::cli
