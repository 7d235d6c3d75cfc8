#include "engine/cli/pipeline.h"

#include <algorithm>
#include <cstdlib>

#include "engine/emit/clock_changes.h"
#include "engine/rules/rules.h"

namespace meso::cli {

namespace {

bool is_error(const Diagnostic& d) { return d.severity == Severity::error && !d.suppressed_by; }

// In order of file (the main file first, as loaded) and position.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics, const Compilation& compilation)
{
    std::vector<const Source*> order;
    for (const auto& s : compilation.sources) order.push_back(&s);
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        auto rank = [&](const Diagnostic& d) {
            auto it = std::find(order.begin(), order.end(), d.span.source);
            return std::make_pair(static_cast<std::size_t>(it - order.begin()), d.span.begin);
        };
        return rank(a) < rank(b);
    });
}

// The zone of the programs that name none, when one does, with a warning
// at each such program when that zone is one like 'EST' (see timezone.h).
void choose_default_zone(StreamedPipeline& p, const CommonOptions& options)
{
    const auto& programs = p.compilation->module.programs;
    const bool needed = std::any_of(programs.begin(), programs.end(), [](const ir::Program& program) { return program.timezone.empty(); });
    if (!needed) return;
    if (!options.timezone.empty()) p.default_zone = {options.timezone, ZoneSource::option};
    else {
        MachineZone machine = machine_zone();
        if (!machine.error.empty()) {
            p.zone_error = std::move(machine.error);
            return;
        }
        p.default_zone = machine.zone;
    }
    for (const auto& program : programs) {
        if (!program.timezone.empty()) continue;
        const auto around = program.start ? program.start : program.end;
        if (!around) continue;
        if (auto warning = zone_without_daylight_saving(p.default_zone.name, *around)) {
            Diagnostic d;
            d.severity = Severity::warning;
            d.span = program.span;
            d.message = "this program's times are in " + p.default_zone.name + ", from " + to_string(p.default_zone.source) +
                        ", and " + *warning;
            p.diagnostics.push_back(std::move(d));
        }
    }
}

std::string zone_name(const ProgramSchedule& program, const ZoneChoice& default_zone)
{
    return zone_for(program.program != nullptr ? std::string_view(program.program->timezone) : std::string_view(), default_zone).name;
}

}  // namespace

std::optional<std::string> timezone_option_error(const CommonOptions& options)
{
    if (options.timezone.empty()) return std::nullopt;
    if (auto problem = unknown_timezone_message(options.timezone)) return "--timezone: " + *problem;
    return std::nullopt;
}

ResolveOptions resolve_options(const CommonOptions& options)
{
    ResolveOptions r;
    r.default_rules = !options.no_default_rules;
    r.rule_files = options.rule_files;
    if (const char* path = std::getenv("MESO_PATH")) r.meso_path = path;
    return r;
}

Pipeline run_pipeline(const std::string& path, const CommonOptions& options, Stages last)
{
    Pipeline p;
    StreamedPipeline resolved = resolve_for_streaming(path, options);
    p.compilation = std::move(resolved.compilation);
    p.diagnostics = std::move(resolved.diagnostics);
    p.unreadable = resolved.unreadable;
    p.default_zone = resolved.default_zone;
    p.zone_error = resolved.zone_error;
    if (p.unreadable || last == Stages::resolve || has_errors(p.diagnostics) || !p.zone_error.empty()) return p;
    p.schedule = meso::schedule(p.compilation->module, {options.max_sessions});
    p.diagnostics.insert(p.diagnostics.end(), p.schedule.diagnostics.begin(), p.schedule.diagnostics.end());
    if (has_errors(p.diagnostics)) return p;
    for (const auto& program : p.schedule.programs) check_clock_changes(program, zone_name(program, p.default_zone), p.diagnostics);
    if (last == Stages::schedule) {
        sort_diagnostics(p.diagnostics, *p.compilation);
        return p;
    }
    auto findings = check_rules(p.compilation->module, p.schedule);
    p.diagnostics.insert(p.diagnostics.end(), findings.begin(), findings.end());
    sort_diagnostics(p.diagnostics, *p.compilation);
    return p;
}

