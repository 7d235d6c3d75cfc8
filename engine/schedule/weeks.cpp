// A block week: its content (the block's, with the week overrides that cover
// it), the days it trains on, and the times and length of its sessions.
#include <algorithm>

#include "engine/schedule/planner.h"

namespace meso::scheduling {

using std::chrono::minutes;

namespace {

constexpr minutes default_session_time{8 * 60};
constexpr minutes default_session_length{60};

// The block's content with the overrides `covering` (indices into block.weeks) applied in order.
WeekContent week_content(const ir::Block& block, const std::vector<std::uint32_t>& covering)
{
    WeekContent out{block.content, false};
    for (const std::uint32_t i : covering) {
        const auto& w = block.weeks[i];
        ir::merge_content(out.content, w.content, "", nullptr);
        out.deload = out.deload || w.deload;
    }
    return out;
}

}  // namespace

std::bitset<7> training_days(const ir::Content& c)
{
    if (c.days) return *c.days;
    std::bitset<7> bits;
    for (const auto& s : c.splits) bits |= s.days;
    return bits;
}

int split_of(const ir::Content& c, unsigned weekday)
{
    for (std::size_t i = 0; i < c.splits.size(); ++i)
        if (c.splits[i].days.test(weekday)) return static_cast<int>(i);
    return -1;
}

namespace {

template <typename Field> const Field* part_field(const ir::Content& c, DayPart part, const Field ir::Content::Split::*of_split,
                                                  const Field ir::Content::Workout::*of_workout)
{
    if (part.split >= 0) return &(c.splits[static_cast<std::size_t>(part.split)].*of_split);
    if (part.workout >= 0 && c.rotation) return &(c.rotation->workouts[static_cast<std::size_t>(part.workout)].*of_workout);
    return nullptr;
}

}  // namespace

const std::vector<minutes>& times_of(const ir::Content& c, DayPart part)
{
    static const std::vector<minutes> fallback{default_session_time};
    const auto* times = part_field(c, part, &ir::Content::Split::session_times, &ir::Content::Workout::session_times);
    if (times && *times) return **times;
    if (c.session_times) return *c.session_times;
    return fallback;
}

minutes length_of(const ir::Content& c, DayPart part)
{
    const auto* length = part_field(c, part, &ir::Content::Split::session_length, &ir::Content::Workout::session_length);
    if (length && *length) return **length;
    return c.session_length.value_or(default_session_length);
}

const std::vector<ir::Exercise>* part_exercises(const ir::Content& c, DayPart part)
{
    return part_field(c, part, &ir::Content::Split::exercises, &ir::Content::Workout::exercises);
}

BlockWeeks::BlockWeeks(const ir::Block& block) : block_(block), open_ranges_(block.weeks.size(), 0)
{
    for (std::uint32_t i = 0; i < block.weeks.size(); ++i) {
        const auto& w = block.weeks[i];
        if (w.pattern) {
            if (patterns_++ == 0) first_pattern_ = i;
            continue;
        }
        for (const auto& range : w.weeks) {
            edges_.push_back({range.first, i, true});
            edges_.push_back({static_cast<long long>(range.last) + 1, i, false});
        }
    }
    std::stable_sort(edges_.begin(), edges_.end(), [](const Edge& a, const Edge& b) { return a.week < b.week; });
}

void BlockWeeks::sweep_to(int week)
{
    if (week < swept_to_) {  // out of order: from the start
        next_edge_ = 0;
        std::fill(open_ranges_.begin(), open_ranges_.end(), 0);
        active_.clear();
        changed_ = true;
    }
    swept_to_ = week;
    for (; next_edge_ < edges_.size() && edges_[next_edge_].week <= week; ++next_edge_) {
        const Edge& edge = edges_[next_edge_];
        int& open = open_ranges_[edge.override_index];
        open += edge.begins ? 1 : -1;
        if (open == (edge.begins ? 1 : 0)) {
            if (edge.begins) active_.insert(edge.override_index);
            else active_.erase(edge.override_index);
            changed_ = true;
        }
    }
}

BlockWeeks::Week BlockWeeks::week(int week)
{
    sweep_to(week);
    const std::uint32_t pattern = patterns_ != 0 && week >= 1 ? first_pattern_ + static_cast<std::uint32_t>(week - 1) % patterns_ : 0;
    if (!changed_ && pattern == last_pattern_ && last_.content != nullptr) return last_;
    changed_ = false;
    last_pattern_ = pattern;
    covering_.clear();
    // The week's pattern of `alternate` first, so that a `week N` override of the same week is applied after it and wins.
    if (patterns_ != 0 && week >= 1) covering_.push_back(pattern);
    covering_.insert(covering_.end(), active_.begin(), active_.end());
    // Most weeks have no override: their content is the block's, not a copy of it.
    if (covering_.empty()) return last_ = {&block_.content, false};
    auto found = merged_.find(covering_);
    if (found == merged_.end()) found = merged_.emplace(covering_, week_content(block_, covering_)).first;
    return last_ = {&found->second.content, found->second.deload};
}

}  // namespace meso::scheduling

namespace meso::scheduling {

std::string_view workout_of(const ProgramSchedule& program, const Session& session)
{
    if (session.rotation == 0 || session.block >= program.blocks.size()) return {};
    const ir::Block* block = program.blocks[session.block].block;
    if (block == nullptr || !block->content.rotation || block->content.rotation->workouts.empty()) return {};
    const auto& workouts = block->content.rotation->workouts;
    return workouts[(session.rotation - 1) % workouts.size()].name;
}

std::string_view week_pattern_of(const ProgramSchedule& program, const Session& session)
{
    if (session.block >= program.blocks.size() || program.blocks[session.block].block == nullptr) return {};
    for (const auto& w : program.blocks[session.block].block->weeks)
        if (w.pattern && w.covers(session.week)) return w.pattern->name;
    return {};
}

}  // namespace meso::scheduling
