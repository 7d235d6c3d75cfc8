// One precision per unit in every output (docs/schedule.md, "Precision"):
// loads to the athlete's step, percents to at most one decimal, the
// kilograms of a pound athlete to 0.01 kg; the rules compare exact values.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/support.h"

using meso::test::run_meso;

namespace {

// Week 2 is a deload: 90% of each load. Squat: 85% of a 90% training max is
// 76.5% of the 1RM, then 76.5% TM and 68.85% (0.9 × 76.5, which a double
// holds as 68.8499…). Bench press: 72.25% as written, then 65.025%.
// Deadlift: a % TM as written with two decimals.
const std::string pound_athlete = "athlete \"Pat\" {\n"
                                  "  max squat 315 lb\n"
                                  "  max bench-press 80 lb\n"
                                  "  max deadlift 400 lb\n"
                                  "  training-max 90%\n"
                                  "}\n\n"
                                  "program \"P\" for \"Pat\" {\n"
                                  "  start 2027-03-01\n"
                                  "  timezone UTC\n"
                                  "  2 weeks \"A\" {\n"
                                  "    method strength\n"
                                  "    days mon\n"
                                  "    sessions 08:00 for 60 min\n"
                                  "    squat 5x5 @ 85% TM\n"
                                  "    bench-press 3x5 @ 72.25%\n"
                                  "    deadlift 1x5 @ 72.25% TM\n"
                                  "    week 2 deload\n"
                                  "  }\n"
                                  "}\n";

std::string program_file(const std::string& name, const std::string& text)
{
    const auto path = meso::test::temp_dir(name) + "/plan.meso";
    meso::test::write_file(path, text);
    return path;
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// An iCalendar text with its folded lines joined again (RFC 5545 3.1).
std::string unfolded(std::string text)
{
    for (auto at = text.find("\r\n "); at != std::string::npos; at = text.find("\r\n ", at)) text.erase(at, 3);
    return text;
}

}  // namespace

TEST_CASE("a percent of 1RM has at most one decimal in the text, the JSON, the CSV and the calendar alike")
{
    const auto path = program_file("precision", pound_athlete);

    const auto text = run_meso({"schedule", path});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out == "P for Pat\n"
                      "2027-03-01 to 2027-03-14, 2 sessions\n"
                      "times in UTC (the program's timezone)\n"
                      "\n"
                      "A — week 1 of 2 — Mon 2027-03-01\n"
                      "  Mon 2027-03-01  08:00-09:00\n"
                      "    squat        5×5  240 lb (TM 85%, 76.5%)\n"
                      "    bench-press  3×5  60 lb (72.3%)\n"
                      "    deadlift     1×5  260 lb (TM 72.3%, 65%)\n"
                      "\n"
                      "A — week 2 of 2 — Mon 2027-03-08\n"
                      "  Mon 2027-03-08  08:00-09:00  (deload)\n"
                      "    squat        3×5  215 lb (TM 76.5%, 68.9%)\n"
                      "    bench-press  2×5  50 lb (65%)\n"
                      "    deadlift     1×5  235 lb (TM 65%, 58.5%)\n");

    const auto json = run_meso({"schedule", "--format", "json", path});
    REQUIRE(json.exit_code == 0);
    const auto sessions = nlohmann::json::parse(json.out)["programs"][0]["sessions"];
    const auto first_set = [&](int session, int exercise) { return sessions[session]["exercises"][exercise]["sets"][0]; };
    CHECK(first_set(0, 0)["load_percent"] == 76.5);
    CHECK(first_set(0, 1)["load_percent"] == 72.3);
    CHECK(first_set(1, 0)["load_percent"] == 68.9);
    CHECK(first_set(1, 1)["load_percent"] == 65);
    // tm_percent is the program's own number (as written, or its deload), not rounded.
    CHECK(first_set(0, 2)["tm_percent"] == 72.25);
    CHECK(first_set(0, 2)["load_percent"] == 65);
    CHECK(first_set(1, 2)["tm_percent"] == 65.025);
    CHECK(json.out.find("68.85") == std::string::npos);

