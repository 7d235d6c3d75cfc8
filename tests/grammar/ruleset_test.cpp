// Rule sets parse into condition trees: comparisons, between, every/any
// exercise, athlete has condition, and not/and/or with the usual precedence.
#include <catch2/catch.hpp>

#include <deque>

#include "tests/grammar/support.h"

using namespace meso;
using namespace meso::syntax;
using namespace meso::grammar_test;

namespace {

// The condition of `require C` in a one-rule rule set. Its spans point into
// the parsed source, which is kept for the rest of the run.
Condition required(const std::string& condition)
{
    static std::deque<Parsed> kept;
    const auto& parsed = kept.emplace_back(parse_text("ruleset r {\n  rule x error \"m\" {\n    require " + condition + "\n  }\n}\n"));
    INFO(condition);
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& rs = as<Ruleset>(parsed.file().statements.at(0).node);
    const auto& rule = as<Rule>(rs.statements.at(0).node);
    return as<Require>(rule.statements.at(0).node).condition;
}

// A condition written back with explicit parentheses around every and/or,
// to compare trees in one line.
std::string shape(const Condition& c)
{
    return std::visit(
        [](const auto& n) -> std::string {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, Comparison>) return n.metric.text + to_string(n.op) + std::string(n.value.span.text());
            else if constexpr (std::is_same_v<T, Between>)
                return n.metric.text + " between " + std::string(n.low.span.text()) + " " + std::string(n.high.span.text());
            else if constexpr (std::is_same_v<T, Quantified>) return std::string(n.every ? "every " : "any ") + shape(*n.body);
            else if constexpr (std::is_same_v<T, AthleteHas>) return "has " + n.condition.text;
            else if constexpr (std::is_same_v<T, Not>) return "not " + shape(*n.operand);
            else if constexpr (std::is_same_v<T, Logical>)
                return "[" + shape(*n.left) + (n.is_and ? " and " : " or ") + shape(*n.right) + "]";
            else return "(" + shape(*n.inner) + ")";
        },
        c.node);
}

}  // namespace

TEST_CASE("the clinic rule set of the design document, field by field")
{
    const auto parsed = parse_fixture("clinic_ruleset.meso");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& rs = as<Ruleset>(parsed.file().statements.at(0).node);
    CHECK(rs.name.text == "clinic");
    REQUIRE(rs.title);
    CHECK(rs.title->value == "Our clinic's BFR rules");
    REQUIRE(rs.statements.size() == 5);

    CHECK(as<SourceStatement>(rs.statements[0].node).citation.value == "Clinic protocol 2027, based on Patterson et al. 2019");

    const auto& applies = as<Applies>(rs.statements[1].node);
    REQUIRE(applies.where);
    const auto& method = as<Comparison>(applies.where->node);
    CHECK(method.metric.text == "method");
    CHECK(method.op == Comparator::eq);
    CHECK(as<Name>(method.value.node).text == "bfr");

    const auto& min_gap = as<Rule>(rs.statements[2].node);
    CHECK(min_gap.id.text == "min-gap");
    CHECK(min_gap.severity.text == "error");
    CHECK(min_gap.message.value == "at least 6 hours between BFR sessions");
    REQUIRE(min_gap.statements.size() == 1);
    const auto& gap = as<Comparison>(as<Require>(min_gap.statements[0].node).condition.node);
    CHECK(gap.metric.text == "gap");
    CHECK(gap.op == Comparator::ge);
    const auto& six_hours = as<Quantity>(gap.value.node);
    CHECK(six_hours.amount.value == 6);
    CHECK(six_hours.unit == Unit::hour);

    const auto& load = as<Rule>(rs.statements[3].node);
    CHECK(load.id.text == "load");
    CHECK(load.severity.text == "warning");
    CHECK(load.message.value == "our BFR loads stay between 20% and 30% of 1RM");
    const auto& every = as<Quantified>(as<Require>(load.statements.at(0).node).condition.node);
    CHECK(every.every);
    const auto& between = as<Between>(every.body->node);
    CHECK(between.metric.text == "load");
    CHECK(as<Quantity>(between.low.node).amount.value == 20);
    CHECK(as<Quantity>(between.low.node).unit == Unit::percent);
    CHECK(as<Quantity>(between.high.node).amount.value == 30);

    const auto& contra = as<Rule>(rs.statements[4].node);
    CHECK(contra.id.text == "contraindication");
    CHECK(contra.severity.text == "error");
    const auto& forbid = as<Forbid>(contra.statements.at(0).node);
    CHECK(as<AthleteHas>(forbid.condition.node).condition.text == "arterial-hardening");
}

