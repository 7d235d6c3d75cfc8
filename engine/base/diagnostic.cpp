#include "engine/base/diagnostic.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "engine/base/text.h"

namespace meso {

const char* to_string(Severity severity)
{
    switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
    case Severity::note: return "note";
    }
    return "error";
}

void DiagnosticSink::append(std::vector<Diagnostic>&& more)
{
    if (into_->empty()) {
        *into_ = std::move(more);
        return;
    }
    into_->insert(into_->end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

bool DiagnosticSink::has_errors_since(std::size_t mark) const
{
    return std::any_of(into_->begin() + static_cast<std::ptrdiff_t>(std::min(mark, into_->size())), into_->end(), is_error);
}

void sort_by_position(std::vector<Diagnostic>& diagnostics, const std::vector<const Source*>& files)
{
    const auto rank = [&](const Diagnostic& d) {
        const auto file = std::find(files.begin(), files.end(), d.span.source) - files.begin();
        return std::make_pair(file, d.span.begin);
    };
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
}

namespace {

// A cycle label's enclosing cycles ("1" of "1.3") and its own number (3).
struct CycleNumber {
    std::string_view enclosing;
    long own = 0;
    bool valid = false;
};

CycleNumber cycle_number(std::string_view label)
{
    const auto dot = label.rfind('.');
    CycleNumber c;
    c.enclosing = dot == std::string_view::npos ? std::string_view() : label.substr(0, dot);
    const auto digits = dot == std::string_view::npos ? label : label.substr(dot + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), c.own);
    c.valid = error == std::errc() && end == digits.data() + digits.size();
    return c;
}

// Whether cycle `b` comes right after cycle `a` of the same repeat.
bool right_after(std::string_view a, std::string_view b)
{
    const auto x = cycle_number(a);
    const auto y = cycle_number(b);
    return x.valid && y.valid && x.enclosing == y.enclosing && y.own == x.own + 1;
}

}  // namespace

std::string cycle_list(const std::vector<std::string>& labels)
{
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < labels.size();) {
        std::size_t last = i;
        while (last + 1 < labels.size() && right_after(labels[last], labels[last + 1])) ++last;
        if (last - i >= 2) parts.push_back(labels[i] + "–" + labels[last]);
        else
            for (std::size_t k = i; k <= last; ++k) parts.push_back(labels[k]);
        i = last + 1;
    }
    return and_list(parts);
}

void name_athlete(std::vector<Diagnostic>& diagnostics, std::size_t mark, const std::string& athlete)
{
    for (std::size_t i = mark; i < diagnostics.size(); ++i) diagnostics[i].athletes.push_back(athlete);
}

