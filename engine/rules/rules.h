// The rules engine: rule sets (written in the language, see language.md §5
// and docs/rules.md) checked against dated sessions. Nothing about a
// particular guideline is written in C++: the engine knows metrics (gap,
// load, sessions-per-day, ...), the rule files say what is required of them.
//
//   RuleBook book = load_rules(module.rulesets);      // type-checked once
//   std::vector<Diagnostic> findings = check_rules(book, module, schedule);
//
// or, in one step, check_rules(module, schedule), which also returns the
// rule files' own errors.
//
// Loading (type checking). Each syntax::Ruleset becomes a RuleSet; what can
// go wrong is a located error in the rule file, and the rule (or the
// `applies` of its set) is left out: an unknown metric or severity (with
// did-you-mean), a value of the wrong kind (`gap >= 20%`, `sessions >= 4 h`,
// `cuff-pressure <= 5 cm`), an ordering comparison of a named value
// (`method < bfr`), an unknown value of a closed set (`occlusion = contiuous`),
// an exercise metric outside `every exercise`/`any exercise` or a block
// metric inside one, a rule without require/forbid, a rule or rule set
// defined twice.
//
// Checking. For each block of each program, every rule set whose
// `applies to blocks where C` holds is checked: `require C` finds a problem
// where C is false, `forbid C` where C is true. A metric with a value per
// day, week, session, pair of sessions, exercise or set holds only if every
// value holds (`forbid gap < 4 h` means `require gap >= 4 h`). A rule gives
// one finding per block, and one per exercise that an `every exercise` of
// it fails for (an exercise: its prescriptions of one name in the block),
// naming the first value that fails with its date and how many fail after
// it (", and in 35 more sessions"). A finding points at the line of the
// user's program that produced the value: the statement, or the block's
// line when the statement is in the template the block is made from; the
// template's line is then a note (its head when the statement is the
// program's). A rule that cannot be evaluated (a load in kg with no max, a
// load by RPE) says so at `info`: "cannot check 'MESSAGE': why".
//
// run-weeks and run-sessions measure the run of consecutive blocks of one
// method that a block starts, and have no value on the blocks that
// continue it: a minimum duration is counted over the run and reported
// once, at its first block.
//
// Inside engine/rules (private headers): condition.h is the typed IR that
// loading makes (load.cpp) and checking reads (check.cpp, over the view of
// a block of block_view.h); metrics.h is the metric table, one row per
// metric with its kind, scope, description, sampler and describer
// (metrics_block.cpp, metrics_exercise.cpp); units.h converts values;
// acceptance.h applies the allows and clearances (acceptance.cpp).
//
// `allow RULE-ID "reason"` in a block marks that rule's finding in that
// block as suppressed (Diagnostic::suppressed_by holds the reason); an
// allow that suppresses nothing (in any cycle of a repeat) is a warning, an allow of a rule not in
// force an error with did-you-mean, of a rule that says `allow never` an
// error, of an id a rule `replaces` an error naming the rule that replaced
// it. An athlete's `cleared RULE-ID "who, when"` does the same for that
// athlete's findings in every block of every program (suppressed_by holds
// the text); its errors are those of allow, and one that clears nothing
// anywhere is a warning.
//
// Health conditions: `athlete has condition X` names a condition of the
// vocabulary (ir::Module::health_conditions) or an alias of one, and is
// loaded as the condition's name; `athlete has condition of class C` as
// every condition of class C. With a vocabulary, an unknown name is a
// warning with did-you-mean and an unknown class an error; without one
// (load_rules without it), names are taken as written.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/ir/ir.h"
#include "engine/schedule/schedule.h"
#include "grammar/syntax.h"

namespace meso::rules {

struct Condition;  // the typed condition tree, private to engine/rules (condition.h)

// `source trial "Abe T, ..."`: a citation and how firm it is.
struct Citation {
    std::string text;
    std::string firmness;  // "trial", "position-stand", ...; "" when the rule file does not say
};

// The firmness words a `source` may give, in order from the firmest, and
// how they are printed ("position-stand" as "position stand").
const std::vector<std::string>& firmness_words();
std::string firmness_text(const std::string& firmness);
// "Abe T, ... (trial)", or the text alone without a firmness.
std::string citation_text(const Citation& citation);

struct Rule {
    std::string id;    // "bfr.min-gap"
    std::string name;  // "min-gap"
    Severity severity = Severity::warning;
    std::string message;                // "at least 4 hours between BFR sessions"
    std::vector<Citation> sources;      // the rule's own `source` lines
    bool allow_never = false;           // `allow never`: no allow or clearance accepts its findings
    std::vector<std::string> replaces;  // `replaces bfr.min-gap`: old ids this rule took over
    std::vector<std::string> notes;     // the rule's `note` lines: why it exists
    std::string condition_text;         // "require gap >= 4 h", as written
    Span span;
    std::shared_ptr<const rules::Condition> requirement;  // holds where the block is fine
};

struct RuleSet {
    std::string name;               // "bfr"
    std::string title;              // "Blood-flow-restriction guidelines"
    std::vector<Citation> sources;  // the set's `source` lines
    std::vector<std::string> notes;
    std::string applies_text;  // "method = bfr", "bfr-block = yes" (`applies to bfr blocks`), or "" for every block
    bool bfr_blocks = false;   // `applies to bfr blocks`
    Span span;
    std::shared_ptr<const rules::Condition> applies;  // null: every block
    std::vector<Rule> rules;
};

struct RuleBook {
    std::vector<RuleSet> sets;
    std::vector<Diagnostic> diagnostics;  // errors in the rule files

