#include "engine/emit/ical.h"

#include <date/tz.h>
// ptz.h (POSIX time-zone rules) names `hh_mm_ss` unqualified under both
// `using namespace date` and `using namespace std::chrono`, which C++20
// makes ambiguous; one alias that only namespace date has settles it.
namespace date {
template <class Duration>
using hh_mm_ss_ptz = hh_mm_ss<Duration>;
}
#define hh_mm_ss hh_mm_ss_ptz
#include <date/ptz.h>
#undef hh_mm_ss

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <unordered_set>

#include "engine/emit/ical_text.h"
#include "engine/emit/sessions.h"
#include "engine/emit/timezone.h"

namespace meso {

namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

// ---- numbers, dates and durations as iCalendar writes them ----

std::string two(long value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02ld", value);
    return buffer;
}

// 20270104T080000 for a local or UTC instant given as seconds since the epoch.
std::string date_time(sys_seconds t)
{
    const auto day = std::chrono::floor<days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{t - day};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d%02u%02uT%02ld%02ld%02ld", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()));
    return buffer;
}

// +0100, -0500, +053328 (UTC-OFFSET: never -0000).
std::string utc_offset(seconds offset)
{
    const char sign = offset < seconds{0} ? '-' : '+';
    long s = static_cast<long>(offset.count());
    if (s < 0) s = -s;
    std::string out(1, sign);
    out += two(s / 3600) + two(s / 60 % 60);
    if (s % 60 != 0) out += two(s % 60);
    return out;
}

// P1D, PT30M, P1DT2H, PT0S (RFC 5545 dur-value).
std::string duration(minutes span)
{
    long m = static_cast<long>(span.count());
    if (m == 0) return "PT0S";
    std::string out = "P";
    if (m >= 1440) {
        out += std::to_string(m / 1440) + "D";
        m %= 1440;
    }
    if (m > 0) {
        out += "T";
        if (m >= 60) out += std::to_string(m / 60) + "H";
        if (m % 60 != 0) out += std::to_string(m % 60) + "M";
    }
    return out;
}

// 08:00; a session that ends after midnight ends at 00:30.
std::string clock_text(minutes since_midnight) { return format_time(since_midnight % std::chrono::hours{24}); }

std::string rest(double seconds_of_rest)
{
    const long s = static_cast<long>(seconds_of_rest + 0.5);
    if (s >= 60 && s % 60 == 0) return format_number(static_cast<double>(s / 60)) + " min";
    return format_number(seconds_of_rest) + " s";
}

// ---- what a session holds, in words ----

bool same_load(const SetPlan& a, const SetPlan& b)
{
    return a.percent == b.percent && a.mass == b.mass && a.rpe == b.rpe;
}

std::string load_text(const SetPlan& set, const ExercisePlan& exercise, const std::string& unit)
{
    std::string out;
    if (set.rpe) out += " @ RPE " + format_number(*set.rpe);
    if (set.percent && set.mass) out += (set.rpe ? ", " : " @ ") + format_number(*set.percent) + "% = " + format_number(*set.mass) + " " + unit;
    else if (set.percent) {
        out += (set.rpe ? ", " : " @ ") + format_number(*set.percent) + "%";
        if (exercise.percent_without_max) out += " (no max for " + exercise.name + ", so no " + unit + ")";
    }
    else if (set.mass) out += (set.rpe ? ", " : " @ ") + format_number(*set.mass) + " " + unit;
    return out;
}

// "squat: 5 sets of 5 reps @ 75% = 135 kg; rest 3 min"
std::string exercise_text(const ExercisePlan& exercise, const std::string& unit)
{
    std::string out = exercise.name + ":";
    const auto& sets = exercise.sets;
    if (sets.empty()) out += " no sets";
    for (std::size_t i = 0; i < sets.size();) {
        std::size_t j = i + 1;
        while (j < sets.size() && same_load(sets[i], sets[j])) ++j;
        const bool same_reps = std::all_of(sets.begin() + static_cast<long>(i), sets.begin() + static_cast<long>(j),
                                           [&](const SetPlan& s) { return s.reps == sets[i].reps; });
        if (i > 0) out += ", then";
        const std::size_t count = j - i;
        if (same_reps)
            out += " " + std::to_string(count) + (count == 1 ? " set of " : " sets of ") + std::to_string(sets[i].reps) +
                   (sets[i].reps == 1 ? " rep" : " reps");
        else {
            out += " " + std::to_string(count) + " sets:";
            for (std::size_t k = i; k < j; ++k) out += (k == i ? " " : ", ") + std::to_string(sets[k].reps);
            out += " reps";
        }
        out += load_text(sets[i], exercise, unit);
        i = j;
    }
    if (exercise.rest_s) out += "; rest " + rest(*exercise.rest_s);
    return out;
}

std::string pressure_text(const ir::Pressure& pressure)
{
    return format_number(pressure.value) + (pressure.percent_aop ? "% AOP" : " mmHg");
}

// ---- UIDs ----

struct Fnv1a {
    std::uint64_t value = 14695981039346656037ull;
    void add(std::string_view bytes)
    {
        for (const char c : bytes) {
            value ^= static_cast<unsigned char>(c);
            value *= 1099511628211ull;
        }
    }
    // Each field with its length, so that ("ab", "c") and ("a", "bc") differ.
    void field(std::string_view text)
    {
        add(std::to_string(text.size()));
        add(":");
        add(text);
    }
    void field(long long n) { field(std::to_string(n)); }
};

std::string hex(std::uint64_t value)
{
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
    return buffer;
}

std::string uid(const ProgramSchedule& program, const Session& session, int program_occurrence)
{
    Fnv1a h;
    h.field("meso session v1");
    h.field(program.name);
    h.field(program.athlete);
    if (program_occurrence > 0) h.field(program_occurrence);
    if (session.block < program.blocks.size()) {
        const auto& block = program.blocks[session.block];
        h.field(block.name);
        h.field(block.occurrence);
    }
    h.field(session.week);
    h.field(session.day % 7);  // the day of the block week, whatever weekday `start` falls on
    h.field(session.session_of_day);
    // FNV-1a changes few bits for neighbouring sessions; a final mix
    // (splitmix64's) makes their UIDs look as different as they are.
    std::uint64_t z = h.value + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return hex(z ^ (z >> 31)) + "@meso";
}

// ---- time zones ----

// The rule a zoneinfo file ends with (RFC 8536 footer, "CET-1CEST,M3.5.0,M10.5.0/3"):
// the files list changes only up to 2037 and say how later years go in that
// rule, which the date library does not read; its ptz.h does.
std::optional<Posix::time_zone> footer_rule(const std::string& zone)
{
    std::ifstream in("/usr/share/zoneinfo/" + zone, std::ios::binary);
    if (!in) return std::nullopt;
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (bytes.size() < 6 || bytes.compare(0, 4, "TZif") != 0 || bytes[4] < '2' || bytes.back() != '\n')
        return std::nullopt;
    const std::size_t start = bytes.rfind('\n', bytes.size() - 2);
    if (start == std::string::npos) return std::nullopt;
    const std::string rule = bytes.substr(start + 1, bytes.size() - start - 2);
    if (rule.empty()) return std::nullopt;
    try {
        Posix::time_zone posix{rule};
        // A rule without daylight saving changes nothing after the last listed
        // change (and ptz.h reports a bogus one-hour `save` for it).
        const auto january = posix.get_info(sys_days{std::chrono::year{2100} / 1 / 1});
        const auto july = posix.get_info(sys_days{std::chrono::year{2100} / 7 / 1});
        if (january.offset == july.offset) return std::nullopt;
        return posix;
    }
    catch (const std::exception&) {
        return std::nullopt;
    }
}

struct ZoneUse {
    const date::time_zone* zone = nullptr;
    std::optional<Posix::time_zone> rule;  // for instants after the file's last listed change
    sys_days first = sys_days::max();
    sys_days last = sys_days::min();

