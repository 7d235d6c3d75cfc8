#include <catch2/catch.hpp>

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

TEST_CASE("meso schedule prints the flagship's 66 sessions, one line each")
{
    auto run = run_meso({"schedule", flagship}, "TZ=UTC");
    REQUIRE(run.exit_code == 0);
    const auto out = lines(run.out);
    REQUIRE(out.size() == 67);
    CHECK(out[0] == "Off-season 2027 for Alex — 2027-01-04 to 2027-04-04, 66 sessions; times in UTC (from TZ)");
    CHECK(out[1] == "Mon 2027-01-04 08:00-08:30  Kaatsu  week 1  squat 4×30/15/15/15 @ 35 kg (20%), knee-extension 4×30/15/15/15 @ 20%");
    CHECK(out[66] == "Fri 2027-04-02 18:00-19:30  Powerlifting  week 10  deadlift 1×1 @ 220 kg (100%)");
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
    CHECK(b.at("method") == "bfr");
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

TEST_CASE("meso schedule --format csv has the header of cli.md and one row per exercise per session")
{
    auto run = run_meso({"schedule", "--format", "csv", flagship});
    REQUIRE(run.exit_code == 0);
    const auto out = lines(run.out);
    CHECK(out[0] == "date,start,end,program,athlete,block,week,exercise,sets,reps,load_kg,load_percent,rest_s");
    // 36 kaatsu sessions × 2 exercises + 27 powerlifting sessions × 2 + 3 test-week sessions × 1
    CHECK(out.size() == 1 + 72 + 54 + 3);
    CHECK(out[1] == "2027-01-04,08:00,08:30,Off-season 2027,Alex,Kaatsu,1,squat,4,30/15/15/15,35,20,30");
    CHECK(out[2] == "2027-01-04,08:00,08:30,Off-season 2027,Alex,Kaatsu,1,knee-extension,4,30/15/15/15,,20,30");
}

TEST_CASE("meso schedule quotes CSV fields that hold commas or quotes")
{
    const auto dir = meso::test::temp_dir("csv");
    meso::test::write_file(dir + "/p.meso", "program \"Spring, \\\"A\\\"\" {\n  start 2027-01-04\n  1 week \"B\" { days mon; \"split squat, rear foot\" 1x5 @ 20 kg }\n}\n");
    auto run = run_meso({"schedule", "--format", "csv", dir + "/p.meso"});
    REQUIRE(run.exit_code == 0);
    CHECK(lines(run.out).at(1) == "2027-01-04,08:00,09:00,\"Spring, \"\"A\"\"\",,B,1,\"split squat, rear foot\",1,5,20,,");
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
