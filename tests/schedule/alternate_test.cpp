// `alternate { "A" { ... } "B" { ... } }` (docs/language.md, "Alternating
// weeks"): the block's weeks take the patterns in turn. Dates and loads
// below are worked out by hand from a Monday start (2027-03-01) with Alex's
// maxes (squat 180, bench-press 120, deadlift 220 kg; loads round to
// 2.5 kg): squat 75% is 135 kg, 65% is 117 → 117.5 kg, 85% is 153 → 152.5
// kg; bench-press 70% is 84 → 85 kg; deadlift 75% is 165 kg.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/schedule/schedule_support.h"
#include "tests/support/support.h"

using namespace meso::test::schedule;
using meso::test::compile;
using meso::test::has_message;
using meso::test::messages;

namespace {

// A block of `weeks` weeks on `days`, its squat alternating between A (5x5 @ 75%) and B (3x8 @ 65%); `block_extra` are more
// block statements, `program_extra` program statements.
std::string ab(int weeks, const std::string& days, const std::string& block_extra = "", const std::string& program_extra = "")
{
    return alex + R"(
program "Alternating" for "Alex" {
  start 2027-03-01
  )" + program_extra +
           "\n  " + std::to_string(weeks) + R"( weeks "Strength" {
    days )" +
           days + R"(
    bench-press 3x5 @ 70%
    alternate {
      "A" { squat 5x5 @ 75% }
      "B" { squat 3x8 @ 65% }
    }
    )" + block_extra +
           R"(
  }
}
)";
}

struct Expected {
    sys_days date;
    int week;
    std::string pattern;
    std::size_t squat_sets;
    double squat_kg;
};

void check_sessions(const meso::scheduling::ProgramSchedule& p, const std::vector<Expected>& expected)
{
    REQUIRE(p.sessions.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("session " << i << " on " << meso::format_date(p.sessions[i].date));
        CHECK(p.sessions[i].date == expected[i].date);
        CHECK(p.sessions[i].week == expected[i].week);
        CHECK(meso::scheduling::week_pattern_of(p, p.sessions[i]) == expected[i].pattern);
        const auto squat = masses(exercise_of(p, i, "squat"));
        CHECK(squat.size() == expected[i].squat_sets);
        CHECK(squat.at(0) == expected[i].squat_kg);
    }
}

}  // namespace

TEST_CASE("a block's weeks take the week patterns in turn: A B A B, the block's own exercises every week")
{
    auto c = compile(ab(4, "mon thu"));
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    check_sessions(p, {{date(2027, 3, 1), 1, "A", 5, 135},
                       {date(2027, 3, 4), 1, "A", 5, 135},
                       {date(2027, 3, 8), 2, "B", 3, 117.5},
                       {date(2027, 3, 11), 2, "B", 3, 117.5},
                       {date(2027, 3, 15), 3, "A", 5, 135},
                       {date(2027, 3, 18), 3, "A", 5, 135},
                       {date(2027, 3, 22), 4, "B", 3, 117.5},
                       {date(2027, 3, 25), 4, "B", 3, 117.5}});
    for (std::size_t i = 0; i < p.sessions.size(); ++i) CHECK(masses(exercise_of(p, i, "bench-press")) == std::vector<double>{85, 85, 85});
}

