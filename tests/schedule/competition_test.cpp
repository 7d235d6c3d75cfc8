// `competition DATE "name"` (language.md, Programs): a day without training,
// the anchor of backward planning when there is neither `start` nor `end`,
// an all-day event in the calendar, and in the JSON and text schedules.
#include <catch2/catch.hpp>

#include <sstream>

#include "engine/emit/ical.h"
#include "engine/emit/schedule_text.h"
#include "engine/emit/sessions.h"
#include "tests/schedule/schedule_support.h"
#include "tests/support/support.h"

using namespace meso::test::schedule;
using meso::test::compile;
using meso::test::has_message;
using meso::test::messages;

namespace {

// Three weeks of Monday, Wednesday and Friday squats, with `statements` before them.
std::string program_with(const std::string& statements)
{
    return alex + "program \"P\" {\n" + statements + "  3 weeks \"Base\" {\n    days mon wed fri\n    squat 3x5 @ 70%\n  }\n}\n";
}

// The lines of `calendar` from the VEVENT whose SUMMARY names `name` to its END.
std::string competition_event(const std::string& calendar, const std::string& name)
{
    const auto summary = calendar.find("SUMMARY:Competition: " + name);
    if (summary == std::string::npos) return "";
    const auto begin = calendar.rfind("BEGIN:VEVENT", summary);
    return calendar.substr(begin, calendar.find("END:VEVENT", summary) - begin);
}

std::string uid_of(const std::string& event)
{
    const auto at = event.find("UID:");
    return at == std::string::npos ? "" : event.substr(at + 4, event.find("\r\n", at) - at - 4);
}

}  // namespace

TEST_CASE("without start or end, a program is planned backward to end the day before its last competition")
{
    // 2027-06-12 is a Saturday: the plan ends on Friday 2027-06-11 and starts three weeks earlier.
    auto c = compile(program_with("  competition 2027-05-29 \"Regionals\"\n  competition 2027-06-12 \"Nationals\"\n"));
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(c.diagnostics.empty());
    const auto& p = c.program();
    CHECK(p.end == date(2027, 6, 11));
    CHECK(p.start == date(2027, 5, 22));
    REQUIRE(p.sessions.size() == 9);
    CHECK(p.sessions.front().date == date(2027, 5, 24));
    CHECK(p.sessions.back().date == date(2027, 6, 11));
}

TEST_CASE("the last competition by date anchors the plan, whatever the order they are written in")
{
    auto c = compile(program_with("  competition 2027-06-12 \"Nationals\"\n  competition 2027-05-29 \"Regionals\"\n"));
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(c.program().end == date(2027, 6, 11));
}

TEST_CASE("a session on a competition day is dropped, not moved")
{
    // Wednesday 2027-01-13 is in week 2 of a plan from Monday 2027-01-04.
    auto c = compile(program_with("  start 2027-01-04\n  competition 2027-01-13 \"Club meet\"\n"));
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 8);
    for (const auto& s : p.sessions) CHECK(s.date != date(2027, 1, 13));
    CHECK(p.sessions[3].date == date(2027, 1, 11));
    CHECK(p.sessions[4].date == date(2027, 1, 15));
    CHECK(p.end == date(2027, 1, 24));
}

TEST_CASE("a competition after the last block of a program with start is a warning, with end, an error")
{
    auto with_start = compile(program_with("  start 2027-01-04\n  competition 2027-02-06 \"Open\"\n"));
    CHECK_FALSE(meso::has_errors(with_start.diagnostics));
    CHECK(has_message(with_start.diagnostics, "the program ends 13 days before this competition (2027-01-04..2027-01-24)"));
    auto day_after = compile(program_with("  start 2027-01-04\n  competition 2027-01-25 \"Open\"\n"));
    CHECK(day_after.diagnostics.empty());
    auto with_end = compile(program_with("  end 2027-01-24\n  competition 2027-02-06 \"Open\"\n"));
    CHECK(meso::has_errors(with_end.diagnostics));
    CHECK(has_message(with_end.diagnostics, "this competition is 13 days after the program's 'end'"));
}

