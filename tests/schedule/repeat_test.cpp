// `repeat N { ... }` (docs/language.md, "Cycles"): the blocks of each cycle,
// their dates and loads worked out by hand, a training max raised per
// cycle, a repeat inside a repeat, what the outputs say, the UIDs and the
// bounds. Loads round to 2.5 kg, nearest, halves up.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "engine/emit/ical.h"
#include "engine/emit/schedule_text.h"
#include "engine/emit/sessions.h"
#include "tests/schedule/schedule_support.h"
#include "tests/support/support.h"

using namespace meso::test::schedule;
using meso::test::compile;
using meso::test::has_message;
using meso::test::messages;

namespace {

const std::string sam = R"(
athlete "Sam" {
  max squat 200 kg
  max bench-press 100 kg
  training-max squat 160 kg
}
)";

// Three cycles of two weeks "Heavy" (Mon, Thu) and one week "Light" (Mon), then a test day.
const std::string cycles = sam + R"(
program "Cycles" for "Sam" {
  start 2027-03-01
  repeat 3 {
    training-max squat +5 kg per cycle
    2 weeks "Heavy" {
      days mon thu
      squat 3x5 @ 80% TM
      bench-press 3x5 @ 70%
    }
    1 week "Light" { days mon; squat 2x5 @ 50% TM }
  }
  1 week "Test" { days mon; squat 1x1 @ 90% }
}
)";

std::string written(void (*write)(std::ostream&, const meso::scheduling::ScheduleResult&), const meso::test::Compiled& c)
{
    std::ostringstream out;
    write(out, c.schedule);
    return out.str();
}

}  // namespace

TEST_CASE("a repeat runs its blocks once per cycle, in order, each block's weeks starting again")
{
    auto c = compile(cycles);
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.blocks.size() == 7);
    const std::vector<std::string> names = {"Heavy", "Light", "Heavy", "Light", "Heavy", "Light", "Test"};
    const std::vector<std::string> labels = {"1", "1", "2", "2", "3", "3", ""};
    // Each cycle is three weeks from 2027-03-01 (a Monday); the test day follows the ninth week.
    const std::vector<sys_days> starts = {date(2027, 3, 1),  date(2027, 3, 15), date(2027, 3, 22), date(2027, 4, 5),
                                          date(2027, 4, 12), date(2027, 4, 26), date(2027, 5, 3)};
    for (std::size_t b = 0; b < 7; ++b) {
        INFO("block " << b);
        CHECK(p.blocks[b].name == names[b]);
        CHECK(p.blocks[b].cycle == labels[b]);
        CHECK(p.blocks[b].start == starts[b]);
    }
    // 4 + 1 sessions a cycle, and the test.
    REQUIRE(p.sessions.size() == 16);
    CHECK(p.sessions[5].date == date(2027, 3, 22));
    CHECK(p.sessions[5].week == 1);  // the second cycle's first week is block week 1 again
    CHECK(p.sessions[6].week == 1);
    CHECK(p.sessions[7].week == 2);
}

TEST_CASE("a training max raised per cycle changes the % TM loads of each later cycle, and no other load")
{
    auto c = compile(cycles);
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    // Heavy, 80% TM: 160 -> 128 -> 127.5 kg; 165 -> 132 -> 132.5 kg; 170 -> 136 -> 135 kg.
    CHECK(masses(exercise_of(p, 0, "squat")) == std::vector<double>{127.5, 127.5, 127.5});
    CHECK(masses(exercise_of(p, 5, "squat")) == std::vector<double>{132.5, 132.5, 132.5});
    CHECK(masses(exercise_of(p, 10, "squat")) == std::vector<double>{135, 135, 135});
    // Light, 50% TM: 80, 82.5 and 85 kg.
    CHECK(masses(exercise_of(p, 4, "squat")) == std::vector<double>{80, 80});
    CHECK(masses(exercise_of(p, 9, "squat")) == std::vector<double>{82.5, 82.5});
    CHECK(masses(exercise_of(p, 14, "squat")) == std::vector<double>{85, 85});
    // The bench press at 70% of its 1RM, and the test at 90% of the squat's, are the same in every cycle.
    for (std::size_t s : {0u, 5u, 10u}) CHECK(masses(exercise_of(p, s, "bench-press")) == std::vector<double>{70, 70, 70});
    CHECK(masses(exercise_of(p, 15, "squat")) == std::vector<double>{180});
    // The percent of the 1RM rules see: 80% of 165 kg is 66% of 200 kg.
    CHECK(exercise_of(p, 5, "squat").sets[0].percent == Approx(66));
    CHECK(exercise_of(p, 5, "squat").sets[0].tm_percent == 80);
}