    const auto csv = run_meso({"schedule", "--format", "csv", path});
    REQUIRE(csv.exit_code == 0);
    const auto csv_rows = lines(csv.out);
    REQUIRE(csv_rows.size() == 7);
    CHECK(csv_rows[2] == "2027-03-01,08:00,09:00,P,Pat,A,1,bench-press,3,5,27.22,72.3,,lb,60,,,false,false,false,,,false,,,,,");
    CHECK(csv_rows[4] == "2027-03-08,08:00,09:00,P,Pat,A,2,squat,3,5,97.52,68.9,,lb,215,,,false,true,false,,,false,76.5,,,,");
    CHECK(csv_rows[6] == "2027-03-08,08:00,09:00,P,Pat,A,2,deadlift,1,5,106.59,58.5,,lb,235,,,false,true,false,,,false,65.025,,,,");

    const auto calendar = run_meso({"compile", path}, "SOURCE_DATE_EPOCH=0");
    REQUIRE(calendar.exit_code == 0);
    const auto ics = unfolded(calendar.out);
    CHECK(ics.find("squat: 3 sets of 5 reps @ 76.5% TM = 215 lb (68.9% of 1RM)") != std::string::npos);
    CHECK(ics.find("bench-press: 3 sets of 5 reps @ 72.3% = 60 lb") != std::string::npos);
    CHECK(ics.find("deadlift: 1 set of 5 reps @ 72.3% TM = 260 lb (65% of 1RM)") != std::string::npos);
    CHECK(ics.find("68.85") == std::string::npos);
    CHECK(ics.find("72.25") == std::string::npos);
}

TEST_CASE("a pound athlete's load_kg is to 0.01 kg in JSON and CSV, and load_lb is to the step")
{
    const auto path = program_file("precision-lb", pound_athlete);
    const auto json = run_meso({"schedule", "--format", "json", path});
    REQUIRE(json.exit_code == 0);
    const auto set = nlohmann::json::parse(json.out)["programs"][0]["sessions"][0]["exercises"][0]["sets"][0];
    CHECK(set["load_lb"] == 240);
    CHECK(set["load_kg"] == 108.86);  // 240 × 0.45359237 = 108.8621688
    const auto csv = lines(run_meso({"schedule", "--format", "csv", path}).out);
    REQUIRE(csv.size() == 7);
    CHECK(csv[1] == "2027-03-01,08:00,09:00,P,Pat,A,1,squat,5,5,108.86,76.5,,lb,240,,,false,false,false,,,false,85,,,,");
}

TEST_CASE("rules compare a percent exactly: 40.04% breaks a rule of at most 40% though it is shown as 40%")
{
    const std::string rules = "ruleset mine {\n  rule light error \"at most 40%\" {\n    require every exercise load <= 40%\n  }\n}\n\n";
    const auto program = [&](const std::string& load) {
        return rules +
               "athlete \"Pat\" {\n  max squat 200 kg\n}\n\nprogram \"P\" for \"Pat\" {\n  start 2027-03-01\n  timezone UTC\n"
               "  1 week \"A\" {\n    method strength\n    days mon\n    sessions 08:00 for 60 min\n    squat 1x10 @ " +
               load + "\n  }\n}\n";
    };
    const auto above = run_meso({"check", "--no-default-rules", "--format", "json", program_file("precision-rule", program("40.04%"))});
    CHECK(above.exit_code == 1);
    const auto findings = nlohmann::json::parse(above.out);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0]["rule"] == "mine.light");
    CHECK(findings[0]["message"] == "squat at 40% of 1RM (80 kg) on Mon 2027-03-01; at most 40%");

    const auto at = run_meso({"check", "--no-default-rules", program_file("precision-rule-at", program("40%"))});
    CHECK(at.exit_code == 0);
    CHECK(at.err == "no findings in 1 file\n");
}
