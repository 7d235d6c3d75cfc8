#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <set>

#include "engine/emit/ical.h"
#include "tests/schedule/schedule_support.h"
#include "tests/support/support.h"

using namespace std::chrono;
using namespace meso::test::schedule;
using meso::test::compile;
using meso::test::messages;

TEST_CASE("the flagship runs kaatsu for three weeks, then powerlifting for ten, with 66 sessions")
{
    auto c = compile(meso::test::read_file(meso::test::source_dir() + "/examples/kaatsu-then-powerlifting.meso"),
                     "examples/kaatsu-then-powerlifting.meso");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.blocks.size() == 2);
    CHECK(p.blocks[0].name == "Kaatsu");
    CHECK(p.blocks[0].method == "kaatsu");
    CHECK(p.blocks[0].start == date(2027, 1, 4));
    CHECK(p.blocks[0].end == date(2027, 1, 24));
    CHECK(p.blocks[0].session_count == 36);
    CHECK(p.blocks[1].name == "Powerlifting");
    CHECK(p.blocks[1].start == date(2027, 1, 25));
    CHECK(p.blocks[1].end == date(2027, 4, 4));
    CHECK(p.blocks[1].session_count == 30);
    CHECK(p.sessions.size() == 66);
    // squat at 20% of 180 kg is 36 kg, which rounds to 35 kg (language.md
    // §2), in four sets of 30, 15, 15, 15; the percent stays as written
    const auto& squat = exercise_of(p, 0, "squat");
    REQUIRE(squat.sets.size() == 4);
    CHECK(squat.sets[0].reps == 30);
    CHECK(squat.sets[3].reps == 15);
    CHECK(*squat.sets[0].mass == 35.0);
    CHECK(*squat.sets[0].percent == 20.0);
    CHECK(squat.rest_s == 30.0);
    // twice a day at 08:00 and 16:00 for 30 minutes
    CHECK(p.sessions[0].start == minutes{8 * 60});
    CHECK(p.sessions[1].start == minutes{16 * 60});
    CHECK(p.sessions[0].length == minutes{30});
}

TEST_CASE("splits define the training days when days is absent")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-04
  1 week "B" {
    sessions 07:00
    mon { squat 5x5 @ 75% }
    thu { bench-press 5x5 @ 75% }
  }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 2);
    CHECK(p.sessions[0].weekday() == Monday);
    CHECK(p.sessions[1].weekday() == Thursday);
    CHECK(exercise_of(p, 1, "bench-press").sets.size() == 5);
    CHECK(p.contents[p.sessions[1].content].exercises.size() == 1);
    CHECK(p.sessions[0].length == minutes{60});  // the default session length
}

