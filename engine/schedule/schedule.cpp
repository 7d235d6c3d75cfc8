#include "engine/schedule/schedule.h"

#include <fmt/format.h>

#include "engine/schedule/planner.h"

namespace meso::scheduling {

using namespace std::chrono;

namespace {

// The file's budget of sets written: max_sets_per_session for every session
// --max-sessions allows.
long long sets_budget_of(const ScheduleOptions& options)
{
    const long long per = std::max(1LL, options.max_sets_per_session);
    if (options.max_sessions > std::numeric_limits<long long>::max() / per) return std::numeric_limits<long long>::max();
    return options.max_sessions * per;
}

std::string sets_budget_message(const ScheduleOptions& options)
{
    return fmt::format("the sessions of this file hold more than {} sets in all ({} a session of --max-sessions, {}); "
                       "write fewer sets or fewer sessions, or raise --max-sessions",
                       sets_budget_of(options), options.max_sets_per_session, options.max_sessions);
}

std::string over_budget_message(long long max_sessions, long long sessions, long long used_before)
{
    return fmt::format("the programs of this file expand to more than --max-sessions ({}) sessions: this program's {} do not "
                       "fit after the {} of the programs before it; the programs after it were not expanded",
                       max_sessions, sessions, used_before);
}

// What the programs of a file have left of its bounds, program after program.
struct FileBudget {
    const ScheduleOptions& options;
    long long sessions = options.max_sessions;  // what is left
    long long sets = sets_budget_of(options);

