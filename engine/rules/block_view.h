// What the rules see of one block, private to engine/rules: its dated
// sessions, the session contents they hold, its exercises, and the runs it
// is part of. The checker builds one per block (block_view.cpp); the metric
// samplers (metrics.h) read their values from it.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>
#include <vector>

#include "engine/ir/ir.h"
#include "engine/schedule/schedule.h"

namespace meso::rules {

// A session content used by the block.
struct ContentUse {
    const scheduling::SessionContent* content;
    const scheduling::Session* first;  // the first session that holds it
    long long sessions = 0;            // how many sessions of the block hold it
};

// The consecutive blocks of one method that a block starts (run-weeks,
// run-sessions): a minimum duration counts them together, and is reported
// once, at the run's first block.
struct BlockRun {
    bool starts = true;  // false: the block continues the run of the block before it
    int blocks = 1;
    int length_days = 0;
    long long sessions = 0;
    std::chrono::sys_days first{};
    std::chrono::sys_days last{};
};

// An exercise of a session content of the block.
struct ExerciseUse {
    const scheduling::ExercisePlan* plan;
    const ContentUse* use;
    const ir::Exercise* written;  // the prescription in the IR, when found
};

// The prescriptions of one exercise name across the block's contents (the
// weeks of a progression, the splits), in order of date: `every exercise`
// checks an exercise as a whole.
struct ExerciseGroup {
    std::string_view name;
    std::vector<const ExerciseUse*> uses;
};

// The training days of a program in a row up to each day, by day from the
// first training day: a lookup per session, linear in the program's days
// (a std::map of them was n log n on a program of two hundred years).
struct TrainingRuns {
    std::chrono::sys_days first{};
    std::vector<int> by_day;  // 0 on a day without training

    int ending_on(std::chrono::sys_days day) const;
};

// A session of another program of the same athlete, checked before the
// one at hand, for the metrics of pairs of sessions (gap, overlap).
struct OtherSession {
    const scheduling::Session* session;
    const scheduling::ProgramSchedule* program;
    Span span;  // where it comes from: its block's sessions line
};

// What the rules see of an athlete's programs checked before the one at
// hand (the pipeline keeps an athlete's schedules while it checks their
// programs): for the rule set being checked, the sessions of those
// programs' blocks it applies to, in order of start. Only programs in the
// same zone as the one at hand: their local times compare as they are.
struct AthleteView {
    std::vector<OtherSession> sessions;
};

struct BlockView {
    const scheduling::ProgramSchedule& program;
    const scheduling::BlockPlan& plan;
    const ir::Block& block;
    const ir::Athlete* athlete;
    std::vector<const scheduling::Session*> sessions;
    std::vector<ContentUse> contents;
    std::vector<ExerciseUse> exercises;
    std::vector<ExerciseGroup> exercise_groups;  // by name, in order of first use; into `exercises`
    const TrainingRuns* runs;                    // consecutive training days ending on each training day of the program
    BlockRun run;
    int bfr_days_before = 0;  // a BFR block: the days of the BFR blocks right before it, in a row (bfr-run-week)
    // Inside `every week`/`any week`: the block week being checked (the week
    // metrics give its value alone); 0 for every week.
    mutable int focus_week = 0;
    int bfr_run_days = 0;  // a BFR block: the days of the whole run of BFR blocks in a row it is part of (bfr-run-weeks)
    // The athlete's earlier programs, as the rule set being checked sees
    // them (set by the checker for each set); null: none.
    mutable const AthleteView* athlete_programs = nullptr;
};

// What is computed once per program for all its blocks' views.
struct ProgramViews {
    const scheduling::ProgramSchedule& program;
    const ir::Athlete* athlete;
    TrainingRuns runs;
    std::vector<BlockRun> block_runs;  // by block of the program
    std::vector<int> bfr_days_before;  // by block of the program: BlockView::bfr_days_before
    std::vector<int> bfr_run_days;     // by block of the program: BlockView::bfr_run_days
    // For each session content: 1 + its place in a view's contents, 0 when
    // the block at hand has not used it yet.
    std::vector<std::size_t> content_slot;
};

ProgramViews program_views(const scheduling::ProgramSchedule& program);

// The view of block `b` of the program (whose plan has a block).
BlockView block_view(ProgramViews& views, std::size_t b);

}  // namespace meso::rules
