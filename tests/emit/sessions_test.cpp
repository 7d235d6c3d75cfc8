// The schedule writers (meso schedule --format json|csv|text): the JSON is
// written directly, a session at a time, and must stay byte for byte the
// document nlohmann::json dumps whole — escaping included.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "engine/emit/schedule_text.h"
#include "engine/emit/sessions.h"
#include "tests/support/support.h"

using meso::test::compile;

namespace {

const std::string athlete = "athlete \"A\" {\n  max squat 100 kg\n  round 2.5 kg\n}\n";

std::string json_of(const meso::scheduling::ScheduleResult& schedule)
{
    std::ostringstream out;
    meso::emit::write_sessions_json(out, schedule);
    return out.str();
}

std::string csv_of(const meso::scheduling::ScheduleResult& schedule)
{
    std::ostringstream out;
    meso::emit::write_sessions_csv(out, schedule);
    return out.str();
}

std::string text_of(const meso::scheduling::ScheduleResult& schedule)
{
    std::ostringstream out;
    meso::emit::write_sessions_text(out, schedule);
    return out.str();
}

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST_CASE("schedule JSON escapes names and notes as JSON does: quotes, backslashes, control bytes, UTF-8, invalid bytes")
{
    auto c = compile(athlete + "program \"P\" {\n  start 2027-01-04\n  1 week \"B\" { days mon; squat 1x1 @ 50%; note \"n\" }\n}\n");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    auto schedule = c.schedule;
    auto& p = schedule.programs.at(0);
    REQUIRE(p.sessions.size() == 1);
    // Names the language cannot write (a control byte, an invalid byte) may
    // still reach the writer through the API: they are escaped or replaced.
    p.blocks.at(0).name = "q\"b\\s/\n\t\x01\x1f é ✓ \xff.";
    p.contents.at(0).exercises.at(0).name = "plain";
    p.contents.at(0).notes.at(0) = "line\r\nbreak\b\f";
    const auto json = json_of(schedule);
    INFO(json);
    const std::string block = "\"q\\\"b\\\\s/\\n\\t\\u0001\\u001f é ✓ \xef\xbf\xbd.\"";
    CHECK(json.find("      \"name\": " + block + ",\n") != std::string::npos);       // in the blocks
    CHECK(json.find("          \"block\": " + block + ",\n") != std::string::npos);  // in the session
    CHECK(json.find("\"name\": \"plain\",\n") != std::string::npos);
    CHECK(json.find("          \"notes\": [\n            \"line\\r\\nbreak\\b\\f\"\n          ]\n        }\n") != std::string::npos);
    // The whole document is what one dump gives.
    CHECK(json == nlohmann::ordered_json::parse(json).dump(2) + "\n");
}

TEST_CASE("schedule CSV quotes a field with a comma, a quote or a line break, and no other")
{
    auto c = compile(athlete + "program \"P, \\\"the\\\" plan\" for \"A\" {\n  start 2027-01-04\n"
                               "  1 week \"two\\nlines\" { days mon; squat 5x5 @ 50% rest 90 s; \"a/b\" 3x8 }\n}\n");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(csv_of(c.schedule) == "date,start,end,program,athlete,block,week,exercise,sets,reps,load_kg,load_percent,rest_s,"
                                "unit,load,rpe,rir,amrap,deload,warm_up,reps_max,seconds,each_side,tm_percent,superset,plates,"
                                "cycle,workout\n"
                                "2027-01-04,08:00,09:00,\"P, \"\"the\"\" plan\",A,\"two\nlines\",1,squat,5,5,50,50,90,"
                                "kg,50,,,false,false,false,,,false,,,,,\n"
                                "2027-01-04,08:00,09:00,\"P, \"\"the\"\" plan\",A,\"two\nlines\",1,a/b,3,8,,,,"
                                "kg,,,,false,false,false,,,false,,,,,\n");
}

TEST_CASE("a large schedule is written whole in every format: each session once, the JSON one document")
{
    // 10 weeks, every day, 24 sessions a day, two exercises: 1,680 sessions,
    // 1.6 MB of JSON — more than the writer's buffer of 1 MiB.
    std::string hours;
    for (int h = 0; h < 24; ++h) hours += (h ? ", " : "") + std::string(h < 10 ? "0" : "") + std::to_string(h) + ":00";
    auto c = compile(athlete + "program \"P\" {\n  start 2027-01-04\n  5 weeks \"B\" { days mon..sun; sessions " + hours +
                     " for 30 min; squat 5x5 @ 50% +1% per week; deadlift 3 @ 60%\n week 3 deload }\n"
                     "  5 weeks \"C\" { days mon..sun; sessions " +
                     hours + " for 30 min; squat 1x1 @ 90% }\n}\n");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 10 * 7 * 24);

