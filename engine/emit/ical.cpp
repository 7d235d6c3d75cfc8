#include "engine/emit/ical.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <set>
#include <unordered_set>

#include "engine/emit/clock_changes.h"
#include "engine/emit/ical_text.h"
#include "engine/emit/sessions.h"
#include "engine/base/timezone.h"

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

// Appends " @ 75% = 135 kg" (or what the set's load is) to `out`.
void append_load_text(std::string& out, const SetPlan& set, const ExercisePlan& exercise, const std::string& unit)
{
    if (set.rpe) out.append(" @ RPE ").append(format_number(*set.rpe));
    const char* lead = set.rpe ? ", " : " @ ";
    if (set.percent && set.mass)
        out.append(lead).append(format_number(*set.percent)).append("% = ").append(format_number(*set.mass)).append(" ").append(unit);
    else if (set.percent) {
        out.append(lead).append(format_number(*set.percent)).append("%");
        if (exercise.percent_without_max) out.append(" (no max for ").append(exercise.name).append(", so no ").append(unit).append(")");
    }
    else if (set.mass)
        out.append(lead).append(format_number(*set.mass)).append(" ").append(unit);
}

void append_number(std::string& out, long long value);

// Appends "squat: 5 sets of 5 reps @ 75% = 135 kg; rest 3 min" to `out`.
void append_exercise_text(std::string& out, const ExercisePlan& exercise, const std::string& unit)
{
    out.append(exercise.name).append(":");
    const auto& sets = exercise.sets;
    if (sets.empty()) out.append(" no sets");
    for (std::size_t i = 0; i < sets.size();) {
        std::size_t j = i + 1;
        while (j < sets.size() && same_load(sets[i], sets[j])) ++j;
        const bool same_reps = std::all_of(sets.begin() + static_cast<long>(i), sets.begin() + static_cast<long>(j),
                                           [&](const SetPlan& s) { return s.reps == sets[i].reps; });
        if (i > 0) out.append(", then");
        const std::size_t count = j - i;
        out.append(" ");
        append_number(out, static_cast<long long>(count));
        if (same_reps) {
            out.append(count == 1 ? " set of " : " sets of ");
            append_number(out, sets[i].reps);
            out.append(sets[i].reps == 1 ? " rep" : " reps");
        }
        else {
            out.append(" sets:");
            for (std::size_t k = i; k < j; ++k) {
                out.append(k == i ? " " : ", ");
                append_number(out, sets[k].reps);
            }
            out.append(" reps");
        }
        append_load_text(out, sets[i], exercise, unit);
        i = j;
    }
    if (exercise.rest_s) out.append("; rest ").append(rest(*exercise.rest_s));
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
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, text.size()).ptr;
        add(std::string_view(digits, static_cast<std::size_t>(end - digits)));
        add(":");
        add(text);
    }
    void field(long long n)
    {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
        field(std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }
};

// The UID hash up to the session's own fields: the same for every session
// of a block, so the emitter computes it once per block.
Fnv1a uid_prefix(const ProgramSchedule& program, std::uint32_t block_index, int program_occurrence)
{
    Fnv1a h;
    h.field("meso session v1");
    h.field(program.name);
    h.field(program.athlete);
    if (program_occurrence > 0) h.field(program_occurrence);
    if (block_index < program.blocks.size()) {
        const auto& block = program.blocks[block_index];
        h.field(block.name);
        h.field(block.occurrence);
    }
    return h;
}

// "<16 hex digits>@meso" into `out` (at least 21 bytes); its length.
std::size_t uid_into(char* out, Fnv1a h, const Session& session)
{
    h.field(session.week);
    h.field(session.day % 7);  // the day of the block week, whatever weekday `start` falls on
    h.field(session.session_of_day);
    // FNV-1a changes few bits for neighbouring sessions; a final mix
    // (splitmix64's) makes their UIDs look as different as they are.
    std::uint64_t z = h.value + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    static constexpr char digits[] = "0123456789abcdef";
    for (int i = 15; i >= 0; --i, z >>= 4) out[i] = digits[z & 15];
    std::memcpy(out + 16, "@meso", 5);
    return 21;
}

std::string uid(const ProgramSchedule& program, const Session& session, int program_occurrence)
{
    char buffer[24];
    const std::size_t n = uid_into(buffer, uid_prefix(program, session.block, program_occurrence), session);
    return std::string(buffer, n);
}

// ---- time zones ----

struct ZoneUse {
    std::optional<ZoneRules> rules;
    sys_days first = sys_days::max();
    sys_days last = sys_days::min();

