#include "engine/rules/rules.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "engine/base/suggest.h"
#include "engine/base/text.h"

namespace meso {

// ================================================================ metrics

namespace {

enum class Kind { count, time, relative_load, pressure, length, name };

enum class Metric {
    method, weeks, days, sessions, run_weeks, run_sessions, sessions_per_day, days_per_week, gap, overlap, session_length,
    consecutive_training_days, occlusion, cuff_pressure, cuff_width,
    exercises_per_session,
    load, sets, reps, rest, load_kind, max_known,
};

struct MetricSpec {
    Metric metric;
    const char* name;
    Kind kind;
    bool per_exercise;
    std::vector<std::string> names;  // the closed set of values of a name metric; empty: any name
    double seconds_per_count;        // `weeks >= 2 weeks`: a time may stand for a count of these; 0: no
    const char* value;
};

const std::vector<MetricSpec>& metric_specs()
{
    static const std::vector<MetricSpec> specs = {
        {Metric::method, "method", Kind::name, false, {}, 0, "the block's method (bfr, strength, ...)"},
        {Metric::weeks, "weeks", Kind::count, false, {}, 7 * 86400.0, "the block's length in weeks (10 days are 1.43 weeks)"},
        {Metric::days, "days", Kind::count, false, {}, 86400.0, "the block's length in days"},
        {Metric::sessions, "sessions", Kind::count, false, {}, 0, "how many sessions the block has after `skip`"},
        {Metric::run_weeks, "run-weeks", Kind::count, false, {}, 7 * 86400.0,
         "on the first block of a run of consecutive blocks of one method: the run's length in weeks (none on the blocks that continue it)"},
        {Metric::run_sessions, "run-sessions", Kind::count, false, {}, 0,
         "on the first block of a run of consecutive blocks of one method: the run's sessions after `skip` (none on the blocks that continue it)"},
        {Metric::sessions_per_day, "sessions-per-day", Kind::count, false, {}, 0,
         "for each training day: its number of sessions"},
        {Metric::days_per_week, "days-per-week", Kind::count, false, {}, 0,
         "for each whole block week: its number of training days"},
        {Metric::gap, "gap", Kind::time, false, {}, 0,
         "for each pair of consecutive sessions of the block: from the end of one to the start of the next"},
        {Metric::overlap, "overlap", Kind::time, false, {}, 0,
         "for each pair of consecutive sessions of the block: how long they run at the same time (0 min when they do not)"},
        {Metric::session_length, "session-length", Kind::time, false, {}, 0, "each session's duration"},
        {Metric::consecutive_training_days, "consecutive-training-days", Kind::count, false, {}, 0,
         "for each training day: how many training days in a row end on it, counting the program's earlier blocks"},
        {Metric::exercises_per_session, "exercises-per-session", Kind::count, false, {}, 0,
         "for each session: how many exercises it holds"},
        {Metric::occlusion, "occlusion", Kind::name, false, {"continuous", "intermittent", "none", "unspecified"}, 0,
         "the sessions' occlusion as written (unspecified when the block says nothing)"},
        {Metric::cuff_pressure, "cuff-pressure", Kind::pressure, false, {}, 0,
         "the sessions' cuff pressure as written; mmHg and % AOP are compared only with their own unit"},
        {Metric::cuff_width, "cuff-width", Kind::length, false, {}, 0, "the cuff's width as written"},
        {Metric::load, "load", Kind::relative_load, true, {}, 0,
         "for each set: its load in % of 1RM (a load in kg is converted when the athlete has a max)"},
        {Metric::sets, "sets", Kind::count, true, {}, 0, "the exercise's number of sets, for the week checked"},
        {Metric::reps, "reps", Kind::count, true, {}, 0, "for each set: its repetitions"},
        {Metric::rest, "rest", Kind::time, true, {}, 0, "the rest between sets, as written"},
        {Metric::load_kind, "load-kind", Kind::name, true, {"percent", "mass", "rpe", "none"}, 0,
         "how the load is written: percent (75%), mass (100 kg), rpe (RPE 8) or none"},
        {Metric::max_known, "max-known", Kind::name, true, {"yes", "no"}, 0,
         "whether the athlete has a one-rep max for the exercise"},
    };
    return specs;
}

const MetricSpec& spec_of(Metric m)
{
    for (const auto& s : metric_specs())
        if (s.metric == m) return s;
    return metric_specs().front();
}

const char* kind_name(Kind k)
{
    switch (k) {
    case Kind::count: return "count";
    case Kind::time: return "time";
    case Kind::relative_load: return "% of 1RM";
    case Kind::pressure: return "pressure";
    case Kind::length: return "length";
    case Kind::name: return "name";
    }
    return "";
}

const char* kind_example(Kind k)
{
    switch (k) {
    case Kind::count: return "a plain number such as '24'";
    case Kind::time: return "a time such as '4 h'";
    case Kind::relative_load: return "a load in % of 1RM such as '30%'";
    case Kind::pressure: return "a pressure such as '180 mmHg' or '60% AOP'";
    case Kind::length: return "a length such as '5 cm'";
    case Kind::name: return "a name such as 'bfr'";
    }
    return "";
}

}  // namespace

const std::vector<MetricInfo>& metrics()
{
    static const std::vector<MetricInfo> infos = [] {
        std::vector<MetricInfo> out;
        for (const auto& s : metric_specs()) out.push_back({s.name, kind_name(s.kind), s.per_exercise, s.value});
        return out;
    }();
    return infos;
}

// ================================================================ the typed condition

// A condition in negation normal form: `not` is pushed down to the leaves,
// so that "every value holds" is the one rule for values per day, week,
// pair or set (`forbid gap < 4 h` is `require gap >= 4 h`).
struct CompiledCondition {
    enum class Op { compare, between, outside, has, lacks, all_of, any_of, every_exercise, any_exercise };
    Op op = Op::compare;
    Metric metric = Metric::method;
    syntax::Comparator comparator = syntax::Comparator::eq;
    double value = 0;          // canonical: seconds, %, mmHg or % AOP, cm, a count
    double high = 0;           // of between/outside
    bool percent_aop = false;  // a pressure in % AOP
    std::string name;          // a name value, or the health condition of has/lacks
    std::vector<CompiledCondition> operands;
    Span span;
};

namespace {

using Op = CompiledCondition::Op;
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

double seconds_of(syntax::Unit unit)
{
    switch (unit) {
    case syntax::Unit::second: return 1;
    case syntax::Unit::minute: return 60;
    case syntax::Unit::hour: return 3600;
    case syntax::Unit::day: return 86400;
    case syntax::Unit::week: return 7 * 86400;
    default: return 0;
    }
}

Kind kind_of_unit(syntax::Unit unit)
{
    switch (syntax::dimension_of(unit)) {
    case syntax::Dimension::mass: return Kind::count;  // never a metric's kind: reported as a mass
    case syntax::Dimension::relative_load: return Kind::relative_load;
    case syntax::Dimension::time: return Kind::time;
    case syntax::Dimension::pressure: return Kind::pressure;
    case syntax::Dimension::length: return Kind::length;
    }
    return Kind::count;
}

struct Compiler {
    std::vector<Diagnostic>& diagnostics;
    bool failed = false;

