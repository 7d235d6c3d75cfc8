// The figures of stats.h: one pass over each block's sessions, week by week.
#include "engine/stats/stats.h"

#include <algorithm>
#include <map>
#include <set>

namespace meso::stats {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

// The running sums of one exercise in one week, before the mean is taken.
struct ExerciseSums {
    ExerciseWeek week;
    double percent_sum = 0;
    long long percent_sets = 0;
};

struct WeekSums {
    std::vector<ExerciseSums> exercises;
    std::map<sys_days, int> sessions_by_day;
};

ExerciseSums& sums_of(WeekSums& sums, const std::string& name)
{
    for (auto& e : sums.exercises)
        if (e.week.name == name) return e;
    sums.exercises.push_back({});
    sums.exercises.back().week.name = name;
    return sums.exercises.back();
}

void add_set(Week& week, ExerciseSums& e, const scheduling::SetPlan& set)
{
    ++week.sets;
    ++e.week.sets;
    week.reps += set.reps;
    e.week.reps += set.reps;
    if (set.mass && set.reps > 0) {
        const double tonnage = set.reps * *set.mass;
        week.tonnage += tonnage;
        e.week.tonnage += tonnage;
    }
    else {
        ++week.sets_without_mass;
        ++e.week.sets_without_mass;
    }
    if (set.percent) {
        e.percent_sum += *set.percent;
        ++e.percent_sets;
        e.week.top_percent = std::max(e.week.top_percent.value_or(*set.percent), *set.percent);
    }
}

void add_session(Week& week, WeekSums& sums, const scheduling::Session& session, const scheduling::SessionContent& content)
{
    ++week.sessions;
    ++sums.sessions_by_day[session.date];
    week.deload = week.deload || content.deload;
    for (const auto& exercise : content.exercises) {
        auto& e = sums_of(sums, exercise.name);
        for (const auto& set : exercise.sets)
            if (!set.warm_up) add_set(week, e, set);
    }
}

void finish_week(Week& week, WeekSums& sums)
{
    week.training_days = static_cast<long long>(sums.sessions_by_day.size());
    for (auto& e : sums.exercises) {
        if (e.percent_sets > 0) e.week.mean_percent = e.percent_sum / static_cast<double>(e.percent_sets);
        week.exercises.push_back(std::move(e.week));
    }
    if (!week.bfr) return;
    auto& bfr = *week.bfr;
    bfr.sessions = week.sessions;
    bfr.training_days = static_cast<int>(week.training_days);
    for (const auto& [day, count] : sums.sessions_by_day) bfr.most_sessions_a_day = std::max(bfr.most_sessions_a_day, count);
    bfr.days_limited = bfr.run_week > 3;
    bfr.within_targets = bfr.most_sessions_a_day <= 2 && (!bfr.days_limited || (bfr.training_days >= 2 && bfr.training_days <= 3));
}

// Each week against the previous non-deload week of the block that has sessions.
void compare_weeks(std::vector<Week>& weeks)
{
    const Week* reference = nullptr;
    for (auto& week : weeks) {
        if (week.sessions == 0) continue;
        if (reference && reference->tonnage > 0) {
            week.compared_with = reference->week;
            week.volume_change_percent = (week.tonnage - reference->tonnage) / reference->tonnage * 100.0;
        }
        if (!week.deload) reference = &week;
    }
}

}  // namespace

BlockStats block_stats(const scheduling::ProgramSchedule& program, std::size_t block, int bfr_days_before)
{
    const scheduling::BlockPlan& plan = program.blocks[block];
    BlockStats out;
    out.name = plan.name;
    out.method = plan.method;
    out.start = plan.start;
    out.end = plan.end;
    out.bfr = plan.block && ir::is_bfr_block(*plan.block);
    const int weeks = std::max(plan.weeks, 1);
    out.weeks.resize(static_cast<std::size_t>(weeks));
    std::vector<WeekSums> sums(out.weeks.size());
    for (int w = 1; w <= weeks; ++w) {
        Week& week = out.weeks[static_cast<std::size_t>(w - 1)];
        week.week = w;
        week.start = plan.planned_start + days{7 * (w - 1)};
        week.end = week.start + days{6};
        if (out.bfr) week.bfr = BfrWeek{(bfr_days_before + 7 * (w - 1)) / 7 + 1};
    }
    std::set<sys_days> block_days;
    for (std::uint32_t i = plan.first_session; i < plan.first_session + plan.session_count; ++i) {
        const scheduling::Session& session = program.sessions[i];
        // A pause may move a session past the block's planned weeks: it keeps its block week, which exists.
        const auto w = std::clamp<std::size_t>(session.week, 1, out.weeks.size()) - 1;
        add_session(out.weeks[w], sums[w], session, program.contents[session.content]);
        block_days.insert(session.date);
    }
    for (std::size_t w = 0; w < out.weeks.size(); ++w) {
        finish_week(out.weeks[w], sums[w]);
        out.sessions += out.weeks[w].sessions;
        out.sets += out.weeks[w].sets;
        out.reps += out.weeks[w].reps;
        out.tonnage += out.weeks[w].tonnage;
    }
    out.training_days = static_cast<long long>(block_days.size());
    compare_weeks(out.weeks);
    return out;
}

ProgramStats program_stats(const scheduling::ProgramSchedule& program)
{
    ProgramStats out;
    out.name = program.name;
    out.athlete = program.athlete;
    out.unit = program.unit;
    out.start = program.start;
    out.end = program.end;
    int bfr_days_before = 0;
    for (std::size_t b = 0; b < program.blocks.size(); ++b) {
        out.blocks.push_back(block_stats(program, b, bfr_days_before));
        // As the rules count a run of BFR blocks (bfr-run-week): by the blocks' lengths.
        const ir::Block* block = program.blocks[b].block;
        bfr_days_before = out.blocks.back().bfr && block ? bfr_days_before + block->length_days : 0;
    }
    return out;
}

}  // namespace meso::stats
