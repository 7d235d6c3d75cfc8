// A block inside a `repeat` is checked in each cycle, and what it finds is
// told once for every cycle it holds in (issue 22): a BFR block of 5 sets
// repeated three times is one warning "in cycles 1–3", a training max that
// rises past the max is a warning in the cycle it does, an `allow` is
// judged over every cycle — by the whole schedule's check_rules (`meso
// schedule`) and by the pipeline's stream (`meso check`) alike.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "engine/pipeline/pipeline.h"
#include "engine/rules/rules.h"
#include "tests/support/support.h"

using namespace meso;
using namespace meso::test;

namespace {

// Three cycles of a 2-week BFR block of 5 sets (bfr.sets: 2 to 4) and a
// week of strength; `bfr_extra` goes into the BFR block.
std::string bfr_cycles(const std::string& bfr_extra = "")
{
    return "athlete \"Ann\" { max squat 100 kg }\n"
           "program \"P\" for \"Ann\" {\n"
           "  start 2027-01-04\n"
           "  repeat 3 {\n"
           "    2 weeks \"BFR\" {\n"
           "      method bfr\n"
           "      days mon wed fri\n"
           "      squat 5x15 @ 30%\n"
           "      cuff 50% AOP\n" +
           bfr_extra +
           "    }\n"
           "    1 week \"Strength\" {\n"
           "      days mon thu\n"
           "      squat 3x5 @ 80%\n"
           "    }\n"
           "  }\n"
           "}\n";
}

// A training max of 90% of 200 kg raised 20 kg a cycle: 95% of it is 171,
// 190 and 209 kg, rounded to 170, 190 and 210 kg; only cycle 3's is above
// the max (general.load-above-max).
std::string rising_training_max(const std::string& heavy_extra = "")
{
    return "athlete \"Jordan\" {\n  max squat 200 kg\n  training-max 90%\n}\n"
           "program \"P\" for \"Jordan\" {\n"
           "  start 2027-03-01\n"
           "  repeat 3 {\n"
           "    training-max squat +20 kg per cycle\n"
           "    1 week \"Heavy\" {\n"
           "      days mon\n"
           "      squat 1x3 @ 95% TM\n" +
           heavy_extra +
           "    }\n"
           "  }\n"
           "}\n";
}

// The findings, and what their spans point into.
struct Checked {
    std::shared_ptr<Compiled> compiled;
    std::shared_ptr<pipeline::FileRun> run;
    std::vector<Diagnostic> all;
};

Checked whole_schedule(const std::string& text)
{
    auto compiled = std::make_shared<Compiled>(compile(text, "cycles.meso", true));
    INFO(messages(compiled->diagnostics));
    REQUIRE(!has_errors(compiled->diagnostics));
    auto all = rules::check_rules(compiled->compilation->module, compiled->schedule);
    return {compiled, nullptr, std::move(all)};
}

Checked streamed(const std::string& text)
{
    const std::string path = temp_dir("repeat-findings") + "/cycles.meso";
    write_file(path, text);
    auto run = std::make_shared<pipeline::FileRun>(pipeline::check_file(path, {}));
    return {nullptr, run, run->diagnostics};
}

std::vector<Diagnostic> of_rule(const Checked& checked, const std::string& rule)
{
    std::vector<Diagnostic> out;
    for (const auto& d : checked.all)
        if (d.rule && *d.rule == rule) out.push_back(d);
    return out;
}

std::vector<Diagnostic> without_rule(const Checked& checked)
{
    std::vector<Diagnostic> out;
    for (const auto& d : checked.all)
        if (!d.rule) out.push_back(d);
    return out;
}

}  // namespace

TEST_CASE("a finding of a block in every cycle of a repeat is told once, naming the cycles, with the first cycle's dates")
{
    for (const auto& all : {whole_schedule(bfr_cycles()), streamed(bfr_cycles())}) {
        INFO(messages(all.all));
        const auto sets = of_rule(all, "bfr.sets");
        REQUIRE(sets.size() == 1);
        CHECK(sets[0].span.line == 8);
        CHECK(sets[0].cycles == std::vector<std::string>{"1", "2", "3"});
        CHECK(printed_message(sets[0]) ==
              "squat has 5 sets on Mon 2027-01-04, and in 5 more sessions; 2 to 4 sets of each BFR exercise in a session (in cycles 1–3; "
              "dates of cycle 1)");
        CHECK(of_rule(all, "general.load-above-max").empty());
    }
}

