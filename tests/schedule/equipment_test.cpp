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
    REQUIRE(c.program().plates_of(squat.sets[0]));
    CHECK(*c.program().plates_of(squat.sets[0]) == std::vector<double>{25, 25, 15});
    CHECK(*c.program().plates_of(squat.sets[4]) == std::vector<double>{25, 25, 15});
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
    CHECK(*c.program().plates_of(set) == std::vector<double>{25, 20, 20});
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
    CHECK(*set.mass == 142.5);                                                    // 61.25 a side
    CHECK(*c.program().plates_of(set) == std::vector<double>{25, 25, 10, 1.25});  // 61.25 = 25+25+10+1.25, four plates
}

TEST_CASE("dumbbell and machine exercises round to their own step, other exercises to the athlete's, without plates")
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
    CHECK_FALSE(c.program().plates_of(exercise_of(c.program(), 0, "curl").sets[0]));
    CHECK_FALSE(c.program().plates_of(exercise_of(c.program(), 0, "leg-curl").sets[0]));
    CHECK_FALSE(c.program().plates_of(exercise_of(c.program(), 0, "bench-press").sets[0]));  // not marked barbell
}

TEST_CASE("a barbell load below the bar is a warning at the load, naming the bar, once, the bar alone is used")
{
    auto c = compile(gym + R"(program "P" { start 2027-01-04; 2 weeks "B" { days mon; squat 2x10 @ 5% } })");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& set = exercise_of(c.program(), 0, "squat").sets[0];
    CHECK(*set.mass == 20);
    REQUIRE(c.program().plates_of(set));
    CHECK(c.program().plates_of(set)->empty());
    CHECK(count_of(c.diagnostics, "10 kg of squat is lighter than Alex's 20 kg bar; the bar alone is used") == 1);
    for (const auto& d : c.diagnostics)
        if (d.message.find("lighter than") != std::string::npos) {
            CHECK(d.severity == meso::Severity::warning);
            CHECK(d.span.line == 13);    // the program's line
            CHECK(d.span.column == 70);  // at `5%`
        }
}

TEST_CASE("a written barbell load the plates cannot make is a warning, and the nearest is used, one they make is not")
{
    auto c = compile(gym + R"(program "P" { start 2027-01-04; 1 week "B" { days mon; squat 1x5 @ 101 kg; squat 1x3 @ 102.5 kg } })");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& content = c.program().contents.at(c.program().sessions.at(0).content);
    REQUIRE(content.exercises.size() == 2);
    CHECK(*content.exercises[0].sets[0].mass == 100);  // 101 lies between 100 and 102.5, nearer 100
    CHECK(*c.program().plates_of(content.exercises[0].sets[0]) == std::vector<double>{25, 15});
    CHECK(*content.exercises[1].sets[0].mass == 102.5);
    CHECK(*c.program().plates_of(content.exercises[1].sets[0]) == std::vector<double>{25, 15, 1.25});
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
    CHECK(*c.program().plates_of(set) == std::vector<double>{45, 45, 35, 5});
}

TEST_CASE("a deload week's 90% is loaded on the plates too")
{
    auto c = compile(gym + R"(program "P" { start 2027-01-04; 2 weeks "B" { days mon; squat 2x5 @ 75%; week 2 deload } })");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& set = exercise_of(c.program(), 1, "squat").sets[0];
    CHECK(*set.mass == 135);  // 90% of 75% of 200 = 135: 57.5 a side
    CHECK(*c.program().plates_of(set) == std::vector<double>{25, 25, 5, 2.5});
}

namespace {

// examples/five-three-one.meso's athlete, with a bar, plates and the squat on the bar.
const std::string jordan = R"(use std.templates
athlete "Jordan" {
  max squat 200 kg
  max deadlift 230 kg
  max bench-press 130 kg
  max overhead-press 80 kg
  training-max 90%
  bar 20 kg
  plates 25 20 15 10 5 2.5 1.25 kg
  barbell squat
}
)";

// The plates of a side of each set, in order.
std::vector<std::vector<double>> plates_of_sets(const meso::scheduling::ProgramSchedule& p, const meso::scheduling::ExercisePlan& e)
{
    std::vector<std::vector<double>> out;
    for (const auto& s : e.sets) {
        const auto* plates = p.plates_of(s);
        out.push_back(plates ? *plates : std::vector<double>{-1});
    }
    return out;
}

}  // namespace

