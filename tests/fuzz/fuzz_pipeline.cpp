// The fuzz target: the whole pipeline on arbitrary bytes, and the
// invariants that must hold whatever the bytes are.
//
// Stages: parse, resolve (default rule sets, no MESO_PATH), schedule
// (--max-sessions 4000), rules, the reports (text, JSON), the emitters
// (schedule text, JSON, CSV; iCalendar), and `meso fmt`.
//
// Built two ways (see tests/fuzz/CMakeLists.txt):
// - with clang and -fsanitize=fuzzer,address,undefined (cmake -DMESO_FUZZ=ON),
//   driven by libFuzzer: `make fuzz FUZZ_SECONDS=600`;
// - with the normal compiler and replay_main.cpp, which feeds it every file of
//   the seed corpus and of tests/fuzz/regressions/: part of `make test`.
//
// A violated invariant prints what broke and aborts, which libFuzzer records
// as a crash and the replay driver as a failed test. An exception escaping a
// stage is a violation too: it reaches std::terminate.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/emit/ical.h"
#include "engine/emit/sessions.h"
#include "engine/format/format.h"
#include "engine/report/report.h"
#include "engine/resolve/resolve.h"
#include "engine/rules/rules.h"
#include "engine/schedule/schedule.h"
#include "grammar/parse.h"
#include "tests/emit/lint.h"

