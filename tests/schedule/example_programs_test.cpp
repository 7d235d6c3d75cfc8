// The examples of issues 14 and 22, every load worked out by hand, week by week:
// examples/five-three-one.meso (5/3/1 with Boring But Big on a 90% training
// max), examples/hypertrophy-rir.meso (rep ranges by reps in reserve),
// examples/meet-peak.meso (planned backward from a competition, then a taper)
// and examples/squad.meso (one program for a group of three).
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

std::vector<bool> amraps(const meso::scheduling::ExercisePlan& e)
{
    std::vector<bool> out;
    for (const auto& s : e.sets) out.push_back(s.amrap);
    return out;
}

// The session of a block week on a weekday: 5/3/1 trains Mon, Tue, Thu, Fri.
std::size_t session_on(const meso::scheduling::ProgramSchedule& p, int week, std::chrono::weekday day, std::uint32_t block = 0)
{
    for (std::size_t i = 0; i < p.sessions.size(); ++i)
        if (p.sessions[i].block == block && p.sessions[i].week == week && p.sessions[i].weekday() == day) return i;
    FAIL("no session in block " << block << ", week " << week << " on weekday " << day.c_encoding());
    return 0;
}

// Each lift's masses in the four weeks of one cycle of 5/3/1 (its block).
struct LiftWeeks {
    std::vector<std::vector<double>> squat, deadlift, bench, press;
};

void check_cycle(const meso::scheduling::ProgramSchedule& p, std::uint32_t block, const LiftWeeks& expected)
{
    using std::chrono::Friday, std::chrono::Monday, std::chrono::Thursday, std::chrono::Tuesday;
    for (int week = 1; week <= 4; ++week) {
        INFO("block " << block << ", week " << week);
        const auto w = static_cast<std::size_t>(week - 1);
        CHECK(masses(exercise_of(p, session_on(p, week, Monday, block), "overhead-press")) == expected.press[w]);
        CHECK(masses(exercise_of(p, session_on(p, week, Tuesday, block), "deadlift")) == expected.deadlift[w]);
        CHECK(masses(exercise_of(p, session_on(p, week, Thursday, block), "bench-press")) == expected.bench[w]);
        const auto& sq = exercise_of(p, session_on(p, week, Friday, block), "squat");
        CHECK(masses(sq) == expected.squat[w]);
        // The third set is the AMRAP one in weeks 1-3 (5+, 3+, 1+); nothing is in week 4.
        std::vector<bool> amrap(sq.sets.size(), false);
        if (week < 4) amrap[2] = true;
        CHECK(amraps(sq) == amrap);
    }
}

}  // namespace