    const auto json = json_of(c.schedule);
    CHECK(json.size() > (1u << 20));
    const auto doc = nlohmann::ordered_json::parse(json);
    CHECK(json == doc.dump(2) + "\n");
    const auto& sessions = doc["programs"][0]["sessions"];
    REQUIRE(sessions.size() == p.sessions.size());
    CHECK(sessions[0]["date"] == "2027-01-04");
    CHECK(sessions[0]["start"] == "00:00");
    CHECK(sessions[0]["end"] == "00:30");
    CHECK(sessions[23]["start"] == "23:00");
    CHECK(sessions[23]["end"] == "23:30");
    CHECK(sessions[23]["session_of_day"] == 24);
    CHECK(sessions[24]["date"] == "2027-01-05");
    CHECK(sessions[2 * 7 * 24]["week"] == 3);
    CHECK(sessions[2 * 7 * 24]["deload"] == true);
    CHECK(sessions[3 * 7 * 24]["deload"] == false);
    CHECK(sessions[3 * 7 * 24]["exercises"][0]["sets"][0]["load_percent"] == 53);
    CHECK(sessions[5 * 7 * 24]["block"] == "C");
    CHECK(sessions[5 * 7 * 24]["week"] == 1);
    CHECK(sessions.back()["date"] == "2027-03-14");

    const auto csv = csv_of(c.schedule);
    CHECK(lines(csv) == 1 + 5 * 7 * 24 * 2 + 5 * 7 * 24);  // the header, a row per exercise of each session
    const auto text = text_of(c.schedule);
    CHECK(meso::test::text_sessions(text).size() == p.sessions.size());
    const std::string last_week = "\nC — week 5 of 5 — Mon 2027-03-08 to Sun 2027-03-14\n";
    REQUIRE(text.find(last_week) != std::string::npos);
    CHECK(text.rfind(" — week ") == text.find(last_week) + 2);  // the last heading: the sessions after it are block C's week 5
    const std::string last_session = "\n  Sun 2027-03-14  23:00-23:30\n    squat     1×1  90 kg (90%)\n";
    CHECK(text.size() > last_session.size());
    CHECK(text.substr(text.size() - last_session.size()) == last_session);
}

TEST_CASE("schedule JSON marks the AMRAP last set of 3x5+, whose reps and load are those of the sets before it")
{
    auto c = compile(athlete + "program \"P\" for \"A\" {\n  start 2027-01-04\n  1 week \"B\" { days mon; squat 3x5+ @ 80% }\n}\n");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto sets = nlohmann::json::parse(json_of(c.schedule))["programs"][0]["sessions"][0]["exercises"][0]["sets"];
    REQUIRE(sets.size() == 3);
    CHECK_FALSE(sets[0].contains("amrap"));
    CHECK_FALSE(sets[1].contains("amrap"));
    CHECK(sets[2]["amrap"] == true);
    CHECK(sets[2]["load_kg"] == 80);
}

namespace {

// A 200 kg squat on a 20 kg bar with standard plates, and a curl on dumbbells.
const std::string gym = R"(athlete "Alex" {
  max squat 200 kg
  max curl 21 kg
  bar 20 kg
  plates 25 20 15 10 5 2.5 1.25 kg
  barbell squat
  dumbbell curl step 2 kg
}
program "P" {
  start 2027-01-04
  1 week "B" { days mon; squat 5x5 @ 75%; squat 1x10 @ 5%; curl 3x10 @ 50% }
}
)";

}  // namespace

