// Diagnostics: the errors, warnings and notes every stage produces.
//
// Errors are values. Each stage appends Diagnostics to a vector and goes on
// where it can; nothing throws across a stage boundary. engine/report turns
// them into text (GNU "file:line:col: severity: message"), JSON or SARIF.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/source.h"

namespace meso {

enum class Severity { error, warning, info, note };

const char* to_string(Severity severity);

struct Note {
    Span span;  // may be invalid: then the note has no location
    std::string message;
};

struct Diagnostic {
    Severity severity = Severity::error;
    Span span;
    std::string message;
    std::optional<std::string> rule;  // "bfr.min-gap"; empty for syntax and meaning errors
    std::vector<Note> notes;
    std::optional<std::string> suppressed_by;  // the reason of the `allow` that accepted it

    // Diagnostic::error(span, "...") reads as what it is, where a brace list
    // of six fields hides the severity among empty braces.
    static Diagnostic error(const Span& at, std::string message) { return {Severity::error, at, std::move(message), {}, {}, {}}; }
    static Diagnostic warning(const Span& at, std::string message) { return {Severity::warning, at, std::move(message), {}, {}, {}}; }
    static Diagnostic note(const Span& at, std::string message) { return {Severity::note, at, std::move(message), {}, {}, {}}; }
};

inline bool has_errors(const std::vector<Diagnostic>& diagnostics)
{
    for (const auto& d : diagnostics)
        if (d.severity == Severity::error && !d.suppressed_by) return true;
    return false;
}

}  // namespace meso
