// Screening, clearances and the BFR rule sets through real program text:
// the athlete's conditions against the std.conditions vocabulary, clearances
// and allows of std.bfr's rules, and the plans a clinic writes.
#include <catch2/catch.hpp>

#include "engine/rules/rules.h"
#include "tests/support/support.h"

using namespace meso;
using namespace meso::test;
using Ids = std::vector<std::string>;

namespace {

// A BFR plan that breaks no rule of std.bfr, std.kaatsu or std.general:
// the six-week clinic plan of issue 13, for an athlete whose statements are
// `athlete` (one per line) and a block with `extra` statements.
std::string clinic_plan(const std::string& athlete, const std::string& extra = "")
{
    return "athlete \"Alex\" {\n  max squat 180 kg\n  aop leg 180 mmHg\n" + athlete + "}\n" +
           "program \"Rehab\" {\n  start 2027-03-01\n"
           "  6 weeks \"Clinic\" {\n"
           "    method bfr\n"
           "    days mon wed fri\n"
           "    sessions 17:00 for 30 min\n"
           "    cuff leg 60% AOP\n"
           "    squat 30% x 30,15,15 rest 45 s\n" +
           extra + "  }\n}\n";
}

struct Checked {
    Compiled compiled;                    // owns the sources the diagnostics point into
    std::vector<Diagnostic> diagnostics;  // resolve's
    std::vector<Diagnostic> findings;     // the rules', with the rule files' errors
};

Checked checked(const std::string& text)
{
    Checked out{compile(text, "plan.meso", true), {}, {}};
    INFO(messages(out.compiled.diagnostics));
    REQUIRE(!has_errors(out.compiled.diagnostics));
    out.diagnostics = out.compiled.diagnostics;
    out.findings = rules::check_rules(out.compiled.compilation->module, out.compiled.schedule);
    return out;
}

// The rule ids of the findings no allow or clearance accepted, sorted.
Ids fired(const std::vector<Diagnostic>& findings)
{
    Ids out;
    for (const auto& f : findings)
        if (!f.suppressed_by) out.push_back(f.rule ? *f.rule : "(" + f.message + ")");
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("the six-week clinic plan (3 days a week, one session a day, 30% 1RM, 60% AOP) is clean under the default rule sets")
{
    const auto result = checked(clinic_plan(""));
    INFO(messages(result.findings));
    CHECK(result.findings.empty());
    CHECK(result.diagnostics.empty());
}

TEST_CASE("a method rehab block with a cuff and 50% load gets bfr.load only")
{
    const std::string text = "athlete \"Alex\" {\n  max squat 180 kg\n}\n"
                             "program \"Rehab\" {\n  start 2027-03-01\n"
                             "  4 weeks \"Knee\" {\n    method rehab\n    days mon wed fri\n    sessions 17:00 for 30 min\n"
                             "    cuff leg 50% AOP\n    squat 50% x 15,15,15 rest 45 s\n  }\n}\n";
    const auto result = checked(text);
    INFO(messages(result.findings));
    CHECK(fired(result.findings) == Ids{"bfr.load"});
}

TEST_CASE("every condition and every alias of std.conditions triggers the rule of its class")
{
    auto vocabulary = compile("", "empty.meso", true);
    const auto& conditions = vocabulary.compilation->module.health_conditions;
    REQUIRE(conditions.size() >= 10);
    std::size_t names = 0;
    for (const auto& condition : conditions) {
        REQUIRE((condition.condition_class == "absolute" || condition.condition_class == "relative"));
        const std::string rule = condition.condition_class == "absolute" ? "bfr.contraindication" : "bfr.precaution";
        std::vector<std::string> spellings = {condition.name};
        spellings.insert(spellings.end(), condition.aliases.begin(), condition.aliases.end());
        for (const auto& spelling : spellings) {
            INFO(condition.name << " written as " << spelling);
            const auto result = checked(clinic_plan("  condition " + spelling + "\n"));
            CHECK(fired(result.findings) == Ids{rule});
            CHECK(!has_message(result.diagnostics, "unknown"));
            ++names;
        }
    }
    CHECK(names > conditions.size());  // the aliases were tried too
}

TEST_CASE("a misspelt condition gets did-you-mean, and no rule finding")
{
    const auto result = checked(clinic_plan("  condition hypertenson\n"));
    CHECK(has_message(result.diagnostics, "did you mean 'hypertension'?"));
    INFO(messages(result.findings));
    CHECK(result.findings.empty());
}

TEST_CASE("an allow of bfr.contraindication in a program file is an error, and the finding stands")
{
    const auto result = checked(clinic_plan("  condition dvt\n", "    allow bfr.contraindication \"the surgeon agreed\"\n"));
    CHECK(fired(result.findings) == Ids{"(" +
                                            std::string("'bfr.contraindication' cannot be allowed (no BFR for an athlete with an absolute "
                                                        "contraindication): its rule says 'allow never'") +
                                            ")",
                                        "bfr.contraindication"});
    for (const auto& f : result.findings) CHECK(f.severity == Severity::error);
}

TEST_CASE("a clearance of bfr.contraindication on an athlete is an error, and the finding stands")
{
    const auto result = checked(clinic_plan("  condition dvt\n  cleared bfr.contraindication \"Dr Lee, 2027-01-10\"\n"));
    REQUIRE(fired(result.findings).size() == 2);
    CHECK(has_message(result.findings, "'bfr.contraindication' cannot be cleared"));
    CHECK(fired(result.findings).back() == "bfr.contraindication");
    for (const auto& f : result.findings) CHECK(f.severity == Severity::error);
}

TEST_CASE("a clearance of bfr.precaution silences it in every block of the athlete, and --show-suppressed shows it")
{
    // Two blocks of a program and a second program: the clearance is the athlete's, not a block's.
    std::string text = clinic_plan("  condition hypertension\n  cleared bfr.precaution \"Dr Lee, 2027-01-10\"\n");
    text.replace(text.rfind("  }\n}\n"), 6,
                 "  }\n  3 weeks \"Maintain\" {\n    method bfr\n    days mon thu\n    sessions 17:00 for 30 min\n"
                 "    cuff leg 50% AOP\n    squat 25% x 30,15,15 rest 45 s\n  }\n}\n"
                 "program \"Home\" {\n  start 2027-06-07\n  2 weeks \"Home\" {\n    method bfr\n    days tue\n"
                 "    sessions 09:00 for 30 min\n    cuff leg 50% AOP\n    squat 20% x 30,15,15 rest 45 s\n  }\n}\n");
    const auto result = checked(text);
    INFO(messages(result.findings));
    CHECK(fired(result.findings).empty());
    std::size_t suppressed = 0;
    for (const auto& f : result.findings) {
        CHECK(f.rule == std::optional<std::string>("bfr.precaution"));
        CHECK(f.suppressed_by == std::optional<std::string>("Dr Lee, 2027-01-10"));
        ++suppressed;
    }
    CHECK(suppressed == 3);  // one in each block

    const std::string path = temp_dir("bfr-programs") + "/cleared.meso";
    write_file(path, text);
    auto quiet = run_meso({"check", "--strict", path});
    CHECK(quiet.exit_code == 0);
    CHECK(quiet.err.find("bfr.precaution") == std::string::npos);
    auto shown = run_meso({"check", "--show-suppressed", path});
    INFO(shown.err);
    std::size_t shown_count = 0;
    for (auto at = shown.err.find("[bfr.precaution]"); at != std::string::npos; at = shown.err.find("[bfr.precaution]", at + 1))
        ++shown_count;
    CHECK(shown_count == 3);
    CHECK(shown.err.find("Dr Lee, 2027-01-10") != std::string::npos);
}

namespace {

// Two BFR blocks in a row: `first_weeks` weeks six days a week, then
// `second_weeks` weeks three days a week.
std::string daily_then_clinic(int first_weeks, int second_weeks)
{
    const std::string block_body =
        "    method bfr\n    sessions 17:00 for 30 min\n    cuff leg 60% AOP\n    squat 30% x 30,15,15 rest 45 s\n";
    return "athlete \"Alex\" {\n  max squat 180 kg\n  aop leg 180 mmHg\n}\n"
           "program \"Rehab\" {\n  start 2027-03-01\n  " +
           std::to_string(first_weeks) + " weeks \"Daily\" {\n    days mon..sat\n" + block_body + "  }\n  " + std::to_string(second_weeks) +
           " weeks \"Clinic\" {\n    days mon wed fri\n" + block_body + "  }\n}\n";
}

}  // namespace

TEST_CASE("more than 3 weeks of BFR in a row need 2 or 3 training days in every week, the first ones included")
{
    // language.md 5: a block longer than 3 weeks has 2 or 3 training days in
    // each block week; counted over BFR blocks in a row, so that splitting a
    // block in two does not escape it.
    SECTION("2 daily weeks then 2 weeks of 3 days: 4 weeks of BFR, the daily weeks are too many")
    {
        auto c = checked(daily_then_clinic(2, 2));
        REQUIRE(fired(c.findings) == Ids{"bfr.frequency"});
        CHECK(c.findings.front().message ==
              "the BFR blocks in a row this block is part of are 28 days (4 weeks) long, and 6 training days in block week 1 "
              "(2027-03-01..2027-03-07), and in 1 more block week; at most 2 BFR sessions a day, and 2 or 3 training days in each week "
              "of more than 3 weeks of BFR in a row");
    }
    SECTION("2 daily weeks then 1 week of 3 days: 3 weeks of BFR may train daily")
    {
        CHECK(fired(checked(daily_then_clinic(2, 1)).findings).empty());
    }
}
