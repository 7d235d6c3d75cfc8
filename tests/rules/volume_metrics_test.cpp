// The metrics of volume, tonnage and weekly-volume-change, in a clinic's
// own rule: "at most +5% of tonnage a week" (no standard rule uses them).
#include <catch2/catch.hpp>

#include "tests/support/support.h"

using namespace meso::test;

namespace {

// 70% of 300 lb is 210 lb, 75% is 225: 2 sessions x 15 reps x 210 = 6300 lb in
// week 1, x 225 = 6750 lb in week 2 (+7.14%); 80% = 240 lb, 7200 lb in week 3 (+6.67%).
const char* const program = R"(athlete "Sam" { max squat 300 lb; round 5 lb }
program "P" for "Sam" {
  start 2027-03-01
  3 weeks "A" { days mon thu; squat 3x5 @ 70% +5% per week }
}
ruleset clinic "Our clinic" {
  rule volume warning "at most +LIMIT% of tonnage a week" {
    require weekly-volume-change <= LIMIT
  }
  rule tonnage warning "at most 7000 lb a week" {
    require tonnage <= 7000
  }
}
)";

std::string with_limit(const std::string& limit)
{
    std::string text = program;
    for (auto at = text.find("LIMIT"); at != std::string::npos; at = text.find("LIMIT")) text.replace(at, 5, limit);
    return text;
}

}  // namespace

TEST_CASE("a clinic's rule of at most +5% tonnage a week finds weeks 2 and 3, +10% finds none")
{
    const auto dir = temp_dir("volume-rule");
    write_file(dir + "/five.meso", with_limit("5"));
    auto five = run_meso({"check", "--no-default-rules", dir + "/five.meso"});
    CHECK(five.exit_code == 0);  // warnings
    CHECK(
        five.err.find("warning: the tonnage changes by +7.1% in block week 2 (2027-03-08..2027-03-14) against block week 1, and in 1 more "
                      "block week; at most +5% of tonnage a week [clinic.volume]") != std::string::npos);
    CHECK(five.err.find("five.meso:4:3:") != std::string::npos);  // at the block
    // Week 3 alone is 7200 lb: over 7000.
    CHECK(five.err.find("a tonnage of 7200 lb in block week 3 (2027-03-15..2027-03-21); at most 7000 lb a week [clinic.tonnage]") !=
          std::string::npos);
    write_file(dir + "/ten.meso", with_limit("10"));
    auto ten = run_meso({"check", "--no-default-rules", dir + "/ten.meso"});
    CHECK(ten.exit_code == 0);
    CHECK(ten.err.find("clinic.volume") == std::string::npos);
    CHECK(ten.err.find("clinic.tonnage") != std::string::npos);
}

TEST_CASE("weekly-volume-change takes a plain number of percent, and a misspelling gets a suggestion")
{
    const auto dir = temp_dir("volume-types");
    write_file(dir + "/kg.meso",
               with_limit("5") + "ruleset other \"x\" {\n  rule t warning \"t\" {\n    require tonnage <= 5 kg\n  }\n}\n");
    auto kg = run_meso({"check", "--no-default-rules", dir + "/kg.meso"});
    CHECK(kg.exit_code == 1);
    write_file(dir + "/typo.meso",
               with_limit("5") + "ruleset other \"x\" {\n  rule t warning \"t\" {\n    require weekly-volume-chang <= 5\n  }\n}\n");
    auto typo = run_meso({"check", "--no-default-rules", dir + "/typo.meso"});
    CHECK(typo.exit_code == 1);
    CHECK(typo.err.find("weekly-volume-change") != std::string::npos);
}
