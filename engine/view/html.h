// Private to engine/view: the pieces of the page each file writes.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/view/view.h"

namespace meso::view {

// The findings of a program that concern one of its blocks (by where they
// point: inside the block's statement, or at the line that uses a
// template), by block; those of none come last.
struct ProgramFindings {
    std::vector<std::vector<const Diagnostic*>> by_block;
    std::vector<const Diagnostic*> of_program;
};

// "f-3": the id of a finding's entry, for the calendar's links to it.
std::string finding_anchor(const Diagnostic* finding, const std::vector<Diagnostic>& all);

// chart.cpp: the periodization chart and its table.
void write_chart(std::ostream& out, const ProgramPage& program, const std::string& id);
// calendar.cpp: one month grid per month with sessions.
void write_calendar(std::ostream& out, const ProgramPage& program, const ProgramFindings& findings, const std::vector<Diagnostic>& all);

// The colour of the n-th exercise of a chart (each reaches 4.5:1 against white).
const char* exercise_colour(std::size_t n);

}  // namespace meso::view