TEST_CASE("5/3/1 example: four cycles of four weeks, the training max raised each cycle, the last main set AMRAP in weeks 1 to 3")
{
    auto c = compile_example("five-three-one.meso");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.blocks.size() == 4);
    REQUIRE(p.sessions.size() == 64);
    for (std::uint32_t b = 0; b < 4; ++b) CHECK(p.blocks[b].cycle == std::to_string(b + 1));
    CHECK(p.blocks[3].start == date(2027, 5, 24));  // 12 weeks after 2027-03-01

    // Cycle 1, the training maxes 90% of the maxes.
    // Squat: max 200 kg, TM 180 kg. Weeks 1-3: 65/75/85, 70/80/90, 75/85/95% of 180 =
    // 117 135 153 | 126 144 162 | 135 153 171, then BBB 5x10 at 50% = 90; week 4 40/50/60% = 72 90 108.
    // Deadlift: max 230 kg, TM 207 kg: 134.55 155.25 175.95 | 144.9 165.6 186.3 | 155.25 175.95 196.65;
    // BBB 103.5; week 4 82.8 103.5 124.2.
    // Bench press: max 130 kg, TM 117 kg: 76.05 87.75 99.45 | 81.9 93.6 105.3 | 87.75 99.45 111.15;
    // BBB 58.5; week 4 46.8 58.5 70.2.
    // Overhead press: max 80 kg, TM 72 kg: 46.8 54 61.2 | 50.4 57.6 64.8 | 54 61.2 68.4; BBB 36;
    // week 4 28.8 36 43.2.
    check_cycle(
        p, 0,
        {{{117.5, 135, 152.5, 90, 90, 90, 90, 90},
          {125, 145, 162.5, 90, 90, 90, 90, 90},
          {135, 152.5, 170, 90, 90, 90, 90, 90},
          {72.5, 90, 107.5}},
         {{135, 155, 175, 102.5, 102.5, 102.5, 102.5, 102.5},
          {145, 165, 187.5, 102.5, 102.5, 102.5, 102.5, 102.5},
          {155, 175, 197.5, 102.5, 102.5, 102.5, 102.5, 102.5},
          {82.5, 102.5, 125}},
         {{75, 87.5, 100, 57.5, 57.5, 57.5, 57.5, 57.5},
          {82.5, 92.5, 105, 57.5, 57.5, 57.5, 57.5, 57.5},
          {87.5, 100, 110, 57.5, 57.5, 57.5, 57.5, 57.5},
          {47.5, 57.5, 70}},
         {{47.5, 55, 60, 35, 35, 35, 35, 35}, {50, 57.5, 65, 35, 35, 35, 35, 35}, {55, 60, 67.5, 35, 35, 35, 35, 35}, {30, 35, 42.5}}});

    // Cycle 4: three raises. Squat TM 180 + 15 = 195 kg: 126.75 146.25 165.75 | 136.5 156 175.5 | 146.25 165.75 185.25;
    // BBB 97.5; week 4 78 97.5 117.
    // Deadlift TM 207 + 15 = 222 kg: 144.3 166.5 188.7 | 155.4 177.6 199.8 | 166.5 188.7 210.9; BBB 111; week 4 88.8 111 133.2.
    // Bench press TM 117 + 7.5 = 124.5 kg: 80.925 93.375 105.825 | 87.15 99.6 112.05 | 93.375 105.825 118.275; BBB 62.25;
    // week 4 49.8 62.25 74.7.
    // Overhead press TM 72 + 7.5 = 79.5 kg: 51.675 59.625 67.575 | 55.65 63.6 71.55 | 59.625 67.575 75.525; BBB 39.75;
    // week 4 31.8 39.75 47.7.
    check_cycle(p, 3,
                {{{127.5, 147.5, 165, 97.5, 97.5, 97.5, 97.5, 97.5},
                  {137.5, 155, 175, 97.5, 97.5, 97.5, 97.5, 97.5},
                  {147.5, 165, 185, 97.5, 97.5, 97.5, 97.5, 97.5},
                  {77.5, 97.5, 117.5}},
                 {{145, 167.5, 187.5, 110, 110, 110, 110, 110},
                  {155, 177.5, 200, 110, 110, 110, 110, 110},
                  {167.5, 187.5, 210, 110, 110, 110, 110, 110},
                  {90, 110, 132.5}},
                 {{80, 92.5, 105, 62.5, 62.5, 62.5, 62.5, 62.5},
                  {87.5, 100, 112.5, 62.5, 62.5, 62.5, 62.5, 62.5},
                  {92.5, 105, 117.5, 62.5, 62.5, 62.5, 62.5, 62.5},
                  {50, 62.5, 75}},
                 {{52.5, 60, 67.5, 40, 40, 40, 40, 40},
                  {55, 62.5, 72.5, 40, 40, 40, 40, 40},
                  {60, 67.5, 75, 40, 40, 40, 40, 40},
                  {32.5, 40, 47.5}}});

    // Rules see % of the 1RM: 85% of a 90% training max is 76.5%; in cycle 4, 85% of 195 kg is 82.875% of 200 kg.
    using std::chrono::Friday;
    const auto& week1_squat = exercise_of(p, session_on(p, 1, Friday), "squat");
    CHECK(week1_squat.sets[2].percent == Approx(76.5));
    CHECK(week1_squat.sets[2].tm_percent == 85);
    CHECK(week1_squat.sets[2].reps == 5);
    const auto& cycle4_squat = exercise_of(p, session_on(p, 1, Friday, 3), "squat");
    CHECK(cycle4_squat.sets[2].percent == Approx(82.875));
    CHECK(cycle4_squat.sets[2].tm_percent == 85);
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

namespace {

// The repetitions of a block week, every set of every session counted.
int reps_of_week(const meso::scheduling::ProgramSchedule& p, std::uint32_t block, int week)
{
    int reps = 0;
    for (const auto& s : p.sessions) {
        if (s.block != block || s.week != week) continue;
        for (const auto& e : p.contents.at(s.content).exercises)
            for (const auto& set : e.sets) reps += set.reps;
    }
    return reps;
}

}  // namespace

