#include "tests/fuzz/invariants.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/base/text.h"
#include "engine/emit/ical.h"
#include "engine/emit/schedule_text.h"
#include "engine/emit/sessions.h"
#include "engine/format/format.h"
#include "engine/report/report.h"
#include "grammar/parse.h"
#include "tests/emit/lint.h"

namespace meso::fuzz {

void violated(const std::string& what, std::string_view input)
{
    std::fprintf(stderr, "fuzz: invariant violated: %s\n--- input (%zu bytes) ---\n%.*s\n---\n", what.c_str(), input.size(),
                 static_cast<int>(input.size() < 2000 ? input.size() : 2000), input.data());
    std::abort();
}

void check_spans(const std::vector<Diagnostic>& diagnostics, std::string_view input)
{
    auto check = [&](const Span& span, const std::string& message) {
        if (!span.valid()) return;
        const std::string& text = span.source->text;
        if (span.begin > span.end || span.end > text.size())
            violated("span [" + std::to_string(span.begin) + ", " + std::to_string(span.end) + ") outside a text of " +
                         std::to_string(text.size()) + " bytes, for '" + message + "'",
                     input);
        std::uint32_t line = 1, column = 1;
        for (std::uint32_t i = 0; i < span.begin; ++i) {
            if (text[i] == '\n') ++line, column = 1;
            else ++column;
        }
        if (line != span.line || column != span.column)
            violated("span at " + std::to_string(span.line) + ":" + std::to_string(span.column) + " but its offset is at " +
                         std::to_string(line) + ":" + std::to_string(column) + ", for '" + message + "'",
                     input);
    };
    for (const auto& d : diagnostics) {
        if (d.message.empty()) violated("a diagnostic without a message", input);
        check(d.span, d.message);
        for (const auto& n : d.notes) check(n.span, n.message);
    }
}

namespace {

void check_session(const scheduling::ProgramSchedule& p, std::size_t i, std::string_view input)
{
    const auto& s = p.sessions[i];
    if (s.block >= p.blocks.size()) violated("a session of a block that does not exist", input);
    if (s.content >= p.contents.size()) violated("a session without content", input);
    if (s.start.count() < 0 || s.start.count() >= 24 * 60) violated("a session starting outside its day", input);
    if (s.length.count() <= 0) violated("a session of no length", input);
    if (i > 0) {
        const auto& before = p.sessions[i - 1];
        if (before.date > s.date || (before.date == s.date && before.start > s.start))
            violated("sessions out of order of date and time", input);
    }
    if (s.date < p.start || s.date > p.end) violated("a session outside its program's dates", input);
}

void check_loads(const scheduling::ProgramSchedule& p, std::string_view input)
{
    for (const auto& content : p.contents)
        for (const auto& e : content.exercises)
            for (const auto& set : e.sets) {
                if (set.mass && !std::isfinite(*set.mass)) violated("a load that is not a finite number", input);
                if (set.percent && !std::isfinite(*set.percent)) violated("a percent that is not a finite number", input);
                if (set.mass && *set.mass < 0) violated("a negative load", input);
            }
}

// RFC 4180 records; a quoted field may hold commas, quotes and newlines.
std::vector<std::vector<std::string>> csv_records(const std::string& c, std::string_view input)
{
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < c.size(); ++i) {
        const char ch = c[i];
        if (quoted) {
            if (ch == '"' && i + 1 < c.size() && c[i + 1] == '"') field += '"', ++i;
            else if (ch == '"') quoted = false;
            else field += ch;
        }
        else if (ch == '"') quoted = true;
        else if (ch == ',') record.push_back(std::move(field)), field.clear();
        else if (ch == '\n') {
            record.push_back(std::move(field)), field.clear();
            records.push_back(std::move(record)), record.clear();
        }
        else field += ch;
    }
    if (quoted || !field.empty() || !record.empty()) violated("CSV does not end with a whole record", input);
    return records;
}

// A string member as written, null or missing as "" (a program without an athlete).
std::string text_of(const nlohmann::json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void check_json(const scheduling::ScheduleResult& result, const std::string& text, std::string_view input)
{
    const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) violated("schedule --format json is not JSON", input);
    if (!parsed.contains("programs") || parsed["programs"].size() != result.programs.size())
        violated("schedule --format json lacks a program", input);
    for (std::size_t i = 0; i < result.programs.size(); ++i) {
        const auto& p = result.programs[i];
        const auto& j = parsed["programs"][i];
        if (text_of(j, "name") != p.name || text_of(j, "athlete") != p.athlete)
            violated("schedule --format json changes a program's or an athlete's name", input);
        if (!j.contains("sessions") || j["sessions"].size() != p.sessions.size())
            violated("schedule --format json has not every session of '" + p.name + "'", input);
        for (std::size_t k = 0; k < p.sessions.size(); ++k) {
            const auto& s = p.sessions[k];
            const auto& js = j["sessions"][k];
            if (text_of(js, "block") != p.blocks[s.block].name) violated("schedule --format json changes a block's name", input);
            const auto& exercises = p.contents[s.content].exercises;
            if (!js.contains("exercises") || js["exercises"].size() != exercises.size())
                violated("schedule --format json has not every exercise of a session", input);
            for (std::size_t e = 0; e < exercises.size(); ++e)
                if (text_of(js["exercises"][e], "name") != exercises[e].name)
                    violated("schedule --format json changes an exercise's name", input);
        }
    }
}

void check_csv(const scheduling::ScheduleResult& result, const std::string& text, std::string_view input)
{
    const auto records = csv_records(text, input);
    if (records.empty() || records.front().size() < 13) violated("CSV without the contract's header", input);
    std::set<std::string> programs, athletes, blocks, exercises;
    for (const auto& p : result.programs) {
        programs.insert(p.name);
        athletes.insert(p.athlete);
        for (const auto& b : p.blocks) blocks.insert(b.name);
        for (const auto& c : p.contents)
            for (const auto& e : c.exercises) exercises.insert(e.name);
    }
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& f = records[r];
        if (f.size() != records.front().size())
            violated("a CSV record of " + std::to_string(f.size()) + " fields, the header " + std::to_string(records.front().size()),
                     input);
        // date,start,end,program,athlete,block,week,exercise,...
        if (!programs.count(f[3]) || !athletes.count(f[4]) || !blocks.count(f[5]) || !exercises.count(f[7]))
            violated("a CSV record whose program, athlete, block or exercise does not read back as written", input);
    }
}

}  // namespace

