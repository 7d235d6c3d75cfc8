#include "engine/emit/clock_changes.h"

#include <algorithm>
#include <optional>

namespace meso::emit {

namespace {

using std::chrono::sys_days;
using std::chrono::sys_seconds;

// A local time (the sys_seconds of its digits) as the clock shows it: 02:30, or 02:30:15.
std::string clock_text(sys_seconds local) { return clock_digits(local - std::chrono::floor<std::chrono::days>(local)); }

sys_seconds local_start(const scheduling::Session& session)
{
    return sys_seconds{sys_days{session.date}.time_since_epoch()} + session.start;
}

// "(clocks go from 02:00 to 03:00)", "(clocks go back from 03:00 to 02:00)".
std::string change_text(const ClockChange& change)
{
    return std::string(change.forward() ? "(clocks go from " : "(clocks go back from ") + clock_text(change.at + change.before) + " to " +
           clock_text(change.at + change.after) + ")";
}

}  // namespace

SessionClock::SessionClock(const ZoneRules* zone, sys_days first, sys_days last, std::chrono::minutes longest_session) : zone_(zone)
{
    if (zone_ == nullptr) return;
    // Local times lie within a day of UTC; a session ends at most its length after its day.
    const auto after = std::chrono::ceil<std::chrono::days>(std::max(longest_session, std::chrono::minutes{0}));
    changes_ = clock_changes(*zone_, first - std::chrono::days{2}, last + std::chrono::days{2} + after);
}

SessionTimes SessionClock::times(const scheduling::Session& session) const
{
    const sys_seconds start = local_start(session);
    // The first change whose local times, [earliest, latest), reach past the start.
    const auto it = std::partition_point(changes_.begin(), changes_.end(), [&](const ClockChange& c) { return c.latest_local() <= start; });
    return times_at(session, start, static_cast<std::size_t>(it - changes_.begin()));
}

SessionTimes SessionClock::times(const scheduling::Session& session, std::size_t& next) const
{
    const sys_seconds start = local_start(session);
    if (next > changes_.size() || (next > 0 && changes_[next - 1].latest_local() > start)) return times(session);  // not in order
    while (next < changes_.size() && changes_[next].latest_local() <= start) ++next;
    return times_at(session, start, next);
}

SessionTimes SessionClock::times_at(const scheduling::Session& session, sys_seconds start, std::size_t index) const
{
    SessionTimes t;
    if (index >= changes_.size()) return t;
    const sys_seconds end = start + session.length;
    const ClockChange& change = changes_[index];
    const bool start_within = change.earliest_local() <= start;
    const bool end_within = change.earliest_local() <= end && end < change.latest_local();
    const bool across = start < change.earliest_local() && end >= change.latest_local();
    if (!start_within && !end_within && !across) return t;

    t.change = change;
    if (start_within) t.kind = change.forward() ? SessionTimes::Kind::start_skipped : SessionTimes::Kind::start_repeated;
    else t.kind = SessionTimes::Kind::spans_change;
    // RFC 5545 3.3.5: a local time that does not exist, or happens twice,
    // is read with the offset before the change; one before it, too.
    t.start = start - change.before;
    t.end = t.start + session.length;
    const sys_seconds shown_start = t.start + zone_->info(t.start).offset;
    t.start_clock = std::chrono::floor<std::chrono::minutes>(shown_start - std::chrono::floor<std::chrono::days>(shown_start));
    const sys_seconds shown_end = t.end + zone_->info(t.end).offset;
    t.warn = start_within || shown_end != end;
    return t;
}

std::string SessionClock::describe(const scheduling::Session& session, const SessionTimes& t) const
{
    const sys_seconds start = local_start(session);
    const std::string at = clock_text(start);
    const std::string day = format_weekday_date(session.date);
    const std::string zone = zone_ != nullptr ? zone_->name() : "";
    switch (t.kind) {
    case SessionTimes::Kind::plain: return {};
    case SessionTimes::Kind::start_skipped:
        return at + " does not exist on " + day + " in " + zone + " " + change_text(t.change) + "; the session starts at " +
               clock_text(t.start + zone_->info(t.start).offset);
    case SessionTimes::Kind::start_repeated:
        return at + " happens twice on " + day + " in " + zone + " " + change_text(t.change) + "; the session starts at the first " + at +
               ", before the clocks go back";
    case SessionTimes::Kind::spans_change:
        return "the session at " + at + " on " + day + " runs across a clock change in " + zone + " " + change_text(t.change) +
               ": it lasts " + std::to_string(session.length.count()) + " min and ends at " +
               clock_text(t.end + zone_->info(t.end).offset) + ", not " + clock_text(start + session.length);
    }
    return {};
}

void check_clock_changes(const scheduling::ProgramSchedule& program, const std::string& zone, std::vector<Diagnostic>& diagnostics)
{
    if (program.sessions.empty() || zone.empty() || is_floating(zone)) return;
    const auto rules = ZoneRules::load(zone);
    if (!rules) return;
    std::chrono::minutes longest{0};
    for (const auto& session : program.sessions) longest = std::max(longest, session.length);
    const sys_days first = std::min(program.start, program.sessions.front().date);
    const sys_days last = std::max(program.end, program.sessions.back().date);
    const SessionClock clock(&*rules, first, last, longest);
    if (!clock.has_changes()) return;
    std::size_t next_change = 0;  // the sessions are in order: a walk, not a search for each (linear in a program of years)
    for (const auto& session : program.sessions) {
        const SessionTimes t = clock.times(session, next_change);
        if (!t.warn) continue;
        Diagnostic d;
        d.severity = Severity::warning;
        const bool in_block = session.block < program.blocks.size() && program.blocks[session.block].block != nullptr;
        const Span block_span = in_block ? program.blocks[session.block].block->span : Span{};
        d.span = session.content < program.contents.size() && program.contents[session.content].sessions_span.valid()
                     ? program.contents[session.content].sessions_span
                     : block_span;
        // A template's `sessions` line is in the template's file: say where it is used too.
        if (block_span.valid() && d.span.source != block_span.source) {
            const auto& block = *program.blocks[session.block].block;
            d.notes.push_back({block_span, "in template '" + block.template_name + "', used here"});
        }
        d.message = clock.describe(session, t);
        diagnostics.push_back(std::move(d));
    }
}

}  // namespace meso::emit
