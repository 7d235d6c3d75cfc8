#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/support.h"

using meso::test::run_meso;

namespace {
const std::string flagship = meso::test::source_dir() + "/examples/kaatsu-then-powerlifting.meso";

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}
}  // namespace

TEST_CASE("meso schedule prints the flagship's 66 sessions by block week, each prescription on a line of its own")
{
    auto run = run_meso({"schedule", flagship}, "TZ=UTC");
    REQUIRE(run.exit_code == 0);
    const auto out = lines(run.out);
    REQUIRE(out.size() > 8);
    CHECK(out[0] == "Off-season 2027 for Alex");
    CHECK(out[1] == "2027-01-04 to 2027-04-04, 66 sessions");
    CHECK(out[2] == "times in UTC (from TZ)");
    CHECK(out[3].empty());
    CHECK(out[4] == "Kaatsu — week 1 of 3 — Mon 2027-01-04 to Sat 2027-01-09");
    CHECK(out[5] == "  Mon 2027-01-04  08:00-08:30");
    CHECK(meso::test::text_rows(out[6]).at(0) == std::vector<std::string>{"squat", "4×30/15/15/15", "35 kg (20%)", "rest 30 s"});
    CHECK(meso::test::text_rows(out[7]).at(0) == std::vector<std::string>{"leg-curl", "4×30/15/15/15", "20%", "rest 30 s"});
    CHECK(out[8] == "    cuff 160 mmHg (leg); occlusion continuous");
    // The prescriptions' columns are aligned.
    CHECK(out[6].find("4×30") == out[7].find("4×30"));
    CHECK(out[6].find("rest") == out[7].find("rest"));

    const auto sessions = meso::test::text_sessions(run.out);
    REQUIRE(sessions.size() == 66);
    CHECK(sessions[0] == "  Mon 2027-01-04  08:00-08:30");
    CHECK(sessions[65] == "  Fri 2027-04-02  18:00-19:30");
    CHECK(std::count(sessions.begin(), sessions.end(), "  Mon 2027-02-15  18:00-19:30  (deload)") == 1);
    CHECK(out[out.size() - 2] == "  Fri 2027-04-02  18:00-19:30");
    CHECK(meso::test::text_rows(out.back()).at(0) == std::vector<std::string>{"deadlift", "1×1", "220 kg (100%)", "rest 5 min"});
    CHECK(std::find(out.begin(), out.end(), "Powerlifting — week 10 of 10 — Mon 2027-03-29 to Fri 2027-04-02") != out.end());
}

TEST_CASE("meso schedule --format json holds the keys of cli.md")
{
    auto run = run_meso({"schedule", "--format", "json", flagship});
    REQUIRE(run.exit_code == 0);
    const auto j = nlohmann::json::parse(run.out);
    const auto& p = j.at("programs").at(0);
    CHECK(p.at("name") == "Off-season 2027");
    CHECK(p.at("athlete") == "Alex");
    CHECK(p.at("start") == "2027-01-04");
    CHECK(p.at("end") == "2027-04-04");
    const auto& b = p.at("blocks").at(0);
    CHECK(b.at("name") == "Kaatsu");
    CHECK(b.at("method") == "kaatsu");
    CHECK(b.at("start") == "2027-01-04");
    CHECK(b.at("end") == "2027-01-24");
    REQUIRE(p.at("sessions").size() == 66);
    const auto& s = p.at("sessions").at(0);
    CHECK(s.at("date") == "2027-01-04");
    CHECK(s.at("start") == "08:00");
    CHECK(s.at("end") == "08:30");
    CHECK(s.at("block") == "Kaatsu");
    CHECK(s.at("week") == 1);
    const auto& squat = s.at("exercises").at(0);
    CHECK(squat.at("name") == "squat");
    CHECK(squat.at("rest_s") == 30);
    CHECK(squat.at("sets").at(0) == nlohmann::json{{"reps", 30}, {"load_percent", 20}, {"load_kg", 35}});
    const auto& knee = s.at("exercises").at(1);
    CHECK(knee.at("sets").at(0).at("load_kg").is_null());  // no max for knee-extension
}