TEST_CASE("a repeat inside a repeat counts its cycles on across the outer repeat's")
{
    auto c = compile(sam + R"(
program "Nested" for "Sam" {
  start 2027-03-01
  repeat 2 {
    repeat 3 {
      training-max squat +5 kg per cycle
      1 week "Heavy" { days mon; squat 1x5 @ 80% TM }
    }
    1 week "Deload" { days mon; squat 1x5 @ 50% }
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.blocks.size() == 8);
    REQUIRE(p.sessions.size() == 8);
    const std::vector<std::string> labels = {"1.1", "1.2", "1.3", "1", "2.1", "2.2", "2.3", "2"};
    for (std::size_t b = 0; b < 8; ++b) CHECK(p.blocks[b].cycle == labels[b]);
    // The inner cycles are six in a row: 160, 165, 170, then 175, 180, 185 kg; 80% of each.
    const std::vector<double> heavy = {127.5, 132.5, 135, 140, 145, 147.5};
    const std::vector<std::size_t> heavy_sessions = {0, 1, 2, 4, 5, 6};
    for (std::size_t i = 0; i < heavy.size(); ++i)
        CHECK(masses(exercise_of(p, heavy_sessions[i], "squat")) == std::vector<double>{heavy[i]});
    CHECK(masses(exercise_of(p, 7, "squat")) == std::vector<double>{100});
}

TEST_CASE("the text schedule, JSON, CSV and calendar say each session's cycle, and nothing of one outside a repeat")
{
    auto c = compile(cycles);
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    std::ostringstream text;
    meso::emit::write_sessions_text(text, c.schedule);
    CHECK(text.str().find("\nHeavy — cycle 2, week 1 of 2 — Mon 2027-03-22 to Thu 2027-03-25\n  Mon 2027-03-22  ") != std::string::npos);
    CHECK(text.str().find("\nLight — cycle 3, week 1 of 1 — Mon ") != std::string::npos);
    CHECK(text.str().find("\nTest — week 1 of 1 — Mon ") != std::string::npos);

    std::ostringstream json;
    meso::emit::write_sessions_json(json, c.schedule);
    CHECK(json.str().find("\"block\": \"Heavy\",\n          \"cycle\": \"2\",\n          \"week\": 1") != std::string::npos);
    CHECK(json.str().find("\"block\": \"Test\",\n          \"week\": 1") != std::string::npos);

    const std::string csv = written(meso::emit::write_sessions_csv, c);
    CHECK(csv.substr(0, csv.find('\n') + 1).find(",superset,plates,cycle,workout\n") != std::string::npos);
    CHECK(csv.find("2027-03-22,") != std::string::npos);
    const auto row = csv.substr(csv.find("2027-03-22,"), csv.find('\n', csv.find("2027-03-22,")) - csv.find("2027-03-22,"));
    CHECK(row.find(",Heavy,1,squat,") != std::string::npos);
    CHECK(row.substr(row.size() - 3) == ",2,");  // cycle 2, no workout
    const auto test_row = csv.substr(csv.find("2027-05-03,"));
    CHECK(test_row.substr(0, test_row.find('\n')).substr(test_row.find('\n') - 2) == ",,");

    const std::string calendar = calendar_of(c);
    CHECK(calendar.find("SUMMARY:Heavy\\, cycle 2: squat\\, bench-press\r\n") != std::string::npos);
    CHECK(calendar.find("DESCRIPTION:Heavy\\, cycle 2\\, week 1\\, Mon 2027-03-22") != std::string::npos);
    CHECK(calendar.find("SUMMARY:Test: squat\r\n") != std::string::npos);
}

TEST_CASE("each cycle's sessions have UIDs of their own, the same when compiled again or started later")
{
    auto c = compile(cycles);
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto uids = uids_of(calendar_of(c));
    REQUIRE(uids.size() == 16);
    CHECK(std::set<std::string>(uids.begin(), uids.end()).size() == 16);
    CHECK(uids_of(calendar_of(compile(cycles))) == uids);
    std::string later = cycles;
    later.replace(later.find("start 2027-03-01"), 16, "start 2027-03-08");
    CHECK(uids_of(calendar_of(compile(later))) == uids);
}

TEST_CASE("a block outside every repeat keeps its UID when a repeat is written before it")
{
    const auto alone =
        compile(sam + "program \"Cycles\" for \"Sam\" {\n  start 2027-05-03\n  1 week \"Test\" { days mon; squat 1x1 @ 90% }\n}\n");
    REQUIRE_FALSE(meso::has_errors(alone.diagnostics));
    const auto test_uid = uids_of(calendar_of(alone));
    REQUIRE(test_uid.size() == 1);
    const auto with_repeat = uids_of(calendar_of(compile(cycles)));
    REQUIRE(with_repeat.size() == 16);
    CHECK(with_repeat.back() == test_uid.front());
}

TEST_CASE("a --max-sessions bound counts the sessions of every cycle")
{
    auto c = compile(cycles, "test.meso", false, 10);
    CHECK(has_message(c.diagnostics, "this program expands to 16 sessions, more than --max-sessions allows (10)"));
    CHECK(c.schedule.programs.empty());
    auto fits = compile(cycles, "test.meso", false, 16);
    REQUIRE_FALSE(meso::has_errors(fits.diagnostics));
    CHECK(fits.program().sessions.size() == 16);
}

TEST_CASE("a block's rules are checked in each cycle: a training max raised past the max is found in the cycle that reaches it")
{
    const std::string dir = meso::test::temp_dir("repeat-rules");
    const std::string path = dir + "/raised.meso";
    meso::test::write_file(path, sam + R"(
program "Raised" for "Sam" {
  start 2027-03-01
  repeat 3 {
    training-max squat +20 kg per cycle
    1 week "Top" { days mon; squat 1x1 @ 100% TM }
  }
}
)");
    // 160, 180, 200 kg of a 200 kg max: 80%, 90%, 100%; then 4 cycles: 220 kg, 110%.
    const auto three = meso::test::run_meso({"check", path});
    CHECK(three.exit_code == 0);
    CHECK((three.out + three.err).find("load-above-max") == std::string::npos);
    meso::test::write_file(path, sam + R"(
program "Raised" for "Sam" {
  start 2027-03-01
  repeat 4 {
    training-max squat +20 kg per cycle
    1 week "Top" { days mon; squat 1x1 @ 100% TM }
  }
}
)");
    const auto four = meso::test::run_meso({"check", path});
    INFO(four.out << four.err);
    const std::string findings = four.out + four.err;
    CHECK(findings.find("general.load-above-max") != std::string::npos);
    CHECK(findings.find("2027-03-22") != std::string::npos);  // the fourth cycle's Monday
}