StreamedPipeline resolve_for_streaming(const std::string& path, const CommonOptions& options)
{
    StreamedPipeline p;
    const auto resolve = resolve_options(options);
    auto read = read_source(path, resolve.limits.max_bytes);
    if (!read.source) {
        p.unreadable = true;
        p.diagnostics.push_back(Diagnostic::error(Span{}, read.error));
        return p;
    }
    p.compilation = resolve_source(std::move(*read.source), resolve);
    p.diagnostics = p.compilation->diagnostics;
    if (!has_errors(p.diagnostics)) choose_default_zone(p, options);
    return p;
}

void stream_programs(StreamedPipeline& p, const CommonOptions& options, const TakeProgram& take)
{
    if (p.unreadable || !p.compilation || has_errors(p.diagnostics) || !p.zone_error.empty()) return;
    const ir::Module& module = p.compilation->module;
    p.plan = plan_schedule(module, {options.max_sessions});
    // run_pipeline's order: resolve, schedule (in the order schedule() finds
    // them: program by program, what planning finds before what expanding
    // does), then, only when the schedule has no error, the rule files'
    // errors and each program's findings, sorted by position.
    struct Found {
        std::size_t program;
        int step;  // 0 planning, 1 expanding
        Diagnostic diagnostic;
    };
    std::vector<Found> schedule_diagnostics;
    for (std::size_t k = 0; k < p.plan.diagnostics.size(); ++k)
        schedule_diagnostics.push_back({p.plan.diagnostic_program[k], 0, std::move(p.plan.diagnostics[k])});
    p.plan.diagnostics.clear();
    p.plan.diagnostic_program.clear();
    bool schedule_failed = !schedule_diagnostics.empty() && std::any_of(schedule_diagnostics.begin(), schedule_diagnostics.end(),
                                                                        [](const Found& f) { return is_error(f.diagnostic); });
    RuleBook book = load_rules(module.rulesets);
    std::vector<Diagnostic> rule_diagnostics = std::move(book.diagnostics);
    book.diagnostics.clear();
    bool failed = schedule_failed || has_errors(rule_diagnostics);
    std::vector<Diagnostic> found;
    for (std::size_t i = 0; i < p.plan.programs.size(); ++i) {
        found.clear();
        const ProgramSchedule program = schedule_program(p.plan.programs[i], found);
        for (auto& d : found) {
            schedule_failed = schedule_failed || is_error(d);
            schedule_diagnostics.push_back({p.plan.programs[i].index, 1, std::move(d)});
        }
        failed = failed || schedule_failed;
        if (schedule_failed) continue;  // the rules will not be reported
        const std::size_t first_finding = rule_diagnostics.size();
        check_clock_changes(program, zone_name(program, p.default_zone), rule_diagnostics);
        check_program_rules(book, program, rule_diagnostics);
        for (std::size_t k = first_finding; k < rule_diagnostics.size() && !failed; ++k) failed = is_error(rule_diagnostics[k]);
        if (!failed && take) take(p.plan, i, program);
    }
    if (schedule_failed) {
        std::stable_sort(schedule_diagnostics.begin(), schedule_diagnostics.end(), [](const Found& a, const Found& b) {
            return std::make_pair(a.program, a.step) < std::make_pair(b.program, b.step);
        });
        for (auto& f : schedule_diagnostics) p.diagnostics.push_back(std::move(f.diagnostic));
        return;  // unsorted, as run_pipeline leaves them after a schedule error
    }
    for (auto& f : schedule_diagnostics) p.diagnostics.push_back(std::move(f.diagnostic));  // none but errors so far
    p.diagnostics.insert(p.diagnostics.end(), std::make_move_iterator(rule_diagnostics.begin()),
                         std::make_move_iterator(rule_diagnostics.end()));
    sort_diagnostics(p.diagnostics, *p.compilation);
}

}  // namespace meso::cli
