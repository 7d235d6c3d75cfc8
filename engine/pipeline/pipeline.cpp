#include "engine/pipeline/pipeline.h"

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <iterator>
#include <unordered_map>
#include <utility>

#include "engine/base/suggest.h"
#include "engine/emit/clock_changes.h"
#include "engine/pipeline/logging.h"
#include "engine/rules/rules.h"

namespace meso::pipeline {

namespace {

resolving::ResolveOptions resolve_options(const Options& options)
{
    resolving::ResolveOptions r;
    r.default_rules = !options.no_default_rules;
    r.rule_files = options.rule_files;
    r.keep_athlete_syntax = options.keep_whole_ir;
    if (const char* path = std::getenv("MESO_PATH")) r.meso_path = path;
    return r;
}

// In order of file (the main file first, as loaded) and position.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics, const resolving::Compilation& compilation)
{
    sort_by_position(diagnostics, compilation.sources);
}

// A warning at each program that names no zone, when the default zone is
// one like 'EST' that keeps no daylight-saving time (see timezone.h).
void warn_of_zones_without_daylight_saving(FileRun& run)
{
    for (const auto& program : run.compilation->module.programs) {
        if (!program.timezone.empty()) continue;
        const auto around = program.start ? program.start : program.end;
        if (!around) continue;
        if (auto warning = zone_without_daylight_saving(run.default_zone.name, *around)) {
            run.diagnostics.push_back(Diagnostic::warning(program.span, "this program's times are in " + run.default_zone.name + ", from " +
                                                                            to_string(run.default_zone.source) + ", and " + *warning));
        }
    }
}

// The zone of the programs that name none, when one does: --timezone, else
// the machine's (looked up only then; a TZ that names no zone is zone_error).
void choose_default_zone(FileRun& run, const Options& options)
{
    const auto& programs = run.compilation->module.programs;
    const bool needed = std::any_of(programs.begin(), programs.end(), [](const ir::Program& program) { return program.timezone.empty(); });
    if (!needed) return;
    if (!options.timezone.empty()) run.default_zone = {options.timezone, ZoneSource::option};
    else {
        MachineZone machine = machine_zone();
        if (!machine.error.empty()) {
            run.zone_error = std::move(machine.error);
            return;
        }
        run.default_zone = machine.zone;
    }
    warn_of_zones_without_daylight_saving(run);
}

std::string zone_name(const scheduling::ProgramSchedule& program, const ZoneChoice& default_zone)
{
    return zone_for(program.program != nullptr ? std::string_view(program.program->timezone) : std::string_view(), default_zone).name;
}

// One pass over a file's programs. The schedule's diagnostics are kept
// apart, with where they came from, so that after a schedule error they
// can be given in schedule()'s order: program by program, what planning
// finds before what expanding does.
enum class Step { planning, expanding };
struct ScheduleDiagnostic {
    std::size_t program;  // index in module.programs
    Step step;
    Diagnostic diagnostic;
};

struct Pass {
    std::vector<ScheduleDiagnostic> schedule_diagnostics;
    std::vector<Diagnostic> later;    // the rule files' errors, clock changes and findings
    rules::RuleBook book;             // empty when the rules are not checked
    rules::ClearanceUses clearances;  // the athletes' clearances that accepted a finding so far
    bool schedule_failed = false;
    bool failed = false;          // anything in the file so far is an error: nothing more is handed on
    bool last_resolution = true;  // no schedule_again follows: a program's statements go once its blocks are resolved
    PassTotals totals;            // for the log
};

Pass begin_pass(const scheduling::SchedulePlan& plan, const ir::Module& module, Stages last)
{
    Pass pass;
    for (std::size_t k = 0; k < plan.diagnostics.size(); ++k) {
        pass.schedule_failed = pass.schedule_failed || is_error(plan.diagnostics[k]);
        pass.schedule_diagnostics.push_back({plan.diagnostic_program[k], Step::planning, plan.diagnostics[k]});
    }
    if (last == Stages::rules) {
        pass.book = rules::load_rules(module);
        pass.later = std::move(pass.book.diagnostics);
        pass.book.diagnostics.clear();
        DiagnosticSink(pass.later).append(rules::check_clearances(pass.book, module));
    }
    pass.failed = pass.schedule_failed || has_errors(pass.later);
    return pass;
}

// Schedules one program and, while the schedule has no error, checks it,
// with the athlete's programs checked before it (`earlier`); nullopt once
// the file has a schedule error (the rules are then not reported).
std::optional<scheduling::ProgramSchedule> pass_program(Pass& pass, const FileRun& run, Stages last, std::size_t i,
                                                        const std::vector<const scheduling::ProgramSchedule*>& earlier, const LapClock& lap)
{
    const scheduling::ProgramPlan& planned = run.plan.programs[i];
    std::vector<Diagnostic> found;
    const auto scheduling = Clock::now();
    resolving::resolve_blocks(*run.compilation, planned.index, pass.last_resolution);  // let go again by pass_athlete
    scheduling::ProgramSchedule program = scheduling::schedule_program(planned, found);
    const bool names_athlete = program.program != nullptr && program.program->one_of_several;
    if (names_athlete) name_athlete(found, 0, program.athlete);
    const auto scheduled = Clock::now();
    pass.totals.schedule_time += scheduled - scheduling;
    ++pass.totals.programs;
    pass.totals.sessions += program.sessions.size();
    for (auto& d : found) {
        pass.schedule_failed = pass.schedule_failed || is_error(d);
        pass.schedule_diagnostics.push_back({planned.index, Step::expanding, std::move(d)});
    }
    pass.failed = pass.failed || pass.schedule_failed;
    if (pass.schedule_failed) return std::nullopt;
    if (lap) lap(Lap::schedule);
    const DiagnosticSink later(pass.later);
    const std::size_t first_finding = later.size();
    emit::check_clock_changes(program, zone_name(program, run.default_zone), pass.later);
    if (names_athlete) name_athlete(pass.later, first_finding, program.athlete);
    if (lap) lap(Lap::clock_changes);
    if (last == Stages::rules) rules::check_program_rules(pass.book, program, pass.later, &pass.clearances, earlier);
    pass.totals.rules_time += Clock::now() - scheduled;
    log_program(program, scheduled - scheduling, Clock::now() - scheduled);
    pass.failed = pass.failed || later.has_errors_since(first_finding);
    if (lap) lap(Lap::rules);
    return program;
}

// One athlete's programs (`group`, indices of the plan): each scheduled and
// checked with the ones before it, all kept until the last is checked, then
// handed on, in order, while the file has no error, and let go.
void pass_athlete(Pass& pass, const FileRun& run, Stages last, const std::vector<std::size_t>& group, const TakeProgram& take,
                  const LapClock& lap)
{
    std::deque<std::pair<std::size_t, scheduling::ProgramSchedule>> kept;  // a deque: `earlier` points into it
    std::vector<const scheduling::ProgramSchedule*> earlier;
    for (const std::size_t i : group) {
        auto program = pass_program(pass, run, last, i, earlier, lap);
        if (!program) continue;
        kept.emplace_back(i, std::move(*program));
        earlier.push_back(&kept.back().second);
    }
    if (!pass.failed && take)
        for (auto& [i, program] : kept) take(i, program);
    kept.clear();
    for (const std::size_t i : group) resolving::let_blocks_go(*run.compilation, run.plan.programs[i].index);
    if (lap) lap(Lap::take);
}

void end_pass(Pass& pass, FileRun& run, Stages last)
{
    if (last == Stages::rules && !pass.schedule_failed) {
        DiagnosticSink(pass.later).append(rules::unused_clearances(pass.book, run.compilation->module, pass.clearances));
    }
    if (pass.schedule_failed) {
        std::stable_sort(pass.schedule_diagnostics.begin(), pass.schedule_diagnostics.end(),
                         [](const ScheduleDiagnostic& a, const ScheduleDiagnostic& b) {
                             return std::make_pair(a.program, a.step) < std::make_pair(b.program, b.step);
                         });
    }
    const std::size_t mark = run.diagnostics.size();
    for (auto& d : pass.schedule_diagnostics) run.diagnostics.push_back(std::move(d.diagnostic));
    if (pass.schedule_failed) {
        merge_shared_findings(run.diagnostics, mark);
        return;  // unsorted, as schedule() gives them
    }
    DiagnosticSink(run.diagnostics).append(std::move(pass.later));
    merge_shared_findings(run.diagnostics, mark);  // a finding alike for several athletes of a group, once
    sort_diagnostics(run.diagnostics, *run.compilation);
}

bool stopped(const FileRun& run)
{
    return run.unreadable || !run.compilation || has_errors(run.diagnostics) || !run.zone_error.empty() || !run.athlete_error.empty();
}

// --athlete: the name is one of the file's athletes, or the error says the nearest.
void check_athlete_option(FileRun& run, const Options& options)
{
    if (options.athlete.empty()) return;
    std::vector<std::string> names;
    for (const auto& a : run.compilation->module.athletes) {
        if (a.name == options.athlete) return;
        names.push_back(a.name);
    }
    run.athlete_error = "--athlete: unknown athlete '" + options.athlete + "'" + did_you_mean(options.athlete, names) +
                        (names.empty() ? " (the file names no athlete)" : "");
}

// --athlete: the plans of the other athletes' programs are left out.
void keep_athlete(scheduling::SchedulePlan& plan, const Options& options)
{
    if (options.athlete.empty()) return;
    const auto others = std::remove_if(plan.programs.begin(), plan.programs.end(), [&](const scheduling::ProgramPlan& p) {
        return p.program == nullptr || p.program->athlete == nullptr || p.program->athlete->name != options.athlete;
    });
    plan.programs.erase(others, plan.programs.end());
}

}  // namespace

std::vector<std::vector<std::size_t>> athlete_groups(const scheduling::SchedulePlan& plan)
{
    std::vector<std::vector<std::size_t>> groups;
    std::unordered_map<const ir::Athlete*, std::size_t> group_of;  // athlete → index in groups
    for (std::size_t i = 0; i < plan.programs.size(); ++i) {
        const ir::Program* program = plan.programs[i].program;
        const ir::Athlete* athlete = program != nullptr ? program->athlete : nullptr;
        if (athlete == nullptr) {
            groups.push_back({i});
            continue;
        }
        const auto [known, added] = group_of.emplace(athlete, groups.size());
        if (added) groups.emplace_back();
        groups[known->second].push_back(i);
    }
    return groups;
}

FileRun resolve_file(const std::string& path, const Options& options)
{
    const auto resolve = resolve_options(options);
    auto read = resolving::read_source(path, resolve.limits.max_bytes);
    if (!read.source) {
        FileRun run;
        run.unreadable = true;
        run.diagnostics.push_back(Diagnostic::error(Span{}, read.error));
        return run;
    }
    return resolve_text(std::move(*read.source), options);
}

FileRun resolve_text(Source source, const Options& options)
{
    FileRun run;
    const auto start = Clock::now();
    auto resolve = resolve_options(options);
    std::optional<scheduling::PlanInProgress> planning;
    if (!options.keep_whole_ir) {
        planning = scheduling::begin_plan({options.max_sessions});
        resolve.resolved_program = [&](const ir::Program& program, std::size_t index) {
            scheduling::plan_program(*planning, program, index);
        };
    }
    run.compilation = resolving::resolve_source(std::move(source), resolve);
    if (planning) {
        run.plan = std::move(planning->plan);
        for (auto& planned : run.plan.programs) planned.program = &run.compilation->module.programs[planned.index];  // where they are now
        run.planned = true;
    }
    run.diagnostics = run.compilation->diagnostics;
    log_resolved(*run.compilation, options, resolve.meso_path, start);
    check_athlete_option(run, options);
    if (!has_errors(run.diagnostics)) {
        choose_default_zone(run, options);
        log_zones(run);
    }
    return run;
}

FileRun check_text(Source source, const Options& options)
{
    FileRun run = resolve_text(std::move(source), options);
    stream_programs(run, options, Stages::rules, nullptr);
    return run;
}

FileRun resolve_rules_only(const Options& options)
{
    FileRun run;
    const auto start = Clock::now();
    const auto resolve = resolve_options(options);
    run.compilation = resolving::resolve_source(Source{"<rules>", ""}, resolve);
    run.diagnostics = run.compilation->diagnostics;
    log_resolved(*run.compilation, options, resolve.meso_path, start);
    return run;
}

void stream_programs(FileRun& run, const Options& options, Stages last, const TakeProgram& take, const LapClock& lap)
{
    if (stopped(run)) {
        log_findings("findings", run.diagnostics);
        return;
    }
    const auto start = Clock::now();
    if (!run.planned) run.plan = scheduling::plan_schedule(run.compilation->module, {options.max_sessions});
    keep_athlete(run.plan, options);
    log_planned(run.plan, start);
    if (lap) lap(Lap::schedule);
    Pass pass = begin_pass(run.plan, run.compilation->module, last);
    pass.last_resolution = !options.schedule_again_after;
    if (lap) lap(Lap::rules);
    for (const auto& group : athlete_groups(run.plan)) {
        pass_athlete(pass, run, last, group, take, lap);
        if (lap) lap(Lap::schedule);  // the athlete's programs let go
    }
    end_pass(pass, run, last);
    if (last == Stages::rules) run.rules = std::move(pass.book);
    log_totals(pass.totals, last == Stages::rules);
    log_findings(last == Stages::rules ? "findings" : "findings before the rules", run.diagnostics);
    if (lap) lap(Lap::rules);
}

void schedule_again(FileRun& run, const scheduling::ProgramPlan& plan,
                    const std::function<void(const scheduling::ProgramSchedule& program)>& use)
{
    resolving::resolve_blocks(*run.compilation, plan.index, /*last=*/true);
    {
        std::vector<Diagnostic> again;  // none: the file was checked
        use(scheduling::schedule_program(plan, again));
    }
    resolving::let_blocks_go(*run.compilation, plan.index);
}

FileRun check_file(const std::string& path, const Options& options)
{
    FileRun run = resolve_file(path, options);
    stream_programs(run, options, Stages::rules, nullptr);
    return run;
}

ScheduledFile schedule_file(const std::string& path, const Options& options)
{
    ScheduledFile file;
    Options whole = options;
    whole.keep_whole_ir = true;  // the schedule is printed whole, and points into every program's blocks
    file.run = resolve_file(path, whole);
    stream_programs(file.run, whole, Stages::schedule,
                    [&](std::size_t, scheduling::ProgramSchedule& program) { file.schedule.programs.push_back(std::move(program)); });
    if (stopped(file.run)) return file;
    const auto start = Clock::now();
    file.rule_diagnostics = rules::check_rules(file.run.compilation->module, file.schedule);
    log_rules_checked(start);
    log_findings("findings of the rules", file.rule_diagnostics);
    return file;
}

std::optional<std::string> timezone_option_error(const Options& options)
{
    if (options.timezone.empty()) return std::nullopt;
    if (auto problem = unknown_timezone_message(options.timezone)) return "--timezone: " + *problem;
    return std::nullopt;
}

bool fails(const Diagnostic& diagnostic, bool strict)
{
    if (diagnostic.suppressed_by) return false;
    return diagnostic.severity == Severity::error || (strict && diagnostic.severity == Severity::warning);
}

}  // namespace meso::pipeline
