// The prescriptions coaches write (issue 14): per-set loads, AMRAP, the
// training max, effort, rep ranges, timed sets, each side, warm-ups and
// supersets, as the sessions of a schedule hold them. The loads are worked
// out by hand in each test's comments.
#include <catch2/catch.hpp>

#include "tests/schedule/schedule_support.h"
#include "tests/support/support.h"

using namespace meso::test::schedule;
using meso::test::compile;
using meso::test::has_message;
using meso::test::messages;

namespace {

const std::string five_three_one_athlete = R"(
athlete "Sam" {
  max squat 200 kg
  training-max 90%
  round 2.5 kg
}
)";

}  // namespace

TEST_CASE("5/3/1 week 1 on a 200 kg squat with a 90% training max is 117.5, 135 and 152.5 kg, the last set AMRAP")
{
    auto c = compile(five_three_one_athlete + R"(
program "P" for "Sam" {
  start 2027-01-04
  1 week "531" {
    days mon
    squat 65% TM x 5, 75% TM x 5, 85% TM x 5+
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& squat = exercise_of(c.program(), 0, "squat");
    REQUIRE(squat.sets.size() == 3);
    // TM = 200 × 90% = 180 kg; 180 × 65% = 117 → 117.5; × 75% = 135; × 85% = 153 → 152.5 (2.5 kg steps).
    CHECK(masses(squat) == std::vector<double>{117.5, 135, 152.5});
    // % of the 1RM from the unrounded TM: 0.9 × 65 = 58.5, 0.9 × 75 = 67.5, 0.9 × 85 = 76.5.
    CHECK(squat.sets[0].percent == Approx(58.5));
    CHECK(squat.sets[1].percent == Approx(67.5));
    CHECK(squat.sets[2].percent == Approx(76.5));
    CHECK(squat.sets[2].tm_percent == 85);
    CHECK_FALSE(squat.sets[0].amrap);
    CHECK_FALSE(squat.sets[1].amrap);
    CHECK(squat.sets[2].amrap);
    CHECK(squat.sets[2].reps == 5);
}

TEST_CASE("a training max written for the exercise wins over the share of every max, and is not rounded")
{
    auto c = compile(R"(
athlete "Sam" { max squat 200 kg; training-max 90%; training-max squat 171 kg }
program "P" for "Sam" {
  start 2027-01-04
  1 week "B" { days mon; squat 1x5 @ 85% TM }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& squat = exercise_of(c.program(), 0, "squat");
    // 171 × 85% = 145.35 → 145 (2.5 kg steps); of the 1RM: 171 × 85 / 200 = 72.675%.
    CHECK(squat.sets[0].mass == 145);
    CHECK(squat.sets[0].percent == Approx(72.675));
}

TEST_CASE("a training max without a max gives kilograms and no percent of the 1RM")
{
    auto c = compile(R"(
athlete "Sam" { training-max squat 180 kg }
program "P" for "Sam" {
  start 2027-01-04
  1 week "B" { days mon; squat 3x5 @ 75% TM }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& squat = exercise_of(c.program(), 0, "squat");
    CHECK(squat.sets[0].mass == 135);
    CHECK_FALSE(squat.sets[0].percent);
    CHECK(squat.sets[0].tm_percent == 75);
}

TEST_CASE("a % TM load without a training max for the exercise is an error at the load")
{
    auto c = compile(R"(
athlete "Sam" { max squat 200 kg }
program "P" for "Sam" {
  start 2027-01-04
  1 week "B" { days mon; squat 5x5 @ 75% TM }
}
)");
    REQUIRE(meso::has_errors(c.diagnostics));
    CHECK(has_message(c.diagnostics, "share of the training max"));
    CHECK(has_message(c.diagnostics, "training-max 90%"));
}

TEST_CASE("a share of every max and no max for the exercise leaves its kilograms unknown, not its percent of the max, and is no error")
{
    auto c = compile(R"(
athlete "Sam" {
  max squat 200 kg
  training-max 90%
}
program "P" for "Sam" {
  start 2027-01-04
  1 week "B" { days mon; bench-press 3x5 @ 75% TM }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& bench = exercise_of(c.program(), 0, "bench-press");
    CHECK(bench.percent_without_max);
    CHECK_FALSE(bench.sets[0].mass);
    // 75% of a training max that is 90% of the (unwritten) max: 67.5% of it, for the rules.
    CHECK(bench.sets[0].percent == Approx(67.5));
    CHECK(bench.sets[0].tm_percent == 75);
}

TEST_CASE("85% alone stays a percent of the 1RM when the athlete has a training max")
{
    auto c = compile(five_three_one_athlete + R"(
program "P" for "Sam" { start 2027-01-04; 1 week "B" { days mon; squat 1x5 @ 85% } }
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& squat = exercise_of(c.program(), 0, "squat");
    CHECK(squat.sets[0].mass == 170);  // 200 × 85%
    CHECK(squat.sets[0].percent == 85);
    CHECK_FALSE(squat.sets[0].tm_percent);
}

TEST_CASE("20% x 30,15,15,15 is still one load for four sets")
{
    auto c = compile(alex + R"(
program "P" for "Alex" { start 2027-01-04; 1 week "B" { days mon; squat 20% x 30,15,15,15 } }
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& squat = exercise_of(c.program(), 0, "squat");
    REQUIRE(squat.sets.size() == 4);
    for (const auto& s : squat.sets) CHECK(s.mass == 35);  // 36 → 35
    CHECK(squat.sets[0].reps == 30);
    CHECK(squat.sets[3].reps == 15);
}

TEST_CASE("3x5+ makes only the last set of the group AMRAP")
{
    auto c = compile(alex + R"(
program "P" for "Alex" { start 2027-01-04; 1 week "B" { days mon; squat 3x5+ @ 85% } }
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& squat = exercise_of(c.program(), 0, "squat");
    REQUIRE(squat.sets.size() == 3);
    CHECK_FALSE(squat.sets[0].amrap);
    CHECK_FALSE(squat.sets[1].amrap);
    CHECK(squat.sets[2].amrap);
}

TEST_CASE("effort, rep ranges, timed sets and each side reach every set")
{
    auto c = compile(alex + R"(
program "P" for "Alex" {
  start 2027-01-04
  1 week "B" {
    days mon
    squat 3x8-12 @ 70% RIR 2
    bench-press 3x8 @ RPE 8
    deadlift 2x5 @ 80% RPE 8
    plank 3x45 s
    hang 2x1 min
    lunge 3x10 @ 20 kg each side
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& squat = exercise_of(c.program(), 0, "squat");
    CHECK(squat.sets[0].reps == 8);
    CHECK(squat.sets[0].reps_max == 12);
    CHECK(squat.sets[0].rir == 2);
    CHECK(squat.sets[0].mass == 125);  // 180 × 70% = 126 → 125
    const auto& bench = exercise_of(c.program(), 0, "bench-press");
    CHECK(bench.sets[0].rpe == 8);
    CHECK_FALSE(bench.sets[0].mass);
    const auto& deadlift = exercise_of(c.program(), 0, "deadlift");
    CHECK(deadlift.sets[0].rpe == 8);
    CHECK(deadlift.sets[0].mass == 175);  // 220 × 80% = 176 → 175
    const auto& plank = exercise_of(c.program(), 0, "plank");
    CHECK(plank.sets.size() == 3);
    CHECK(plank.sets[0].seconds == 45);
    CHECK(plank.sets[0].reps == 0);
    CHECK(exercise_of(c.program(), 0, "hang").sets[0].seconds == 60);
    const auto& lunge = exercise_of(c.program(), 0, "lunge");
    CHECK(lunge.each_side);
    CHECK(lunge.sets[0].mass == 20);
}

TEST_CASE("warm-up sets come first, from percentages of the training max, and a deload keeps them")
{
    auto c = compile(five_three_one_athlete + R"(
program "P" for "Sam" {
  start 2027-01-04
  2 weeks "B" {
    days mon
    squat 3x5 @ 85% TM warm-up 40% TM x 5, 50% TM x 5, 60% TM x 3 rest 3 min
    week 2 deload
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& week1 = exercise_of(c.program(), 0, "squat");
    REQUIRE(week1.sets.size() == 6);
    // TM 180 kg: 72, 90, 108 → 72.5, 90, 107.5; the work sets 153 → 152.5.
    CHECK(masses(week1) == std::vector<double>{72.5, 90, 107.5, 152.5, 152.5, 152.5});
    CHECK(week1.sets[0].warm_up);
    CHECK(week1.sets[2].warm_up);
    CHECK(week1.sets[2].reps == 3);
    CHECK_FALSE(week1.sets[3].warm_up);
    CHECK(week1.rest_s == 180);
    // Deload: the warm-ups kept, half the 3 work sets rounded up (2), each load at 90%:
    // 180 × 40% × 0.9 = 64.8 → 65; × 50% × 0.9 = 81 → 80; × 60% × 0.9 = 97.2 → 97.5; × 85% × 0.9 = 137.7 → 137.5.
    const auto& week2 = exercise_of(c.program(), 1, "squat");
    REQUIRE(week2.sets.size() == 5);
    CHECK(masses(week2) == std::vector<double>{65, 80, 97.5, 137.5, 137.5});
}

TEST_CASE("per-set loads keep their progression, and a deload halves the work sets of the list")
{
    auto c = compile(alex + R"(
program "P" for "Alex" {
  start 2027-01-04
  3 weeks "B" {
    days mon
    squat 60% +5% per week x 5, 70% +5% per week x 3, 80% +5% per week x 1
    week 3 deload
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    // Week 2: 65% 70% → 75% 85%: 117 → 117.5, 135, 153 → 152.5.
    CHECK(masses(exercise_of(c.program(), 1, "squat")) == std::vector<double>{117.5, 135, 152.5});
    // Week 3 deload: the first 2 of 3 sets, 70% × 0.9 = 63% → 113.4 → 112.5; 80% × 0.9 = 72% → 129.6 → 130.
    CHECK(masses(exercise_of(c.program(), 2, "squat")) == std::vector<double>{112.5, 130});
}

TEST_CASE("the exercises of a superset share a number in their session, counted from 1, and take the group's rest")
{
    auto c = compile(alex + R"(
program "P" for "Alex" {
  start 2027-01-04
  1 week "B" {
    days mon
    squat 3x5 @ 75%
    superset {
      curl 3x10 @ 20 kg
      triceps-extension 3x10 @ 15 kg
    } rest 90 s
    circuit {
      dip 2x10
      chin-up 2x8 rest 30 s
    }
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(exercise_of(c.program(), 0, "squat").superset == 0);
    CHECK(exercise_of(c.program(), 0, "curl").superset == 1);
    CHECK(exercise_of(c.program(), 0, "triceps-extension").superset == 1);
    CHECK(exercise_of(c.program(), 0, "curl").rest_s == 90);
    CHECK(exercise_of(c.program(), 0, "dip").superset == 2);
    CHECK(exercise_of(c.program(), 0, "chin-up").superset == 2);
    CHECK(exercise_of(c.program(), 0, "chin-up").rest_s == 30);
}

TEST_CASE("a superset whose exercises have different numbers of sets is a warning at the odd one")
{
    auto c = compile(alex + R"(
program "P" for "Alex" {
  start 2027-01-04
  1 week "B" {
    days mon
    superset {
      curl 3x10 @ 20 kg
      dip 4x10
    }
  }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(has_message(c.diagnostics, "dip has 4 sets where curl has 3"));
}
