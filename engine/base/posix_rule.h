// The rule a zoneinfo file ends with (RFC 8536 section 3.3, the POSIX TZ
// string of its v2+ footer, "EST5EDT,M3.2.0,M11.1.0"): how the zone's clocks
// change every year from its last listed change on. The calendar writes it as
// a VTIMEZONE's RRULEs (Outlook ignores observances that are dates only).
//
//   auto rule = parse_posix_rule("IST-1GMT0,M10.5.0,M3.5.0/1");   // Europe/Dublin
//   rule->to_dst.local_onset(std::chrono::year{2027});             // 2027-10-31 02:00, as sys_seconds of its digits
//
// Only rules that change the clocks, with both days in the M form (month,
// week, weekday: every rule of today's database) are read: nullopt for a
// rule with one offset all year ("JST-9"), the Jn and n day forms, and text
// that is no rule at all. The "dst" part may have the smaller offset
// (Europe/Dublin's winter time): which is which is as the file says.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace meso {

// "M3.2.0/2": the change happens on `weekday` (0 Sunday .. 6 Saturday) of
// week `week` (1..4, 5 the last) of `month` (1..12), at `time` of the local
// time in force before it (which may be below 0 or past 24 h: the day before
// or after).
struct PosixChange {
    unsigned month = 1;
    unsigned week = 1;
    unsigned weekday = 0;
    std::chrono::seconds time{7200};

    // The local time (as the sys_seconds of the same digits) of this change in `year`.
    std::chrono::sys_seconds local_onset(std::chrono::year year) const;
};

struct PosixRule {
    std::string std_abbrev;           // EST, IST, +1030
    std::string dst_abbrev;           // EDT, GMT, +11
    std::chrono::seconds std_offset;  // local time = UTC + offset (POSIX writes its negation)
    std::chrono::seconds dst_offset;
    PosixChange to_dst;  // from std_offset to dst_offset
    PosixChange to_std;  // from dst_offset back to std_offset
};

std::optional<PosixRule> parse_posix_rule(std::string_view text);

}  // namespace meso