TEST_CASE("backward planning with end puts the last block's last day on the end date")
{
    auto c = compile(alex + R"(
program "P" {
  end 2027-06-13
  4 weeks "A" { days mon; squat 5x5 @ 70% }
  2 weeks "B" { days mon; squat 3x3 @ 85% }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    CHECK(p.end == date(2027, 6, 13));
    CHECK(p.start == date(2027, 6, 13) - days{41});
    CHECK(p.blocks[1].end == date(2027, 6, 13));
    CHECK(p.blocks[1].start == date(2027, 5, 31));
    CHECK(p.blocks[0].start == date(2027, 5, 3));
}

TEST_CASE("a skipped day drops its sessions, it does not move them")
{
    auto base = alex + R"(
program "P" {
  start 2027-01-04
  SKIP
  2 weeks "B" { days mon wed fri; sessions 08:00, 16:00; squat 5x5 @ 70% }
}
)";
    auto plain = compile(std::regex_replace(base, std::regex("SKIP"), ""));
    auto skipped = compile(std::regex_replace(base, std::regex("SKIP"), "skip 2027-01-06 \"sick\"\n  skip 2027-01-11..2027-01-13"));
    INFO(messages(skipped.diagnostics));
    REQUIRE_FALSE(meso::has_errors(skipped.diagnostics));
    CHECK(plain.program().sessions.size() == 12);
    CHECK(skipped.program().sessions.size() == 6);  // wed 6th, mon 11th, wed 13th gone
    std::set<sys_days> dates;
    for (const auto& s : skipped.program().sessions) dates.insert(s.date);
    CHECK(dates == std::set<sys_days>{date(2027, 1, 4), date(2027, 1, 8), date(2027, 1, 15)});
    CHECK(skipped.program().end == plain.program().end);  // nothing moved
}

TEST_CASE("a pause moves everything after it later by its length, and the block resumes where it stopped")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-04
  pause 2027-01-13..2027-01-19 "vacation"
  2 weeks "A" { days mon wed fri; squat 5x5 @ 70%; week 2 { squat 3x3 @ 80% } }
  1 week "B" { days mon; bench-press 5x5 @ 70% }
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    // before the pause: mon 4, wed 6, fri 8, mon 11; the pause holds wed 13..tue 19
    CHECK(p.sessions[3].date == date(2027, 1, 11));
    // block day 9 (a wednesday in plan days) resumes on wed 20 after the pause
    CHECK(p.sessions[4].date == date(2027, 1, 20));
    CHECK(p.sessions[4].week == 2);
    CHECK(p.blocks[0].end == date(2027, 1, 24));
    CHECK(p.blocks[1].start == date(2027, 1, 25));
    for (const auto& s : p.sessions) CHECK_FALSE((s.date >= date(2027, 1, 13) && s.date <= date(2027, 1, 19)));
}

TEST_CASE("with end, a pause moves the start earlier instead")
{
    auto c = compile(alex + R"(
program "P" {
  end 2027-02-28
  pause 2027-02-08..2027-02-14
  4 weeks "A" { days mon; squat 5x5 @ 70% }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    CHECK(p.end == date(2027, 2, 28));
    CHECK(p.start == date(2027, 1, 25));  // 28 plan days and 7 paused ones end on Feb 28
    REQUIRE(p.sessions.size() == 4);
    CHECK(p.sessions[0].date == date(2027, 1, 25));
    CHECK(p.sessions[1].date == date(2027, 2, 1));
    CHECK(p.sessions[2].date == date(2027, 2, 15));
}

TEST_CASE("a block that starts mid-week counts its weeks from its own start")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-06
  2 weeks "A" { days mon wed; squat 5x5 @ 70% +2.5% per week }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    // week 1: wed 6 .. tue 12 → wed 6, mon 11; week 2: wed 13 .. tue 19 → wed 13, mon 18
    REQUIRE(p.sessions.size() == 4);
    CHECK(p.sessions[0].date == date(2027, 1, 6));
    CHECK(p.sessions[1].date == date(2027, 1, 11));
    CHECK(p.sessions[1].week == 1);
    CHECK(p.sessions[2].date == date(2027, 1, 13));
    CHECK(p.sessions[2].week == 2);
    CHECK(*exercise_of(p, 2, "squat").sets[0].percent == 72.5);
}

TEST_CASE("a block of 10 days ends on its tenth day, its second week partial")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-04
  10 days "A" { days mon..sun; squat 1x5 @ 50% }
  then 1 week "B" { days mon; squat 1x5 @ 50% }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    CHECK(p.blocks[0].end == date(2027, 1, 13));
    CHECK(p.blocks[0].weeks == 2);
    CHECK(p.blocks[0].session_count == 10);
    CHECK(p.blocks[1].start == date(2027, 1, 14));  // a thursday
    CHECK(p.blocks[1].session_count == 1);
    CHECK(p.sessions.back().date == date(2027, 1, 18));
}

