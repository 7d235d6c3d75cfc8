// meso stats: the figures of engine/stats, worked out by hand in the
// comments for the flagship example and for an athlete in pounds, and the
// command's formats and errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "engine/stats/stats.h"
#include "tests/support/support.h"

using namespace meso;
using namespace meso::test;

namespace {

const stats::ExerciseWeek& exercise(const stats::Week& week, const std::string& name)
{
    for (const auto& e : week.exercises)
        if (e.name == name) return e;
    FAIL("no exercise " << name << " in week " << week.week);
    throw;
}

}  // namespace

TEST_CASE("the flagship's Kaatsu weeks: 12 sessions on 6 days, 96 sets, 1800 reps, 31500 kg of squats")
{
    auto c = compile(read_file(source_dir() + "/examples/kaatsu-then-powerlifting.meso"), "flagship.meso");
    REQUIRE_FALSE(has_errors(c.diagnostics));
    const auto s = stats::program_stats(c.program());
    REQUIRE(s.blocks.size() == 2);
    const auto& kaatsu = s.blocks[0];
    CHECK(kaatsu.bfr);
    REQUIRE(kaatsu.weeks.size() == 3);
    for (const auto& w : kaatsu.weeks) {
        // Mon-Sat at 08:00 and 16:00; each session squat and leg-curl 4 sets of 30/15/15/15 at 20%:
        // 8 sets and 150 reps a session. Squat: 20% of 180 kg = 36, rounded to 2.5 kg: 35 kg;
        // 75 reps x 35 kg = 2625 kg a session, x 12 = 31500. leg-curl has no max: no mass.
        CHECK(w.sessions == 12);
        CHECK(w.training_days == 6);
        CHECK(w.sets == 96);
        CHECK(w.reps == 1800);
        CHECK(w.tonnage == Approx(31500));
        CHECK(w.sets_without_mass == 48);
        CHECK(exercise(w, "squat").tonnage == Approx(31500));
        CHECK(*exercise(w, "squat").mean_percent == Approx(20));
        CHECK(exercise(w, "leg-curl").tonnage == 0);
        CHECK(*exercise(w, "leg-curl").mean_percent == Approx(20));
        REQUIRE(w.bfr);
        CHECK(w.bfr->run_week == w.week);
        CHECK(w.bfr->most_sessions_a_day == 2);
        CHECK(w.bfr->within_targets);  // twice a day is within the first 3 weeks' target
    }
    CHECK_FALSE(kaatsu.weeks[0].volume_change_percent);
    CHECK(*kaatsu.weeks[1].volume_change_percent == Approx(0));
    CHECK(kaatsu.sessions == 36);
    CHECK(kaatsu.training_days == 18);
    CHECK(kaatsu.tonnage == Approx(94500));  // 3 x 31500
}

TEST_CASE("the flagship's powerlifting weeks: tonnage, intensity, and the change against the previous non-deload week")
{
    auto c = compile(read_file(source_dir() + "/examples/kaatsu-then-powerlifting.meso"), "flagship.meso");
    REQUIRE_FALSE(has_errors(c.diagnostics));
    const auto s = stats::program_stats(c.program());
    const auto& pl = s.blocks[1];
    CHECK_FALSE(pl.bfr);
    REQUIRE(pl.weeks.size() == 10);
    const auto& w1 = pl.weeks[0];
    // Mon squat 4x5 @ 107.5 = 2150, bench 4x5 @ 72.5 = 1450; Wed deadlift 4x3 @ 142.5 = 1710,
    // bench 3x8 @ 65 = 1560; Fri squat 3x8 @ 100 = 2400, bench 4x5 @ 72.5 = 1450: 10720 kg,
    // 22 sets, 120 reps.
    CHECK(w1.sessions == 3);
    CHECK(w1.training_days == 3);
    CHECK(w1.sets == 22);
    CHECK(w1.reps == 120);
    CHECK(w1.tonnage == Approx(10720));
    // squat: 4 sets at 60% and 3 at 55%: (240 + 165) / 7 = 57.857%; 2150 + 2400 = 4550 kg.
    CHECK(exercise(w1, "squat").sets == 7);
    CHECK(exercise(w1, "squat").reps == 44);
    CHECK(exercise(w1, "squat").tonnage == Approx(4550));
    CHECK(*exercise(w1, "squat").mean_percent == Approx(405.0 / 7));
    CHECK(*exercise(w1, "squat").top_percent == Approx(60));
    // bench: 8 sets at 60% and 3 at 55%: 645 / 11 = 58.636%; 1450 + 1560 + 1450 = 4460 kg.
    CHECK(exercise(w1, "bench-press").tonnage == Approx(4460));
    CHECK(*exercise(w1, "bench-press").mean_percent == Approx(645.0 / 11));
    // Week 2, each load +2.5%: 2250 + 1500 + 1770 + 1680 + 2460 + 1500 = 11160, +4.104% on 10720.
    CHECK(pl.weeks[1].tonnage == Approx(11160));
    CHECK(*pl.weeks[1].volume_change_percent == Approx(440.0 / 10720 * 100));
    // Week 3: 2350 + 1550 + 1860 + 1740 + 2580 + 1550 = 11630. Week 4 deloads (2 sets, 90%):
    // 1100 + 725 + 855 + 1080 + 1640 + 725 = 6125, -47.33% on week 3.
    CHECK(pl.weeks[2].tonnage == Approx(11630));
    CHECK(pl.weeks[3].deload);
    CHECK(pl.weeks[3].tonnage == Approx(6125));
    CHECK(pl.weeks[3].compared_with == 3);
    CHECK(*pl.weeks[3].volume_change_percent == Approx((6125.0 - 11630) / 11630 * 100));
    // Week 5 is compared with week 3, not the deload: 2500 + 1700 + 1980 + 1860 + 2820 + 1700 = 12560, +7.997%.
    CHECK(pl.weeks[4].compared_with == 3);
    CHECK(pl.weeks[4].tonnage == Approx(12560));
    CHECK(*pl.weeks[4].volume_change_percent == Approx(930.0 / 11630 * 100));
    // Week 10 tests one single a day at 100%: 180 + 120 + 220 = 520 kg, 3 sets, 3 reps.
    CHECK(pl.weeks[9].tonnage == Approx(520));
    CHECK(pl.weeks[9].sets == 3);
    CHECK(*exercise(pl.weeks[9], "deadlift").top_percent == Approx(100));
}

