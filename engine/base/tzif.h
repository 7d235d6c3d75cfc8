// A zoneinfo file (RFC 8536, "TZif") read into the periods it lists, as
// the date library reads the system's files (its USE_OS_TZDB build, which
// Debian ships): meso reads the one file of a zone itself because the
// library's first lookup lists the whole of /usr/share/zoneinfo, about
// 1.4 ms at every start of meso (docs/performance.md, *Start-up*).
//
//   std::optional<TzifZone> zone = read_tzif(bytes_of_the_file);
//   ZonePeriod now = zone->period(instant);  // offset, daylight flag, abbreviation
//
// What goes in: the file's bytes. What comes out: the periods in order,
// the first from the beginning of time (year -32767) and the last to the
// end (year 32767), with the offset and abbreviation of the file's time
// types; `save` is one minute in daylight saving time and zero outside it,
// as the date library gives it. Periods are merged where a change keeps
// the offset, the abbreviation and the daylight flag, as the library does.
// What can go wrong: bytes that are not a whole TZif file, a file that
// counts leap seconds (the "right/" zones, not among the database's
// names), an index past its table: nullopt.
//
// The rule the file ends with (its footer), for instants after the last
// listed change, is footer_text's (timezone.cpp), not this reader's.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/timezone.h"

namespace meso {

class TzifZone {
public:
    // The period holding `t`.
    ZonePeriod period(std::chrono::sys_seconds t) const;

private:
    struct Type {
        std::chrono::seconds offset{0};
        bool daylight = false;
        std::string abbrev;
    };
    std::vector<std::chrono::sys_seconds> starts_;  // starts_[0] is the beginning of time
    std::vector<std::uint16_t> types_;              // the type of each period
    std::vector<Type> table_;

    friend std::optional<TzifZone> read_tzif(std::string_view bytes);
};

std::optional<TzifZone> read_tzif(std::string_view bytes);

}  // namespace meso
