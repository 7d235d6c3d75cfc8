// The UIDs of a calendar's events (see engine/emit/ical.h for why they are
// made so): a hash of the program, athlete, block and occurrence, then of
// the session's place in its block. Internal to engine/emit/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/schedule/schedule.h"

namespace meso::ical {

// FNV-1a over the fields of a UID, each with its length.
struct Fnv1a {
    std::uint64_t value = 14695981039346656037ull;
    void add(std::string_view bytes);
    // Each field with its length, so that ("ab", "c") and ("a", "bc") differ.
    void field(std::string_view text);
    void field(long long n);
};

// The UID hash up to the session's own fields: the same for every session
// of a block, so the emitter computes it once per block.
Fnv1a uid_prefix(const ProgramSchedule& program, std::uint32_t block_index, int program_occurrence);

// The length of a UID: "<16 hex digits>@meso".
constexpr std::size_t uid_length = 21;

// The UID of `session` into `out` (at least uid_length bytes, not
// null-terminated); returns uid_length.
std::size_t uid_into(char* out, Fnv1a prefix, const Session& session);

// The UID of a competition's all-day event into `out` (as uid_into): a hash
// of the program, athlete, the program's occurrence in the calendar, and the
// competition's date and name, apart from every session's.
std::size_t competition_uid_into(char* out, const ProgramSchedule& program, int program_occurrence, const ir::Competition& competition);

}  // namespace meso::ical