    // A planner for the next program, bounded by what is left.
    ScheduleOptions remaining() const
    {
        ScheduleOptions left = options;
        left.max_sessions = sessions;
        return left;
    }
    void arm(Planner& planner) const
    {
        planner.sets_budget = sets;
        planner.file_options = &options;
    }
    void spend(long long program_sessions, long long written_sets)
    {
        sessions -= program_sessions;
        sets -= written_sets;
    }
    // After a program that did not fit: true when the file's expansion
    // stops there. A program over --max-sessions after others have used some
    // of it says so, in place of its own message.
    bool stops_after(const Planner& planner, std::vector<Diagnostic>& diagnostics) const
    {
        if (planner.over_sets_budget) return true;
        if (!planner.over_budget || sessions >= options.max_sessions) return false;
        diagnostics.back().message = over_budget_message(options.max_sessions, planner.session_count, options.max_sessions - sessions);
        return true;
    }
};

}  // namespace

void Planner::error(const Span& span, std::string message) { diagnostics.push_back(Diagnostic::error(span, std::move(message))); }

// Places the program's days and counts its sessions against the bounds,
// allocating nothing per session. False (and reported) when the program
// cannot be expanded; over_budget when it is --max-sessions that stops it.
// `known_count`: the session count of an earlier plan() of this program
// (schedule_program), so that the days need not be walked again.
bool Planner::plan(std::optional<long long> known_count)
{
    out.program = &program;
    out.name = program.name;
    out.athlete = program.athlete ? program.athlete->name : "";
    out.unit = program.athlete ? program.athlete->unit : ir::MassUnit::kg;
    if (!program.start && !program.end) return false;  // reported by resolve
    long long total = 0;
    for (const auto& b : program.blocks) total += b.length_days;
    if (total > max_program_days) {
        error(program.span,
              fmt::format("the program lasts {} days; meso plans at most a thousand years ({} days)", total, max_program_days));
        return false;
    }
    const sys_days anchor = program.start ? *program.start : *program.end;
    if (anchor < earliest_date || anchor > latest_date) {
        error(program.span, "the program's dates must lie between the years 1900 and 9999");
        return false;
    }
    if (total == 0) {
        out.start = out.end = anchor;
        return true;
    }
    merge_pauses();
    collect_plan_days(program.start ? *program.start : *program.end - days{static_cast<int>(total) - 1});
    if (!place_training_days()) return false;
    out.start = block_starts.front();
    out.end = block_ends.back();
    // A competition is a day without training, as a skipped day.
    std::vector<ir::DateRange> no_training = program.skips;
    for (const auto& c : program.competitions) no_training.push_back({c.date, c.date, {}, {}});
    skips_by_start = merged(std::move(no_training));
    if (known_count) {  // planned before, by plan_schedule, which reported what is idle
        session_count = *known_count;
        return true;
    }
    report_idle_ranges();
    session_count = walk(false);
    return check_bounds(session_count);
}

// After the counting walk: the sets planned, the sessions, the sets written.
bool Planner::check_bounds(long long count)
{
    if (planned_sets > max_planned_sets) {
        error(program.span, fmt::format("this program plans more than {} sets (the prescriptions of every block week, "
                                        "counted once per week and split); write fewer exercises or shorter blocks",
                                        max_planned_sets));
        return false;
    }
    if (count > options.max_sessions) {
        over_budget = true;
        error(program.span,
              fmt::format("this program expands to {} sessions, more than --max-sessions allows ({})", count, options.max_sessions));
        return false;
    }
    if (written_sets > sets_budget) {
        over_sets_budget = true;
        error(program.span, sets_budget_message(*file_options));
        return false;
    }
    return true;
}

// After plan(): the sessions and their contents.
void Planner::build()
{
    if (planned_starts.empty()) return;  // a program of no days
    out.sessions.reserve(static_cast<std::size_t>(session_count));
    walk(true);
    out.contents.shrink_to_fit();  // the contents are most of the schedule's memory: no spare capacity
}

bool Planner::run()
{
    if (!plan()) return false;
    build();
    return true;
}

// --max-sessions bounds the sessions of the whole run: once the programs
// before have used the budget, the next program that does not fit says so
// and the rest are not expanded.
ScheduleResult schedule(const ir::Module& module, const ScheduleOptions& options)
{
    ScheduleResult result;
    scheduling::FileBudget budget{options};
    for (const auto& program : module.programs) {
        const ScheduleOptions remaining = budget.remaining();
        scheduling::Planner planner{program, remaining, result.diagnostics};
        budget.arm(planner);
        if (planner.run()) {
            budget.spend(static_cast<long long>(planner.out.sessions.size()), planner.written_sets);
            result.programs.push_back(std::move(planner.out));
        }
        else if (budget.stops_after(planner, result.diagnostics)) {
            break;
        }
    }
    return result;
}

PlanInProgress begin_plan(const ScheduleOptions& options)
{
    PlanInProgress planning;
    planning.options = options;
    planning.sessions_left = options.max_sessions;
    planning.sets_left = sets_budget_of(options);
    return planning;
}

void plan_program(PlanInProgress& planning, const ir::Program& program, std::size_t index)
{
    if (planning.stopped) return;
    SchedulePlan& result = planning.plan;
    scheduling::FileBudget budget{planning.options, planning.sessions_left, planning.sets_left};
    const ScheduleOptions remaining = budget.remaining();
    scheduling::Planner planner{program, remaining, result.diagnostics};
    budget.arm(planner);
    const bool planned = planner.plan();
    result.diagnostic_program.resize(result.diagnostics.size(), index);
    if (!planned) {
        planning.stopped = budget.stops_after(planner, result.diagnostics);
        return;
    }
    budget.spend(planner.session_count, planner.written_sets);
    planning.sessions_left = budget.sessions;
    planning.sets_left = budget.sets;
    ProgramPlan plan;
    plan.program = &program;
    plan.index = index;
    plan.start = planner.out.start;
    plan.end = planner.out.end;
    plan.sessions = planner.session_count;
    plan.first_session = planner.first_session_date;
    plan.last_session = planner.last_session_date;
    result.programs.push_back(plan);
}

SchedulePlan plan_schedule(const ir::Module& module, const ScheduleOptions& options)
{
    PlanInProgress planning = begin_plan(options);
    for (std::size_t index = 0; index < module.programs.size(); ++index) plan_program(planning, module.programs[index], index);
    return std::move(planning.plan);
}

ProgramSchedule schedule_program(const ProgramPlan& plan, std::vector<Diagnostic>& diagnostics)
{
    ScheduleOptions options;
    options.max_sessions = plan.sessions;
    scheduling::Planner planner{*plan.program, options, diagnostics};
    if (planner.plan(plan.sessions)) planner.build();  // planned before, so it fits
    return std::move(planner.out);
}

}  // namespace meso::scheduling