TEST_CASE("meet peak example: planned backward from the last competition, a strength block, then the taper's volume down at the same loads")
{
    auto c = compile_example("meet-peak.meso");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    // Nationals on Saturday 2027-06-12: the plan ends the day before; 9 + 2 weeks back from there.
    CHECK(p.end == date(2027, 6, 11));
    CHECK(p.start == date(2027, 3, 27));
    REQUIRE(p.blocks.size() == 2);
    CHECK(p.blocks[0].name == "Powerlifting");
    CHECK(p.blocks[0].end == date(2027, 5, 28));
    CHECK(p.blocks[1].name == "Taper");
    CHECK(p.blocks[1].start == date(2027, 5, 29));
    // 9 weeks x 3 sessions, less Friday 2027-04-30 (the club meet), then 2 weeks x 3.
    CHECK(p.blocks[0].session_count == 26);
    CHECK(p.blocks[1].session_count == 6);
    REQUIRE(p.sessions.size() == 32);
    for (const auto& s : p.sessions) CHECK(s.date != date(2027, 4, 30));
    CHECK(p.sessions.back().date == date(2027, 6, 11));

    using std::chrono::Friday, std::chrono::Monday, std::chrono::Wednesday;
    // Powerlifting week 1: 60% of 180 = 108 -> 107.5; 60% of 115 = 69 -> 70.
    CHECK(masses(exercise_of(p, session_on(p, 1, Monday), "squat")) == std::vector<double>{107.5, 107.5, 107.5, 107.5});
    CHECK(masses(exercise_of(p, session_on(p, 1, Monday), "bench-press")) == std::vector<double>{70, 70, 70, 70});
    // Week 8 deloads: half the sets (4 -> 2) at 90% of 77.5% of 180 = 125.55 -> 125.
    CHECK(masses(exercise_of(p, session_on(p, 8, Monday), "squat")) == std::vector<double>{125, 125});
    // Week 9, the heaviest: 80% of 180 = 144 -> 145, 80% of 115 = 92 -> 92.5; deadlift 85% of 210 = 178.5 -> 177.5.
    const auto week9_monday = session_on(p, 9, Monday);
    CHECK(masses(exercise_of(p, week9_monday, "squat")) == std::vector<double>{145, 145, 145, 145});
    CHECK(masses(exercise_of(p, week9_monday, "bench-press")) == std::vector<double>{92.5, 92.5, 92.5, 92.5});
    CHECK(masses(exercise_of(p, session_on(p, 9, Wednesday), "deadlift")) == std::vector<double>{177.5, 177.5, 177.5, 177.5});

    // The taper keeps those loads (intensity kept) on the same three days.
    std::vector<std::size_t> taper;
    for (std::size_t i = 0; i < p.sessions.size(); ++i)
        if (p.sessions[i].block == 1) taper.push_back(i);
    REQUIRE(taper.size() == 6);
    CHECK(p.sessions[taper[0]].date == date(2027, 5, 31));
    CHECK(p.sessions[taper[0]].weekday() == Monday);
    CHECK(masses(exercise_of(p, taper[0], "squat")) == std::vector<double>{145, 145, 145, 145});
    CHECK(masses(exercise_of(p, taper[0], "bench-press")) == std::vector<double>{92.5, 92.5, 92.5, 92.5});
    CHECK(masses(exercise_of(p, taper[1], "deadlift")) == std::vector<double>{177.5, 177.5});
    CHECK(masses(exercise_of(p, taper[3], "squat")) == std::vector<double>{145, 145, 145});
    CHECK(masses(exercise_of(p, taper[4], "deadlift")) == std::vector<double>{177.5, 177.5, 177.5, 177.5, 177.5});
    CHECK(p.sessions[taper[5]].weekday() == Friday);
    CHECK(masses(exercise_of(p, taper[5], "squat")) == std::vector<double>{145, 145});

    // Volume: a powerlifting week holds 44 squat, 64 bench-press and 12 deadlift reps (120);
    // the taper 24 + 36 + 6 = 66 in week 1 (45% fewer), 18 + 26 + 5 = 49 in week 2 (59% fewer).
    CHECK(reps_of_week(p, 0, 9) == 120);
    CHECK(reps_of_week(p, 1, 1) == 66);
    CHECK(reps_of_week(p, 1, 2) == 49);
}

TEST_CASE("squad example: one program per member of the group, each squat from the member's own max and step")
{
    auto c = compile_example("squad.meso");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    REQUIRE(c.schedule.programs.size() == 3);
    using std::chrono::Monday;
    // 70% +2.5% per week; week 4 deloads: 90% of 77.5% = 69.75%. Ann's max 100 kg, Ben's 140 kg (2.5 kg step),
    // Cat's 120 kg on her 5 kg step:
    //   Ann 70 72.5 75 69.75 -> 70 72.5 75 70
    //   Ben 98 101.5 105 97.65 -> 97.5 102.5 105 97.5
    //   Cat 84 87 90 83.7 -> 85 85 90 85
    const std::vector<std::pair<std::string, std::vector<double>>> squats = {
        {"Ann", {70, 72.5, 75, 70}}, {"Ben", {97.5, 102.5, 105, 97.5}}, {"Cat", {85, 85, 90, 85}}};
    for (std::size_t i = 0; i < squats.size(); ++i) {
        const auto& p = c.program(i);
        INFO(squats[i].first);
        CHECK(p.athlete == squats[i].first);
        REQUIRE(p.sessions.size() == 12);
        for (int week = 1; week <= 4; ++week) {
            INFO("week " << week);
            CHECK(mass_of(p, session_on(p, week, Monday), "squat") == squats[i].second[static_cast<std::size_t>(week - 1)]);
        }
    }
}
