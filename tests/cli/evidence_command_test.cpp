// meso evidence FILE: the real binary, its output and exit status.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/support.h"

using meso::test::run_meso;

namespace {
const std::string flagship = meso::test::source_dir() + "/examples/kaatsu-then-powerlifting.meso";
}  // namespace

TEST_CASE("meso evidence ranks Abe et al. 2005 first for the flagship, in plain words")
{
    auto run = run_meso({"evidence", flagship}, "TZ=UTC");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.empty());
    // (the template's second exercise is left out: the figures' exercises are tested in tests/evidence/)
    CHECK(run.out.find("Off-season 2027 for Alex — block \"Kaatsu\", 2027-01-04 to 2027-01-24\n"
                       "  this block: 20% 1RM, 2×/day, 6 d/wk, 3 weeks, 36 sessions; squat, ") == 0);
    CHECK(run.out.find("\n  closest: Abe et al. 2005 — 2×/day, 6 d/wk, 2 weeks, 20% 1RM — quadriceps volume +7.7% (n=9)\n") !=
          std::string::npos);
    CHECK(run.out.find("    source: Abe T, Yasuda T, Midorikawa T, Sato Y, Kearns CF, Inoue K, Koizumi K, Ishii N.") != std::string::npos);
    // the 3 closest by default, each with its distance
    std::size_t shown = 0;
    for (std::size_t at = run.out.find("\n    distance "); at != std::string::npos; at = run.out.find("\n    distance ", at + 1)) ++shown;
    CHECK(shown == 3);
}

TEST_CASE("meso evidence --format json gives each BFR block its figures and its studies")
{
    auto run = run_meso({"evidence", "--format", "json", "--top", "2", flagship}, "TZ=UTC");
    REQUIRE(run.exit_code == 0);
    const auto j = nlohmann::json::parse(run.out);
    CHECK(j.at("table") == "stdlib/evidence/bfr.tsv");
    const auto& program = j.at("programs").at(0);
    CHECK(program.at("name") == "Off-season 2027");
    CHECK(program.at("athlete") == "Alex");
    REQUIRE(program.at("blocks").size() == 1);  // the powerlifting block is not a BFR block
    const auto& block = program.at("blocks").at(0);
    CHECK(block.at("name") == "Kaatsu");
    CHECK(block.at("start") == "2027-01-04");
    CHECK(block.at("end") == "2027-01-24");
    const auto& figures = block.at("figures");
    CHECK(figures.at("load_percent") == 20.0);
    CHECK(figures.at("sessions_per_day") == 2.0);
    CHECK(figures.at("days_per_week") == 6.0);
    CHECK(figures.at("days") == 21);
    CHECK(figures.at("weeks") == 3.0);
    CHECK(figures.at("sessions") == 36);
    CHECK(figures.at("exercises").at(0) == "squat");
    CHECK(figures.size() == 7);
    REQUIRE(block.at("studies").size() == 2);
    const auto& abe = block.at("studies").at(0);
    CHECK(abe.at("id") == "abe2005");
    CHECK(abe.at("summary") == "Abe et al. 2005 — 2×/day, 6 d/wk, 2 weeks, 20% 1RM — quadriceps volume +7.7% (n=9)");
    CHECK(abe.at("journal") == "Int J KAATSU Training Res 2005;1(1):6-12");
    CHECK(abe.at("doi").is_null());
    CHECK(abe.at("design") == "trial");
    CHECK(abe.at("n") == 9);
    CHECK(abe.at("protocol").at("sessions") == 24);
    CHECK(abe.at("protocol").at("exercises") == nlohmann::json{"squat", "leg-curl"});
    CHECK(abe.at("protocol").at("cuff").is_null());
    CHECK(abe.at("outcome") == "quadriceps volume +7.7%");
    CHECK(abe.at("not_confirmed") == nlohmann::json::array());
    CHECK(abe.at("missing") == nlohmann::json::array());
    for (const char* term : {"load", "sessions_per_day", "days_per_week", "weeks", "sessions", "exercises"})
        CHECK(abe.at("terms").contains(term));
    CHECK(abe.at("distance").get<double>() <= block.at("studies").at(1).at("distance").get<double>());
}

TEST_CASE("meso evidence says so when a file has no BFR block")
{
    const auto dir = meso::test::temp_dir("evidence-none");
    meso::test::write_file(dir + "/p.meso", "program \"P\" {\n  start 2027-01-04\n  1 week \"B\" { days mon; squat 3x5 @ 100 kg }\n}\n");
    auto run = run_meso({"evidence", dir + "/p.meso"}, "TZ=UTC");
    REQUIRE(run.exit_code == 0);
    CHECK(
        run.out ==
        dir +
            "/p.meso: no BFR block (a block with method bfr or kaatsu, a cuff, or occlusion continuous or intermittent); nothing to compare\n");
    auto json = run_meso({"evidence", "--format", "json", dir + "/p.meso"}, "TZ=UTC");
    REQUIRE(json.exit_code == 0);
    CHECK(nlohmann::json::parse(json.out).at("programs").at(0).at("blocks") == nlohmann::json::array());
}

TEST_CASE("meso evidence exits 1 with the errors and prints nothing when the file has errors")
{
    const auto dir = meso::test::temp_dir("evidence-errors");
    meso::test::write_file(dir + "/p.meso", "program \"P\" {\n  start 2027-01-04\n  3 weeks kaatzu\n}\n");
    auto run = run_meso({"evidence", dir + "/p.meso"}, "TZ=UTC");
    CHECK(run.exit_code == 1);
    CHECK(run.out.empty());
    CHECK(run.err.find("p.meso:3:") != std::string::npos);
}

TEST_CASE("meso evidence exits 2 on a file it cannot read and on a bad option")
{
    auto missing = run_meso({"evidence", "/nonexistent/plan.meso"}, "TZ=UTC");
    CHECK(missing.exit_code == 2);
    CHECK(missing.out.empty());
    CHECK(missing.err.find("/nonexistent/plan.meso") != std::string::npos);
    CHECK(run_meso({"evidence", "--format", "csv", flagship}).exit_code == 2);
    CHECK(run_meso({"evidence", "--top", "-1", flagship}).exit_code == 2);
    CHECK(run_meso({"evidence"}).exit_code == 2);
}
