// `rotate { "A" { ... } "B" { ... } }` (docs/language.md, "Rotations"):
// workouts in turn on the block's training days, whatever the weekday; the
// dates and workouts below are worked out by hand from a Monday start
// (2027-03-01), Mon/Wed/Fri, with Alex's maxes (squat 180, bench-press
// 120, deadlift 220 kg; loads round to 2.5 kg).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
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

// Two weeks of A, B, C on Mon, Wed, Fri; `policy` is "" (shift, the default), "shift " or "drop ", and `extra` a program statement.
std::string abc(const std::string& policy = "", const std::string& extra = "")
{
    return alex + R"(
program "Rotation" for "Alex" {
  start 2027-03-01
  )" + extra +
           R"(
  2 weeks "Strength" {
    days mon wed fri
    rotate )" +
           policy + R"({
      "A" { squat 5x5 @ 75% }
      "B" { bench-press 5x5 @ 75% }
      "C" { deadlift 3x5 @ 75% }
    }
  }
}
)";
}

struct Day {
    sys_days date;
    std::string workout;
};

std::vector<Day> days_of(const meso::scheduling::ProgramSchedule& p)
{
    std::vector<Day> out;
    for (const auto& s : p.sessions) out.push_back({s.date, std::string(meso::scheduling::workout_of(p, s))});
    return out;
}

void check_days(const meso::scheduling::ProgramSchedule& p, const std::vector<Day>& expected)
{
    const auto got = days_of(p);
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        INFO("session " << i << " on " << meso::format_date(got[i].date));
        CHECK(got[i].date == expected[i].date);
        CHECK(got[i].workout == expected[i].workout);
    }
}

// The first exercise of each session, in order.
std::vector<std::string> first_exercises(const meso::scheduling::ProgramSchedule& p)
{
    std::vector<std::string> out;
    for (const auto& s : p.sessions) out.push_back(p.contents.at(s.content).exercises.at(0).name);
    return out;
}

}  // namespace

TEST_CASE("a rotation's workouts follow one another on the training days and go on into the next week")
{
    auto c = compile(abc());
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    check_days(p, {{date(2027, 3, 1), "A"},
                   {date(2027, 3, 3), "B"},
                   {date(2027, 3, 5), "C"},
                   {date(2027, 3, 8), "A"},
                   {date(2027, 3, 10), "B"},
                   {date(2027, 3, 12), "C"}});
    // Each workout's own exercise and load: 75% of 180, 120 and 220 kg.
    CHECK(masses(exercise_of(p, 0, "squat")) == std::vector<double>{135, 135, 135, 135, 135});
    CHECK(masses(exercise_of(p, 1, "bench-press")) == std::vector<double>{90, 90, 90, 90, 90});
    CHECK(masses(exercise_of(p, 2, "deadlift")) == std::vector<double>{165, 165, 165});
    CHECK(p.contents.at(p.sessions[0].content).exercises.size() == 1);
    // The place in the rotation counts on through the block: 1 to 6.
    for (std::size_t i = 0; i < p.sessions.size(); ++i) CHECK(p.sessions[i].rotation == i + 1);
}