    void error(const Span& span, std::string message)
    {
        diagnostics.push_back({Severity::error, span, std::move(message), std::nullopt, {}, std::nullopt});
        failed = true;
    }

    const MetricSpec* metric(const syntax::Name& name, bool in_exercise)
    {
        std::vector<std::string> candidates;
        for (const auto& s : metric_specs()) candidates.push_back(s.name);
        const MetricSpec* found = nullptr;
        for (const auto& s : metric_specs())
            if (name.text == s.name) found = &s;
        if (!found) {
            error(name.span, "unknown metric '" + name.text + "'" + did_you_mean(name.text, candidates) +
                                 " (the metrics are listed in docs/rules.md)");
            return nullptr;
        }
        if (found->per_exercise && !in_exercise) {
            error(name.span, "'" + name.text + "' is a metric of an exercise; write 'every exercise " + name.text +
                                 " ...' or 'any exercise " + name.text + " ...'");
            return nullptr;
        }
        if (!found->per_exercise && in_exercise) {
            error(name.span, "'" + name.text + "' is a metric of the block, not of an exercise; take it out of 'every exercise'/'any exercise'");
            return nullptr;
        }
        return found;
    }

    // The value converted to the metric's canonical unit, or nothing after an error.
    std::optional<CompiledCondition> value(const MetricSpec& spec, const syntax::Value& v)
    {
        CompiledCondition out;
        const std::string what = "'" + std::string(spec.name) + "' is a " + kind_name(spec.kind);
        if (const auto* name = std::get_if<syntax::Name>(&v.node)) {
            if (spec.kind != Kind::name) {
                error(v.span, what + ", not a name; write " + kind_example(spec.kind));
                return std::nullopt;
            }
            if (!spec.names.empty() && std::find(spec.names.begin(), spec.names.end(), name->text) == spec.names.end()) {
                std::string list;
                for (const auto& n : spec.names) list += (list.empty() ? "" : ", ") + n;
                error(v.span, "'" + std::string(spec.name) + "' is one of " + list + ", not '" + name->text + "'" +
                                  did_you_mean(name->text, spec.names));
                return std::nullopt;
            }
            out.name = name->text;
            return out;
        }
        if (spec.kind == Kind::name) {
            std::string hint = spec.names.empty() ? "a name such as 'bfr'" : "'" + spec.names.front() + "'";
            error(v.span, what + "; compare it with " + hint + ", not '" + std::string(v.span.text()) + "'");
            return std::nullopt;
        }
        if (const auto* number = std::get_if<syntax::Number>(&v.node)) {
            if (spec.kind != Kind::count) {
                error(v.span, what + "; '" + number->text + "' needs a unit: write " + kind_example(spec.kind));
                return std::nullopt;
            }
            out.value = number->value;
            return out;
        }
        const auto& q = std::get<syntax::Quantity>(v.node);
        const auto dimension = syntax::dimension_of(q.unit);
        if (spec.kind == Kind::count && spec.seconds_per_count > 0 && dimension == syntax::Dimension::time) {
            out.value = q.amount.value * seconds_of(q.unit) / spec.seconds_per_count;
            return out;
        }
        if (dimension == syntax::Dimension::mass || spec.kind == Kind::count || kind_of_unit(q.unit) != spec.kind) {
            const std::string given = dimension == syntax::Dimension::mass ? std::string("a mass")
                                      : std::string("a ") + kind_name(kind_of_unit(q.unit));
            std::string advice = "write " + std::string(kind_example(spec.kind));
            if (spec.metric == Metric::load && dimension == syntax::Dimension::mass)
                advice = "loads are compared in % of 1RM (kilograms are converted when the athlete has a max)";
            error(v.span, what + ", and '" + std::string(q.span.text()) + "' is " + given + "; " + advice);
            return std::nullopt;
        }
        switch (spec.kind) {
        case Kind::time: out.value = q.amount.value * seconds_of(q.unit); break;
        case Kind::pressure: out.value = q.amount.value; out.percent_aop = q.unit == syntax::Unit::percent_aop; break;
        default: out.value = q.amount.value; break;
        }
        return out;
    }

    std::optional<CompiledCondition> compile(const syntax::Condition& c, bool negate, bool in_exercise)
    {
        return std::visit([&](const auto& node) { return compile_node(node, c.span, negate, in_exercise); }, c.node);
    }

    std::optional<CompiledCondition> compile_node(const syntax::Comparison& n, const Span& span, bool negate, bool in_exercise)
    {
        const MetricSpec* spec = metric(n.metric, in_exercise);
        if (!spec) return std::nullopt;
        auto out = value(*spec, n.value);
        if (!out) return std::nullopt;
        if (spec->kind == Kind::name && n.op != Comparator::eq && n.op != Comparator::ne) {
            error(span, "'" + n.metric.text + "' is a name; compare it with = or !=, not " + syntax::to_string(n.op));
            return std::nullopt;
        }
        out->op = Op::compare;
        out->metric = spec->metric;
        out->comparator = negate ? negated(n.op) : n.op;
        out->span = span;
        return out;
    }

    std::optional<CompiledCondition> compile_node(const syntax::Between& n, const Span& span, bool negate, bool in_exercise)
    {
        const MetricSpec* spec = metric(n.metric, in_exercise);
        if (!spec) return std::nullopt;
        if (spec->kind == Kind::name) {
            error(span, "'" + n.metric.text + "' is a name; 'between' needs numbers");
            return std::nullopt;
        }
        auto low = value(*spec, n.low);
        auto high = value(*spec, n.high);
        if (!low || !high) return std::nullopt;
        if (low->percent_aop != high->percent_aop) {
            error(n.high.span, "both ends of 'between' need the same unit: mmHg and % AOP cannot be converted into each other");
            return std::nullopt;
        }
        if (low->value > high->value) {
            error(span, "'between' needs the smaller value first");
            return std::nullopt;
        }
        low->op = negate ? Op::outside : Op::between;
        low->metric = spec->metric;
        low->high = high->value;
        low->span = span;
        return low;
    }

    std::optional<CompiledCondition> compile_node(const syntax::Quantified& n, const Span& span, bool negate, bool in_exercise)
    {
        if (in_exercise) {
            error(span, "'every exercise' and 'any exercise' cannot be nested");
            return std::nullopt;
        }
        auto body = compile(*n.body, negate, true);
        if (!body) return std::nullopt;
        CompiledCondition out;
        out.op = (n.every != negate) ? Op::every_exercise : Op::any_exercise;
        out.operands.push_back(std::move(*body));
        out.span = span;
        return out;
    }