    date::sys_info info(sys_seconds t) const
    {
        auto listed = zone->get_info(t);
        // The last listed period runs "forever" (to year 32767) in the date library.
        const sys_seconds forever{sys_days{std::chrono::year{10000} / 1 / 1}.time_since_epoch()};
        if (!rule || listed.end < forever) return listed;
        auto ruled = rule->get_info(t);
        if (ruled.begin < listed.begin) ruled.begin = listed.begin;
        return ruled;
    }
};

void write_observance(std::ostream& out, const date::sys_info& info, seconds offset_before, sys_seconds onset_utc,
                      bool before_any_transition)
{
    const bool daylight = info.save != minutes{0};
    ical::write_line(out, daylight ? "BEGIN:DAYLIGHT" : "BEGIN:STANDARD");
    // The onset is local time as it was just before the change (RFC 5545 3.6.5).
    ical::write_line(out, "DTSTART:" + (before_any_transition ? std::string("16010101T000000")
                                                               : date_time(onset_utc + offset_before)));
    ical::write_line(out, "TZOFFSETFROM:" + utc_offset(offset_before));
    ical::write_line(out, "TZOFFSETTO:" + utc_offset(info.offset));
    if (!info.abbrev.empty()) ical::write_line(out, "TZNAME:" + ical::escape_text(info.abbrev));
    ical::write_line(out, daylight ? "END:DAYLIGHT" : "END:STANDARD");
}

// One VTIMEZONE whose observances are the zone's real transitions, from the
// one in force a month before `first` to the last one before a month after `last`.
void write_vtimezone(std::ostream& out, const std::string& name, const ZoneUse& use)
{
    const sys_seconds from{sys_days{use.first - days{31}}.time_since_epoch()};
    const sys_seconds to{sys_days{use.last + days{32}}.time_since_epoch()};
    ical::write_line(out, "BEGIN:VTIMEZONE");
    ical::write_line(out, "TZID:" + ical::escape_text(name));
    auto info = use.info(from);
    const sys_seconds earliest{sys_days{std::chrono::year{1601} / 1 / 1}.time_since_epoch()};
    // Begin with standard time: some readers (Python's icalendar among them)
    // cannot place a zone described by a DAYLIGHT observance alone.
    for (int i = 0; i < 4 && info.save != minutes{0} && info.begin > earliest; ++i) info = use.info(info.begin - seconds{1});
    if (info.begin <= earliest) write_observance(out, info, info.offset, info.begin, true);
    else write_observance(out, info, use.info(info.begin - seconds{1}).offset, info.begin, false);
    while (info.end < to) {
        const seconds before = info.offset;
        info = use.info(info.end);
        write_observance(out, info, before, info.begin, false);
    }
    ical::write_line(out, "END:VTIMEZONE");
}

// An address as the mailto: URI of ORGANIZER: bytes a URI cannot hold as
// they are (spaces, quotes, non-ASCII) percent-encoded.
std::string mailto(std::string_view address)
{
    static constexpr std::string_view plain = "@.+-_~!$&'*=?/";
    std::string out = "mailto:";
    for (const char c : address) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 && byte < 0x80) out += c;
        else if (plain.find(c) != std::string_view::npos) out += c;
        else {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "%%%02X", byte);
            out += buffer;
        }
    }
    return out;
}

