// Resolving `repeat N { ... }` (docs/language.md, "Cycles"): one IR block
// per block and cycle, with its cycles and what the raises of the cycles
// before it added to each training max; the bounds on blocks, for one
// program and for a program written for a group.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/support.h"

namespace {

const std::string athletes = "athlete \"Ann\" {\n  max squat 100 kg\n  training-max 90%\n}\n"
                             "athlete \"Ben\" {\n  max squat 300 lb\n  training-max squat 250 lb\n}\n"
                             "athlete \"Cat\" {\n  max squat 120 kg\n  training-max 90%\n}\n"
                             "group \"Squad\" { \"Ann\", \"Ben\", \"Cat\" }\n";

}  // namespace

TEST_CASE("each block of a repeat is resolved once per cycle, with its cycles and its raised training maxes in the athlete's unit")
{
    auto c =
        meso::test::compile(athletes + "program \"P\" for \"Ann\", \"Ben\" {\n  start 2027-03-01\n  repeat 2 {\n"
                                       "    training-max squat +5 kg per cycle\n    repeat 2 {\n"
                                       "      training-max squat +1 kg per cycle\n      1 week \"A\" { days mon; squat 1x5 @ 80% TM }\n"
                                       "    }\n    1 week \"B\" { days mon; squat 1x5 @ 50% TM }\n  }\n}\n");
    INFO(meso::test::messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& programs = c.compilation->module.programs;
    REQUIRE(programs.size() == 2);
    const auto& ann = programs[0].blocks;
    REQUIRE(ann.size() == 6);
    // A(1.1) A(1.2) B(1) A(2.1) A(2.2) B(2): the outer step once a cycle for both; the inner step once per inner
    // cycle, counted on across the outer cycles (A's fourth is its third), for A only.
    const std::vector<std::vector<int>> cycles = {{1, 1}, {1, 2}, {1}, {2, 1}, {2, 2}, {2}};
    const std::vector<double> raised = {0, 1, 0, 7, 8, 5};
    for (std::size_t b = 0; b < ann.size(); ++b) {
        INFO("block " << b);
        CHECK(ann[b].cycles == cycles[b]);
        CHECK(ann[b].training_max_raise.at("squat") == Approx(raised[b]));
    }
    CHECK(meso::ir::cycle_label(ann[3]) == "2.1");
    CHECK(meso::ir::cycle_label(ann[5]) == "2");
    // Ben's unit is the pound: 5 kg is 11.02 lb, 1 kg 2.2 lb.
    const auto& ben = programs[1].blocks;
    REQUIRE(ben.size() == 6);
    CHECK(ben[3].training_max_raise.at("squat") == Approx(5 / 0.45359237 + 2 / 0.45359237));
}

TEST_CASE("a repeat counts as its blocks times its cycles toward the bounds on blocks")
{
    const std::string many = "  start 2027-03-01\n  repeat 100 {\n    repeat 100 { 1 day \"A\" { days mon; squat 1x1 @ 50% } }\n  }\n}\n";
    // 10000 blocks: as many as one program may hold.
    auto one = meso::test::compile(athletes + "program \"P\" for \"Ann\" {\n" + many);
    CHECK_FALSE(meso::test::has_message(one.diagnostics, "blocks"));
    // One more block is past the bound, said at the repeat's count.
    auto more = meso::test::compile(athletes + "program \"P\" for \"Ann\" {\n  1 day \"X\" { days mon; squat 1x1 @ 50% }\n" + many);
    CHECK(meso::test::has_message(more.diagnostics, "this repeat makes 10000 blocks, and a program holds at most 10000"));
    // For a group of three, 30000 blocks in all: past the bound on programs expanded from groups.
    auto squad = meso::test::compile(athletes + "program \"P\" for \"Squad\" {\n" + many);
    CHECK(meso::test::has_message(squad.diagnostics, "would expand to 30000 blocks"));
}