    std::optional<CompiledCondition> compile_node(const syntax::AthleteHas& n, const Span& span, bool negate, bool in_exercise)
    {
        if (in_exercise) {
            error(span, "'athlete has condition' is not a metric of an exercise; take it out of 'every exercise'/'any exercise'");
            return std::nullopt;
        }
        CompiledCondition out;
        out.op = negate ? Op::lacks : Op::has;
        out.name = n.condition.text;
        out.span = span;
        return out;
    }

    std::optional<CompiledCondition> compile_node(const syntax::Not& n, const Span&, bool negate, bool in_exercise)
    {
        return compile(*n.operand, !negate, in_exercise);
    }

    std::optional<CompiledCondition> compile_node(const syntax::Parenthesized& n, const Span&, bool negate, bool in_exercise)
    {
        return compile(*n.inner, negate, in_exercise);
    }

    std::optional<CompiledCondition> compile_node(const syntax::Logical& n, const Span& span, bool negate, bool in_exercise)
    {
        auto left = compile(*n.left, negate, in_exercise);
        auto right = compile(*n.right, negate, in_exercise);
        if (!left || !right) return std::nullopt;
        CompiledCondition out;
        out.op = (n.is_and != negate) ? Op::all_of : Op::any_of;
        out.operands.push_back(std::move(*left));
        out.operands.push_back(std::move(*right));
        out.span = span;
        return out;
    }
};

std::optional<Severity> severity_named(const std::string& s)
{
    if (s == "error") return Severity::error;
    if (s == "warning") return Severity::warning;
    if (s == "info") return Severity::info;
    return std::nullopt;
}

}  // namespace

// ================================================================ loading

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

RuleBook load_rules(const std::vector<const syntax::Ruleset*>& rulesets)
{
    RuleBook book;
    std::set<const syntax::Ruleset*> seen;
    std::map<std::string, const syntax::Ruleset*> by_name;
    for (const auto* syntax_set : rulesets) {
        if (!syntax_set || !seen.insert(syntax_set).second) continue;
        const std::string& set_name = syntax_set->name.text;
        if (auto it = by_name.find(set_name); it != by_name.end()) {
            Diagnostic d{Severity::error, syntax_set->name.span, "rule set '" + set_name + "' is defined twice", std::nullopt, {}, std::nullopt};
            d.notes.push_back({it->second->name.span, "first defined here"});
            book.diagnostics.push_back(std::move(d));
            continue;
        }
        by_name[set_name] = syntax_set;
        Compiler compiler{book.diagnostics};
        RuleSet set;
        set.name = set_name;
        set.title = syntax_set->title ? syntax_set->title->value : "";
        set.span = syntax_set->span;
        bool applies_seen = false;
        for (const auto& statement : syntax_set->statements) {
            if (const auto* source = std::get_if<syntax::SourceStatement>(&statement.node)) {
                set.sources.push_back(source->citation.value);
            }
            else if (const auto* note = std::get_if<syntax::NoteStatement>(&statement.node)) {
                set.notes.push_back(note->text.value);
            }
            else if (const auto* applies = std::get_if<syntax::Applies>(&statement.node)) {
                if (!applies->where) continue;
                compiler.failed = false;
                auto condition = compiler.compile(*applies->where, false, false);
                if (!condition) {
                    // A rule set that cannot say where it applies checks nothing rather than everything.
                    set.applies = nullptr;
                    applies_seen = true;
                    set.applies_text = "(invalid)";
                    set.rules.clear();
                    continue;
                }
                if (set.applies) {
                    CompiledCondition both;
                    both.op = Op::all_of;
                    both.operands.push_back(*set.applies);
                    both.operands.push_back(std::move(*condition));
                    set.applies = std::make_shared<const CompiledCondition>(std::move(both));
                    set.applies_text += " and " + std::string(applies->where->span.text());
                }
                else {
                    set.applies = std::make_shared<const CompiledCondition>(std::move(*condition));
                    set.applies_text = std::string(applies->where->span.text());
                }
                applies_seen = true;
            }
        }
        const bool applies_invalid = applies_seen && !set.applies;
        std::map<std::string, Span> rule_spans;
        for (const auto& statement : syntax_set->statements) {
            const auto* rule_syntax = std::get_if<syntax::Rule>(&statement.node);
            if (!rule_syntax) continue;
            Rule rule;
            rule.name = rule_syntax->id.text;
            rule.id = set_name + "." + rule.name;
            rule.message = rule_syntax->message.value;
            rule.span = rule_syntax->span;
            bool ok = true;
            if (auto it = rule_spans.find(rule.name); it != rule_spans.end()) {
                Diagnostic d{Severity::error, rule_syntax->id.span, "rule '" + rule.id + "' is defined twice", std::nullopt, {}, std::nullopt};
                d.notes.push_back({it->second, "first defined here"});
                book.diagnostics.push_back(std::move(d));
                continue;
            }
            rule_spans[rule.name] = rule_syntax->id.span;
            if (auto severity = severity_named(rule_syntax->severity.text)) rule.severity = *severity;
            else {
                compiler.error(rule_syntax->severity.span, "unknown severity '" + rule_syntax->severity.text +
                                                               "'; a rule is error, warning or info" +
                                                               did_you_mean(rule_syntax->severity.text, {"error", "warning", "info"}));
                ok = false;
            }
            std::vector<CompiledCondition> parts;
            for (const auto& s : rule_syntax->statements) {
                const syntax::Condition* condition = nullptr;
                bool forbid = false;
                if (const auto* r = std::get_if<syntax::Require>(&s.node)) condition = &r->condition;
                else if (const auto* f = std::get_if<syntax::Forbid>(&s.node)) condition = &f->condition, forbid = true;
                else if (const auto* source = std::get_if<syntax::SourceStatement>(&s.node)) rule.sources.push_back(source->citation.value);
                else if (const auto* note = std::get_if<syntax::NoteStatement>(&s.node)) rule.notes.push_back(note->text.value);
                if (!condition) continue;
                const Span statement_span = std::visit([](const auto& n) { return n.span; }, s.node);
                rule.condition_text += (rule.condition_text.empty() ? "" : "; ") + std::string(statement_span.text());
                auto compiled = compiler.compile(*condition, forbid, false);
                if (compiled) parts.push_back(std::move(*compiled));
                else ok = false;
            }
            if (ok && parts.empty()) {
                compiler.error(rule_syntax->id.span, "rule '" + rule.id + "' has no 'require' or 'forbid': it can never find anything");
                ok = false;
            }
            if (!ok || applies_invalid) continue;
            while (parts.size() > 1) {
                CompiledCondition both;
                both.op = Op::all_of;
                both.span = parts[0].span;
                both.operands.push_back(std::move(parts[0]));
                both.operands.push_back(std::move(parts[1]));
                parts.erase(parts.begin(), parts.begin() + 2);
                parts.insert(parts.begin(), std::move(both));
            }
            rule.requirement = std::make_shared<const CompiledCondition>(std::move(parts.front()));
            set.rules.push_back(std::move(rule));
        }
        book.sets.push_back(std::move(set));
    }
    return book;
}

// ================================================================ checking

namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::sys_days;

std::string duration_text(double seconds)
{
    const double a = std::fabs(seconds);
    if (a >= 3600) return trim_number(seconds / 3600) + " h";
    const bool whole_minutes = std::fmod(a, 60) < 1e-9;
    if (a >= 600 || (a >= 60 && whole_minutes)) return trim_number(seconds / 60) + " min";
    return trim_number(seconds) + " s";  // rests are written in seconds: 90 s, not 1.5 min
}

std::string plural(long long n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

// "1 week", "1.43 weeks", "2 weeks".
std::string weeks_text(double weeks) { return trim_number(weeks) + (trim_number(weeks) == "1" ? " week" : " weeks"); }

// Local spellings (the IR's to_string lives with resolve).
const char* occlusion_name(ir::Occlusion o)
{
    switch (o) {
    case ir::Occlusion::continuous: return "continuous";
    case ir::Occlusion::intermittent: return "intermittent";
    case ir::Occlusion::none: return "none";
    case ir::Occlusion::unspecified: return "unspecified";
    }
    return "unspecified";
}

const char* unit_name(ir::MassUnit unit) { return unit == ir::MassUnit::lb ? "lb" : "kg"; }

enum class Truth { yes, no, unknown };

struct Outcome {
    Truth truth = Truth::yes;
    std::string what;  // the value that failed, or why it cannot be evaluated
    Span span;         // the statement that produced it
    bool about_athlete = false;  // the athlete's health conditions made it
    std::string exercise{};  // the exercise a finding is about, "" for the block: one finding for each
};

// One value of a metric, with what it takes to describe it.
struct Sample {
    double number = 0;
    std::string name;
    bool percent_aop = false;
    std::string unknown;  // non-empty: the value cannot be known, and why
    const Session* first = nullptr;
    const Session* second = nullptr;
    sys_days date{};
    sys_days run_start{};
    int week = 0;
    int set = 0;
    long long weight = 1;  // how many sessions a value of a session content stands for
    Span span;
};

struct ContentUse {
    const SessionContent* content;
    const Session* first;  // the first session that holds it
    long long sessions = 0;  // how many sessions of the block hold it
};

// The consecutive blocks of one method that a block starts (run-weeks,
// run-sessions): a minimum duration counts them together, and is reported
// once, at the run's first block.
struct BlockRun {
    bool starts = true;  // false: the block continues the run of the block before it
    int blocks = 1;
    int length_days = 0;
    long long sessions = 0;
    sys_days first{};
    sys_days last{};
};

struct ExerciseUse {
    const ExercisePlan* plan;
    const ContentUse* use;
    const ir::Exercise* written;  // the prescription in the IR, when found
};

// The training days of a program in a row up to each day, by day from the
// first training day: a lookup per session, linear in the program's days
// (a std::map of them was n log n on a program of two hundred years).
struct TrainingRuns {
    sys_days first{};
    std::vector<int> by_day;  // 0 on a day without training
    int ending_on(sys_days day) const
    {
        const auto i = (day - first).count();
        if (i < 0 || static_cast<std::size_t>(i) >= by_day.size() || by_day[static_cast<std::size_t>(i)] == 0) return 1;
        return by_day[static_cast<std::size_t>(i)];
    }
};

struct BlockView {
    const ProgramSchedule& program;
    const BlockPlan& plan;
    const ir::Block& block;
    const ir::Athlete* athlete;
    std::vector<const Session*> sessions;
    std::vector<ContentUse> contents;
    std::vector<ExerciseUse> exercises;
    const TrainingRuns* runs;  // consecutive training days ending on each training day of the program
    BlockRun run;
};

Span or_else(const Span& span, const Span& fallback) { return span.valid() ? span : fallback; }

bool compare(double a, Comparator op, double b)
{
    const double eps = 1e-9 * std::max(1.0, std::max(std::fabs(a), std::fabs(b)));
    switch (op) {
    case Comparator::eq: return std::fabs(a - b) <= eps;
    case Comparator::ne: return std::fabs(a - b) > eps;
    case Comparator::lt: return a < b - eps;
    case Comparator::le: return a <= b + eps;
    case Comparator::gt: return a > b + eps;
    case Comparator::ge: return a >= b - eps;
    }
    return false;
}

// The failing values of a metric after the first one, which a finding
// names: ", and on 17 more days". The values of an exercise or of a session
// content are counted in the sessions that hold them.
std::string and_more(long long more, Metric metric)
{
    if (more <= 0) return "";
    switch (metric) {
    case Metric::sessions_per_day:
    case Metric::consecutive_training_days: return ", and on " + plural(more, "more day", "more days");
    case Metric::days_per_week: return ", and in " + plural(more, "more block week", "more block weeks");
    case Metric::gap:
    case Metric::overlap: return ", and " + plural(more, "more time", "more times");
    default: return ", and in " + plural(more, "more session", "more sessions");
    }
}

class Evaluator {
public:
    explicit Evaluator(const BlockView& view) : view_(view) {}

    // What a rule's requirement finds wrong in the block: one outcome (not
    // yes) for each exercise that an `every exercise` of the requirement, or
    // of one of its `and`s, fails for, named by its first failing value and
    // date with the count of the sessions that fail after it; and one for
    // the rest of the block, naming the first failing value of each metric.
    std::vector<Outcome> findings(const CompiledCondition& c) const
    {
        std::vector<Outcome> out;
        collect(c, out);
        return out;
    }

    // `text` false: the caller only wants the truth, and a failing value is
    // not described (most are thrown away: describing them was a third of
    // the rules' time, see docs/performance.md).
    Outcome evaluate(const CompiledCondition& c, const ExerciseUse* exercise = nullptr, bool text = true) const
    {
        switch (c.op) {
        case Op::compare:
        case Op::between:
        case Op::outside: return atom(c, exercise, text);
        case Op::has:
        case Op::lacks: return health(c);
        case Op::all_of: {
            Outcome unknown;
            for (const auto& operand : c.operands) {
                Outcome o = evaluate(operand, exercise, text);
                if (o.truth == Truth::no) return o;
                if (o.truth == Truth::unknown && unknown.truth != Truth::unknown) unknown = o;
            }
            return unknown;
        }
        case Op::any_of: {
            // Most `any of` hold through one operand after others failed
            // (`(load-kind = mass and max-known = no) or load <= 110%` for
            // every exercise loaded in percent): the failures are described
            // only when none holds, by evaluating them again. A value that
            // cannot be known is told the same either way.
            if (text) {
                const Outcome quiet = evaluate(c, exercise, false);
                if (quiet.truth != Truth::no) return quiet;
            }
            Outcome failure;  // the first failure, with the others' texts joined to it
            bool failed = false;
            Outcome unknown;
            for (const auto& operand : c.operands) {
                Outcome o = evaluate(operand, exercise, text);
                if (o.truth == Truth::yes) return o;
                if (o.truth == Truth::unknown && unknown.truth != Truth::unknown) unknown = o;
                if (o.truth != Truth::no) continue;
                if (!failed) failure = std::move(o), failed = true;
                else if (o.what != failure.what) failure.what += ", and " + o.what;
            }
            if (unknown.truth == Truth::unknown) return unknown;
            return failure;
        }
        case Op::every_exercise: {
            Outcome unknown;
            for (const auto& e : view_.exercises) {
                Outcome o = evaluate(c.operands.front(), &e, text);
                if (o.truth == Truth::no) return o;
                if (o.truth == Truth::unknown && unknown.truth != Truth::unknown) unknown = o;
            }
            return unknown;
        }
        case Op::any_exercise: {
            Outcome first_failure{Truth::no, "the block has no exercise", view_.block.span};
            Outcome unknown;
            bool failed = false;
            for (const auto& e : view_.exercises) {
                Outcome o = evaluate(c.operands.front(), &e, text && !failed);  // only the first failure is told
                if (o.truth == Truth::yes) return o;
                if (o.truth == Truth::unknown && unknown.truth != Truth::unknown) unknown = o;
                if (o.truth == Truth::no && !failed) first_failure = o, failed = true;
            }
            if (unknown.truth == Truth::unknown) return unknown;
            if (failed) first_failure.what = "no exercise qualifies: " + first_failure.what;
            return first_failure;
        }
        }
        return {};
    }

private:
    const BlockView& view_;

    void collect(const CompiledCondition& c, std::vector<Outcome>& out) const
    {
        switch (c.op) {
        case Op::all_of:
            for (const auto& operand : c.operands) collect(operand, out);
            return;
        case Op::every_exercise: each_exercise(c, out); return;
        default: {
            Outcome o = evaluate(c);
            if (o.truth != Truth::yes) add(out, std::move(o));
            return;
        }
        }
    }

    // One outcome a subject (an exercise, or "" for the block): what fails
    // is told before what cannot be known, and two failures together.
    static void add(std::vector<Outcome>& out, Outcome o)
    {
        for (auto& f : out) {
            if (f.exercise != o.exercise) continue;
            if (f.truth == Truth::unknown && o.truth == Truth::no) f = std::move(o);
            else if (f.truth == Truth::no && o.truth == Truth::no && f.what != o.what) {
                f.what += ", and " + o.what;
                f.about_athlete = f.about_athlete || o.about_athlete;
            }
            return;
        }
        out.push_back(std::move(o));
    }

    // `every exercise C` exercise by exercise: an exercise is its
    // prescriptions of one name in every session content of the block (the
    // weeks of a progression, the splits), in order of date.
    void each_exercise(const CompiledCondition& c, std::vector<Outcome>& out) const
    {
        std::vector<std::string> names;
        std::map<std::string, std::vector<const ExerciseUse*>> uses;
        for (const auto& e : view_.exercises) {
            auto& list = uses[e.plan->name];
            if (list.empty()) names.push_back(e.plan->name);
            list.push_back(&e);
        }
        const CompiledCondition& body = c.operands.front();
        for (const auto& name : names) {
            Outcome failure;
            Outcome unknown;
            long long more = 0;
            for (const auto* e : uses[name]) {
                Outcome o = evaluate(body, e, false);
                if (o.truth == Truth::unknown && unknown.truth != Truth::unknown) unknown = o;
                if (o.truth != Truth::no) continue;
                if (failure.truth == Truth::no) {
                    more += e->use->sessions;
                    continue;
                }
                failure = evaluate(body, e, true);  // only the first failure is described
                more += e->use->sessions - 1;
            }
            if (failure.truth == Truth::no) {
                failure.what += and_more(more, Metric::load);  // counted in sessions, as every exercise metric
                failure.exercise = name;
                add(out, std::move(failure));
            }
            else if (unknown.truth == Truth::unknown) {
                unknown.exercise = name;
                add(out, std::move(unknown));
            }
        }
    }

    std::string athlete_name() const { return view_.athlete ? "'" + view_.athlete->name + "'" : "the athlete"; }

    Outcome health(const CompiledCondition& c) const
    {
        const bool has = view_.athlete && std::find(view_.athlete->conditions.begin(), view_.athlete->conditions.end(), c.name) !=
                                              view_.athlete->conditions.end();
        const bool wanted = c.op == Op::has;
        if (has == wanted) return {};
        return {Truth::no,
                "athlete " + athlete_name() + (has ? " has the condition " : " does not have the condition ") + c.name,
                view_.block.span, true};
    }

    bool holds(const CompiledCondition& c, const Sample& s, const MetricSpec& spec) const
    {
        if (spec.kind == Kind::name) return compare(s.name == c.name ? 0 : 1, c.comparator, 0);
        switch (c.op) {
        case Op::between: return compare(s.number, Comparator::ge, c.value) && compare(s.number, Comparator::le, c.high);
        case Op::outside: return compare(s.number, Comparator::lt, c.value) || compare(s.number, Comparator::gt, c.high);
        default: return compare(s.number, c.comparator, c.value);
        }
    }

    Outcome atom(const CompiledCondition& c, const ExerciseUse* exercise, bool text) const
    {
        const MetricSpec& spec = spec_of(c.metric);
        Outcome result;
        bool failed = false;
        long long more = 0;  // failing values after the first, in sessions, days, weeks or pairs
        // The values of an exercise are counted by each_exercise, in sessions.
        const bool count = text && !spec.per_exercise;
        for_each_sample(c.metric, exercise, [&](const Sample& s) {
            if (spec.kind == Kind::pressure && s.percent_aop != c.percent_aop) return true;  // another unit: not this rule's
            if (!s.unknown.empty()) {
                if (!failed && result.truth != Truth::unknown) result = {Truth::unknown, s.unknown, s.span};
                return true;
            }
            if (holds(c, s, spec)) return true;
            if (failed) {
                more += s.weight;
                return true;
            }
            result = {Truth::no, text ? describe(c.metric, s, exercise) : std::string(), s.span};
            failed = true;
            more += s.weight - 1;
            return count;
        });
        if (failed && count) result.what += and_more(more, c.metric);
        return result;
    }

    // Calls `f` with each value of the metric, in order of date, until it returns false.
    template <typename F>
    void for_each_sample(Metric metric, const ExerciseUse* exercise, F&& f) const
    {
        const auto& block = view_.block;
        const auto& sessions = view_.sessions;
        auto sessions_span = [&](const Session* s) {
            return or_else(view_.program.contents[s->content].sessions_span, block.span);
        };
        Sample s;
        switch (metric) {
        case Metric::method:
            s.name = view_.plan.method;
            s.span = or_else(block.content.method_span, block.span);
            f(s);
            return;
        case Metric::weeks:
            s.number = block.length_days / 7.0;
            s.span = block.span;
            f(s);
            return;
        case Metric::days:
        case Metric::sessions:
            s.number = metric == Metric::days ? block.length_days : static_cast<double>(sessions.size());
            s.span = block.span;
            f(s);
            return;
        case Metric::run_weeks:
        case Metric::run_sessions:
            if (!view_.run.starts) return;  // counted, and reported, at the run's first block
            s.number = metric == Metric::run_weeks ? view_.run.length_days / 7.0 : static_cast<double>(view_.run.sessions);
            s.span = block.span;
            f(s);
            return;
        case Metric::sessions_per_day:
            for (std::size_t i = 0; i < sessions.size();) {
                std::size_t j = i;
                while (j < sessions.size() && sessions[j]->date == sessions[i]->date) ++j;
                s.number = static_cast<double>(j - i);
                s.date = sessions[i]->date;
                s.span = sessions_span(sessions[i]);
                if (!f(s)) return;
                i = j;
            }
            return;
        case Metric::days_per_week: {
            const int whole = block.length_days / 7;
            std::vector<std::set<sys_days>> days_of_week(static_cast<std::size_t>(whole) + 1);
            for (const auto* session : sessions)
                if (session->week >= 1 && session->week <= whole) days_of_week[session->week].insert(session->date);
            for (int w = 1; w <= whole; ++w) {
                s.number = static_cast<double>(days_of_week[static_cast<std::size_t>(w)].size());
                s.week = w;
                s.date = view_.plan.planned_start + days{7 * (w - 1)};  // block week w as planned, before any pause moved its days
                s.span = or_else(block.content.days_span, block.span);
                if (!f(s)) return;
            }
            return;
        }
        case Metric::gap:
        case Metric::overlap:
            for (std::size_t i = 1; i < sessions.size(); ++i) {
                const Session* a = sessions[i - 1];
                const Session* b = sessions[i];
                const auto end_a = a->date + a->start + a->length;
                const auto start_b = b->date + b->start;
                const double gap = static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(start_b - end_a).count());
                s.number = metric == Metric::gap ? gap : std::max(0.0, -gap);
                s.first = a;
                s.second = b;
                s.date = b->date;
                s.span = sessions_span(b);
                if (!f(s)) return;
            }
            return;
        case Metric::session_length:
            for (const auto* session : sessions) {
                s.number = static_cast<double>(session->length.count()) * 60;
                s.first = session;
                s.date = session->date;
                s.span = sessions_span(session);
                if (!f(s)) return;
            }
            return;
        case Metric::consecutive_training_days: {
            sys_days previous{};
            bool any = false;
            for (const auto* session : sessions) {
                if (any && session->date == previous) continue;
                any = true;
                previous = session->date;
                s.number = view_.runs->ending_on(session->date);
                s.date = session->date;
                s.run_start = session->date - days{static_cast<int>(s.number) - 1};
                s.span = or_else(block.content.days_span, block.span);
                if (!f(s)) return;
            }
            return;
        }
        case Metric::exercises_per_session:
            // At the `days` that made the day a training day: what is missing is a split for it.
            for (const auto* session : sessions) {
                s.number = static_cast<double>(view_.program.contents[session->content].exercises.size());
                s.first = session;
                s.date = session->date;
                s.span = or_else(block.content.days_span, block.span);
                if (!f(s)) return;
            }
            return;
        case Metric::occlusion:
        case Metric::cuff_pressure:
        case Metric::cuff_width:
            for (const auto& use : view_.contents) {
                const auto& content = *use.content;
                s = Sample{};
                s.first = use.first;
                s.date = use.first->date;
                s.weight = use.sessions;
                if (metric == Metric::occlusion) {
                    s.name = occlusion_name(content.occlusion);
                    s.span = or_else(content.occlusion_span, block.span);
                }
                else if (metric == Metric::cuff_pressure) {
                    if (!content.cuff_pressure) continue;
                    s.number = content.cuff_pressure->value;
                    s.percent_aop = content.cuff_pressure->percent_aop;
                    s.span = or_else(content.cuff_span, block.span);
                }
                else {
                    if (!content.cuff_width_cm) continue;
                    s.number = *content.cuff_width_cm;
                    s.span = or_else(block.content.cuff_width_span, or_else(content.cuff_span, block.span));
                }
                if (!f(s)) return;
            }
            return;
        default: break;
        }
        // The metrics of one exercise.
        if (!exercise) return;
        const ExercisePlan& plan = *exercise->plan;
        s.first = exercise->use->first;
        s.date = s.first->date;
        s.span = or_else(plan.span, block.span);
        switch (metric) {
        case Metric::load:
            for (std::size_t i = 0; i < plan.sets.size(); ++i) {
                const SetPlan& set = plan.sets[i];
                s.set = static_cast<int>(i) + 1;
                s.unknown.clear();
                if (set.percent) s.number = *set.percent;
                else if (set.rpe) s.unknown = plan.name + " is loaded by RPE on " + format_weekday_date(s.date) + ", not in % of 1RM";
                else if (set.mass)
                    s.unknown = plan.name + " is loaded " + trim_number(*set.mass) + " " + unit_name(view_.program.unit) +
                                " on " + format_weekday_date(s.date) + ", and " + athlete_name() + " has no max for " + plan.name +
                                " to relate it to";
                else continue;  // no load written
                if (!f(s)) return;
            }
            return;
        case Metric::sets:
            s.number = static_cast<double>(plan.sets.size());
            f(s);
            return;
        case Metric::reps:
            for (std::size_t i = 0; i < plan.sets.size(); ++i) {
                s.number = plan.sets[i].reps;
                s.set = static_cast<int>(i) + 1;
                if (!f(s)) return;
            }
            return;
        case Metric::rest:
            if (!plan.rest_s) return;
            s.number = *plan.rest_s;
            f(s);
            return;
        case Metric::load_kind:
            s.name = load_kind(*exercise);
            f(s);
            return;
        case Metric::max_known:
            s.name = view_.athlete && view_.athlete->maxes.count(plan.name) ? "yes" : "no";
            f(s);
            return;
        default: return;
        }
    }

    static std::string load_kind(const ExerciseUse& e)
    {
        if (e.written) {
            switch (e.written->load.kind) {
            case ir::Load::Kind::percent: return "percent";
            case ir::Load::Kind::mass: return "mass";
            case ir::Load::Kind::rpe: return "rpe";
            case ir::Load::Kind::none: return "none";
            }
        }
        if (e.plan->percent_without_max) return "percent";
        for (const auto& set : e.plan->sets) {
            if (set.rpe) return "rpe";
            if (set.mass && !set.percent) return "mass";
            if (set.percent && !set.mass) return "percent";
        }
        return e.plan->sets.empty() || (!e.plan->sets.front().mass && !e.plan->sets.front().percent) ? "none" : "mass";
    }

    // The block, or the blocks of one method in a row that it starts.
    std::string run_text() const
    {
        if (view_.run.blocks == 1) return "the block";
        const std::string method = view_.plan.method.empty() ? "without a method" : "of method " + view_.plan.method;
        return "the " + std::to_string(view_.run.blocks) + " blocks " + method + " in a row (" + format_date(view_.run.first) + ".." +
               format_date(view_.run.last) + ")";
    }

    std::string session_times(const Session* s) const
    {
        return format_time_of_day(s->start) + "-" + format_time_of_day(s->start + s->length);
    }

    std::string describe(Metric metric, const Sample& s, const ExerciseUse* exercise) const
    {
        const std::string on = " on " + format_weekday_date(s.date);
        switch (metric) {
        case Metric::method:
            return s.name.empty() ? "the block has no method" : "the block's method is " + s.name;
        case Metric::weeks:
            return "the block is " + plural(view_.block.length_days, "day", "days") + " (" + weeks_text(s.number) + ") long";
        case Metric::run_weeks:
            return run_text() + (view_.run.blocks == 1 ? " is " : " are ") + plural(view_.run.length_days, "day", "days") + " (" +
                   weeks_text(s.number) + ") long";
        case Metric::run_sessions: return plural(static_cast<long long>(s.number), "session", "sessions") + " in " + run_text();
        case Metric::days: return "the block is " + plural(view_.block.length_days, "day", "days") + " long";
        case Metric::sessions: return plural(static_cast<long long>(s.number), "session", "sessions") + " in the block";
        case Metric::sessions_per_day: return plural(static_cast<long long>(s.number), "session", "sessions") + on;
        case Metric::days_per_week:
            return plural(static_cast<long long>(s.number), "training day", "training days") + " in block week " +
                   std::to_string(s.week) + " (" + format_date(s.date) + ".." + format_date(s.date + days{6}) + ")";
        case Metric::gap:
        case Metric::overlap: {
            const std::string amount = duration_text(s.number);
            if (s.first->date == s.second->date) {
                const std::string pair = " (" + session_times(s.first) + ", then " + format_time_of_day(s.second->start) + ")";
                if (metric == Metric::overlap) return "sessions overlap by " + amount + on + pair;
                return amount + " between sessions" + on + pair;
            }
            const std::string pair = " from " + format_weekday_date(s.first->date) + " " + session_times(s.first) + " to " +
                                     format_weekday_date(s.second->date) + " " + format_time_of_day(s.second->start);
            if (metric == Metric::overlap) return "sessions overlap by " + amount + pair;
            return amount + " between sessions" + pair;
        }
        case Metric::session_length:
            return "a session of " + duration_text(s.number) + on + " (" + session_times(s.first) + ")";
        case Metric::consecutive_training_days:
            return plural(static_cast<long long>(s.number), "training day", "training days") + " in a row, " +
                   format_date(s.run_start) + ".." + format_date(s.date);
        case Metric::exercises_per_session:
            return (s.number == 0 ? std::string("no exercise") : plural(static_cast<long long>(s.number), "exercise", "exercises")) +
                   " in the session" + on + " (" + session_times(s.first) + ")";
        case Metric::occlusion:
            if (s.name == "unspecified") return "no occlusion given" + on;
            return "occlusion " + s.name + on;
        case Metric::cuff_pressure: return "cuff " + trim_number(s.number) + (s.percent_aop ? "% AOP" : " mmHg") + on;
        case Metric::cuff_width: return "cuff width " + trim_number(s.number) + " cm" + on;
        default: break;
        }
        const ExercisePlan& plan = *exercise->plan;
        switch (metric) {
        case Metric::load: {
            const SetPlan& set = plan.sets[static_cast<std::size_t>(s.set - 1)];
            std::string text = plan.name + " at " + trim_number(s.number) + "% of 1RM";
            if (set.mass) text += " (" + trim_number(*set.mass) + " " + unit_name(view_.program.unit) + ")";
            if (plan.sets.size() > 1) text += " in set " + std::to_string(s.set);
            return text + on;
        }
        case Metric::sets: return plan.name + " has " + plural(static_cast<long long>(s.number), "set", "sets") + on;
        case Metric::reps:
            return plan.name + " set " + std::to_string(s.set) + " has " + plural(static_cast<long long>(s.number), "rep", "reps") + on;
        case Metric::rest: return plan.name + " rests " + duration_text(s.number) + " between sets" + on;
        case Metric::load_kind: {
            const char* how = s.name == "percent" ? "in % of 1RM" : s.name == "mass" ? "by mass" : s.name == "rpe" ? "by RPE" : "without a load";
            return plan.name + " is loaded " + how + on;
        }
        case Metric::max_known:
            return "athlete " + athlete_name() + (s.name == "yes" ? " has a max for " : " has no max for ") + plan.name;
        default: return "";
        }
    }
};

// Where a span lies: inside the template the block is made from, rather
// than in the program.
bool in_template(const Span& span, const ir::Block& block)
{
    if (block.template_name.empty() || !block.template_span.valid() || !span.valid()) return false;
    return span.source == block.template_span.source && span.begin >= block.template_span.begin &&
           span.begin < block.template_span.end;
}

// The first line of a span: a block or a template is pointed at by its head.
Span first_line(Span span)
{
    const auto text = span.text();
    if (const auto newline = text.find('\n'); newline != std::string_view::npos)
        span.end = span.begin + static_cast<std::uint32_t>(newline);
    return span;
}

// Where a finding points: at the line of the user's program that produced
// the value (the statement, or the block's line when the statement is the
// template's), with the template's line as a note when the block comes from
// a template (the statement's line in it, or else the template's head).
void locate(Diagnostic& d, const Span& produced, const ir::Block& block)
{
    d.span = or_else(produced, block.span);
    if (block.template_name.empty()) return;
    const std::string note = "the template '" + block.template_name + "' is defined here";
    if (in_template(d.span, block)) {
        d.notes.push_back({d.span, note});
        d.span = first_line(block.span);
    }
    else if (block.template_span.valid())
        d.notes.push_back({first_line(block.template_span), note});
}

void collect_written(const ir::Content& content, std::vector<const ir::Exercise*>& out)
{
    for (const auto& e : content.exercises) out.push_back(&e);
    for (const auto& split : content.splits)
        for (const auto& e : split.exercises) out.push_back(&e);
}

TrainingRuns consecutive_runs(const ProgramSchedule& program)
{
    TrainingRuns runs;
    if (program.sessions.empty()) return runs;
    sys_days last = program.sessions.front().date;
    runs.first = last;
    for (const auto& session : program.sessions) {
        runs.first = std::min(runs.first, session.date);
        last = std::max(last, session.date);
    }
    runs.by_day.assign(static_cast<std::size_t>((last - runs.first).count()) + 1, 0);
    for (const auto& session : program.sessions) runs.by_day[static_cast<std::size_t>((session.date - runs.first).count())] = 1;
    for (std::size_t i = 1; i < runs.by_day.size(); ++i)
        if (runs.by_day[i] != 0) runs.by_day[i] = runs.by_day[i - 1] + 1;
    return runs;
}

// For each block of the program: the run of consecutive blocks of its
// method that it starts, or that it continues (starts false).
std::vector<BlockRun> runs_of_blocks(const ProgramSchedule& program)
{
    const auto& blocks = program.blocks;
    std::vector<BlockRun> out(blocks.size());
    for (std::size_t i = 1; i < blocks.size(); ++i)
        out[i].starts = !(blocks[i].block && blocks[i - 1].block && blocks[i].method == blocks[i - 1].method);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (!out[i].starts) continue;
        BlockRun& run = out[i];
        run.blocks = 0;
        run.first = blocks[i].start;
        for (std::size_t j = i; j < blocks.size() && (j == i || !out[j].starts); ++j) {
            ++run.blocks;
            run.length_days += blocks[j].block ? blocks[j].block->length_days : 0;
            run.sessions += blocks[j].session_count;
            run.last = blocks[j].end;
        }
    }
    return out;
}

}  // namespace

