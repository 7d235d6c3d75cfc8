// The words of a calendar event: its SUMMARY and the DESCRIPTION's lines
// after the first (what a session holds, exercise by exercise). Internal
// to engine/emit/; docs/calendars.md shows what they look like.
#pragma once

#include <cstdint>
#include <string>

#include "engine/schedule/schedule.h"

namespace meso::emit::ical {

// The block's name, else its method, else "Session" (a blank name or
// method counts as none); in a repeat, with its cycle ("5/3/1, cycle 2").
std::string block_title(const scheduling::BlockPlan& block);

// `value` in decimal digits, appended.
void append_integer(std::string& out, long long value);

// A cuff's pressure as written, then what it comes to in mmHg and the limb
// it is on, when known: "60% AOP (108 mmHg, leg)", "160 mmHg (leg)", "50% AOP";
// "" without a pressure. The text schedule and the calendar say it alike.
std::string cuff_pressure_text(const scheduling::SessionContent& content);

// What a session's text owes to its content. The DESCRIPTION's first line
// names the session's day and time; what follows depends on the program and
// the content only. Escaping text piece by piece gives what escaping it
// whole does when each piece ends in an ASCII character or the next begins
// with one (an invalid UTF-8 sequence is then cut by that character either
// way): so the pieces are escaped once and joined per session.
struct ContentText {
    std::uint32_t content = UINT32_MAX;
    std::uint32_t block = UINT32_MAX;
    std::string_view workout;  // the rotation's workout ("B"), in the IR; empty outside a rotation
    std::string summary;       // escaped, unfolded (VALARM adds to it)
    std::string summary_line;  // SUMMARY, folded
    std::string tail;          // the escaped DESCRIPTION after its first line and "\n"; empty: none
};

// Fills `text` for `content` of `block` (and the rotation's `workout`, if any: "Block, workout B: squat"). `scratch` is a buffer the caller
// keeps from content to content: the texts are built there and escaped
// into the cache entry's own strings, so that a content's text costs no
// allocation once the buffers have grown.
void make_content_text(ContentText& text, const scheduling::ProgramSchedule& program, const scheduling::BlockPlan& block,
                       const scheduling::SessionContent& content, std::string_view workout, bool name_athlete, const std::string& unit,
                       std::string& scratch);

}  // namespace meso::emit::ical