void check_schedule(const scheduling::ScheduleResult& result, std::string_view input, long long max_sessions)
{
    long long total = 0;
    for (const auto& p : result.programs) {
        total += static_cast<long long>(p.sessions.size());
        for (std::size_t i = 0; i < p.sessions.size(); ++i) check_session(p, i, input);
        for (const auto& b : p.blocks) {
            if (b.end < b.start) violated("a block ending before it starts", input);
            if (static_cast<std::size_t>(b.first_session) + b.session_count > p.sessions.size())
                violated("a block's sessions past the end of the program's", input);
        }
        check_loads(p, input);
    }
    if (total > max_sessions) violated("more sessions than --max-sessions", input);
}

// meso schedule's text fits its width (80 columns by default), whatever the names and notes.
void check_text_width(const std::string& text, std::string_view input)
{
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (display_width(line) > emit::TextLayout{}.width) violated("a line of the text schedule wider than 80 columns: " + line, input);
}

void check_emitters(const scheduling::ScheduleResult& result, std::string_view input)
{
    std::ostringstream text, json, csv;
    emit::write_sessions_text(text, result);
    emit::write_sessions_json(json, result);
    emit::write_sessions_csv(csv, result);
    check_text_width(text.str(), input);
    check_json(result, json.str(), input);
    check_csv(result, csv.str(), input);
}

void check_calendar(const scheduling::ScheduleResult& result, std::string_view input)
{
    emit::CalendarOptions options;
    options.default_timezone = "Europe/Berlin";  // a zone with daylight saving, so VTIMEZONE has changes
    options.stamp = std::chrono::sys_seconds{std::chrono::seconds{1798761600}};
    options.alarm = std::chrono::minutes{30};
    std::ostringstream out;
    const auto written = emit::write_calendar(out, result.programs, options);
    check_spans(written.diagnostics, input);
    if (has_errors(written.diagnostics)) return;
    const std::string calendar = out.str();
    const auto problems = test::lint_calendar(calendar);
    if (!problems.empty()) violated("the calendar fails the byte lint: " + problems.front(), input);
    std::size_t sessions = 0, events = 0;  // sessions: a VEVENT each, as is each competition
    for (const auto& p : result.programs) sessions += p.sessions.size() + (p.program ? p.program->competitions.size() : 0);
    for (auto at = calendar.find("BEGIN:VEVENT\r\n"); at != std::string::npos; at = calendar.find("BEGIN:VEVENT\r\n", at + 1)) ++events;
    if (events != sessions || written.events != sessions)
        violated("a calendar of " + std::to_string(events) + " events for " + std::to_string(sessions) + " sessions and competitions",
                 input);
}

void check_reports(const std::vector<Diagnostic>& diagnostics, std::string_view input)
{
    std::ostringstream text;
    report::print_text(text, diagnostics, {false, true});
    const auto parsed = nlohmann::json::parse(report::to_json(diagnostics, true), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_array()) violated("check --format json is not a JSON array", input);
}

void check_format(std::string_view input)
{
    const Source source{"input.meso", std::string(input)};
    const auto parsed = parse(source);
    check_spans(parsed.diagnostics, input);
    if (has_errors(parsed.diagnostics)) return;
    const std::string formatted = format::format(parsed.file);
    if (auto problem = format::verify(parsed.file, formatted)) violated("fmt changed the program: " + *problem, input);
    const Source again{"formatted.meso", formatted};
    const auto reparsed = parse(again);
    if (has_errors(reparsed.diagnostics)) violated("fmt's output does not parse: " + reparsed.diagnostics.front().message, input);
    if (format::format(reparsed.file) != formatted) violated("fmt is not a fixed point: formatting its output changes it", input);
}

void check_contraindications(const ir::Module& module, const scheduling::ScheduleResult& scheduled, const std::vector<Diagnostic>& findings,
                             std::string_view input)
{
    auto absolute = [&](const std::string& condition) {
        for (const auto& c : module.health_conditions)
            if (c.name == condition && c.condition_class == "absolute") return true;
        return false;
    };
    std::size_t errors = 0;
    for (const auto& d : findings)
        if (is_error(d) && d.rule == "bfr.contraindication") ++errors;
    for (const auto& p : scheduled.programs) {
        const ir::Athlete* athlete = p.program ? p.program->athlete : nullptr;
        if (!athlete) continue;
        bool contraindicated = false;
        for (const auto& c : athlete->conditions) contraindicated = contraindicated || absolute(c);
        if (!contraindicated) continue;
        for (const auto& b : p.blocks)
            if (b.block && ir::is_bfr_block(*b.block) && b.session_count > 0 && errors == 0)
                violated("BFR block '" + b.name + "' for " + p.athlete +
                             ", who has an absolute contraindication, without a bfr.contraindication error",
                         input);
    }
}

}  // namespace meso::fuzz
