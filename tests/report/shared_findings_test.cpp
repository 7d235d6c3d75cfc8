// A finding of a program written for a group holds for one or more of its
// athletes: it is reported once, naming them (docs/language.md, "Groups"),
// in text, JSON and SARIF alike.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/report/report.h"
#include "tests/support/support.h"

using meso::Diagnostic;

namespace {

Diagnostic finding(const meso::Source& source, std::uint32_t at, const std::string& message, const std::string& athlete)
{
    Diagnostic d = Diagnostic::warning(meso::span_at(source, at, 5), message);
    d.rule = "bfr.sets";
    d.athletes = {athlete};
    return d;
}

const std::string squad_file = "athlete \"Ann\" { max squat 100 kg }\n"
                               "athlete \"Ben\" { max squat 140 kg }\n"
                               "athlete \"Cat\" { max squat 120 kg }\n"
                               "group \"U18\" { \"Ann\", \"Ben\", \"Cat\" }\n"
                               "program \"Strength\" for \"U18\" {\n"
                               "  start 2027-01-04\n"
                               "  2 weeks \"Base\" {\n"
                               "    cuff leg 160 mmHg\n"
                               "    mon thu { squat 5x5 @ 45% }\n"
                               "  }\n"
                               "}\n";

}  // namespace

TEST_CASE("findings alike for several athletes merge into the first, naming them in the order found")
{
    const meso::Source source{"x.meso", "squat squat squat\n"};
    std::vector<Diagnostic> ds{finding(source, 0, "five sets", "Ann"), finding(source, 6, "other place", "Ann"),
                               finding(source, 0, "five sets", "Ben"), Diagnostic::warning(meso::span_at(source, 0, 5), "five sets"),
                               finding(source, 0, "five sets", "Cat")};
    meso::merge_shared_findings(ds);
    REQUIRE(ds.size() == 3);
    CHECK(ds[0].athletes == std::vector<std::string>{"Ann", "Ben", "Cat"});
    CHECK(meso::printed_message(ds[0]) == "five sets (Ann, Ben, Cat)");
    CHECK(ds[1].athletes == std::vector<std::string>{"Ann"});
    CHECK(ds[1].message == "other place");
    CHECK(ds[2].athletes.empty());  // a finding of a program written for one athlete merges with none
    CHECK(meso::printed_message(ds[2]) == "five sets");
}

TEST_CASE("findings that differ in anything but the athlete stay apart, and one athlete's twin findings stay two")
{
    const meso::Source source{"x.meso", "squat squat\n"};
    Diagnostic error_for_ben = finding(source, 0, "five sets", "Ben");
    error_for_ben.severity = meso::Severity::error;
    Diagnostic other_rule = finding(source, 0, "five sets", "Cat");
    other_rule.rule = "bfr.load";
    std::vector<Diagnostic> ds{finding(source, 0, "five sets", "Ann"), error_for_ben, other_rule, finding(source, 0, "five sets", "Ann")};
    meso::merge_shared_findings(ds);
    CHECK(ds.size() == 4);
}

TEST_CASE("JSON and SARIF give a shared finding's athletes as a list, and its message names them")
{
    const meso::Source source{"x.meso", "squat\n"};
    Diagnostic d = finding(source, 0, "five sets", "Ann");
    d.athletes.push_back("Ben");
    const auto json = nlohmann::json::parse(meso::report::to_json({d}));
    CHECK(json.at(0).at("athletes") == nlohmann::json({"Ann", "Ben"}));
    CHECK(json.at(0).at("message") == "five sets (Ann, Ben)");
    const auto sarif = nlohmann::json::parse(meso::report::to_sarif({d}, {}));
    const auto& result = sarif.at("runs").at(0).at("results").at(0);
    CHECK(result.at("properties").at("athletes") == nlohmann::json({"Ann", "Ben"}));
    CHECK(result.at("message").at("text") == "five sets (Ann, Ben)");
    // without athletes, no key
    const auto plain = nlohmann::json::parse(meso::report::to_json({Diagnostic::warning(meso::span_at(source, 0, 5), "five sets")}));
    CHECK_FALSE(plain.at(0).contains("athletes"));
}

TEST_CASE("meso check reports a finding alike for every member of a group once, naming them, and one that differs once per athlete")
{
    const std::string dir = meso::test::temp_dir("shared-findings");
    meso::test::write_file(dir + "/squad.meso", squad_file);
    const auto run = meso::test::run_meso({"check", dir + "/squad.meso"});
    INFO(run.err);
    INFO(run.out);
    const std::string& out = run.out + run.err;
    // 5 sets of a BFR exercise: the same for everyone
    const std::string sets = "squat has 5 sets on Mon 2027-01-04, and in 3 more sessions; 2 to 4 sets of each BFR exercise in a session";
    CHECK(out.find(sets + " (Ann, Ben, Cat) [bfr.sets]") != std::string::npos);
    std::size_t count = 0;
    for (auto at = out.find(sets); at != std::string::npos; at = out.find(sets, at + 1)) ++count;
    CHECK(count == 1);
    // 45% is too heavy for BFR: in each athlete's own kilograms (45% of 100, 140 and 120 kg, to the 2.5 kg step)
    const std::string load = "squat at 45% of 1RM (";
    const std::string rest = ") in set 1 on Mon 2027-01-04, and in 3 more sessions; BFR loads between 20% and 40% of 1RM (";
    CHECK(out.find(load + "45 kg" + rest + "Ann) [bfr.load]") != std::string::npos);
    CHECK(out.find(load + "62.5 kg" + rest + "Ben) [bfr.load]") != std::string::npos);
    CHECK(out.find(load + "55 kg" + rest + "Cat) [bfr.load]") != std::string::npos);
}
