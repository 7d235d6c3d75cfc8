// The metrics of an exercise (its prescriptions of one name in one session
// content of the block) and of its sets: each one's sampler and describer,
// then their rows of the metric table. They are sampled inside `every
// exercise`/`any exercise`, for the exercise at hand.
#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/base/text.h"
#include "engine/rules/metrics.h"
#include "engine/rules/units.h"

namespace meso::rules {

namespace {

// A value of the exercise: dated at the first session that holds it, at
// the exercise's line.
Sample exercise_sample(const BlockView& view, const ExerciseUse& exercise)
{
    Sample s;
    s.first = exercise.use->first;
    s.date = s.first->date;
    s.span = or_else(exercise.plan->span, view.block.span);
    return s;
}

// Rules are about the work sets: a warm-up at 40% is not a 40% set of the
// exercise. Work sets are numbered from 1 after the warm-ups. Walked in
// place: the checker samples an exercise's sets for every rule that looks
// at them, and a list of them per sample was a tenth of the rules' time.
template <typename Visit> void each_work_set(const scheduling::ExercisePlan& plan, Visit visit)
{
    int number = 0;
    for (const auto& set : plan.sets)
        if (!set.warm_up && !visit(set, ++number)) return;
}

std::size_t work_set_count(const scheduling::ExercisePlan& plan)
{
    return static_cast<std::size_t>(std::count_if(plan.sets.begin(), plan.sets.end(), [](const auto& set) { return !set.warm_up; }));
}

const scheduling::SetPlan& work_set(const scheduling::ExercisePlan& plan, int number)
{
    const scheduling::SetPlan* found = nullptr;
    each_work_set(plan, [&](const scheduling::SetPlan& set, int n) {
        if (n == number) found = &set;
        return n < number;
    });
    if (found == nullptr) throw std::out_of_range("work set " + std::to_string(number) + " of " + plan.name);
    return *found;
}

void sample_load(const BlockView& view, const ExerciseUse* exercise, SampleSink take)
{
    const scheduling::ExercisePlan& plan = *exercise->plan;
    Sample s = exercise_sample(view, *exercise);
    each_work_set(plan, [&](const scheduling::SetPlan& set, int number) {
        s.set = number;
        s.unknown.clear();
        if (set.percent) s.number = *set.percent;
        else if (set.tm_percent)
            s.unknown = plan.name + " is loaded " + format_percent(*set.tm_percent) + "% of the training max on " +
                        format_weekday_date(s.date) + ", and " + athlete_name(view) + " has no max for " + plan.name + " to relate it to";
        else if (set.rpe || set.rir)
            s.unknown =
                plan.name + " is loaded by " + (set.rpe ? "RPE" : "RIR") + " on " + format_weekday_date(s.date) + ", not in % of 1RM";
        else if (set.mass)
            s.unknown = plan.name + " is loaded " + trim_number(*set.mass) + " " + ir::to_string(view.program.unit) + " on " +
                        format_weekday_date(s.date) + ", and " + athlete_name(view) + " has no max for " + plan.name + " to relate it to";
        else return true;  // no load written
        return take(s);
    });
}

std::string describe_load(const BlockView& view, const Sample& s, const ExerciseUse* exercise)
{
    const scheduling::ExercisePlan& plan = *exercise->plan;
    const scheduling::SetPlan& set = work_set(plan, s.set);
    // The percents as every output shows them (base/text.h); the rule compared the exact value.
    std::string text = plan.name + " at " + format_percent(s.number) + "% of 1RM";
    if (set.tm_percent) text += " (" + format_percent(*set.tm_percent) + "% of the training max)";
    if (set.mass) text += " (" + trim_number(*set.mass) + " " + ir::to_string(view.program.unit) + ")";
    if (work_set_count(plan) > 1) text += " in set " + std::to_string(s.set);
    return text + on_date(s);
}

void sample_sets(const BlockView& view, const ExerciseUse* exercise, SampleSink take)
{
    Sample s = exercise_sample(view, *exercise);
    s.number = static_cast<double>(work_set_count(*exercise->plan));
    take(s);
}

std::string describe_sets(const BlockView&, const Sample& s, const ExerciseUse* exercise)
{
    return exercise->plan->name + " has " + plural(static_cast<long long>(s.number), "set", "sets") + on_date(s);
}

void sample_reps(const BlockView& view, const ExerciseUse* exercise, SampleSink take)
{
    Sample s = exercise_sample(view, *exercise);
    each_work_set(*exercise->plan, [&](const scheduling::SetPlan& set, int number) {
        if (set.seconds) return true;  // a timed set has no reps
        s.number = set.reps;
        s.set = number;
        return take(s);
    });
}

std::string describe_reps(const BlockView&, const Sample& s, const ExerciseUse* exercise)
{
    return exercise->plan->name + " set " + std::to_string(s.set) + " has " + plural(static_cast<long long>(s.number), "rep", "reps") +
           on_date(s);
}

void sample_rest(const BlockView& view, const ExerciseUse* exercise, SampleSink take)
{
    if (!exercise->plan->rest_s) return;
    Sample s = exercise_sample(view, *exercise);
    s.number = *exercise->plan->rest_s;
    take(s);
}

std::string describe_rest(const BlockView&, const Sample& s, const ExerciseUse* exercise)
{
    return exercise->plan->name + " rests " + duration_text(s.number) + " between sets" + on_date(s);
}

// How the exercise's load is written: as the block's IR says when the
// prescription is found there, else as its planned sets show.
std::string_view load_kind(const ExerciseUse& e)
{
    const auto written = e.written
                             ? std::find_if(e.written->sets.begin(), e.written->sets.end(), [](const ir::Set& s) { return !s.warm_up; })
                             : std::vector<ir::Set>::const_iterator{};
    if (e.written && written != e.written->sets.end()) {
        switch (written->load.kind) {
        case ir::Load::Kind::percent: return "percent";
        case ir::Load::Kind::mass: return "mass";
        case ir::Load::Kind::effort: return "rpe";
        case ir::Load::Kind::none: return written->rpe || written->rir ? "rpe" : "none";
        }
    }
    if (e.plan->percent_without_max) return "percent";
    for (const auto& set : e.plan->sets) {
        if (set.warm_up) continue;
        if (set.rpe || set.rir) return "rpe";
        if (set.mass && !set.percent) return "mass";
        if (set.percent && !set.mass) return "percent";
    }
    return e.plan->sets.empty() || (!e.plan->sets.front().mass && !e.plan->sets.front().percent) ? "none" : "mass";
}

void sample_load_kind(const BlockView& view, const ExerciseUse* exercise, SampleSink take)
{
    Sample s = exercise_sample(view, *exercise);
    s.name = load_kind(*exercise);
    take(s);
}

std::string describe_load_kind(const BlockView&, const Sample& s, const ExerciseUse* exercise)
{
    const char* how = s.name == "percent" ? "in % of 1RM" : s.name == "mass" ? "by mass" : s.name == "rpe" ? "by RPE" : "without a load";
    return exercise->plan->name + " is loaded " + how + on_date(s);
}

void sample_max_known(const BlockView& view, const ExerciseUse* exercise, SampleSink take)
{
    Sample s = exercise_sample(view, *exercise);
    s.name = view.athlete && view.athlete->maxes.count(exercise->plan->name) ? "yes" : "no";
    take(s);
}

std::string describe_max_known(const BlockView& view, const Sample& s, const ExerciseUse* exercise)
{
    return "athlete " + athlete_name(view) + (s.name == "yes" ? " has a max for " : " has no max for ") + exercise->plan->name;
}

// ---------------------------------------------------------------- the table

constexpr std::string_view load_kind_names[] = {"percent", "mass", "rpe", "none"};
constexpr std::string_view yes_no[] = {"yes", "no"};

constexpr MetricRow rows[] = {
    {"load",
     Kind::relative_load,
     Scope::set,
     {},
     0,
     "for each work set: its load in % of 1RM (a load in kg or % TM is converted when the athlete has a max)",
     sample_load,
     describe_load},
    {"sets", Kind::count, Scope::exercise, {}, 0, "the exercise's number of work sets, for the week checked", sample_sets, describe_sets},
    {"reps",
     Kind::count,
     Scope::set,
     {},
     0,
     "for each work set: its repetitions (the least of a range; timed sets have none)",
     sample_reps,
     describe_reps},
    {"rest", Kind::time, Scope::exercise, {}, 0, "the rest between sets, as written", sample_rest, describe_rest},
    {"load-kind", Kind::name, Scope::exercise, load_kind_names, 0,
     "how the work sets' load is written: percent (75%, 85% TM), mass (100 kg), rpe (RPE 8, RIR 2) or none", sample_load_kind,
     describe_load_kind},
    {"max-known", Kind::name, Scope::exercise, yes_no, 0, "whether the athlete has a one-rep max for the exercise", sample_max_known,
     describe_max_known},
};
static_assert(rows_complete(rows), "every metric of an exercise has a name, a description, a sampler and a describer");

}  // namespace

std::span<const MetricRow> exercise_metric_rows() { return rows; }

}  // namespace meso::rules
