// A rule's finding on a block inside a `repeat` holds in one or more of its
// cycles: alike in several (but for their dates), it is reported once,
// naming them, in text, JSON and SARIF alike (docs/language.md, "Cycles").
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/report/report.h"
#include "tests/support/support.h"

using meso::Diagnostic;

namespace {

Diagnostic finding(const meso::Source& source, const std::string& message, const std::string& cycle)
{
    Diagnostic d = Diagnostic::warning(meso::span_at(source, 0, 5), message);
    d.rule = "bfr.sets";
    d.cycles = {cycle};
    return d;
}

}  // namespace

TEST_CASE("findings of several cycles alike but for their dates merge into the first, naming the cycles in order")
{
    const meso::Source source{"x.meso", "squat\n"};
    std::vector<Diagnostic> ds{finding(source, "squat has 5 sets on Mon 2027-01-04, and in 5 more sessions", "1"),
                               finding(source, "squat has 5 sets on Mon 2027-01-25, and in 5 more sessions", "2"),
                               finding(source, "squat has 5 sets on Thu 2027-02-18, and in 5 more sessions", "3")};
    meso::merge_cycle_findings(ds);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].cycles == std::vector<std::string>{"1", "2", "3"});
    CHECK(ds[0].message == "squat has 5 sets on Mon 2027-01-04, and in 5 more sessions");  // the first cycle's dates
    CHECK(meso::printed_message(ds[0]) == "squat has 5 sets on Mon 2027-01-04, and in 5 more sessions (in cycles 1–3; dates of cycle 1)");
}

TEST_CASE("findings of several cycles that differ in a value, a count or a place stay one per cycle")
{
    const meso::Source source{"x.meso", "squat squat\n"};
    Diagnostic elsewhere = finding(source, "squat at 95% on Mon 2027-03-15", "3");
    elsewhere.span = meso::span_at(source, 6, 5);
    std::vector<Diagnostic> ds{finding(source, "squat at 95% on Mon 2027-03-01", "1"),
                               finding(source, "squat at 97% on Mon 2027-03-08", "2"),
                               finding(source, "squat at 95% on Mon 2027-03-15, and in 1 more session", "3"), elsewhere};
    meso::merge_cycle_findings(ds);
    REQUIRE(ds.size() == 4);
    CHECK(meso::printed_message(ds[1]) == "squat at 97% on Mon 2027-03-08 (in cycle 2)");
}

TEST_CASE("two findings alike of the same cycle stay two, each merging with another cycle's")
{
    const meso::Source source{"x.meso", "squat\n"};
    std::vector<Diagnostic> ds{finding(source, "five sets on 2027-01-04", "1"), finding(source, "five sets on 2027-01-05", "1"),
                               finding(source, "five sets on 2027-01-11", "2"), finding(source, "five sets on 2027-01-12", "2")};
    meso::merge_cycle_findings(ds);
    REQUIRE(ds.size() == 2);
    CHECK(ds[0].message == "five sets on 2027-01-04");
    CHECK(ds[0].cycles == std::vector<std::string>{"1", "2"});
    CHECK(ds[1].message == "five sets on 2027-01-05");
    CHECK(ds[1].cycles == std::vector<std::string>{"1", "2"});
}

TEST_CASE("a diagnostic outside every repeat merges with nothing")
{
    const meso::Source source{"x.meso", "squat\n"};
    Diagnostic plain = Diagnostic::warning(meso::span_at(source, 0, 5), "five sets");
    plain.rule = "bfr.sets";
    std::vector<Diagnostic> ds{plain, plain, finding(source, "five sets", "1")};
    meso::merge_cycle_findings(ds);
    REQUIRE(ds.size() == 3);
    CHECK(meso::printed_message(ds[0]) == "five sets");
    CHECK(meso::printed_message(ds[2]) == "five sets (in cycle 1)");
}

TEST_CASE("cycles are listed as a reader counts them, three or more in a row as a range")
{
    using meso::cycle_list;
    CHECK(cycle_list({"3"}) == "3");
    CHECK(cycle_list({"1", "2"}) == "1 and 2");
    CHECK(cycle_list({"1", "2", "3", "4"}) == "1–4");
    CHECK(cycle_list({"1", "2", "3", "5"}) == "1–3 and 5");
    CHECK(cycle_list({"1", "3", "5"}) == "1, 3 and 5");
    CHECK(cycle_list({"1.1", "1.2", "1.3", "2.1", "2.2"}) == "1.1–1.3, 2.1 and 2.2");
}

TEST_CASE("a message without a date names the cycles alone, and athletes after them")
{
    const meso::Source source{"x.meso", "squat\n"};
    Diagnostic d = finding(source, "the cuff is on no limb", "1");
    d.cycles = {"1", "2"};
    CHECK(meso::printed_message(d) == "the cuff is on no limb (in cycles 1 and 2)");
    d.athletes = {"Ann", "Ben"};
    CHECK(meso::printed_message(d) == "the cuff is on no limb (in cycles 1 and 2) (Ann, Ben)");
}

TEST_CASE("JSON and SARIF give a finding's cycles as a list, and its message names them")
{
    const meso::Source source{"x.meso", "squat\n"};
    Diagnostic d = finding(source, "five sets on Mon 2027-01-04", "1");
    d.cycles.push_back("2");
    const auto json = nlohmann::json::parse(meso::report::to_json({d}));
    CHECK(json.at(0).at("cycles") == nlohmann::json({"1", "2"}));
    CHECK(json.at(0).at("message") == "five sets on Mon 2027-01-04 (in cycles 1 and 2; dates of cycle 1)");
    const auto sarif = nlohmann::json::parse(meso::report::to_sarif({d}, {}));
    const auto& result = sarif.at("runs").at(0).at("results").at(0);
    CHECK(result.at("properties").at("cycles") == nlohmann::json({"1", "2"}));
    CHECK(result.at("message").at("text") == "five sets on Mon 2027-01-04 (in cycles 1 and 2; dates of cycle 1)");
    const auto plain = nlohmann::json::parse(meso::report::to_json({Diagnostic::warning(meso::span_at(source, 0, 5), "five sets")}));
    CHECK_FALSE(plain.at(0).contains("cycles"));
}
