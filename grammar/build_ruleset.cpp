// The builder, rule sets: `applies to blocks where ...`, rules, and the
// condition trees of `require` and `forbid`.
#include <string>

#include "grammar/builder.h"
#include "grammar/grammar.h"

namespace meso::grammar {

namespace g = grammar;

// ---------------------------------------------------------------- rule sets and rules

syntax::Ruleset Builder::ruleset(const node& n)
{
    syntax::Ruleset rs;
    rs.span = span(n);
    rs.name = name(*child<g::ruleset_name>(n));
    if (const node* t = child<g::title>(n)) rs.title = text(*t);
    const node& b = *child<g::ruleset_body>(n);
    rs.braces = braces(b);
    rs.statements = statements_of<syntax::RulesetStatement>(b, [this](const node& c) { return ruleset_statement(c); });
    return rs;
}

std::optional<syntax::RulesetStatement> Builder::ruleset_statement(const node& n)
{
    using namespace syntax;
    const Span sp = span(n);
    if (n.is_type<g::source_statement>()) return RulesetStatement{source(n)};
    if (n.is_type<g::applies_statement>()) {
        Applies a;
        a.span = sp;
        a.bfr_blocks = child<g::bfr_blocks>(n) != nullptr;
        if (const node* cond = child<g::condition>(n)) a.where = condition(*cond);
        return RulesetStatement{std::move(a)};
    }
    if (n.is_type<g::rule_definition>()) return RulesetStatement{rule(n)};
    if (n.is_type<g::note_statement>()) return RulesetStatement{NoteStatement{text(*child<g::note_text>(n)), sp, {}}};
    return std::nullopt;
}

// `rule min-gap error "..." { require gap >= 4 h }`
syntax::Rule Builder::rule(const node& n)
{
    syntax::Rule r;
    r.span = span(n);
    r.id = name(*child<g::rule_name>(n));
    r.severity = name(*child<g::severity>(n));
    r.message = text(*child<g::rule_message>(n));
    const node& b = *child<g::rule_body>(n);
    r.braces = braces(b);
    r.statements = statements_of<syntax::RuleStatement>(b, [this](const node& c) { return rule_statement(c); });
    return r;
}

std::optional<syntax::RuleStatement> Builder::rule_statement(const node& n)
{
    using namespace syntax;
    const Span sp = span(n);
    if (n.is_type<g::require_statement>()) return RuleStatement{Require{condition(*child<g::condition>(n)), sp, {}}};
    if (n.is_type<g::forbid_statement>()) return RuleStatement{Forbid{condition(*child<g::condition>(n)), sp, {}}};
    if (n.is_type<g::source_statement>()) return RuleStatement{source(n)};
    if (n.is_type<g::note_statement>()) return RuleStatement{NoteStatement{text(*child<g::note_text>(n)), sp, {}}};
    if (n.is_type<g::allow_never_statement>()) return RuleStatement{AllowNever{sp, {}}};
    if (n.is_type<g::replaces_statement>()) {
        Replaces r;
        r.span = sp;
        for (const node* id : children<g::replaced_id>(n)) r.ids.push_back(name(*id));
        return RuleStatement{std::move(r)};
    }
    return std::nullopt;
}

// `source "..."`, `source trial "..."`
syntax::SourceStatement Builder::source(const node& n)
{
    syntax::SourceStatement s{text(*child<g::citation>(n)), span(n), {}, std::nullopt};
    if (const node* f = child<g::firmness>(n)) s.firmness = name(*f);
    return s;
}

// ---------------------------------------------------------------- conditions

syntax::Value Builder::value(const node& n)
{
    syntax::Value v;
    v.span = span(n);
    if (const node* vn = child<g::value_number>(n)) {
        if (child<g::unit>(*vn)) v.node = quantity(*vn);
        else v.node = number(*child<g::number>(*vn));
    }
    else {
        v.node = name(*child<g::identifier>(n));
    }
    return v;
}

syntax::Condition Builder::condition(const node& n) { return condition_at(n, 0); }

syntax::Condition Builder::too_deep(const node& n)
{
    if (!condition_too_deep_)
        error(span(n), "this condition has more than " + std::to_string(max_condition_depth) +
                           " parts joined with 'and', 'or', 'not' and parentheses; split it into several rules");
    condition_too_deep_ = true;
    return syntax::Condition{syntax::AthleteHas{}, span(n)};
}

// The condition of node n, `depth` levels down the whole condition's tree.
syntax::Condition Builder::condition_at(const node& n, int depth)
{
    using namespace syntax;
    const Span sp = span(n);
    if (depth == 0) condition_too_deep_ = false;
    if (depth >= max_condition_depth) return too_deep(n);
    if (n.is_type<g::condition>() || n.is_type<g::and_condition>()) return chain(n, depth);
    if (n.is_type<g::comparison>()) return Condition{comparison(n), sp};
    if (n.is_type<g::between_condition>()) {
        auto values = children<g::value>(n);
        return Condition{Between{name(*child<g::metric>(n)), value(*values.at(0)), value(*values.at(1))}, sp};
    }
    if (n.is_type<g::quantified>())
        return Condition{Quantified{child<g::every_keyword>(n) != nullptr, child<g::week_keyword>(n) != nullptr,
                                    Box<Condition>(condition_at(*n.children().back(), depth + 1))},
                         sp};
    if (n.is_type<g::athlete_has>()) {
        if (const node* c = child<g::condition_class_name>(n)) return Condition{AthleteHas{name(*c), true}, sp};
        return Condition{AthleteHas{name(*child<g::condition_name>(n))}, sp};
    }
    if (n.is_type<g::not_condition>()) return Condition{Not{Box<Condition>(condition_at(*n.children().back(), depth + 1))}, sp};
    if (n.is_type<g::parenthesized>()) return Condition{Parenthesized{Box<Condition>(condition_at(*n.children().back(), depth + 1))}, sp};
    return Condition{AthleteHas{}, sp};  // not reached: every condition node is one of the above
}

// `a or b or c`, `a and b and c`: left-deep, the first part parts-1 levels
// down, part i parts-i; the parts past the depth bound are dropped (reported).
syntax::Condition Builder::chain(const node& n, int depth)
{
    using namespace syntax;
    const bool is_and = n.is_type<g::and_condition>();
    const auto kids = n.children().all();
    std::size_t parts = kids.size();
    if (depth + static_cast<int>(parts) > max_condition_depth) {
        parts = static_cast<std::size_t>(max_condition_depth - depth);
        too_deep(*kids.at(parts));
    }
    const int last = depth + static_cast<int>(parts) - 1;
    Condition result = condition_at(*kids.at(0), last);
    for (std::size_t i = 1; i < parts; ++i) {
        Condition right = condition_at(*kids[i], last - static_cast<int>(i) + 1);
        Span joined = join(result.span, right.span);
        result = Condition{Logical{is_and, Box<Condition>(std::move(result)), Box<Condition>(std::move(right))}, joined};
    }
    return result;
}

// `gap >= 4 h`
syntax::Comparison Builder::comparison(const node& n)
{
    using namespace syntax;
    Comparison c;
    c.metric = name(*child<g::metric>(n));
    const auto op = child<g::comparator>(n)->string_view();
    c.op = op == "="    ? Comparator::eq
           : op == "!=" ? Comparator::ne
           : op == "<"  ? Comparator::lt
           : op == "<=" ? Comparator::le
           : op == ">"  ? Comparator::gt
                        : Comparator::ge;
    c.value = value(*child<g::value>(n));
    return c;
}

}  // namespace meso::grammar
