// meso view FILE [-o plan.html] [--timezone ZONE] [--rules FILE] [--no-default-rules] [--max-sessions N] [--athlete NAME]
#include <iostream>
#include <string>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/cli/output.h"
#include "engine/evidence/evidence.h"
#include "engine/pipeline/pipeline.h"
#include "engine/report/report.h"
#include "engine/rules/rules.h"
#include "engine/view/view.h"

namespace meso::cli {

int view(const std::string& file, const std::string& output, const CommonOptions& options)
{
    if (auto problem = pipeline::timezone_option_error(options.pipeline)) {
        print_error(*problem);
        return 2;
    }
    const evidence::Table& table = evidence::bfr_table();
    pipeline::FileRun run = pipeline::resolve_file(file, options.pipeline);
    if (print_run_error(run)) return 2;
    view::Page page;
    page.file = file;
    page.default_zone = run.default_zone;
    pipeline::stream_programs(run, options.pipeline, pipeline::Stages::rules, [&](std::size_t, scheduling::ProgramSchedule& program) {
        page.programs.push_back(view::program_page(std::move(program), table));
    });
    // Errors leave no plan to show: they are printed in full, and nothing is
    // written. The rules' findings are the page's to show, not standard error's.
    if (has_errors(run.diagnostics)) {
        report::print_text(std::cerr, run.diagnostics, {use_colour(2), false});
        return 1;
    }
    if (!run.zone_error.empty()) {
        print_error(run.zone_error);
        return 2;
    }
    // What is not a rule's finding (a warning of the schedule, of a rule file) goes to standard error, as with `meso schedule`.
    std::vector<Diagnostic> not_findings;
    for (const auto& d : run.diagnostics)
        if (!d.rule) not_findings.push_back(d);
    report::print_text(std::cerr, not_findings, {use_colour(2), false});
    const rules::RuleBook book = rules::load_rules(run.compilation->module);
    page.book = &book;
    page.findings = std::move(run.diagnostics);
    const auto result = write_output(output, [&](std::ostream& out) {
        view::write_page(out, page);
        return static_cast<bool>(out);
    });
    if (result.failure) {
        print_error(cannot_write(*result.failure));
        return 2;
    }
    return 0;
}

}  // namespace meso::cli