TEST_CASE("two competitions on one day, or one in a pause or on a skipped day, are located errors with a note")
{
    auto twice = compile(program_with("  competition 2027-06-12 \"Nationals\"\n  competition 2027-06-12 \"Open\"\n"));
    REQUIRE(has_message(twice.diagnostics, "two competitions on 2027-06-12"));
    const auto& d = twice.diagnostics.front();
    CHECK(d.span.text() == "competition 2027-06-12 \"Open\"");
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0].span.text() == "competition 2027-06-12 \"Nationals\"");
    // An earlier pause reaching past a later-starting one still holds the day.
    auto paused = compile(program_with(
        "  start 2027-01-04\n  pause 2027-01-05..2027-01-20\n  pause 2027-01-08..2027-01-09\n  competition 2027-01-15 \"Open\"\n"));
    CHECK(has_message(paused.diagnostics, "this competition is within a pause"));
    auto skipped = compile(program_with("  start 2027-01-04\n  skip 2027-01-14..2027-01-16\n  competition 2027-01-15 \"Open\"\n"));
    CHECK(has_message(skipped.diagnostics, "this competition is on a skipped day"));
}

TEST_CASE("a competition is in the JSON schedule and a line of the text table, by date")
{
    auto c = compile(program_with("  competition 2027-06-12 \"Nationals\"\n  competition 2027-05-26 \"Club \\\"open\\\"\"\n"));
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    std::ostringstream json;
    meso::emit::write_sessions_json(json, c.schedule);
    CHECK(json.str().find(
              "\"competitions\": [\n        {\n          \"date\": \"2027-05-26\",\n          \"name\": \"Club \\\"open\\\"\"\n"
              "        },\n        {\n          \"date\": \"2027-06-12\",\n          \"name\": \"Nationals\"\n        }\n      ]") !=
          std::string::npos);
    std::ostringstream text;
    meso::emit::write_sessions_text(text, c.schedule);
    const std::string t = text.str();
    const auto club = t.find("\n  Wed 2027-05-26  competition: Club \"open\"\n");
    REQUIRE(club != std::string::npos);
    CHECK(t.find("\n  Mon 2027-05-24  ") < club);  // among the sessions, at its date
    CHECK(club < t.find("\n  Fri 2027-05-28  "));
    const std::string nationals = "\n  Sat 2027-06-12  competition: Nationals\n";  // after the last session
    CHECK(t.find(nationals) == t.size() - nationals.size());
}

TEST_CASE("a program without competitions has no competitions key in its JSON")
{
    auto c = compile(program_with("  start 2027-01-04\n"));
    std::ostringstream json;
    meso::emit::write_sessions_json(json, c.schedule);
    CHECK(json.str().find("competitions") == std::string::npos);
}

TEST_CASE("a competition is an all-day event of the calendar whose UID does not change with the plan around it")
{
    auto c = compile(program_with("  competition 2027-06-12 \"Nationals\"\n"));
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const std::string calendar = calendar_of(c);
    const std::string event = competition_event(calendar, "Nationals");
    REQUIRE_FALSE(event.empty());
    CHECK(event.find("\r\nDTSTART;VALUE=DATE:20270612\r\n") != std::string::npos);
    CHECK(event.find("\r\nDTEND;VALUE=DATE:20270613\r\n") != std::string::npos);
    CHECK(event.find("\r\nCATEGORIES:competition\r\n") != std::string::npos);
    CHECK(event.find("TZID") == std::string::npos);
    const std::string uid = uid_of(event);
    CHECK(uid.size() == std::string("0123456789abcdef.v2@meso").size());  // scheme 2 (docs/calendars.md)
    // The nine sessions and the competition, each its own UID.
    std::size_t events = 0;
    for (auto at = calendar.find("BEGIN:VEVENT"); at != std::string::npos; at = calendar.find("BEGIN:VEVENT", at + 1)) ++events;
    CHECK(events == 10);

    // A longer plan keeps the competition's UID; another date or name is another event.
    auto longer = compile(alex + "program \"P\" {\n  competition 2027-06-12 \"Nationals\"\n  5 weeks \"Base\" {\n    days mon\n"
                                 "    squat 3x5 @ 70%\n  }\n}\n");
    CHECK(uid_of(competition_event(calendar_of(longer), "Nationals")) == uid);
    auto moved = compile(program_with("  competition 2027-06-13 \"Nationals\"\n"));
    CHECK(uid_of(competition_event(calendar_of(moved), "Nationals")) != uid);
}