TEST_CASE("meso schedule --format csv has the header of cli.md, then the appended plates, and one row per exercise per session")
{
    auto run = run_meso({"schedule", "--format", "csv", flagship});
    REQUIRE(run.exit_code == 0);
    const auto out = lines(run.out);
    // The contract's 13 columns, then the appended ones (docs/schedule.md): plates, cycle, workout.
    CHECK(out[0] == "date,start,end,program,athlete,block,week,exercise,sets,reps,load_kg,load_percent,rest_s,"
                    "unit,load,rpe,rir,amrap,deload,warm_up,reps_max,seconds,each_side,tm_percent,superset,plates,cycle,workout");
    // 36 kaatsu sessions × 2 exercises + 27 powerlifting sessions × 2 + 3 test-week sessions × 1
    CHECK(out.size() == 1 + 72 + 54 + 3);
    CHECK(out[1] ==
          "2027-01-04,08:00,08:30,Off-season 2027,Alex,Kaatsu,1,squat,4,30/15/15/15,35,20,30,kg,35,,,false,false,false,,,false,,,,,");
    // No max for leg-curl: no load in kg, nor in the athlete's unit.
    CHECK(out[2] ==
          "2027-01-04,08:00,08:30,Off-season 2027,Alex,Kaatsu,1,leg-curl,4,30/15/15/15,,20,30,kg,,,,false,false,false,,,false,,,,,");
}

TEST_CASE("meso schedule quotes CSV fields that hold commas or quotes")
{
    const auto dir = meso::test::temp_dir("csv");
    meso::test::write_file(
        dir + "/p.meso",
        "program \"Spring, \\\"A\\\"\" {\n  start 2027-01-04\n  1 week \"B\" { days mon; \"split squat, rear foot\" 1x5 @ 20 kg }\n}\n");
    auto run = run_meso({"schedule", "--format", "csv", dir + "/p.meso"});
    REQUIRE(run.exit_code == 0);
    CHECK(lines(run.out).at(1) ==
          "2027-01-04,08:00,09:00,\"Spring, \"\"A\"\"\",,B,1,\"split squat, rear foot\",1,5,20,,,kg,20,,,false,false,false,,,false,,,,,");
}

TEST_CASE("meso schedule exits 1 on a program with errors, printing nothing on stdout, and 2 on a missing file")
{
    const auto dir = meso::test::temp_dir("schedule-errors");
    meso::test::write_file(dir + "/bad.meso", "program \"P\" {\n  start 2027-02-30\n}\n");
    auto bad = run_meso({"schedule", dir + "/bad.meso"});
    CHECK(bad.exit_code == 1);
    CHECK(bad.out.empty());
    CHECK(bad.err.find("bad.meso:2:9: error: 2027-02-30 is not a date: that month has 28 days") != std::string::npos);
    auto missing = run_meso({"schedule", dir + "/missing.meso"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("cannot read") != std::string::npos);
}

TEST_CASE("a very long source line is shown as a window around the error, cut at character boundaries")
{
    const auto dir = meso::test::temp_dir("long-line");
    std::string name;
    for (int i = 0; i < 300; ++i) name += "é";
    meso::test::write_file(dir + "/p.meso", "athlete \"" + name + "\" { max squat 100 kgs }\n");
    auto run = run_meso({"check", dir + "/p.meso"});
    CHECK(run.exit_code == 1);
    const auto out = lines(run.err);
    REQUIRE(out.size() >= 3);
    CHECK(out[0] == dir + "/p.meso:1:628: error: unknown unit 'kgs'; did you mean 'kg'?");
    CHECK(out[1].size() < 300);
    CHECK(out[1].rfind("   1 | …", 0) == 0);
    // the caret stands under 'kgs': same display column on both lines
    auto column_of = [](const std::string& s, std::size_t byte) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < byte; ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
        return n;
    };
    CHECK(column_of(out[1], out[1].find("kgs")) == column_of(out[2], out[2].find('^')));
}

TEST_CASE("an error in the middle of a line longer than the window is shown cut on both sides")
{
    const auto dir = meso::test::temp_dir("very-long-line");
    // One line: 10,000 statements separated by ';', the 5,000th misspelt.
    std::string line = "athlete \"A\" { ";
    for (int i = 0; i < 10000; ++i) line += (i == 5000 ? "max squat 100 kgs; " : "max squat 100 kg; ");
    line += "}";
    meso::test::write_file(dir + "/p.meso", line + "\n");
    auto run = run_meso({"check", dir + "/p.meso"});
    CHECK(run.exit_code == 1);
    const auto out = lines(run.err);
    REQUIRE(out.size() >= 3);
    CHECK(out[0].find("error: unknown unit 'kgs'") != std::string::npos);
    CHECK(out[1].rfind("   1 | …", 0) == 0);
    CHECK(out[1].size() < 200);
    CHECK(out[1].substr(out[1].size() - 3) == "…");
    CHECK(out[1].find("kgs") != std::string::npos);
    // The caret stands under 'kgs' ('…' is three bytes, one column).
    CHECK(out[1].find("kgs") - 2 == out[2].find('^'));
}