TEST_CASE("sessions keep their local time across a change to daylight saving time")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-03-22
  timezone Europe/Berlin
  2 weeks "A" { days mon..sun; sessions 08:00 for 45 min; squat 1x5 @ 50% }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 14);
    for (const auto& s : p.sessions) {  // 2027-03-28 is the change in Berlin
        CHECK(s.start == minutes{8 * 60});
        CHECK(s.length == minutes{45});
    }
    CHECK(p.sessions[6].date == date(2027, 3, 28));
}

TEST_CASE("an athlete whose maxes are in pounds gets loads in pounds, rounded to 5 lb")
{
    auto c = compile(R"(
athlete "Pat" { max squat 315 lb; max bench-press 100 kg }
program "P" {
  start 2027-01-04
  1 week "A" { days mon; squat 1x5 @ 70%; bench-press 1x5 @ 50% }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    CHECK(p.unit == meso::ir::MassUnit::kg);  // mixed units: kilograms
    auto lb = compile(R"(
athlete "Pat" { max squat 315 lb; max bench-press 225 lb }
program "P" {
  start 2027-01-04
  1 week "A" { days mon; squat 1x5 @ 70%; bench-press 1x5 @ 50% }
}
)");
    REQUIRE_FALSE(meso::has_errors(lb.diagnostics));
    CHECK(lb.program().unit == meso::ir::MassUnit::lb);
    CHECK(*mass_of(lb.program(), 0, "squat") == 220.0);        // 220.5 lb → 220
    CHECK(*mass_of(lb.program(), 0, "bench-press") == 115.0);  // 112.5 lb: halfway, up to 115
    auto whole = compile(R"(
athlete "Pat" { max squat 200 lb }
program "P" { start 2027-01-04; 1 week "A" { days mon; squat 1x5 @ 71% } }
)");
    REQUIRE_FALSE(meso::has_errors(whole.diagnostics));
    CHECK(*mass_of(whole.program(), 0, "squat") == 140.0);  // 142 lb, a whole number, still rounds to 5 lb: 140
}

TEST_CASE("the number of sessions is bounded before they are made")
{
    auto c = compile(alex + R"(
program "P" {
  start 2027-01-04
  100 weeks "A" { days mon..sun; sessions 06:00, 07:00, 08:00, 09:00, 10:00; squat 1x5 @ 50% }
}
)",
                     "test.meso", false, 1000);
    CHECK(meso::test::has_message(c.diagnostics, "this program expands to 3500 sessions, more than --max-sessions allows (1000)"));
    CHECK(c.schedule.programs.empty());
}

TEST_CASE("a program without start or end, or with both, is a located error")
{
    auto none = compile(alex + "program \"P\" { 1 week \"A\" { days mon; squat 1x5 @ 50% } }\n");
    CHECK(meso::test::has_message(none.diagnostics, "the program needs 'start DATE'"));
    auto both = compile(alex + "program \"P\" {\n  start 2027-01-04\n  end 2027-02-01\n  1 week \"A\" { days mon; squat 1x5 @ 50% }\n}\n");
    CHECK(meso::test::has_message(both.diagnostics, "a program has 'start' or 'end', not both"));
}

// Property: for generated programs, every session lies inside its block,
// sessions are ordered, none falls on a skipped date, and the count is the
// count of training days times sessions a day.
TEST_CASE("generated programs: sessions lie in their blocks, in order, never on a skipped date, as many as the arithmetic says")
{
    std::mt19937 random(20271104);
    const char* names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (int round = 0; round < 60; ++round) {
        std::string text =
            alex + "program \"G\" {\n  start 2027-0" + std::to_string(1 + random() % 9) + "-1" + std::to_string(random() % 10) + "\n";
        const int skips = static_cast<int>(random() % 3);
        for (int k = 0; k < skips; ++k)
            text += "  skip 2027-0" + std::to_string(1 + random() % 9) + "-2" + std::to_string(random() % 8) + "\n";
        const int blocks = 1 + static_cast<int>(random() % 4);
        for (int b = 0; b < blocks; ++b) {
            const bool in_days = random() % 2;
            const int length = 1 + static_cast<int>(random() % (in_days ? 20 : 6));
            std::string days;
            for (int d = 0; d < 7; ++d)
                if (random() % 2) days += std::string(" ") + names[d];
            if (days.empty()) days = " mon";
            const int per_day = 1 + static_cast<int>(random() % 3);
            std::string sessions = "08:00";
            if (per_day > 1) sessions += ", 13:00";
            if (per_day > 2) sessions += ", 18:00";
            text += "  " + std::to_string(length) + (in_days ? " days" : " weeks") + " \"B" + std::to_string(b) + "\" { days" + days +
                    "; sessions " + sessions + " for 30 min; squat 3x5 @ 70% }\n";
        }
        text += "}\n";
        INFO(text);
        auto c = compile(text);
        INFO(messages(c.diagnostics));
        REQUIRE_FALSE(meso::has_errors(c.diagnostics));
        const auto& p = c.program();
        const auto& program = *p.program;
        long long expected = 0;
        for (std::size_t b = 0; b < p.blocks.size(); ++b) {
            const auto& block = p.blocks[b];
            const auto& ir_block = program.blocks[b];
            const int per_day = static_cast<int>(ir_block.content.session_times->size());
            long long training_days = 0;
            for (sys_days d = block.start; d <= block.end; d += days{1}) {
                bool skipped = false;
                for (const auto& s : program.skips) skipped = skipped || (d >= s.first && d <= s.last);
                if (!skipped && ir_block.content.days->test(weekday{d}.c_encoding())) ++training_days;
            }
            CHECK(block.session_count == training_days * per_day);
            expected += training_days * per_day;
            for (std::uint32_t i = block.first_session; i < block.first_session + block.session_count; ++i) {
                const auto& s = p.sessions[i];
                CHECK(s.block == b);
                CHECK(s.date >= block.start);
                CHECK(s.date <= block.end);
            }
        }
        CHECK(static_cast<long long>(p.sessions.size()) == expected);
        for (std::size_t i = 1; i < p.sessions.size(); ++i) {
            const auto& a = p.sessions[i - 1];
            const auto& b = p.sessions[i];
            CHECK((a.date < b.date || (a.date == b.date && a.start < b.start)));
        }
        for (const auto& s : p.sessions)
            for (const auto& skip : program.skips) CHECK_FALSE((s.date >= skip.first && s.date <= skip.last));
    }
}

TEST_CASE("the bound on sessions counts every program of the file and stops at the first that does not fit")
{
    std::string text = alex;
    for (int i = 0; i < 5; ++i)
        text += "program \"P" + std::to_string(i) + "\" {\n  start 2027-01-04\n  10 weeks \"A\" { days mon..fri; squat 1x5 @ 50% }\n}\n";
    auto c = compile(text, "test.meso", false, 120);  // 50 sessions a program
    REQUIRE(c.schedule.programs.size() == 2);
    REQUIRE(c.diagnostics.size() == 1);
    CHECK(c.diagnostics[0].span.line == 16);  // the third program
    CHECK(c.diagnostics[0].message ==
          "the programs of this file expand to more than --max-sessions (120) sessions: this program's 50 do not fit after the "
          "100 of the programs before it; the programs after it were not expanded");
}

// meso compile expands a program at a time: plan_schedule, then
// schedule_program for each plan, must give what schedule() gives.
TEST_CASE("planning every program and then expanding each gives what schedule gives, program by program")
{
    auto c = compile(alex + R"(
program "A" for "Alex" {
  start 2027-01-04
  3 weeks "Ramp" { days mon thu; sessions 07:00, 18:00 for 45 min; squat 4x6 @ 70%..85% }
  pause 2027-01-10..2027-01-20
  then 2 weeks "Flat" { days sun; bench-press 3x5 @ 60 kg }
}
program "B" for "Alex" {
  end 2027-06-27
  2 weeks "Back" { days sun; deadlift 3x5 @ 100 kg +5 kg per week }
}
program "C" for "Alex" {
  start 2027-03-01
  skip 2027-03-01
  1 week "Empty" { days mon; squat 3x5 @ 70% }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto plan = meso::scheduling::plan_schedule(c.compilation->module);
    CHECK(plan.diagnostics.empty());
    REQUIRE(plan.programs.size() == c.schedule.programs.size());
    for (std::size_t i = 0; i < plan.programs.size(); ++i) {
        const auto& whole = c.schedule.programs[i];
        const auto& p = plan.programs[i];
        CHECK(p.index == i);
        CHECK(p.start == whole.start);
        CHECK(p.end == whole.end);
        CHECK(p.sessions == static_cast<long long>(whole.sessions.size()));
        CHECK(p.first_session == (whole.sessions.empty() ? std::nullopt : std::optional(whole.sessions.front().date)));
        CHECK(p.last_session == (whole.sessions.empty() ? std::nullopt : std::optional(whole.sessions.back().date)));
        std::vector<meso::Diagnostic> diagnostics;
        const auto one = meso::scheduling::schedule_program(p, diagnostics);
        CHECK(diagnostics.empty());
        REQUIRE(one.sessions.size() == whole.sessions.size());
        for (std::size_t k = 0; k < one.sessions.size(); ++k) {
            CHECK(one.sessions[k].date == whole.sessions[k].date);
            CHECK(one.sessions[k].start == whole.sessions[k].start);
            CHECK(one.sessions[k].content == whole.sessions[k].content);
            CHECK(one.sessions[k].week == whole.sessions[k].week);
        }
        CHECK(one.contents.size() == whole.contents.size());
        CHECK(one.blocks.size() == whole.blocks.size());
    }
    CHECK(plan.programs[2].sessions == 0);                      // the one day it trains is skipped
    CHECK(plan.programs[1].last_session == date(2027, 6, 27));  // planned backward, the last session on the last day

    // The calendar's head (VTIMEZONE ranges) from the plans is what it is from the schedules.
    for (std::size_t i = 0; i < plan.programs.size(); ++i) {
        const auto from_plan = meso::emit::outline_of(plan.programs[i]);
        const auto from_schedule = meso::emit::outline_of(c.schedule.programs[i]);
        CHECK(from_plan.program == from_schedule.program);
        CHECK(from_plan.name == from_schedule.name);
        CHECK(from_plan.athlete == from_schedule.athlete);
        CHECK(from_plan.first == from_schedule.first);
        CHECK(from_plan.last == from_schedule.last);
    }
    CHECK(meso::emit::outline_of(plan.programs[1]).last == date(2027, 6, 28));  // a session may end after midnight
}

TEST_CASE("planning bounds --max-sessions over the whole file as schedule does, before expanding anything")
{
    const std::string text = alex + R"(
program "A" for "Alex" { start 2027-01-04
  4 weeks "B" { days mon tue wed thu fri; squat 3x5 @ 70% } }
program "B" for "Alex" { start 2027-01-04
  4 weeks "B" { days mon tue wed thu fri; squat 3x5 @ 70% } }
program "C" for "Alex" { start 2027-01-04
  1 weeks "B" { days mon; squat 3x5 @ 70% } }
)";
    auto c = compile(text, "test.meso", false, 30);
    const auto plan = meso::scheduling::plan_schedule(c.compilation->module, {30});
    CHECK(plan.programs.size() == 1);  // A fits (20), B does not, C is not expanded
    REQUIRE(plan.diagnostics.size() == 1);
    CHECK(plan.diagnostic_program == std::vector<std::size_t>{1});
    CHECK(messages(plan.diagnostics) == messages(c.schedule.diagnostics));
    CHECK(messages(plan.diagnostics).find("this program's 20 do not fit after the 20 of the programs before it") != std::string::npos);
}
