// `meso view`: a plan as one self-contained HTML page (stage 5, beside the
// emitters): per athlete's program a block timeline, the findings at the
// blocks (and sessions) they concern with their rules' explanations, the
// periodization chart (weekly tonnage and mean intensity per exercise, as
// inline SVG with a table of the same figures for screen readers), a month
// calendar grid of the sessions, and the evidence of `meso evidence` for
// each BFR block. docs/view.md describes the page.
//
//   view::Page page{"plan.meso", zone, book};
//   page.programs.push_back(view::program_page(std::move(schedule), table));  // a program at a time
//   page.findings = run.diagnostics;
//   view::write_page(out, page);
//
// The page loads nothing: its style is inline, it has no script, and every
// text that comes from the user (names, notes, messages, file names) is
// HTML-escaped. Nothing can go wrong but the stream.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/base/timezone.h"
#include "engine/evidence/evidence.h"
#include "engine/rules/rules.h"
#include "engine/schedule/schedule.h"
#include "engine/stats/stats.h"

namespace meso::view {

struct ProgramPage {
    scheduling::ProgramSchedule schedule;
    stats::ProgramStats stats;
    evidence::ProgramEvidence evidence;  // its BFR blocks
};

struct Page {
    std::string file;                       // as the user named it: the page's title
    ZoneChoice default_zone;                // of the programs that name none
    const rules::RuleBook* book = nullptr;  // the rules in force, for their explanations; may be null
    std::vector<ProgramPage> programs;      // in the file's order
    std::vector<Diagnostic> findings;       // every diagnostic of the file (errors are not expected: the page is of a plan without)
};

// A program's page: its schedule, its figures and its BFR blocks' 3 closest studies.
ProgramPage program_page(scheduling::ProgramSchedule schedule, const evidence::Table& table);

void write_page(std::ostream& out, const Page& page);

// Text made safe for HTML content and attribute values: & < > " ' escaped.
std::string escape(std::string_view text);

}  // namespace meso::view
