#include "engine/emit/ical_vtimezone.h"

#include <vector>

#include "engine/emit/ical_text.h"
#include "engine/emit/ical_values.h"

namespace meso::emit::ical {

namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

const sys_seconds earliest{sys_days{std::chrono::year{1601} / 1 / 1}.time_since_epoch()};
// The date library's last listed period runs "forever" (to year 32767).
const sys_seconds forever{sys_days{std::chrono::year{10000} / 1 / 1}.time_since_epoch()};

// A STANDARD or DAYLIGHT observance: its onsets in the local time just
// before each (RFC 5545 3.6.5), the first its DTSTART, the others RDATEs —
// or one onset and the RRULE that repeats it every year.
struct Observance {
    bool daylight = false;
    seconds from{0};
    seconds to{0};
    std::string abbrev;
    bool since_always = false;  // DTSTART 1601: the zone has changed no clock before
    std::vector<sys_seconds> onsets;
    std::string rrule;
};

// Whether a period is DAYLIGHT: of a change between daylight saving time
// and standard time, the side with the larger offset. The database flags
// Europe/Dublin's winter (GMT) as its daylight saving time, a negative one;
// readers such as DAVx5 expect DAYLIGHT to be ahead of STANDARD, so the
// offsets decide, and the flag only where no neighbour differs in it.
bool is_daylight(const ZoneRules& rules, const ZonePeriod& period)
{
    const bool flagged = period.save != minutes{0};
    const auto decides = [&](const ZonePeriod& other) { return (other.save != minutes{0}) != flagged && other.offset != period.offset; };
    if (period.begin > earliest) {
        const auto before = rules.info(period.begin - seconds{1});
        if (decides(before)) return period.offset > before.offset;
    }
    if (period.end < forever) {
        const auto after = rules.info(period.end);
        if (decides(after)) return period.offset > after.offset;
    }
    return flagged;
}

// Whether the change into `period` from the offset `before` is one of the
// zone's current rule.
bool follows_rule(const PosixRule& rule, seconds before, const ZonePeriod& period)
{
    const sys_seconds local = period.begin + before;
    const auto year = std::chrono::year_month_day{std::chrono::floor<days>(local)}.year();
    if (before == rule.std_offset && period.offset == rule.dst_offset) return local == rule.to_dst.local_onset(year);
    if (before == rule.dst_offset && period.offset == rule.std_offset) return local == rule.to_std.local_onset(year);
    return false;
}

// The RRULE of a change of the rule, when one can say it: "the second
// Sunday of March" is BYDAY=2SU; a time past midnight or before it moves the
// day, so "the Friday before the last Sunday" is a Friday among the days
// it can fall on (BYMONTHDAY), when those stay in the month.
std::optional<std::string> yearly_rule(const PosixChange& change)
{
    static constexpr const char* weekdays[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
    std::string rule = "FREQ=YEARLY;BYMONTH=" + std::to_string(change.month) + ";BYDAY=";
    const long shift = std::chrono::floor<days>(change.time).count();
    if (shift == 0) return rule + (change.week == 5 ? "-1" : std::to_string(change.week)) + weekdays[change.weekday];
    const std::chrono::month month{change.month};
    const auto shortest = static_cast<long>(static_cast<unsigned>((std::chrono::year{2023} / month / std::chrono::last).day()));
    const auto longest = static_cast<long>(static_cast<unsigned>((std::chrono::year{2024} / month / std::chrono::last).day()));
    long first = 7 * (static_cast<long>(change.week) - 1) + 1 + shift;
    if (change.week == 5) {
        if (shortest != longest) return std::nullopt;  // the last week of February
        first = shortest - 6 + shift;
    }
    const long last = first + 6;
    if (first < 1 || last > shortest) return std::nullopt;
    rule += weekdays[((static_cast<long>(change.weekday) + shift) % 7 + 7) % 7];
    rule += ";BYMONTHDAY=" + std::to_string(first);
    for (long day = first + 1; day <= last; ++day) rule += "," + std::to_string(day);
    return rule;
}

void write_observance(std::ostream& out, const Observance& o)
{
    write_line(out, o.daylight ? "BEGIN:DAYLIGHT" : "BEGIN:STANDARD");
    write_line(out, "DTSTART:" + (o.since_always ? std::string("16010101T000000") : date_time(o.onsets.front())));
    if (!o.rrule.empty()) write_line(out, "RRULE:" + o.rrule);
    // With RDATEs, ical.js reads only them and not DTSTART: the first onset is an RDATE too (RFC 5545 counts it once).
    if (o.onsets.size() > 1)
        for (const auto& onset : o.onsets) write_line(out, "RDATE:" + date_time(onset));
    write_line(out, "TZOFFSETFROM:" + utc_offset(o.from));
    write_line(out, "TZOFFSETTO:" + utc_offset(o.to));
    if (!o.abbrev.empty()) write_line(out, "TZNAME:" + escape_text(o.abbrev));
    write_line(out, o.daylight ? "END:DAYLIGHT" : "END:STANDARD");
}

// The zone's periods over the calendar's dates, from one in standard time
// (some readers, Python's icalendar among them, cannot place a zone
// described by a DAYLIGHT observance alone).
std::vector<ZonePeriod> periods_covering(const ZoneRules& rules, sys_seconds from, sys_seconds to)
{
    auto info = rules.info(from);
    for (int i = 0; i < 4 && is_daylight(rules, info) && info.begin > earliest; ++i) info = rules.info(info.begin - seconds{1});
    std::vector<ZonePeriod> periods{info};
    while (periods.back().end < to) periods.push_back(rules.info(periods.back().end));
    return periods;
}

// The first of `periods` from which on every change follows the zone's
// current rule; periods.size() when the last does not, or the rule cannot be
// written as RRULEs, or the periods reach 2039: Python's icalendar (on
// pytz) repeats an RRULE only up to 2038 and then cannot place a time at
// all, so there the changes are dated, as the other readers read them too.
std::size_t first_ruled(const ZoneRules& rules, const std::vector<ZonePeriod>& periods)
{
    const auto& rule = rules.current_rule();
    const sys_seconds repeated_until{sys_days{std::chrono::year{2038} / 12 / 31}.time_since_epoch()};
    if (!rule || !yearly_rule(rule->to_dst) || !yearly_rule(rule->to_std) || periods.back().end >= repeated_until) return periods.size();
    std::size_t first = periods.size();
    for (std::size_t i = periods.size(); i-- > 0;) {
        if (periods[i].begin <= earliest) break;
        const seconds before = i > 0 ? periods[i - 1].offset : rules.info(periods[i].begin - seconds{1}).offset;
        if (!follows_rule(*rule, before, periods[i])) break;
        first = i;
    }
    return first;
}

// Periods [0, end) as dated observances: one per kind of change, the first
// onset its DTSTART and the later ones its RDATEs (Africa/Casablanca, whose
// clocks follow Ramadan, has no rule to repeat).
void add_dated(std::vector<Observance>& observances, const ZoneRules& rules, const std::vector<ZonePeriod>& periods, std::size_t end)
{
    for (std::size_t i = 0; i < end; ++i) {
        const auto& period = periods[i];
        Observance o;
        o.daylight = is_daylight(rules, period);
        o.since_always = period.begin <= earliest;
        o.from = o.since_always ? period.offset : i > 0 ? periods[i - 1].offset : rules.info(period.begin - seconds{1}).offset;
        o.to = period.offset;
        o.abbrev = period.abbrev;
        const sys_seconds onset = period.begin + o.from;
        bool joined = false;
        for (auto& known : observances) {
            if (known.daylight != o.daylight || known.from != o.from || known.to != o.to || known.abbrev != o.abbrev) continue;
            if (known.since_always || o.since_always) continue;
            known.onsets.push_back(onset);
            joined = true;
            break;
        }
        if (!joined) {
            o.onsets.push_back(onset);
            observances.push_back(std::move(o));
        }
    }
}

// The rule's two observances, repeating every year from periods[first] on.
void add_ruled(std::vector<Observance>& observances, const ZoneRules& rules, const std::vector<ZonePeriod>& periods, std::size_t first)
{
    const PosixRule& rule = *rules.current_rule();
    const bool into_dst = periods[first].offset == rule.dst_offset;
    const sys_seconds onset = periods[first].begin + (into_dst ? rule.std_offset : rule.dst_offset);
    const PosixChange& other = into_dst ? rule.to_std : rule.to_dst;
    const auto year = std::chrono::year_month_day{std::chrono::floor<days>(onset)}.year();
    sys_seconds other_onset = other.local_onset(year);
    if (other_onset <= onset) other_onset = other.local_onset(year + std::chrono::years{1});
    const seconds other_from = into_dst ? rule.dst_offset : rule.std_offset;
    const seconds other_to = into_dst ? rule.std_offset : rule.dst_offset;
    const bool dst_ahead = rule.dst_offset > rule.std_offset;
    Observance first_change{into_dst == dst_ahead,
                            into_dst ? rule.std_offset : rule.dst_offset,
                            periods[first].offset,
                            periods[first].abbrev,
                            false,
                            {onset},
                            *yearly_rule(into_dst ? rule.to_dst : rule.to_std)};
    Observance second_change{into_dst != dst_ahead, other_from,         other_to, rules.info(other_onset - other_from).abbrev, false,
                             {other_onset},         *yearly_rule(other)};
    observances.push_back(std::move(first_change));
    observances.push_back(std::move(second_change));
}

}  // namespace

void write_vtimezone(std::ostream& out, const std::string& name, const ZoneUse& use)
{
    const sys_seconds from{sys_days{use.first - days{31}}.time_since_epoch()};
    const sys_seconds to{sys_days{use.last + days{32}}.time_since_epoch()};
    const auto periods = periods_covering(*use.rules, from, to);
    const std::size_t ruled = first_ruled(*use.rules, periods);
    std::vector<Observance> observances;
    add_dated(observances, *use.rules, periods, ruled);
    if (ruled < periods.size()) add_ruled(observances, *use.rules, periods, ruled);
    write_line(out, "BEGIN:VTIMEZONE");
    write_line(out, "TZID:" + escape_text(name));
    for (const auto& observance : observances) write_observance(out, observance);
    write_line(out, "END:VTIMEZONE");
}

}  // namespace meso::emit::ical
