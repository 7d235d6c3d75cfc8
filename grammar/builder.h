// The builder: the flat parse tree (tree.h) of one top-level statement in,
// its syntax tree (syntax.h) out, with the errors the grammar cannot see (a
// date that does not exist, a number too long, a unit of the wrong
// dimension) reported as located diagnostics. Internal to grammar/.
//
// One method per construct, grouped as the grammar is:
//   build_values.cpp     names, texts, numbers, quantities, dates, times, weekdays
//   build_prescription.cpp  prescriptions: schemes, reps, loads, effort, set groups, modifiers
//   build_block.cpp      bodies and block statements
//   build_program.cpp    top-level statements, athletes, groups, health conditions, templates, programs
//   build_ruleset.cpp    rule sets, rules and conditions
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/base/source.h"
#include "engine/base/units.h"
#include "grammar/syntax.h"
#include "grammar/tree.h"

namespace meso::grammar {

class Builder {
public:
    Builder(const Source& source, std::vector<Diagnostic>& diagnostics) : source_(source), diagnostics_(diagnostics) {}

    // Adds the top-level statement `n` to `file`.
    void top_level_statement(const node& n, syntax::File& file);

private:
    const Source& source_;
    std::vector<Diagnostic>& diagnostics_;

    // Every name and text goes into each session's description, row and
    // event: bounding their length bounds what one session can write.
    static constexpr std::size_t max_name_bytes = 200;
    static constexpr std::size_t max_text_bytes = 4000;

    // A chain `a and b and c` becomes a tree one level deeper per part, and
    // every later stage walks condition trees recursively: the depth of the
    // whole tree is bounded here (the grammar bounds parentheses and `not`).
    static constexpr int max_condition_depth = 256;
    static constexpr int max_repeat_count = 100;  // cycles of one repeat (docs/language.md)
    bool condition_too_deep_ = false;             // reported once per condition

    void error(const Span& span, std::string message);
    Span span(const node& n) const;
    static bool too_long(const std::string& number_text);  // more than 15 digits
    static const char* dimension_name(Dimension d);        // "a mass", "a duration", ...

    // The first child of n made by Rule, or null; all of them.
    template <typename Rule> static const node* child(const node& n)
    {
        for (const node* c : n.children())
            if (c->is_type<Rule>()) return c;
        return nullptr;
    }
    template <typename Rule> static std::vector<const node*> children(const node& n)
    {
        std::vector<const node*> out;
        for (const node* c : n.children())
            if (c->is_type<Rule>()) out.push_back(c);
        return out;
    }

    // The statements of a body, each made by `make` from its node (nothing
    // for a node that is not one). Statements are large (a variant of the
    // largest); reserving the exact room spares the copy that growing
    // would make of them all.
    template <typename Statement, typename Make> static std::vector<Statement> statements_of(const node& body, Make make)
    {
        std::vector<Statement> out;
        out.reserve(body.children().size());
        for (const node* c : body.children()) {
            if (auto s = make(*c)) out.push_back(std::move(*s));
        }
        return out;
    }

    // ---- values (build_values.cpp)
    syntax::Text text(const node& n);
    syntax::Name name(const node& n);
    syntax::Number number(const node& n);
    int whole_number(const node& n, const char* what);
    syntax::Quantity quantity(const node& n);
    syntax::Quantity quantity_of(const node& n, Dimension expected, const std::string& what);
    syntax::Date date(const node& n);
    syntax::DateRange date_range(const node& n);
    syntax::ClockTime clock_time(const node& n);
    syntax::Weekdays weekdays(const node& n);
    syntax::Braces braces(const node& n) const;

    // ---- prescriptions (build_prescription.cpp)
    syntax::Load load(const node& n);
    syntax::Effort effort(const node& n);
    syntax::Progression progression(const node& n, Dimension load_dimension);
    syntax::Reps reps(const node& n);
    syntax::Scheme scheme(const node& holder);
    syntax::SetGroup set_group(const node& n);
    void check_count(const syntax::Number& n, const char* what);
    syntax::Prescription prescription(const node& n);
    void prescription_modifiers(syntax::Prescription& p, const node& n);

    // ---- bodies and block statements (build_block.cpp)
    syntax::Body body(const node& n);
    std::optional<syntax::BlockStatement> block_statement(const node& n);
    syntax::Sessions sessions(const node& n);
    syntax::Cuff cuff(const node& n);
    syntax::WeekOverride week_override(const node& n);
    syntax::WeekItem week_item(const node& n);
    syntax::Split split(const node& n);
    syntax::Rotation rotation(const node& n);
    bool only_items(const syntax::Braces& braces, const std::vector<Span>& items) const;
    syntax::Alternation alternation(const node& n);
    syntax::Superset superset(const node& n);
    syntax::Allow allow(const node& n);

    // ---- top level, athletes, templates, programs (build_program.cpp)
    syntax::Athlete athlete(const node& n);
    std::optional<syntax::AthleteStatement> athlete_statement(const node& n);
    syntax::Aop aop(const node& n);
    syntax::Plates plates(const node& n);
    syntax::Equipment equipment(const node& n);
    syntax::HealthConditionDeclaration health_condition(const node& n);
    std::optional<syntax::HealthConditionStatement> health_condition_statement(const node& n);
    syntax::Template template_definition(const node& n);
    syntax::Group group(const node& n);
    syntax::Program program(const node& n);
    std::optional<syntax::ProgramStatement> program_statement(const node& n, std::size_t& previous_block_line);
    syntax::Timezone timezone(const node& n);
    syntax::Coach coach(const node& n);
    syntax::CalendarId calendar_id(const node& n);
    syntax::BlockUse block_use(const node& n, bool joined);
    syntax::Repeat repeat(const node& n);
    std::optional<syntax::RepeatStatement> repeat_statement(const node& n, std::size_t& previous_block_line);
    syntax::CycleRaise cycle_raise(const node& n);

    // ---- rule sets (build_ruleset.cpp)
    syntax::Ruleset ruleset(const node& n);
    std::optional<syntax::RulesetStatement> ruleset_statement(const node& n);
    syntax::Rule rule(const node& n);
    std::optional<syntax::RuleStatement> rule_statement(const node& n);
    syntax::SourceStatement source(const node& n);
    syntax::Value value(const node& n);
    syntax::Condition condition(const node& n);
    syntax::Condition condition_at(const node& n, int depth);
    syntax::Condition chain(const node& n, int depth);
    syntax::Comparison comparison(const node& n);
    syntax::Condition too_deep(const node& n);
};

}  // namespace meso::grammar
