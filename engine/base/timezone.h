// Time zones, from the system's tz database (/usr/share/zoneinfo, each
// zone's file read as Howard Hinnant's date/tz library reads it; the
// library itself lists the names for suggestions): which zone a program's
// times are in, where that choice came from, and when the zone's clocks
// change.
//
//   if (auto d = check_timezone(program.timezone, program.timezone_span)) diagnostics.push_back(*d);
//   MachineZone machine = machine_zone();          // TZ, else /etc/localtime, else UTC
//   auto rules = ZoneRules::load("Europe/Berlin");  // offsets at any instant, any year
//   auto changes = clock_changes(*rules, first_day, last_day);
//
// A program's `timezone` is an IANA name (Europe/Berlin), "floating" (local
// times with no zone at all), or empty (then --timezone, else the machine's).
//
// What can go wrong: a name the database does not know (an error with the
// nearest name, or for an abbreviation such as 'PST' the city zone it stands
// for); a TZ variable that names no zone of the database (machine_zone's
// error); a fixed-offset zone such as 'EST' used where the place it stands
// for changes its clocks (zone_without_daylight_saving's warning).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/base/posix_rule.h"

namespace meso {

// True for "floating", the one zone name that is not in the tz database.
inline bool is_floating(std::string_view zone) { return zone == "floating"; }

// An error located at `span` when `name` is neither empty, "floating", nor a
// zone or link of the tz database, with the nearest zone name as a
// suggestion: "unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'?".
std::optional<Diagnostic> check_timezone(std::string_view name, const Span& span);

// The same check as a message, for names that come from the command line.
std::optional<std::string> unknown_timezone_message(std::string_view name);

// Every zone name of the tz database, sorted as the database lists them
// (what did-you-mean and `meso lsp`'s completion offer); empty without one.
const std::vector<std::string>& timezone_names();

// Where the zone of a program's times came from.
enum class ZoneSource {
    program,      // its own `timezone` statement
    option,       // --timezone
    tz_variable,  // the TZ environment variable
    localtime,    // /etc/localtime
    fallback,     // nothing said: UTC
};

// "program", "--timezone", "TZ", "/etc/localtime", "default": the JSON value of timezone_source.
const char* to_string(ZoneSource source);

struct ZoneChoice {
    std::string name = "UTC";  // a zone of the database, or "floating"
    ZoneSource source = ZoneSource::fallback;
};

// The zone of `program_timezone` (a program's `timezone`, maybe empty):
// the program's own when it names one, else `otherwise`.
ZoneChoice zone_for(std::string_view program_timezone, const ZoneChoice& otherwise);

// The machine's zone: the TZ environment variable when it is set and not
// empty (":Europe/Berlin", "/usr/share/zoneinfo/Europe/Berlin" and a path
// such as ":/etc/localtime" to a file of the database too), else the zone
// /etc/localtime points at, else UTC. A TZ that names no zone of the
// database is an error ("TZ='Europe/Berln': unknown time zone ...; did you
// mean 'Europe/Berlin'?"), as a wrong --timezone is; then `zone` is UTC.
struct MachineZone {
    ZoneChoice zone;
    std::string error;  // empty: none
};
MachineZone machine_zone();

// The version of the tz database meso reads ("2025b", from the system's
// /usr/share/zoneinfo, as the tzdata package installs it), or "unknown"
// when the database gives none or cannot be read: `meso --version`.
std::string tz_database_version();

// The name of machine_zone(), UTC when TZ is wrong.
std::string machine_timezone();

// A warning when `zone` keeps one offset for the year from `around` while
// the place its name stands for changes its clocks — 'EST' (fixed at
// UTC-05:00) where New York has summer time: "time zone 'EST' is UTC-05:00
// all year, without daylight saving time; did you mean 'America/New_York'?".
// Both facts come from the tz database; only which place a legacy name
// stands for is a table here. None for HST (Honolulu has no summer time
// either), for EST5EDT-style zones (they change their clocks) and for
// names that stand for no place (UTC, Etc/GMT+5).
std::optional<std::string> zone_without_daylight_saving(std::string_view zone, std::chrono::sys_days around);

// A zone of the database at any instant: the periods its zoneinfo file
// lists (engine/base/tzif.h reads them as the date library does), and after
// the last change the file lists (2037) the rule the file ends with
// (RFC 8536 footer, "CET-1CEST,M3.5.0,M10.5.0/3"), which the date library
// does not read.
//
// (The date library stays out of this header: its namespace `date` would
// clash with every `date` of the code that includes it.)
struct ZonePeriod {
    std::chrono::sys_seconds begin;
    std::chrono::sys_seconds end;    // excluded
    std::chrono::seconds offset{0};  // local time = UTC + offset
    std::chrono::minutes save{0};    // daylight saving time when not 0
    std::string abbrev;              // CET, CEST, EST, +03
};

class ZoneRules {
public:
    // nullopt for a name the database does not know, and for "floating".
    static std::optional<ZoneRules> load(std::string_view name);
    ZonePeriod info(std::chrono::sys_seconds t) const;  // the period holding t
    // The period holding t as the file lists it, without the footer's rule:
    // the last listed one runs to year 32767.
    ZonePeriod listed(std::chrono::sys_seconds t) const;
    // The rule the zone's file ends with, when it changes the clocks and
    // parse_posix_rule reads it: in force from some listed change on, up to
    // and past 2037 (which changes it governs is the caller's to check).
    const std::optional<PosixRule>& current_rule() const;
    const std::string& name() const { return name_; }

private:
    struct Data;
    std::shared_ptr<const Data> data_;
    std::string name_;
};

// A change of the clocks: at the instant `at` the offset from UTC goes from
// `before` to `after`. In local time (a local time is written here as the
// sys_seconds of the same digits) the clocks jump from at + before to
// at + after: forward, skipping the local times [at + before, at + after),
// or back, repeating [at + after, at + before).
struct ClockChange {
    std::chrono::sys_seconds at;
    std::chrono::seconds before{0};
    std::chrono::seconds after{0};
    std::chrono::sys_seconds earliest_local() const { return at + std::min(before, after); }
    std::chrono::sys_seconds latest_local() const { return at + std::max(before, after); }  // excluded
    bool forward() const { return after > before; }
};

// The zone's changes of offset from `first` to `last` (whole days, UTC), in order.
std::vector<ClockChange> clock_changes(const ZoneRules& zone, std::chrono::sys_days first, std::chrono::sys_days last);

// 02:30, or 02:30:15 when the seconds are not zero: a time of day, or the
// size of an offset from UTC, with `separator` between hours, minutes and
// seconds. One spelling for the clock-change warnings (02:30), the zone
// warnings (UTC-05:00) and the calendar's VTIMEZONE (+0100, separator "").
// `elapsed` is not negative.
std::string clock_digits(std::chrono::seconds elapsed, std::string_view separator = ":");

// An offset from UTC: '+' (or '-' west of UTC) and the clock_digits of its size.
std::string signed_clock_digits(std::chrono::seconds offset, std::string_view separator = ":");

}  // namespace meso
