// BlockWeeks (engine/schedule/planner.h) keeps the overrides that cover a
// week up to date as the planner walks the weeks in order: every week gets
// the content the block's overrides give it, whether it is asked for in
// order, again, or out of order.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/schedule/planner.h"
#include "tests/support/support.h"

using namespace meso;

namespace {

// What a week holds, as far as these overrides change it: deload or not
// (the sessions halve a deload week's sets later), and the squat's sets
// and reps.
std::string summary(const scheduling::BlockWeeks::Week& week)
{
    std::string out = week.deload ? "deload" : "plain";
    for (const auto& e : week.content->exercises)
        for (const auto& set : e.sets) out += " " + e.name + " " + std::to_string(set.count) + "x" + std::to_string(set.reps);
    for (const auto& split : week.content->splits)
        for (const auto& e : split.exercises)
            for (const auto& set : e.sets) out += " " + e.name + " " + std::to_string(set.count) + "x" + std::to_string(set.reps);
    return out;
}

const std::string program_text = "athlete \"Ann\" { max squat 100 kg }\n"
                                 "program \"P\" for \"Ann\" {\n"
                                 "  start 2027-01-04\n"
                                 "  8 weeks \"B\" {\n"
                                 "    days mon thu\n"
                                 "    squat 5x5 @ 70%\n"
                                 "    week 2..3, 6 { squat 3x3 @ 80% }\n"
                                 "    week 3..4 deload\n"
                                 "    week 8 { squat 1x1 @ 90% }\n"
                                 "    week 6..7 deload\n"
                                 "  }\n"
                                 "}\n";

}  // namespace

TEST_CASE("a block week gets the content of the overrides that cover it, asked for in order, again or out of order")
{
    const auto compiled = test::compile(program_text);
    INFO(test::messages(compiled.diagnostics));
    REQUIRE(!has_errors(compiled.diagnostics));
    const ir::Block& block = compiled.compilation->module.programs.at(0).blocks.at(0);

    // each week asked of a BlockWeeks of its own: nothing swept before it
    std::vector<std::string> alone;
    for (int w = 1; w <= 8; ++w) alone.push_back(summary(scheduling::BlockWeeks(block).week(w)));
    CHECK(alone == std::vector<std::string>{"plain squat 5x5", "plain squat 3x3", "deload squat 3x3", "deload squat 5x5", "plain squat 5x5",
                                            "deload squat 3x3", "deload squat 5x5", "plain squat 1x1"});

    scheduling::BlockWeeks weeks(block);
    for (int w = 1; w <= 8; ++w) CHECK(summary(weeks.week(w)) == alone[w - 1]);
    CHECK(summary(weeks.week(8)) == alone[7]);  // the same week again
    for (const int w : {4, 2, 7, 1, 6, 3, 8, 5}) {
        INFO("week " << w);
        CHECK(summary(weeks.week(w)) == alone[w - 1]);
    }
}
