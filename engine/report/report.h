// Reporting: diagnostics out, as text for people or JSON for tools.
//
// Text is the GNU format editors and CI log parsers understand:
//
//   plan.meso:14:3: error: message [rule.id]
//      14 |   sessions 08:00, 11:00 for 30 min
//         |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
//   std/templates.meso:5:3: note: in template 'kaatsu', used here
//
// Colour only when asked (the CLI asks on a terminal without NO_COLOR).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "engine/base/diagnostic.h"

namespace meso::report {

struct TextReportOptions {
    bool colour = false;
    bool show_suppressed = false;  // print findings an `allow` accepted, with its reason
};

void print_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics, const TextReportOptions& options = {});

// One JSON array; each finding has file, line, column (1-based), severity,
// rule (null for syntax and meaning errors), message, and notes; a finding
// of a program written for a group also has athletes, the names its
// message ends with (Diagnostic::athletes; SARIF: properties.athletes), and
// a rule's finding on a block inside a `repeat` has cycles, the cycles it
// holds in, also named by its message ("in cycles 1–3"; Diagnostic::cycles;
// SARIF: properties.cycles).
std::string to_json(const std::vector<Diagnostic>& diagnostics, bool include_suppressed = false);

// What SARIF says about a rule in tool.driver.rules.
struct RuleDescription {
    std::string id;  // "bfr.min-gap"
    Severity severity = Severity::warning;
    std::string message;  // shortDescription
    std::string full;     // fullDescription: why the rule exists
    std::string help;     // the condition and the sources
    std::vector<std::string> sources;
};

// SARIF 2.1.0: one run of the tool "meso" with every rule in force as
// tool.driver.rules, each finding a result (ruleId, level, message, the
// location and the notes as relatedLocations). Findings an `allow` accepted
// are results with a suppression (kind inSource, the reason as
// justification). Levels: error, warning, and info as "note".
std::string to_sarif(const std::vector<Diagnostic>& diagnostics, const std::vector<RuleDescription>& rules);

// The last line of `meso check`'s text: what the findings come to, a
// count per severity, in how many files. "2 warnings, 1 info in 1 file",
// "1 error, 2 warnings in 2 files", "no findings in 3 files"; findings an
// `allow` accepted are not counted but said: "no findings in 1 file (2
// suppressed by allow)". docs/commands.md.
std::string findings_summary(const std::vector<Diagnostic>& diagnostics, std::size_t files);

// "file:line:col" of a span, or the file alone.
std::string location(const Span& span);

}  // namespace meso::report
