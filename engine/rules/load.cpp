// Loading: syntax::Ruleset in, typed rule sets out (condition.h), each
// condition type-checked against the metric table once. What goes wrong is
// a located error, and the rule (or the `applies` of its set) is left out.
#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "engine/base/overloaded.h"
#include "engine/base/suggest.h"
#include "engine/base/units.h"
#include "engine/rules/condition.h"
#include "engine/rules/metrics.h"
#include "engine/rules/rules.h"
#include "engine/rules/units.h"

namespace meso::rules {

namespace {

using rules::Amount;
using rules::Condition;
using rules::Kind;
using rules::MetricRow;
using syntax::Comparator;

Comparator negated(Comparator c)
{
    switch (c) {
    case Comparator::eq: return Comparator::ne;
    case Comparator::ne: return Comparator::eq;
    case Comparator::lt: return Comparator::ge;
    case Comparator::le: return Comparator::gt;
    case Comparator::gt: return Comparator::le;
    case Comparator::ge: return Comparator::lt;
    }
    return c;
}

std::vector<std::string> strings(std::span<const std::string_view> views) { return {views.begin(), views.end()}; }

// The metric a condition names, if it is one and is used where it has a value.
const MetricRow* metric(DiagnosticSink& diagnostics, const syntax::Name& name, bool in_exercise)
{
    const MetricRow* found = rules::metric_named(name.text);
    if (!found) {
        std::vector<std::string> candidates;
        for (const auto& row : rules::metric_table()) candidates.emplace_back(row.name);
        diagnostics.error(name.span, "unknown metric '" + name.text + "'" + did_you_mean(name.text, candidates) +
                                         " (the metrics are listed in docs/rules.md)");
        return nullptr;
    }
    const bool of_exercise = rules::per_exercise(found->scope);
    if (of_exercise && !in_exercise) {
        diagnostics.error(name.span, "'" + name.text + "' is a metric of an exercise; write 'every exercise " + name.text +
                                         " ...' or 'any exercise " + name.text + " ...'");
        return nullptr;
    }
    if (!of_exercise && in_exercise) {
        diagnostics.error(name.span, "'" + name.text +
                                         "' is a metric of the block, not of an exercise; take it out of 'every exercise'/'any exercise'");
        return nullptr;
    }
    return found;
}

// "'gap' is a time", the start of a message about a value of the wrong kind.
std::string is_a(const MetricRow& row) { return "'" + std::string(row.name) + "' is a " + rules::kind_name(row.kind); }

// A name compared with a metric: it must be a name metric, and one of its
// closed set of names if it has one.
std::optional<std::string> name_value(DiagnosticSink& diagnostics, const MetricRow& row, const syntax::Name& name, const Span& span)
{
    if (row.kind != Kind::name) {
        diagnostics.error(span, is_a(row) + ", not a name; write " + rules::kind_example(row.kind));
        return std::nullopt;
    }
    if (!row.names.empty() && std::find(row.names.begin(), row.names.end(), name.text) == row.names.end()) {
        std::string list;
        for (const auto& n : row.names) list += (list.empty() ? "" : ", ") + std::string(n);
        diagnostics.error(span, "'" + std::string(row.name) + "' is one of " + list + ", not '" + name.text + "'" +
                                    did_you_mean(name.text, strings(row.names)));
        return std::nullopt;
    }
    return name.text;
}

// A quantity compared with a metric of a number kind, in the kind's canonical unit.
std::optional<Amount> quantity_value(DiagnosticSink& diagnostics, const MetricRow& row, const syntax::Quantity& q, const Span& span)
{
    const auto dimension = syntax::dimension_of(q.unit);
    if (row.kind == Kind::count && row.seconds_per_count > 0 && dimension == syntax::Dimension::time)
        return Amount{q.amount.value * *seconds_in(q.unit) / row.seconds_per_count, false};
    if (dimension == syntax::Dimension::mass || row.kind == Kind::count || rules::kind_of_unit(q.unit) != row.kind) {
        const std::string given = dimension == syntax::Dimension::mass ? std::string("a mass")
                                                                       : std::string("a ") + rules::kind_name(rules::kind_of_unit(q.unit));
        std::string advice = "write " + std::string(rules::kind_example(row.kind));
        if (row.kind == Kind::relative_load && dimension == syntax::Dimension::mass)
            advice = "loads are compared in % of 1RM (kilograms are converted when the athlete has a max)";
        diagnostics.error(span, is_a(row) + ", and '" + std::string(q.span.text()) + "' is " + given + "; " + advice);
        return std::nullopt;
    }
    if (row.kind == Kind::time) return Amount{q.amount.value * *seconds_in(q.unit), false};
    return Amount{q.amount.value, row.kind == Kind::pressure && q.unit == syntax::Unit::percent_aop};
}

// A number or quantity compared with a metric of a number kind.
std::optional<Amount> amount_value(DiagnosticSink& diagnostics, const MetricRow& row, const syntax::Value& v)
{
    if (const auto* number = std::get_if<syntax::Number>(&v.node)) {
        if (row.kind != Kind::count) {
            diagnostics.error(v.span, is_a(row) + "; '" + number->text + "' needs a unit: write " + rules::kind_example(row.kind));
            return std::nullopt;
        }
        return Amount{number->value, false};
    }
    return quantity_value(diagnostics, row, std::get<syntax::Quantity>(v.node), v.span);
}

// The value a metric is compared with, typed by the metric's kind: a name,
// or an amount in its canonical unit.
using TypedValue = std::variant<Amount, std::string>;

std::optional<TypedValue> typed_value(DiagnosticSink& diagnostics, const MetricRow& row, const syntax::Value& v)
{
    if (const auto* name = std::get_if<syntax::Name>(&v.node)) {
        auto text = name_value(diagnostics, row, *name, v.span);
        if (!text) return std::nullopt;
        return TypedValue{std::move(*text)};
    }
    if (row.kind == Kind::name) {
        const std::string hint = row.names.empty() ? "a name such as 'bfr'" : "'" + std::string(row.names.front()) + "'";
        diagnostics.error(v.span, is_a(row) + "; compare it with " + hint + ", not '" + std::string(v.span.text()) + "'");
        return std::nullopt;
    }
    auto amount = amount_value(diagnostics, row, v);
    if (!amount) return std::nullopt;
    return TypedValue{*amount};
}

// How a condition is loaded: `negate` under an odd number of `not`s (or in
// a `forbid`), `in_exercise` inside `every exercise`/`any exercise`,
// `in_week` inside `every week`/`any week`; `vocabulary` the health
// conditions `athlete has condition` may name.
struct Context {
    DiagnosticSink& diagnostics;
    bool negate = false;
    bool in_exercise = false;
    bool in_week = false;
    const std::vector<ir::HealthCondition>* vocabulary = nullptr;

