#include "engine/rules/block_view.h"

#include <algorithm>
#include <unordered_map>

namespace meso::rules {

using std::chrono::sys_days;

int TrainingRuns::ending_on(sys_days day) const
{
    const auto i = (day - first).count();
    if (i < 0 || static_cast<std::size_t>(i) >= by_day.size() || by_day[static_cast<std::size_t>(i)] == 0) return 1;
    return by_day[static_cast<std::size_t>(i)];
}

namespace {

TrainingRuns consecutive_runs(const scheduling::ProgramSchedule& program)
{
    TrainingRuns runs;
    if (program.sessions.empty()) return runs;
    sys_days last = program.sessions.front().date;
    runs.first = last;
    for (const auto& session : program.sessions) {
        runs.first = std::min(runs.first, session.date);
        last = std::max(last, session.date);
    }
    runs.by_day.assign(static_cast<std::size_t>((last - runs.first).count()) + 1, 0);
    for (const auto& session : program.sessions) runs.by_day[static_cast<std::size_t>((session.date - runs.first).count())] = 1;
    for (std::size_t i = 1; i < runs.by_day.size(); ++i)
        if (runs.by_day[i] != 0) runs.by_day[i] = runs.by_day[i - 1] + 1;
    return runs;
}

// For each block of the program: the run of consecutive blocks of its
// method that it starts, or that it continues (starts false).
std::vector<BlockRun> runs_of_blocks(const scheduling::ProgramSchedule& program)
{
    const auto& blocks = program.blocks;
    std::vector<BlockRun> out(blocks.size());
    for (std::size_t i = 1; i < blocks.size(); ++i)
        out[i].starts = !(blocks[i].block && blocks[i - 1].block && blocks[i].method == blocks[i - 1].method);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (!out[i].starts) continue;
        BlockRun& run = out[i];
        run.blocks = 0;
        run.first = blocks[i].start;
        for (std::size_t j = i; j < blocks.size() && (j == i || !out[j].starts); ++j) {
            ++run.blocks;
            run.length_days += blocks[j].block ? blocks[j].block->length_days : 0;
            run.sessions += blocks[j].session_count;
            run.last = blocks[j].end;
        }
    }
    return out;
}

// For each BFR block: the days of the BFR blocks in a row right before it
// (0 for the first of a run, and for a block that is not BFR).
std::vector<int> bfr_days_before(const scheduling::ProgramSchedule& program)
{
    const auto& blocks = program.blocks;
    std::vector<int> out(blocks.size(), 0);
    for (std::size_t i = 1; i < blocks.size(); ++i) {
        const ir::Block* previous = blocks[i - 1].block;
        if (blocks[i].block && previous && ir::is_bfr_block(*blocks[i].block) && ir::is_bfr_block(*previous))
            out[i] = out[i - 1] + previous->length_days;
    }
    return out;
}

// For each BFR block: the days of the whole run of BFR blocks in a row it
// is part of, the blocks after it included (0 for a block that is not BFR).
std::vector<int> bfr_run_days(const scheduling::ProgramSchedule& program, const std::vector<int>& days_before)
{
    const auto& blocks = program.blocks;
    std::vector<int> out(blocks.size(), 0);
    for (std::size_t i = blocks.size(); i-- > 0;) {
        if (!blocks[i].block || !ir::is_bfr_block(*blocks[i].block)) continue;
        const bool last_of_run = i + 1 == blocks.size() || out[i + 1] == 0;
        out[i] = last_of_run ? days_before[i] + blocks[i].block->length_days : out[i + 1];
    }
    return out;
}

// The block's sessions, and the session contents they hold in order of
// first use, each with how many of the block's sessions hold it.
void add_sessions(BlockView& view, std::vector<std::size_t>& content_slot)
{
    const scheduling::ProgramSchedule& program = view.program;
    const std::size_t first = view.plan.first_session;
    const std::size_t last = std::min<std::size_t>(program.sessions.size(), first + view.plan.session_count);
    view.sessions.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) {
        const scheduling::Session& session = program.sessions[i];
        view.sessions.push_back(&session);
        if (session.content >= program.contents.size()) continue;
        std::size_t& slot = content_slot[session.content];
        if (slot == 0) {
            view.contents.push_back({&program.contents[session.content], &session, 0});
            slot = view.contents.size();
        }
        ++view.contents[slot - 1].sessions;
    }
    for (const auto& use : view.contents) content_slot[static_cast<std::size_t>(use.content - program.contents.data())] = 0;
}

void collect_written(const ir::Content& content, std::vector<const ir::Exercise*>& out)
{
    for (const auto& e : content.exercises) out.push_back(&e);
    for (const auto& split : content.splits)
        for (const auto& e : split.exercises) out.push_back(&e);
    if (content.rotation)
        for (const auto& w : content.rotation->workouts)
            for (const auto& e : w.exercises) out.push_back(&e);
}

// Grouped once per block, for every rule that checks each exercise. A block
// names a handful of exercises, found by a scan; past a few dozen names (a
// generated program) by an index, so that grouping stays linear.
void group_exercises(BlockView& view)
{
    std::unordered_map<std::string_view, std::size_t> index;
    auto& groups = view.exercise_groups;
    for (const auto& e : view.exercises) {
        const std::string_view name = e.plan->name;
        std::size_t g = groups.size();
        if (index.empty()) {
            for (std::size_t k = 0; k < groups.size() && g == groups.size(); ++k)
                if (groups[k].name == name) g = k;
        }
        else if (const auto found = index.find(name); found != index.end()) g = found->second;
        if (g == groups.size()) {
            groups.push_back({name, {}});
            if (!index.empty() || groups.size() > 32)
                for (std::size_t k = index.size(); k < groups.size(); ++k) index.emplace(groups[k].name, k);
        }
        groups[g].uses.push_back(&e);
    }
}

// Each exercise of each session content, with the prescription of the
// block's IR that it was planned from (load-kind reads how it was written).
void add_exercises(BlockView& view)
{
    std::vector<const ir::Exercise*> written;
    collect_written(view.block.content, written);
    for (const auto& week : view.block.weeks) collect_written(week.content, written);
    for (const auto& use : view.contents) {
        for (const auto& exercise : use.content->exercises) {
            const ir::Exercise* match = nullptr;
            for (const auto* w : written)
                if (w->span.source == exercise.span.source && w->span.begin == exercise.span.begin) match = w;
            view.exercises.push_back({&exercise, &use, match});
        }
    }
    group_exercises(view);
}

}  // namespace

ProgramViews program_views(const scheduling::ProgramSchedule& program)
{
    std::vector<int> before = bfr_days_before(program);
    std::vector<int> run_days = bfr_run_days(program, before);
    return {program,
            program.program ? program.program->athlete : nullptr,
            consecutive_runs(program),
            runs_of_blocks(program),
            std::move(before),
            std::move(run_days),
            std::vector<std::size_t>(program.contents.size(), 0)};
}

BlockView block_view(ProgramViews& views, std::size_t b)
{
    const scheduling::BlockPlan& plan = views.program.blocks[b];
    BlockView view{views.program,
                   plan,
                   *plan.block,
                   views.athlete,
                   {},
                   {},
                   {},
                   {},
                   &views.runs,
                   views.block_runs[b],
                   views.bfr_days_before[b],
                   0,
                   views.bfr_run_days[b]};
    add_sessions(view, views.content_slot);
    add_exercises(view);
    return view;
}

}  // namespace meso::rules