void check_program_rules(const RuleBook& book, const ProgramSchedule& program, std::vector<Diagnostic>& findings)
{
    {
        const auto runs = consecutive_runs(program);
        const auto block_runs = runs_of_blocks(program);
        // For each session content: 1 + its place in view.contents, 0 when the block at hand has not used it yet.
        std::vector<std::size_t> content_slot(program.contents.size(), 0);
        const ir::Athlete* athlete = program.program ? program.program->athlete : nullptr;
        for (std::size_t b = 0; b < program.blocks.size(); ++b) {
            const BlockPlan& plan = program.blocks[b];
            if (!plan.block) continue;
            const ir::Block& block = *plan.block;
            BlockView view{program, plan, block, athlete, {}, {}, {}, &runs, block_runs[b]};
            const std::size_t first = plan.first_session;
            const std::size_t last = std::min<std::size_t>(program.sessions.size(), first + plan.session_count);
            view.sessions.reserve(last - first);
            for (std::size_t i = first; i < last; ++i) {
                const Session& session = program.sessions[i];
                view.sessions.push_back(&session);
                if (session.content >= program.contents.size()) continue;
                std::size_t& slot = content_slot[session.content];
                if (slot == 0) {
                    view.contents.push_back({&program.contents[session.content], &session, 0});
                    slot = view.contents.size();
                }
                ++view.contents[slot - 1].sessions;
            }
            for (const auto& use : view.contents) content_slot[static_cast<std::size_t>(use.content - program.contents.data())] = 0;
            std::vector<const ir::Exercise*> written;
            collect_written(block.content, written);
            for (const auto& week : block.weeks) collect_written(week.content, written);
            for (const auto& use : view.contents) {
                for (const auto& exercise : use.content->exercises) {
                    const ir::Exercise* match = nullptr;
                    for (const auto* w : written)
                        if (w->span.source == exercise.span.source && w->span.begin == exercise.span.begin) match = w;
                    view.exercises.push_back({&exercise, &use, match});
                }
            }
            const Evaluator evaluator(view);
            const std::size_t block_first_finding = findings.size();
            for (const auto& set : book.sets) {
                if (set.applies && evaluator.evaluate(*set.applies, nullptr, false).truth != Truth::yes) continue;
                for (const auto& rule : set.rules) {
                    for (const Outcome& outcome : evaluator.findings(*rule.requirement)) {
                        Diagnostic d;
                        d.rule = rule.id;
                        if (outcome.truth == Truth::no) {
                            d.severity = rule.severity;
                            d.message = outcome.what + "; " + rule.message;
                        }
                        else {
                            d.severity = Severity::info;
                            d.message = "cannot check '" + rule.message + "': " + outcome.what;
                        }
                        locate(d, outcome.span, block);
                        if (outcome.about_athlete && athlete && athlete->span.valid())
                            d.notes.push_back({athlete->span, "athlete '" + athlete->name + "' is defined here"});
                        findings.push_back(std::move(d));
                    }
                }
            }
            // The rules' findings of this block, one a rule and exercise: an allow
            // looks only at them, not at the warnings about allows before it.
            const std::size_t block_rule_findings_end = findings.size();
            for (const auto& allow : block.allows) {
                if (!book.find(allow.rule)) {
                    findings.push_back({Severity::error, allow.span,
                                        "no rule '" + allow.rule + "' is in force" + did_you_mean(allow.rule, book.ids()),
                                        std::nullopt, {}, std::nullopt});
                    continue;
                }
                bool used = false;
                for (std::size_t i = block_first_finding; i < block_rule_findings_end; ++i) {
                    auto& f = findings[i];
                    if (f.rule && *f.rule == allow.rule && !f.suppressed_by) {
                        f.suppressed_by = allow.reason;
                        used = true;
                    }
                }
                if (!used)
                    findings.push_back({Severity::warning, allow.span,
                                        "'allow " + allow.rule + "' accepts nothing: the rule finds no problem in block '" +
                                            block.name + "'; remove the allow",
                                        std::nullopt, {}, std::nullopt});
            }
        }
    }
}

std::vector<Diagnostic> check_rules(const RuleBook& book, const ir::Module& module, const ScheduleResult& schedule)
{
    (void)module;
    std::vector<Diagnostic> findings;
    for (const auto& program : schedule.programs) check_program_rules(book, program, findings);
    return findings;
}

std::vector<Diagnostic> check_rules(const ir::Module& module, const ScheduleResult& schedule)
{
    RuleBook book = load_rules(module.rulesets);
    std::vector<Diagnostic> out = std::move(book.diagnostics);
    book.diagnostics.clear();
    auto findings = check_rules(book, module, schedule);
    out.insert(out.end(), std::make_move_iterator(findings.begin()), std::make_move_iterator(findings.end()));
    return out;
}

}  // namespace meso
