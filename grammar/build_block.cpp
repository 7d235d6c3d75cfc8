// The builder, blocks: prescriptions, bodies (`{ ... }` of a template, a
// block, a week override or a split) and the block statements.
#include <cmath>
#include <string>

#include "grammar/builder.h"
#include "grammar/grammar.h"

namespace meso::grammar {

namespace g = grammar;

// ---------------------------------------------------------------- prescriptions

syntax::Load Builder::load(const node& n)
{
    syntax::Load l;
    l.span = span(n);
    if (const node* rpe = child<g::rpe_load>(n)) {
        l.kind = syntax::Load::Kind::rpe;
        l.from.amount = number(*child<g::number>(*rpe));
        l.from.span = span(*rpe);
        l.from.unit_text = "RPE";
        if (l.from.amount.value > 10 || l.from.amount.value < 1) error(l.from.span, "RPE goes from 1 to 10, not " + l.from.amount.text);
        return l;
    }
    l.from = quantity(*child<g::load_quantity>(n));
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

syntax::Scheme Builder::scheme(const node& holder)
{
    syntax::Scheme s;
    if (const node* sx = child<g::sets_x_reps>(holder)) {
        s.form = syntax::Scheme::Form::sets_x_reps;
        s.span = span(*sx);
        s.sets = number(*child<g::sets_count>(*sx));
        s.reps.push_back(number(*child<g::reps_count>(*sx)));
        check_count(s.sets, "sets");
    }
    else if (const node* rl = child<g::rep_list>(holder)) {
        s.form = syntax::Scheme::Form::rep_list;
        s.span = span(*rl);
    }
    if (const node* rl = child<g::rep_list>(holder)) {
        for (const node* r : children<g::reps_count>(*rl)) s.reps.push_back(number(*r));
    }
    for (const auto& r : s.reps) check_count(r, "reps");
    return s;
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
        p.load = load(*child<g::load>(*lf));
        p.scheme = scheme(*lf);
    }
    else {
        p.scheme = scheme(n);
        if (const node* l = child<g::load>(n)) p.load = load(*l);
    }
    if (const node* r = child<g::rest_modifier>(n))
        p.rest = quantity_of(*child<g::rest_length>(*r), Dimension::time, "rest needs a duration such as '30 s' or '3 min'");
    if (children<g::rest_modifier>(n).size() > 1) error(span(*children<g::rest_modifier>(n)[1]), "rest is given twice");
    return p;
}

// ---------------------------------------------------------------- bodies and block statements

syntax::Body Builder::body(const node& n)
{
    syntax::Body b;
    b.braces = braces(n);
    b.statements = statements_of<syntax::BlockStatement>(n, [this](const node& c) { return block_statement(c); });
    return b;
}

// Nothing for a node that is not a block statement (there is none: the
// body's rule makes only these).
std::optional<syntax::BlockStatement> Builder::block_statement(const node& n)
{
    using namespace syntax;
    const Span sp = span(n);
    if (n.is_type<g::method_statement>()) return BlockStatement{Method{name(*child<g::method_name>(n)), sp, {}}};
    if (n.is_type<g::days_statement>()) return BlockStatement{Days{weekdays(*child<g::weekdays>(n)), sp, {}}};
    if (n.is_type<g::sessions_statement>()) return BlockStatement{sessions(n)};
    if (n.is_type<g::occlusion_statement>()) return BlockStatement{Occlusion{name(*child<g::occlusion_mode>(n)), sp, {}}};
    if (n.is_type<g::cuff_statement>()) return BlockStatement{cuff(n)};
    if (n.is_type<g::week_override>()) return BlockStatement{week_override(n)};
    if (n.is_type<g::split>()) return BlockStatement{split(n)};
    if (n.is_type<g::allow_statement>()) return BlockStatement{allow(n)};
    if (n.is_type<g::note_statement>()) return BlockStatement{NoteStatement{text(*child<g::note_text>(n)), sp, {}}};
    if (n.is_type<g::prescription>()) return BlockStatement{prescription(n)};
    return std::nullopt;
}

// `sessions 07:00, 18:00 for 30 min`
syntax::Sessions Builder::sessions(const node& n)
{
    syntax::Sessions s;
    s.span = span(n);
    for (const node* t : children<g::clock_time>(n)) s.times.push_back(clock_time(*t));
    if (const node* len = child<g::session_length>(n)) {
        s.length = quantity_of(*len, Dimension::time, "a session lasts a duration such as '30 min'");
        if (s.length->amount.value <= 0) error(s.length->span, "a session lasts more than no time");
    }
    return s;
}

// `cuff 160 mmHg`, `cuff leg 60% AOP`, `cuff width 5 cm`
syntax::Cuff Builder::cuff(const node& n)
{
    syntax::Cuff c;
    c.span = span(n);
    const node* holder = child<g::cuff_on_limb>(n);
    if (holder) c.limb = name(*child<g::limb_name>(*holder));
    else holder = &n;
    if (const node* w = child<g::cuff_width>(n))
        c.width = quantity_of(*child<g::length>(*w), Dimension::length, "the cuff's width needs a length such as '5 cm'");
    else if (const node* p = child<g::pressure>(*holder))
        c.pressure = quantity_of(*p, Dimension::pressure, "the cuff needs a pressure such as '160 mmHg' or '50% AOP'");
    return c;
}

// `week 4 { ... }`, `week 2..3 deload`, `week 4, 8 { ... }`
syntax::WeekOverride Builder::week_override(const node& n)
{
    syntax::WeekOverride w;
    w.span = span(n);
    for (const node* item : children<g::week_item>(n)) w.weeks.push_back(week_item(*item));
    w.deload = child<g::deload_keyword>(n) != nullptr;
    if (const node* b = child<g::week_body>(n)) w.body = body(*b);
    return w;
}

// `4` or `2..3`: weeks of the block, counted from 1.
syntax::WeekItem Builder::week_item(const node& n)
{
    syntax::WeekItem wi;
    wi.span = span(n);
    auto nums = children<g::week_number>(n);
    wi.first = whole_number(*nums.at(0), "a week number");
    wi.last = nums.size() > 1 ? whole_number(*nums[1], "a week number") : wi.first;
    wi.is_range = nums.size() > 1;
    if ((wi.first < 1 && !too_long(std::string(nums.at(0)->string_view()))) ||
        (wi.last < 1 && !too_long(std::string(nums.back()->string_view()))))
        error(wi.span, "weeks are numbered from 1");
    else if (wi.last < wi.first) error(wi.span, "the range of weeks ends before it starts");
    return wi;
}

// `mon wed { squat 5x5 @ 75% }`
syntax::Split Builder::split(const node& n)
{
    syntax::Split s;
    s.span = span(n);
    s.days = weekdays(*child<g::weekdays>(n));
    s.body = body(*child<g::split_body>(n));
    return s;
}

// `allow bfr.min-gap "cleared by the physician"`
syntax::Allow Builder::allow(const node& n)
{
    // The whole dotted id ("bfr.min-gap"), not its first identifier.
    const node& rule = *child<g::rule_reference>(n);
    return syntax::Allow{{std::string(rule.string_view()), span(rule), false}, text(*child<g::reason>(n)), span(n), {}};
}

}  // namespace meso::grammar
