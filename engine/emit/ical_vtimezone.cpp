#include "engine/emit/ical_vtimezone.h"

#include "engine/emit/ical_text.h"
#include "engine/emit/ical_values.h"

namespace meso::ical {

namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

// A STANDARD or DAYLIGHT observance: `info` from its onset on.
void write_observance(std::ostream& out, const ZonePeriod& info, seconds offset_before, sys_seconds onset_utc, bool before_any_transition)
{
    const bool daylight = info.save != minutes{0};
    write_line(out, daylight ? "BEGIN:DAYLIGHT" : "BEGIN:STANDARD");
    // The onset is local time as it was just before the change (RFC 5545 3.6.5).
    write_line(out, "DTSTART:" + (before_any_transition ? std::string("16010101T000000") : date_time(onset_utc + offset_before)));
    write_line(out, "TZOFFSETFROM:" + utc_offset(offset_before));
    write_line(out, "TZOFFSETTO:" + utc_offset(info.offset));
    if (!info.abbrev.empty()) write_line(out, "TZNAME:" + escape_text(info.abbrev));
    write_line(out, daylight ? "END:DAYLIGHT" : "END:STANDARD");
}

}  // namespace

void write_vtimezone(std::ostream& out, const std::string& name, const ZoneUse& use)
{
    const sys_seconds from{sys_days{use.first - std::chrono::days{31}}.time_since_epoch()};
    const sys_seconds to{sys_days{use.last + std::chrono::days{32}}.time_since_epoch()};
    write_line(out, "BEGIN:VTIMEZONE");
    write_line(out, "TZID:" + escape_text(name));
    auto info = use.rules->info(from);
    const sys_seconds earliest{sys_days{std::chrono::year{1601} / 1 / 1}.time_since_epoch()};
    // Begin with standard time: some readers (Python's icalendar among them)
    // cannot place a zone described by a DAYLIGHT observance alone.
    for (int i = 0; i < 4 && info.save != minutes{0} && info.begin > earliest; ++i) info = use.rules->info(info.begin - seconds{1});
    if (info.begin <= earliest) write_observance(out, info, info.offset, info.begin, true);
    else write_observance(out, info, use.rules->info(info.begin - seconds{1}).offset, info.begin, false);
    while (info.end < to) {
        const seconds before = info.offset;
        info = use.rules->info(info.end);
        write_observance(out, info, before, info.begin, false);
    }
    write_line(out, "END:VTIMEZONE");
}

}  // namespace meso::ical
