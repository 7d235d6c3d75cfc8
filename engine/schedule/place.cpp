// Where the training days and the blocks fall: the days of the plan without
// the pauses, then where the pauses put them; and the skips and pauses that
// change nothing.
#include <fmt/format.h>

#include <algorithm>

#include "engine/schedule/planner.h"

namespace meso::scheduling {

using namespace std::chrono;
using TrainingDay = Planner::TrainingDay;

namespace {

// The merged range of `by_start` that holds `day`, if any.
const ir::DateRange* range_holding(const std::vector<ir::DateRange>& by_start, sys_days day)
{
    auto it = std::upper_bound(by_start.begin(), by_start.end(), day, [](sys_days d, const ir::DateRange& r) { return d < r.first; });
    if (it == by_start.begin() || day > std::prev(it)->last) return nullptr;
    return &*std::prev(it);
}

std::string dates_of(const ir::DateRange& r)
{
    return r.first == r.last ? format_date(r.first) : format_date(r.first) + ".." + format_date(r.last);
}

// Where the pauses put the training days and the blocks, planning along
// "steps": days forward from `start`, or backward from `end` (a step is
// then a day earlier), so that one walk does both; with `end` every
// "later" below reads "earlier".
//
// The training days, in order, each take the first step that is at or
// after their own (a pause never moves a session the other way), after
// the training day before, not before their block may begin, on a
// weekday their block week trains on and in no pause. So the block in
// progress resumes on the first of its training days after a pause with
// the session it stopped at, and every later session moves by as many
// training days as fell in the pause; a pause of whole weeks, by those
// weeks. A block begins as many days before its first session as that
// session had after the block's first day without the pauses, and not
// before the block before it has ended: its last session, and before a
// block without sessions the rest days that followed it (the last block
// keeps them too).
class Placement {
public:
    explicit Placement(Planner& planner);
    bool run();

private:
    struct Stretch {
        long long first, last;  // in steps
        std::size_t merged;     // index in pauses_by_start
    };
    Planner& p_;
    const long long direction_;  // 1: forward from start, -1: backward from end
    const long long last_step_;
    std::vector<Stretch> stretches_;      // the pauses in the order planning meets them
    long long previous_;                  // the step of the training day placed last
    long long sessions_from_;             // the next block's sessions come here or later
    long long empty_from_;                // where the next block begins when it has no sessions
    std::size_t pause_ = 0;               // the first stretch not wholly behind the last step
    std::vector<long long> begin_, end_;  // each block's first and last step

