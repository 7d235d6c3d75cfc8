// Loads on the athlete's equipment: a barbell exercise's load is what the
// bar and plates make, a dumbbell's or machine's is rounded to its step.
// Every mass is worked out by hand in its comment.
#include <catch2/catch.hpp>

#include "tests/schedule/schedule_support.h"
#include "tests/support/support.h"

using namespace meso::test::schedule;
using meso::test::compile;
using meso::test::has_message;
using meso::test::messages;

namespace {

const std::string gym = R"(
athlete "Alex" {
  max squat 200 kg
  max bench-press 120 kg
  max leg-curl 80 kg
  max curl 21 kg
  bar 20 kg
  plates 25 20 15 10 5 2.5 1.25 kg
  barbell squat
  dumbbell curl step 2 kg
  machine leg-curl step 5 kg
}
)";

std::size_t count_of(const std::vector<meso::Diagnostic>& diagnostics, const std::string& fragment)
{
    std::size_t n = 0;
    for (const auto& d : diagnostics) n += d.message.find(fragment) != std::string::npos ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("75% of a 200 kg squat is 150 kg: the 20 kg bar and 25 + 25 + 15 a side")
{
    auto c = compile(gym + R"(program "P" { start 2027-01-04; 1 week "B" { days mon; squat 5x5 @ 75% } })");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& squat = exercise_of(c.program(), 0, "squat");
    CHECK(*squat.sets[0].mass == 150);
    // 65 a side: 25+25+15 and 25+20+20 are both three plates; heaviest first.
    REQUIRE(squat.sets[0].plates);
    CHECK(*squat.sets[0].plates == std::vector<double>{25, 25, 15});
    CHECK(*squat.sets[4].plates == std::vector<double>{25, 25, 15});
    CHECK(*squat.sets[0].percent == 75);  // the percent as written
}

TEST_CASE("limited plates: with two 25s, 150 kg is 25 + 20 + 20 a side")
{
    std::string athlete = gym;
    athlete.replace(athlete.find("plates 25 "), 10, "plates 2x25 ");
    auto c = compile(athlete + R"(program "P" { start 2027-01-04; 1 week "B" { days mon; squat 5x5 @ 75% } })");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& set = exercise_of(c.program(), 0, "squat").sets[0];
    CHECK(*set.mass == 150);
    CHECK(*set.plates == std::vector<double>{25, 20, 20});
}

TEST_CASE("the plates take precedence over round: 75% of 190 kg is 142.5 kg, not the 145 kg of 5 kg steps")
{
    auto c = compile(R"(
athlete "A" { max squat 190 kg; round 5 kg; bar 20 kg; plates 25 20 15 10 5 2.5 1.25 kg; barbell squat }
program "P" { start 2027-01-04; 1 week "B" { days mon; squat 1x5 @ 75% } }
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& set = exercise_of(c.program(), 0, "squat").sets[0];
    CHECK(*set.mass == 142.5);                                    // 61.25 a side
    CHECK(*set.plates == std::vector<double>{25, 25, 10, 1.25});  // 61.25 = 25+25+10+1.25, four plates
}

TEST_CASE("dumbbell and machine exercises round to their own step; other exercises to the athlete's, without plates")
{
    auto c = compile(gym + R"(program "P" {
  start 2027-01-04
  1 week "B" { days mon; curl 3x10 @ 50%; leg-curl 3x10 @ 70%; bench-press 3x5 @ 70% }
})");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(*mass_of(c.program(), 0, "curl") == 10);         // 10.5 kg in 2 kg steps: 5.25 steps → 5 → 10
    CHECK(*mass_of(c.program(), 0, "leg-curl") == 55);     // 56 kg in 5 kg steps: 11.2 → 11 → 55
    CHECK(*mass_of(c.program(), 0, "bench-press") == 85);  // 84 kg in 2.5 kg steps: 33.6 → 34 → 85
    CHECK_FALSE(exercise_of(c.program(), 0, "curl").sets[0].plates);
    CHECK_FALSE(exercise_of(c.program(), 0, "leg-curl").sets[0].plates);
    CHECK_FALSE(exercise_of(c.program(), 0, "bench-press").sets[0].plates);  // not marked barbell
}

TEST_CASE("a barbell load below the bar is a warning at the load, naming the bar, once; the bar alone is used")
{
    auto c = compile(gym + R"(program "P" { start 2027-01-04; 2 weeks "B" { days mon; squat 2x10 @ 5% } })");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& set = exercise_of(c.program(), 0, "squat").sets[0];
    CHECK(*set.mass == 20);
    REQUIRE(set.plates);
    CHECK(set.plates->empty());
    CHECK(count_of(c.diagnostics, "10 kg of squat is lighter than Alex's 20 kg bar; the bar alone is used") == 1);
    for (const auto& d : c.diagnostics)
        if (d.message.find("lighter than") != std::string::npos) {
            CHECK(d.severity == meso::Severity::warning);
            CHECK(d.span.line == 13);    // the program's line
            CHECK(d.span.column == 70);  // at `5%`
        }
}

TEST_CASE("a written barbell load the plates cannot make is a warning, and the nearest is used; one they make is not")
{
    auto c = compile(gym + R"(program "P" { start 2027-01-04; 1 week "B" { days mon; squat 1x5 @ 101 kg; squat 1x3 @ 102.5 kg } })");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& content = c.program().contents.at(c.program().sessions.at(0).content);
    REQUIRE(content.exercises.size() == 2);
    CHECK(*content.exercises[0].sets[0].mass == 100);  // 101 lies between 100 and 102.5, nearer 100
    CHECK(*content.exercises[0].sets[0].plates == std::vector<double>{25, 15});
    CHECK(*content.exercises[1].sets[0].mass == 102.5);
    CHECK(*content.exercises[1].sets[0].plates == std::vector<double>{25, 15, 1.25});
    CHECK(count_of(c.diagnostics, "101 kg of squat cannot be made with Alex's 20 kg bar and plates; the nearest, 100 kg, is used") == 1);
    CHECK(count_of(c.diagnostics, "cannot be made") == 1);
}

TEST_CASE("a pound athlete's barbell: 75% of 405 lb on a 45 lb bar is 305 lb, 45 + 45 + 35 + 5 a side")
{
    auto c = compile(R"(
athlete "Sam" { max squat 405 lb; bar 45 lb; plates 45 35 25 10 5 2.5 lb; barbell squat }
program "P" { start 2027-01-04; 1 week "B" { days mon; squat 1x5 @ 75% } }
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(c.program().unit == meso::ir::MassUnit::lb);
    const auto& set = exercise_of(c.program(), 0, "squat").sets[0];
    CHECK(*set.mass == 305);  // 303.75: 300 or 305 in 2.5 lb sides, 305 nearer
    CHECK(*set.plates == std::vector<double>{45, 45, 35, 5});
}

TEST_CASE("a deload week's 90% is loaded on the plates too")
{
    auto c = compile(gym + R"(program "P" { start 2027-01-04; 2 weeks "B" { days mon; squat 2x5 @ 75%; week 2 deload } })");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& set = exercise_of(c.program(), 1, "squat").sets[0];
    CHECK(*set.mass == 135);  // 90% of 75% of 200 = 135: 57.5 a side
    CHECK(*set.plates == std::vector<double>{25, 25, 5, 2.5});
}
