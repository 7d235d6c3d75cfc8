// The walk over the training days at the dates the pauses gave them:
// sessions counted against the bounds, or made, with their shared contents
// and the loads computed from the athlete's maxes.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/schedule/planner.h"

namespace meso::scheduling {

using namespace std::chrono;

namespace {

// Equality of contents, field by field (spans included: the rules point
// at them), and a hash that agrees with it.
bool same_span(const Span& a, const Span& b)
{
    return a.source == b.source && a.line == b.line && a.column == b.column && a.begin == b.begin && a.end == b.end;
}

bool same_set(const SetPlan& a, const SetPlan& b)
{
    return a.reps == b.reps && a.percent == b.percent && a.mass == b.mass && a.rpe == b.rpe && a.rir == b.rir && a.reps_max == b.reps_max &&
           a.seconds == b.seconds && a.tm_percent == b.tm_percent && a.amrap == b.amrap && a.warm_up == b.warm_up &&
           a.on_barbell == b.on_barbell;
}

bool same_exercise(const ExercisePlan& a, const ExercisePlan& b)
{
    return a.name == b.name && a.rest_s == b.rest_s && a.percent_without_max == b.percent_without_max && a.each_side == b.each_side &&
           a.superset == b.superset && same_span(a.span, b.span) &&
           std::equal(a.sets.begin(), a.sets.end(), b.sets.begin(), b.sets.end(), same_set);
}

// What the cuff presses in whole mmHg, when known: `cuff leg 60% AOP` with
// `aop leg 180 mmHg` is 108 mmHg.
std::optional<double> cuff_mmhg(const ir::Content& c, const ir::Athlete* athlete)
{
    if (!c.cuff_pressure) return std::nullopt;
    const auto mmhg = ir::cuff_mmhg(*c.cuff_pressure, c.cuff_limb, athlete);
    if (!mmhg) return std::nullopt;
    return std::round(*mmhg);
}

bool same_content(const SessionContent& a, const SessionContent& b)
{
    const bool same_pressure = a.cuff_pressure.has_value() == b.cuff_pressure.has_value() &&
                               (!a.cuff_pressure || (a.cuff_pressure->value == b.cuff_pressure->value &&
                                                     a.cuff_pressure->percent_aop == b.cuff_pressure->percent_aop));
    return a.deload == b.deload && a.occlusion == b.occlusion && same_span(a.occlusion_span, b.occlusion_span) && same_pressure &&
           same_span(a.cuff_span, b.cuff_span) && a.cuff_limb == b.cuff_limb && a.cuff_mmhg == b.cuff_mmhg &&
           a.cuff_width_cm == b.cuff_width_cm && a.notes == b.notes && same_span(a.sessions_span, b.sessions_span) &&
           std::equal(a.exercises.begin(), a.exercises.end(), b.exercises.begin(), b.exercises.end(), same_exercise);
}

std::size_t hash_content(const SessionContent& c)
{
    std::size_t h = c.exercises.size() * 31 + static_cast<std::size_t>(c.deload);
    const auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2); };
    const auto number = [&](const std::optional<double>& v) { mix(v ? std::hash<double>{}(*v) : 7); };
    mix(c.sessions_span.begin);
    for (const auto& e : c.exercises) {
        mix(e.span.begin);
        mix(e.sets.size());
        for (const auto& s : e.sets) {
            mix(static_cast<std::size_t>(s.reps));
            number(s.percent);
            number(s.mass);
            number(s.rpe);
            number(s.rir);
            number(s.tm_percent);
            mix(static_cast<std::size_t>(s.amrap) * 2 + static_cast<std::size_t>(s.warm_up));
        }
    }
    return h;
}

}  // namespace

// Walks every training day, at the date place_training_days gave it;
// with `build` false only counts the sessions, so that the bound is
// checked before any memory is spent on them.
long long Planner::walk(bool build)
{
    long long count = 0;
    std::size_t next_day = 0;  // in plan_days
    std::map<std::string, int> occurrences;
    for (std::uint32_t b = 0; b < program.blocks.size(); ++b) {
        const ir::Block& block = program.blocks[b];
        BlockPlan plan;
        if (build) plan = block_plan_of(b, occurrences);
        rotation_turn = 0;
        BlockWeeks weeks(block);
        for (int week = 1; week <= weeks_of(block); ++week)
            if (!walk_week(b, week, weeks.week(week), build, next_day, count)) return count;
        if (build) {
            plan.session_count = static_cast<std::uint32_t>(out.sessions.size()) - plan.first_session;
            out.blocks.push_back(std::move(plan));
        }
    }
    return count;
}

