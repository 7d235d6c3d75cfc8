#include "engine/base/diagnostic.h"

#include <algorithm>
#include <iterator>
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

}  // namespace meso