TEST_CASE("an athlete in pounds has tonnage in pounds")
{
    auto c = compile(R"(
athlete "Sam" { max squat 300 lb; round 5 lb }
program "P" {
  start 2027-03-01
  2 weeks "A" { days mon thu; squat 3x5 @ 70% +5% per week warm-up 40% x 5 }
}
)");
    REQUIRE_FALSE(has_errors(c.diagnostics));
    const auto s = stats::program_stats(c.program());
    CHECK(s.unit == ir::MassUnit::lb);
    const auto& weeks = s.blocks.at(0).weeks;
    REQUIRE(weeks.size() == 2);
    // 70% of 300 lb = 210 lb; 2 sessions x 3 sets x 5 reps x 210 = 6300 lb; the warm-up is not counted.
    CHECK(weeks[0].sets == 6);
    CHECK(weeks[0].reps == 30);
    CHECK(weeks[0].tonnage == Approx(6300));
    // 75% of 300 = 225 lb: 30 x 225 = 6750 lb, +7.142857% on 6300.
    CHECK(weeks[1].tonnage == Approx(6750));
    CHECK(*weeks[1].volume_change_percent == Approx(450.0 / 6300 * 100));
    CHECK(*exercise(weeks[1], "squat").mean_percent == Approx(75));
}

TEST_CASE("meso stats prints the weeks as an aligned table, JSON and CSV")
{
    const std::string flagship = source_dir() + "/examples/kaatsu-then-powerlifting.meso";
    auto text = run_meso({"stats", flagship});
    CHECK(text.exit_code == 0);
    CHECK(text.out.find("Off-season 2027 for Alex") != std::string::npos);
    CHECK(text.out.find("+4.1% vs week 1") != std::string::npos);
    CHECK(text.out.find("-47.3% vs week 3") != std::string::npos);
    CHECK(text.out.find("10720") != std::string::npos);
    auto json = run_meso({"stats", "--format", "json", flagship});
    REQUIRE(json.exit_code == 0);
    const auto doc = nlohmann::json::parse(json.out);
    const auto& week = doc["programs"][0]["blocks"][1]["weeks"][1];
    CHECK(week["tonnage"].get<double>() == Approx(11160));
    CHECK(week["volume_change_percent"].get<double>() == Approx(4.1));
    CHECK(doc["programs"][0]["unit"] == "kg");
    CHECK(doc["programs"][0]["blocks"][0]["weeks"][0]["bfr"]["within_targets"] == true);
    auto csv = run_meso({"stats", "--format", "csv", flagship});
    CHECK(csv.exit_code == 0);
    CHECK(csv.out.rfind("program,athlete,unit,block,method,week,", 0) == 0);
    CHECK(csv.out.find("Off-season 2027,Alex,kg,Powerlifting,strength,2,2027-02-01,2027-02-07,false,,3,3,22,120,11160,0,,,4.1\n") !=
          std::string::npos);
}

TEST_CASE("meso stats on a file with errors prints them and nothing else, exit 1, an unreadable file exits 2")
{
    const auto dir = temp_dir("stats-errors");
    write_file(dir + "/bad.meso", "program \"P\" { start 2027-13-01 }\n");
    auto bad = run_meso({"stats", dir + "/bad.meso"});
    CHECK(bad.exit_code == 1);
    CHECK(bad.out.empty());
    CHECK(bad.err.find("bad.meso:1:") != std::string::npos);
    auto missing = run_meso({"stats", dir + "/missing.meso"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("meso: error:") != std::string::npos);
}
