// Time zones for the calendar emitter, from the system's tz database
// (Howard Hinnant's date/tz library reading /usr/share/zoneinfo).
//
//   if (auto d = check_timezone(program.timezone, program.timezone_span)) diagnostics.push_back(*d);
//
// A program's `timezone` is an IANA name (Europe/Berlin), "floating" (local
// times with no zone at all), or empty (then --timezone, else the machine's).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "grammar/diagnostic.h"

namespace meso {

// True for "floating", the one zone name that is not in the tz database.
inline bool is_floating(std::string_view zone) { return zone == "floating"; }

// An error located at `span` when `name` is neither empty, "floating", nor a
// zone or link of the tz database, with the nearest zone name as a
// suggestion: "unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'?".
std::optional<Diagnostic> check_timezone(std::string_view name, const Span& span);

// The same check as a message, for names that come from the command line.
std::optional<std::string> unknown_timezone_message(std::string_view name);

// The machine's zone: the TZ environment variable when it names a zone of
// the database (":Europe/Berlin" and "/usr/share/zoneinfo/Europe/Berlin" too),
// else the zone /etc/localtime points at, else "UTC".
std::string machine_timezone();

}  // namespace meso