TEST_CASE("two workouts on three days: week 2's Monday takes the workout after week 1's Friday")
{
    auto c = compile(alex + R"(
program "AB" for "Alex" {
  start 2027-03-01
  2 weeks "Full body" {
    days mon wed fri
    bench-press 3x5 @ 70%
    rotate { "A" { squat 5x5 @ 75% }; "B" { deadlift 3x5 @ 75% } }
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    check_days(p, {{date(2027, 3, 1), "A"},
                   {date(2027, 3, 3), "B"},
                   {date(2027, 3, 5), "A"},
                   {date(2027, 3, 8), "B"},
                   {date(2027, 3, 10), "A"},
                   {date(2027, 3, 12), "B"}});
    // The block's own exercise is in every session, before the workout's.
    const auto& b = p.contents.at(p.sessions[3].content).exercises;
    REQUIRE(b.size() == 2);
    CHECK(b[0].name == "bench-press");
    CHECK(b[1].name == "deadlift");
}

TEST_CASE("a skipped Wednesday: under shift (the default) its workout waits for Friday, under drop it is lost")
{
    for (const std::string policy : {"", "shift "}) {
        INFO("rotate " << policy);
        auto c = compile(abc(policy, "skip 2027-03-03 \"sick\""));
        INFO(messages(c.diagnostics));
        REQUIRE_FALSE(meso::has_errors(c.diagnostics));
        check_days(c.program(), {{date(2027, 3, 1), "A"},
                                 {date(2027, 3, 5), "B"},
                                 {date(2027, 3, 8), "C"},
                                 {date(2027, 3, 10), "A"},
                                 {date(2027, 3, 12), "B"}});
        CHECK(first_exercises(c.program()) == std::vector<std::string>{"squat", "bench-press", "deadlift", "squat", "bench-press"});
    }
    auto dropped = compile(abc("drop ", "skip 2027-03-03 \"sick\""));
    INFO(messages(dropped.diagnostics));
    REQUIRE_FALSE(meso::has_errors(dropped.diagnostics));
    check_days(
        dropped.program(),
        {{date(2027, 3, 1), "A"}, {date(2027, 3, 5), "C"}, {date(2027, 3, 8), "A"}, {date(2027, 3, 10), "B"}, {date(2027, 3, 12), "C"}});
    CHECK(first_exercises(dropped.program()) == std::vector<std::string>{"squat", "deadlift", "squat", "bench-press", "deadlift"});
}

TEST_CASE("a pause in the middle moves the rotation's days without changing its order")
{
    // Thu 4 to Tue 9 March holds two training days (Fri 5, Mon 8): the block resumes on Wed 10 with C.
    auto c = compile(abc("", "pause 2027-03-04..2027-03-09 \"travel\""));
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    check_days(c.program(), {{date(2027, 3, 1), "A"},
                             {date(2027, 3, 3), "B"},
                             {date(2027, 3, 10), "C"},
                             {date(2027, 3, 12), "A"},
                             {date(2027, 3, 15), "B"},
                             {date(2027, 3, 17), "C"}});
    // A pause moves events; it gives none of them a new UID.
    CHECK(uids_of(calendar_of(c)) == uids_of(calendar_of(compile(abc()))));
}

TEST_CASE("a rotated session's UID is its place in the rotation: a shifted workout keeps its event, a dropped one takes its own away")
{
    const auto plain = uids_of(calendar_of(compile(abc())));
    REQUIRE(plain.size() == 6);
    CHECK(std::set<std::string>(plain.begin(), plain.end()).size() == 6);
    CHECK(uids_of(calendar_of(compile(abc()))) == plain);
    // Shift: Friday does B, with B's UID; the last C goes.
    const auto shifted = uids_of(calendar_of(compile(abc("", "skip 2027-03-03"))));
    CHECK(shifted == std::vector<std::string>(plain.begin(), plain.begin() + 5));
    // Drop: Wednesday's B and its UID are gone; the others keep theirs.
    const auto dropped = uids_of(calendar_of(compile(abc("drop ", "skip 2027-03-03"))));
    CHECK(dropped == std::vector<std::string>{plain[0], plain[2], plain[3], plain[4], plain[5]});
    // Starting a week later moves every event and keeps every UID.
    std::string later = abc();
    later.replace(later.find("start 2027-03-01"), 16, "start 2027-03-08");
    CHECK(uids_of(calendar_of(compile(later))) == plain);
}

TEST_CASE("the text schedule, JSON, CSV and calendar name each rotated session's workout, and no workout outside a rotation")
{
    auto c = compile(abc());
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    std::ostringstream text;
    meso::emit::write_sessions_text(text, c.schedule);
    CHECK(text.str().find("Strength — week 1 of ") != std::string::npos);
    CHECK(text.str().find("\n  Wed 2027-03-03  08:00-09:00  workout B\n") != std::string::npos);

    std::ostringstream json;
    meso::emit::write_sessions_json(json, c.schedule);
    CHECK(json.str().find("\"date\": \"2027-03-08\"") != std::string::npos);
    CHECK(json.str().find("\"block\": \"Strength\",\n          \"week\": 2,\n          \"workout\": \"A\",") != std::string::npos);

    std::ostringstream csv;
    meso::emit::write_sessions_csv(csv, c.schedule);
    const std::string rows = csv.str();
    CHECK(rows.substr(0, rows.find('\n') + 1).find(",superset,plates,cycle,workout\n") != std::string::npos);
    const auto at = rows.find("2027-03-05,");
    REQUIRE(at != std::string::npos);
    const auto row = rows.substr(at, rows.find('\n', at) - at);
    CHECK(row.find(",Strength,1,deadlift,3,5,165,") != std::string::npos);
    CHECK(row.substr(row.size() - 3) == ",,C");  // no cycle, workout C

    const std::string calendar = calendar_of(c);
    CHECK(calendar.find("SUMMARY:Strength\\, workout C: deadlift\r\n") != std::string::npos);

    auto plain = compile(alex + "program \"P\" for \"Alex\" {\n  start 2027-03-01\n  1 week \"S\" { days mon; squat 1x5 @ 75% }\n}\n");
    REQUIRE_FALSE(meso::has_errors(plain.diagnostics));
    std::ostringstream plain_json, plain_csv, plain_text;
    meso::emit::write_sessions_json(plain_json, plain.schedule);
    meso::emit::write_sessions_csv(plain_csv, plain.schedule);
    meso::emit::write_sessions_text(plain_text, plain.schedule);
    CHECK(plain_json.str().find("\"workout\"") == std::string::npos);
    CHECK(plain_text.str().find("workout") == std::string::npos);
    const std::string plain_rows = plain_csv.str();
    const auto plain_row = plain_rows.substr(plain_rows.find("2027-03-01,"));
    CHECK(plain_row.substr(0, plain_row.find('\n')).substr(plain_row.find('\n') - 2) == ",,");
}

TEST_CASE("a --max-sessions bound counts a rotation's sessions")
{
    auto over = compile(abc(), "test.meso", false, 5);
    CHECK(has_message(over.diagnostics, "this program expands to 6 sessions, more than --max-sessions allows (5)"));
    CHECK(over.schedule.programs.empty());
    auto fits = compile(abc(), "test.meso", false, 6);
    REQUIRE_FALSE(meso::has_errors(fits.diagnostics));
    CHECK(fits.program().sessions.size() == 6);
}

TEST_CASE("week overrides apply to the rotation's workouts: a deload week and an exercise written again for a week")
{
    auto c = compile(alex + R"(
program "Rotation" for "Alex" {
  start 2027-03-01
  2 weeks "Strength" {
    days mon wed fri
    rotate {
      "A" { squat 5x5 @ 75% }
      "B" { bench-press 5x5 @ 75% }
      "C" { deadlift 3x5 @ 75% }
    }
    week 2 { squat 3x3 @ 85% }
  }
  1 week "Deload" {
    days mon wed
    rotate { "A" { squat 5x5 @ 75% }; "B" { bench-press 5x5 @ 75% } }
    week 1 deload
  }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 8);
    CHECK(masses(exercise_of(p, 0, "squat")) == std::vector<double>{135, 135, 135, 135, 135});
    // Week 2's A: 85% of 180 kg is 153, rounded to 152.5 kg.
    CHECK(masses(exercise_of(p, 3, "squat")) == std::vector<double>{152.5, 152.5, 152.5});
    CHECK(masses(exercise_of(p, 4, "bench-press")) == std::vector<double>{90, 90, 90, 90, 90});
    // A new block's rotation starts at its first workout; the deload halves the sets (rounded up) at 90% of the load.
    CHECK(meso::scheduling::workout_of(p, p.sessions[6]) == "A");
    CHECK(p.sessions[6].rotation == 1);
    CHECK(p.contents.at(p.sessions[6].content).deload);
    CHECK(masses(exercise_of(p, 6, "squat")) == std::vector<double>{122.5, 122.5, 122.5});
}

TEST_CASE("a rotation's workouts are checked by the rules like any session")
{
    const std::string dir = meso::test::temp_dir("rotation-rules");
    const std::string path = dir + "/rotation.meso";
    meso::test::write_file(path, alex + R"(
program "Rotation" for "Alex" {
  start 2027-03-01
  1 week "Strength" {
    days mon wed fri
    rotate {
      "A" { squat 5x5 @ 75% }
      "B" { bench-press 1x1 @ 110% }
    }
  }
}
)");
    const auto r = meso::test::run_meso({"check", path});
    INFO(r.out << r.err);
    const std::string findings = r.out + r.err;
    CHECK(findings.find("general.load-above-max") != std::string::npos);
    CHECK(findings.find("2027-03-03") != std::string::npos);  // B's day
}

TEST_CASE("a rotation's mistakes are located errors")
{
    const auto error_of = [](const std::string& block) {
        auto c = compile(alex + "program \"P\" for \"Alex\" {\n  start 2027-03-01\n  1 week \"S\" {\n" + block + "\n  }\n}\n");
        return messages(c.diagnostics);
    };
    CHECK(error_of("rotate { \"A\" { squat 5x5 }; \"B\" { deadlift 3x5 } }")
              .find("a rotation needs the block's training days: write 'days mon wed fri' in the block") != std::string::npos);
    CHECK(error_of("days mon wed fri\nrotate { \"A\" { squat 5x5 }; \"B\" { deadlift 3x5 } }\nrotate { \"C\" { squat 5x5 }; \"D\" { "
                   "deadlift 3x5 } }")
              .find("'rotate' is given twice in this block") != std::string::npos);
    CHECK(error_of("days mon wed fri\nrotate { \"A\" { squat 5x5 }; \"B\" { deadlift 3x5 } }\nmon { bench-press 3x5 }")
              .find("a block has splits or a rotation, not both") != std::string::npos);
    CHECK(error_of("days mon wed fri\nrotate { \"A\" { squat 5x5; cuff 50% AOP }; \"B\" { deadlift 3x5 } }")
              .find("a workout holds exercises and 'sessions'; write occlusion and cuff in the block") != std::string::npos);
}

TEST_CASE("the rotation example of docs/language.md runs as the text around it says")
{
    std::ifstream in(std::filesystem::path(MESO_SOURCE_DIR) / "docs/language.md");
    std::stringstream doc;
    doc << in.rdbuf();
    const std::string text = doc.str();
    const auto section = text.find("### Rotations: `rotate`");
    REQUIRE(section != std::string::npos);
    const auto begin = text.find("```meso\n", section) + 8;
    const std::string example = text.substr(begin, text.find("```", begin) - begin);
    const std::string athlete = "athlete \"Alex\" {\n  max squat 180 kg\n  max bench-press 120 kg\n  max deadlift 220 kg\n"
                                "  max front-squat 150 kg\n}\n";
    auto shifted = compile(athlete + example);
    INFO(messages(shifted.diagnostics));
    REQUIRE_FALSE(meso::has_errors(shifted.diagnostics));
    const auto& p = shifted.program();
    REQUIRE(p.sessions.size() == 17);  // six weeks of three days, less the skipped Wednesday
    CHECK(days_of(p)[0].date == date(2027, 3, 1));
    CHECK(days_of(p)[0].workout == "A");
    CHECK(days_of(p)[1].date == date(2027, 3, 5));
    CHECK(days_of(p)[1].workout == "B");
    CHECK(days_of(p)[2].date == date(2027, 3, 8));
    CHECK(days_of(p)[2].workout == "C");
    CHECK(p.contents.at(p.sessions[1].content).exercises.at(0).name == "bench-press");
    CHECK(p.contents.at(p.sessions[1].content).exercises.at(1).name == "deadlift");

    std::string drop = example;
    drop.replace(drop.find("rotate {"), 8, "rotate drop {");
    auto dropped = compile(athlete + drop);
    REQUIRE_FALSE(meso::has_errors(dropped.diagnostics));
    const auto days = days_of(dropped.program());
    CHECK(days.at(0).workout == "A");
    CHECK(days.at(1).date == date(2027, 3, 5));
    CHECK(days.at(1).workout == "C");
    CHECK(days.at(2).date == date(2027, 3, 8));
    CHECK(days.at(2).workout == "A");
}