TEST_CASE("three week patterns: A B C A over four weeks, and an exercise only one pattern has is only in its weeks")
{
    auto c = compile(alex + R"(
program "Three" for "Alex" {
  start 2027-03-01
  4 weeks "Wave" {
    days mon
    squat 5x5 @ 75%
    alternate {
      "Heavy" { squat 3x3 @ 85% }
      "Medium" {}
      "Pull" { deadlift 3x5 @ 75% }
    }
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 4);
    CHECK(meso::scheduling::week_pattern_of(p, p.sessions[0]) == "Heavy");
    CHECK(meso::scheduling::week_pattern_of(p, p.sessions[1]) == "Medium");
    CHECK(meso::scheduling::week_pattern_of(p, p.sessions[2]) == "Pull");
    CHECK(meso::scheduling::week_pattern_of(p, p.sessions[3]) == "Heavy");
    CHECK(masses(exercise_of(p, 0, "squat")) == std::vector<double>{152.5, 152.5, 152.5});
    CHECK(masses(exercise_of(p, 1, "squat")) == std::vector<double>{135, 135, 135, 135, 135});
    CHECK(masses(exercise_of(p, 2, "squat")) == std::vector<double>{135, 135, 135, 135, 135});
    CHECK(masses(exercise_of(p, 2, "deadlift")) == std::vector<double>{165, 165, 165});
    CHECK_FALSE(mass_of(p, 0, "deadlift"));
    CHECK_FALSE(mass_of(p, 3, "deadlift"));
    CHECK(p.sessions[3].date == date(2027, 3, 22));
}

TEST_CASE("a week N override wins over the week's pattern, and week N deload deloads the pattern's week")
{
    auto c = compile(ab(4, "mon", "week 3 { squat 1x3 @ 85% }\n    week 4 deload"));
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    // Week 3 is an A week, but its own override says what its squat is; week 4 (B, 3 sets of 117.5 kg) deloaded: 2 sets (half of
    // 3, rounded up) of 90% of the load: 65% x 0.9 of 180 kg = 105.3 -> 105 kg.
    check_sessions(p, {{date(2027, 3, 1), 1, "A", 5, 135},
                       {date(2027, 3, 8), 2, "B", 3, 117.5},
                       {date(2027, 3, 15), 3, "A", 1, 152.5},
                       {date(2027, 3, 22), 4, "B", 2, 105}});
    CHECK(exercise_of(p, 2, "squat").sets.at(0).reps == 3);
    CHECK(exercise_of(p, 3, "squat").sets.at(0).reps == 8);
}

TEST_CASE("a pattern's statements other than exercises apply to its weeks: sessions at other times, other days")
{
    auto c = compile(alex + R"(
program "Days" for "Alex" {
  start 2027-03-01
  2 weeks "Strength" {
    days mon
    squat 5x5 @ 75%
    alternate {
      "A" { sessions 07:00 }
      "B" { days tue fri }
    }
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 3);
    CHECK(p.sessions[0].date == date(2027, 3, 1));
    CHECK(p.sessions[0].start == std::chrono::minutes{7 * 60});
    CHECK(p.sessions[1].date == date(2027, 3, 9));
    CHECK(p.sessions[2].date == date(2027, 3, 12));
    CHECK(p.sessions[2].start == std::chrono::minutes{8 * 60});
}

TEST_CASE("the alternation starts again with the first pattern in each cycle of a repeat, as the block's weeks do")
{
    auto c = compile(alex + R"(
program "Cycles" for "Alex" {
  start 2027-03-01
  repeat 2 {
    3 weeks "Strength" {
      days mon
      alternate { "A" { squat 5x5 @ 75% }; "B" { squat 3x8 @ 65% } }
    }
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    check_sessions(p, {{date(2027, 3, 1), 1, "A", 5, 135},
                       {date(2027, 3, 8), 2, "B", 3, 117.5},
                       {date(2027, 3, 15), 3, "A", 5, 135},
                       {date(2027, 3, 22), 1, "A", 5, 135},
                       {date(2027, 3, 29), 2, "B", 3, 117.5},
                       {date(2027, 4, 5), 3, "A", 5, 135}});
    CHECK(p.blocks.at(p.sessions[3].block).cycle == "2");
}

TEST_CASE("a paused week does not count: the week after the pause takes the pattern the paused week would have, and a skip drops sessions")
{
    SECTION("pause")
    {
        auto c = compile(ab(4, "mon", "", "pause 2027-03-08..2027-03-14 \"travel\""));
        INFO(messages(c.diagnostics));
        REQUIRE_FALSE(meso::has_errors(c.diagnostics));
        check_sessions(c.program(), {{date(2027, 3, 1), 1, "A", 5, 135},
                                     {date(2027, 3, 15), 2, "B", 3, 117.5},
                                     {date(2027, 3, 22), 3, "A", 5, 135},
                                     {date(2027, 3, 29), 4, "B", 3, 117.5}});
    }
    SECTION("skip")
    {
        auto c = compile(ab(4, "mon", "", "skip 2027-03-08"));
        INFO(messages(c.diagnostics));
        REQUIRE_FALSE(meso::has_errors(c.diagnostics));
        check_sessions(c.program(),
                       {{date(2027, 3, 1), 1, "A", 5, 135}, {date(2027, 3, 15), 3, "A", 5, 135}, {date(2027, 3, 22), 4, "B", 3, 117.5}});
    }
}

TEST_CASE("a rotation and alternating weeks in one block: the week's pattern changes the workout that has its exercise")
{
    auto c = compile(alex + R"(
program "Both" for "Alex" {
  start 2027-03-01
  2 weeks "Full body" {
    days mon wed fri
    rotate { "A" { squat 5x5 @ 75% }; "B" { deadlift 3x5 @ 75% } }
    alternate { "Heavy" { squat 3x3 @ 85% }; "Light" { squat 5x5 @ 65% } }
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 6);
    const std::vector<std::string> workouts{"A", "B", "A", "B", "A", "B"};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(meso::scheduling::workout_of(p, p.sessions[i]) == workouts[i]);
        CHECK(meso::scheduling::week_pattern_of(p, p.sessions[i]) == (i < 3 ? "Heavy" : "Light"));
    }
    CHECK(masses(exercise_of(p, 0, "squat")) == std::vector<double>{152.5, 152.5, 152.5});
    CHECK(masses(exercise_of(p, 1, "deadlift")) == std::vector<double>{165, 165, 165});
    CHECK_FALSE(mass_of(p, 1, "squat"));
    CHECK(masses(exercise_of(p, 2, "squat")) == std::vector<double>{152.5, 152.5, 152.5});
    CHECK(masses(exercise_of(p, 4, "squat")) == std::vector<double>{117.5, 117.5, 117.5, 117.5, 117.5});
}

TEST_CASE("a template's alternate is used as written, and a use's own alternate stands instead of it")
{
    const std::string templ = alex + R"(
template waves {
  days mon
  squat 5x5 @ 75%
  alternate { "A" {}; "B" { squat 3x8 @ 65% } }
}
program "T" for "Alex" {
  start 2027-03-01
)";
    auto as_written = compile(templ + "  2 weeks waves\n}\n");
    INFO(messages(as_written.diagnostics));
    REQUIRE_FALSE(meso::has_errors(as_written.diagnostics));
    check_sessions(as_written.program(), {{date(2027, 3, 1), 1, "A", 5, 135}, {date(2027, 3, 8), 2, "B", 3, 117.5}});

    auto replaced = compile(templ + "  3 weeks waves { alternate { \"X\" { squat 1x3 @ 85% }; \"Y\" {}; \"Z\" {} } }\n}\n");
    INFO(messages(replaced.diagnostics));
    REQUIRE_FALSE(meso::has_errors(replaced.diagnostics));
    check_sessions(replaced.program(),
                   {{date(2027, 3, 1), 1, "X", 1, 152.5}, {date(2027, 3, 8), 2, "Y", 5, 135}, {date(2027, 3, 15), 3, "Z", 5, 135}});
}

TEST_CASE("a block without alternate has no week pattern")
{
    auto c = compile(alex +
                     "program \"P\" for \"Alex\" {\n  start 2027-03-01\n  2 weeks \"S\" { days mon; squat 1x5 @ 75%; week 2 deload }\n}\n");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    for (const auto& s : c.program().sessions) CHECK(meso::scheduling::week_pattern_of(c.program(), s).empty());
}

TEST_CASE("alternating weeks' mistakes are located errors")
{
    SECTION("given twice in a block")
    {
        auto c = compile(ab(2, "mon", "alternate { \"C\" {}; \"D\" {} }"));
        CHECK(has_message(c.diagnostics, "'alternate' is given twice in this block; write all the week patterns in one 'alternate'"));
    }
    SECTION("a pattern's split in a block with a rotation")
    {
        auto c = compile(alex + R"(
program "P" for "Alex" {
  start 2027-03-01
  2 weeks "S" {
    days mon wed
    rotate { "A" { squat 5x5 @ 75% }; "B" { deadlift 3x5 @ 75% } }
    alternate { "X" { mon { squat 3x3 @ 85% } }; "Y" {} }
  }
}
)");
        CHECK(has_message(c.diagnostics, "a block has splits or a rotation, not both"));
    }
    SECTION("a misspelt exercise in a pattern")
    {
        auto c = compile(alex + R"(
program "P" for "Alex" {
  start 2027-03-01
  2 weeks "S" {
    days mon
    squat 5x5 @ 75%
    alternate { "A" {}; "B" { sqat 3x8 @ 65% } }
  }
}
)");
        CHECK(has_message(c.diagnostics, "unknown exercise 'sqat' in the week pattern \"B\"; did you mean 'squat'?"));
    }
}
