// The iCalendar emitter: dated sessions in, an RFC 5545 calendar out.
//
//   CalendarOptions options{.default_timezone = machine_timezone(),
//                           .stamp = *parse_source_date_epoch(getenv("SOURCE_DATE_EPOCH"))};
//   CalendarResult r = write_calendar(std::cout, schedule.programs, options);
//
// One calendar holds every program given (a file with several programs gives
// one calendar), one VEVENT per session, written event by event. What comes
// out (docs/calendars.md says it for coaches, ../shared/design/cli.md is the
// contract): UTF-8 without BOM, CRLF, lines folded at 75 octets without
// splitting a character, TEXT escaped; VERSION, PRODID, CALSCALE, NAME,
// X-WR-CALNAME, REFRESH-INTERVAL, X-PUBLISHED-TTL (X-WR-TIMEZONE when there
// is one zone); one VTIMEZONE per zone, before the events, holding the
// zone's real changes from the tz database from a month before the first
// date to a month after the last (after 2037 from the rule the zoneinfo
// file ends with), starting in standard time; per event UID, DTSTAMP,
// DTSTART/DTEND with TZID, SUMMARY, DESCRIPTION, CATEGORIES, and ORGANIZER
// when the program names a coach with an address (METHOD:PUBLISH then too,
// when every program has one); a VALARM per event when asked.
//
// UIDs come from the program, athlete, block name and occurrence, and the
// session's place in the block (week, day of the week in the block, session
// of the day) — never from the date — so moving `start` moves events
// instead of duplicating them in a subscribed calendar.
//
// Same input and options, same bytes. What can go wrong: a zone name the tz
// database does not know (a program's, or the default); then nothing is
// written and the result holds the error.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/schedule/schedule.h"
#include "grammar/diagnostic.h"

namespace meso {

struct CalendarOptions {
    std::string default_timezone = "UTC";        // for programs that name none: --timezone, else machine_timezone()
    std::chrono::sys_seconds stamp{};            // every event's DTSTAMP (SOURCE_DATE_EPOCH, else now)
    std::optional<std::chrono::minutes> alarm;   // --alarm: a reminder this long before each session
};

struct CalendarResult {
    std::size_t events = 0;
    std::vector<Diagnostic> diagnostics;
};

CalendarResult write_calendar(std::ostream& out, const std::vector<ProgramSchedule>& programs,
                              const CalendarOptions& options);

// The stable UID of a program's session: "<16 hex digits>@meso".
std::string session_uid(const ProgramSchedule& program, const Session& session);

// DTSTAMP from SOURCE_DATE_EPOCH's value (seconds since 1970, digits only),
// or nullopt when it is not such a number.
std::optional<std::chrono::sys_seconds> parse_source_date_epoch(std::string_view value);

// `--alarm 30m`: a whole number and a unit, a space optional: m/min, h,
// d/day/days, w/week/weeks ("30m", "30 min", "2h", "1d"). nullopt otherwise.
std::optional<std::chrono::minutes> parse_alarm(std::string_view text);

}  // namespace meso
