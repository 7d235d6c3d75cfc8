// The iCalendar emitter: dated sessions in, an RFC 5545 calendar out.
//
//   CalendarOptions options{.default_timezone = machine_timezone(),
//                           .stamp = *parse_source_date_epoch(getenv("SOURCE_DATE_EPOCH"))};
//   CalendarResult r = write_calendar(std::cout, schedule.programs, options);
//
// One calendar holds every program given (a file with several programs gives
// one calendar), one VEVENT per session, written event by event. What comes
// out (docs/calendars.md, "The file itself", says it for coaches;
// tests/design/cli.md is the contract): UTF-8 without BOM, CRLF, lines folded at 75 octets without
// splitting a character, TEXT escaped; VERSION, PRODID, CALSCALE, NAME,
// X-WR-CALNAME, REFRESH-INTERVAL, X-PUBLISHED-TTL (X-WR-TIMEZONE when every
// program has the one zone, none floating); one VTIMEZONE per zone, before
// the events, holding the zone's real changes from the tz database from a
// month before the first date to a month after the last (after 2037 from
// the rule the zoneinfo file ends with), starting in standard time; per
// event UID, DTSTAMP, DTSTART/DTEND with TZID, SUMMARY, DESCRIPTION,
// CATEGORIES, and ORGANIZER when the program names a coach with an address
// (METHOD:PUBLISH then too, when every program has one); a VALARM per event
// when asked.
//
// Where a clock change touches a session (engine/emit/clock_changes.h), its
// DTEND is the UTC instant its length after its start, and when its local
// start does not exist or happens twice, its DTSTART is the instant RFC 5545
// reads that time as, in UTC too: libical, ical.js and Python's icalendar
// each read such local times their own way (docs/calendars.md).
//
// UIDs come from a namespace (the program's `calendar-id`, else its coach's
// address), the program, athlete, block name and occurrence (and, in
// a `repeat`, the block's cycle), and the session's place in the block (week, the weekday it has without the
// pauses, session of the day) — never from the date — so moving `start` or
// pausing moves events instead of duplicating them in a subscribed
// calendar, and a UID stays with its workout (engine/emit/ical_uid.h).
//
// Same input and options, same bytes. What can go wrong: a zone name the tz
// database does not know (a program's, or the default); then nothing is
// written and the result holds the error.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/base/timezone.h"
#include "engine/schedule/schedule.h"

namespace meso::emit {

struct CalendarOptions {
    std::string default_timezone = "UTC";       // for programs that name none: --timezone, else machine_timezone()
    std::chrono::sys_seconds stamp{};           // every event's DTSTAMP (SOURCE_DATE_EPOCH, else now)
    std::optional<std::chrono::minutes> alarm;  // --alarm: a reminder this long before each session
};

struct CalendarResult {
    std::size_t events = 0;
    std::vector<Diagnostic> diagnostics;
};

CalendarResult write_calendar(std::ostream& out, const std::vector<scheduling::ProgramSchedule>& programs, const CalendarOptions& options);

// The same, a program at a time, for a caller that schedules, writes and
// lets go of one program before the next (meso compile):
//
//   CalendarStream stream;
//   if (begin_calendar(stream, out, outlines, options).diagnostics.empty()) {
//       for (each program, in the order of `outlines`) write_events(stream, out, program);
//       end_calendar(stream, out);
//   }
//
// The calendar's head (its name, the VTIMEZONEs and their date ranges)
// needs every program, so begin_calendar takes an outline of each, made
// from its schedule or from its plan before it is scheduled; write_events
// must then get the programs of the outlines, in order. What is kept from
// one program to the next is the hash of every UID written (10 to 20 bytes
// per session), which keeps UIDs unique across the calendar.
struct ProgramOutline {
    const ir::Program* program = nullptr;
    std::string name;
    std::string athlete;
    std::chrono::sys_days first;  // its first day (or session, when earlier)
    std::chrono::sys_days last;   // its last day, or the day after its last session when later
    long long sessions = 0;       // the events it will write
};
ProgramOutline outline_of(const scheduling::ProgramSchedule& program);
ProgramOutline outline_of(const scheduling::ProgramPlan& plan);

// The hashes of the UIDs written so far: open addressing, at most 80 % full.
struct UidSet {
    std::vector<std::uint64_t> slots;  // 0: empty
    std::size_t used = 0;
    bool has_zero = false;
    bool insert(std::uint64_t key);  // false when it was there
    // Room for this many keys without growing: the calendar knows its
    // sessions from the plan, and growing by doubling rehashed every key
    // about twice, a cache miss each on large calendars.
    void reserve(std::size_t keys);
};

struct CalendarStream {
    CalendarOptions options;
    std::string stamp_line;                // DTSTAMP, folded
    bool name_athlete = false;             // the calendar holds more than one athlete
    std::vector<int> program_occurrences;  // per outline: how many programs of its name and athlete came before
    std::size_t next_program = 0;
    std::size_t events = 0;
    bool started = false;                    // begin_calendar wrote the head
    std::map<std::string, ZoneRules> zones;  // the calendar's zones, by name
    UidSet uids;
    // write_events's buffers (ical.cpp), kept from program to program: a
    // calendar's events cost no allocation once they have grown.
    struct Buffers;
    std::shared_ptr<Buffers> buffers;
};

// Writes the head, or nothing when a zone is unknown (then the result holds the error).
CalendarResult begin_calendar(CalendarStream& stream, std::ostream& out, const std::vector<ProgramOutline>& programs,
                              const CalendarOptions& options);
void write_events(CalendarStream& stream, std::ostream& out, const scheduling::ProgramSchedule& program);
std::size_t end_calendar(CalendarStream& stream, std::ostream& out);  // the number of events written

// The stable UID of a program's session: "<16 hex digits>.v2@meso".
std::string session_uid(const scheduling::ProgramSchedule& program, const scheduling::Session& session);

// DTSTAMP from SOURCE_DATE_EPOCH's value (seconds since 1970, digits only),
// or nullopt when it is not such a number.
std::optional<std::chrono::sys_seconds> parse_source_date_epoch(std::string_view value);

// `--alarm 30m`: a whole number and a unit, a space optional: m/min, h,
// d/day/days, w/week/weeks ("30m", "30 min", "2h", "1d"). nullopt otherwise.
std::optional<std::chrono::minutes> parse_alarm(std::string_view text);

}  // namespace meso::emit
