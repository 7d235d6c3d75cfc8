// Athletes: the unit their loads are written in, their one-rep maxes and
// training maxes, their rounding step, their bar and plates and what each
// exercise is loaded with. Also the resolver's reading of quantities as
// masses and durations (the factors are engine/base/units.h's).
#include "engine/base/overloaded.h"
#include "engine/resolve/resolver.h"

namespace meso::resolving {

std::optional<ir::Mass> mass_of(const syntax::Quantity& q)
{
    if (q.unit == syntax::Unit::kg) return ir::Mass{q.amount.value, ir::MassUnit::kg};
    if (q.unit == syntax::Unit::lb) return ir::Mass{q.amount.value, ir::MassUnit::lb};
    return std::nullopt;  // the parser reported the wrong unit
}

double seconds_of(const syntax::Quantity& q)
{
    // Not a duration: the parser reported the unit, the amount stands as written.
    return q.amount.value * seconds_in(q.unit).value_or(1);
}

namespace {

// The athlete's unit: lb when the rounding step is in lb, or when every
// max, the bar and the plates are.
ir::MassUnit unit_of(const syntax::Athlete& a)
{
    std::optional<ir::MassUnit> round_unit;
    bool any_kg = false, any_lb = false;
    const auto count = [&](syntax::Unit unit) {
        if (unit == syntax::Unit::lb) any_lb = true;
        if (unit == syntax::Unit::kg) any_kg = true;
    };
    for (const auto& s : a.statements) {
        std::visit(overloaded{
                       [&](const syntax::Round& r) {
                           if (auto m = mass_of(r.step)) round_unit = m->unit;
                       },
                       [&](const syntax::Max& m) { count(m.mass.unit); },
                       [&](const syntax::Bar& b) { count(b.mass.unit); },
                       [&](const syntax::Plates& p) { count(p.unit); },
                       [](const syntax::Equipment&) {},
                       [](const syntax::TrainingMax&) {},
                       [](const syntax::ConditionList&) {},
                       [](const syntax::Aop&) {},
                       [](const syntax::Cleared&) {},
                   },
                   s.node);
    }
    return round_unit ? *round_unit : (any_lb && !any_kg ? ir::MassUnit::lb : ir::MassUnit::kg);
}

}  // namespace

void Resolver::resolve_athletes()
{
    c_.module.athletes.reserve(athlete_syntax_.size());
    std::map<std::string, const syntax::Athlete*> seen;
    for (const auto* a : athlete_syntax_) {
        auto [it, inserted] = seen.emplace(a->name.value, a);
        if (!inserted) {
            report(a->name.span, "athlete \"" + a->name.value + "\" is defined twice", Severity::error,
                   {{it->second->name.span, "first defined here"}});
            continue;
        }
        c_.module.athletes.push_back(athlete_of(*a));
    }
}

ir::Athlete Resolver::athlete_of(const syntax::Athlete& a)
{
    ir::Athlete athlete;
    athlete.name = a.name.value;
    athlete.span = a.span;
    athlete.unit = unit_of(a);
    athlete.round_step = athlete.unit == ir::MassUnit::lb ? ir::Mass{5, ir::MassUnit::lb} : ir::Mass{2.5, ir::MassUnit::kg};
    bool round_seen = false;
    const syntax::Plates* plates_seen = nullptr;
    for (const auto& s : a.statements) {
        std::visit(overloaded{
                       [&](const syntax::Max& m) { add_max(athlete, m); },
                       [&](const syntax::Round& r) { set_round_step(athlete, r, round_seen); },
                       [&](const syntax::TrainingMax& tm) { add_training_max(athlete, tm); },
                       [&](const syntax::Bar& b) { set_bar(athlete, b); },
                       [&](const syntax::Plates& p) {
                           if (plates_seen)
                               report(p.span, "'plates' is given twice", Severity::error, {{plates_seen->span, "first given here"}});
                           else set_plates(athlete, p);
                           plates_seen = &p;
                       },
                       [&](const syntax::Equipment& e) { add_equipment(athlete, e); },
                       [&](const syntax::ConditionList& list) { add_conditions(athlete, list); },
                       [&](const syntax::Aop& aop) { add_occlusion_pressure(athlete, aop); },
                       [&](const syntax::Cleared& cleared) { add_clearance(athlete, cleared); },
                   },
                   s.node);
    }
    check_equipment(athlete, plates_seen);
    return athlete;
}

void Resolver::add_max(ir::Athlete& athlete, const syntax::Max& m)
{
    auto mass = mass_of(m.mass);
    if (!mass) return;
    if (mass->amount <= 0) {
        report(m.mass.span, "a one-rep max must be more than 0 " + m.mass.unit_text);
        return;
    }
    if (convert(*mass, ir::MassUnit::kg) > max_mass_kg) {
        report(m.mass.span,
               "a one-rep max of " + m.mass.amount.text + " " + m.mass.unit_text + " is beyond any human; meso accepts at most 2000 kg");
        return;
    }
    auto [mit, fresh] = athlete.maxes.emplace(m.exercise.text, ir::Mass{convert(*mass, athlete.unit), athlete.unit});
    if (!fresh) {
        report(m.exercise.span, "the max of '" + m.exercise.text + "' is given twice", Severity::error,
               {{athlete.max_spans[m.exercise.text], "first given here"}});
        return;
    }
    athlete.max_spans[m.exercise.text] = m.span;
}

// `training-max 90%` once; `training-max squat 180 kg` once per exercise.
void Resolver::add_training_max(ir::Athlete& athlete, const syntax::TrainingMax& tm)
{
    if (!tm.exercise) {
        if (syntax::dimension_of(tm.amount.unit) != syntax::Dimension::relative_load) return;  // reported by the parser
        const double share = tm.amount.amount.value;
        if (athlete.training_max_percent) report(tm.span, "'training-max' for every max is given twice");
        else if (share <= 0 || share > 100)
            report(tm.amount.span,
                   "a training max is a share of the max from more than 0% to 100%, such as '90%', not " + tm.amount.amount.text + "%");
        else athlete.training_max_percent = share;
        return;
    }
    auto mass = mass_of(tm.amount);
    if (!mass) return;
    if (mass->amount <= 0 || convert(*mass, ir::MassUnit::kg) > max_mass_kg) {
        report(tm.amount.span, "a training max is more than 0 " + tm.amount.unit_text + " and at most 2000 kg");
        return;
    }
    if (!athlete.training_maxes.emplace(tm.exercise->text, ir::Mass{convert(*mass, athlete.unit), athlete.unit}).second)
        report(tm.exercise->span, "the training max of '" + tm.exercise->text + "' is given twice");
}

void Resolver::set_round_step(ir::Athlete& athlete, const syntax::Round& r, bool& round_seen)
{
    auto mass = mass_of(r.step);
    if (!mass) return;
    if (round_seen) report(r.span, "'round' is given twice");
    round_seen = true;
    if (mass->amount <= 0) {
        report(r.step.span, "loads are rounded to a step of more than 0 " + r.step.unit_text +
                                "; to keep loads unrounded, write 'round 0.01 " + r.step.unit_text + "'");
        return;
    }
    if (convert(*mass, ir::MassUnit::kg) > 100) {
        report(r.step.span, "a rounding step above 100 kg would round every load away");
        return;
    }
    athlete.round_step = *mass;
}

}  // namespace meso::resolving