TEST_CASE("meso check prints a finding of every cycle once and counts it once")
{
    const std::string path = temp_dir("repeat-findings-cli") + "/cycles.meso";
    write_file(path, bfr_cycles());
    const auto run = run_meso({"check", path});
    INFO(run.out + run.err);
    const std::string all = run.out + run.err;
    const std::string sets = "squat has 5 sets on Mon 2027-01-04, and in 5 more sessions";
    CHECK(all.find(sets) != std::string::npos);
    CHECK(all.find(sets) == all.rfind(sets));
    CHECK(all.find("(in cycles 1–3; dates of cycle 1) [bfr.sets]") != std::string::npos);
    CHECK(all.find("2027-01-25") == std::string::npos);  // cycle 2's first BFR day is not told
    CHECK(all.find("1 warning in 1 file") != std::string::npos);
}

TEST_CASE("a finding that holds only in some cycles of a repeat names only those, with their own values and dates")
{
    for (const auto& all : {whole_schedule(rising_training_max()), streamed(rising_training_max())}) {
        INFO(messages(all.all));
        const auto above = of_rule(all, "general.load-above-max");
        REQUIRE(above.size() == 1);
        CHECK(above[0].cycles == std::vector<std::string>{"3"});
        CHECK(above[0].message.find("squat at 104.5% of 1RM (95% of the training max) (210 kg) on Mon 2027-03-15") != std::string::npos);
        CHECK(printed_message(above[0]).find("; a load above 100% of 1RM (in cycle 3)") != std::string::npos);
        CHECK(of_rule(all, "general.load-far-above-max").empty());  // 104.5% is not above 110%
    }
}

TEST_CASE("an or that fails tells each operand's failure once")
{
    // general.load-above-max is `load-kind = rpe or load <= 100% or load > 110%`:
    // the last two fail with the same words
    const auto above = of_rule(whole_schedule(rising_training_max()), "general.load-above-max");
    REQUIRE(above.size() == 1);
    const std::string value = "squat at 104.5% of 1RM (95% of the training max) (210 kg) on Mon 2027-03-15";
    CHECK(above[0].message.find(value) == above[0].message.rfind(value));
}

TEST_CASE("an allow in a repeated block that accepts a finding of one cycle is used, and one that accepts none is told once")
{
    const auto used = whole_schedule(rising_training_max("      allow general.load-above-max \"the max was tested in 2026\"\n"));
    INFO(messages(used.all));
    const auto above = of_rule(used, "general.load-above-max");
    REQUIRE(above.size() == 1);
    CHECK(above[0].suppressed_by == std::string("the max was tested in 2026"));
    CHECK(without_rule(used).empty());  // no "accepts nothing" for cycles 1 and 2

    for (const auto& all : {whole_schedule(bfr_cycles("      allow bfr.load \"not needed\"\n")),
                            streamed(bfr_cycles("      allow bfr.load \"not needed\"\n"))}) {
        INFO(messages(all.all));
        const auto told = without_rule(all);
        REQUIRE(told.size() == 1);
        CHECK(told[0].severity == Severity::warning);
        CHECK(told[0].span.line == 10);
        CHECK(told[0].message == "'allow bfr.load' accepts nothing: the rule finds no problem in block 'BFR'; remove the allow");
        CHECK(told[0].cycles.empty());
    }
}

TEST_CASE("an allow of no rule in a repeated block is one error, not one per cycle")
{
    const auto all = whole_schedule(bfr_cycles("      allow bfr.set \"typo\"\n"));
    const auto told = without_rule(all);
    REQUIRE(told.size() == 1);
    CHECK(told[0].severity == Severity::error);
    CHECK(told[0].message.find("no rule 'bfr.set' is in force; did you mean 'bfr.sets'") == 0);
}

TEST_CASE("a finding in every cycle of nested repeats names each inner cycle")
{
    const std::string text = "athlete \"Ann\" { max squat 100 kg }\n"
                             "program \"P\" for \"Ann\" {\n"
                             "  start 2027-01-04\n"
                             "  repeat 2 {\n"
                             "    repeat 2 {\n"
                             "      1 week \"BFR\" {\n"
                             "        method bfr\n"
                             "        days mon wed fri\n"
                             "        squat 5x15 @ 30%\n"
                             "        cuff 50% AOP\n"
                             "      }\n"
                             "    }\n"
                             "  }\n"
                             "}\n";
    const auto sets = of_rule(whole_schedule(text), "bfr.sets");
    REQUIRE(sets.size() == 1);
    CHECK(sets[0].cycles == std::vector<std::string>{"1.1", "1.2", "2.1", "2.2"});
    CHECK(printed_message(sets[0]).find("(in cycles 1.1, 1.2, 2.1 and 2.2; dates of cycle 1.1)") != std::string::npos);
}