namespace {

// What two diagnostics alike share, as one string: the span by its place
// in its source (the same source object for the same file).
std::string likeness_key(const Diagnostic& d, const std::string& message)
{
    const auto place = [](const Span& s) {
        return std::to_string(reinterpret_cast<std::uintptr_t>(s.source)) + ":" + std::to_string(s.begin) + "-" + std::to_string(s.end);
    };
    std::string key = to_string(d.severity);
    key += '\0' + place(d.span) + '\0' + message + '\0' + d.rule.value_or("") + '\0' + (d.suppressed_by ? "1" + *d.suppressed_by : "0");
    for (const auto& n : d.notes) key += '\0' + place(n.span) + '\0' + n.message;
    return key;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whether `text` has a date (2027-01-04) at `at`.
bool date_at(std::string_view text, std::size_t at)
{
    if (at + 10 > text.size() || (at > 0 && is_digit(text[at - 1]))) return false;
    for (std::size_t k = 0; k < 10; ++k)
        if ((k == 4 || k == 7) ? text[at + k] != '-' : !is_digit(text[at + k])) return false;
    return at + 10 == text.size() || !is_digit(text[at + 10]);
}

bool has_date(std::string_view text)
{
    for (std::size_t i = 0; i < text.size(); ++i)
        if (date_at(text, i)) return true;
    return false;
}

// The text with each date, and the weekday before it ("Mon 2027-01-04"),
// as '#': what findings of two cycles of a repeat have in common.
std::string without_dates(std::string_view text)
{
    static const std::array<std::string_view, 7> weekdays = {"Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "};
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (!date_at(text, i)) {
            out += text[i++];
            continue;
        }
        for (const auto day : weekdays)
            if (out.size() >= day.size() && std::string_view(out).substr(out.size() - day.size()) == day)
                out.resize(out.size() - day.size());
        out += '#';
        i += 10;
    }
    return out;
}

// likeness_key with the dates left out of the message and the notes, and
// the athletes named: what a finding of one cycle shares with the same
// finding of another.
std::string cycle_free_key(const Diagnostic& d)
{
    Diagnostic undated = d;
    for (auto& n : undated.notes) n.message = without_dates(n.message);
    std::string key = likeness_key(undated, without_dates(d.message));
    for (const auto& a : d.athletes) key += '\0' + a;
    return key;
}

bool names_any(const std::vector<std::string>& named, const std::vector<std::string>& athletes)
{
    return std::any_of(athletes.begin(), athletes.end(),
                       [&](const std::string& a) { return std::find(named.begin(), named.end(), a) != named.end(); });
}

}  // namespace

std::string printed_message(const Diagnostic& d)
{
    std::string out = d.message;
    if (d.cycles.size() == 1) out += " (in cycle " + d.cycles.front() + ")";
    if (d.cycles.size() > 1)
        out += " (in cycles " + cycle_list(d.cycles) + (has_date(d.message) ? "; dates of cycle " + d.cycles.front() : std::string()) + ")";
    if (d.athletes.empty()) return out;
    out += " (";
    for (std::size_t i = 0; i < d.athletes.size(); ++i) out += (i == 0 ? "" : ", ") + d.athletes[i];
    return out + ")";
}

void merge_shared_findings(std::vector<Diagnostic>& diagnostics, std::size_t mark)
{
    std::unordered_map<std::string, std::size_t> first;  // by likeness, the index kept
    std::size_t kept = mark;
    for (std::size_t i = mark; i < diagnostics.size(); ++i) {
        Diagnostic& d = diagnostics[i];
        if (!d.athletes.empty()) {
            auto [it, inserted] = first.emplace(likeness_key(d, d.message) + '\0' + cycle_list(d.cycles), kept);
            // The same finding twice for one athlete stays twice, as without a group.
            if (!inserted && !names_any(diagnostics[it->second].athletes, d.athletes)) {
                auto& into = diagnostics[it->second].athletes;
                into.insert(into.end(), d.athletes.begin(), d.athletes.end());
                continue;
            }
        }
        if (kept != i) diagnostics[kept] = std::move(d);
        ++kept;
    }
    diagnostics.resize(kept);
}

void merge_cycle_findings(std::vector<Diagnostic>& diagnostics, std::size_t mark)
{
    std::unordered_map<std::string, std::vector<std::size_t>> alike;  // by cycle-free likeness, the indexes kept
    std::size_t kept = mark;
    for (std::size_t i = mark; i < diagnostics.size(); ++i) {
        Diagnostic& d = diagnostics[i];
        if (d.cycles.size() == 1) {
            auto& candidates = alike[cycle_free_key(d)];
            // A program's findings come cycle after cycle: one that names this
            // cycle named it last.
            const auto into = std::find_if(candidates.begin(), candidates.end(),
                                           [&](std::size_t k) { return diagnostics[k].cycles.back() != d.cycles.front(); });
            if (into != candidates.end()) {
                diagnostics[*into].cycles.push_back(d.cycles.front());
                continue;
            }
            candidates.push_back(kept);
        }
        if (kept != i) diagnostics[kept] = std::move(d);
        ++kept;
    }
    diagnostics.resize(kept);
}

}  // namespace meso