    ZonePeriod info(sys_seconds t) const { return rules->info(t); }
};

void write_observance(std::ostream& out, const ZonePeriod& info, seconds offset_before, sys_seconds onset_utc,
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

std::string zone_of(const ir::Program* program, const CalendarOptions& options)
{
    if (program != nullptr && !program->timezone.empty()) return program->timezone;
    return options.default_timezone;
}

const ir::Coach* organizer(const ir::Program* program)
{
    if (program == nullptr || !program->coach || program->coach->email.empty()) return nullptr;
    return &*program->coach;
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


// ---- the events, fast: most of a session's text is the same for every
// session of its block or its content, and is made once ----

void append_number(std::string& out, long long value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, static_cast<std::size_t>(end - digits));
}

// Two digits of `value` (0..99) at `at`.
void put_two(char* at, long value)
{
    at[0] = static_cast<char>('0' + value / 10);
    at[1] = static_cast<char>('0' + value % 10);
}

// date_time(t), appended: formatted in place, appended at once.
void append_date_time(std::string& out, sys_seconds t)
{
    const auto day = std::chrono::floor<days>(t);
    const std::chrono::year_month_day ymd{day};
    const int y = static_cast<int>(ymd.year());
    if (y < 0 || y > 9999) {
        out += date_time(t);
        return;
    }
    const long s = static_cast<long>((t - day).count());
    char text[15];
    put_two(text, y / 100);
    put_two(text + 2, y % 100);
    put_two(text + 4, static_cast<long>(static_cast<unsigned>(ymd.month())));
    put_two(text + 6, static_cast<long>(static_cast<unsigned>(ymd.day())));
    text[8] = 'T';
    put_two(text + 9, s / 3600);
    put_two(text + 11, s / 60 % 60);
    put_two(text + 13, s % 60);
    out.append(text, sizeof text);
}

// clock_text(m), appended.
void append_clock(std::string& out, minutes since_midnight)
{
    const long m = static_cast<long>((since_midnight % std::chrono::hours{24}).count());
    if (m < 0 || m >= 24 * 60) {
        out += clock_text(since_midnight);
        return;
    }
    char text[5];
    put_two(text, m / 60);
    text[2] = ':';
    put_two(text + 3, m % 60);
    out.append(text, sizeof text);
}

// format_date(d), appended.
void append_date(std::string& out, sys_days d)
{
    const std::chrono::year_month_day ymd{d};
    const int y = static_cast<int>(ymd.year());
    if (y < 0 || y > 9999) {
        out += format_date(d);
        return;
    }
    char text[10];
    put_two(text, y / 100);
    put_two(text + 2, y % 100);
    text[4] = '-';
    put_two(text + 5, static_cast<long>(static_cast<unsigned>(ymd.month())));
    text[7] = '-';
    put_two(text + 8, static_cast<long>(static_cast<unsigned>(ymd.day())));
    out.append(text, sizeof text);
}

std::string block_title(const BlockPlan& block)
{
    return !block.name.empty() ? block.name : !block.method.empty() ? block.method : "Session";
}

// What a session's text owes to its content. The DESCRIPTION's first line
// names the session's day and time; what follows depends on the program and
// the content only. Escaping text piece by piece gives what escaping it
// whole does when each piece ends in an ASCII character or the next begins
// with one (an invalid UTF-8 sequence is then cut by that character either
// way): so the pieces are escaped once and joined per session.
struct ContentText {
    std::uint32_t content = UINT32_MAX;
    std::uint32_t block = UINT32_MAX;
    std::string summary;       // escaped, unfolded (VALARM adds to it)
    std::string summary_line;  // SUMMARY, folded
    std::string tail;          // the escaped DESCRIPTION after its first line and "\n"; empty: none
};

// `scratch` is a buffer the caller keeps from content to content: the texts
// are built there and escaped into the cache entry's own strings, so that a
// content's text costs no allocation once the buffers have grown.
void make_content_text(ContentText& text, const ProgramSchedule& program, const BlockPlan& block,
                       const SessionContent& content, bool name_athlete, const std::string& unit, std::string& scratch)
{
    scratch.clear();
    if (name_athlete) scratch.append(program.athlete).append(" — ");
    scratch += block_title(block);
    for (std::size_t i = 0; i < content.exercises.size(); ++i) scratch.append(i == 0 ? ": " : ", ").append(content.exercises[i].name);
    text.summary.clear();
    ical::append_escaped(text.summary, scratch);
    scratch.assign("SUMMARY:").append(text.summary);
    text.summary_line.clear();
    ical::append_line(text.summary_line, scratch);

    std::string& tail = scratch;
    tail.assign(program.name);
    if (!program.athlete.empty()) tail.append(" for ").append(program.athlete);
    tail += '\n';
    if (content.deload) tail += "Deload week: half the sets, 90% of the loads\n";
    if (!content.exercises.empty()) tail += "\n";
    for (const auto& exercise : content.exercises) {
        append_exercise_text(tail, exercise, unit);
        tail += '\n';
    }
    if (content.occlusion != ir::Occlusion::unspecified || content.cuff_pressure || content.cuff_width_cm) tail += "\n";
    if (content.occlusion != ir::Occlusion::unspecified) tail.append("Occlusion: ").append(ir::to_string(content.occlusion)).append("\n");
    if (content.cuff_pressure || content.cuff_width_cm) {
        tail += "Cuff:";
        if (content.cuff_pressure) tail.append(" ").append(pressure_text(*content.cuff_pressure));
        if (content.cuff_pressure && content.cuff_width_cm) tail += ",";
        if (content.cuff_width_cm) tail.append(" ").append(format_number(*content.cuff_width_cm)).append(" cm wide");
        tail += "\n";
    }
    if (!content.notes.empty()) {
        tail += "\n";
        for (const auto& note : content.notes) tail.append(note).append("\n");
    }
    if (program.program != nullptr && program.program->coach) {
        const auto& c = *program.program->coach;
        tail.append("\nCoach: ").append(c.name);
        if (!c.email.empty()) tail.append(" <").append(c.email).append(">");
        tail += "\n";
    }
    // The description loses its trailing newlines; when nothing else is
    // left of the tail, it ends with the first line.
    while (!tail.empty() && tail.back() == '\n') tail.pop_back();
    text.tail.clear();
    ical::append_escaped(text.tail, tail);
}

// What a session's text owes to its block.
struct BlockText {
    Fnv1a uid;                 // the UID's hash up to the session's fields
    std::string title;         // escaped
    std::string categories;    // CATEGORIES, folded; empty: none
};

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

bool UidSet::insert(std::uint64_t key)
{
    if (key == 0) {  // 0 marks an empty slot
        const bool inserted = !has_zero;
        has_zero = true;
        return inserted;
    }
    if ((used + 1) * 5 > slots.size() * 4) {  // keep it at most 80 % full
        std::vector<std::uint64_t> old(slots.size() < 1024 ? 1024 : slots.size() * 2, 0);
        old.swap(slots);
        used = 0;
        for (const std::uint64_t k : old)
            if (k != 0) insert(k);
    }
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(key * 0x9e3779b97f4a7c15ull >> 20) & mask;; i = (i + 1) & mask) {
        if (slots[i] == key) return false;
        if (slots[i] == 0) {
            slots[i] = key;
            ++used;
            return true;
        }
    }
}