TEST_CASE("a barbell's plates a side are in the JSON, the CSV and the text, other exercises have none")
{
    auto c = compile(gym);
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));

    const auto json = json_of(c.schedule);
    CHECK(json == nlohmann::ordered_json::parse(json).dump(2) + "\n");  // still one dump, the arrays included
    const auto doc = nlohmann::ordered_json::parse(json);
    const auto& exercises = doc["programs"][0]["sessions"][0]["exercises"];
    // 75% of 200 kg is 150 kg: 65 kg a side, 25 + 25 + 15 (the fewest plates, heaviest first).
    CHECK(exercises[0]["sets"][0] ==
          nlohmann::ordered_json{
              {"reps", 5}, {"load_percent", 75}, {"load_kg", 150}, {"plates", nlohmann::ordered_json::array({25, 25, 15})}});
    CHECK(exercises[0]["sets"][4]["plates"] == nlohmann::json::array({25, 25, 15}));
    CHECK(exercises[1]["sets"][0]["load_kg"] == 20);  // 10 kg is below the bar: the bar alone
    CHECK(exercises[1]["sets"][0]["plates"] == nlohmann::json::array());
    CHECK_FALSE(exercises[2]["sets"][0].contains("plates"));  // a dumbbell curl
    CHECK(exercises[2]["sets"][0]["load_kg"] == 10);          // 10.5 kg in 2 kg steps

    const auto csv = csv_of(c.schedule);
    // The plates column comes after the columns of issue 14's prescriptions; a repeat's cycle after it, a rotation's workout last.
    CHECK(csv.find("date,start,end,program,athlete,block,week,exercise,sets,reps,load_kg,load_percent,rest_s,"
                   "unit,load,rpe,rir,amrap,deload,warm_up,reps_max,seconds,each_side,tm_percent,superset,plates,cycle,workout\n") == 0);
    CHECK(csv.find(",1,squat,5,5,150,75,,kg,150,,,false,false,false,,,false,,,25+25+15,,\n") != std::string::npos);
    CHECK(csv.find(",1,squat,1,10,20,5,,kg,20,,,false,false,false,,,false,,,bar,,\n") != std::string::npos);
    CHECK(csv.find(",1,curl,3,10,10,50,,kg,10,,,false,false,false,,,false,,,,,\n") != std::string::npos);

    const auto text = text_of(c.schedule);
    CHECK(text.find("\n    squat  5×5   150 kg (75%) [25+25+15 a side]\n"
                    "    squat  1×10  20 kg (5%) [bar only]\n"
                    "    curl   3×10  10 kg (50%)\n") != std::string::npos);
}

TEST_CASE("a set that differs from the one before only in being AMRAP, a warm-up or timed has its own JSON object")
{
    // The last set of `3x5+` has the load and reps of the two before: the
    // JSON writer, which reuses a set's text while the sets repeat, must
    // not reuse it for the AMRAP set.
    auto c = compile(R"(athlete "A" { max bench-press 100 kg }
program "P" for "A" {
  start 2027-01-04
  1 week "B" { days mon; bench-press 3x5+ @ 80% warm-up 80% x 5; plank 45 s, 60 s }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto doc = nlohmann::ordered_json::parse(json_of(c.schedule));
    const auto& exercises = doc["programs"][0]["sessions"][0]["exercises"];
    const auto& bench = exercises[0]["sets"];
    REQUIRE(bench.size() == 4);
    CHECK(bench[0]["warm_up"] == true);
    CHECK_FALSE(bench[1].contains("warm_up"));  // the same load and reps as the warm-up before it
    CHECK_FALSE(bench[2].contains("amrap"));
    CHECK(bench[3]["amrap"] == true);
    const auto& plank = exercises[1]["sets"];
    REQUIRE(plank.size() == 2);
    CHECK(plank[0]["seconds"] == 45);
    CHECK(plank[1]["seconds"] == 60);
}

TEST_CASE("the tutorial's program of the forms coaches write compiles without errors and schedules as the tutorial shows")
{
    const std::string tutorial = meso::test::read_file(std::string(MESO_SOURCE_DIR) + "/docs/tutorial.md");
    const auto section = tutorial.find("## 6.");
    REQUIRE(section != std::string::npos);
    const auto program_start = tutorial.find("```meso\n", section) + 8;
    const std::string program = tutorial.substr(program_start, tutorial.find("```\n", program_start) - program_start);
    const auto output_start = tutorial.find("```\n", tutorial.find("`meso schedule` then shows", section)) + 4;
    const std::string line = tutorial.substr(output_start, tutorial.find("\n```", output_start) - output_start);
    auto c = compile(program);
    INFO(program);
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(text_of(c.schedule).find("\n" + line + "\n") != std::string::npos);
}
