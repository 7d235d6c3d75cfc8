// bfr.cuff-pressure: 40-80% of the athlete's arterial occlusion pressure
// (AOP) for the cuffed limb. A % AOP is checked as written; an mmHg is
// converted with the athlete's `aop` for the limb, and without one it cannot
// be checked against the AOP (info) but is still held to the highest
// pressure of the cited trials, 240 mmHg (warning).
#include <catch2/catch.hpp>

#include "tests/rules/fixture.h"

using namespace meso;
using namespace meso::test;
using Ids = std::vector<std::string>;

namespace {

// A BFR block that breaks no rule of std.bfr, whatever its cuff.
TestBlock bfr_block()
{
    TestBlock b;
    b.method = "bfr";
    b.days = "mon wed fri";
    b.day_bits = std::bitset<7>{0b0010'1010};
    b.times = {17 * 60};
    b.occlusion = "";
    b.exercises = {TestExercise{"squat", {30, 15, 15}, 30, {}, {}, 45}};
    return b;
}

const Diagnostic& only(const std::vector<Diagnostic>& findings)
{
    REQUIRE(findings.size() == 1);
    CHECK(*findings.front().rule == "bfr.cuff-pressure");
    return findings.front();
}

}  // namespace

TEST_CASE("a cuff in % AOP is checked against 40-80% AOP as written, without the athlete's AOP")
{
    TestBlock b = bfr_block();
    b.cuff = ir::Pressure{60, true};
    CHECK(check(*build(b)).empty());
    b.cuff = ir::Pressure{85, true};
    const auto findings = check(*build(b));
    const Diagnostic& f = only(findings);
    CHECK(f.severity == Severity::warning);
    CHECK(f.message == "cuff 85% AOP on Mon 2027-03-01, and in 8 more sessions; "
                       "BFR cuff pressure between 40% and 80% of arterial occlusion pressure");
}

TEST_CASE("a cuff in mmHg is converted to % of the athlete's AOP for the cuffed limb")
{
    TestBlock b = bfr_block();
    b.cuff_limb = ir::Limb::leg;
    b.aops = {{ir::Limb::arm, 120}, {ir::Limb::leg, 180}};
    SECTION("120 mmHg on the leg is 66.7% of 180 mmHg: within 40-80%")
    {
        b.cuff = ir::Pressure{120, false};
        CHECK(check(*build(b)).empty());
    }
    SECTION("160 mmHg on the leg is 88.9% of 180 mmHg: above 80%, though well under the 240 mmHg cap")
    {
        b.cuff = ir::Pressure{160, false};
        const auto findings = check(*build(b));
        const Diagnostic& f = only(findings);
        CHECK(f.severity == Severity::warning);
        CHECK(f.message == "cuff leg 160 mmHg = 88.9% of the leg's AOP of 180 mmHg on Mon 2027-03-01, and in 8 more sessions; "
                           "BFR cuff pressure between 40% and 80% of arterial occlusion pressure");
    }
    SECTION("60 mmHg on the leg is 33.3%: below 40%")
    {
        b.cuff = ir::Pressure{60, false};
        CHECK(fired(check(*build(b))) == Ids{"bfr.cuff-pressure"});
    }
    SECTION("the arm's AOP is used for a cuff on the arm: 90 mmHg is 75% of 120 mmHg")
    {
        b.cuff_limb = ir::Limb::arm;
        b.cuff = ir::Pressure{90, false};
        CHECK(check(*build(b)).empty());
    }
}

TEST_CASE("a cuff in mmHg without the athlete's AOP for its limb cannot be checked: an info says what to write")
{
    TestBlock b = bfr_block();
    b.cuff = ir::Pressure{160, false};
    SECTION("a limb, and no aop for it")
    {
        b.cuff_limb = ir::Limb::leg;
        b.aops = {{ir::Limb::arm, 120}};
        const auto findings = check(*build(b));
        const Diagnostic& f = only(findings);
        CHECK(f.severity == Severity::info);
        CHECK(f.message ==
              "cannot check 'BFR cuff pressure between 40% and 80% of arterial occlusion pressure': athlete 'Alex' has no "
              "arterial occlusion pressure (AOP) for the leg to compare the cuff (leg 160 mmHg) with; write `aop leg ... mmHg` "
              "on the athlete");
    }
    SECTION("no limb, though the athlete has an AOP")
    {
        b.aops = {{ir::Limb::leg, 180}};
        const auto findings = check(*build(b));
        const Diagnostic& f = only(findings);
        CHECK(f.severity == Severity::info);
        CHECK(f.message.find("is on no limb") != std::string::npos);
        CHECK(f.message.find("`cuff leg 160 mmHg`") != std::string::npos);
        CHECK(f.message.find("`aop leg ... mmHg`") != std::string::npos);
    }
}

TEST_CASE("a cuff in mmHg above 240 mmHg, the highest pressure of the cited trials, is a warning even without an AOP")
{
    TestBlock b = bfr_block();
    b.cuff_limb = ir::Limb::leg;
    b.cuff = ir::Pressure{260, false};
    const auto findings = check(*build(b));
    const Diagnostic& f = only(findings);
    CHECK(f.severity == Severity::warning);
    CHECK(f.message == "cuff 260 mmHg on Mon 2027-03-01, and in 8 more sessions; "
                       "BFR cuff pressure between 40% and 80% of arterial occlusion pressure");
}

TEST_CASE("a rule's limit in mmHg is compared with a % AOP cuff through the athlete's AOP, and not without it")
{
    TestBlock b = bfr_block();
    b.cuff = ir::Pressure{70, true};
    b.cuff_limb = ir::Limb::leg;
    b.extra_text = "ruleset clinic \"Our clinic\" {\n  applies to bfr blocks\n"
                   "  rule cuff warning \"at most 150 mmHg in our clinic\" {\n    require cuff-pressure <= 150 mmHg\n  }\n}\n";
    CHECK(check(*build(b)).empty());  // 70% of an unknown AOP: not compared with mmHg
    b.aops = {{ir::Limb::leg, 250}};
    const auto findings = check(*build(b));
    REQUIRE(fired(findings) == Ids{"clinic.cuff"});
    CHECK(
        findings.front().message ==
        "cuff leg 70% AOP = 175 mmHg with the leg's AOP of 250 mmHg on Mon 2027-03-01, and in 8 more sessions; at most 150 mmHg in our clinic");
}
