#include "engine/emit/ical.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <unordered_set>

#include "engine/base/text.h"
#include "engine/emit/clock_changes.h"
#include "engine/emit/date_time_cache.h"
#include "engine/emit/ical_session_text.h"
#include "engine/emit/ical_text.h"
#include "engine/emit/ical_uid.h"
#include "engine/emit/ical_values.h"
#include "engine/emit/ical_vtimezone.h"

namespace meso::emit {

namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::sys_seconds;

// ---- the calendar's head ----

// An address as the mailto: URI of ORGANIZER: bytes a URI cannot hold as
// they are (spaces, quotes, non-ASCII) percent-encoded.
std::string mailto(std::string_view address)
{
    static constexpr std::string_view plain = "@.+-_~!$&'*=?/";
    std::string out = "mailto:";
    for (const char c : address) {
        const auto byte = static_cast<unsigned char>(c);
        const bool as_it_is = (std::isalnum(byte) != 0 && byte < 0x80) || plain.find(c) != std::string_view::npos;
        if (as_it_is) out += c;
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

// The zones of a calendar's programs, each with the days it covers.
struct CalendarZones {
    std::map<std::string, ical::ZoneUse> zones;
    bool any_floating = false;
};

// Every zone, loaded; an unknown one is an error in `diagnostics`.
CalendarZones calendar_zones(const std::vector<ProgramOutline>& programs, const CalendarOptions& options,
                             std::vector<Diagnostic>& diagnostics)
{
    CalendarZones found;
    for (const auto& program : programs) {
        const std::string zone = zone_of(program.program, options);
        if (is_floating(zone)) {
            found.any_floating = true;
            continue;
        }
        auto [it, inserted] = found.zones.try_emplace(zone);
        if (inserted) {
            const Span span = program.program != nullptr && !program.program->timezone.empty() ? program.program->timezone_span : Span{};
            if (auto problem = check_timezone(zone, span)) {
                diagnostics.push_back(*problem);
                continue;
            }
            it->second.rules = ZoneRules::load(zone);
            if (!it->second.rules) {
                diagnostics.push_back(Diagnostic::error(span, "time zone '" + zone + "' cannot be read from the tz database"));
                continue;
            }
        }
        auto& use = it->second;
        use.first = std::min(use.first, program.first);
        use.last = std::max(use.last, program.last);
    }
    return found;
}

// BEGIN:VCALENDAR and the calendar's properties, up to its VTIMEZONEs.
void write_calendar_properties(std::ostream& out, const std::vector<ProgramOutline>& programs, const CalendarZones& zones)
{
    std::vector<std::string> names;
    std::unordered_set<std::string> named;  // a search of `names` per program was quadratic in programs
    bool every_program_has_organizer = !programs.empty();
    for (const auto& program : programs) {
        // An empty NAME is an error to libical (X-LIC-ERROR): a program
        // named "" or " " adds nothing to the calendar's name.
        if (!is_blank(program.name) && named.insert(program.name).second) names.push_back(program.name);
        if (organizer(program.program) == nullptr) every_program_has_organizer = false;
    }
    const std::string calendar_name = names.empty() ? "meso" : join(names, ", ");
    ical::write_line(out, "BEGIN:VCALENDAR");
    ical::write_line(out, "VERSION:2.0");
    ical::write_line(out, std::string("PRODID:-//meso//meso ") + MESO_VERSION + "//EN");
    ical::write_line(out, "CALSCALE:GREGORIAN");
    // RFC 5546: PUBLISH needs an ORGANIZER on every event.
    if (every_program_has_organizer) ical::write_line(out, "METHOD:PUBLISH");
    // ical.js reads NAME and X-WR-CALNAME as of an unknown type and shows
    // their escapes ("A\\, B"); VALUE=TEXT makes it unescape them, as RFC
    // 5545 reads them anyway. Only said when there is an escape to read.
    const std::string escaped_name = ical::escape_text(calendar_name);
    const std::string value_type = escaped_name == calendar_name ? ":" : ";VALUE=TEXT:";
    ical::write_line(out, "NAME" + value_type + escaped_name);
    ical::write_line(out, "X-WR-CALNAME" + value_type + escaped_name);
    // X-WR-TIMEZONE is the zone Google and Apple show floating times in:
    // with a floating program beside a zoned one it would pin the floating
    // times to that zone, so it goes out only when every program has the one zone.
    if (zones.zones.size() == 1 && !zones.any_floating)
        ical::write_line(out, "X-WR-TIMEZONE:" + ical::escape_text(zones.zones.begin()->first));
    ical::write_line(out, "REFRESH-INTERVAL;VALUE=DURATION:P1D");
    ical::write_line(out, "X-PUBLISHED-TTL:P1D");
}

bool several_athletes(const std::vector<ProgramOutline>& programs)
{
    std::set<std::string> athletes;
    for (const auto& program : programs) athletes.insert(program.athlete);
    return athletes.size() > 1;
}

// ---- the events, fast: most of a session's text is the same for every
// session of its block or its content, and is made once ----

// The block of the sessions outside every block.
const scheduling::BlockPlan no_block;

// What a session's text owes to its block.
struct BlockText {
    ical::Fnv1a uid;         // the UID's hash up to the session's fields
    std::string title;       // escaped
    std::string categories;  // CATEGORIES, folded; empty: none
};

// What every event of a program shares.
struct ProgramEvents {
    std::vector<BlockText> blocks;  // one per block, and last one for the sessions outside every block
    std::string tzid;               // ";TZID=Europe/Berlin"; empty for floating times
    SessionClock clock;             // which sessions a clock change touches
    std::string organizer_line;     // ORGANIZER, folded; empty: none
    std::string unit;               // kg, lb
};

std::vector<BlockText> block_texts(const scheduling::ProgramSchedule& program, int program_occurrence)
{
    std::vector<BlockText> texts(program.blocks.size() + 1);
    for (std::uint32_t b = 0; b <= program.blocks.size(); ++b) {
        texts[b].uid = ical::uid_prefix(program, b, program_occurrence);
        const bool in_block = b < program.blocks.size();
        const scheduling::BlockPlan& block = in_block ? program.blocks[b] : no_block;
        texts[b].title = ical::escape_text(ical::block_title(block));
        if (!block.method.empty()) ical::append_line(texts[b].categories, "CATEGORIES:" + ical::escape_text(block.method));
    }
    return texts;
}

// Sessions a clock change touches get DTEND (and for a start that does not
// exist or happens twice, DTSTART too) as the UTC instant, which every
// reader takes the same way; the others keep their local times.
SessionClock session_clock(const CalendarStream& stream, const scheduling::ProgramSchedule& program, const std::string& zone)
{
    const auto zone_rules = stream.zones.find(zone);
    minutes longest{0};
    for (const auto& session : program.sessions) longest = std::max(longest, session.length);
    const bool any = !program.sessions.empty();
    return SessionClock(zone_rules != stream.zones.end() ? &zone_rules->second : nullptr,
                        any ? std::min(program.start, program.sessions.front().date) : program.start,
                        any ? std::max(program.end, program.sessions.back().date) : program.end, longest);
}

ProgramEvents program_events(const CalendarStream& stream, const scheduling::ProgramSchedule& program, int program_occurrence)
{
    const std::string zone = zone_of(program.program, stream.options);
    ProgramEvents shared{block_texts(program, program_occurrence),
                         is_floating(zone) ? "" : ";TZID=" + ical::param_value(zone),
                         session_clock(stream, program, zone),
                         {},
                         ir::to_string(program.unit)};
    if (const ir::Coach* coach = organizer(program.program))
        ical::append_line(shared.organizer_line, "ORGANIZER;CN=" + ical::param_value(coach->name) + ":" + mailto(coach->email));
    return shared;
}

// Sessions of a content mostly follow each other: a small cache of
// content texts by index holds them while they are used, whatever the
// number of contents.
struct ContentTexts {
    std::array<ical::ContentText, 64> cache;  // by content index: valid for one program
    ical::ContentText uncached;               // a session outside every content
    std::string scratch;

    const ical::ContentText& of(const scheduling::ProgramSchedule& program, const scheduling::Session& session,
                                const scheduling::BlockPlan& block, bool name_athlete, const std::string& unit)
    {
        const std::string_view workout = scheduling::workout_of(program, session);
        if (session.content >= program.contents.size()) {
            static const scheduling::SessionContent no_content;
            ical::make_content_text(uncached, program, block, no_content, workout, name_athlete, unit, scratch);
            return uncached;
        }
        ical::ContentText& text = cache[session.content % cache.size()];
        // Two workouts of a rotation may plan equal contents: the workout is part of the key.
        if (text.content != session.content || text.block != session.block || text.workout != workout) {
            ical::make_content_text(text, program, block, program.contents[session.content], workout, name_athlete, unit, scratch);
            text.content = session.content;
            text.block = session.block;
            text.workout = workout;
        }
        return text;
    }

    // A new program: its contents are numbered from 0 again.
    void forget()
    {
        for (auto& text : cache) text.content = UINT32_MAX;
    }
};

// Two sessions get one UID only if their hashes collide; then the later
// ones get "-2", "-3", ... in order. Every UID is remembered, as the hash
// of its text: 10 to 20 bytes per session.
// Into `id`, a buffer kept from event to event (a UID is longer than a
// string holds without allocating).
void unique_uid(std::string& id, UidSet& uids, const ical::Fnv1a& prefix, const scheduling::ProgramSchedule& program,
                const scheduling::Session& session)
{
    char buffer[ical::uid_length];
    id.assign(buffer, ical::uid_into(buffer, prefix, program, session));
    if (!uids.insert(std::hash<std::string>{}(id))) {
        const std::string first = id;
        for (int n = 2; !uids.insert(std::hash<std::string>{}(id)); ++n) id = first + "-" + std::to_string(n);
    }
}

// One event's lines, built in buffers kept from event to event.
struct EventText {
    std::string event;  // written at once
    std::string line;
    std::string uid;
    DateTimeCache dates;

    // 08:00; a session that ends after midnight ends at 00:30.
    const std::string& clock(minutes since_midnight) { return dates.time(since_midnight % std::chrono::hours{24}); }
};

// DTSTART or DTEND: the UTC instant when a clock change touches it, else
// the local time with the zone's TZID (none for floating times).
void append_time_line(EventText& text, std::string_view property, const std::string& tzid, bool in_utc, sys_seconds utc, sys_seconds local)
{
    text.line.assign(property);
    if (in_utc) {
        text.line += ':';
        ical::append_date_time(text.line, utc);
        text.line += 'Z';
    }
    else {
        text.line.append(tzid).append(":");
        ical::append_date_time(text.line, local);
    }
    ical::append_line(text.event, text.line);
}

// "<block>, week 3, Mon 2027-01-04, 08:00-09:00\n<tail>", escaped.
void append_description(EventText& text, const ProgramEvents& shared, const scheduling::Session& session, const SessionTimes& times,
                        const BlockText& block, const ical::ContentText& content)
{
    std::string& line = text.line;
    line.assign("DESCRIPTION:").append(block.title);
    line += "\\, week ";
    ical::append_integer(line, session.week);
    line += "\\, ";
    line += weekday_name(session.weekday());
    line += ' ';
    line += text.dates.date(session.date);
    line += "\\, ";
    line += text.clock(session.start);
    line += '-';
    line += text.clock(session.start + session.length);
    if (times.warn) line.append("\\n").append(ical::escape_text(shared.clock.describe(session, times)));
    if (!content.tail.empty()) line.append("\\n").append(content.tail);
    ical::append_line(text.event, line);
}

// A reminder `before` the session: "<summary> at 08:00".
void append_alarm(EventText& text, minutes before, const scheduling::Session& session, const SessionTimes& times,
                  const ical::ContentText& content)
{
    text.event += "BEGIN:VALARM\r\nACTION:DISPLAY\r\n";
    ical::append_line(text.event, "TRIGGER:-" + ical::duration(before));
    text.line.assign("DESCRIPTION:").append(content.summary).append(" at ");
    text.line += text.clock(times.kind == SessionTimes::Kind::plain ? session.start : times.start_clock);
    ical::append_line(text.event, text.line);
    text.event += "END:VALARM\r\n";
}

// One VEVENT into `text.event`.
void make_event(EventText& text, const CalendarStream& stream, const ProgramEvents& shared, const scheduling::Session& session,
                const std::string& uid, const BlockText& block, const ical::ContentText& content)
{
    const sys_seconds start{std::chrono::sys_days{session.date}.time_since_epoch() + session.start};
    const SessionTimes times = shared.clock.times(session);
    const bool utc_start = times.kind == SessionTimes::Kind::start_skipped || times.kind == SessionTimes::Kind::start_repeated;
    const bool utc_end = times.kind != SessionTimes::Kind::plain;

    text.event.clear();
    text.event += "BEGIN:VEVENT\r\n";
    text.line.assign("UID:").append(uid);
    ical::append_line(text.event, text.line);
    text.event += stream.stamp_line;
    append_time_line(text, "DTSTART", shared.tzid, utc_start, times.start, start);
    append_time_line(text, "DTEND", shared.tzid, utc_end, times.end, start + session.length);
    text.event += content.summary_line;
    append_description(text, shared, session, times, block, content);
    text.event += block.categories;
    text.event += shared.organizer_line;
    if (stream.options.alarm) append_alarm(text, *stream.options.alarm, session, times, content);
    text.event += "END:VEVENT\r\n";
}

}  // namespace

struct CalendarStream::Buffers {
    ContentTexts contents;
    EventText text;

    // Room for most events from the start, so that a description a digit
    // longer (week 10 after week 9) does not grow them in the middle of a
    // calendar.
    Buffers()
    {
        text.event.reserve(4096);
        text.line.reserve(2048);
    }
};

namespace {

// A competition's all-day event: DTSTART and DTEND as DATE values (the
// day after, RFC 5545 3.6.1), with its own UID.
void make_competition_event(EventText& text, CalendarStream& stream, const ProgramEvents& shared,
                            const scheduling::ProgramSchedule& program, int program_occurrence, const ir::Competition& competition)
{
    char buffer[ical::uid_length];
    const std::string first(buffer, ical::competition_uid_into(buffer, program, program_occurrence, competition));
    std::string uid = first;
    for (int n = 2; !stream.uids.insert(std::hash<std::string>{}(uid)); ++n) uid = first + "-" + std::to_string(n);
    const auto day = [](std::chrono::sys_days d) { return ical::date_time(sys_seconds{d.time_since_epoch()}).substr(0, 8); };
    std::string summary = "Competition: " + competition.name;
    if (stream.name_athlete && !program.athlete.empty()) summary += " (" + program.athlete + ")";
    text.event.clear();
    text.event += "BEGIN:VEVENT\r\n";
    ical::append_line(text.event, "UID:" + uid);
    text.event += stream.stamp_line;
    ical::append_line(text.event, "DTSTART;VALUE=DATE:" + day(competition.date));
    ical::append_line(text.event, "DTEND;VALUE=DATE:" + day(competition.date + days{1}));
    ical::append_line(text.event, "SUMMARY:" + ical::escape_text(summary));
    ical::append_line(text.event,
                      "DESCRIPTION:" +
                          ical::escape_text(competition.name + ", " + weekday_name(std::chrono::weekday{competition.date}) + " " +
                                            format_date(competition.date) + "\nNo training on this day (" + program.name + ")."));
    ical::append_line(text.event, "CATEGORIES:competition");
    text.event += shared.organizer_line;
    text.event += "END:VEVENT\r\n";
}

}  // namespace

std::optional<sys_seconds> parse_source_date_epoch(std::string_view value)
{
    if (value.empty() || value.size() > 15) return std::nullopt;
    long long s = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), s);
    if (error != std::errc{} || end != value.data() + value.size() || value.front() == '-' || value.front() == '+') return std::nullopt;
    // DTSTAMP holds a four-digit year.
    if (s > 253402300799LL) return std::nullopt;  // 9999-12-31T23:59:59Z
    return sys_seconds{std::chrono::seconds{s}};
}

