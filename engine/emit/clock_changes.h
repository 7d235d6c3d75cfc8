// Sessions that meet a change of the clocks: a local start that does not
// exist (02:30 on the night the clocks go from 02:00 to 03:00), one that
// happens twice (02:30 on the night they go back from 03:00 to 02:00), and
// a session whose hour runs across the change.
//
//   SessionClock clock(rules, program.start, program.end);   // rules: nullptr for floating times
//   SessionTimes t = clock.times(session);
//   if (t.kind != SessionTimes::Kind::plain) ...;           // write DTEND (and maybe DTSTART) in UTC
//   if (t.warn) diagnostics.push_back(... clock.describe(session, t) ...);
//
// A local time is read as RFC 5545 3.3.5 reads a DATE-TIME with a TZID: a
// time that does not exist with the offset before the gap (so 02:30 is
// 03:30 once the clocks have gone forward), a time that happens twice as
// the first of the two. The session then lasts its length in elapsed time.
// docs/calendars.md says what meso writes for such sessions and why.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/base/timezone.h"
#include "engine/schedule/schedule.h"

namespace meso::emit {

struct SessionTimes {
    enum class Kind {
        plain,           // no clock change touches it: its local times say it all
        spans_change,    // it starts at a local time that happens once, but a change falls within it or at its end
        start_skipped,   // its local start does not exist
        start_repeated,  // its local start happens twice
    };
    Kind kind = Kind::plain;
    std::chrono::sys_seconds start{};  // the instants, UTC; set unless plain
    std::chrono::sys_seconds end{};
    std::chrono::minutes start_clock{0};  // what the clock shows when it starts (since local midnight, 0..24 h)
    bool warn = false;                    // worth a warning: its start, or its end, is not what the plan says
    ClockChange change;                   // the change it meets
};

class SessionClock {
public:
    // The changes of `zone` around the days from `first` to `last`; no zone: every session is plain.
    SessionClock(const ZoneRules* zone, std::chrono::sys_days first, std::chrono::sys_days last,
                 std::chrono::minutes longest_session = std::chrono::hours{24});
    SessionTimes times(const scheduling::Session& session) const;
    // The same for sessions given in order of date and time: `next` (0 for
    // the first) is where the search of the one before ended.
    SessionTimes times(const scheduling::Session& session, std::size_t& next) const;
    // The warning: "02:30 does not exist on Sun 2027-03-28 in Europe/Berlin
    // (clocks go from 02:00 to 03:00); the session starts at 03:30".
    std::string describe(const scheduling::Session& session, const SessionTimes& times) const;
    bool has_changes() const { return !changes_.empty(); }

private:
    // changes_[change] is the first past the session's local start, `start`.
    SessionTimes times_at(const scheduling::Session& session, std::chrono::sys_seconds start, std::size_t change) const;
    const ZoneRules* zone_ = nullptr;
    std::vector<ClockChange> changes_;
};

// A warning at the `sessions` statement of each session of `program`
// (whose times are in `zone`) that meets a clock change as above.
void check_clock_changes(const scheduling::ProgramSchedule& program, const std::string& zone, std::vector<Diagnostic>& diagnostics);

}  // namespace meso::emit
