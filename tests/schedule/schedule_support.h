// What the schedule tests share: a date, the athlete Alex, and the loads
// of one session's exercise.
#pragma once

#include <catch2/catch.hpp>
#include <vector>

#include <chrono>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "engine/emit/ical.h"
#include "tests/support/support.h"

namespace meso::test::schedule {

using namespace std::chrono;

inline sys_days date(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

inline const std::string alex = R"(
athlete "Alex" {
  max squat 180 kg
  max bench-press 120 kg
  max deadlift 220 kg
  round 2.5 kg
}
)";

// The mass of set `set` of exercise `exercise` in session `index`.
inline std::optional<double> mass_of(const meso::scheduling::ProgramSchedule& p, std::size_t index, const std::string& exercise,
                                     std::size_t set = 0)
{
    const auto& content = p.contents.at(p.sessions.at(index).content);
    for (const auto& e : content.exercises)
        if (e.name == exercise) return e.sets.at(set).mass;
    return std::nullopt;
}

// The mass of each set of an exercise, in order; -1 for a set with none.
inline std::vector<double> masses(const meso::scheduling::ExercisePlan& e)
{
    std::vector<double> out;
    for (const auto& s : e.sets) out.push_back(s.mass.value_or(-1));
    return out;
}

inline const meso::scheduling::ExercisePlan& exercise_of(const meso::scheduling::ProgramSchedule& p, std::size_t index,
                                                         const std::string& exercise)
{
    const auto& content = p.contents.at(p.sessions.at(index).content);
    for (const auto& e : content.exercises)
        if (e.name == exercise) return e;
    FAIL("no exercise " << exercise << " in session " << index);
    throw std::logic_error("unreachable");
}

// The calendar of a compiled file, written with the default options.
inline std::string calendar_of(const meso::test::Compiled& c)
{
    std::ostringstream out;
    meso::emit::CalendarOptions options;
    const auto r = meso::emit::write_calendar(out, c.schedule.programs, options);
    CHECK(r.diagnostics.empty());
    return out.str();
}

// The UIDs of a calendar's events, in order.
inline std::vector<std::string> uids_of(const std::string& calendar)
{
    std::vector<std::string> uids;
    for (auto at = calendar.find("\r\nUID:"); at != std::string::npos; at = calendar.find("\r\nUID:", at + 1))
        uids.push_back(calendar.substr(at + 6, calendar.find("\r\n", at + 6) - at - 6));
    return uids;
}

}  // namespace meso::test::schedule