    long long step_of(sys_days d) const { return direction_ * static_cast<long long>(d.time_since_epoch().count()); }
    sys_days date_of(long long step) const { return sys_days{days{static_cast<int>(direction_ * step)}}; }
    bool out_of_range();
    bool place_block(std::size_t k);
    std::optional<long long> place_day(TrainingDay& day, long long planned);
};

Placement::Placement(Planner& planner)
    : p_(planner), direction_(planner.program.start ? 1 : -1), last_step_(step_of(direction_ > 0 ? latest_date : earliest_date)),
      previous_(step_of(direction_ > 0 ? *planner.program.start : *planner.program.end) - 1), sessions_from_(previous_ + 1),
      empty_from_(previous_ + 1), begin_(planner.program.blocks.size()), end_(planner.program.blocks.size())
{
    stretches_.reserve(p_.pauses_by_start.size());
    for (std::size_t i = 0; i < p_.pauses_by_start.size(); ++i) {
        const auto& p = p_.pauses_by_start[i];
        stretches_.push_back(direction_ > 0 ? Stretch{step_of(p.first), step_of(p.last), i}
                                            : Stretch{step_of(p.last), step_of(p.first), i});
    }
    if (direction_ < 0) std::reverse(stretches_.begin(), stretches_.end());
}

bool Placement::out_of_range()
{
    p_.error(p_.program.span,
             direction_ > 0 ? "the plan runs past the year 9999" : "planned backward, the program would start before 1900");
    return false;
}

bool Placement::run()
{
    const std::size_t n = p_.program.blocks.size();
    for (std::size_t k = 0; k < n; ++k)
        if (!place_block(k)) return false;
    if (n > 0 && end_[direction_ > 0 ? n - 1 : 0] > last_step_) return out_of_range();
    p_.block_starts.resize(n);
    p_.block_ends.resize(n);
    for (std::size_t b = 0; b < n; ++b) {
        p_.block_starts[b] = date_of(direction_ > 0 ? begin_[b] : end_[b]);
        p_.block_ends[b] = date_of(direction_ > 0 ? end_[b] : begin_[b]);
    }
    return true;
}

// The k-th block in the order of planning: its training days, then its first and last step.
bool Placement::place_block(std::size_t k)
{
    const std::size_t n = p_.program.blocks.size();
    const std::size_t b = direction_ > 0 ? k : n - 1 - k;
    const int length_days = p_.program.blocks[b].length_days;
    const long long length = length_days;
    const long long planned_begin = step_of(direction_ > 0 ? p_.planned_starts[b] : p_.planned_starts[b] + days{length_days - 1});
    const long long planned_end = planned_begin + length - 1;
    const std::size_t count = p_.first_plan_day[b + 1] - p_.first_plan_day[b];
    std::optional<long long> first_step, first_planned, final_step, final_planned;
    for (std::size_t j = 0; j < count; ++j) {
        TrainingDay& day = p_.plan_days[direction_ > 0 ? p_.first_plan_day[b] + j : p_.first_plan_day[b + 1] - 1 - j];
        const long long planned = direction_ * day.date;
        const auto step = place_day(day, planned);
        if (!step) return out_of_range();
        if (!first_step) first_step = step, first_planned = planned;
        final_step = step;
        final_planned = planned;
    }
    const long long first = first_step ? std::max(sessions_from_, *first_step - (*first_planned - planned_begin)) : empty_from_;
    if (k > 0) end_[direction_ > 0 ? b - 1 : b + 1] = first - 1;
    const long long full_length = first + length - 1;
    begin_[b] = first;
    end_[b] = final_step ? std::max(full_length, *final_step + (planned_end - *final_planned)) : full_length;
    sessions_from_ = std::max(full_length, final_step.value_or(full_length)) + 1;
    empty_from_ = end_[b] + 1;
    return true;
}

// The step a training day planned on `planned` takes; none past the last date.
std::optional<long long> Placement::place_day(TrainingDay& day, long long planned)
{
    long long step = std::max({planned, previous_ + 1, sessions_from_});
    for (;;) {
        // The pattern holds the day's own weekday: at most six steps.
        while (step <= last_step_ && ((day.pattern >> weekday{date_of(step)}.c_encoding()) & 1u) == 0) ++step;
        if (step > last_step_) return std::nullopt;
        while (pause_ < stretches_.size() && stretches_[pause_].last < step) ++pause_;
        if (pause_ == stretches_.size() || stretches_[pause_].first > step) break;
        p_.note_moved(stretches_[pause_].merged, date_of(step), day.pattern, direction_ > 0);
        step = stretches_[pause_].last + 1;
    }
    day.date = static_cast<std::int32_t>(date_of(step).time_since_epoch().count());
    previous_ = step;
    return step;
}

}  // namespace

std::vector<ir::DateRange> merged(std::vector<ir::DateRange> ranges)
{
    std::sort(ranges.begin(), ranges.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<ir::DateRange> out;
    for (const auto& r : ranges) {
        if (!out.empty() && r.first <= out.back().last + days{1}) out.back().last = std::max(out.back().last, r.last);
        else out.push_back({r.first, r.last, {}, {}});
    }
    return out;
}

void Planner::merge_pauses()
{
    pauses_by_start = merged(program.pauses);
    pause_statements.assign(pauses_by_start.size(), {});
    for (std::size_t i = 0; i < program.pauses.size(); ++i) {
        const auto* holder = range_holding(pauses_by_start, program.pauses[i].first);
        pause_statements[static_cast<std::size_t>(holder - pauses_by_start.data())].push_back(i);
    }
    pause_moved_something.assign(program.pauses.size(), false);
}

// The program's training days without the pauses, its first day `first_day`.
void Planner::collect_plan_days(sys_days first_day)
{
    sys_days block_start = first_day;
    std::size_t days_in_blocks = 0;  // at most one training day each: one allocation, however long the program
    for (const auto& block : program.blocks) days_in_blocks += static_cast<std::size_t>(std::max(block.length_days, 0));
    plan_days.reserve(days_in_blocks);
    for (const auto& block : program.blocks) {
        planned_starts.push_back(block_start);
        first_plan_day.push_back(plan_days.size());
        BlockWeeks weeks(block);
        for (int week = 1; week <= weeks_of(block); ++week) {
            const auto trains = training_days(*weeks.week(week).content);
            const auto pattern = static_cast<std::uint8_t>(trains.to_ulong());
            for (int d = (week - 1) * 7; d < std::min(week * 7, block.length_days); ++d) {
                const sys_days date = block_start + days{d};
                if (trains.test(weekday{date}.c_encoding()))
                    plan_days.push_back({static_cast<std::int32_t>(date.time_since_epoch().count()), pattern});
            }
        }
        block_start += days{block.length_days};
    }
    first_plan_day.push_back(plan_days.size());
}

bool Planner::place_training_days() { return Placement(*this).run(); }

// A training day reached the merged pause `merged` on `reached`: each
// pause statement of it that holds a day of `pattern` from there on
// (in the direction of planning) moved something.
void Planner::note_moved(std::size_t merged, sys_days reached, std::uint8_t pattern, bool forward)
{
    for (const std::size_t i : pause_statements[merged]) {
        if (pause_moved_something[i]) continue;
        const auto& p = program.pauses[i];
        sys_days from = forward ? std::max(p.first, reached) : p.first;
        const sys_days to = forward ? p.last : std::min(p.last, reached);
        for (int k = 0; k < 7 && from <= to; ++k, from += days{1}) {
            if ((pattern >> weekday{from}.c_encoding()) & 1u) {
                pause_moved_something[i] = true;
                break;
            }
        }
    }
}

bool Planner::in_skip(sys_days d) const
{
    // Binary search in the merged ranges: a hostile file has tens of
    // thousands of skips, and a scan of them per day is quadratic.
    return range_holding(skips_by_start, d) != nullptr;
}

// A training day of the plan falls within `r`.
bool Planner::trains_within(const ir::DateRange& r) const
{
    const auto first = r.first.time_since_epoch().count();
    auto it = std::lower_bound(plan_days.begin(), plan_days.end(), first, [](const TrainingDay& t, auto d) { return t.date < d; });
    return it != plan_days.end() && it->date <= r.last.time_since_epoch().count();
}

// A skip or a pause that changes nothing is most likely a mistake (a
// wrong year, a weekend): each says why it changes nothing, in the
// order they are written.
void Planner::report_idle_ranges()
{
    std::vector<Diagnostic> found;
    for (const auto& skip : program.skips) report_idle_skip(skip, found);
    for (const auto& competition : program.competitions) report_competition_outside(competition, found);
    for (std::size_t i = 0; i < program.pauses.size(); ++i) {
        if (pause_moved_something[i]) continue;
        const auto& pause = program.pauses[i];
        if (pause.last < out.start || pause.first > out.end)
            found.push_back(
                Diagnostic::warning(pause.span, fmt::format("this pause moves nothing: it lies outside the program's dates, {}..{}",
                                                            format_date(out.start), format_date(out.end))));
        else
            found.push_back(
                Diagnostic::warning(pause.span, "this pause moves nothing: no training day of the program falls on " + dates_of(pause)));
    }
    sort_by_position(found, {});  // the program's own statements: one file
    DiagnosticSink(diagnostics).append(std::move(found));
}

void Planner::report_idle_skip(const ir::DateRange& skip, std::vector<Diagnostic>& found) const
{
    if (trains_within(skip)) return;
    if (skip.last < out.start || skip.first > out.end) {
        found.push_back(Diagnostic::warning(skip.span, fmt::format("this skip drops nothing: it lies outside the program's dates, {}..{}",
                                                                   format_date(out.start), format_date(out.end))));
        return;
    }
    const auto* pause = range_holding(pauses_by_start, skip.first);
    if (!pause || pause->last < skip.last) {
        found.push_back(
            Diagnostic::warning(skip.span, "this skip drops nothing: no training day of the program falls on " + dates_of(skip)));
        return;
    }
    Diagnostic within = Diagnostic::warning(skip.span, "this skip drops nothing: it lies within a pause, which has no sessions");
    for (const std::size_t i : pause_statements[static_cast<std::size_t>(pause - pauses_by_start.data())]) {
        const auto& p = program.pauses[i];
        if (p.last >= skip.first && p.first <= skip.last) {
            within.notes.push_back({p.span, "the pause is here"});
            break;
        }
    }
    found.push_back(std::move(within));
}

// A competition the plan does not lead to: before its first day (an error:
// the plan would train through it), or after the day that follows its last
// day: an error with `end`, which then contradicts it, a warning with
// `start`, whose blocks may simply be too short. Without either, the last
// competition anchors the plan and none falls after it.
void Planner::report_competition_outside(const ir::Competition& competition, std::vector<Diagnostic>& found) const
{
    const std::string dates = format_date(out.start) + ".." + format_date(out.end);
    if (competition.date < out.start) {
        found.push_back(Diagnostic::error(competition.span,
                                          fmt::format("this competition is before the program's first day ({}): the plan does not lead to "
                                                      "it; correct its date, or {}",
                                                      dates, program.start ? "start earlier" : "make the blocks longer")));
        return;
    }
    const auto after_end = (competition.date - out.end).count();
    if (after_end <= 1) return;
    if (program.end_written)
        found.push_back(Diagnostic::error(
            competition.span, fmt::format("this competition is {} day{} after the program's 'end' ({}): 'end' plans to the day before a "
                                          "competition; remove 'end' to plan backward to the last competition, or correct its date",
                                          after_end, after_end == 1 ? "" : "s", dates)));
    else
        found.push_back(Diagnostic::warning(
            competition.span, fmt::format("the program ends {} day{} before this competition ({}): the last block does not lead to it; "
                                          "make the blocks longer, or plan backward to it without 'start'",
                                          after_end, after_end == 1 ? "" : "s", dates)));
}

}  // namespace meso::scheduling
