// Groups of athletes and programs written for several athletes
// (docs/language.md, "Groups"): one program per athlete, each with the
// athlete's own maxes and rounding step; the mistakes a group can hold.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/support/support.h"

namespace {

const std::string squad = "athlete \"Ann\" {\n  max squat 100 kg\n}\n"
                          "athlete \"Ben\" {\n  max squat 140 kg\n}\n"
                          "athlete \"Cat\" {\n  max squat 120 kg\n  round 5 kg\n}\n"
                          "athlete \"Dan\" {\n  max squat 300 lb\n}\n"
                          "group \"U18\" { \"Ann\", \"Ben\", \"Cat\" }\n";

const std::string base_block = "  start 2027-01-04\n  1 week \"Base\" { mon { squat 5x5 @ 75% } }\n}\n";

// The load of the first set of the first session of program i, in its unit.
double first_load(const meso::test::Compiled& c, std::size_t i)
{
    const auto& program = c.program(i);
    REQUIRE_FALSE(program.sessions.empty());
    const auto& content = program.contents.at(program.sessions.front().content);
    REQUIRE_FALSE(content.exercises.empty());
    REQUIRE_FALSE(content.exercises.front().sets.empty());
    REQUIRE(content.exercises.front().sets.front().mass);
    return *content.exercises.front().sets.front().mass;
}

}  // namespace

TEST_CASE("a program for a group is one program per member, in the group's order, each with the member's own kilograms")
{
    auto c = meso::test::compile(squad + "program \"P\" for \"U18\" {\n" + base_block);
    INFO(meso::test::messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& programs = c.compilation->module.programs;
    REQUIRE(programs.size() == 3);
    REQUIRE(c.schedule.programs.size() == 3);
    CHECK(c.program(0).athlete == "Ann");
    CHECK(c.program(1).athlete == "Ben");
    CHECK(c.program(2).athlete == "Cat");
    for (const auto& p : programs) {
        CHECK(p.name == "P");
        CHECK(p.one_of_several);
    }
    // 75% of 100 kg = 75 kg; of 140 kg = 105 kg; of 120 kg = 90 kg (on Cat's 5 kg step)
    CHECK(first_load(c, 0) == 75);
    CHECK(first_load(c, 1) == 105);
    CHECK(first_load(c, 2) == 90);
}

TEST_CASE("a program for a list of athletes and groups names each athlete once, in the order written")
{
    auto c = meso::test::compile(squad + "group \"Seniors\" {\n  \"Dan\"\n  \"Cat\"  # a comment between lines\n}\n" +
                                 "program \"P\" for \"Seniors\", \"Ann\" {\n" + base_block);
    INFO(meso::test::messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    REQUIRE(c.schedule.programs.size() == 3);
    CHECK(c.program(0).athlete == "Dan");
    CHECK(c.program(1).athlete == "Cat");
    CHECK(c.program(2).athlete == "Ann");
    // Dan's maxes are in pounds: 75% of 300 lb = 225 lb, on the 5 lb step
    CHECK(c.program(0).unit == meso::ir::MassUnit::lb);
    CHECK(first_load(c, 0) == 225);
    CHECK(first_load(c, 1) == 90);
    CHECK(first_load(c, 2) == 75);
}

TEST_CASE("a program for one athlete by name, or for the file's only athlete, is one program that names no athlete in its findings")
{
    auto c = meso::test::compile(squad + "program \"P\" for \"Ben\" {\n" + base_block);
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    REQUIRE(c.compilation->module.programs.size() == 1);
    CHECK_FALSE(c.compilation->module.programs.front().one_of_several);
    CHECK(first_load(c, 0) == 105);
}

TEST_CASE("a group of one is still a group: its program's findings name the athlete")
{
    auto c = meso::test::compile(squad + "group \"Solo\" { \"Ben\" }\nprogram \"P\" for \"Solo\" {\n" + base_block);
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    REQUIRE(c.compilation->module.programs.size() == 1);
    CHECK(c.compilation->module.programs.front().one_of_several);
}

TEST_CASE("a group's members may be athletes of a file it uses")
{
    const std::string dir = meso::test::temp_dir("groups-import");
    meso::test::write_file(dir + "/squad.meso", squad);
    meso::test::write_file(dir + "/plan.meso", "use \"squad.meso\"\nprogram \"P\" for \"U18\" {\n" + base_block);
    auto c = meso::test::compile(meso::test::read_file(dir + "/plan.meso"), dir + "/plan.meso");
    INFO(meso::test::messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(c.schedule.programs.size() == 3);
}

TEST_CASE("a mistake of a program for a group is reported once, naming every athlete it holds for")
{
    auto c = meso::test::compile(squad + "program \"P\" for \"U18\" {\n  start 2027-01-04\n  start 2027-01-11\n"
                                         "  1 week \"Base\" { mon { squat 5x5 @ 75% } }\n}\n");
    const auto twice = std::count_if(c.diagnostics.begin(), c.diagnostics.end(),
                                     [](const meso::Diagnostic& d) { return d.message == "'start' is given twice"; });
    REQUIRE(twice == 1);
    const auto& d = *std::find_if(c.diagnostics.begin(), c.diagnostics.end(),
                                  [](const meso::Diagnostic& x) { return x.message == "'start' is given twice"; });
    CHECK(d.athletes == std::vector<std::string>{"Ann", "Ben", "Cat"});
    CHECK(meso::printed_message(d) == "'start' is given twice (Ann, Ben, Cat)");
}

TEST_CASE("what differs between athletes stays one finding each, naming its athlete")
{
    // `% TM` needs a training max: Ann has one, Ben and Cat have none.
    auto c = meso::test::compile("athlete \"Ann\" {\n  max squat 100 kg\n  training-max 90%\n}\nathlete \"Ben\" {\n  max squat 140 kg\n}\n"
                                 "athlete \"Cat\" {\n  max squat 120 kg\n}\ngroup \"U18\" { \"Ann\", \"Ben\", \"Cat\" }\n"
                                 "program \"P\" for \"U18\" {\n  start 2027-01-04\n  1 week \"Base\" { mon { squat 5x5 @ 75% TM } }\n}\n");
    std::vector<std::vector<std::string>> named;
    for (const auto& d : c.diagnostics)
        if (d.message.find("share of the training max") != std::string::npos) named.push_back(d.athletes);
    CHECK(named == std::vector<std::vector<std::string>>{{"Ben"}, {"Cat"}});
}

TEST_CASE("programs for groups expand to a bounded number of blocks")
{
    std::string text;
    std::string members;
    for (int i = 0; i < 300; ++i) {
        text += "athlete \"A" + std::to_string(i) + "\" { max squat 100 kg }\n";
        members += std::string(i == 0 ? "" : ", ") + "\"A" + std::to_string(i) + "\"";
    }
    text += "group \"All\" { " + members + " }\nprogram \"P\" for \"All\" {\n  start 2027-01-04\n";
    for (int b = 0; b < 100; ++b) text += "  1 day \"B" + std::to_string(b) + "\" { squat 1x1 @ 50% }\n";
    text += "}\n";
    auto c = meso::test::compile(text);
    CHECK(meso::test::has_message(c.diagnostics, "this program for 300 athletes would expand to 30000 blocks"));
    CHECK(c.compilation->module.programs.empty());
}
