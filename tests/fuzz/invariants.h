// The invariants the fuzz targets of tests/fuzz/ assert, whatever their
// input. A violated invariant prints what broke and the input, then aborts:
// libFuzzer records that as a crash, the replay driver (replay_main.cpp) as
// a failed test.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/ir/ir.h"
#include "engine/schedule/schedule.h"

namespace meso::fuzz {

[[noreturn]] void violated(const std::string& what, std::string_view input);

// Every located diagnostic has a message and points inside the text of its
// source, at the line and column its offset has there.
void check_spans(const std::vector<Diagnostic>& diagnostics, std::string_view input);

// Sessions in order, inside their program and block, of positive length;
// loads finite and not negative; at most `max_sessions` in all.
void check_schedule(const scheduling::ScheduleResult& result, std::string_view input, long long max_sessions);

// schedule --format json parses back with every program, session and
// exercise; --format csv has the header's fields on every record, and its
// program, athlete, block and exercise fields read back as they were.
void check_emitters(const scheduling::ScheduleResult& result, std::string_view input);

// meso compile: the calendar passes the emitter's byte lint
// (tests/emit/lint.h) and has one VEVENT per session and per competition.
void check_calendar(const scheduling::ScheduleResult& result, std::string_view input);

// check --format text and json of any diagnostics; the JSON is an array.
void check_reports(const std::vector<Diagnostic>& diagnostics, std::string_view input);

// meso fmt: a file that parses formats to text that parses with no error,
// says the same thing (format::verify: same tree, same comments), and is
// already formatted (formatting it again changes nothing).
void check_format(std::string_view input);

// The safety property no input may break (language.md §5, std.bfr): under
// the default rule sets, a program of an athlete with a condition of class
// `absolute` that has a BFR block with sessions (ir::is_bfr_block: by
// method, cuff or occlusion, never by name) gets a `bfr.contraindication`
// error that no `allow` or clearance accepted.
void check_contraindications(const ir::Module& module, const scheduling::ScheduleResult& scheduled, const std::vector<Diagnostic>& findings,
                             std::string_view input);

}  // namespace meso::fuzz
