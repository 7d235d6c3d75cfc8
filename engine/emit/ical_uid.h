// The UIDs of a calendar's events (see engine/emit/ical.h for why they are
// made so; docs/calendars.md for coaches): a hash of the scheme's version,
// the namespace (`calendar-id`, else the coach's address), the program,
// athlete, block and occurrence, then of the session's place in its block.
// Internal to engine/emit/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/schedule/schedule.h"

namespace meso::emit::ical {

// FNV-1a over the fields of a UID, each with its length.
struct Fnv1a {
    std::uint64_t value = 14695981039346656037ull;
    void add(std::string_view bytes);
    // Each field with its length, so that ("ab", "c") and ("a", "bc") differ.
    void field(std::string_view text);
    void field(long long n);
};

// Where a session stands in the plan, whatever its date: what its UID
// names. A moved start or a pause changes the date, never the place.
struct SessionPlace {
    int week = 1;            // block week, 1-based
    int weekday = 0;         // the weekday it has without the pauses (0 = Sunday): its split's
    int session_of_day = 0;  // 0-based, in order of time
};
SessionPlace session_place(const scheduling::ProgramSchedule& program, const scheduling::Session& session);

// The namespace of a program's UIDs: its `calendar-id`, else its coach's
// address, else "".
std::string_view uid_namespace(const scheduling::ProgramSchedule& program);

// The UID hash up to the session's own fields: the same for every session
// of a block, so the emitter computes it once per block.
Fnv1a uid_prefix(const scheduling::ProgramSchedule& program, std::uint32_t block_index, int program_occurrence);

// The length of a UID: "<16 hex digits>.v2@meso", the scheme's version in sight.
constexpr std::size_t uid_length = 24;

// The UID of `session` into `out` (at least uid_length bytes, not
// null-terminated); returns uid_length.
std::size_t uid_into(char* out, Fnv1a prefix, const scheduling::ProgramSchedule& program, const scheduling::Session& session);

// The UID of a competition's all-day event into `out` (as uid_into): a hash
// of the namespace, program, athlete, the program's occurrence in the calendar, and the
// competition's date and name, apart from every session's.
std::size_t competition_uid_into(char* out, const scheduling::ProgramSchedule& program, int program_occurrence,
                                 const ir::Competition& competition);

}  // namespace meso::emit::ical
