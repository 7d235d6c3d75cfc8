// Screening and acceptance: `athlete has condition` by name, alias and
// class against the vocabulary, `allow never`, `replaces`, and the
// athlete's clearances (rules.h).
#include <catch2/catch.hpp>

#include "tests/rules/fixture.h"

using namespace meso;
using namespace meso::test;
using Ids = std::vector<std::string>;

namespace {

std::vector<ir::HealthCondition> vocabulary()
{
    return {
        {"venous-thromboembolism", "history of DVT or pulmonary embolism", "absolute", {"dvt", "pulmonary-embolism"}, {}, {}},
        {"pregnancy", "pregnancy", "absolute", {"pregnant"}, {}, {}},
        {"hypertension", "controlled high blood pressure", "relative", {"high-blood-pressure"}, {}, {}},
        {"diabetes", "diabetes mellitus", "relative", {}, {}, {}},
    };
}

TestBlock screened(std::vector<std::string> conditions)
{
    TestBlock b;
    b.vocabulary = vocabulary();
    b.conditions = std::move(conditions);
    return b;
}

bool has_message(const std::vector<Diagnostic>& ds, const std::string& fragment)
{
    for (const auto& d : ds)
        if (d.message.find(fragment) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("an athlete with a condition of class absolute gets bfr.contraindication, naming the conditions")
{
    auto findings = check(*build(screened({"venous-thromboembolism", "pregnancy"})));
    REQUIRE(fired(findings) == Ids{"bfr.contraindication"});
    CHECK(findings.front().severity == Severity::error);
    CHECK(findings.front().message.find("athlete 'Alex' has the conditions venous-thromboembolism, pregnancy (class absolute)") == 0);
}

TEST_CASE("an athlete with a condition of class relative gets bfr.precaution")
{
    CHECK(fired(check(*build(screened({"diabetes"})))) == Ids{"bfr.precaution"});
}

TEST_CASE("every condition of the vocabulary triggers the rule of its class")
{
    for (const auto& c : vocabulary()) {
        INFO(c.name);
        const std::string rule = c.condition_class == "absolute" ? "bfr.contraindication" : "bfr.precaution";
        CHECK(fired(check(*build(screened({c.name})))) == Ids{rule});
    }
}

TEST_CASE("a rule's 'athlete has condition' may name an alias, and means the condition")
{
    TestBlock b = screened({"venous-thromboembolism"});
    b.extra_text = "ruleset clinic {\n  rule no-clots error \"no BFR after a clot\" {\n    forbid athlete has condition dvt\n"
                   "    source \"Clinic protocol\"\n  }\n}\n";
    auto findings = check(*build(b));
    CHECK(fired(findings) == Ids{"bfr.contraindication", "clinic.no-clots"});
}

TEST_CASE("an unknown condition in a rule is a warning with did-you-mean, an unknown class an error")
{
    TestBlock b = screened({});
    b.extra_text = "ruleset clinic {\n  rule a error \"a\" {\n    forbid athlete has condition venous-thromboembolizm\n  }\n"
                   "  rule b error \"b\" {\n    forbid athlete has condition of class absolut\n  }\n}\n";
    auto findings = check(*build(b));
    CHECK(has_message(findings, "unknown health condition 'venous-thromboembolizm'; did you mean 'venous-thromboembolism'?"));
    CHECK(has_message(findings, "no health condition is of class 'absolut'; did you mean 'absolute'?"));
}

TEST_CASE("an allow of a rule that says 'allow never' is an error, and the finding stands")
{
    TestBlock b = screened({"pregnancy"});
    b.allows = {{"bfr.contraindication", "the athlete insists"}};
    auto findings = check(*build(b));
    CHECK(fired(findings) == Ids{"(" +
                                     std::string("'bfr.contraindication' cannot be allowed (no BFR for an athlete with an absolute "
                                                 "contraindication): its rule says 'allow never'") +
                                     ")",
                                 "bfr.contraindication"});
}

TEST_CASE("an allow of a replaced id is an error naming the rule that replaced it")
{
    TestBlock b;
    b.allows = {{"bfr.min-gap", "two sessions close together"}};
    auto findings = check(*build(b));
    CHECK(has_message(findings, "'bfr.min-gap' is now 'kaatsu.min-gap'; write 'allow kaatsu.min-gap'"));
}

TEST_CASE("an athlete's clearance accepts that rule's findings in every block, with the clearance as the reason")
{
    TestBlock b = screened({"hypertension"});
    b.clearances = {{"bfr.precaution", "Dr Lee, 2027-01-10"}};
    auto findings = check(*build(b));
    REQUIRE(findings.size() == 1);
    CHECK(*findings.front().rule == "bfr.precaution");
    CHECK(findings.front().suppressed_by == std::optional<std::string>("Dr Lee, 2027-01-10"));
}

TEST_CASE("a clearance of an 'allow never' rule or an unknown rule is an error, one that clears nothing a warning")
{
    SECTION("allow never")
    {
        TestBlock b = screened({"pregnancy"});
        b.clearances = {{"bfr.contraindication", "Dr Lee"}};
        auto findings = check(*build(b));
        CHECK(has_message(findings, "'bfr.contraindication' cannot be cleared"));
        CHECK(fired(findings).back() == "bfr.contraindication");
    }
    SECTION("unknown, with did-you-mean")
    {
        TestBlock b = screened({});
        b.clearances = {{"bfr.precautin", "Dr Lee"}};
        CHECK(has_message(check(*build(b)), "no rule 'bfr.precautin' is in force; did you mean 'bfr.precaution'?"));
    }
    SECTION("nothing to clear")
    {
        TestBlock b = screened({});
        b.clearances = {{"bfr.precaution", "Dr Lee"}};
        auto findings = check(*build(b));
        REQUIRE(findings.size() == 1);
        CHECK(findings.front().severity == Severity::warning);
        CHECK(findings.front().message.find("'cleared bfr.precaution' accepts nothing") == 0);
    }
}

TEST_CASE("every week checks a week's metrics together: a rule can ask 2 or 3 days only of the weeks beyond the third of BFR in a row")
{
    TestBlock b;
    b.method = "bfr";
    b.length_days = 42;
    b.times = {17 * 60};
    b.extra_text = "ruleset late {\n  applies to bfr blocks\n"
                   "  rule days warning \"2 or 3 days in the weeks beyond the third\" {\n"
                   "    require every week (bfr-run-week <= 3 or days-per-week between 2 and 3)\n  }\n}\n";
    SECTION("six days a week for six weeks: the fourth week is the first finding")
    {
        auto findings = check(*build(b), false);
        REQUIRE(fired(findings) == Ids{"late.days"});
        CHECK(findings.front().message.find("week 4 of BFR in a row (block week 4, 2027-03-22..2027-03-28), and 6 training days") == 0);
    }
    SECTION("three days a week for six weeks is within it")
    {
        b.days = "mon wed fri";
        b.day_bits = std::bitset<7>{0b0010'1010};
        CHECK(check(*build(b), false).empty());
    }
}

TEST_CASE("an unknown firmness word of a source is an error with did-you-mean")
{
    TestBlock b;
    b.extra_text = "ruleset clinic {\n  source trail \"Clinic protocol\"\n  rule a error \"a\" {\n    require gap >= 1 h\n  }\n}\n";
    CHECK(has_message(check(*build(b)), "unknown firmness 'trail'; did you mean 'trial'?"));
}
