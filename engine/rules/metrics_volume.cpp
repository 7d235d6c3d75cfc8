// The metrics of training volume, from the figures of engine/stats: a block
// week's tonnage and its change against the previous non-deload week. No
// standard rule uses them (no guideline limits them that rests on evidence
// for strength); a clinic writes its own, such as
// `require weekly-volume-change <= 10`. Their rows join the block's metrics.
#include "engine/base/text.h"
#include "engine/rules/metrics.h"
#include "engine/stats/stats.h"

namespace meso::rules {

namespace {

std::vector<stats::Week> weeks_of(const BlockView& view)
{
    const auto block = static_cast<std::size_t>(&view.plan - view.program.blocks.data());
    return stats::block_stats(view.program, block, view.bfr_days_before).weeks;
}

std::string week_words(const Sample& s)
{
    return "block week " + std::to_string(s.week) + " (" + format_date(s.date) + ".." + format_date(s.date + std::chrono::days{6}) + ")";
}

const char* unit_of(const BlockView& view) { return ir::to_string(view.program.unit); }

void sample_tonnage(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    Sample s;
    for (const auto& week : weeks_of(view)) {
        if (week.sessions == 0 || (view.focus_week != 0 && view.focus_week != week.week)) continue;
        s.number = week.tonnage;
        s.week = week.week;
        s.date = week.start;
        s.span = view.block.span;
        if (!take(s)) return;
    }
}

std::string describe_tonnage(const BlockView& view, const Sample& s, const ExerciseUse*)
{
    return "a tonnage of " + format_number(s.number) + " " + unit_of(view) + " in " + week_words(s);
}

void sample_weekly_volume_change(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    Sample s;
    for (const auto& week : weeks_of(view)) {
        if (!week.volume_change_percent || (view.focus_week != 0 && view.focus_week != week.week)) continue;
        s.number = *week.volume_change_percent;
        s.week = week.week;
        s.date = week.start;
        s.set = week.compared_with;  // the week it is compared with, for the words
        s.span = view.block.span;
        if (!take(s)) return;
    }
}

std::string describe_weekly_volume_change(const BlockView&, const Sample& s, const ExerciseUse*)
{
    const double rounded = round_percent(s.number);
    return "the tonnage changes by " + std::string(rounded > 0 ? "+" : "") + format_percent(s.number) + "% in " + week_words(s) +
           " against block week " + std::to_string(s.set);
}

constexpr MetricRow rows[] = {
    {"tonnage",
     Kind::count,
     Scope::week,
     {},
     0,
     "for each block week with sessions: sets × reps × load of its work sets, in the athlete's unit (kg or lb); a set without a mass adds "
     "nothing",
     sample_tonnage,
     describe_tonnage},
    {"weekly-volume-change",
     Kind::count,
     Scope::week,
     {},
     0,
     "for each block week with sessions: the change of its tonnage against the previous non-deload week of the block, in % (10 is +10%); "
     "none for the first week, or after a week of no tonnage",
     sample_weekly_volume_change,
     describe_weekly_volume_change},
};
static_assert(rows_complete(rows), "every metric of volume has a name, a description, a sampler and a describer");

}  // namespace

std::span<const MetricRow> volume_metric_rows() { return rows; }

}  // namespace meso::rules