BlockPlan Planner::block_plan_of(std::uint32_t b, std::map<std::string, int>& occurrences) const
{
    const ir::Block& block = program.blocks[b];
    BlockPlan plan;
    plan.block = &block;
    plan.name = block.name;
    plan.method = ir::method_of(block);
    plan.start = block_starts[b];
    plan.end = block_ends[b];
    plan.planned_start = planned_starts[b];
    plan.weeks = weeks_of(block);
    plan.cycle = ir::cycle_label(block);
    // Counted within the cycle: the UID of a session says its cycle (emit/ical_uid.cpp), and a program
    // without `repeat` keeps the UIDs it had before repeats existed.
    plan.occurrence = occurrences[plan.cycle.empty() ? block.name : block.name + '\n' + plan.cycle]++;
    plan.first_session = static_cast<std::uint32_t>(out.sessions.size());
    return plan;
}

// The training days of one block week; false when a bound stops the walk.
// A rotation's turn goes on with each training day held, and with a skipped
// one too under `rotate drop`; a pause moves days without skipping them.
bool Planner::walk_week(std::uint32_t b, int week, const BlockWeeks::Week& content, bool build, std::size_t& next_day, long long& count)
{
    const ir::Block& block = program.blocks[b];
    const ir::Content& c = *content.content;
    const auto trains = training_days(c);
    const ir::Content::Rotation* rotation = c.rotation && !c.rotation->workouts.empty() ? &*c.rotation : nullptr;
    // By part (0: none; then the splits, then the workouts): the sets of a session of it this week.
    std::vector<long long>& part_sets = week_part_sets;
    part_sets.clear();
    for (int d = (week - 1) * 7; d < std::min(week * 7, block.length_days); ++d) {
        // The weekday without the pauses names the split; the date is where the pauses put it.
        const unsigned wd = weekday{planned_starts[b] + days{d}}.c_encoding();
        if (!trains.test(wd)) continue;
        const sys_days date{days{plan_days[next_day++].date}};
        if (in_skip(date)) {
            if (rotation && rotation->drop_skipped) ++rotation_turn;
            continue;
        }
        DayPart part;
        if (rotation) part.workout = static_cast<int>(rotation_turn % rotation->workouts.size());
        else part.split = split_of(c, wd);
        const std::uint32_t turn = rotation ? ++rotation_turn : 0;
        const auto& times = times_of(c, part);
        count += static_cast<long long>(times.size());
        if (!times.empty()) {
            if (!first_session_date) first_session_date = date;
            last_session_date = date;
        }
        if (!build) {
            if (!count_sets(c, part, times.size(), part_sets)) return false;  // plan() reports it
            continue;
        }
        add_sessions(b, {week, d, date, turn}, content, part);
    }
    return true;
}

// Counts the sets a day of `part` plans (once per week and part) and
// writes (every session); false past either bound.
bool Planner::count_sets(const ir::Content& c, DayPart part, std::size_t times, std::vector<long long>& part_sets)
{
    const std::size_t at = part.split >= 0     ? static_cast<std::size_t>(part.split) + 1
                           : part.workout >= 0 ? c.splits.size() + static_cast<std::size_t>(part.workout) + 1
                                               : 0;
    if (part_sets.size() <= at) part_sets.resize(at + 1, -1);
    if (part_sets[at] < 0) {
        long long sets = 0;
        for (const auto& e : c.exercises) sets += static_cast<long long>(e.set_count());
        if (const auto* more = part_exercises(c, part))
            for (const auto& e : *more) sets += static_cast<long long>(e.set_count());
        part_sets[at] = sets;
        planned_sets += sets;
        if (planned_sets > max_planned_sets) return false;
    }
    written_sets += static_cast<long long>(times) * part_sets[at];
    return written_sets <= sets_budget;
}

