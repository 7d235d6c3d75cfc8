// The VTIMEZONE as calendar applications need it: RRULEs where the zone has
// a rule (Outlook), RDATEs where it has none, DAYLIGHT ahead of STANDARD
// (DAVx5), from the POSIX rule a zoneinfo file ends with. That each zone's
// VTIMEZONE gives the right instants in libical, icalendar and ical.js is
// emit.zones (tests/emit/check_calendars.sh).
#include <catch2/catch.hpp>

#include <sstream>

#include "engine/base/posix_rule.h"
#include "engine/base/timezone.h"
#include "engine/emit/ical.h"
#include "tests/emit/builder.h"

using namespace meso;
using namespace meso::test;

namespace {

std::chrono::sys_seconds local(int y, unsigned m, unsigned d, int hours)
{
    return std::chrono::sys_seconds{day(y, m, d).time_since_epoch()} + std::chrono::hours{hours};
}

// The calendar of one program in `zone`, two weeks from `start`: its VTIMEZONE block.
std::string vtimezone_of(const std::string& zone, std::chrono::sys_days start)
{
    Fixture f;
    auto& program = f.program("P", zone);
    f.schedule(program, "Alex", start, {{"K", "strength", 14, days("MTWTFSS"), {at(8)}, std::chrono::minutes{60}, {}}});
    emit::CalendarOptions options;
    options.default_timezone = "UTC";
    std::ostringstream out;
    REQUIRE(emit::write_calendar(out, f.schedules, options).diagnostics.empty());
    const std::string text = out.str();
    const auto begin = text.find("BEGIN:VTIMEZONE\r\n");
    const auto end = text.find("END:VTIMEZONE\r\n");
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    return text.substr(begin, end - begin);
}

std::size_t occurrences(const std::string& text, const std::string& part)
{
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("a zoneinfo file's footer rule is read with its offsets, days and times")
{
    const auto new_york = parse_posix_rule("EST5EDT,M3.2.0,M11.1.0");
    REQUIRE(new_york);
    CHECK(new_york->std_abbrev == "EST");
    CHECK(new_york->dst_abbrev == "EDT");
    CHECK(new_york->std_offset == -std::chrono::hours{5});
    CHECK(new_york->dst_offset == -std::chrono::hours{4});
    CHECK(new_york->to_dst.local_onset(std::chrono::year{2027}) == local(2027, 3, 14, 2));
    CHECK(new_york->to_std.local_onset(std::chrono::year{2027}) == local(2027, 11, 7, 2));

    // Europe/Dublin: summer time (IST) is the "standard" one, winter (GMT) the "daylight" one.
    const auto dublin = parse_posix_rule("IST-1GMT0,M10.5.0,M3.5.0/1");
    REQUIRE(dublin);
    CHECK(dublin->std_offset == std::chrono::hours{1});
    CHECK(dublin->dst_offset == std::chrono::hours{0});
    CHECK(dublin->to_dst.local_onset(std::chrono::year{2027}) == local(2027, 10, 31, 2));
    CHECK(dublin->to_std.local_onset(std::chrono::year{2027}) == local(2027, 3, 28, 1));

    const auto lord_howe = parse_posix_rule("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
    REQUIRE(lord_howe);
    CHECK(lord_howe->std_abbrev == "+1030");
    CHECK(lord_howe->std_offset == std::chrono::minutes{630});
    CHECK(lord_howe->dst_offset == std::chrono::minutes{660});

    // Asia/Jerusalem: 26:00 on the fourth Thursday of March is 02:00 on the Friday after it.
    const auto jerusalem = parse_posix_rule("IST-2IDT,M3.4.4/26,M10.5.0");
    REQUIRE(jerusalem);
    CHECK(jerusalem->to_dst.local_onset(std::chrono::year{2027}) == local(2027, 3, 26, 2));
    // America/Nuuk: -1:00 on the last Sunday of March is 23:00 on the Saturday before it.
    const auto nuuk = parse_posix_rule("<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
    REQUIRE(nuuk);
    CHECK(nuuk->to_dst.local_onset(std::chrono::year{2027}) == local(2027, 3, 27, 23));

    CHECK_FALSE(parse_posix_rule("JST-9"));    // one offset all year
    CHECK_FALSE(parse_posix_rule("<+01>-1"));  // Africa/Casablanca
    CHECK_FALSE(parse_posix_rule("EST5EDT,J60,J300"));
    CHECK_FALSE(parse_posix_rule("EST5EDT,M13.2.0,M11.1.0"));
    CHECK_FALSE(parse_posix_rule(""));
    CHECK_FALSE(parse_posix_rule("EST5EDT,M3.2.0"));
}

TEST_CASE("a zone with a current rule is two observances that repeat every year, as Outlook needs")
{
    const std::string zone = vtimezone_of("America/New_York", day(2027, 3, 8));
    CHECK(zone.find("BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"
                    "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD\r\n") != std::string::npos);
    CHECK(zone.find("BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"
                    "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\n") != std::string::npos);
    CHECK(occurrences(zone, "BEGIN:STANDARD") == 1);
    CHECK(occurrences(zone, "BEGIN:DAYLIGHT") == 1);
    CHECK(occurrences(zone, "RDATE") == 0);
}

TEST_CASE("Europe/Dublin's negative daylight saving time is written with DAYLIGHT ahead of STANDARD")
{
    const std::string zone = vtimezone_of("Europe/Dublin", day(2027, 3, 22));
    CHECK(zone.find("BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD\r\n") != std::string::npos);
    CHECK(zone.find("BEGIN:DAYLIGHT\r\nDTSTART:20270328T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                    "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:IST\r\nEND:DAYLIGHT\r\n") != std::string::npos);
}

TEST_CASE("a zone whose changes follow no rule lists them as RDATEs, DAYLIGHT still the larger offset")
{
    // Africa/Casablanca goes back to +00 for Ramadan: in 2026 from 02-15 to 03-22, in 2027 from 02-07 to 03-14.
    const std::string zone = vtimezone_of("Africa/Casablanca", day(2027, 2, 1));
    CHECK(occurrences(zone, "RRULE") == 0);
    // The first onset is an RDATE too: with RDATEs, ical.js reads no DTSTART.
    CHECK(zone.find("BEGIN:STANDARD\r\nDTSTART:20260215T030000\r\nRDATE:20260215T030000\r\nRDATE:20270207T030000\r\n"
                    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:+00\r\nEND:STANDARD\r\n") != std::string::npos);
    CHECK(zone.find("BEGIN:DAYLIGHT\r\nDTSTART:20260322T020000\r\nRDATE:20260322T020000\r\nRDATE:20270314T020000\r\n"
                    "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:+01\r\nEND:DAYLIGHT\r\n") != std::string::npos);

    // Over a year, each kind of change is one observance and its RDATEs.
    Fixture f;
    auto& program = f.program("P", "Africa/Casablanca");
    f.schedule(program, "Alex", day(2027, 1, 4), {{"K", "strength", 700, days("M......"), {at(8)}, std::chrono::minutes{60}, {}}});
    std::ostringstream out;
    emit::CalendarOptions options;
    REQUIRE(emit::write_calendar(out, f.schedules, options).diagnostics.empty());
    CHECK(occurrences(out.str(), "BEGIN:DAYLIGHT") == 1);
    CHECK(occurrences(out.str(), "RDATE:") >= 4);
}

TEST_CASE("a program that reaches 2039 gets dated observances, which Python's icalendar can place")
{
    const std::string zone = vtimezone_of("America/New_York", day(2038, 12, 20));
    CHECK(occurrences(zone, "RRULE") == 0);
    CHECK(zone.find("BEGIN:STANDARD\r\nDTSTART:20381107T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\n") !=
          std::string::npos);
}

TEST_CASE("a 30-minute change and a zone without one")
{
    const std::string lord_howe = vtimezone_of("Australia/Lord_Howe", day(2027, 3, 29));
    CHECK(lord_howe.find("RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1030\r\n") != std::string::npos);
    CHECK(lord_howe.find("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\nTZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100\r\n") != std::string::npos);

    const std::string tokyo = vtimezone_of("Asia/Tokyo", day(2027, 3, 29));
    CHECK(occurrences(tokyo, "BEGIN:STANDARD") == 1);
    CHECK(occurrences(tokyo, "BEGIN:DAYLIGHT") == 0);
    CHECK(occurrences(tokyo, "RRULE") == 0);
    CHECK(tokyo.find("TZOFFSETTO:+0900\r\nTZNAME:JST\r\n") != std::string::npos);
}

TEST_CASE("a change past midnight repeats on the weekday it falls on, among the days it can fall on")
{
    // Asia/Jerusalem: the Friday before the last Sunday of March, at 02:00.
    const std::string zone = vtimezone_of("Asia/Jerusalem", day(2027, 3, 22));
    CHECK(zone.find(
              "BEGIN:DAYLIGHT\r\nDTSTART:20270326T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29\r\n") !=
          std::string::npos);
}
