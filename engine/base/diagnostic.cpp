#include "engine/base/diagnostic.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <unordered_map>
#include <utility>

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

std::string message_with_athletes(const Diagnostic& d)
{
    if (d.athletes.empty()) return d.message;
    std::string out = d.message + " (";
    for (std::size_t i = 0; i < d.athletes.size(); ++i) out += (i == 0 ? "" : ", ") + d.athletes[i];
    return out + ")";
}

void name_athlete(std::vector<Diagnostic>& diagnostics, std::size_t mark, const std::string& athlete)
{
    for (std::size_t i = mark; i < diagnostics.size(); ++i) diagnostics[i].athletes.push_back(athlete);
}

namespace {

// What two diagnostics alike share, as one string: the span by its place
// in its source (the same source object for the same file).
std::string likeness_key(const Diagnostic& d)
{
    const auto place = [](const Span& s) {
        return std::to_string(reinterpret_cast<std::uintptr_t>(s.source)) + ":" + std::to_string(s.begin) + "-" + std::to_string(s.end);
    };
    std::string key = to_string(d.severity);
    key += '\0' + place(d.span) + '\0' + d.message + '\0' + d.rule.value_or("") + '\0' + (d.suppressed_by ? "1" + *d.suppressed_by : "0");
    for (const auto& n : d.notes) key += '\0' + place(n.span) + '\0' + n.message;
    return key;
}

bool names_any(const std::vector<std::string>& named, const std::vector<std::string>& athletes)
{
    return std::any_of(athletes.begin(), athletes.end(),
                       [&](const std::string& a) { return std::find(named.begin(), named.end(), a) != named.end(); });
}

}  // namespace

void merge_shared_findings(std::vector<Diagnostic>& diagnostics, std::size_t mark)
{
    std::unordered_map<std::string, std::size_t> first;  // by likeness, the index kept
    std::size_t kept = mark;
    for (std::size_t i = mark; i < diagnostics.size(); ++i) {
        Diagnostic& d = diagnostics[i];
        if (!d.athletes.empty()) {
            auto [it, inserted] = first.emplace(likeness_key(d), kept);
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

}  // namespace meso