TEST_CASE("every comparator is read")
{
    const std::pair<const char*, Comparator> ops[] = {{"=", Comparator::eq},  {"!=", Comparator::ne}, {"<", Comparator::lt},
                                                      {"<=", Comparator::le}, {">", Comparator::gt},  {">=", Comparator::ge}};
    for (const auto& [text, op] : ops) {
        const auto c = required(std::string("sessions ") + text + " 24");
        INFO(text);
        const auto& cmp = as<Comparison>(c.node);
        CHECK(cmp.op == op);
        CHECK(as<Number>(cmp.value.node).value == 24);
    }
}

TEST_CASE("'and' binds tighter than 'or', 'not' tighter than both")
{
    CHECK(shape(required("a = 1 or b = 2 and c = 3")) == "[a=1 or [b=2 and c=3]]");
    CHECK(shape(required("a = 1 and b = 2 or c = 3")) == "[[a=1 and b=2] or c=3]");
    CHECK(shape(required("not a = 1 and b = 2")) == "[not a=1 and b=2]");
    CHECK(shape(required("a = 1 or not b = 2 or c = 3")) == "[[a=1 or not b=2] or c=3]");
}

TEST_CASE("'and' and 'or' chain from the left")
{
    CHECK(shape(required("a = 1 and b = 2 and c = 3")) == "[[a=1 and b=2] and c=3]");
    CHECK(shape(required("a = 1 or b = 2 or c = 3")) == "[[a=1 or b=2] or c=3]");
}

TEST_CASE("parentheses group and are kept in the tree")
{
    CHECK(shape(required("(a = 1 or b = 2) and c = 3")) == "[([a=1 or b=2]) and c=3]");
    CHECK(shape(required("not (a = 1 or b = 2)")) == "not ([a=1 or b=2])");
    CHECK(shape(required("((a = 1))")) == "((a=1))");
}

TEST_CASE("every and any exercise take one condition, 'and' after it joins the whole")
{
    CHECK(shape(required("every exercise load <= 30%")) == "every load<=30%");
    CHECK(shape(required("any exercise reps > 20")) == "any reps>20");
    CHECK(shape(required("every exercise load <= 30% and gap >= 4 h")) == "[every load<=30% and gap>=4 h]");
    CHECK(shape(required("every exercise (load <= 30% and rest >= 30 s)")) == "every ([load<=30% and rest>=30 s])");
    CHECK(shape(required("not athlete has condition x or weeks between 2 and 4")) == "[not has x or weeks between 2 4]");
}

TEST_CASE("a between's 'and' is not a logical 'and'")
{
    const auto c = required("weeks between 2 and 4 and sessions >= 24");
    const auto& top = as<Logical>(c.node);
    CHECK(top.is_and);
    const auto& between = as<Between>(top.left->node);
    CHECK(as<Number>(between.low.node).value == 2);
    CHECK(as<Number>(between.high.node).value == 4);
    CHECK(as<Comparison>(top.right->node).metric.text == "sessions");
}

TEST_CASE("a condition's span is its text")
{
    const auto c = required("(a = 1 or b = 2) and not c = 3");
    CHECK(c.span.text() == "(a = 1 or b = 2) and not c = 3");
    const auto& top = as<Logical>(c.node);
    CHECK(top.left->span.text() == "(a = 1 or b = 2)");
    CHECK(top.right->span.text() == "not c = 3");
}

TEST_CASE("applies to blocks may leave out 'where'")
{
    const auto parsed = parse_text("ruleset general {\n  applies to blocks\n}\n");
    REQUIRE(parsed.diagnostics().empty());
    const auto& rs = as<Ruleset>(parsed.file().statements.at(0).node);
    CHECK_FALSE(as<Applies>(rs.statements.at(0).node).where);
}
