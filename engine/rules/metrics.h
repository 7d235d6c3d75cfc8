// The metric table, private to engine/rules: one row per metric a rule can
// use, carrying everything about it — its name, the kind of value it has,
// what it has a value per (its scope), the closed set of its names, its
// one-line description (`meso rules`, docs/rules.md), the function that
// samples its values from a block, and the one that puts a failing value
// into words. The loader type-checks a condition against its row; the
// checker calls the row's functions; nothing else knows a metric.
//
// To add a metric: write its sampler and describer beside those of its
// scope (metrics_block.cpp, or metrics_exercise.cpp for exercise and set
// metrics), and add its row to that file's table. CONTRIBUTING.md has the
// whole checklist.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/base/source.h"
#include "engine/rules/block_view.h"

namespace meso::rules {

// The kind of value a metric has, which says what a rule may compare it
// with (units.h converts a written value to the kind's canonical unit).
enum class Kind { count, time, relative_load, pressure, length, name };

const char* kind_name(Kind kind);     // "count", "time", "% of 1RM", ...
const char* kind_example(Kind kind);  // "a time such as '4 h'"

// What a metric has a value per. A metric of the block or of a block run
// has one value; the others have one per day, week, ... of the block, and a
// rule holds only if every value holds. Exercise and set metrics are used
// inside `every exercise`/`any exercise`, and are sampled for one exercise.
// An athlete metric looks across the programs of the block's athlete (its
// sampler reads BlockView::athlete_programs); no metric has that scope yet.
enum class Scope {
    block,         // the block: its method, its length
    block_run,     // the consecutive blocks of one method that a block starts
    week,          // each whole block week
    day,           // each training day
    session,       // each session (or each session content, counted in its sessions)
    session_pair,  // each pair of consecutive sessions
    exercise,      // an exercise of the block
    set,           // each set of an exercise
    athlete,       // each program of the block's athlete: a check across one athlete's programs
};

// Every scope, in the order above (the table's test goes through them).
inline constexpr Scope all_scopes[] = {Scope::block,        Scope::block_run, Scope::week, Scope::day,    Scope::session,
                                       Scope::session_pair, Scope::exercise,  Scope::set,  Scope::athlete};

bool per_exercise(Scope scope);

// ", and on 17 more days": the failing values after the first, in what
// the scope counts (an exercise's values are counted in sessions).
std::string and_more(long long more, Scope scope);

// One value of a metric, with what it takes to describe it.
struct Sample {
    double number = 0;
    // A name metric's value: a word of the metric's closed set or a name the
    // program's plan holds, both outliving the sample (no copy per sample).
    std::string_view name;
    bool percent_aop = false;  // a pressure: written in % AOP, else in mmHg
    // A pressure: the athlete's arterial occlusion pressure for the cuffed
    // limb, which converts it into the other unit (ir::convert_pressure); none when the
    // cuff has no limb or the athlete no `aop` for it, and then why not.
    std::optional<double> aop_mmhg;
    std::string no_aop;
    std::string unknown;  // non-empty: the value cannot be known, and why
    const scheduling::Session* first = nullptr;
    const scheduling::Session* second = nullptr;
    std::chrono::sys_days date{};
    std::chrono::sys_days run_start{};
    int week = 0;
    int set = 0;
    long long weight = 1;  // how many sessions a value of a session content stands for
    Span span;             // the statement that produced the value
    // A pair of sessions across an athlete's programs: the other program,
    // and where its session comes from; null and invalid otherwise.
    const scheduling::ProgramSchedule* other_program = nullptr;
    Span other_span;
};

// Where a sampler hands each value, in order of date; it answers false when
// the caller has seen enough (a non-owning reference to a callable: the
// checker calls samplers millions of times, without allocating).
class SampleSink {
public:
    template <typename F> explicit SampleSink(F& take)
        : target_(&take), call_([](void* target, const Sample& s) { return (*static_cast<F*>(target))(s); })
    {}
    bool operator()(const Sample& s) const { return call_(target_, s); }

private:
    void* target_;
    bool (*call_)(void*, const Sample&);
};

// The values of a metric on a block; `exercise` is the exercise at hand for
// an exercise or set metric (never null for them), null otherwise.
using Sampler = void (*)(const BlockView& view, const ExerciseUse* exercise, SampleSink take);

// A failing value in words: "3 h between sessions on Mon 2027-03-01 (...)".
using Describer = std::string (*)(const BlockView& view, const Sample& value, const ExerciseUse* exercise);

struct MetricRow {
    std::string_view name;  // "gap", as rules write it
    Kind kind = Kind::count;
    Scope scope = Scope::block;
    std::span<const std::string_view> names;  // the closed set of values of a name metric; empty: any name
    double seconds_per_count = 0;             // `weeks >= 2 weeks`: a time may stand for a count of these; 0: no
    std::string_view description;             // what it measures, one line
    Sampler sample = nullptr;
    Describer describe = nullptr;
};

// Every row, in the order the docs list them: the block's metrics, those
// of volume, then the exercise's.
std::span<const MetricRow> metric_table();
std::span<const MetricRow> block_metric_rows();     // metrics_block.cpp
std::span<const MetricRow> exercise_metric_rows();  // metrics_exercise.cpp
std::span<const MetricRow> volume_metric_rows();    // metrics_volume.cpp: tonnage and its change, from engine/stats

const MetricRow* metric_named(std::string_view name);

// A table is complete when every row has a name and its two functions: the
// tables' files static_assert it, so a row without a sampler does not
// compile.
template <std::size_t N> constexpr bool rows_complete(const MetricRow (&rows)[N])
{
    for (const auto& row : rows)
        if (row.name.empty() || row.description.empty() || !row.sample || !row.describe) return false;
    return true;
}

// The span, or the fallback where the statement has none (a value made by
// the scheduler is located at its block).
Span or_else(const Span& span, const Span& fallback);

// Words the describers of both tables use.
std::string plural(long long n, const char* one, const char* many);
std::string on_date(const Sample& s);             // " on Mon 2027-03-01"
std::string athlete_name(const BlockView& view);  // "'Ana'", or "the athlete"

}  // namespace meso::rules
