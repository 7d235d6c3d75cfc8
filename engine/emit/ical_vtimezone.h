// The VTIMEZONE of a zone a calendar's events use: the zone's real changes
// from the tz database over the dates the calendar covers, starting in
// standard time; where the zone's current rule (its zoneinfo file's footer)
// governs them, two observances with RRULEs (Outlook ignores observances
// that are dates only), else observances with RDATEs. DAYLIGHT is always
// the larger offset, Europe/Dublin's winter included. Internal to engine/emit/.
#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <string>

#include "engine/base/timezone.h"

namespace meso::emit::ical {

// A zone of the calendar and the days its programs cover.
struct ZoneUse {
    std::optional<ZoneRules> rules;
    std::chrono::sys_days first = std::chrono::sys_days::max();
    std::chrono::sys_days last = std::chrono::sys_days::min();
};

// One VTIMEZONE whose observances give the zone's real transitions, from the
// one in force a month before `use.first` to the last one before a month
// after `use.last` (and, with RRULEs, the rule's later ones). `use.rules` is set.
void write_vtimezone(std::ostream& out, const std::string& name, const ZoneUse& use);

}  // namespace meso::emit::ical
