// The standard rule sets, rule by rule: a block that breaks exactly one rule
// finds exactly that rule, and the clean block finds nothing.
#include <catch2/catch.hpp>

#include "tests/rules/fixture.h"

using namespace meso;
using namespace meso::test;
using Ids = std::vector<std::string>;

namespace {

TestBlock strength_block()
{
    TestBlock b;
    b.method = "strength";
    b.days = "mon wed fri";
    b.day_bits = std::bitset<7>{0b0010'1010};
    b.times = {17 * 60};
    b.minutes = 60;
    b.occlusion = "";
    b.cuff.reset();
    b.exercises = {TestExercise{"squat", {5, 5, 5, 5, 5}, 75, {}, {}, 180}};
    return b;
}

}  // namespace

TEST_CASE("the standard rule sets load without errors and hold the contract's ids and severities")
{
    RuleBook book = load_rules(standard_rulesets());
    CHECK(book.diagnostics.empty());
    const std::vector<std::pair<std::string, Severity>> contract = {
        {"bfr.load", Severity::warning},           {"bfr.sessions-per-day", Severity::warning},
        {"bfr.days-per-week", Severity::warning},  {"bfr.min-duration", Severity::warning},
        {"bfr.min-gap", Severity::error},          {"bfr.occlusion", Severity::warning},
        {"bfr.contraindication", Severity::error},
    };
    for (const auto& [id, severity] : contract) {
        INFO(id);
        const Rule* rule = book.find(id);
        REQUIRE(rule);
        CHECK(rule->severity == severity);
        CHECK(!(rule->sources.empty() && book.set_of(id)->sources.empty()));
    }
    for (const auto& set : book.sets)
        for (const auto& rule : set.rules) {
            INFO(rule.id);
            CHECK(!(rule.sources.empty() && set.sources.empty()));  // every rule cites its source
            CHECK(!rule.notes.empty());                             // and says why
        }
}

TEST_CASE("a BFR block by the protocol breaks no rule")
{
    auto built = build(TestBlock{});
    REQUIRE(built->parse_diagnostics.empty());
    CHECK(check(*built).empty());
}

TEST_CASE("a strength block with maxes, rest days and no overlap breaks no rule")
{
    auto built = build(strength_block());
    CHECK(check(*built).empty());
}

TEST_CASE("each BFR rule is found alone on a block that breaks only it")
{
    TestBlock b;
    SECTION("bfr.load: 40% of 1RM")
    {
        b.exercises.front().percent = 40;
        CHECK(fired(check(*build(b))) == Ids{"bfr.load"});
    }
    SECTION("bfr.sessions-per-day: one session a day for 4 weeks")
    {
        b.times = {8 * 60};
        b.length_days = 28;
        CHECK(fired(check(*build(b))) == Ids{"bfr.sessions-per-day"});
    }
    SECTION("bfr.days-per-week: five days a week")
    {
        b.days = "mon..fri";
        b.day_bits = std::bitset<7>{0b0011'1110};
        CHECK(fired(check(*build(b))) == Ids{"bfr.days-per-week"});
    }
    SECTION("bfr.min-duration: 10 days")
    {
        b.length_days = 10;
        CHECK(fired(check(*build(b))) == Ids{"bfr.min-duration"});
    }
    SECTION("bfr.min-gap: 08:00 and 11:00")
    {
        b.times = {8 * 60, 11 * 60};
        CHECK(fired(check(*build(b))) == Ids{"bfr.min-gap"});
    }
    SECTION("bfr.occlusion: intermittent")
    {
        b.occlusion = "intermittent";
        CHECK(fired(check(*build(b))) == Ids{"bfr.occlusion"});
    }
    SECTION("bfr.occlusion: not written")
    {
        b.occlusion = "";
        CHECK(fired(check(*build(b))) == Ids{"bfr.occlusion"});
    }
    SECTION("bfr.contraindication: arterial hardening")
    {
        b.conditions = {"arterial-hardening"};
        CHECK(fired(check(*build(b))) == Ids{"bfr.contraindication"});
    }
    SECTION("bfr.rest: 90 s between sets")
    {
        b.exercises.front().rest_s = 90;
        CHECK(fired(check(*build(b))) == Ids{"bfr.rest"});
    }
    SECTION("bfr.sets: 5 sets")
    {
        b.exercises.front().reps = {30, 15, 15, 15, 15};
        CHECK(fired(check(*build(b))) == Ids{"bfr.sets"});
    }
    SECTION("bfr.cuff-pressure-aop: 90% AOP")
    {
        b.cuff = ir::Pressure{90, true};
        CHECK(fired(check(*build(b))) == Ids{"bfr.cuff-pressure-aop"});
    }
    SECTION("bfr.cuff-pressure-mmhg: 260 mmHg")
    {
        b.cuff = ir::Pressure{260, false};
        CHECK(fired(check(*build(b))) == Ids{"bfr.cuff-pressure-mmhg"});
    }
}

TEST_CASE("a pressure in % AOP is not checked against a rule in mmHg, nor the other way round")
{
    TestBlock b;
    b.cuff = ir::Pressure{60, true};  // in range for the % AOP rule; the mmHg rule does not read it
    CHECK(check(*build(b)).empty());
}

TEST_CASE("the BFR rules do not apply to blocks of another method")
{
    TestBlock b;
    b.method = "hypertrophy";
    b.times = {8 * 60, 11 * 60};       // would break bfr.min-gap
    b.exercises.front().percent = 40;  // and bfr.load
    CHECK(check(*build(b)).empty());
}

TEST_CASE("each general rule is found alone on a block that breaks only it")
{
    TestBlock b = strength_block();
    SECTION("general.load-above-max: 105%")
    {
        b.exercises.front().percent = 105;
        CHECK(fired(check(*build(b))) == Ids{"general.load-above-max"});
    }
    SECTION("general.load-far-above-max: 115%")
    {
        b.exercises.front().percent = 115;
        CHECK(fired(check(*build(b))) == Ids{"general.load-far-above-max"});
    }
    SECTION("general.percent-without-max: lunge at 60% with no lunge max")
    {
        b.exercises.push_back(TestExercise{"lunge", {10, 10, 10}, 60, {}, {}, 90});
        auto findings = check(*build(b));
        CHECK(fired(findings) == Ids{"general.percent-without-max"});
        CHECK(findings.front().severity == Severity::info);
    }
    SECTION("general.overlap: 17:00 and 17:30, an hour each")
    {
        b.times = {17 * 60, 17 * 60 + 30};
        auto findings = check(*build(b));
        REQUIRE(fired(findings) == Ids{"general.overlap"});
        CHECK(
            findings.front().message ==
            "sessions overlap by 30 min on Mon 2027-03-01 (17:00-18:00, then 17:30), and 8 more times; sessions must not overlap in time");
    }
    SECTION("general.no-sessions: no training days")
    {
        b.days = "";
        CHECK(fired(check(*build(b))) == Ids{"general.no-sessions"});
    }
    SECTION("general.rest-day: seven days a week")
    {
        b.days = "mon..sun";
        b.day_bits = std::bitset<7>{0b0111'1111};
        auto findings = check(*build(b));
        REQUIRE(fired(findings) == Ids{"general.rest-day"});
        CHECK(findings.front().message ==
              "7 training days in a row, 2027-03-01..2027-03-07, and on 14 more days; at least one rest day in every 7 days");
    }
}

TEST_CASE("a rest block without sessions is not a block with no sessions")
{
    TestBlock b = strength_block();
    b.method = "rest";
    b.days = "";
    CHECK(check(*build(b)).empty());
}