    const Rule* find(const std::string& id) const;
    const RuleSet* set_of(const std::string& id) const;
    std::vector<std::string> ids() const;
    // The rules that replaced an id no rule has any more: "bfr.min-gap" → {"kaatsu.min-gap"}; empty when none did.
    std::vector<std::string> replacements_of(const std::string& old_id) const;
};

// Type-checks the rule sets. The same syntax::Ruleset given twice is loaded
// once; two different rule sets of one name are an error. `vocabulary` is
// the health conditions `athlete has condition` may name.
RuleBook load_rules(const std::vector<const syntax::Ruleset*>& rulesets, const std::vector<ir::HealthCondition>& vocabulary = {});

// The rule sets of a module, with its vocabulary. A rule set the program
// file replaced (ir::Module::replaced_rulesets: a clinic's own `ruleset
// bfr`) keeps its `allow never` rules in force, as a set of their own with
// the replaced set's `applies`, so that no file can switch a safety rule
// off by writing a rule set of the same name; a note at the replacing set
// says which stay. A rule of the replacing set with the id of one of them
// is an error (it is left out: the replaced rule stands).
RuleBook load_rules(const ir::Module& module);

// Why an `allow` or `cleared` of `id` accepts nothing, as an error message
// ("'bfr.min-gap' is now 'kaatsu.min-gap'; ...", "no rule 'x' is in
// force; did you mean ...", "'bfr.contraindication' cannot be allowed: ..."),
// or nothing when it names a rule that can be allowed. `what` is "allow" or "cleared".
std::optional<std::string> acceptance_error(const RuleBook& book, const std::string& id, const std::string& what);

// The errors of the athletes' `cleared` statements (acceptance_error): once
// per file, not per program.
std::vector<Diagnostic> check_clearances(const RuleBook& book, const ir::Module& module);

// Which clearances accepted a finding, over the programs checked so far.
struct ClearanceUses {
    std::vector<const ir::Clearance*> used;
};

// A warning for each clearance of the module's athletes that no finding needed.
std::vector<Diagnostic> unused_clearances(const RuleBook& book, const ir::Module& module, const ClearanceUses& uses);

// The findings of every rule in force on every block, and the findings
// about `allow` statements.
std::vector<Diagnostic> check_rules(const RuleBook& book, const ir::Module& module, const scheduling::ScheduleResult& schedule);

// The same for one program, appended to `findings`: check_rules is this for
// each program in turn, with the same athlete's programs before it as
// `earlier_programs` (checks across one athlete's programs: the metrics of
// pairs of sessions, gap and overlap, also pair each session of a block
// with the session of an earlier program of the same zone right before or
// after it, where the rule set applies to that program's block too; the
// finding is at this program, with a note at the other's sessions line).
// The athlete's clearances are applied too, and those used added to `uses` when given.
// The findings of a block inside a `repeat` name its cycle, and those alike
// in several cycles but for their dates are one naming them all
// (merge_cycle_findings); an `allow` of such a block is judged over every
// cycle, and reported once. A program expanded from a group
// (ir::Program::one_of_several) names its athlete in each finding;
// check_rules then merges those alike (merge_shared_findings), and a
// caller of this one does so itself.
void check_program_rules(const RuleBook& book, const scheduling::ProgramSchedule& program, std::vector<Diagnostic>& findings,
                         ClearanceUses* uses = nullptr, const std::vector<const scheduling::ProgramSchedule*>& earlier_programs = {});

// load_rules(module.rulesets), then check_rules: the rule files' errors first.
std::vector<Diagnostic> check_rules(const ir::Module& module, const scheduling::ScheduleResult& schedule);

// The metrics a rule can use, for documentation and did-you-mean.
struct MetricInfo {
    std::string name;           // "gap"
    std::string kind;           // "time", "count", "% of 1RM", "pressure", "length", "name"
    bool per_exercise = false;  // used inside `every exercise` / `any exercise`
    std::string value;          // what it measures, one line
};
const std::vector<MetricInfo>& metrics();

}  // namespace meso::rules