namespace {

// Small enough that one input is expanded in well under a millisecond per
// session, large enough for every example to be scheduled in full.
constexpr long long fuzz_max_sessions = 4000;

[[noreturn]] void violated(const std::string& what, std::string_view input)
{
    std::fprintf(stderr, "fuzz_pipeline: invariant violated: %s\n--- input (%zu bytes) ---\n%.*s\n---\n", what.c_str(), input.size(),
                 static_cast<int>(input.size() < 2000 ? input.size() : 2000), input.data());
    std::abort();
}

// Every located diagnostic points inside the text of its source, at the
// line and column its offset has there.
void check_spans(const std::vector<meso::Diagnostic>& diagnostics, std::string_view input)
{
    auto check = [&](const meso::Span& span, const std::string& message) {
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

void check_schedule(const meso::ScheduleResult& result, std::string_view input)
{
    long long total = 0;
    for (const auto& p : result.programs) {
        total += static_cast<long long>(p.sessions.size());
        for (std::size_t i = 0; i < p.sessions.size(); ++i) {
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
        for (const auto& b : p.blocks) {
            if (b.end < b.start) violated("a block ending before it starts", input);
            if (static_cast<std::size_t>(b.first_session) + b.session_count > p.sessions.size())
                violated("a block's sessions past the end of the program's", input);
        }
        for (const auto& content : p.contents)
            for (const auto& e : content.exercises)
                for (const auto& set : e.sets) {
                    if (set.mass && !std::isfinite(*set.mass)) violated("a load that is not a finite number", input);
                    if (set.percent && !std::isfinite(*set.percent)) violated("a percent that is not a finite number", input);
                    if (set.mass && *set.mass < 0) violated("a negative load", input);
                }
    }
    if (total > fuzz_max_sessions) violated("more sessions than --max-sessions", input);
}

void check_emitters(const meso::ScheduleResult& result, std::string_view input)
{
    std::ostringstream text, json, csv;
    meso::write_sessions_text(text, result);
    meso::write_sessions_json(json, result);
    meso::write_sessions_csv(csv, result);

    const auto parsed = nlohmann::json::parse(json.str(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) violated("schedule --format json is not JSON", input);
    if (!parsed.contains("programs") || parsed["programs"].size() != result.programs.size())
        violated("schedule --format json lacks a program", input);

    // CSV: every record has the header's fields (the contract's 13 first, then
    // the appended ones); a quoted field may hold commas and newlines.
    const std::string c = csv.str();
    std::size_t fields = 1;
    std::size_t header_fields = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < c.size(); ++i) {
        const char ch = c[i];
        if (quoted) {
            if (ch == '"' && i + 1 < c.size() && c[i + 1] == '"') ++i;
            else if (ch == '"') quoted = false;
        }
        else if (ch == '"') quoted = true;
        else if (ch == ',') ++fields;
        else if (ch == '\n') {
            if (header_fields == 0) header_fields = fields;
            if (header_fields < 13 || fields != header_fields)
                violated("a CSV record of " + std::to_string(fields) + " fields, the header " + std::to_string(header_fields), input);
            fields = 1;
        }
    }
    if (quoted || fields != 1) violated("CSV does not end with a whole record", input);
}

// meso fmt: a file that parses formats to text that parses with no error,
// says the same thing (format::verify: same tree, same comments), and is
// already formatted (formatting it again changes nothing).
void check_format(std::string_view input)
{
    const meso::Source source{"input.meso", std::string(input)};
    const auto parsed = meso::parse(source);
    check_spans(parsed.diagnostics, input);
    if (meso::has_errors(parsed.diagnostics)) return;
    const std::string formatted = meso::format::format(parsed.file);
    if (auto problem = meso::format::verify(parsed.file, formatted)) violated("fmt changed the program: " + *problem, input);
    const meso::Source again{"formatted.meso", formatted};
    const auto reparsed = meso::parse(again);
    if (meso::has_errors(reparsed.diagnostics)) violated("fmt's output does not parse: " + reparsed.diagnostics.front().message, input);
    if (meso::format::format(reparsed.file) != formatted) violated("fmt is not a fixed point: formatting its output changes it", input);
}

// meso compile: the calendar passes the emitter's byte lint (tests/emit/lint.h).
void check_calendar(const meso::ScheduleResult& result, std::string_view input)
{
    meso::CalendarOptions options;
    options.default_timezone = "Europe/Berlin";  // a zone with daylight saving, so VTIMEZONE has changes
    options.stamp = std::chrono::sys_seconds{std::chrono::seconds{1798761600}};
    options.alarm = std::chrono::minutes{30};
    std::ostringstream out;
    const auto written = meso::write_calendar(out, result.programs, options);
    check_spans(written.diagnostics, input);
    if (meso::has_errors(written.diagnostics)) return;
    const auto problems = meso::test::lint_calendar(out.str());
    if (!problems.empty()) violated("the calendar fails the byte lint: " + problems.front(), input);
}

void check_reports(const std::vector<meso::Diagnostic>& diagnostics, std::string_view input)
{
    std::ostringstream text;
    meso::print_text(text, diagnostics, {false, true});
    const auto parsed = nlohmann::json::parse(meso::to_json(diagnostics, true), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_array()) violated("check --format json is not a JSON array", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    // The file lives in a directory that does not exist, so `use "x.meso"`
    // finds nothing; MESO_PATH is never consulted (meso_path stays empty).
    meso::ResolveOptions options;
    options.default_rules = true;
    auto compilation = meso::resolve_source(meso::Source{"/nonexistent/meso-fuzz/input.meso", std::string(input)}, options);
    if (!compilation) violated("resolve returned nothing", input);
    std::vector<meso::Diagnostic> diagnostics = compilation->diagnostics;
    check_spans(diagnostics, input);

    if (!meso::has_errors(diagnostics)) {
        const auto scheduled = meso::schedule(compilation->module, {fuzz_max_sessions});
        check_spans(scheduled.diagnostics, input);
        diagnostics.insert(diagnostics.end(), scheduled.diagnostics.begin(), scheduled.diagnostics.end());
        if (!meso::has_errors(scheduled.diagnostics)) {
            check_schedule(scheduled, input);
            const auto findings = meso::check_rules(compilation->module, scheduled);
            check_spans(findings, input);
            diagnostics.insert(diagnostics.end(), findings.begin(), findings.end());
            check_emitters(scheduled, input);
            check_calendar(scheduled, input);
        }
    }
    check_reports(diagnostics, input);
    check_format(input);
    return 0;
}