// An alarm at most a year before its session.
constexpr long long most_alarm_minutes = 60LL * 24 * 366;

std::optional<minutes> parse_alarm(std::string_view text)
{
    std::size_t i = 0;
    long long n = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (error != std::errc{} || end == text.data() || n < 0 || n > most_alarm_minutes) return std::nullopt;
    i = static_cast<std::size_t>(end - text.data());
    while (i < text.size() && text[i] == ' ') ++i;
    const std::string_view unit = text.substr(i);
    long long per = 0;
    if (unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes") per = 1;
    else if (unit == "h" || unit == "hour" || unit == "hours") per = 60;
    else if (unit == "d" || unit == "day" || unit == "days") per = 1440;
    else if (unit == "w" || unit == "week" || unit == "weeks") per = 10080;
    else return std::nullopt;
    if (n * per > most_alarm_minutes) return std::nullopt;
    return minutes{n * per};
}

ProgramOutline outline_of(const scheduling::ProgramSchedule& program)
{
    ProgramOutline o;
    o.program = program.program;
    o.name = program.name;
    o.athlete = program.athlete;
    o.first = program.start;
    o.last = program.end;
    o.sessions = static_cast<long long>(program.sessions.size());
    if (!program.sessions.empty()) {
        o.first = std::min(o.first, program.sessions.front().date);
        o.last = std::max(o.last, program.sessions.back().date + days{1});  // a session may end after midnight
    }
    return o;
}

ProgramOutline outline_of(const scheduling::ProgramPlan& plan)
{
    ProgramOutline o;
    o.program = plan.program;
    o.name = plan.program->name;
    o.athlete = plan.program->athlete != nullptr ? plan.program->athlete->name : "";
    o.first = plan.start;
    o.last = plan.end;
    o.sessions = plan.sessions;
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
    const CalendarZones zones = calendar_zones(programs, options, result.diagnostics);
    if (!result.diagnostics.empty()) return result;

    write_calendar_properties(out, programs, zones);
    for (const auto& [name, use] : zones.zones) ical::write_vtimezone(out, name, use);

    ical::append_line(stream.stamp_line, "DTSTAMP:" + ical::date_time(options.stamp) + "Z");
    stream.name_athlete = several_athletes(programs);
    std::map<std::pair<std::string, std::string>, int> seen_programs;
    for (const auto& program : programs) stream.program_occurrences.push_back(seen_programs[{program.name, program.athlete}]++);
    for (const auto& [name, use] : zones.zones) stream.zones.emplace(name, *use.rules);
    long long sessions = 0;
    for (const auto& program : programs) sessions += program.sessions;
    stream.uids.reserve(static_cast<std::size_t>(sessions));
    stream.started = true;
    return result;
}

void write_events(CalendarStream& stream, std::ostream& out, const scheduling::ProgramSchedule& program)
{
    const std::size_t p = stream.next_program++;
    const int program_occurrence = p < stream.program_occurrences.size() ? stream.program_occurrences[p] : 0;
    const ProgramEvents shared = program_events(stream, program, program_occurrence);
    if (!stream.buffers) stream.buffers = std::make_shared<CalendarStream::Buffers>();
    ContentTexts& contents = stream.buffers->contents;
    contents.forget();
    EventText& text = stream.buffers->text;
    for (const auto& session : program.sessions) {
        const bool in_block = session.block < program.blocks.size();
        const scheduling::BlockPlan& block = in_block ? program.blocks[session.block] : no_block;
        const BlockText& block_text = shared.blocks[in_block ? session.block : program.blocks.size()];
        const ical::ContentText& content = contents.of(program, session, block, stream.name_athlete, shared.unit);
        unique_uid(text.uid, stream.uids, block_text.uid, program, session);
        make_event(text, stream, shared, session, text.uid, block_text, content);
        out.write(text.event.data(), static_cast<std::streamsize>(text.event.size()));
        ++stream.events;
    }
    if (program.program == nullptr) return;
    for (const auto& competition : program.program->competitions) {
        make_competition_event(text, stream, shared, program, program_occurrence, competition);
        out.write(text.event.data(), static_cast<std::streamsize>(text.event.size()));
        ++stream.events;
    }
}

std::size_t end_calendar(CalendarStream& stream, std::ostream& out)
{
    ical::write_line(out, "END:VCALENDAR");
    return stream.events;
}

CalendarResult write_calendar(std::ostream& out, const std::vector<scheduling::ProgramSchedule>& programs, const CalendarOptions& options)
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

}  // namespace meso::emit