void Planner::add_sessions(std::uint32_t b, DayPlace place, const BlockWeeks::Week& content, DayPart part)
{
    const std::uint32_t content_index = content_for(b, place.week, content, part);
    const auto& times = times_of(*content.content, part);
    const minutes length = length_of(*content.content, part);
    for (std::size_t k = 0; k < times.size(); ++k) {
        Session s;
        s.date = place.date;
        s.start = times[k];
        s.length = length;
        s.block = b;
        s.content = content_index;
        s.week = static_cast<std::uint16_t>(place.week);
        s.day = static_cast<std::uint16_t>(place.day);
        s.session_of_day = static_cast<std::uint8_t>(std::min<std::size_t>(k, 255));
        s.rotation = place.turn;
        out.sessions.push_back(s);
    }
}

// The content of the sessions of block `b`, `week` and `split`: made once,
// and kept once when equal to one made before (a week without progression,
// a split like another): the contents are most of the schedule's memory.
std::uint32_t Planner::content_for(std::uint32_t b, int week, const BlockWeeks::Week& content, DayPart part)
{
    for (const auto& made : week_contents)
        if (made.block == b && made.week == week && made.part.split == part.split && made.part.workout == part.workout) return made.content;
    if (!week_contents.empty() && (week_contents.front().block != b || week_contents.front().week != week)) week_contents.clear();
    const ir::Block& block = program.blocks[b];
    const ir::Content& c = *content.content;
    const int block_weeks = weeks_of(block);
    SessionContent& sc = content_scratch;
    {
        std::vector<ExercisePlan> exercises = std::move(sc.exercises);
        std::vector<std::string> notes = std::move(sc.notes);
        sc = SessionContent{};
        sc.exercises = std::move(exercises);
        sc.notes = std::move(notes);
    }
    sc.deload = content.deload;
    sc.occlusion = c.occlusion.value_or(ir::Occlusion::unspecified);
    sc.occlusion_span = c.occlusion_span;
    sc.cuff_pressure = c.cuff_pressure;
    sc.cuff_span = c.cuff_span;
    sc.cuff_width_cm = c.cuff_width_cm;
    sc.cuff_limb = c.cuff_limb;
    sc.cuff_mmhg = cuff_mmhg(c, program.athlete);
    sc.notes = c.notes;
    sc.sessions_span = c.sessions_span.valid() ? c.sessions_span : block.span;
    const auto* more = part_exercises(c, part);
    const std::size_t exercise_count = c.exercises.size() + (more ? more->size() : 0);
    for (; sc.exercises.size() > exercise_count; sc.exercises.pop_back()) spare_exercises.push_back(std::move(sc.exercises.back()));
    sc.exercises.reserve(exercise_count);
    for (; sc.exercises.size() < exercise_count; spare_exercises.pop_back()) {
        if (spare_exercises.empty()) spare_exercises.emplace_back();
        sc.exercises.push_back(std::move(spare_exercises.back()));
    }
    std::size_t next = 0;
    for (const auto& e : c.exercises) plan_exercise(sc.exercises[next++], block, e, week, block_weeks, content.deload);
    if (more)
        for (const auto& e : *more) plan_exercise(sc.exercises[next++], block, e, week, block_weeks, content.deload);
    const Span* part_sessions = part.split >= 0     ? &c.splits[static_cast<std::size_t>(part.split)].sessions_span
                                : part.workout >= 0 ? &c.rotation->workouts[static_cast<std::size_t>(part.workout)].sessions_span
                                                    : nullptr;
    if (part_sessions && part_sessions->valid()) sc.sessions_span = *part_sessions;
    number_supersets(sc.exercises);
    const std::size_t hash = hash_content(sc);
    for (auto [it, last] = same_hash.equal_range(hash); it != last; ++it) {
        if (same_content(out.contents[it->second], sc)) {
            week_contents.push_back({b, week, part, it->second});
            return it->second;
        }
    }
    const auto index = static_cast<std::uint32_t>(out.contents.size());
    // Moved, not copied: a content of thousands of sets is not held twice.
    // The scratch's next content allocates afresh, once per new content.
    out.contents.push_back(std::move(sc));
    SessionContent& kept = out.contents.back();
    kept.exercises.shrink_to_fit();  // the contents are most of the schedule's memory: no spare capacity
    for (auto& e : kept.exercises) e.sets.shrink_to_fit();
    kept.notes.shrink_to_fit();
    week_contents.push_back({b, week, part, index});
    same_hash.emplace(hash, index);
    return index;
}

}  // namespace meso::scheduling