TEST_CASE("5/3/1 week 1 on a 200 kg squat with a 90% training max: every set group gets its own plates")
{
    auto c = compile(jordan + R"(program "5/3/1" for "Jordan" { start 2027-03-01; 4 weeks five-three-one })");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    // Week 1's Friday (mon tue thu fri from Monday 1 March): session 3.
    const auto& squat = exercise_of(c.program(), 3, "squat");
    // The training max is 90% of 200 = 180 kg; the bar and pairs of plates
    // make 20 + 2 × 1.25 k kg, every 2.5 kg from 20.
    //   65% TM = 117 kg: 48.5 a side; 47.5 (115 kg) or 48.75 (117.5 kg), the
    //     latter nearer: 117.5 = 20 + 2 × (25 + 20 + 2.5 + 1.25), four plates
    //     (no three make 48.75: it needs the 1.25, and no two make 47.5).
    //   75% TM = 135 kg: 57.5 a side = 25 + 25 + 5 + 2.5 (no three make it;
    //     of the four-plate ways, 25 + 20 + 10 + 2.5 and 20 + 20 + 15 + 2.5,
    //     the heaviest first).
    //   85% TM = 153 kg: 66.5 a side; 66.25 (152.5 kg) is nearer than 67.5
    //     (155 kg): 152.5 = 20 + 2 × (25 + 25 + 15 + 1.25).
    //   Boring But Big, 50% TM = 90 kg: 35 a side = 25 + 10.
    CHECK(masses(squat) == std::vector<double>{117.5, 135, 152.5, 90, 90, 90, 90, 90});
    CHECK(plates_of_sets(c.program(), squat) ==
          std::vector<std::vector<double>>{
              {25, 20, 2.5, 1.25}, {25, 25, 5, 2.5}, {25, 25, 15, 1.25}, {25, 10}, {25, 10}, {25, 10}, {25, 10}, {25, 10}});
    CHECK(squat.sets[2].amrap);
    CHECK(*squat.sets[2].tm_percent == 85);
    CHECK(*squat.sets[2].percent == 76.5);  // 85% of a 90% training max, of the 1RM
    // The deadlift is not marked barbell: rounded to the 2.5 kg step, no plates.
    // 65% of its 207 kg training max is 134.55 kg, 135 in 2.5 kg steps.
    const auto& deadlift = exercise_of(c.program(), 1, "deadlift");
    CHECK(*deadlift.sets[0].mass == 135);
    CHECK(c.program().plates_of(deadlift.sets[0]) == nullptr);
    CHECK(count_of(c.diagnostics, "lighter than") + count_of(c.diagnostics, "cannot be made") == 0);
}

TEST_CASE("a warm-up below the bar is a warning at its load and the bar alone, the other warm-ups get their plates")
{
    auto c = compile(jordan + R"(program "P" for "Jordan" {
  start 2027-03-01
  1 week "B" { days mon; squat 65% TM x 5, 75% TM x 5, 85% TM x 5+ warm-up 10% TM x 10, 40% TM x 5 }
})");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& squat = exercise_of(c.program(), 0, "squat");
    REQUIRE(squat.sets.size() == 5);
    CHECK(squat.sets[0].warm_up);
    // 10% TM = 18 kg, below the 20 kg bar: the bar alone.
    CHECK(*squat.sets[0].mass == 20);
    REQUIRE(c.program().plates_of(squat.sets[0]) != nullptr);
    CHECK(c.program().plates_of(squat.sets[0])->empty());
    // 40% TM = 72 kg: 26 a side, 26.25 (72.5 kg) nearer than 25 (70 kg): 25 + 1.25.
    CHECK(*squat.sets[1].mass == 72.5);
    CHECK(*c.program().plates_of(squat.sets[1]) == std::vector<double>{25, 1.25});
    CHECK(*squat.sets[2].mass == 117.5);
    CHECK(count_of(c.diagnostics, "18 kg of squat is lighter than Jordan's 20 kg bar; the bar alone is used") == 1);
    for (const auto& d : c.diagnostics)
        if (d.message.find("lighter than") != std::string::npos) {
            CHECK(d.severity == meso::Severity::warning);
            CHECK(d.span.line == 14);    // the program's block line
            CHECK(d.span.column == 76);  // at the warm-up's `10% TM`
        }
}
