// The UIDs of a calendar's sessions name the session's place in the plan
// (block week, the split's weekday, session of the day) and a namespace, so
// that a subscribed calendar moves an event when the plan moves it and never
// gives one workout's UID to another (docs/calendars.md, "UIDs").
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>

#include "engine/emit/ical.h"
#include "tests/support/support.h"

using namespace meso;
using meso::test::compile;

namespace {

const std::string athletes = "athlete \"Alex\" {\n  max squat 180 kg\n  max bench-press 120 kg\n  max deadlift 220 kg\n}\n";

// A program of three splits, four weeks, squats getting heavier each week.
std::string program(const std::string& statements, const std::string& squat_load = "75%")
{
    return athletes + "program \"Winter\" for \"Alex\" {\n" + statements +
           "  timezone Europe/Berlin\n"
           "  4 weeks \"Strength\" {\n"
           "    sessions 17:00 for 90 min\n"
           "    mon { squat 5x5 @ " +
           squat_load +
           " +2.5% per week }\n"
           "    wed { bench-press 5x5 @ 75% }\n"
           "    fri { deadlift 3x5 @ 80% }\n"
           "  }\n"
           "}\n";
}

// Each UID with what makes its workout that workout: its block week and
// its exercises (the event's SUMMARY). Dates and loads are left out: they
// are what may change under one UID.
std::map<std::string, std::string> workouts_by_uid(const std::string& text)
{
    const auto c = compile(text);
    INFO(meso::test::messages(c.diagnostics));
    REQUIRE(c.schedule.programs.size() == 1);
    std::map<std::string, std::string> workouts;
    const auto& p = c.program();
    for (const auto& session : p.sessions) {
        std::ostringstream what;
        what << "week " << session.week << ": ";
        if (session.content < p.contents.size())
            for (const auto& e : p.contents[session.content].exercises) what << e.name << ' ';
        const bool inserted = workouts.emplace(emit::session_uid(p, session), what.str()).second;
        CHECK(inserted);  // no two sessions share a UID
    }
    return workouts;
}

std::vector<std::string> calendar_uids(const std::string& text)
{
    const auto c = compile(text);
    std::ostringstream out;
    const auto result = emit::write_calendar(out, c.schedule.programs, emit::CalendarOptions{});
    REQUIRE(result.diagnostics.empty());
    std::vector<std::string> uids;
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("UID:", 0) == 0) uids.push_back(line.substr(4, line.size() - 5));  // without CR
    return uids;
}

}  // namespace

TEST_CASE("moving start by a day keeps each workout's UID on that workout")
{
    const auto monday = workouts_by_uid(program("  start 2027-01-04\n"));
    const auto tuesday = workouts_by_uid(program("  start 2027-01-05\n"));
    REQUIRE(monday.size() == 12);
    // A start on Tuesday makes Monday's squats the last day of each block
    // week: the same workouts, on other dates, under the same UIDs.
    CHECK(tuesday == monday);
    CHECK(workouts_by_uid(program("  start 2027-01-11\n")) == monday);
}

TEST_CASE("a pause moves sessions under their UIDs")
{
    const auto plain = workouts_by_uid(program("  start 2027-01-04\n"));
    const auto paused = workouts_by_uid(program("  start 2027-01-04\n  pause 2027-01-13..2027-01-19 \"flu\"\n"));
    CHECK(paused == plain);
}

TEST_CASE("a changed load or time keeps the session's UID")
{
    const auto plain = workouts_by_uid(program("  start 2027-01-04\n"));
    CHECK(workouts_by_uid(program("  start 2027-01-04\n", "80%")) == plain);
    std::string later = program("  start 2027-01-04\n");
    later.replace(later.find("17:00 for 90 min"), 16, "18:30 for 60 min");
    CHECK(workouts_by_uid(later) == plain);
}

TEST_CASE("two coaches' identical files with different calendar-ids give disjoint UIDs")
{
    const auto mine = calendar_uids(program("  start 2027-01-04\n  calendar-id \"club-a.example.org\"\n"));
    const auto theirs = calendar_uids(program("  start 2027-01-04\n  calendar-id \"club-b.example.org\"\n"));
    const auto none = calendar_uids(program("  start 2027-01-04\n"));
    REQUIRE(mine.size() == 12);
    const std::set<std::string> a(mine.begin(), mine.end());
    for (const auto& uid : theirs) CHECK(a.count(uid) == 0);
    for (const auto& uid : none) CHECK(a.count(uid) == 0);

    SECTION("without a calendar-id, the coach's address is the namespace")
    {
        const auto sam = calendar_uids(program("  start 2027-01-04\n  coach \"Sam\" <sam@example.org>\n"));
        const auto kim = calendar_uids(program("  start 2027-01-04\n  coach \"Kim\" <kim@example.org>\n"));
        const auto sam_renamed = calendar_uids(program("  start 2027-01-04\n  coach \"Sam Lee\" <sam@example.org>\n"));
        const std::set<std::string> s(sam.begin(), sam.end());
        for (const auto& uid : kim) CHECK(s.count(uid) == 0);
        CHECK(sam_renamed == sam);
    }
}

TEST_CASE("a UID shows its scheme's version")
{
    for (const auto& uid : calendar_uids(program("  start 2027-01-04\n"))) {
        CHECK(uid.size() == std::string("0123456789abcdef.v2@meso").size());
        CHECK(uid.substr(16) == ".v2@meso");
    }
}

TEST_CASE("calendar-id is given once")
{
    const auto c = compile(program("  start 2027-01-04\n  calendar-id \"a\"\n  calendar-id \"b\"\n"));
    CHECK(meso::test::has_message(c.diagnostics, "'calendar-id' is given twice"));
}
