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
    rules::RuleBook book = rules::load_rules(standard_rulesets());
    CHECK(book.diagnostics.empty());
    const std::vector<std::pair<std::string, Severity>> contract = {
        {"bfr.load", Severity::warning},
        {"bfr.sets", Severity::warning},
        {"bfr.rest", Severity::warning},
        {"bfr.frequency", Severity::warning},
        {"bfr.cuff-pressure", Severity::warning},
        {"bfr.contraindication", Severity::error},
        {"bfr.precaution", Severity::warning},
        {"kaatsu.load", Severity::warning},
        {"kaatsu.sessions-per-day", Severity::warning},
        {"kaatsu.days-per-week", Severity::warning},
        {"kaatsu.min-duration", Severity::warning},
        {"kaatsu.min-gap", Severity::error},
        {"kaatsu.occlusion", Severity::warning},
    };
    for (const auto& [id, severity] : contract) {
        INFO(id);
        const rules::Rule* rule = book.find(id);
        REQUIRE(rule);
        CHECK(rule->severity == severity);
    }
    CHECK(book.find("bfr.contraindication")->allow_never);
    CHECK(book.find("kaatsu.min-gap")->message == "at least 4 hours between Kaatsu sessions");
    for (const auto& set : book.sets)
        for (const auto& rule : set.rules) {
            INFO(rule.id);
            CHECK(!(rule.sources.empty() && set.sources.empty()));  // every rule cites its source
            CHECK(!rule.notes.empty());                             // and says why
        }
}

TEST_CASE("every source of std.bfr and std.kaatsu says how firm it is, and cites a year and pages or says it has none")
{
    rules::RuleBook book = rules::load_rules(standard_rulesets());
    for (const auto& set : book.sets) {
        if (set.name == "general") continue;
        std::vector<rules::Citation> all = set.sources;
        for (const auto& rule : set.rules) all.insert(all.end(), rule.sources.begin(), rule.sources.end());
        for (const auto& c : all) {
            INFO(c.text);
            CHECK(!c.firmness.empty());
            if (c.firmness != "protocol")
                CHECK((c.text.find("doi:") != std::string::npos || c.text.find("DOI not read") != std::string::npos));
        }
    }
}

TEST_CASE("the old ids of std.bfr are replaced by the rules that took them over")
{
    rules::RuleBook book = rules::load_rules(standard_rulesets());
    const std::vector<std::pair<std::string, std::string>> renamed = {
        {"bfr.min-gap", "kaatsu.min-gap"},
        {"bfr.days-per-week", "kaatsu.days-per-week"},
        {"bfr.sessions-per-day", "kaatsu.sessions-per-day"},
        {"bfr.min-duration", "kaatsu.min-duration"},
        {"bfr.occlusion", "kaatsu.occlusion"},
        {"bfr.cuff-pressure-aop", "bfr.cuff-pressure"},
        {"bfr.cuff-pressure-mmhg", "bfr.cuff-pressure"},
    };
    for (const auto& [old_id, new_id] : renamed) {
        INFO(old_id);
        CHECK(book.replacements_of(old_id) == Ids{new_id});
    }
}

TEST_CASE("a kaatsu block by the protocol breaks no rule")
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

TEST_CASE("each kaatsu rule is found alone on a kaatsu block that breaks only it")
{
    TestBlock b;
    SECTION("kaatsu.load: 35% of 1RM")
    {
        b.exercises.front().percent = 35;
        CHECK(fired(check(*build(b))) == Ids{"kaatsu.load"});
    }
    SECTION("kaatsu.days-per-week: five days a week")
    {
        b.days = "mon..fri";
        b.day_bits = std::bitset<7>{0b0011'1110};
        CHECK(fired(check(*build(b))) == Ids{"kaatsu.days-per-week"});
    }
    SECTION("kaatsu.min-duration: 10 days")
    {
        b.length_days = 10;
        CHECK(fired(check(*build(b))) == Ids{"kaatsu.min-duration"});
    }
    SECTION("kaatsu.min-gap: 08:00 and 11:00")
    {
        b.times = {8 * 60, 11 * 60};
        CHECK(fired(check(*build(b))) == Ids{"kaatsu.min-gap"});
    }
    SECTION("kaatsu.occlusion: intermittent")
    {
        b.occlusion = "intermittent";
        CHECK(fired(check(*build(b))) == Ids{"kaatsu.occlusion"});
    }
    SECTION("kaatsu.occlusion: not written")
    {
        b.occlusion = "";
        CHECK(fired(check(*build(b))) == Ids{"kaatsu.occlusion"});
    }
}

TEST_CASE("each std.bfr rule is found alone on a kaatsu block that breaks only it")
{
    TestBlock b;
    SECTION("bfr.load and kaatsu.load: 45% of 1RM is above both")
    {
        b.exercises.front().percent = 45;
        CHECK(fired(check(*build(b))) == Ids{"bfr.load", "kaatsu.load"});
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
    SECTION("bfr.cuff-pressure: 90% AOP")
    {
        b.cuff = ir::Pressure{90, true};
        CHECK(fired(check(*build(b))) == Ids{"bfr.cuff-pressure"});
    }
    SECTION("bfr.cuff-pressure: 260 mmHg, above the highest pressure of the cited trials")
    {
        b.cuff = ir::Pressure{260, false};
        CHECK(fired(check(*build(b))) == Ids{"bfr.cuff-pressure"});
    }
    SECTION("bfr.frequency: a fourth week of six training days")
    {
        b.length_days = 28;
        CHECK(fired(check(*build(b))) == Ids{"bfr.frequency"});
    }
}

TEST_CASE("a pressure in % AOP is not checked against a limit in mmHg")
{
    TestBlock b;
    b.cuff = ir::Pressure{60, true};
    CHECK(check(*build(b)).empty());
}

TEST_CASE("std.kaatsu does not apply to a BFR block of another method, std.bfr does")
{
    TestBlock b;
    b.method = "bfr";
    b.times = {8 * 60, 11 * 60};       // would break kaatsu.min-gap
    b.exercises.front().percent = 35;  // and kaatsu.load, not bfr.load
    CHECK(check(*build(b)).empty());
}

TEST_CASE("the BFR rules do not apply to a block without method bfr or kaatsu, cuff or occlusion")
{
    TestBlock b;
    b.method = "hypertrophy";
    b.cuff.reset();
    b.occlusion = "none";
    b.times = {8 * 60, 11 * 60};
    b.exercises.front().percent = 50;
    CHECK(check(*build(b)).empty());
}

TEST_CASE("a block with a cuff is a BFR block whatever its method is called")
{
    TestBlock b;
    b.method = "rehab";
    b.occlusion = "";
    b.exercises.front().percent = 50;
    CHECK(fired(check(*build(b))) == Ids{"bfr.load"});
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
