// general.no-exercises: a training day whose sessions hold no exercise is a
// calendar event with nothing to do; std.general says so, at the `days`
// statement that made it a training day.
#include <catch2/catch.hpp>

#include "engine/rules/rules.h"
#include "tests/support/support.h"

using namespace meso;
using namespace meso::test;

namespace {

std::vector<Diagnostic> findings_of(const std::string& text)
{
    auto compiled = compile(text, "plan.meso", true);
    INFO(messages(compiled.diagnostics));
    REQUIRE_FALSE(has_errors(compiled.diagnostics));
    std::vector<Diagnostic> out;
    for (auto& f : rules::check_rules(compiled.compilation->module, compiled.schedule))
        if (f.rule && *f.rule == "general.no-exercises") out.push_back(f);
    return out;
}

}  // namespace

TEST_CASE("a training day the splits leave without exercises is a located general.no-exercises warning")
{
    const auto findings = findings_of(R"(athlete "Alex" { max squat 180 kg; max bench-press 120 kg }
program "P" {
  start 2027-03-01
  3 weeks "Strength" {
    method strength
    days mon wed fri
    mon { squat 5x5 @ 75% rest 3 min }
    wed { bench-press 5x5 @ 75% rest 3 min }
  }
}
)");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].severity == Severity::warning);
    CHECK(findings[0].message ==
          "no exercise in the session on Fri 2027-03-05 (08:00-09:00), and in 2 more sessions; a training day with no exercises");
    CHECK(findings[0].span.line == 6);  // the `days` statement
    CHECK(findings[0].span.column == 5);
}

TEST_CASE("a template's days replaced by days that keep one of its split days leave the others empty, and std.general says so")
{
    const auto findings = findings_of(R"(use std.templates
athlete "Alex" { max squat 180 kg; max bench-press 120 kg; max deadlift 220 kg }
program "P" {
  start 2027-01-04
  6 weeks powerlifting { days mon tue wed fri }
}
)");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message ==
          "no exercise in the session on Tue 2027-01-05 (18:00-19:30), and in 5 more sessions; a training day with no exercises");
    CHECK(findings[0].span.line == 5);
    CHECK(findings[0].span.column == 26);
}

TEST_CASE("every training day with exercises, or a block without sessions, is no general.no-exercises finding")
{
    CHECK(findings_of(R"(use std.templates
athlete "Alex" { max squat 180 kg; max bench-press 120 kg; max deadlift 220 kg }
program "P" {
  start 2027-01-04
  6 weeks powerlifting { days tue thu sat }
  1 week rest
}
)")
              .empty());
}
