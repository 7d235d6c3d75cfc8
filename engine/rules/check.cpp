// Checking: the typed rule sets (condition.h) evaluated on the view of
// each block (block_view.h), with the values the metric table samples
// (metrics.h); then the block's `allow`s and the athlete's clearances
// applied to what the rules found (acceptance.h).
#include <algorithm>
#include <cmath>
#include <map>

#include "engine/base/overloaded.h"
#include "engine/rules/acceptance.h"
#include "engine/rules/block_view.h"
#include "engine/rules/condition.h"
#include "engine/rules/metrics.h"
#include "engine/rules/rules.h"
#include "engine/rules/units.h"

namespace meso::rules {

namespace {

enum class Truth { yes, no, unknown };

struct Outcome {
    Truth truth = Truth::yes;
    std::string what;             // the value that failed, or why it cannot be evaluated
    Span span;                    // the statement that produced it
    bool about_athlete = false;   // the athlete's health conditions made it
    std::string_view exercise{};  // the exercise a finding is about (a name of the view's groups), "" for the block: one finding for each
    // A pair of sessions across an athlete's programs: the other program and
    // where its session comes from, a note of the finding.
    const scheduling::ProgramSchedule* other_program = nullptr;
    Span other_span{};
};

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

// A comparison of one metric's values: it holds when every value holds
// (`holds`). A pressure is compared in the unit of the rule's value
// (`percent_aop`), converted with the athlete's AOP for the cuffed limb: an
// mmHg without one cannot be known against a % AOP, and a % AOP without one
// is not compared with mmHg. A value that cannot be known makes it unknown
// unless one fails. `text` false: the caller only wants the truth, and a failing value
// is not described (most are thrown away: describing them was a third of
// the rules' time, see docs/performance.md).
template <typename Holds>
Outcome atom(const BlockView& view, const MetricRow& row, bool percent_aop, const ExerciseUse* exercise, bool text, Holds holds)
{
    Outcome result;
    bool failed = false;
    long long more = 0;  // failing values after the first, in sessions, days, weeks or pairs
    // The values of an exercise are counted by each_exercise, in sessions.
    const bool count = text && !per_exercise(row.scope);
    Sample converted;
    auto take = [&](const Sample& written) {
        const Sample* value = &written;
        if (row.kind == Kind::pressure && written.percent_aop != percent_aop) {
            const auto other = ir::convert_pressure(written.number, written.percent_aop, written.aop_mmhg);
            // A % AOP without the athlete's AOP has no mmHg: it is checked
            // against the AOP, never against a limit in mmHg.
            if (!other && written.percent_aop) return true;
            converted = written;
            if (other) converted.number = *other, converted.percent_aop = percent_aop;
            else converted.unknown = written.no_aop;
            value = &converted;
        }
        const Sample& s = *value;
        if (!s.unknown.empty()) {
            if (!failed && result.truth != Truth::unknown) result = {Truth::unknown, s.unknown, s.span};
            return true;
        }
        if (holds(s)) return true;
        if (failed) {
            more += s.weight;
            return true;
        }
        result = {Truth::no, text ? row.describe(view, s, exercise) : std::string(), s.span};
        result.other_program = s.other_program;
        result.other_span = s.other_span;
        failed = true;
        more += s.weight - 1;
        return count;
    };
    if (!per_exercise(row.scope) || exercise) row.sample(view, exercise, SampleSink(take));
    if (failed && count) result.what += and_more(more, row.scope);
    return result;
}

// The finding names the conditions the athlete has (of the class, when
// the rule names a class).
Outcome health(const BlockView& view, const AthleteCondition& c)
{
    std::string found;
    if (view.athlete)
        for (const auto& name : view.athlete->conditions)
            if (std::find(c.conditions.begin(), c.conditions.end(), name) != c.conditions.end())
                found += (found.empty() ? "" : ", ") + name;
    const bool has = !found.empty();
    if (has == c.has) return {};
    const std::string of_class = c.condition_class.empty() ? "" : " (class " + c.condition_class + ")";
    std::string what = "athlete " + athlete_name(view);
    if (has) what += (found.find(", ") == std::string::npos ? " has the condition " : " has the conditions ") + found + of_class;
    else if (c.condition_class.empty()) what += " does not have the condition " + (c.conditions.empty() ? "" : c.conditions.front());
    else what += " has no condition of class " + c.condition_class;
    return {Truth::no, what, view.block.span, true};
}

Outcome evaluate(const BlockView& view, const Condition& c, const ExerciseUse* exercise, bool text);

Outcome all_of(const BlockView& view, const AllOf& c, const ExerciseUse* exercise, bool text)
{
    Outcome unknown;
    for (const auto& operand : c.operands) {
        Outcome o = evaluate(view, operand, exercise, text);
        if (o.truth == Truth::no) return o;
        if (o.truth == Truth::unknown && unknown.truth != Truth::unknown) unknown = o;
    }
    return unknown;
}

Outcome any_of(const BlockView& view, const AnyOf& c, const ExerciseUse* exercise, bool text)
{
    // Most `any of` hold through one operand after others failed
    // (`(load-kind = mass and max-known = no) or load <= 110%` for every
    // exercise loaded in percent): the failures are described only when
    // none holds, by evaluating them again. A value that cannot be known is
    // told the same either way.
    if (text) {
        Outcome quiet = any_of(view, c, exercise, false);
        if (quiet.truth != Truth::no) return quiet;
    }
    Outcome failure;  // the first failure, with the others' texts joined to it, each once
    std::vector<std::string> told;
    Outcome unknown;
    for (const auto& operand : c.operands) {
        Outcome o = evaluate(view, operand, exercise, text);
        if (o.truth == Truth::yes) return o;
        if (o.truth == Truth::unknown && unknown.truth != Truth::unknown) unknown = o;
        if (o.truth != Truth::no) continue;
        if (!text) {  // only the truth is wanted: no texts to join, no list of them to allocate
            if (failure.truth != Truth::no) failure = std::move(o);
            continue;
        }
        if (std::find(told.begin(), told.end(), o.what) != told.end()) continue;
        told.push_back(o.what);
        if (told.size() == 1) failure = std::move(o);
        else failure.what += ", and " + told.back();
    }
    if (unknown.truth == Truth::unknown) return unknown;
    return failure;
}

Outcome every_exercise(const BlockView& view, const EveryExercise& c, bool text)
{
    Outcome unknown;
    for (const auto& e : view.exercises) {
        Outcome o = evaluate(view, *c.body, &e, text);
        if (o.truth == Truth::no) return o;
        if (o.truth == Truth::unknown && unknown.truth != Truth::unknown) unknown = o;
    }
    return unknown;
}

Outcome any_exercise(const BlockView& view, const AnyExercise& c, bool text)
{
    Outcome first_failure{Truth::no, "the block has no exercise", view.block.span};
    Outcome unknown;
    bool failed = false;
    for (const auto& e : view.exercises) {
        Outcome o = evaluate(view, *c.body, &e, text && !failed);  // only the first failure is told
        if (o.truth == Truth::yes) return o;
        if (o.truth == Truth::unknown && unknown.truth != Truth::unknown) unknown = o;
        if (o.truth == Truth::no && !failed) first_failure = o, failed = true;
    }
    if (unknown.truth == Truth::unknown) return unknown;
    if (failed) first_failure.what = "no exercise qualifies: " + first_failure.what;
    return first_failure;
}

// `every week C`, `any week C`: C for each whole block week in turn (the
// view's focus_week, which the week metrics read).
Outcome each_week(const BlockView& view, const Condition& body, bool every, bool text)
{
    const int whole = view.block.length_days / 7;
    Outcome unknown;
    Outcome first_failure{Truth::no, "the block has no whole week", view.block.span};
    bool failed = false;
    const int before = view.focus_week;
    for (int w = 1; w <= whole; ++w) {
        view.focus_week = w;
        Outcome o = evaluate(view, body, nullptr, text && !failed);
        if (o.truth == Truth::unknown && unknown.truth != Truth::unknown) unknown = o;
        if (every && o.truth == Truth::no) {
            view.focus_week = before;
            return o;
        }
        if (!every && o.truth == Truth::yes) {
            view.focus_week = before;
            return o;
        }
        if (o.truth == Truth::no && !failed) first_failure = o, failed = true;
    }
    view.focus_week = before;
    if (every || unknown.truth == Truth::unknown) return unknown;
    if (failed) first_failure.what = "no week qualifies: " + first_failure.what;
    return first_failure;
}

// Whether the condition holds on the block (for the exercise at hand inside
// `every exercise`/`any exercise`), and if not, the first value that fails.
Outcome evaluate(const BlockView& view, const Condition& c, const ExerciseUse* exercise, bool text)
{
    return std::visit(
        overloaded{
            [&](const NameIs& n) {
                return atom(view, *n.metric, false, exercise, text, [&](const Sample& s) { return (s.name == n.name) == n.equal; });
            },
            [&](const CompareAmount& n) {
                return atom(view, *n.metric, n.amount.percent_aop, exercise, text,
                            [&](const Sample& s) { return compare(s.number, n.comparator, n.amount.value); });
            },
            [&](const InRange& n) {
                return atom(view, *n.metric, n.low.percent_aop, exercise, text, [&](const Sample& s) {
                    if (n.inside) return compare(s.number, Comparator::ge, n.low.value) && compare(s.number, Comparator::le, n.high.value);
                    return compare(s.number, Comparator::lt, n.low.value) || compare(s.number, Comparator::gt, n.high.value);
                });
            },
            [&](const AthleteCondition& n) { return health(view, n); },
            [&](const AllOf& n) { return all_of(view, n, exercise, text); },
            [&](const AnyOf& n) { return any_of(view, n, exercise, text); },
            [&](const EveryExercise& n) { return every_exercise(view, n, text); },
            [&](const AnyExercise& n) { return any_exercise(view, n, text); },
            [&](const EveryWeek& n) { return each_week(view, *n.body, true, text); },
            [&](const AnyWeek& n) { return each_week(view, *n.body, false, text); },
        },
        c.node);
}

// One outcome a subject (an exercise, or "" for the block): what fails is
// told before what cannot be known, and two failures together.
void add(std::vector<Outcome>& out, Outcome o)
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

// The first failure of an exercise's prescriptions (in order of date), with
// how many sessions fail after it; or else the first unknown.
Outcome exercise_outcome(const BlockView& view, const Condition& body, const std::vector<const ExerciseUse*>& uses)
{
    Outcome failure;
    Outcome unknown;
    long long more = 0;
    // The content whose sessions are counted: an exercise prescribed twice
    // in a session fails in that session once (a content's uses come together).
    const ContentUse* counted = nullptr;
    for (const auto* e : uses) {
        Outcome o = evaluate(view, body, e, false);
        if (o.truth == Truth::unknown && unknown.truth != Truth::unknown) unknown = o;
        if (o.truth != Truth::no) continue;
        if (failure.truth == Truth::no) {
            if (e->use != counted) more += e->use->sessions;
            counted = e->use;
            continue;
        }
        failure = evaluate(view, body, e, true);  // only the first failure is described
        more += e->use->sessions - 1;
        counted = e->use;
    }
    if (failure.truth != Truth::no) return unknown;
    failure.what += and_more(more, Scope::exercise);
    return failure;
}

// `every exercise C` exercise by exercise: an exercise is its prescriptions
// of one name in every session content of the block (the weeks of a
// progression, the splits), in order of date.
void each_exercise(const BlockView& view, const EveryExercise& c, std::vector<Outcome>& out)
{
    for (const auto& group : view.exercise_groups) {
        Outcome o = exercise_outcome(view, *c.body, group.uses);
        if (o.truth == Truth::yes) continue;
        o.exercise = group.name;
        add(out, std::move(o));
    }
}

// What a requirement finds wrong in the block: one outcome (not yes) for
// each exercise that an `every exercise` of it, or of one of its `and`s,
// fails for, named by its first failing value and date with the count of
// the sessions that fail after it; and one for the rest of the block,
// naming the first failing value of each metric.
void collect(const BlockView& view, const Condition& c, std::vector<Outcome>& out)
{
    auto whole = [&] {
        Outcome o = evaluate(view, c, nullptr, true);
        if (o.truth != Truth::yes) add(out, std::move(o));
    };
    std::visit(overloaded{
                   [&](const AllOf& n) {
                       for (const auto& operand : n.operands) collect(view, operand, out);
                   },
                   [&](const EveryExercise& n) { each_exercise(view, n, out); },
                   [&](const NameIs&) { whole(); },
                   [&](const CompareAmount&) { whole(); },
                   [&](const InRange&) { whole(); },
                   [&](const AthleteCondition&) { whole(); },
                   [&](const AnyOf&) { whole(); },
                   [&](const AnyExercise&) { whole(); },
                   [&](const EveryWeek&) { whole(); },
                   [&](const AnyWeek&) { whole(); },
               },
               c.node);
}

// Where a span lies: inside the template the block is made from, rather
// than in the program.
bool in_template(const Span& span, const ir::Block& block)
{
    if (block.template_name.empty() || !block.template_span.valid() || !span.valid()) return false;
    return span.source == block.template_span.source && span.begin >= block.template_span.begin && span.begin < block.template_span.end;
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
    else if (block.template_span.valid()) d.notes.push_back({first_line(block.template_span), note});
}

Diagnostic finding(const Rule& rule, const Outcome& outcome, const BlockView& view)
{
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
    locate(d, outcome.span, view.block);
    if (outcome.about_athlete && view.athlete && view.athlete->span.valid())
        d.notes.push_back({view.athlete->span, "athlete '" + view.athlete->name + "' is defined here"});
    if (outcome.other_program && outcome.other_span.valid())
        d.notes.push_back({first_line(outcome.other_span), "the other session is of program '" + outcome.other_program->name + "', here"});
    return d;
}

// The findings of every rule of every set that applies to the block;
// `athlete_views`, by set, the athlete's earlier programs (or null).
void check_block(const RuleBook& book, const BlockView& view, std::vector<Diagnostic>& findings,
                 const std::vector<AthleteView>* athlete_views)
{
    for (std::size_t k = 0; k < book.sets.size(); ++k) {
        const auto& set = book.sets[k];
        if (set.applies && evaluate(view, *set.applies, nullptr, false).truth != Truth::yes) continue;
        const bool across = athlete_views != nullptr && !(*athlete_views)[k].sessions.empty();
        view.athlete_programs = across ? &(*athlete_views)[k] : nullptr;
        for (const auto& rule : set.rules) {
            std::vector<Outcome> outcomes;
            collect(view, *rule.requirement, outcomes);
            for (const Outcome& outcome : outcomes) findings.push_back(finding(rule, outcome, view));
        }
    }
    view.athlete_programs = nullptr;
}

// For each rule set, the sessions of the blocks of the athlete's earlier
// programs that it applies to, in order of start: only programs in the
// same zone as `program` (local times of two zones do not compare).
std::vector<AthleteView> athlete_views(const RuleBook& book, const scheduling::ProgramSchedule& program,
                                       const std::vector<const scheduling::ProgramSchedule*>& earlier)
{
    std::vector<AthleteView> views(book.sets.size());
    const auto zone = [](const scheduling::ProgramSchedule& p) { return p.program ? p.program->timezone : std::string(); };
    for (const scheduling::ProgramSchedule* other : earlier) {
        if (zone(*other) != zone(program)) continue;
        ProgramViews other_views = program_views(*other);
        for (std::size_t b = 0; b < other->blocks.size(); ++b) {
            if (!other->blocks[b].block) continue;
            const BlockView view = block_view(other_views, b);
            for (std::size_t k = 0; k < book.sets.size(); ++k) {
                const auto& set = book.sets[k];
                if (set.applies && evaluate(view, *set.applies, nullptr, false).truth != Truth::yes) continue;
                for (const scheduling::Session* session : view.sessions)
                    views[k].sessions.push_back(
                        {session, other, or_else(other->contents[session->content].sessions_span, view.block.span)});
            }
        }
    }
    for (auto& view : views)
        std::stable_sort(view.sessions.begin(), view.sessions.end(), [](const OtherSession& a, const OtherSession& b) {
            return a.session->date + a.session->start < b.session->date + b.session->start;
        });
    return views;
}

}  // namespace

}  // namespace meso::rules

