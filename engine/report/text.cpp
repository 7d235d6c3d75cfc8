#include "engine/report/report.h"

#include <cstring>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/base/text.h"

namespace meso::report {

namespace {

const char* colour_of(Severity s)
{
    switch (s) {
    case Severity::error: return "\033[1;31m";
    case Severity::warning: return "\033[1;35m";
    case Severity::info:
    case Severity::note: return "\033[1;36m";
    }
    return "";
}

void print_source_line(std::ostream& out, const Span& span, bool colour)
{
    const auto& text = span.source->text;
    if (span.begin > text.size()) return;
    // A very long line is shown as a window around the span, cut at
    // character boundaries and marked with '…' where it was cut. The line's
    // ends are looked for only within the window: a file of one long line
    // and many findings must not be scanned whole for each of them.
    constexpr std::size_t window = 160;
    const std::size_t back_limit = span.begin > window ? span.begin - window : 0;
    std::size_t line_start = back_limit;
    bool start_found = back_limit == 0;
    for (std::size_t i = span.begin; i > back_limit; --i)
        if (text[i - 1] == '\n') {
            line_start = i;
            start_found = true;
            break;
        }
    const std::size_t forward_limit = std::min(text.size(), span.begin + window);
    std::size_t line_end = forward_limit;
    bool end_found = forward_limit == text.size();
    if (const void* nl = std::memchr(text.data() + span.begin, '\n', forward_limit - span.begin)) {
        line_end = static_cast<std::size_t>(static_cast<const char*>(nl) - text.data());
        end_found = true;
    }
    auto at_boundary = [&](std::size_t i) { return i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80; };
    std::size_t shown_start = line_start, shown_end = line_end;
    if (!start_found || !end_found || line_end - line_start > window) {
        shown_start = span.begin > line_start + window / 2 ? span.begin - window / 2 : line_start;
        while (shown_start > line_start && !at_boundary(shown_start)) --shown_start;
        shown_end = std::min(line_end, shown_start + window);
        while (shown_end < line_end && !at_boundary(shown_end)) ++shown_end;
    }
    const bool cut_before = !start_found || shown_start > line_start;
    const bool cut_after = !end_found || shown_end < line_end;
    std::string_view line(text.data() + shown_start, shown_end - shown_start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string number = std::to_string(span.line);
    const std::string pad(std::max<std::size_t>(number.size(), 4), ' ');
    // Tabs are shown as one space so that the caret lines up.
    std::string shown(line);
    for (auto& c : shown)
        if (c == '\t') c = ' ';
    out << fmt::format("{:>{}} | {}{}{}\n", number, pad.size(), cut_before ? "…" : "", shown, cut_after ? "…" : "");
    const std::size_t caret_at = (cut_before ? 1 : 0) + display_width(std::string_view(text).substr(shown_start, span.begin - shown_start));
    std::size_t width = 1;
    if (span.end > span.begin) {
        const std::size_t end = std::min<std::size_t>(span.end, shown_end);
        width = std::max<std::size_t>(1, display_width(std::string_view(text).substr(span.begin, end > span.begin ? end - span.begin : 0)));
    }
    out << pad << " | " << std::string(caret_at, ' ') << (colour ? "\033[1;32m" : "") << '^' << std::string(width - 1, '~')
        << (colour ? "\033[0m" : "") << '\n';
}

}  // namespace

std::string location(const Span& span)
{
    if (!span.source) return "meso";
    if (!span.valid()) return std::string(span.path());
    return fmt::format("{}:{}:{}", span.path(), span.line, span.column);
}

void print_text(std::ostream& stream, const std::vector<Diagnostic>& diagnostics, const TextReportOptions& options)
{
    // std::cerr writes every insertion at once: thousands of findings were
    // tens of thousands of system calls. They are written a batch at a time.
    std::ostringstream out;
    auto flush = [&] {
        const std::string batch = out.str();
        stream.write(batch.data(), static_cast<std::streamsize>(batch.size()));
        out.str({});
    };
    for (const auto& d : diagnostics) {
        if (static_cast<std::size_t>(out.tellp()) > (64u << 10)) flush();
        if (d.suppressed_by && !options.show_suppressed) continue;
        const char* bold = options.colour ? "\033[1m" : "";
        const char* reset = options.colour ? "\033[0m" : "";
        out << bold << location(d.span) << ":" << reset << " " << (options.colour ? colour_of(d.severity) : "") << to_string(d.severity)
            << ":" << reset << " " << printed_message(d);
        if (d.rule) out << " [" << *d.rule << "]";
        if (d.suppressed_by) out << " (allowed: " << *d.suppressed_by << ")";
        out << '\n';
        if (d.span.valid()) print_source_line(out, d.span, options.colour);
        for (const auto& n : d.notes) {
            out << bold << location(n.span) << ":" << reset << " " << (options.colour ? colour_of(Severity::note) : "") << "note:" << reset
                << " " << n.message << '\n';
        }
    }
    flush();
    stream.flush();
}

std::string to_json(const std::vector<Diagnostic>& diagnostics, bool include_suppressed)
{
    auto findings = nlohmann::json::array();
    for (const auto& d : diagnostics) {
        if (d.suppressed_by && !include_suppressed) continue;
        nlohmann::json f;
        f["file"] = std::string(d.span.path());
        f["line"] = d.span.valid() ? nlohmann::json(d.span.line) : nlohmann::json(nullptr);
        f["column"] = d.span.valid() ? nlohmann::json(d.span.column) : nlohmann::json(nullptr);
        f["end_line"] = nullptr;
        f["severity"] = to_string(d.severity);
        f["rule"] = d.rule ? nlohmann::json(*d.rule) : nlohmann::json(nullptr);
        f["message"] = printed_message(d);
        if (!d.athletes.empty()) f["athletes"] = d.athletes;  // a finding of a program written for a group
        if (!d.cycles.empty()) f["cycles"] = d.cycles;        // a finding on a block inside a repeat
        if (d.span.valid()) {
            std::uint32_t end_line = d.span.line;
            for (char c : d.span.text())
                if (c == '\n') ++end_line;
            f["end_line"] = end_line;
        }
        auto notes = nlohmann::json::array();
        for (const auto& n : d.notes) {
            nlohmann::json j;
            j["file"] = std::string(n.span.path());
            j["line"] = n.span.valid() ? nlohmann::json(n.span.line) : nlohmann::json(nullptr);
            j["column"] = n.span.valid() ? nlohmann::json(n.span.column) : nlohmann::json(nullptr);
            j["message"] = n.message;
            notes.push_back(j);
        }
        f["notes"] = notes;
        if (d.suppressed_by) f["suppressed"] = *d.suppressed_by;
        findings.push_back(f);
    }
    return findings.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace meso::report
