// A skip or a pause that changes nothing (outside the program, on rest days,
// a skip inside a pause) is a warning that says why: it is most likely a
// wrong year or a wrong date.
#include <catch2/catch.hpp>

#include "engine/schedule/schedule.h"
#include "tests/support/support.h"

using meso::test::compile;
using meso::test::messages;

namespace {

// A Mon/Wed/Fri block from Mon 2027-05-03 to Sun 2027-05-16, with `extra` in the program.
meso::test::Compiled program_with(const std::string& extra)
{
    return compile(R"(athlete "Alex" { max squat 180 kg }
program "P" {
  start 2027-05-03
)" + extra + R"(
  2 weeks "A" { days mon wed fri; squat 5x5 @ 70% }
}
)");
}

std::vector<std::string> warnings(const meso::test::Compiled& c)
{
    std::vector<std::string> out;
    for (const auto& d : c.diagnostics) {
        if (d.severity != meso::Severity::warning) continue;
        out.push_back(std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + ": " + d.message);
    }
    return out;
}

}  // namespace

TEST_CASE("a skip outside the program's dates is a warning that it drops nothing")
{
    auto c = program_with("  skip 2026-05-05 \"last year's holiday\"");
    INFO(messages(c.diagnostics));
    CHECK(warnings(c) ==
          std::vector<std::string>{"4:3: this skip drops nothing: it lies outside the program's dates, 2027-05-03..2027-05-16"});
    CHECK(c.program().sessions.size() == 6);
}

TEST_CASE("a skip on rest days is a warning that it drops nothing")
{
    auto c = program_with("  skip 2027-05-08..2027-05-09 \"weekend away\"\n  skip 2027-05-12");
    INFO(messages(c.diagnostics));
    CHECK(warnings(c) ==
          std::vector<std::string>{"4:3: this skip drops nothing: no training day of the program falls on 2027-05-08..2027-05-09"});
    CHECK(c.program().sessions.size() == 5);  // the skip of Wed 2027-05-12 drops its session
}

TEST_CASE("a skip inside a pause is a warning that it drops nothing, with a note at the pause")
{
    auto c = program_with("  pause 2027-05-10..2027-05-12\n  skip 2027-05-11..2027-05-12");
    INFO(messages(c.diagnostics));
    CHECK(warnings(c) == std::vector<std::string>{"5:3: this skip drops nothing: it lies within a pause, which has no sessions"});
    const auto& warning = c.diagnostics.back();
    REQUIRE(warning.notes.size() == 1);
    CHECK(warning.notes[0].span.line == 4);
    CHECK(warning.notes[0].message == "the pause is here");
}

TEST_CASE("a pause outside the program's dates or on rest days is a warning that it moves nothing")
{
    auto c = program_with("  pause 2027-06-01..2027-06-10 \"vacation\"\n  pause 2027-05-08..2027-05-09\n  pause 2027-05-12..2027-05-12");
    INFO(messages(c.diagnostics));
    CHECK(warnings(c) == std::vector<std::string>{
                             "4:3: this pause moves nothing: it lies outside the program's dates, 2027-05-03..2027-05-19",
                             "5:3: this pause moves nothing: no training day of the program falls on 2027-05-08..2027-05-09",
                         });
    auto plain = program_with("  pause 2027-05-12..2027-05-12");
    CHECK(warnings(plain).empty());
    CHECK(plain.program().sessions.size() == c.program().sessions.size());
}

TEST_CASE("skips and pauses that change something are not warned about, and planning reports them once")
{
    auto c = program_with("  skip 2027-05-05\n  pause 2027-05-07..2027-05-09\n  skip 2027-05-09..2027-05-10");
    INFO(messages(c.diagnostics));
    CHECK(warnings(c).empty());

    auto idle = program_with("  skip 2027-05-08");
    const auto plan = meso::scheduling::plan_schedule(idle.compilation->module);
    REQUIRE(plan.diagnostics.size() == 1);
    CHECK(plan.diagnostics[0].severity == meso::Severity::warning);
    std::vector<meso::Diagnostic> more;
    meso::scheduling::schedule_program(plan.programs.at(0), more);
    CHECK(more.empty());  // expanding the planned program does not repeat it
}
