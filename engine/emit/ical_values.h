// iCalendar values (RFC 5545 section 3.3) as the emitter writes them:
// DATE-TIME, UTC-OFFSET and DURATION. Internal to engine/emit/.
#pragma once

#include <chrono>
#include <string>

namespace meso::emit::ical {

// 20270104T080000 for a local or UTC instant given as seconds since the epoch.
std::string date_time(std::chrono::sys_seconds t);

// date_time(t), appended to `out`: formatted in place for years 0..9999,
// since the emitter writes two of them per event.
void append_date_time(std::string& out, std::chrono::sys_seconds t);

// +0100, -0500, +053328 (UTC-OFFSET: never -0000).
std::string utc_offset(std::chrono::seconds offset);

// P1D, PT30M, P1DT2H, PT0S (RFC 5545 dur-value).
std::string duration(std::chrono::minutes span);

}  // namespace meso::emit::ical
