// The two examples of issue 14, every load worked out by hand, week by week:
// examples/five-three-one.meso (5/3/1 with Boring But Big on a 90% training
// max) and examples/hypertrophy-rir.meso (rep ranges by reps in reserve).
// Loads round to 2.5 kg, nearest, halves up.
#include <catch2/catch.hpp>

#include "tests/schedule/schedule_support.h"
#include "tests/support/support.h"

using namespace meso::test::schedule;
using meso::test::compile;
using meso::test::messages;

namespace {

meso::test::Compiled compile_example(const std::string& name)
{
    return compile(meso::test::read_file(meso::test::source_dir() + "/examples/" + name), "examples/" + name);
}

std::vector<bool> amraps(const meso::ExercisePlan& e)
{
    std::vector<bool> out;
    for (const auto& s : e.sets) out.push_back(s.amrap);
    return out;
}

// The session of a block week on a weekday: 5/3/1 trains Mon, Tue, Thu, Fri.
std::size_t session_on(const meso::ProgramSchedule& p, int week, std::chrono::weekday day)
{
    for (std::size_t i = 0; i < p.sessions.size(); ++i)
        if (p.sessions[i].week == week && p.sessions[i].weekday() == day) return i;
    FAIL("no session in week " << week << " on weekday " << day.c_encoding());
    return 0;
}

}  // namespace

TEST_CASE("5/3/1 example: each lift's four weeks from a 90% training max, the last main set AMRAP in weeks 1 to 3")
{
    auto c = compile_example("five-three-one.meso");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 16);
    using std::chrono::Friday, std::chrono::Monday, std::chrono::Thursday, std::chrono::Tuesday;

    // Squat: max 200 kg, TM 180 kg. Weeks 1-3: 65/75/85, 70/80/90, 75/85/95% of 180 =
    // 117 135 153 | 126 144 162 | 135 153 171, then BBB 5x10 at 50% = 90; week 4 40/50/60% = 72 90 108.
    const std::vector<std::vector<double>> squat = {{117.5, 135, 152.5, 90, 90, 90, 90, 90},
                                                    {125, 145, 162.5, 90, 90, 90, 90, 90},
                                                    {135, 152.5, 170, 90, 90, 90, 90, 90},
                                                    {72.5, 90, 107.5}};
    // Deadlift: max 230 kg, TM 207 kg: 134.55 155.25 175.95 | 144.9 165.6 186.3 | 155.25 175.95 196.65;
    // BBB 103.5; week 4 82.8 103.5 124.2.
    const std::vector<std::vector<double>> deadlift = {{135, 155, 175, 102.5, 102.5, 102.5, 102.5, 102.5},
                                                       {145, 165, 187.5, 102.5, 102.5, 102.5, 102.5, 102.5},
                                                       {155, 175, 197.5, 102.5, 102.5, 102.5, 102.5, 102.5},
                                                       {82.5, 102.5, 125}};
    // Bench press: max 130 kg, TM 117 kg: 76.05 87.75 99.45 | 81.9 93.6 105.3 | 87.75 99.45 111.15;
    // BBB 58.5; week 4 46.8 58.5 70.2.
    const std::vector<std::vector<double>> bench = {{75, 87.5, 100, 57.5, 57.5, 57.5, 57.5, 57.5},
                                                    {82.5, 92.5, 105, 57.5, 57.5, 57.5, 57.5, 57.5},
                                                    {87.5, 100, 110, 57.5, 57.5, 57.5, 57.5, 57.5},
                                                    {47.5, 57.5, 70}};
    // Overhead press: max 80 kg, TM 72 kg: 46.8 54 61.2 | 50.4 57.6 64.8 | 54 61.2 68.4; BBB 36;
    // week 4 28.8 36 43.2.
    const std::vector<std::vector<double>> press = {
        {47.5, 55, 60, 35, 35, 35, 35, 35}, {50, 57.5, 65, 35, 35, 35, 35, 35}, {55, 60, 67.5, 35, 35, 35, 35, 35}, {30, 35, 42.5}};
    for (int week = 1; week <= 4; ++week) {
        INFO("week " << week);
        const auto w = static_cast<std::size_t>(week - 1);
        CHECK(masses(exercise_of(p, session_on(p, week, Monday), "overhead-press")) == press[w]);
        CHECK(masses(exercise_of(p, session_on(p, week, Tuesday), "deadlift")) == deadlift[w]);
        CHECK(masses(exercise_of(p, session_on(p, week, Thursday), "bench-press")) == bench[w]);
        const auto& sq = exercise_of(p, session_on(p, week, Friday), "squat");
        CHECK(masses(sq) == squat[w]);
        // The third set is the AMRAP one in weeks 1-3 (5+, 3+, 1+); nothing is in week 4.
        std::vector<bool> expected(sq.sets.size(), false);
        if (week < 4) expected[2] = true;
        CHECK(amraps(sq) == expected);
    }
    // Rules see % of the 1RM: 85% of a 90% training max is 76.5%.
    const auto& week1_squat = exercise_of(p, session_on(p, 1, Friday), "squat");
    CHECK(week1_squat.sets[2].percent == Approx(76.5));
    CHECK(week1_squat.sets[2].tm_percent == 85);
    CHECK(week1_squat.sets[2].reps == 5);
}

TEST_CASE("hypertrophy example: rep ranges at RIR 2 with the same starting loads each week, then a deload week")
{
    auto c = compile_example("hypertrophy-rir.meso");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    // 6 weeks x 4 sessions, then the deload template's 3.
    REQUIRE(p.sessions.size() == 27);
    using std::chrono::Monday, std::chrono::Tuesday;
    for (int week = 1; week <= 6; ++week) {
        INFO("week " << week);
        // Squat 65% of 140 = 91 -> 90; bench press 65% of 90 = 58.5 -> 57.5; overhead press 60% of 55 = 33 -> 32.5.
        const auto& squat = exercise_of(p, session_on(p, week, Monday), "squat");
        CHECK(masses(squat) == std::vector<double>{90, 90, 90});
        CHECK(squat.sets[0].reps == 8);
        CHECK(squat.sets[0].reps_max == 12);
        CHECK(squat.sets[0].rir == 2);
        CHECK(masses(exercise_of(p, session_on(p, week, Tuesday), "bench-press")) == std::vector<double>{57.5, 57.5, 57.5});
        CHECK(masses(exercise_of(p, session_on(p, week, Tuesday), "overhead-press")) == std::vector<double>{32.5, 32.5, 32.5});
        // Loaded by effort alone: no kilograms, the range and the RIR.
        const auto& row = exercise_of(p, session_on(p, week, Tuesday), "row");
        CHECK_FALSE(row.sets[0].mass);
        CHECK(row.sets[0].rir == 2);
        const auto& pull_up = exercise_of(p, session_on(p, week, Tuesday), "pull-up");
        CHECK(pull_up.sets[0].reps == 6);
        CHECK(pull_up.sets[0].reps_max == 10);
    }
    // The deload week: 50% of 140, 90 and 160 kg.
    const std::size_t deload = 24;
    CHECK(p.blocks.at(1).name == "Deload");
    CHECK(masses(exercise_of(p, deload, "squat")) == std::vector<double>{70, 70});
    CHECK(masses(exercise_of(p, deload, "bench-press")) == std::vector<double>{45, 45});
    CHECK(masses(exercise_of(p, deload, "deadlift")) == std::vector<double>{80, 80});
}
