// An exercise's sets for one block week: each set's load from the
// athlete's max or training max, made on the exercise's equipment
// (equipment.cpp); progressions, ramps and deloads; the superset numbers
// of a session.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/base/text.h"
#include "engine/schedule/planner.h"

namespace meso::scheduling {

namespace {

constexpr double max_percent = 1000;  // as resolve checks a load as written
constexpr double max_mass_kg = 2000;

bool same_load(const ir::Load& a, const ir::Load& b)
{
    return a.kind == b.kind && a.from == b.from && a.to == b.to && a.per_week == b.per_week && a.of_training_max == b.of_training_max &&
           a.span.begin == b.span.begin && a.span.source == b.span.source;
}

}  // namespace

// The superset numbers of a session, from 1 in order of appearance
// (resolve numbers them across the file).
void number_supersets(std::vector<ExercisePlan>& exercises)
{
    std::vector<int> seen;
    for (auto& e : exercises) {
        if (e.superset == 0) continue;
        auto it = std::find(seen.begin(), seen.end(), e.superset);
        if (it == seen.end()) {
            seen.push_back(e.superset);
            e.superset = static_cast<int>(seen.size());
        }
        else {
            e.superset = static_cast<int>(it - seen.begin()) + 1;
        }
    }
}

// A deload keeps the first half (rounded up) of the work sets and every
// warm-up, at 90% of each load. Into `plan`, whatever it held before: its
// name's and sets' buffers are reused.
void Planner::plan_exercise(ExercisePlan& plan, const ir::Block& block, const ir::Exercise& e, int week, int block_weeks, bool deload)
{
    std::string name = std::move(plan.name);
    std::vector<SetPlan> sets = std::move(plan.sets);
    plan = ExercisePlan{};
    plan.name = std::move(name);
    plan.sets = std::move(sets);
    plan.sets.clear();
    plan.name = e.name;
    plan.rest_s = e.rest_s;
    plan.span = e.span;
    plan.each_side = e.each_side;
    plan.superset = e.superset;
    const std::size_t work = e.work_sets();
    const std::size_t kept = deload ? (work + 1) / 2 : work;
    ExerciseMaxes maxes;
    if (const ir::Athlete* athlete = program.athlete) {
        if (auto it = athlete->maxes.find(e.name); it != athlete->maxes.end()) maxes.max = it->second.amount;
        maxes.training_max = athlete->training_max(e.name);
        // A training max that is a share of every max relates a `% TM` load to the 1RM even when the max
        // itself is not written: 65% of a 90% training max is 58.5% of it.
        if (!athlete->training_maxes.count(e.name)) maxes.training_max_share = athlete->training_max_percent;
        // `training-max squat +5 kg per cycle`: a later cycle's training max is raised, and is no longer
        // that share of the max; the percent of the 1RM then comes from the two masses.
        if (auto raised = block.training_max_raise.find(e.name); raised != block.training_max_raise.end() && maxes.training_max) {
            *maxes.training_max += raised->second;
            if (raised->second != 0) maxes.training_max_share.reset();
        }
    }
    plan.sets.reserve(kept + (e.set_count() - work));
    std::size_t work_seen = 0;
    const ir::Load* previous = nullptr;  // a set whose load is the one before's copies its computed load
    for (const auto& set : e.sets) {
        // A run of `count` equal sets; a deload keeps the first `kept` work sets.
        std::size_t times = static_cast<std::size_t>(set.count);
        if (!set.warm_up) {
            const std::size_t room = kept > work_seen ? kept - work_seen : 0;
            work_seen += times;
            times = std::min(times, room);
        }
        if (times == 0) continue;
        SetPlan planned;
        if (previous && same_load(*previous, set.load) && !plan.sets.empty()) planned = plan.sets.back();
        else load_set(planned, plan, e, set.load, {week, block_weeks, deload}, maxes);
        previous = &set.load;
        planned.reps = set.reps;
        planned.reps_max = set.reps_max;
        planned.seconds = set.seconds;
        planned.amrap = set.amrap;
        planned.warm_up = set.warm_up;
        planned.rpe = set.rpe;
        planned.rir = set.rir;
        plan.sets.insert(plan.sets.end(), times, planned);
    }
}

// The load of one set in the week: percent, mass and % TM.
void Planner::load_set(SetPlan& set, ExercisePlan& plan, const ir::Exercise& e, const ir::Load& l, WeekOf when, const ExerciseMaxes& maxes)
{
    set = SetPlan{};
    const double step = step_of(e);
    double value = l.from;
    bool computed = when.deload;
    if (l.to) {
        value = when.block_weeks > 1 ? l.from + (*l.to - l.from) * (when.week - 1) / (when.block_weeks - 1) : l.from;
        computed = computed || when.week > 1;
    }
    else if (l.per_week != 0) {
        value = l.from + l.per_week * (when.week - 1);
        computed = computed || when.week > 1;
    }
    if (when.deload) value *= 0.9;
    value = bounded_load(e, l, value, when.week);
    switch (l.kind) {
    case ir::Load::Kind::none:
    case ir::Load::Kind::effort: break;
    case ir::Load::Kind::percent:
        if (l.of_training_max) {
            // A share of the training max: the mass from it, the percent of the 1RM from both.
            set.tm_percent = value;
            if (maxes.training_max_share) set.percent = value * *maxes.training_max_share / 100.0;
            if (!maxes.training_max) {
                // `training-max 90%` and no max for this exercise: like `75%` without a max, no kilograms
                // (std.general's percent-without-max says so); no training max at all was resolve's error.
                plan.percent_without_max = true;
                break;
            }
            load_on_equipment(e, l, *maxes.training_max * value / 100.0, false, set);
            if (!maxes.training_max_share && maxes.max && *maxes.max > 0) set.percent = *maxes.training_max * value / *maxes.max;
            if (*set.mass == 0 && value > 0) warn_rounds_to_zero(e, l, *maxes.training_max, value, step, "training max");
            break;
        }
        set.percent = value;
        if (maxes.max) {
            load_on_equipment(e, l, *maxes.max * value / 100.0, false, set);
            if (*set.mass == 0 && value > 0) warn_rounds_to_zero(e, l, *maxes.max, value, step, "max");
        }
        else plan.percent_without_max = true;
        break;
    case ir::Load::Kind::mass:
        load_on_equipment(e, l, value, !computed, set);
        if (maxes.max && *maxes.max > 0) set.percent = std::round(*set.mass / *maxes.max * 1000.0) / 10.0;
        break;
    }
}

// The limits resolve puts on a load as written hold for every week a
// progression reaches, so no load grows past what can be meant (nor, over
// a thousand weeks, towards what a double cannot hold), nor below zero.
// Said once per prescription.
double Planner::bounded_load(const ir::Exercise& e, const ir::Load& l, double value, int week)
{
    if (value < 0) {
        if (reported_negative.insert(e.span.begin).second)
            error(l.span, fmt::format("the progression takes this load below zero in block week {}", week));
        value = 0;
    }
    const double unit_kg = ir::kg_in(program.athlete ? program.athlete->unit : ir::MassUnit::kg);
    if (l.kind == ir::Load::Kind::percent && value > max_percent) {
        if (reported_negative.insert(e.span.begin).second)
            error(l.span, fmt::format("the progression takes this load above {}% of one-rep max in block week {}", max_percent, week));
        value = max_percent;
    }
    if (l.kind == ir::Load::Kind::mass && value * unit_kg > max_mass_kg) {
        if (reported_negative.insert(e.span.begin).second)
            error(l.span,
                  fmt::format("the progression takes this load beyond any human (more than {} kg) in block week {}", max_mass_kg, week));
        value = max_mass_kg / unit_kg;
    }
    return value;
}

// A relative load lighter than half the athlete's step rounds to 0: the
// calendar would say "0 kg", which no one means. Said once per
// prescription (its contents repeat week after week).
void Planner::warn_rounds_to_zero(const ir::Exercise& e, const ir::Load& l, double max, double percent, double step, const char* of_what)
{
    if (!reported_zero.insert(e.span.begin).second) return;
    const char* unit = program.athlete ? ir::to_string(program.athlete->unit) : "kg";
    diagnostics.push_back(
        Diagnostic::warning(l.span, fmt::format("{}% of {}'s {} {} ({:g} {}) is {:g} {}, which rounds to 0 {} with a step of {:g} {}; "
                                                "write a smaller 'round' step for the athlete, or an absolute load",
                                                format_percent(percent), out.athlete, e.name, of_what, max, unit, max * percent / 100.0,
                                                unit, unit, step, unit)));
}

}  // namespace meso::scheduling