    Context with(bool negated, bool exercise, bool week) const { return {diagnostics, negated, exercise, week, vocabulary}; }
};

std::optional<Condition> condition_of(const syntax::Condition& c, const Context& at);

std::optional<Condition> comparison(const syntax::Comparison& n, const Span& span, const Context& at)
{
    const MetricRow* row = metric(at.diagnostics, n.metric, at.in_exercise);
    if (!row) return std::nullopt;
    auto value = typed_value(at.diagnostics, *row, n.value);
    if (!value) return std::nullopt;
    if (auto* name = std::get_if<std::string>(&*value)) {
        if (n.op != Comparator::eq && n.op != Comparator::ne) {
            at.diagnostics.error(span, "'" + n.metric.text + "' is a name; compare it with = or !=, not " + syntax::to_string(n.op));
            return std::nullopt;
        }
        return Condition{rules::NameIs{row, (n.op == Comparator::eq) != at.negate, std::move(*name)}};
    }
    return Condition{rules::CompareAmount{row, at.negate ? negated(n.op) : n.op, std::get<Amount>(*value)}};
}

std::optional<Condition> between(const syntax::Between& n, const Span& span, const Context& at)
{
    const MetricRow* row = metric(at.diagnostics, n.metric, at.in_exercise);
    if (!row) return std::nullopt;
    if (row->kind == Kind::name) {
        at.diagnostics.error(span, "'" + n.metric.text + "' is a name; 'between' needs numbers");
        return std::nullopt;
    }
    const auto low_value = typed_value(at.diagnostics, *row, n.low);
    const auto high_value = typed_value(at.diagnostics, *row, n.high);
    if (!low_value || !high_value) return std::nullopt;
    const auto* low = std::get_if<Amount>(&*low_value);  // a number kind has amounts only
    const auto* high = std::get_if<Amount>(&*high_value);
    if (!low || !high) return std::nullopt;
    if (low->percent_aop != high->percent_aop) {
        at.diagnostics.error(n.high.span, "both ends of 'between' need the same unit: mmHg and % AOP cannot be converted into each other");
        return std::nullopt;
    }
    if (low->value > high->value) {
        at.diagnostics.error(span, "'between' needs the smaller value first");
        return std::nullopt;
    }
    return Condition{rules::InRange{row, !at.negate, *low, *high}};
}

std::optional<Condition> quantified(const syntax::Quantified& n, const Span& span, const Context& at)
{
    if (at.in_exercise || at.in_week) {
        at.diagnostics.error(span, "'every exercise', 'any exercise', 'every week' and 'any week' cannot be nested");
        return std::nullopt;
    }
    auto body = condition_of(*n.body, at.with(at.negate, !n.weeks, n.weeks));
    if (!body) return std::nullopt;
    auto shared = std::make_shared<const Condition>(std::move(*body));
    const bool every = n.every != at.negate;
    if (n.weeks) {
        if (every) return Condition{rules::EveryWeek{std::move(shared)}};
        return Condition{rules::AnyWeek{std::move(shared)}};
    }
    if (every) return Condition{rules::EveryExercise{std::move(shared)}};
    return Condition{rules::AnyExercise{std::move(shared)}};
}

// `athlete has condition X`: X's canonical name (X may be an alias); a name
// the vocabulary does not know is a warning, and is kept as written.
std::optional<Condition> condition_by_name(const syntax::Name& name, const Context& at)
{
    if (!at.vocabulary || at.vocabulary->empty()) return Condition{rules::AthleteCondition{{name.text}, "", !at.negate}};
    std::vector<std::string> known;
    for (const auto& c : *at.vocabulary) {
        if (c.name == name.text || std::find(c.aliases.begin(), c.aliases.end(), name.text) != c.aliases.end())
            return Condition{rules::AthleteCondition{{c.name}, "", !at.negate}};
        known.push_back(c.name);
        known.insert(known.end(), c.aliases.begin(), c.aliases.end());
    }
    at.diagnostics.warning(name.span, "unknown health condition '" + name.text + "'" + did_you_mean(name.text, known) +
                                          "; the rule can only find it on an athlete who has it written so");
    return Condition{rules::AthleteCondition{{name.text}, "", !at.negate}};
}

// `athlete has condition of class absolute`: every condition of that class.
std::optional<Condition> condition_of_class(const syntax::Name& name, const Context& at)
{
    std::vector<std::string> names;
    std::vector<std::string> classes;
    if (at.vocabulary)
        for (const auto& c : *at.vocabulary) {
            if (c.condition_class == name.text) names.push_back(c.name);
            if (std::find(classes.begin(), classes.end(), c.condition_class) == classes.end()) classes.push_back(c.condition_class);
        }
    if (names.empty() && at.vocabulary && !at.vocabulary->empty()) {
        at.diagnostics.error(
            name.span, "no health condition is of class '" + name.text + "'" + did_you_mean(name.text, classes) + " (the classes are " +
                           [&] {
                               std::string list;
                               for (const auto& c : classes) list += (list.empty() ? "" : ", ") + c;
                               return list;
                           }() +
                           ")");
        return std::nullopt;
    }
    return Condition{rules::AthleteCondition{std::move(names), name.text, !at.negate}};
}

std::optional<Condition> athlete_has(const syntax::AthleteHas& n, const Span& span, const Context& at)
{
    if (at.in_exercise || at.in_week) {
        at.diagnostics.error(span,
                             "'athlete has condition' is not a metric of an exercise or a week; take it out of 'every ...'/'any ...'");
        return std::nullopt;
    }
    return n.of_class ? condition_of_class(n.condition, at) : condition_by_name(n.condition, at);
}

std::optional<Condition> logical(const syntax::Logical& n, const Context& at)
{
    auto left = condition_of(*n.left, at);
    auto right = condition_of(*n.right, at);
    if (!left || !right) return std::nullopt;
    // `a or b or c` is one AnyOf of three, not two nested: its failure is
    // told as each operand's once, and a long chain stays shallow.
    const auto operands_of = [&](auto kind) {
        using Kind = decltype(kind);
        std::vector<Condition> operands;
        for (auto* side : {&*left, &*right}) {
            if (auto* same = std::get_if<Kind>(&side->node))
                std::move(same->operands.begin(), same->operands.end(), std::back_inserter(operands));
            else operands.push_back(std::move(*side));
        }
        return Condition{Kind{std::move(operands)}};
    };
    if (n.is_and != at.negate) return operands_of(rules::AllOf{});
    return operands_of(rules::AnyOf{});
}

std::optional<Condition> condition_of(const syntax::Condition& c, const Context& at)
{
    return std::visit(overloaded{
                          [&](const syntax::Comparison& n) { return comparison(n, c.span, at); },
                          [&](const syntax::Between& n) { return between(n, c.span, at); },
                          [&](const syntax::Quantified& n) { return quantified(n, c.span, at); },
                          [&](const syntax::AthleteHas& n) { return athlete_has(n, c.span, at); },
                          [&](const syntax::Not& n) { return condition_of(*n.operand, at.with(!at.negate, at.in_exercise, at.in_week)); },
                          [&](const syntax::Parenthesized& n) { return condition_of(*n.inner, at); },
                          [&](const syntax::Logical& n) { return logical(n, at); },
                      },
                      c.node);
}

std::optional<Severity> severity_named(const std::string& s)
{
    if (s == "error") return Severity::error;
    if (s == "warning") return Severity::warning;
    if (s == "info") return Severity::info;
    return std::nullopt;
}

// A rule set's `applies to blocks where C`: several are all required. One
// that cannot be loaded makes the set check nothing rather than everything.
void add_applies(RuleSet& set, std::optional<Condition> condition, const std::string& text, bool& applies_seen)
{
    applies_seen = true;
    if (!condition) {
        set.applies = nullptr;
        set.applies_text = "(invalid)";
        return;
    }
    if (set.applies) {
        std::vector<Condition> both;
        both.push_back(*set.applies);
        both.push_back(std::move(*condition));
        set.applies = std::make_shared<const Condition>(Condition{rules::AllOf{std::move(both)}});
        set.applies_text += " and " + text;
    }
    else {
        set.applies = std::make_shared<const Condition>(std::move(*condition));
        set.applies_text = text;
    }
}

// `applies to bfr blocks`: `bfr-block = yes`, ir::is_bfr_block as a metric.
Condition bfr_block_condition() { return Condition{rules::NameIs{rules::metric_named("bfr-block"), true, "yes"}}; }

// A `source`, its firmness word checked.
Citation citation(const syntax::SourceStatement& source, DiagnosticSink& diagnostics)
{
    Citation c{source.citation.value, ""};
    if (!source.firmness) return c;
    const auto& words = firmness_words();
    if (std::find(words.begin(), words.end(), source.firmness->text) == words.end()) {
        std::string list;
        for (const auto& w : words) list += (list.empty() ? "" : ", ") + w;
        diagnostics.error(source.firmness->span, "unknown firmness '" + source.firmness->text + "'" +
                                                     did_you_mean(source.firmness->text, words) + "; a source is one of " + list);
        return c;
    }
    c.firmness = source.firmness->text;
    return c;
}

// The set's sources, notes and `applies`; true when it has an `applies`.
bool load_set_statements(RuleSet& set, const syntax::Ruleset& syntax_set, const Context& at)
{
    bool applies_seen = false;
    for (const auto& statement : syntax_set.statements) {
        std::visit(overloaded{
                       [&](const syntax::SourceStatement& source) { set.sources.push_back(citation(source, at.diagnostics)); },
                       [&](const syntax::NoteStatement& note) { set.notes.push_back(note.text.value); },
                       [&](const syntax::Applies& applies) {
                           if (applies.bfr_blocks) {
                               set.bfr_blocks = true;
                               add_applies(set, bfr_block_condition(), "bfr-block = yes", applies_seen);
                           }
                           if (applies.where)
                               add_applies(set, condition_of(*applies.where, at), std::string(applies.where->span.text()), applies_seen);
                       },
                       [](const syntax::Rule&) {},  // loaded after the set's `applies`, by load_rule
                   },
                   statement.node);
    }
    return applies_seen;
}

// The rule's sources, notes and the conditions it requires (its
// `require`s, and its `forbid`s negated); nothing when one cannot be loaded.
std::optional<std::vector<Condition>> load_rule_statements(Rule& rule, const syntax::Rule& syntax_rule, const Context& at)
{
    bool ok = true;
    std::vector<Condition> parts;
    auto add = [&](const syntax::Condition& condition, const Span& statement_span, bool forbid) {
        rule.condition_text += (rule.condition_text.empty() ? "" : "; ") + std::string(statement_span.text());
        auto loaded = condition_of(condition, at.with(forbid, false, false));
        if (loaded) parts.push_back(std::move(*loaded));
        else ok = false;
    };
    for (const auto& statement : syntax_rule.statements) {
        std::visit(overloaded{
                       [&](const syntax::Require& r) { add(r.condition, r.span, false); },
                       [&](const syntax::Forbid& f) { add(f.condition, f.span, true); },
                       [&](const syntax::SourceStatement& source) { rule.sources.push_back(citation(source, at.diagnostics)); },
                       [&](const syntax::NoteStatement& note) { rule.notes.push_back(note.text.value); },
                       [&](const syntax::AllowNever&) { rule.allow_never = true; },
                       [&](const syntax::Replaces& r) {
                           for (const auto& id : r.ids) rule.replaces.push_back(id.text);
                       },
                   },
                   statement.node);
    }
    if (!ok) return std::nullopt;
    return parts;
}

// One rule of the set, or nothing when it has an error (reported).
std::optional<Rule> load_rule(const syntax::Rule& syntax_rule, const std::string& set_name, const Context& at)
{
    DiagnosticSink& diagnostics = at.diagnostics;
    Rule rule;
    rule.name = syntax_rule.id.text;
    rule.id = set_name + "." + rule.name;
    rule.message = syntax_rule.message.value;
    rule.span = syntax_rule.span;
    const auto severity = severity_named(syntax_rule.severity.text);
    if (severity) rule.severity = *severity;
    else
        diagnostics.error(syntax_rule.severity.span, "unknown severity '" + syntax_rule.severity.text +
                                                         "'; a rule is error, warning or info" +
                                                         did_you_mean(syntax_rule.severity.text, {"error", "warning", "info"}));
    auto parts = load_rule_statements(rule, syntax_rule, at);
    if (!severity || !parts) return std::nullopt;
    if (parts->empty()) {
        diagnostics.error(syntax_rule.id.span, "rule '" + rule.id + "' has no 'require' or 'forbid': it can never find anything");
        return std::nullopt;
    }
    // All are required: the first one that fails is the finding.
    rule.requirement =
        std::make_shared<const Condition>(parts->size() == 1 ? std::move(parts->front()) : Condition{rules::AllOf{std::move(*parts)}});
    return rule;
}

RuleSet load_set(const syntax::Ruleset& syntax_set, const Context& at)
{
    DiagnosticSink& diagnostics = at.diagnostics;
    RuleSet set;
    set.name = syntax_set.name.text;
    set.title = syntax_set.title ? syntax_set.title->value : "";
    set.span = syntax_set.span;
    const bool applies_invalid = load_set_statements(set, syntax_set, at) && !set.applies;
    std::map<std::string, Span> rule_spans;
    for (const auto& statement : syntax_set.statements) {
        const auto* syntax_rule = std::get_if<syntax::Rule>(&statement.node);
        if (!syntax_rule) continue;
        const std::string id = set.name + "." + syntax_rule->id.text;
        if (auto it = rule_spans.find(syntax_rule->id.text); it != rule_spans.end()) {
            diagnostics.error(syntax_rule->id.span, "rule '" + id + "' is defined twice")
                .notes.push_back({it->second, "first defined here"});
            continue;
        }
        rule_spans[syntax_rule->id.text] = syntax_rule->id.span;
        auto rule = load_rule(*syntax_rule, set.name, at);
        if (rule && !applies_invalid) set.rules.push_back(std::move(*rule));
    }
    return set;
}

}  // namespace

const Rule* RuleBook::find(const std::string& id) const
{
    for (const auto& set : sets)
        for (const auto& rule : set.rules)
            if (rule.id == id) return &rule;
    return nullptr;
}

const RuleSet* RuleBook::set_of(const std::string& id) const
{
    for (const auto& set : sets)
        for (const auto& rule : set.rules)
            if (rule.id == id) return &set;
    return nullptr;
}

std::vector<std::string> RuleBook::ids() const
{
    std::vector<std::string> out;
    for (const auto& set : sets)
        for (const auto& rule : set.rules) out.push_back(rule.id);
    return out;
}

std::vector<std::string> RuleBook::replacements_of(const std::string& old_id) const
{
    std::vector<std::string> out;
    if (find(old_id)) return out;
    for (const auto& set : sets)
        for (const auto& rule : set.rules)
            if (std::find(rule.replaces.begin(), rule.replaces.end(), old_id) != rule.replaces.end()) out.push_back(rule.id);
    return out;
}

const std::vector<std::string>& firmness_words()
{
    static const std::vector<std::string> words = {"position-stand", "meta-analysis", "systematic-review", "review",      "trial",
                                                   "case-report",    "survey",        "measurement-study", "acute-study", "protocol"};
    return words;
}

std::string firmness_text(const std::string& firmness)
{
    std::string out = firmness;
    if (out != "meta-analysis") std::replace(out.begin(), out.end(), '-', ' ');
    return out;
}

std::string citation_text(const Citation& citation)
{
    return citation.firmness.empty() ? citation.text : citation.text + " (" + firmness_text(citation.firmness) + ")";
}

RuleBook load_rules(const std::vector<const syntax::Ruleset*>& rulesets, const std::vector<ir::HealthCondition>& vocabulary)
{
    RuleBook book;
    DiagnosticSink diagnostics(book.diagnostics);
    const Context at{diagnostics, false, false, false, &vocabulary};
    std::set<const syntax::Ruleset*> seen;
    std::map<std::string, const syntax::Ruleset*> by_name;
    for (const auto* syntax_set : rulesets) {
        if (!syntax_set || !seen.insert(syntax_set).second) continue;
        const std::string& set_name = syntax_set->name.text;
        if (auto it = by_name.find(set_name); it != by_name.end()) {
            diagnostics.error(syntax_set->name.span, "rule set '" + set_name + "' is defined twice")
                .notes.push_back({it->second->name.span, "first defined here"});
            continue;
        }
        by_name[set_name] = syntax_set;
        book.sets.push_back(load_set(*syntax_set, at));
    }
    return book;
}

RuleBook load_rules(const ir::Module& module)
{
    RuleBook book = load_rules(module.rulesets, module.health_conditions);
    DiagnosticSink diagnostics(book.diagnostics);
    for (const auto& replacement : module.replaced_rulesets) {
        std::vector<Diagnostic> ignored;  // the replaced set's own errors are its file's, reported when it is in force
        DiagnosticSink quiet(ignored);
        const Context at{quiet, false, false, false, &module.health_conditions};
        RuleSet kept = load_set(*replacement.replaced, at);
        std::erase_if(kept.rules, [](const Rule& rule) { return !rule.allow_never; });
        if (kept.rules.empty()) continue;
        std::string ids;
        for (const auto& rule : kept.rules) {
            ids += (ids.empty() ? "" : ", ") + rule.id;
            for (auto& set : book.sets) {
                if (set.name != kept.name) continue;
                const auto mine = std::find_if(set.rules.begin(), set.rules.end(), [&](const Rule& r) { return r.id == rule.id; });
                if (mine == set.rules.end()) continue;
                diagnostics
                    .error(mine->span, "rule '" + rule.id + "' cannot be replaced: the one of " +
                                           replacement.replaced->name.span.source->path +
                                           " says 'allow never' and stays in force; give yours another name")
                    .notes.push_back({rule.span, "the rule that stays"});
                set.rules.erase(mine);
            }
        }
        diagnostics.note(replacement.by->name.span, "rule set '" + kept.name + "' stands instead of the one of " +
                                                        replacement.replaced->name.span.source->path +
                                                        ", whose rules that cannot be allowed stay in force: " + ids);
        book.sets.push_back(std::move(kept));
    }
    return book;
}

}  // namespace meso::rules
