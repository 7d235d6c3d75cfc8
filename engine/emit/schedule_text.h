// `meso schedule`'s text: the plan as a coach prints it for a wall. One
// heading per program (name, athlete, dates, sessions, time zone), one per
// block week (block, cycle, week of the block, dates), then each session:
// its day and time, then a line per group of sets of each exercise with its
// sets × reps, load (mass, % of 1RM and TM, plates, RPE/RIR) and rest in
// aligned columns, then its cuff and notes. docs/commands.md shows it.
//
//   write_sessions_text(std::cout, schedule, zone, {.width = 80, .colour = false});
//
// No line is wider than `width` columns on screen: what does not fit wraps
// under its own line with a hanging indent (a word wider than a line is
// cut). JSON and CSV are sessions.h's.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/timezone.h"
#include "engine/schedule/schedule.h"

namespace meso::emit {

struct TextLayout {
    std::size_t width = 80;  // columns on screen of every line (at least min_width are used)
    bool colour = false;     // bold headings and dim secondary text, as ANSI escapes
    static constexpr std::size_t min_width = 40;
};

// `default_zone` is the zone of programs that name none (--timezone, else
// the machine's), and where it came from: each program's heading says the
// zone its times are in.
void write_sessions_text(std::ostream& out, const scheduling::ScheduleResult& schedule, const ZoneChoice& default_zone = {},
                         const TextLayout& layout = {});

// `line` cut into lines of at most `width` columns on screen, at spaces
// where it can be (never in its leading spaces), else between characters;
// each line after the first starts with `hang` spaces (at most width / 2).
std::vector<std::string> wrap_line(std::string_view line, std::size_t width, std::size_t hang);

}  // namespace meso::emit