namespace meso::rules {

void check_program_rules(const RuleBook& book, const scheduling::ProgramSchedule& program, std::vector<Diagnostic>& findings,
                         ClearanceUses* uses, const std::vector<const scheduling::ProgramSchedule*>& earlier_programs)
{
    const std::size_t first_finding = findings.size();
    const auto athlete_views =
        earlier_programs.empty() ? std::vector<rules::AthleteView>() : rules::athlete_views(book, program, earlier_programs);
    rules::ProgramViews views = rules::program_views(program);
    std::vector<rules::AllowUse> allows;
    for (std::size_t b = 0; b < program.blocks.size(); ++b) {
        if (!program.blocks[b].block) continue;
        const rules::BlockView view = rules::block_view(views, b);
        const std::size_t block_first_finding = findings.size();
        rules::check_block(book, view, findings, athlete_views.empty() ? nullptr : &athlete_views);
        rules::apply_allows(book, view.block, block_first_finding, findings, allows);
        rules::apply_clearances(book, view.athlete, block_first_finding, findings, uses);
        if (!view.block.cycles.empty()) {
            const std::string cycle = ir::cycle_label(view.block);
            for (std::size_t i = block_first_finding; i < findings.size(); ++i) findings[i].cycles = {cycle};
        }
    }
    merge_cycle_findings(findings, first_finding);  // a finding alike in several cycles of a repeat, once
    rules::report_allows(book, allows, findings);
    if (program.program && program.program->one_of_several) name_athlete(findings, first_finding, program.athlete);
}

std::vector<Diagnostic> check_rules(const RuleBook& book, const ir::Module& module, const scheduling::ScheduleResult& schedule)
{
    std::vector<Diagnostic> findings = check_clearances(book, module);
    ClearanceUses uses;
    // Each athlete's programs so far: checks across one athlete's programs.
    std::map<const ir::Athlete*, std::vector<const scheduling::ProgramSchedule*>> by_athlete;
    const std::vector<const scheduling::ProgramSchedule*> none;
    for (const auto& program : schedule.programs) {
        const ir::Athlete* athlete = program.program ? program.program->athlete : nullptr;
        check_program_rules(book, program, findings, &uses, athlete ? by_athlete[athlete] : none);
        if (athlete) by_athlete[athlete].push_back(&program);
    }
    merge_shared_findings(findings);
    auto unused = unused_clearances(book, module, uses);
    findings.insert(findings.end(), unused.begin(), unused.end());
    return findings;
}

std::vector<Diagnostic> check_rules(const ir::Module& module, const scheduling::ScheduleResult& schedule)
{
    RuleBook book = load_rules(module);
    std::vector<Diagnostic> out = std::move(book.diagnostics);
    book.diagnostics.clear();
    auto findings = check_rules(book, module, schedule);
    out.insert(out.end(), std::make_move_iterator(findings.begin()), std::make_move_iterator(findings.end()));
    return out;
}

}  // namespace meso::rules
