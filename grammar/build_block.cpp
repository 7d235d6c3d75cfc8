// The builder, blocks: bodies (`{ ... }` of a template, a block, a week
// override or a split) and the block statements. Prescriptions are in
// build_prescription.cpp.
#include <cmath>
#include <set>
#include <string>

#include "grammar/builder.h"
#include "grammar/grammar.h"

namespace meso::grammar {

namespace g = grammar;

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
    if (n.is_type<g::rotate_statement>()) return BlockStatement{rotation(n)};
    if (n.is_type<g::alternate_statement>()) return BlockStatement{alternation(n)};
    if (n.is_type<g::superset_statement>()) return BlockStatement{superset(n)};
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

// `rotate drop { "A" { squat 5x5 @ 75% } "B" { deadlift 1x5 @ 85% } }`: two
// workouts at least, each named once (the outputs name a session's workout).
syntax::Rotation Builder::rotation(const node& n)
{
    syntax::Rotation r;
    r.span = span(n);
    if (const node* p = child<g::rotation_policy>(n)) r.policy = name(*p);
    const node& b = *child<g::rotation_body>(n);
    r.braces = braces(b);
    r.workouts = statements_of<syntax::RotationStatement>(b, [this](const node& c) -> std::optional<syntax::RotationStatement> {
        if (!c.is_type<g::workout>()) return std::nullopt;
        syntax::Workout w;
        w.span = span(c);
        w.name = text(*child<g::workout_name>(c));
        w.body = body(*child<g::workout_body>(c));
        return syntax::RotationStatement{std::move(w)};
    });
    std::set<std::string> names;  // a set: a rotation of thousands of workouts stays n log n
    for (const auto& statement : r.workouts) {
        const auto& w = std::get<syntax::Workout>(statement.node);
        if (w.name.value.empty())
            error(w.name.span, "a workout needs a name, such as \"A\" or \"Heavy\": the schedule names each session's workout");
        else if (!names.insert(w.name.value).second)
            error(w.name.span, "the workout \"" + w.name.value + "\" is named twice in this rotation; give each workout its own name");
    }
    if (r.workouts.size() < 2 &&
        only_items(r.braces,
                   r.workouts.empty() ? std::vector<Span>{} : std::vector<Span>{std::get<syntax::Workout>(r.workouts[0].node).span}))
        error(r.span,
              "a rotation holds two workouts or more, done in turn, as in 'rotate { \"A\" { squat 5x5 @ 75% }; \"B\" { deadlift 1x5 "
              "@ 85% } }'; write a single workout's exercises in the block without it");
    return r;
}

// True when the braces hold nothing but the `items` (in order), blanks, ';' and comments: an item the parser
// could not read (already reported) is not counted as missing.
bool Builder::only_items(const syntax::Braces& braces, const std::vector<Span>& items) const
{
    const std::string_view text = braces.span.text();
    std::size_t next = 0;  // the next item
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        const std::uint32_t at = braces.span.begin + static_cast<std::uint32_t>(i);
        if (next < items.size() && at == items[next].begin) {
            i += items[next++].text().size() - 1;
            continue;
        }
        const char c = text[i];
        if (c == '#') i = std::min(text.find('\n', i), text.size() - 2);
        else if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ';') return false;
    }
    return true;
}

// `alternate { "A" { squat 5x5 @ 75% } "B" { squat 3x8 @ 65% } }`: two
// patterns at least, each named once.
syntax::Alternation Builder::alternation(const node& n)
{
    syntax::Alternation a;
    a.span = span(n);
    const node& b = *child<g::alternation_body>(n);
    a.braces = braces(b);
    a.patterns = statements_of<syntax::AlternationStatement>(b, [this](const node& c) -> std::optional<syntax::AlternationStatement> {
        if (!c.is_type<g::week_pattern>()) return std::nullopt;
        syntax::WeekPattern p;
        p.span = span(c);
        p.name = text(*child<g::week_pattern_name>(c));
        p.body = body(*child<g::week_pattern_body>(c));
        return syntax::AlternationStatement{std::move(p)};
    });
    std::set<std::string> names;
    for (const auto& statement : a.patterns) {
        const auto& p = std::get<syntax::WeekPattern>(statement.node);
        if (p.name.value.empty()) error(p.name.span, "a week pattern needs a name, such as \"A\" or \"Heavy\"");
        else if (!names.insert(p.name.value).second)
            error(p.name.span, "the week pattern \"" + p.name.value + "\" is named twice; give each pattern its own name");
    }
    if (a.patterns.size() < 2 &&
        only_items(a.braces,
                   a.patterns.empty() ? std::vector<Span>{} : std::vector<Span>{std::get<syntax::WeekPattern>(a.patterns[0].node).span}))
        error(a.span,
              "'alternate' holds two week patterns or more, taken by the block's weeks in turn, as in 'alternate { \"A\" { squat 5x5 @ "
              "75% }; \"B\" { squat 3x8 @ 65% } }'; for one pattern, write its statements in the block");
    return a;
}

// `superset { curl 3x10 @ 20 kg; dip 3x10 } rest 90 s`: two exercises at least.
syntax::Superset Builder::superset(const node& n)
{
    syntax::Superset s;
    s.span = span(n);
    s.keyword = name(*child<g::superset_keyword>(n));
    const node& b = *child<g::superset_body>(n);
    s.body.braces = braces(b);
    s.body.statements = statements_of<syntax::BlockStatement>(b, [this](const node& c) -> std::optional<syntax::BlockStatement> {
        if (c.is_type<g::superset_member>()) return syntax::BlockStatement{prescription(c)};
        return std::nullopt;
    });
    if (s.body.statements.size() < 2)
        error(s.span, "a " + s.keyword.text + " holds two exercises or more, done in turn, as in '" + s.keyword.text +
                          " { curl 3x10 @ 20 kg; dip 3x10 }'; write a single exercise without it");
    if (const node* r = child<g::superset_rest>(n))
        s.rest = quantity_of(*child<g::rest_length>(*r), Dimension::time, "rest needs a duration such as '30 s' or '3 min'");
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