namespace {
// 3 weeks of BFR with 2.5 h between the two sessions of a day: bfr.min-gap, an error.
const std::string gap_program = R"(athlete "Alex" {
  max squat 180 kg
}
program "P" {
  start 2027-03-01
  3 weeks "Kaatsu" {
    method kaatsu
    days mon..sat
    sessions 08:00, 11:00 for 30 min
    occlusion continuous
    cuff 160 mmHg
    squat 20% x 30,15,15,15 rest 30 s
  }
}
)";
}  // namespace

TEST_CASE("meso schedule of a program with error findings prints the plan, counts the errors on stderr and exits 1")
{
    const auto dir = meso::test::temp_dir("schedule-findings");
    const std::string path = dir + "/plan.meso";
    meso::test::write_file(path, gap_program);
    auto run = run_meso({"schedule", path}, "TZ=UTC");
    CHECK(run.exit_code == 1);
    const auto out = lines(run.out);
    CHECK(meso::test::text_sessions(run.out).size() == 36);
    REQUIRE(out.size() >= 3);
    CHECK(out[0] == "P for Alex");
    CHECK(out[1] == "2027-03-01 to 2027-03-21, 36 sessions");
    CHECK(out[2] == "times in UTC (from TZ)");
    CHECK(run.err == "meso schedule: 1 error in the plan: see meso check " + path + "\n");

    auto json_run = run_meso({"schedule", "--format", "json", path});
    CHECK(json_run.exit_code == 1);
    CHECK(nlohmann::json::parse(json_run.out).at("programs").at(0).at("sessions").size() == 36);
    auto csv_run = run_meso({"schedule", "--format", "csv", path});
    CHECK(csv_run.exit_code == 1);
    CHECK(lines(csv_run.out).size() == 1 + 36);

    // Two errors and three warnings (bfr.rest, and bfr.frequency on each block of 6 weeks of BFR in a row): counted.
    std::string text = gap_program;
    text.replace(text.find("    squat 20%"), std::string::npos,
                 "    squat 20% x 30,15,15,15 rest 90 s\n  }\n  3 weeks \"Kaatsu 2\" {\n    method kaatsu\n    days mon..sat\n"
                 "    sessions 08:00, 11:00 for 30 min\n    occlusion continuous\n    squat 20% x 30,15,15,15 rest 30 s\n  }\n}\n");
    meso::test::write_file(path, text);
    run = run_meso({"schedule", path});
    CHECK(run.exit_code == 1);
    CHECK(run.err == "meso schedule: 2 errors and 3 warnings in the plan: see meso check " + path + "\n");
}

TEST_CASE("meso schedule with only warnings exits 0, and 1 with --strict, as meso check does")
{
    const auto dir = meso::test::temp_dir("schedule-warnings");
    const std::string path = dir + "/plan.meso";
    std::string text = gap_program;
    text.replace(text.find("08:00, 11:00"), 12, "08:00, 16:00");
    text.replace(text.find("rest 30 s"), 9, "rest 90 s");  // bfr.rest, a warning
    meso::test::write_file(path, text);
    auto run = run_meso({"schedule", path});
    CHECK(run.exit_code == 0);
    CHECK(meso::test::text_sessions(run.out).size() == 36);
    CHECK(run.err == "meso schedule: 1 warning in the plan: see meso check " + path + "\n");
    CHECK(run_meso({"check", path}).exit_code == 0);

    auto strict = run_meso({"schedule", "--strict", path});
    CHECK(strict.exit_code == 1);
    CHECK(strict.out == run.out);
    CHECK(strict.err == "meso schedule: 1 warning in the plan: see meso check --strict " + path + "\n");
    CHECK(run_meso({"check", "--strict", path}).exit_code == 1);
}

TEST_CASE("meso compile keeps refusing a program whose errors are the rules' findings: nothing written, exit 1")
{
    const auto dir = meso::test::temp_dir("compile-findings");
    const std::string path = dir + "/plan.meso";
    meso::test::write_file(path, gap_program);
    auto run = run_meso({"compile", path}, "SOURCE_DATE_EPOCH=1798761600");
    CHECK(run.exit_code == 1);
    CHECK(run.out.empty());
    CHECK(run.err.find("error: 2.5 h between sessions") != std::string::npos);
    CHECK(run.err.find("has errors; nothing written") != std::string::npos);
}
