// The builder, top level: `use`, athletes, templates and programs with
// their statements and blocks.
#include <cmath>
#include <string>

#include "grammar/builder.h"
#include "grammar/grammar.h"

namespace meso::grammar {

namespace g = grammar;

void Builder::top_level_statement(const node& n, syntax::File& f)
{
    const Span sp = span(n);
    if (n.is_type<g::use_statement>()) f.statements.push_back({syntax::Use{name(*child<g::module_reference>(n)), sp, {}}});
    else if (n.is_type<g::athlete_definition>()) f.statements.push_back({athlete(n)});
    else if (n.is_type<g::group_definition>()) f.statements.push_back({group(n)});
    else if (n.is_type<g::program_definition>()) f.statements.push_back({program(n)});
    else if (n.is_type<g::template_definition>()) f.statements.push_back({template_definition(n)});
    else if (n.is_type<g::ruleset_definition>()) f.statements.push_back({ruleset(n)});
    else if (n.is_type<g::health_condition_definition>()) f.statements.push_back({health_condition(n)});
}

// ---------------------------------------------------------------- athletes

syntax::Athlete Builder::athlete(const node& n)
{
    syntax::Athlete a;
    a.span = span(n);
    a.name = text(*child<g::athlete_name>(n));
    const node& b = *child<g::athlete_body>(n);
    a.braces = braces(b);
    a.statements = statements_of<syntax::AthleteStatement>(b, [this](const node& c) { return athlete_statement(c); });
    return a;
}

// `max squat 180 kg`, `round 2.5 kg`, `bar 20 kg`, `condition arterial-hardening`
std::optional<syntax::AthleteStatement> Builder::athlete_statement(const node& n)
{
    using namespace syntax;
    const Span sp = span(n);
    if (n.is_type<g::max_statement>()) {
        auto m = quantity_of(*child<g::mass>(n), Dimension::mass, "a one-rep max needs a mass such as '180 kg'");
        return AthleteStatement{Max{name(*child<g::exercise_name>(n)), m, sp, {}}};
    }
    if (n.is_type<g::round_statement>()) {
        auto m = quantity_of(*child<g::round_step>(n), Dimension::mass, "loads are rounded to a mass such as '2.5 kg'");
        return AthleteStatement{Round{m, sp, {}}};
    }
    if (n.is_type<g::bar_statement>())
        return AthleteStatement{Bar{quantity_of(*child<g::bar_mass>(n), Dimension::mass, "a bar weighs a mass such as '20 kg'"), sp, {}}};
    if (n.is_type<g::plates_statement>()) return AthleteStatement{plates(n)};
    if (n.is_type<g::equipment_statement>()) return AthleteStatement{equipment(n)};
    if (n.is_type<g::training_max_statement>()) {
        TrainingMax tm;
        tm.span = sp;
        if (const node* share = child<g::training_max_share>(n)) {
            tm.amount =
                quantity_of(*share, Dimension::relative_load, "a training max for every exercise is a share of the max, such as '90%'");
        }
        else {
            tm.exercise = name(*child<g::exercise_name>(n));
            tm.amount =
                quantity_of(*child<g::training_max_mass>(n), Dimension::mass, "an exercise's training max is a mass such as '180 kg'");
        }
        return AthleteStatement{std::move(tm)};
    }
    if (n.is_type<g::condition_statement>()) {
        ConditionList list;
        list.span = sp;
        for (const node* cn : children<g::condition_name>(n)) list.names.push_back(name(*cn));
        return AthleteStatement{list};
    }
    if (n.is_type<g::aop_statement>()) return AthleteStatement{aop(n)};
    if (n.is_type<g::cleared_statement>()) {
        // The whole dotted id ("bfr.precaution"), not its first identifier.
        const node& rule = *child<g::cleared_rule>(n);
        return AthleteStatement{Cleared{{std::string(rule.string_view()), span(rule), false}, text(*child<g::clearance>(n)), sp, {}}};
    }
    return std::nullopt;
}

// `aop leg 180 mmHg`, `aop arm 140 mmHg width 5 cm`: measured in mmHg, since
// a pressure in % AOP is relative to this one.
syntax::Aop Builder::aop(const node& n)
{
    syntax::Aop a;
    a.span = span(n);
    a.limb = name(*child<g::limb_name>(n));
    a.pressure = quantity(*child<g::occlusion_pressure>(n));
    if (a.pressure.unit != Unit::mmhg)
        error(a.pressure.span, "an arterial occlusion pressure is measured in mmHg, such as 'aop " + a.limb.text + " 180 mmHg', not in '" +
                                   a.pressure.unit_text + "'" +
                                   (a.pressure.unit == Unit::percent_aop ? " (a cuff's '% AOP' is relative to it)" : ""));
    if (const node* w = child<g::measured_width>(n))
        a.width = quantity_of(*child<g::length>(*w), Dimension::length, "the cuff's width needs a length such as '5 cm'");
    return a;
}

// `plates 4x25 2x20 15 10 5 2.5 1.25 kg`: a count is a whole number of
// plates; the one unit, after the last, is a mass.
syntax::Plates Builder::plates(const node& n)
{
    syntax::Plates p;
    p.span = span(n);
    for (const node* item : children<g::plate_item>(n)) {
        syntax::PlateItem plate;
        plate.span = span(*item);
        if (const node* count = child<g::plate_count>(*item)) {
            plate.count = number(*count);
            whole_number(*count, "a count of plates");  // reports a fraction; resolve checks the range
        }
        plate.mass = number(*child<g::plate_mass>(*item));
        p.items.push_back(std::move(plate));
    }
    if (const node* u = child<g::unit>(n)) {
        p.unit_text = std::string(u->string_view());
        p.unit_span = span(*u);
        p.unit = unit_of_spelling(p.unit_text).value_or(Unit::cm);  // the grammar reads only spellings of the table
        if (syntax::dimension_of(p.unit) != Dimension::mass)
            error(p.unit_span, "'" + p.unit_text + "' is " + dimension_name(syntax::dimension_of(p.unit)) +
                                   "; plates weigh a mass, as in 'plates 25 20 10 5 kg'");
    }
    return p;
}

// `barbell squat, bench-press`, `dumbbell curl step 2 kg`: a barbell is
// loaded with the athlete's bar and plates and takes no step; a dumbbell or
// a machine goes in steps of its own, which must be said.
syntax::Equipment Builder::equipment(const node& n)
{
    syntax::Equipment e;
    e.span = span(n);
    e.kind = name(*child<g::equipment_kind>(n));
    for (const node* x : children<g::exercise_name>(n)) e.exercises.push_back(name(*x));
    if (const node* step = child<g::equipment_step_mass>(n))
        e.step = quantity_of(*step, Dimension::mass, "a step is a mass such as '2 kg'");
    if (e.kind.text == "barbell" && e.step)
        error(e.step->span, "a barbell exercise is loaded with the athlete's bar and plates, so it has no step; "
                            "write 'dumbbell' or 'machine' for an exercise that goes in steps");
    if (e.kind.text != "barbell" && !e.step)
        error(e.span, "a " + e.kind.text + " exercise needs the step its loads go in, as in '" + e.kind.text + " " +
                          e.exercises.front().text + " step 2 kg'");
    return e;
}

// ---------------------------------------------------------------- health conditions

// `condition dvt-history "..." { class absolute; alias dvt; source "..." }`
syntax::HealthConditionDeclaration Builder::health_condition(const node& n)
{
    syntax::HealthConditionDeclaration h;
    h.span = span(n);
    h.name = name(*child<g::declared_condition>(n));
    h.description = text(*child<g::condition_description>(n));
    const node& b = *child<g::health_condition_body>(n);
    h.braces = braces(b);
    h.statements = statements_of<syntax::HealthConditionStatement>(b, [this](const node& c) { return health_condition_statement(c); });
    return h;
}

std::optional<syntax::HealthConditionStatement> Builder::health_condition_statement(const node& n)
{
    using namespace syntax;
    const Span sp = span(n);
    if (n.is_type<g::class_statement>()) return HealthConditionStatement{ConditionClass{name(*child<g::class_name>(n)), sp, {}}};
    if (n.is_type<g::alias_statement>()) {
        ConditionAliases aliases;
        aliases.span = sp;
        for (const node* a : children<g::alias_name>(n)) aliases.names.push_back(name(*a));
        return HealthConditionStatement{aliases};
    }
    if (n.is_type<g::condition_source_statement>())
        return HealthConditionStatement{SourceStatement{text(*child<g::condition_source>(n)), sp, {}, std::nullopt}};
    return std::nullopt;
}

// ---------------------------------------------------------------- groups

// `group "U18" { "Ann", "Ben", "Cat" }`
syntax::Group Builder::group(const node& n)
{
    syntax::Group gr;
    gr.span = span(n);
    gr.name = text(*child<g::group_name>(n));
    const node& b = *child<g::group_body>(n);
    gr.braces = braces(b);
    gr.statements = statements_of<syntax::GroupStatement>(b, [this](const node& c) -> std::optional<syntax::GroupStatement> {
        if (!c.is_type<g::group_members>()) return std::nullopt;
        syntax::GroupMembers members;
        members.span = span(c);
        for (const node* m : children<g::group_member>(c)) members.names.push_back(text(*m));
        return syntax::GroupStatement{std::move(members)};
    });
    return gr;
}

// ---------------------------------------------------------------- templates

syntax::Template Builder::template_definition(const node& n)
{
    syntax::Template t;
    t.span = span(n);
    t.name = name(*child<g::template_name>(n));
    if (const node* ti = child<g::title>(n)) t.title = text(*ti);
    t.body = body(*child<g::block_body>(n));
    return t;
}

// ---------------------------------------------------------------- programs

syntax::Program Builder::program(const node& n)
{
    syntax::Program p;
    p.span = span(n);
    p.name = text(*child<g::program_name>(n));
    if (const node* athletes = child<g::program_athletes>(n))
        for (const node* a : athletes->children())
            if (a->is_type<g::program_athlete>() || a->is_type<g::more_program_athlete>()) p.athletes.push_back(text(*a));
    const node& b = *child<g::program_body>(n);
    p.braces = braces(b);
    std::size_t previous_block_line = 0;
    p.statements = statements_of<syntax::ProgramStatement>(b, [&](const node& c) { return program_statement(c, previous_block_line); });
    return p;
}

// `previous_block_line` is the last line of the block before (0: none yet),
// to tell `3 weeks a then 2 weeks b` (joined) from a `then` on a line of its own.
std::optional<syntax::ProgramStatement> Builder::program_statement(const node& n, std::size_t& previous_block_line)
{
    using namespace syntax;
    const Span sp = span(n);
    if (n.is_type<g::start_statement>()) return ProgramStatement{Start{date(*child<g::date>(n)), sp, {}}};
    if (n.is_type<g::end_statement>()) return ProgramStatement{End{date(*child<g::date>(n)), sp, {}}};
    if (n.is_type<g::competition_statement>())
        return ProgramStatement{Competition{date(*child<g::date>(n)), text(*child<g::competition_name>(n)), sp, {}}};
    if (n.is_type<g::timezone_statement>()) return ProgramStatement{timezone(n)};
    if (n.is_type<g::coach_statement>()) return ProgramStatement{coach(n)};
    if (n.is_type<g::calendar_id_statement>()) return ProgramStatement{calendar_id(n)};
    if (n.is_type<g::skip_statement>() || n.is_type<g::pause_statement>()) {
        auto range = date_range(n);
        std::optional<Text> why;
        if (const node* r = child<g::string_literal>(n)) why = text(*r);
        if (n.is_type<g::skip_statement>()) return ProgramStatement{Skip{range, why, sp, {}}};
        return ProgramStatement{Pause{range, why, sp, {}}};
    }
    if (n.is_type<g::block_use>()) {
        const bool joined = previous_block_line != 0 && n.line == previous_block_line && child<g::then_keyword>(n) != nullptr;
        previous_block_line = n.end_line;
        return ProgramStatement{block_use(n, joined)};
    }
    if (n.is_type<g::repeat_statement>()) {
        previous_block_line = 0;
        return ProgramStatement{repeat(n)};
    }
    return std::nullopt;
}

// `repeat 4 { 3 weeks five-three-one; 1 week deload }`, and the one repeat it
// may hold (the grammar stops a third level). The count is a whole number
// from 1 to max_repeat_count: `repeat 0` would drop the blocks it names
// without a word, and a count past the bound is not a plan anyone follows.
syntax::Repeat Builder::repeat(const node& n)
{
    syntax::Repeat r;
    r.span = span(n);
    const node& count = *child<g::repeat_count>(n);
    r.count = number(count);
    const std::string& written = r.count.text;
    if (r.count.value != std::floor(r.count.value))
        error(r.count.span, "a repeat runs its blocks a whole number of times, such as 'repeat 4', not " + written);
    else if (r.count.value < 1)
        error(r.count.span, "a repeat runs its blocks at least once; 'repeat " + written +
                                "' would plan none of them: remove the repeat, or write its blocks once without it");
    else if (r.count.value > max_repeat_count)
        error(r.count.span, "a repeat runs its blocks at most " + std::to_string(max_repeat_count) + " times, not " + written +
                                "; a plan that long is better written as several programs");
    const node& b = n.is_type<g::repeat_statement>() ? *child<g::repeat_body>(n) : *child<g::inner_repeat_body>(n);
    r.braces = braces(b);
    std::size_t previous_block_line = 0;
    r.statements = statements_of<syntax::RepeatStatement>(b, [&](const node& c) { return repeat_statement(c, previous_block_line); });
    return r;
}

std::optional<syntax::RepeatStatement> Builder::repeat_statement(const node& n, std::size_t& previous_block_line)
{
    if (n.is_type<g::block_use>()) {
        const bool joined = previous_block_line != 0 && n.line == previous_block_line && child<g::then_keyword>(n) != nullptr;
        previous_block_line = n.end_line;
        return syntax::RepeatStatement{block_use(n, joined)};
    }
    if (n.is_type<g::cycle_raise_statement>()) {
        previous_block_line = 0;
        return syntax::RepeatStatement{cycle_raise(n)};
    }
    if (n.is_type<g::inner_repeat>()) {
        previous_block_line = 0;
        return syntax::RepeatStatement{repeat(n)};
    }
    return std::nullopt;
}

// `training-max squat +5 kg per cycle`: a signed mass.
syntax::CycleRaise Builder::cycle_raise(const node& n)
{
    syntax::CycleRaise c;
    c.span = span(n);
    c.exercise = name(*child<g::cycle_raise_exercise>(n));
    c.step = quantity_of(*child<g::cycle_raise_step>(n), Dimension::mass, "a training max rises by a mass each cycle, such as '+5 kg'");
    if (child<g::cycle_raise_sign>(n)->string_view() == "-") c.step.amount.value = -c.step.amount.value;
    return c;
}

// `timezone Europe/Berlin`, `timezone floating`
syntax::Timezone Builder::timezone(const node& n)
{
    syntax::Timezone tz;
    tz.span = span(n);
    tz.zone = name(*child<g::zone_name>(n));
    tz.floating = tz.zone.text == "floating";
    return tz;
}

// `coach "Sam Lee" <sam@example.org>`
syntax::Coach Builder::coach(const node& n)
{
    syntax::Coach co;
    co.span = span(n);
    co.name = text(*child<g::coach_name>(n));
    if (const node* e = child<g::email_address>(n)) {
        auto sv = e->string_view();
        co.email = syntax::Text{std::string(sv.substr(0, sv.size() - 1)), span(*e)};
        if (co.email->value.find('@') == std::string::npos)
            error(co.email->span, "'" + co.email->value + "' is not an e-mail address; write it as <name@example.org>");
    }
    return co;
}

// `calendar-id "club.example.org"`: an empty id or one with a control
// character would make UIDs that say nothing or break a line.
syntax::CalendarId Builder::calendar_id(const node& n)
{
    syntax::CalendarId c;
    c.span = span(n);
    c.id = text(*child<g::calendar_id_value>(n));
    if (c.id.value.empty()) error(c.id.span, "the calendar's id is empty; write one such as 'calendar-id \"club.example.org\"'");
    return c;
}

// `3 weeks kaatsu`, `then 10 weeks powerlifting { ... }`, `2 weeks "Taper" { ... }`
syntax::BlockUse Builder::block_use(const node& n, bool joined)
{
    syntax::BlockUse b;
    b.span = span(n);
    b.then = child<g::then_keyword>(n) != nullptr;
    b.joined = joined;
    b.length = quantity(*child<g::block_length>(n));
    if (b.length.unit != Unit::day && b.length.unit != Unit::week)
        error(b.length.span, "a block lasts whole days or weeks, such as '3 weeks' or '10 days', not '" + b.length.unit_text + "'");
    else if (b.length.amount.value != std::floor(b.length.amount.value))
        error(b.length.span,
              "a block lasts whole " + std::string(b.length.unit == Unit::day ? "days" : "weeks") + ", not " + b.length.amount.text);
    b.target = name(*child<g::block_target>(n));
    if (const node* as = child<g::block_name>(n)) b.as_name = text(*as);
    if (const node* body_node = child<g::block_body>(n)) b.body = body(*body_node);
    if (b.target.quoted && !b.body)
        error(b.target.span, "a block written in place needs its statements in '{ }'; to use a template, write its name without quotes");
    if (b.target.quoted && b.as_name)
        error(b.as_name->span, "'as' names a template's block; a block written in place already has its name");
    return b;
}

}  // namespace meso::grammar
