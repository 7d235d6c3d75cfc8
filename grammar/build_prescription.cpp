// The builder, prescriptions: schemes and the reps of each set (`5`, `5+`,
// `8-12`, `45 s`), loads (`75%`, `85% TM`, `70%..85%`, `+2.5% per week`),
// effort (`RPE 8`, `RIR 2`), the groups of a load-first form and of a
// warm-up (`65% x 5, 75% x 5`), and the modifiers `rest`, `each side` and
// `warm-up`, each checked for what the grammar cannot see.
#include <cmath>
#include <string>

#include "grammar/builder.h"
#include "grammar/grammar.h"

namespace meso::grammar {

namespace g = grammar;

syntax::Effort Builder::effort(const node& n)
{
    syntax::Effort e;
    e.span = span(n);
    if (const node* rpe = child<g::rpe_effort>(n)) {
        e.kind = syntax::Effort::Kind::rpe;
        e.value = number(*child<g::number>(*rpe));
        if (e.value.value > 10 || e.value.value < 1) error(e.span, "RPE goes from 1 to 10, not " + e.value.text);
    }
    else if (const node* rir = child<g::rir_effort>(n)) {
        e.kind = syntax::Effort::Kind::rir;
        e.value = number(*child<g::rir_value>(*rir));
        if (e.value.value > 10)
            error(e.span, "RIR counts the reps left in reserve, from 0 to 10, not " + e.value.text + "; a lighter set is 'RIR 10' at most");
    }
    return e;
}

syntax::Load Builder::load(const node& n)
{
    syntax::Load l;
    l.span = span(n);
    if (const node* e = child<g::effort>(n)) l.effort = effort(*e);
    const node* from = child<g::load_quantity>(n);
    if (!from) {
        l.kind = syntax::Load::Kind::effort;
        return l;
    }
    l.from = quantity(*from);
    const auto dim = dimension_of(l.from.unit);
    if (dim != Dimension::mass && dim != Dimension::relative_load) {
        error(l.from.span, "'" + l.from.unit_text + "' is " + dimension_name(dim) +
                               "; a load is a percentage such as '75%', a mass such as '100 kg', or 'RPE 8'");
        return l;
    }
    l.kind = dim == Dimension::mass ? syntax::Load::Kind::mass : syntax::Load::Kind::percent;
    if (const node* to = child<g::ramp_end>(n)) {
        l.to = quantity(*to);
        if (dimension_of(l.to->unit) != dim) error(l.to->span, "a ramp goes from one load to another of the same kind, such as '70%..85%'");
    }
    if (const node* tm = child<g::training_max_mark>(n)) {
        l.of_training_max = true;
        if (dim != Dimension::relative_load)
            error(span(*tm), "'TM' follows a percentage of the training max, as in '85% TM'; " + l.from.amount.text + " " +
                                 l.from.unit_text + " is used as written");
    }
    if (const node* p = child<g::progression>(n)) {
        auto pr = progression(*p, dim);
        if (l.to) error(pr.span, "a load is either a ramp ('70%..85%') or a progression ('+2.5% per week'), not both");
        l.per_week = pr;
    }
    return l;
}

// `+2.5% per week`: a step of the same kind as the load it changes.
syntax::Progression Builder::progression(const node& n, Dimension load_dimension)
{
    syntax::Progression pr;
    pr.span = span(n);
    pr.step = quantity(*child<g::progression_step>(n));
    if (child<g::progression_sign>(n)->string_view() == "-") pr.step.amount.value = -pr.step.amount.value;
    if (dimension_of(pr.step.unit) != load_dimension)
        error(pr.step.span, std::string("the weekly step must be ") + dimension_name(load_dimension) + " like the load it changes, as in " +
                                (load_dimension == Dimension::mass ? "'+5 kg per week'" : "'+2.5% per week'"));
    return pr;
}

// `5`, `5+`, `8-12`, `45 s`
syntax::Reps Builder::reps(const node& n)
{
    syntax::Reps r;
    r.span = span(n);
    if (const node* d = child<g::set_duration>(n)) {
        r.length = quantity_of(*d, Dimension::time, "a timed set lasts a duration such as '45 s' or '1 min'");
        r.count = r.length->amount;
        if (r.length->amount.value <= 0) error(r.length->span, "a timed set lasts more than no time");
        else if (dimension_of(r.length->unit) == Dimension::time && r.length->amount.value * factor_to_base(r.length->unit) > 86400)
            error(r.length->span, "a timed set of more than a day cannot be meant");
        return r;
    }
    r.count = number(*child<g::reps_count>(n));
    check_count(r.count, "reps");
    r.amrap = child<g::amrap_sign>(n) != nullptr;
    if (const node* most = child<g::reps_most>(n)) {
        r.most = number(*most);
        check_count(*r.most, "reps");
        if (r.most->value < r.count.value)
            error(r.span, "a rep range goes from fewer reps to more: write '" + r.most->text + "-" + r.count.text + "', not '" +
                              r.count.text + "-" + r.most->text + "'");
        else if (r.most->value == r.count.value)
            error(r.span, "a rep range goes from fewer reps to more; for exactly " + r.count.text + " reps write '" + r.count.text + "'");
    }
    return r;
}

syntax::Scheme Builder::scheme(const node& holder)
{
    syntax::Scheme s;
    if (const node* sx = child<g::sets_x_reps>(holder)) {
        s.form = syntax::Scheme::Form::sets_x_reps;
        s.span = span(*sx);
        s.sets = number(*child<g::sets_count>(*sx));
        s.reps.push_back(reps(*child<g::reps_item>(*sx)));
        check_count(s.sets, "sets");
    }
    else if (const node* rl = child<g::rep_list>(holder)) {
        s.form = syntax::Scheme::Form::rep_list;
        s.span = span(*rl);
        for (const node* r : children<g::reps_item>(*rl)) s.reps.push_back(reps(*r));
    }
    return s;
}

// `65% x 5` of a load-first form or a warm-up.
syntax::SetGroup Builder::set_group(const node& n)
{
    syntax::SetGroup group;
    group.span = span(n);
    group.load = load(*child<g::load>(n));
    group.scheme = scheme(n);
    return group;
}

void Builder::check_count(const syntax::Number& n, const char* what)
{
    if (too_long(n.text)) return;  // reported by number()
    if (n.value != std::floor(n.value)) error(n.span, std::string(what) + " are counted in whole numbers, not " + n.text);
    else if (n.value < 1) error(n.span, std::string("at least 1 of the ") + what + " is needed, not " + n.text);
    else if (n.value > 10000) error(n.span, n.text + " " + what + " is more than any session holds (at most 10000)");
}

syntax::Prescription Builder::prescription(const node& n)
{
    syntax::Prescription p;
    p.span = span(n);
    p.exercise = name(*child<g::exercise_name>(n));
    if (const node* lf = child<g::load_first_form>(n)) {
        p.load_first = true;
        const auto groups = children<g::set_group>(*lf);
        auto first = set_group(*groups.at(0));
        p.load = std::move(first.load);
        p.scheme = std::move(first.scheme);
        for (std::size_t i = 1; i < groups.size(); ++i) p.more_groups.push_back(set_group(*groups[i]));
    }
    else {
        p.scheme = scheme(n);
        if (const node* l = child<g::load>(n)) p.load = load(*l);
    }
    prescription_modifiers(p, n);
    return p;
}

// `rest 3 min`, `each side`, `warm-up 40% x 5, 50% x 5`: in any order, each once.
void Builder::prescription_modifiers(syntax::Prescription& p, const node& n)
{
    bool rest_seen = false;
    for (const node* m : n.children()) {
        if (m->is_type<g::rest_modifier>()) {
            if (rest_seen) error(span(*m), "rest is given twice");
            else p.rest = quantity_of(*child<g::rest_length>(*m), Dimension::time, "rest needs a duration such as '30 s' or '3 min'");
            rest_seen = true;
        }
        else if (m->is_type<g::each_side_modifier>()) {
            if (p.each_side) error(span(*m), "'each side' is given twice");
            p.each_side = true;
        }
        else if (m->is_type<g::warm_up_modifier>()) {
            if (!p.warm_up.empty()) {
                error(span(*m), "the warm-up is given twice; write all its sets after one 'warm-up', as in 'warm-up 40% x 5, 60% x 3'");
                continue;
            }
            p.warm_up_span = span(*m);
            for (const node* g : children<g::set_group>(*m)) p.warm_up.push_back(set_group(*g));
            for (const auto& group : p.warm_up)
                if (group.load.kind == syntax::Load::Kind::effort)
                    error(group.load.span, "a warm-up set has a load, such as '40%', '40% TM' or '60 kg', not an effort alone");
        }
    }
}

}  // namespace meso::grammar
