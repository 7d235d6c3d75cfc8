// Hand-built schedules for the emitter's tests: what engine/schedule would
// produce for simple programs (every block week alike), so the emitter can
// be tested on its own.
#pragma once

#include <bitset>
#include <chrono>
#include <deque>
#include <string>
#include <vector>

#include "engine/ir/ir.h"
#include "engine/schedule/schedule.h"

namespace meso::test {

using namespace std::chrono_literals;

inline std::chrono::sys_days day(int y, unsigned m, unsigned d)
{
    return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

inline std::chrono::minutes at(int hours, int minutes = 0) { return std::chrono::minutes{hours * 60 + minutes}; }

// Weekdays as in the language: "mon..sat" is days("MTWTFS.") — one letter per
// day from Monday, '.' for a rest day.
inline std::bitset<7> days(const char* pattern)
{
    std::bitset<7> bits;
    for (int i = 0; i < 7 && pattern[i] != '\0'; ++i)
        if (pattern[i] != '.') bits.set(static_cast<std::size_t>((i + 1) % 7));  // bit 0 is Sunday
    return bits;
}

inline scheduling::SetPlan set(int reps, std::optional<double> percent, std::optional<double> mass = {}, std::optional<double> rpe = {})
{
    scheduling::SetPlan plan;
    plan.reps = reps;
    plan.percent = percent;
    plan.mass = mass;
    plan.rpe = rpe;
    return plan;
}

// A set on the athlete's barbell: its plates are the schedule's for its
// mass (ProgramSchedule::barbell_plates).
inline scheduling::SetPlan on_barbell(scheduling::SetPlan plan)
{
    plan.on_barbell = true;
    return plan;
}

inline scheduling::ExercisePlan exercise(std::string name, std::vector<scheduling::SetPlan> sets, std::optional<double> rest_s = {})
{
    scheduling::ExercisePlan e;
    e.name = std::move(name);
    e.sets = std::move(sets);
    e.rest_s = rest_s;
    return e;
}

struct BlockSpec {
    std::string name;
    std::string method;
    int length_days = 7;
    std::bitset<7> training_days = days("MTWTFS.");
    std::vector<std::chrono::minutes> times = {at(8)};
    std::chrono::minutes length{60};
    scheduling::SessionContent content;
};

// Owns the ir::Programs the schedules point at; keep it alive while they are used.
struct Fixture {
    std::deque<ir::Program> programs;
    std::vector<scheduling::ProgramSchedule> schedules;

    ir::Program& program(std::string name, std::string timezone = "")
    {
        auto& p = programs.emplace_back();
        p.name = std::move(name);
        p.timezone = std::move(timezone);
        return p;
    }

    // Lays the blocks out one after another from `start`, as the scheduler does.
    scheduling::ProgramSchedule& schedule(const ir::Program& program, std::string athlete, std::chrono::sys_days start,
                                          const std::vector<BlockSpec>& blocks)
    {
        auto& s = schedules.emplace_back();
        s.program = &program;
        s.name = program.name;
        s.athlete = std::move(athlete);
        s.start = start;
        auto block_start = start;
        for (const auto& spec : blocks) {
            scheduling::BlockPlan plan;
            plan.name = spec.name;
            plan.method = spec.method;
            plan.start = block_start;
            plan.planned_start = block_start;  // no pause in a fixture
            plan.end = block_start + std::chrono::days{spec.length_days - 1};
            plan.weeks = (spec.length_days + 6) / 7;
            for (const auto& earlier : s.blocks)
                if (earlier.name == spec.name) ++plan.occurrence;
            plan.first_session = static_cast<std::uint32_t>(s.sessions.size());
            const auto block_index = static_cast<std::uint32_t>(s.blocks.size());
            const auto content_index = static_cast<std::uint32_t>(s.contents.size());
            s.contents.push_back(spec.content);
            for (int d = 0; d < spec.length_days; ++d) {
                const auto date = block_start + std::chrono::days{d};
                if (!spec.training_days.test(std::chrono::weekday{date}.c_encoding())) continue;
                for (std::size_t i = 0; i < spec.times.size(); ++i) {
                    scheduling::Session session;
                    session.date = date;
                    session.start = spec.times[i];
                    session.length = spec.length;
                    session.block = block_index;
                    session.content = content_index;
                    session.week = static_cast<std::uint16_t>(d / 7 + 1);
                    session.day = static_cast<std::uint16_t>(d);
                    session.session_of_day = static_cast<std::uint8_t>(i);
                    s.sessions.push_back(session);
                }
            }
            plan.session_count = static_cast<std::uint32_t>(s.sessions.size()) - plan.first_session;
            s.blocks.push_back(plan);
            block_start += std::chrono::days{spec.length_days};
        }
        s.end = block_start - std::chrono::days{1};
        return s;
    }
};

inline scheduling::SessionContent holding(std::vector<scheduling::ExercisePlan> exercises)
{
    scheduling::SessionContent c;
    c.exercises = std::move(exercises);
    return c;
}

// The kaatsu content of the language reference.
inline scheduling::SessionContent kaatsu_content()
{
    scheduling::SessionContent c;
    c.exercises.push_back(exercise("squat", {set(30, 20, 36), set(15, 20, 36), set(15, 20, 36), set(15, 20, 36)}, 30));
    c.exercises.push_back(exercise("knee-extension", {set(30, 20), set(15, 20), set(15, 20), set(15, 20)}, 30));
    c.exercises.back().percent_without_max = true;
    c.occlusion = ir::Occlusion::continuous;
    c.cuff_pressure = ir::Pressure{160, false};
    c.cuff_width_cm = 5;
    return c;
}

}  // namespace meso::test