std::string zone_of(const ProgramSchedule& program, const CalendarOptions& options)
{
    if (program.program != nullptr && !program.program->timezone.empty()) return program.program->timezone;
    return options.default_timezone;
}

const ir::Coach* organizer(const ProgramSchedule& program)
{
    if (program.program == nullptr || !program.program->coach || program.program->coach->email.empty()) return nullptr;
    return &*program.program->coach;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += separator;
        out += parts[i];
    }
    return out;
}

}  // namespace

std::string session_uid(const ProgramSchedule& program, const Session& session)
{
    return uid(program, session, 0);
}

std::optional<sys_seconds> parse_source_date_epoch(std::string_view value)
{
    if (value.empty() || value.size() > 15) return std::nullopt;
    long long s = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), s);
    if (error != std::errc{} || end != value.data() + value.size() || value.front() == '-' || value.front() == '+')
        return std::nullopt;
    // DTSTAMP holds a four-digit year.
    if (s > 253402300799LL) return std::nullopt;  // 9999-12-31T23:59:59Z
    return sys_seconds{seconds{s}};
}

std::optional<minutes> parse_alarm(std::string_view text)
{
    std::size_t i = 0;
    long long n = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (error != std::errc{} || end == text.data() || n < 0 || n > 60 * 24 * 366) return std::nullopt;
    i = static_cast<std::size_t>(end - text.data());
    while (i < text.size() && text[i] == ' ') ++i;
    const std::string_view unit = text.substr(i);
    long long per = 0;
    if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes") per = 1;
    else if (unit == "h" || unit == "hour" || unit == "hours") per = 60;
    else if (unit == "d" || unit == "day" || unit == "days") per = 1440;
    else if (unit == "w" || unit == "week" || unit == "weeks") per = 10080;
    else return std::nullopt;
    if (n * per > 60LL * 24 * 366) return std::nullopt;
    return minutes{n * per};
}

