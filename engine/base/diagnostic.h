// Diagnostics: the errors, warnings and notes every stage produces.
//
// Errors are values. Each stage appends Diagnostics to a vector (through a
// DiagnosticSink) and goes on where it can; nothing throws across a stage
// boundary. engine/report turns them into text (GNU "file:line:col:
// severity: message"), JSON or SARIF.
//
//   DiagnosticSink sink(result.diagnostics);
//   sink.error(span, "expected a date such as 2027-01-04");
//   sink.error(span, "the max of 'squat' is given twice").notes.push_back({first, "first given here"});
//   const std::size_t mark = sink.size();
//   check_program_rules(book, program, found);  sink.append(std::move(found));
//   if (sink.has_errors_since(mark)) ...
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
    // The athletes it holds for, when it comes from a program written for a
    // group or several athletes (`program "X" for "U18"`): each expanded
    // program's findings name their athlete, and identical findings of
    // several are one naming them all (merge_shared_findings). Empty for a
    // program written for one athlete by name, or none.
    std::vector<std::string> athletes;
    // The cycles of a `repeat` it holds in ("1", "2", or "1.3" for the third
    // cycle of a repeat inside the first of another), when it is a rule's
    // finding on a block inside a repeat: each cycle's blocks are checked
    // on their own, and a finding alike in several cycles is one naming
    // them all (merge_cycle_findings), with the first one's dates. Empty
    // outside every repeat.
    std::vector<std::string> cycles;

    // Diagnostic::error(span, "...") reads as what it is, where a brace list
    // of seven fields hides the severity among empty braces.
    static Diagnostic error(const Span& at, std::string message) { return {Severity::error, at, std::move(message), {}, {}, {}, {}, {}}; }
    static Diagnostic warning(const Span& at, std::string message)
    {
        return {Severity::warning, at, std::move(message), {}, {}, {}, {}, {}};
    }
    static Diagnostic note(const Span& at, std::string message) { return {Severity::note, at, std::move(message), {}, {}, {}, {}, {}}; }
};

// The message as printed (text, JSON, SARIF, the language server and the
// view alike): with the cycles it holds in and the athletes it holds for
// after it, when it names any: "message (in cycle 2)", "message (in cycles
// 1–3; dates of cycle 1)", "message (Ann, Ben)".
std::string printed_message(const Diagnostic& d);

// "1–3 and 5": cycle labels as a reader counts them, runs of three or more
// consecutive cycles (of the same enclosing cycle) as a range.
std::string cycle_list(const std::vector<std::string>& labels);

// Gives each diagnostic from `mark` on the athlete it holds for (a program
// expanded from a group or a list of athletes).
void name_athlete(std::vector<Diagnostic>& diagnostics, std::size_t mark, const std::string& athlete);

// Merges the diagnostics from `mark` on that name athletes and are alike in
// everything else (severity, place, message, rule, notes, suppression) into
// the first of them, which then names every athlete in the order found:
// a finding that holds for several members of a group is reported once.
// The others keep their order.
void merge_shared_findings(std::vector<Diagnostic>& diagnostics, std::size_t mark = 0);

// Merges the diagnostics from `mark` on that name one cycle each and are
// alike in everything but their dates ("on Mon 2027-01-04") into the first
// of them, which then names every cycle in the order found: a finding that
// holds in every cycle of a repeat is reported once, with the dates of the
// first cycle it holds in. One that holds only in some cycles names only
// those; one whose values differ from cycle to cycle (a training max that
// rises) stays one per cycle. Two alike of the same cycle (two blocks of
// one template) both stay. The diagnostics come cycle after cycle, as a
// program's blocks do. The others keep their order.
void merge_cycle_findings(std::vector<Diagnostic>& diagnostics, std::size_t mark = 0);

// An error that no `allow` accepted: what makes a command fail.
inline bool is_error(const Diagnostic& d) { return d.severity == Severity::error && !d.suppressed_by; }

inline bool has_errors(const std::vector<Diagnostic>& diagnostics)
{
    for (const auto& d : diagnostics)
        if (is_error(d)) return true;
    return false;
}

// Where a stage puts what it finds: appended, in the order found, to the
// vector the stage hands on (Compilation::diagnostics, a ParseResult's, a
// RuleBook's). It owns nothing, so every stage's result stays a plain
// vector; it lives as long as a step of the stage.
class DiagnosticSink {
public:
    explicit DiagnosticSink(std::vector<Diagnostic>& into) : into_(&into) {}

    // Each appends and returns the diagnostic, to add notes to (valid until
    // the next append).
    Diagnostic& add(Diagnostic d) { return into_->emplace_back(std::move(d)); }
    Diagnostic& error(const Span& at, std::string message) { return add(Diagnostic::error(at, std::move(message))); }
    Diagnostic& warning(const Span& at, std::string message) { return add(Diagnostic::warning(at, std::move(message))); }
    Diagnostic& note(const Span& at, std::string message) { return add(Diagnostic::note(at, std::move(message))); }

    // Another step's diagnostics, moved after these in their own order.
    void append(std::vector<Diagnostic>&& more);

    // How many so far: a mark for has_errors_since.
    std::size_t size() const { return into_->size(); }
    bool has_errors() const { return has_errors_since(0); }
    // Whether one appended since `mark` is an error (is_error).
    bool has_errors_since(std::size_t mark) const;

private:
    std::vector<Diagnostic>* into_;
};

// Puts diagnostics in the order a user reads them: by file, in the order of
// `files` (those of no file, or of one not among them, after them), then
// by position in the file; those of the same place keep the order they
// were found in. With no files, by position alone: the diagnostics of one
// file.
void sort_by_position(std::vector<Diagnostic>& diagnostics, const std::vector<const Source*>& files);

}  // namespace meso