ProgramOutline outline_of(const ProgramSchedule& program)
{
    ProgramOutline o;
    o.program = program.program;
    o.name = program.name;
    o.athlete = program.athlete;
    o.first = program.start;
    o.last = program.end;
    if (!program.sessions.empty()) {
        o.first = std::min(o.first, program.sessions.front().date);
        o.last = std::max(o.last, program.sessions.back().date + days{1});  // a session may end after midnight
    }
    return o;
}

ProgramOutline outline_of(const ProgramPlan& plan)
{
    ProgramOutline o;
    o.program = plan.program;
    o.name = plan.program->name;
    o.athlete = plan.program->athlete != nullptr ? plan.program->athlete->name : "";
    o.first = plan.start;
    o.last = plan.end;
    if (plan.first_session) o.first = std::min(o.first, *plan.first_session);
    if (plan.last_session) o.last = std::max(o.last, *plan.last_session + days{1});
    return o;
}

CalendarResult begin_calendar(CalendarStream& stream, std::ostream& out, const std::vector<ProgramOutline>& programs,
                              const CalendarOptions& options)
{
    CalendarResult result;
    stream = CalendarStream{};
    stream.options = options;

    // Every zone first: an unknown one writes nothing.
    std::map<std::string, ZoneUse> zones;
    bool any_floating = false;
    for (const auto& program : programs) {
        const std::string zone = zone_of(program.program, options);
        if (is_floating(zone)) {
            any_floating = true;
            continue;
        }
        auto [it, inserted] = zones.try_emplace(zone);
        if (inserted) {
            const Span span = program.program != nullptr && !program.program->timezone.empty()
                                  ? program.program->timezone_span
                                  : Span{};
            if (auto problem = check_timezone(zone, span)) {
                result.diagnostics.push_back(*problem);
                continue;
            }
            it->second.rules = ZoneRules::load(zone);
            if (!it->second.rules) {
                result.diagnostics.push_back(Diagnostic::error(span, "time zone '" + zone + "' cannot be read from the tz database"));
                continue;
            }
        }
        auto& use = it->second;
        use.first = std::min(use.first, program.first);
        use.last = std::max(use.last, program.last);
    }
    if (!result.diagnostics.empty()) return result;

    // The calendar.
    std::vector<std::string> names;
    std::unordered_set<std::string> named;  // a search of `names` per program was quadratic in programs
    std::set<std::string> athletes;
    bool every_program_has_organizer = !programs.empty();
    for (const auto& program : programs) {
        if (named.insert(program.name).second) names.push_back(program.name);
        athletes.insert(program.athlete);
        if (organizer(program.program) == nullptr) every_program_has_organizer = false;
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
    // X-WR-TIMEZONE is the zone Google and Apple show floating times in:
    // with a floating program beside a zoned one it would pin the floating
    // times to that zone, so it goes out only when every program has the one zone.
    if (zones.size() == 1 && !any_floating) ical::write_line(out, "X-WR-TIMEZONE:" + ical::escape_text(zones.begin()->first));
    ical::write_line(out, "REFRESH-INTERVAL;VALUE=DURATION:P1D");
    ical::write_line(out, "X-PUBLISHED-TTL:P1D");
    for (const auto& [name, use] : zones) write_vtimezone(out, name, use);

    ical::append_line(stream.stamp_line, "DTSTAMP:" + date_time(options.stamp) + "Z");
    stream.name_athlete = athletes.size() > 1;
    std::map<std::pair<std::string, std::string>, int> seen_programs;
    for (const auto& program : programs) stream.program_occurrences.push_back(seen_programs[{program.name, program.athlete}]++);
    for (const auto& [name, use] : zones) stream.zones.emplace(name, *use.rules);
    stream.started = true;
    return result;
}

void write_events(CalendarStream& stream, std::ostream& out, const ProgramSchedule& program)
{
    const std::size_t p = stream.next_program++;
    const CalendarOptions& options = stream.options;
    const int program_occurrence = p < stream.program_occurrences.size() ? stream.program_occurrences[p] : 0;

    std::vector<BlockText> block_texts(program.blocks.size() + 1);  // the last: sessions outside every block
    for (std::uint32_t b = 0; b <= program.blocks.size(); ++b) {
        block_texts[b].uid = uid_prefix(program, b, program_occurrence);
        if (b == program.blocks.size()) continue;
        const auto& block = program.blocks[b];
        block_texts[b].title = ical::escape_text(block_title(block));
        if (!block.method.empty()) ical::append_line(block_texts[b].categories, "CATEGORIES:" + ical::escape_text(block.method));
    }

    std::string event;  // one event's lines, written at once
    std::string line;
    const std::string zone = zone_of(program.program, options);
    const std::string tzid = is_floating(zone) ? "" : ";TZID=" + ical::param_value(zone);
    // Sessions a clock change touches: DTEND (and for a start that does not
    // exist or happens twice, DTSTART too) as the UTC instant, which every
    // reader takes the same way; the others keep their local times.
    const auto zone_rules = stream.zones.find(zone);
    std::chrono::minutes longest{0};
    for (const auto& session : program.sessions) longest = std::max(longest, session.length);
    const SessionClock clock(zone_rules != stream.zones.end() ? &zone_rules->second : nullptr,
                             program.sessions.empty() ? program.start : std::min(program.start, program.sessions.front().date),
                             program.sessions.empty() ? program.end : std::max(program.end, program.sessions.back().date), longest);
    const ir::Coach* coach = organizer(program.program);
    std::string organizer_line;
    if (coach != nullptr)
        ical::append_line(organizer_line, "ORGANIZER;CN=" + ical::param_value(coach->name) + ":" + mailto(coach->email));
    const std::string unit = ir::to_string(program.unit);
    // Sessions of a content mostly follow each other: a small cache of
    // content texts by index holds them while they are used, whatever
    // the number of contents.
    std::array<ContentText, 64> cache;
    ContentText uncached;
    std::string scratch;
    for (const auto& session : program.sessions) {
        static const BlockPlan no_block;
        static const SessionContent no_content;
        const bool in_block = session.block < program.blocks.size();
        const BlockPlan& block = in_block ? program.blocks[session.block] : no_block;
        const BlockText& block_text = block_texts[in_block ? session.block : program.blocks.size()];
        ContentText* text = &uncached;
        if (session.content < program.contents.size()) {
            text = &cache[session.content % cache.size()];
            if (text->content != session.content || text->block != session.block) {
                make_content_text(*text, program, block, program.contents[session.content], stream.name_athlete, unit, scratch);
                text->content = session.content;
                text->block = session.block;
            }
        }
        else
            make_content_text(uncached, program, block, no_content, stream.name_athlete, unit, scratch);

        // Two sessions get one UID only if their hashes collide; then the
        // later ones get "-2", "-3", ... in order. Every UID is remembered,
        // as the hash of its text: 10 to 20 bytes per session.
        char id_buffer[24];
        std::string id(id_buffer, uid_into(id_buffer, block_text.uid, session));
        if (!stream.uids.insert(std::hash<std::string>{}(id))) {
            const std::string first = id;
            for (int n = 2; !stream.uids.insert(std::hash<std::string>{}(id)); ++n) id = first + "-" + std::to_string(n);
        }

        const sys_seconds start{sys_days{session.date}.time_since_epoch() + session.start};
        const sys_seconds end = start + session.length;
        const SessionTimes times = clock.times(session);
        const bool utc_start = times.kind == SessionTimes::Kind::start_skipped || times.kind == SessionTimes::Kind::start_repeated;
        const bool utc_end = times.kind != SessionTimes::Kind::plain;

        event.clear();
        event += "BEGIN:VEVENT\r\n";
        line.assign("UID:").append(id);
        ical::append_line(event, line);
        event += stream.stamp_line;
        if (utc_start) {
            line.assign("DTSTART:");
            append_date_time(line, times.start);
            line += 'Z';
        }
        else {
            line.assign("DTSTART").append(tzid).append(":");
            append_date_time(line, start);
        }
        ical::append_line(event, line);
        if (utc_end) {
            line.assign("DTEND:");
            append_date_time(line, times.end);
            line += 'Z';
        }
        else {
            line.assign("DTEND").append(tzid).append(":");
            append_date_time(line, end);
        }
        ical::append_line(event, line);
        event += text->summary_line;
        // "<block>, week 3, Mon 2027-01-04, 08:00-09:00\n<tail>", escaped.
        line.assign("DESCRIPTION:").append(in_block ? block_text.title : ical::escape_text(block_title(block)));
        line += "\\, week ";
        append_number(line, session.week);
        line += "\\, ";
        line += weekday_name(session.weekday());
        line += ' ';
        append_date(line, session.date);
        line += "\\, ";
        append_clock(line, session.start);
        line += '-';
        append_clock(line, session.start + session.length);
        if (times.warn) line.append("\\n").append(ical::escape_text(clock.describe(session, times)));
        if (!text->tail.empty()) line.append("\\n").append(text->tail);
        ical::append_line(event, line);
        event += block_text.categories;
        event += organizer_line;
        if (options.alarm) {
            event += "BEGIN:VALARM\r\nACTION:DISPLAY\r\n";
            ical::append_line(event, "TRIGGER:-" + duration(*options.alarm));
            line.assign("DESCRIPTION:").append(text->summary).append(" at ");
            append_clock(line, times.kind == SessionTimes::Kind::plain ? session.start : times.start_clock);
            ical::append_line(event, line);
            event += "END:VALARM\r\n";
        }
        event += "END:VEVENT\r\n";
        out.write(event.data(), static_cast<std::streamsize>(event.size()));
        ++stream.events;
    }
}

std::size_t end_calendar(CalendarStream& stream, std::ostream& out)
{
    ical::write_line(out, "END:VCALENDAR");
    return stream.events;
}

CalendarResult write_calendar(std::ostream& out, const std::vector<ProgramSchedule>& programs,
                              const CalendarOptions& options)
{
    std::vector<ProgramOutline> outlines;
    outlines.reserve(programs.size());
    for (const auto& program : programs) outlines.push_back(outline_of(program));
    CalendarStream stream;
    CalendarResult result = begin_calendar(stream, out, outlines, options);
    if (!result.diagnostics.empty()) return result;
    outlines = {};
    for (const auto& program : programs) write_events(stream, out, program);
    result.events = end_calendar(stream, out);
    return result;
}

}  // namespace meso