CalendarResult write_calendar(std::ostream& out, const std::vector<ProgramSchedule>& programs,
                              const CalendarOptions& options)
{
    CalendarResult result;

    // Every zone first: an unknown one writes nothing.
    std::map<std::string, ZoneUse> zones;
    for (const auto& program : programs) {
        const std::string zone = zone_of(program, options);
        if (is_floating(zone)) continue;
        auto [it, inserted] = zones.try_emplace(zone);
        if (inserted) {
            const Span span = program.program != nullptr && !program.program->timezone.empty()
                                  ? program.program->timezone_span
                                  : Span{};
            if (auto problem = check_timezone(zone, span)) {
                result.diagnostics.push_back(*problem);
                continue;
            }
            try {
                it->second.zone = date::locate_zone(zone);
                it->second.rule = footer_rule(zone);
            }
            catch (const std::exception& e) {
                result.diagnostics.push_back({Severity::error, span, "time zone '" + zone + "': " + e.what(), {}, {}, {}});
                continue;
            }
        }
        auto& use = it->second;
        use.first = std::min({use.first, program.start});
        use.last = std::max({use.last, program.end});
        if (!program.sessions.empty()) {
            use.first = std::min(use.first, program.sessions.front().date);
            use.last = std::max(use.last, program.sessions.back().date + days{1});  // a session may end after midnight
        }
    }
    if (!result.diagnostics.empty()) return result;

    // The calendar.
    std::vector<std::string> names;
    std::set<std::string> athletes;
    bool every_program_has_organizer = !programs.empty();
    for (const auto& program : programs) {
        if (std::find(names.begin(), names.end(), program.name) == names.end()) names.push_back(program.name);
        athletes.insert(program.athlete);
        if (organizer(program) == nullptr) every_program_has_organizer = false;
    }
    const std::string calendar_name = names.empty() ? "meso" : join(names, ", ");
    ical::write_line(out, "BEGIN:VCALENDAR");
    ical::write_line(out, "VERSION:2.0");
    ical::write_line(out, std::string("PRODID:-//meso//meso ") + MESO_VERSION + "//EN");
    ical::write_line(out, "CALSCALE:GREGORIAN");
    // RFC 5546: PUBLISH needs an ORGANIZER on every event.
    if (every_program_has_organizer) ical::write_line(out, "METHOD:PUBLISH");
    ical::write_line(out, "NAME:" + ical::escape_text(calendar_name));
    ical::write_line(out, "X-WR-CALNAME:" + ical::escape_text(calendar_name));
    if (zones.size() == 1) ical::write_line(out, "X-WR-TIMEZONE:" + ical::escape_text(zones.begin()->first));
    ical::write_line(out, "REFRESH-INTERVAL;VALUE=DURATION:P1D");
    ical::write_line(out, "X-PUBLISHED-TTL:P1D");
    for (const auto& [name, use] : zones) write_vtimezone(out, name, use);

    const std::string stamp = date_time(options.stamp) + "Z";
    const bool name_athlete = athletes.size() > 1;
    std::unordered_set<std::uint64_t> uids;
    std::map<std::pair<std::string, std::string>, int> seen_programs;
    for (const auto& program : programs) {
        const int program_occurrence = seen_programs[{program.name, program.athlete}]++;
        const std::string zone = zone_of(program, options);
        const std::string tzid = is_floating(zone) ? "" : ";TZID=" + ical::param_value(zone);
        const ir::Coach* coach = organizer(program);
        const std::string unit = ir::to_string(program.unit);
        for (const auto& session : program.sessions) {
            static const BlockPlan no_block;
            static const SessionContent no_content;
            const BlockPlan& block = session.block < program.blocks.size() ? program.blocks[session.block] : no_block;
            const SessionContent& content =
                session.content < program.contents.size() ? program.contents[session.content] : no_content;

            std::string id = uid(program, session, program_occurrence);
            for (int n = 2; !uids.insert(std::hash<std::string>{}(id)).second; ++n)
                id = uid(program, session, program_occurrence) + "-" + std::to_string(n);

            const sys_seconds start{sys_days{session.date}.time_since_epoch() + session.start};
            const sys_seconds end = start + session.length;

            std::vector<std::string> exercise_names;
            for (const auto& exercise : content.exercises) exercise_names.push_back(exercise.name);
            const std::string block_name = !block.name.empty() ? block.name : !block.method.empty() ? block.method : "Session";
            std::string summary = name_athlete ? program.athlete + " — " : "";
            summary += block_name;
            if (!exercise_names.empty()) summary += ": " + join(exercise_names, ", ");

            std::string description = block_name + ", week " + std::to_string(session.week) + ", " +
                                      weekday_name(session.weekday()) + " " + format_date(session.date) + ", " +
                                      clock_text(session.start) + "-" + clock_text(session.start + session.length) + "\n";
            description += program.name + (program.athlete.empty() ? "" : " for " + program.athlete) + "\n";
            if (content.deload) description += "Deload week: half the sets, 90% of the loads\n";
            if (!content.exercises.empty()) description += "\n";
            for (const auto& exercise : content.exercises) description += exercise_text(exercise, unit) + "\n";
            if (content.occlusion != ir::Occlusion::unspecified || content.cuff_pressure || content.cuff_width_cm)
                description += "\n";
            if (content.occlusion != ir::Occlusion::unspecified)
                description += std::string("Occlusion: ") + ir::to_string(content.occlusion) + "\n";
            if (content.cuff_pressure || content.cuff_width_cm) {
                description += "Cuff:";
                if (content.cuff_pressure) description += " " + pressure_text(*content.cuff_pressure);
                if (content.cuff_pressure && content.cuff_width_cm) description += ",";
                if (content.cuff_width_cm) description += " " + format_number(*content.cuff_width_cm) + " cm wide";
                description += "\n";
            }
            if (!content.notes.empty()) {
                description += "\n";
                for (const auto& note : content.notes) description += note + "\n";
            }
            if (program.program != nullptr && program.program->coach) {
                const auto& c = *program.program->coach;
                description += "\nCoach: " + c.name + (c.email.empty() ? "" : " <" + c.email + ">") + "\n";
            }
            while (!description.empty() && description.back() == '\n') description.pop_back();

            ical::write_line(out, "BEGIN:VEVENT");
            ical::write_line(out, "UID:" + id);
            ical::write_line(out, "DTSTAMP:" + stamp);
            ical::write_line(out, "DTSTART" + tzid + ":" + date_time(start));
            ical::write_line(out, "DTEND" + tzid + ":" + date_time(end));
            ical::write_line(out, "SUMMARY:" + ical::escape_text(summary));
            ical::write_line(out, "DESCRIPTION:" + ical::escape_text(description));
            if (!block.method.empty()) ical::write_line(out, "CATEGORIES:" + ical::escape_text(block.method));
            if (coach != nullptr)
                ical::write_line(out, "ORGANIZER;CN=" + ical::param_value(coach->name) + ":" + mailto(coach->email));
            if (options.alarm) {
                ical::write_line(out, "BEGIN:VALARM");
                ical::write_line(out, "ACTION:DISPLAY");
                ical::write_line(out, "TRIGGER:-" + duration(*options.alarm));
                ical::write_line(out, "DESCRIPTION:" + ical::escape_text(summary + " at " + clock_text(session.start)));
                ical::write_line(out, "END:VALARM");
            }
            ical::write_line(out, "END:VEVENT");
            ++result.events;
        }
    }
    ical::write_line(out, "END:VCALENDAR");
    return result;
}

}  // namespace meso
