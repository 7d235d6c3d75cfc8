// Prescriptions: an exercise's sets, each with its reps (or seconds), its
// load and its effort, warm-ups first; loads in % of the 1RM or of the
// training max, or masses in the athlete's unit; supersets.
#include <algorithm>
#include <cmath>

#include "engine/resolve/resolver.h"

namespace meso::resolving {

namespace {

// Sets and reps are counted, never negative, and bounded so a typo cannot
// expand to billions of sets.
int count_of(double value) { return static_cast<int>(std::clamp(value, 0.0, 10000.0)); }

// Two sets of one group (same load and effort) that differ in nothing else.
bool same_reps(const ir::Set& a, const ir::Set& b)
{
    return a.reps == b.reps && a.reps_max == b.reps_max && a.seconds == b.seconds && a.amrap == b.amrap && a.warm_up == b.warm_up;
}

// The set of one `Reps` as written, without its load.
ir::Set set_of(const syntax::Reps& r, bool warm_up)
{
    ir::Set set;
    set.warm_up = warm_up;
    if (r.length) {
        set.seconds = seconds_of(*r.length);
        return set;
    }
    set.reps = count_of(r.count.value);
    if (r.most) set.reps_max = count_of(r.most->value);
    set.amrap = r.amrap;
    return set;
}

}  // namespace

ir::Load Resolver::load_of(const syntax::Load& l, const std::string& exercise, const ContentContext& ctx)
{
    ir::Load out;
    out.span = l.span;
    switch (l.kind) {
    case syntax::Load::Kind::effort: out.kind = ir::Load::Kind::effort; return out;
    case syntax::Load::Kind::percent:
        out.kind = ir::Load::Kind::percent;
        out.from = l.from.amount.value;
        if (l.to) out.to = l.to->amount.value;
        if (l.per_week) out.per_week = l.per_week->step.amount.value;
        out.of_training_max = l.of_training_max;
        if (out.from > 1000 || (out.to && *out.to > 1000)) report(l.span, "a load of more than 1000% of one-rep max cannot be meant");
        // An error only when the athlete has no training max to take it of. `training-max 90%` without a
        // `max` for this exercise leaves its kilograms unknown, as `75%` without a max does (an info).
        if (out.of_training_max && !(ctx.athlete && (ctx.athlete->training_max_percent || ctx.athlete->training_max(exercise)))) {
            const std::string who =
                ctx.athlete ? "athlete \"" + ctx.athlete->name + "\" has none for " + exercise : "the program names no athlete to have one";
            report(l.span, "'" + std::string(l.from.span.text()) + " TM' is a share of the training max, and " + who +
                               ": write 'training-max 90%' (with 'max " + exercise + " 180 kg') or 'training-max " + exercise +
                               " 160 kg' in the athlete, or a load in % of the max without 'TM'");
        }
        return out;
    case syntax::Load::Kind::mass: return mass_load_of(l, ctx);
    }
    return out;
}

// A mass, in the athlete's unit (kg without an athlete).
ir::Load Resolver::mass_load_of(const syntax::Load& l, const ContentContext& ctx)
{
    ir::Load out;
    out.span = l.span;
    out.kind = ir::Load::Kind::mass;
    const ir::MassUnit unit = ctx.athlete ? ctx.athlete->unit : ir::MassUnit::kg;
    auto to_unit = [&](const syntax::Quantity& q) {
        auto m = mass_of(q);
        return m ? convert(*m, unit) : q.amount.value;
    };
    out.from = to_unit(l.from);
    if (l.to) out.to = to_unit(*l.to);
    if (l.per_week) {
        auto step = l.per_week->step;
        const double sign = step.amount.value < 0 ? -1 : 1;
        step.amount.value = std::abs(step.amount.value);
        out.per_week = sign * to_unit(step);
    }
    if (convert({out.from, unit}, ir::MassUnit::kg) > max_mass_kg)
        report(l.from.span,
               "a load of " + l.from.amount.text + " " + l.from.unit_text + " is beyond any human; meso accepts at most 2000 kg");
    else if (l.to && convert({*out.to, unit}, ir::MassUnit::kg) > max_mass_kg)
        report(l.to->span, "a load of " + l.to->amount.text + " " + l.to->unit_text + " is beyond any human; meso accepts at most 2000 kg");
    return out;
}

// The sets of one group (`3x5+ @ 85%`, `65% x 5`, `30,15,15,15 @ 20%`), all
// with its load and effort. In `3x5+` the last set of the group is the
// AMRAP set, as 5/3/1 and GZCL write it; a rep list marks each set itself.
void Resolver::add_sets(std::vector<ir::Set>& sets, const syntax::Scheme& scheme, const syntax::Load* load, const std::string& exercise,
                        bool warm_up, const ContentContext& ctx)
{
    ir::Set model;
    if (load) {
        model.load = load_of(*load, exercise, ctx);
        if (load->effort) (load->effort->kind == syntax::Effort::Kind::rpe ? model.rpe : model.rir) = load->effort->value.value;
    }
    const auto with_load = [&](ir::Set set) {
        set.load = model.load;
        set.rpe = model.rpe;
        set.rir = model.rir;
        return set;
    };
    if (scheme.form == syntax::Scheme::Form::sets_x_reps) {
        if (scheme.reps.empty()) return;
        const int count = count_of(scheme.sets.value);
        if (count == 0) return;
        ir::Set set = with_load(set_of(scheme.reps.front(), warm_up));
        set.count = count;
        if (set.amrap && count > 1) {  // `3x5+`: two sets of 5, then the AMRAP one
            ir::Set plain = set;
            plain.amrap = false;
            plain.count = count - 1;
            sets.push_back(plain);
            set.count = 1;
        }
        sets.push_back(set);
        return;
    }
    // A rep list's equal neighbours share one Set (`1,1,1,...` of a huge list stays small).
    const std::size_t first = sets.size();
    for (const auto& r : scheme.reps) {
        ir::Set set = with_load(set_of(r, warm_up));
        if (sets.size() > first && same_reps(sets.back(), set)) ++sets.back().count;
        else sets.push_back(set);
    }
}

ir::Exercise Resolver::exercise_of(const syntax::Prescription& p, const ContentContext& ctx)
{
    ir::Exercise e;
    e.name = p.exercise.text;
    e.span = p.span;
    e.each_side = p.each_side;
    for (const auto& group : p.warm_up) add_sets(e.sets, group.scheme, &group.load, e.name, true, ctx);
    add_sets(e.sets, p.scheme, p.load ? &*p.load : nullptr, e.name, false, ctx);
    for (const auto& group : p.more_groups) add_sets(e.sets, group.scheme, &group.load, e.name, false, ctx);
    if (p.rest) {
        e.rest_s = seconds_of(*p.rest);
        if (*e.rest_s > 86400) report(p.rest->span, "a rest of more than a day between sets cannot be meant");
    }
    return e;
}

// `superset { curl 3x10 @ 20 kg; dip 3x10 } rest 90 s`: its exercises in
// turn, each with the group's rest unless it has its own. Members with
// different numbers of work sets are allowed (the last rounds hold fewer
// exercises) and said as a warning, since it is often a slip.
void Resolver::add_superset(std::vector<ir::Exercise>& exercises, const syntax::Superset& s, const ContentContext& ctx)
{
    const int number = ++supersets_;
    std::optional<double> rest;
    if (s.rest) rest = seconds_of(*s.rest);
    const std::size_t first = exercises.size();
    for (const auto& statement : s.body.statements) {
        const auto* p = std::get_if<syntax::Prescription>(&statement.node);
        if (!p) continue;  // the grammar takes only prescriptions
        ir::Exercise e = exercise_of(*p, ctx);
        e.superset = number;
        if (!e.rest_s) e.rest_s = rest;
        exercises.push_back(std::move(e));
    }
    for (std::size_t i = first + 1; i < exercises.size(); ++i) {
        if (exercises[i].work_sets() == exercises[first].work_sets()) continue;
        report(exercises[i].span,
               "the exercises of a " + s.keyword.text + " are done in turn, and " + exercises[i].name + " has " +
                   std::to_string(exercises[i].work_sets()) + " sets where " + exercises[first].name + " has " +
                   std::to_string(exercises[first].work_sets()) + ": the last rounds leave one out",
               Severity::warning, {{exercises[first].span, "the first exercise of the " + s.keyword.text}});
        break;
    }
}

}  // namespace meso::resolving
