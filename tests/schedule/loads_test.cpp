// Loads, progressions, deloads, week overrides and template uses: what
// each session of a block holds.
#include <catch2/catch.hpp>

#include "tests/schedule/schedule_support.h"
#include "tests/support/support.h"

using namespace std::chrono;
using namespace meso::test::schedule;
using meso::test::compile;
using meso::test::messages;

TEST_CASE("a percent load is the max times the percent, rounded to the athlete's step, halves up")
{
    auto c = compile(R"(
athlete "A" { max squat 142.5 kg; max bench-press 212.5 kg; round 2.5 kg }
program "P" {
  start 2027-01-04
  1 week "B" {
    days mon
    squat 1x5 @ 75%
    bench-press 1x5 @ 50%
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(*mass_of(c.program(), 0, "squat") == 107.5);        // 106.875 → 107.5
    CHECK(*mass_of(c.program(), 0, "bench-press") == 107.5);  // 106.25 lies halfway between 105 and 107.5: halves go up
}

TEST_CASE("a computed load is rounded to the athlete's step even when it is a whole number")
{
    auto c = compile(R"(
athlete "A" { max squat 180 kg; max deadlift 225 kg; max bench-press 120 kg }
program "P" {
  start 2027-01-04
  1 week "B" {
    days mon
    squat 1x5 @ 20%
    deadlift 1x5 @ 45%
    bench-press 1x5 @ 30%
  }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(*mass_of(c.program(), 0, "squat") == 35.0);        // 36 kg: not a multiple of 2.5 kg, rounds to 35
    CHECK(*mass_of(c.program(), 0, "deadlift") == 102.5);    // 101.25 kg → 102.5
    CHECK(*mass_of(c.program(), 0, "bench-press") == 35.0);  // 36 kg → 35
    // the percent the rules and load_percent see is the one written, not 35/180
    CHECK(*exercise_of(c.program(), 0, "squat").sets[0].percent == 20.0);
}

TEST_CASE("with round 5 kg, 70% of 180 kg is 125 kg")
{
    auto c = compile(R"(
athlete "A" { max squat 180 kg; round 5 kg }
program "P" { start 2027-01-04; 1 week "B" { days mon; squat 1x5 @ 70% } }
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(*mass_of(c.program(), 0, "squat") == 125.0);  // 126 kg → 125
}

TEST_CASE("an absolute load is used as written, off the athlete's step too")
{
    auto c = compile(R"(
athlete "A" { max squat 180 kg; round 5 kg }
program "P" { start 2027-01-04; 1 week "B" { days mon; squat 1x5 @ 142.5 kg; "goblet squat" 3x10 @ 22 kg } }
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(*mass_of(c.program(), 0, "squat") == 142.5);
    CHECK(*mass_of(c.program(), 0, "goblet squat") == 22.0);
}

TEST_CASE("a relative load that rounds to 0 is a located warning, once per prescription")
{
    auto c = compile(R"(
athlete "A" { max wrist-curl 10 kg; max squat 180 kg }
program "P" {
  start 2027-01-04
  2 weeks "B" {
    days mon wed
    wrist-curl 3x15 @ 10%
    squat 3x5 @ 0%
  }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(*mass_of(c.program(), 0, "wrist-curl") == 0.0);
    std::vector<const meso::Diagnostic*> warnings;
    for (const auto& d : c.diagnostics)
        if (d.severity == meso::Severity::warning) warnings.push_back(&d);
    INFO(messages(c.diagnostics));
    REQUIRE(warnings.size() == 1);  // four sessions, one prescription; 0% is meant as written
    CHECK(warnings[0]->span.line == 7);
    CHECK(warnings[0]->span.column == 23);  // the load, 10%
    CHECK(warnings[0]->message == "10% of A's wrist-curl max (10 kg) is 1 kg, which rounds to 0 kg with a step of 2.5 kg; "
                                  "write a smaller 'round' step for the athlete, or an absolute load");
}

TEST_CASE("a percent progression adds its step each block week")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-04
  4 weeks "B" {
    days mon
    squat 5x5 @ 70% +2.5% per week
  }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 4);
    const double expected[] = {70, 72.5, 75, 77.5};
    for (std::size_t w = 0; w < 4; ++w) {
        CHECK(p.sessions[w].week == w + 1);
        CHECK(*exercise_of(p, w, "squat").sets[0].percent == expected[w]);
    }
    CHECK(*mass_of(p, 1, "squat") == 130.0);  // 72.5% of 180 kg is 130.5 kg, rounded to the 2.5 kg step
}

TEST_CASE("a mass progression adds its step each block week and a negative step takes it away")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-04
  3 weeks "B" {
    days mon
    deadlift 3x5 @ 100 kg +5 kg per week
    squat 3x5 @ 100 kg -2.5 kg per week
  }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    CHECK(*mass_of(p, 0, "deadlift") == 100.0);
    CHECK(*mass_of(p, 1, "deadlift") == 105.0);
    CHECK(*mass_of(p, 2, "deadlift") == 110.0);
    CHECK(*mass_of(p, 2, "squat") == 95.0);
    // an absolute load is related to the max when there is one
    CHECK(*exercise_of(p, 0, "deadlift").sets[0].percent == Approx(45.5));
}

TEST_CASE("a ramp goes straight from its first load in week 1 to its last in the block's last week")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-04
  4 weeks "B" {
    days mon
    squat 4x6 @ 70%..85%
  }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const double expected[] = {70, 75, 80, 85};
    for (std::size_t w = 0; w < 4; ++w) CHECK(*exercise_of(c.program(), w, "squat").sets[0].percent == Approx(expected[w]));
}

TEST_CASE("a deload week keeps its exercises with half the sets, rounded up, and 90% of each load")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-04
  3 weeks "B" {
    days mon
    squat 5x5 @ 80%
    bench-press 4x8 @ 100 kg
    week 2 deload
  }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    CHECK(exercise_of(p, 0, "squat").sets.size() == 5);
    CHECK(exercise_of(p, 1, "squat").sets.size() == 3);  // 5 / 2 rounded up
    CHECK(*exercise_of(p, 1, "squat").sets[0].percent == Approx(72));
    CHECK(*mass_of(p, 1, "squat") == 130.0);  // 72% of 180 = 129.6 → 130
    CHECK(exercise_of(p, 1, "bench-press").sets.size() == 2);
    CHECK(*mass_of(p, 1, "bench-press") == 90.0);
    CHECK(p.contents[p.sessions[1].content].deload);
    CHECK(exercise_of(p, 2, "squat").sets.size() == 5);  // the week after is whole again
}

TEST_CASE("a week override replaces the block's prescription of that exercise for those weeks")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-04
  4 weeks "B" {
    days mon
    squat 5x5 @ 70%
    bench-press 5x5 @ 70%
    week 2..3 { squat 3x3 @ 85% }
    week 4 { "box jump" 3x5 }
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    CHECK(exercise_of(p, 0, "squat").sets.size() == 5);
    CHECK(exercise_of(p, 1, "squat").sets.size() == 3);
    CHECK(*exercise_of(p, 2, "squat").sets[0].percent == 85);
    CHECK(exercise_of(p, 1, "bench-press").sets.size() == 5);        // untouched
    CHECK(p.contents[p.sessions[3].content].exercises.size() == 3);  // a new exercise is added
}

TEST_CASE("overlapping week overrides apply in the order they are written, week by week")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-04
  6 weeks "B" {
    days mon
    squat 5x5 @ 70%
    week 1..4, 6 { squat 4x4 @ 75% }
    week 3..5 { squat 3x3 @ 80% }
    week 2, 4 deload
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    const std::size_t sets[] = {4, 2, 3, 2, 3, 4};  // deloads halve, rounded up
    const double percent[] = {75, 67.5, 80, 72, 80, 75};
    for (std::size_t w = 0; w < 6; ++w) {
        INFO("week " << w + 1);
        CHECK(exercise_of(p, w, "squat").sets.size() == sets[w]);
        CHECK(*exercise_of(p, w, "squat").sets[0].percent == Approx(percent[w]));
        CHECK(p.contents[p.sessions[w].content].deload == (w == 1 || w == 3));
    }
}

TEST_CASE("week overrides past a block's end give one warning each, naming the weeks")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-04
  3 weeks "B" {
    days mon
    squat 5x5 @ 70%
    week 2..1000 deload
    week 5 deload
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(c.diagnostics.size() == 2);
    CHECK(meso::test::has_message(c.diagnostics, "weeks 4 to 1000 are past the end of this 3-week block"));
    CHECK(meso::test::has_message(c.diagnostics, "week 5 is past the end of this 3-week block"));
    CHECK(c.program().sessions.size() == 3);
    CHECK(c.program().contents[c.program().sessions[2].content].deload);
}

TEST_CASE("a misspelt exercise in a week override is an error with did-you-mean")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-04
  2 weeks "B" {
    days mon
    squat 5x5 @ 70%
    week 2 { squatt 3x3 @ 85% }
  }
}
)");
    CHECK(meso::test::has_message(c.diagnostics, "unknown exercise 'squatt' in this week override; did you mean 'squat'?"));
}

TEST_CASE("a template's use overrides just the statements it names")
{
    auto c = compile(alex + R"(
template strength "Strength" {
  method strength
  days mon wed fri
  sessions 18:00 for 90 min
  squat 5x5 @ 75%
  bench-press 5x5 @ 75%
}
program "P" {
  start 2027-01-04
  2 weeks strength { days tue thu; squat 3x3 @ 85% }
  1 week strength as "Light"
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    CHECK(p.blocks[0].name == "Strength");
    CHECK(p.blocks[0].session_count == 4);  // tue thu, two weeks
    CHECK(p.sessions[0].weekday() == Tuesday);
    CHECK(p.sessions[0].start == minutes{18 * 60});  // kept from the template
    CHECK(exercise_of(p, 0, "squat").sets.size() == 3);
    CHECK(exercise_of(p, 0, "bench-press").sets.size() == 5);
    CHECK(p.blocks[1].name == "Light");
    CHECK(p.blocks[1].session_count == 3);
    CHECK(p.blocks[1].block->template_span.valid());
}
