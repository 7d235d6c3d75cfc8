#include "engine/schedule/schedule.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace meso {

using namespace std::chrono;

namespace {

constexpr long long max_program_days = 366LL * 1000;  // a program spans at most a thousand years
// Sessions share their content, one per block week and split; the sets of
// all those contents are bounded too, or a short file (thousands of
// exercises in a block of a thousand weeks) would expand to gigabytes.
constexpr long long max_planned_sets = 1'000'000;
constexpr double max_percent = 1000;   // as resolve checks a load as written
constexpr double max_mass_kg = 2000;
constexpr minutes default_session_time{8 * 60};
constexpr minutes default_session_length{60};

const sys_days earliest_date = sys_days{year{1900} / January / 1};
const sys_days latest_date = sys_days{year{9999} / December / 31};

// Loads the compiler computes are rounded to the athlete's step, to the
// nearest and halves up, whole numbers included: the step stands for what
// the bar can be loaded with, and 36 kg cannot be made of 2.5 kg steps.
// (The small epsilon keeps 106.875 / 2.5 + 0.5 from landing just below a
// whole number through binary fractions.)
double round_load(double value, double step)
{
    if (step <= 0) return value;
    const double steps = std::floor(value / step + 0.5 + 1e-9);
    return std::round(steps * step * 1e6) / 1e6;
}

// Equality of contents, field by field (spans included: the rules point
// at them), and a hash that agrees with it.
bool same_span(const Span& a, const Span& b)
{
    return a.source == b.source && a.line == b.line && a.column == b.column && a.begin == b.begin && a.end == b.end;
}

bool same_set(const SetPlan& a, const SetPlan& b)
{
    return a.reps == b.reps && a.percent == b.percent && a.mass == b.mass && a.rpe == b.rpe;
}

bool same_exercise(const ExercisePlan& a, const ExercisePlan& b)
{
    return a.name == b.name && a.rest_s == b.rest_s && a.percent_without_max == b.percent_without_max && same_span(a.span, b.span) &&
           std::equal(a.sets.begin(), a.sets.end(), b.sets.begin(), b.sets.end(), same_set);
}

bool same_content(const SessionContent& a, const SessionContent& b)
{
    const bool same_pressure = a.cuff_pressure.has_value() == b.cuff_pressure.has_value() &&
                               (!a.cuff_pressure || (a.cuff_pressure->value == b.cuff_pressure->value &&
                                                     a.cuff_pressure->percent_aop == b.cuff_pressure->percent_aop));
    return a.deload == b.deload && a.occlusion == b.occlusion && same_span(a.occlusion_span, b.occlusion_span) && same_pressure &&
           same_span(a.cuff_span, b.cuff_span) && a.cuff_width_cm == b.cuff_width_cm && a.notes == b.notes &&
           same_span(a.sessions_span, b.sessions_span) &&
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
        }
    }
    return h;
}

// The file's budget of sets written: max_sets_per_session for every session
// --max-sessions allows.
long long sets_budget_of(const ScheduleOptions& options)
{
    const long long per = std::max(1LL, options.max_sets_per_session);
    if (options.max_sessions > std::numeric_limits<long long>::max() / per) return std::numeric_limits<long long>::max();
    return options.max_sessions * per;
}
std::string sets_budget_message(const ScheduleOptions& options);

struct Planner {
    const ir::Program& program;
    const ScheduleOptions& options;
    std::vector<Diagnostic>& diagnostics;
    ProgramSchedule out;
    // A training day of the plan: its date (without the pauses until
    // place_training_days, then where they put it) and the weekdays its
    // block week trains on (bit i: weekday i, 0 = Sunday), the weekly
    // pattern a pause moves it along. In order of plan, and so of date.
    struct TrainingDay {
        std::int32_t date = 0;  // days since 1970-01-01
        std::uint8_t pattern = 0;
    };
    std::vector<TrainingDay> plan_days;
    std::vector<std::size_t> first_plan_day;  // by block: its first in plan_days; one more for the end
    std::vector<sys_days> planned_starts;     // by block: its first day without the pauses
    std::vector<sys_days> block_starts;       // by block: its first and last day, with them
    std::vector<sys_days> block_ends;
    std::vector<ir::DateRange> pauses_by_start;  // program.pauses, sorted, overlapping and adjacent ones merged
    std::vector<std::vector<std::size_t>> pause_statements;  // by merged pause: the program.pauses it is made of
    std::vector<bool> pause_moved_something;  // by program.pauses index: a training day fell in it
    std::map<std::tuple<std::uint32_t, int, int>, std::uint32_t> content_index;  // (block, week, split) → content
    std::unordered_multimap<std::size_t, std::uint32_t> same_hash;  // hash_content → contents made
    std::set<std::uint32_t> reported_negative;
    bool over_budget = false;  // run() failed on --max-sessions
    long long session_count = 0;
    long long planned_sets = 0;                 // counted by walk(false)
    std::vector<ir::DateRange> skips_by_start;  // program.skips, sorted and merged, for in_skip
    std::optional<sys_days> first_session_date;  // seen by walk(false)
    std::optional<sys_days> last_session_date;
    // What the sessions write is linear in their sets, not in their number
    // (a session of 2000 sets is 2000 lines of JSON): counted by walk(false)
    // against the file's budget, ScheduleOptions::max_sets_per_session
    // times --max-sessions.
    long long written_sets = 0;
    long long sets_budget = std::numeric_limits<long long>::max();  // what the programs before left
    const ScheduleOptions* file_options = &options;  // the whole file's, for the message (options is what is left)
    bool over_sets_budget = false;
    std::set<std::uint32_t> reported_zero{};  // prescriptions whose load rounds to 0, by span

    Planner(const ir::Program& program_, const ScheduleOptions& options_, std::vector<Diagnostic>& diagnostics_)
        : program(program_), options(options_), diagnostics(diagnostics_)
    {
    }

    void error(const Span& span, std::string message)
    {
        diagnostics.push_back(Diagnostic::error(span, std::move(message)));
    }

    // A relative load lighter than half the athlete's step rounds to 0: the
    // calendar would say "0 kg", which no one means. Said once per
    // prescription (its contents repeat week after week).
    void warn_rounds_to_zero(const ir::Exercise& e, double max, double percent, double step)
    {
        if (!reported_zero.insert(e.span.begin).second) return;
        const char* unit = program.athlete ? ir::to_string(program.athlete->unit) : "kg";
        diagnostics.push_back({Severity::warning, e.load.span,
                               fmt::format("{:g}% of {}'s {} max ({:g} {}) is {:g} {}, which rounds to 0 {} with a step of {:g} {}; "
                                           "write a smaller 'round' step for the athlete, or an absolute load",
                                           percent, out.athlete, e.name, max, unit, max * percent / 100.0, unit, unit, step, unit),
                               {}, {}, {}});
    }

    bool in_skip(sys_days d) const
    {
        // Binary search in the merged ranges: a hostile file has tens of
        // thousands of skips, and a scan of them per day is quadratic.
        auto it = std::upper_bound(skips_by_start.begin(), skips_by_start.end(), d,
                                   [](sys_days day, const ir::DateRange& r) { return day < r.first; });
        return it != skips_by_start.begin() && d <= std::prev(it)->last;
    }

    // Date ranges sorted by their first day, overlapping and adjacent ones merged.
    static std::vector<ir::DateRange> merged(std::vector<ir::DateRange> ranges)
    {
        std::sort(ranges.begin(), ranges.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<ir::DateRange> out;
        for (const auto& r : ranges) {
            if (!out.empty() && r.first <= out.back().last + days{1}) out.back().last = std::max(out.back().last, r.last);
            else out.push_back({r.first, r.last, {}, {}});
        }
        return out;
    }

    // The merged range of `by_start` that holds `day`, if any.
    static const ir::DateRange* range_holding(const std::vector<ir::DateRange>& by_start, sys_days day)
    {
        auto it = std::upper_bound(by_start.begin(), by_start.end(), day, [](sys_days d, const ir::DateRange& r) { return d < r.first; });
        if (it == by_start.begin() || day > std::prev(it)->last) return nullptr;
        return &*std::prev(it);
    }

    void merge_pauses()
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
    void collect_plan_days(sys_days first_day)
    {
        sys_days block_start = first_day;
        for (const auto& block : program.blocks) {
            planned_starts.push_back(block_start);
            first_plan_day.push_back(plan_days.size());
            for_each_week(block, [&](int week, const ir::Content& c, bool) {
                const auto trains = training_days(c);
                const auto pattern = static_cast<std::uint8_t>(trains.to_ulong());
                for (int d = (week - 1) * 7; d < std::min(week * 7, block.length_days); ++d) {
                    const sys_days date = block_start + days{d};
                    if (trains.test(weekday{date}.c_encoding()))
                        plan_days.push_back({static_cast<std::int32_t>(date.time_since_epoch().count()), pattern});
                }
                return true;
            });
            block_start += days{block.length_days};
        }
        first_plan_day.push_back(plan_days.size());
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
    bool place_training_days()
    {
        const long long direction = program.start ? 1 : -1;
        const auto step_of = [direction](sys_days d) { return direction * static_cast<long long>(d.time_since_epoch().count()); };
        const auto date_of = [direction](long long step) { return sys_days{days{static_cast<int>(direction * step)}}; };
        const long long last_step = step_of(direction > 0 ? latest_date : earliest_date);
        const auto out_of_range = [&] {
            error(program.span, direction > 0 ? "the plan runs past the year 9999" : "planned backward, the program would start before 1900");
            return false;
        };
        struct Stretch {
            long long first, last;  // in steps
            std::size_t merged;     // index in pauses_by_start
        };
        std::vector<Stretch> stretches;  // the pauses in the order planning meets them
        stretches.reserve(pauses_by_start.size());
        for (std::size_t i = 0; i < pauses_by_start.size(); ++i) {
            const auto& p = pauses_by_start[i];
            stretches.push_back(direction > 0 ? Stretch{step_of(p.first), step_of(p.last), i} : Stretch{step_of(p.last), step_of(p.first), i});
        }
        if (direction < 0) std::reverse(stretches.begin(), stretches.end());

        const long long anchor = step_of(direction > 0 ? *program.start : *program.end);
        long long previous = anchor - 1;   // the step of the training day placed last
        long long sessions_from = anchor;  // the next block's sessions come here or later
        long long empty_from = anchor;     // where the next block begins when it has no sessions
        std::size_t pause = 0;             // the first stretch not wholly behind the last step
        const std::size_t n = program.blocks.size();
        std::vector<long long> begin(n), end(n);  // each block's first and last step
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t b = direction > 0 ? k : n - 1 - k;
            const long long length = program.blocks[b].length_days;
            const long long planned_begin =
                step_of(direction > 0 ? planned_starts[b] : planned_starts[b] + days{program.blocks[b].length_days - 1});
            const long long planned_end = planned_begin + length - 1;
            const std::size_t count = first_plan_day[b + 1] - first_plan_day[b];
            std::optional<long long> first_step, first_planned, final_step, final_planned;
            for (std::size_t j = 0; j < count; ++j) {
                TrainingDay& day = plan_days[direction > 0 ? first_plan_day[b] + j : first_plan_day[b + 1] - 1 - j];
                const long long planned = direction * day.date;
                long long step = std::max({planned, previous + 1, sessions_from});
                for (;;) {
                    // The pattern holds the day's own weekday: at most six steps.
                    while (step <= last_step && ((day.pattern >> weekday{date_of(step)}.c_encoding()) & 1u) == 0) ++step;
                    if (step > last_step) return out_of_range();
                    while (pause < stretches.size() && stretches[pause].last < step) ++pause;
                    if (pause == stretches.size() || stretches[pause].first > step) break;
                    note_moved(stretches[pause].merged, date_of(step), day.pattern, direction > 0);
                    step = stretches[pause].last + 1;
                }
                day.date = static_cast<std::int32_t>(date_of(step).time_since_epoch().count());
                previous = step;
                if (!first_step) first_step = step, first_planned = planned;
                final_step = step;
                final_planned = planned;
            }
            const long long first = first_step ? std::max(sessions_from, *first_step - (*first_planned - planned_begin)) : empty_from;
            if (k > 0) end[direction > 0 ? b - 1 : b + 1] = first - 1;
            const long long full_length = first + length - 1;
            begin[b] = first;
            end[b] = final_step ? std::max(full_length, *final_step + (planned_end - *final_planned)) : full_length;
            sessions_from = std::max(full_length, final_step.value_or(full_length)) + 1;
            empty_from = end[b] + 1;
        }
        if (n > 0 && end[direction > 0 ? n - 1 : 0] > last_step) return out_of_range();
        block_starts.resize(n);
        block_ends.resize(n);
        for (std::size_t b = 0; b < n; ++b) {
            block_starts[b] = date_of(direction > 0 ? begin[b] : end[b]);
            block_ends[b] = date_of(direction > 0 ? end[b] : begin[b]);
        }
        return true;
    }

    // A training day reached the merged pause `merged` on `reached`: each
    // pause statement of it that holds a day of `pattern` from there on
    // (in the direction of planning) moved something.
    void note_moved(std::size_t merged, sys_days reached, std::uint8_t pattern, bool forward)
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

    // A skip or a pause that changes nothing is most likely a mistake (a
    // wrong year, a weekend): each says why it changes nothing, in the
    // order they are written.
    void report_idle_ranges()
    {
        std::vector<Diagnostic> found;
        const auto warn = [&](const ir::DateRange& r, std::string message, std::vector<Note> notes = {}) {
            found.push_back({Severity::warning, r.span, std::move(message), {}, std::move(notes), {}});
        };
        const auto trains_within = [&](const ir::DateRange& r) {
            const auto first = r.first.time_since_epoch().count();
            auto it = std::lower_bound(plan_days.begin(), plan_days.end(), first, [](const TrainingDay& t, auto d) { return t.date < d; });
            return it != plan_days.end() && it->date <= r.last.time_since_epoch().count();
        };
        const auto outside = [&](const ir::DateRange& r) { return r.last < out.start || r.first > out.end; };
        const auto dates_of = [](const ir::DateRange& r) {
            return r.first == r.last ? format_date(r.first) : format_date(r.first) + ".." + format_date(r.last);
        };
        const std::string program_dates = format_date(out.start) + ".." + format_date(out.end);
        for (const auto& skip : program.skips) {
            if (trains_within(skip)) continue;
            const std::string why = "this skip drops nothing: ";
            if (outside(skip)) {
                warn(skip, why + "it lies outside the program's dates, " + program_dates);
                continue;
            }
            const auto* pause = range_holding(pauses_by_start, skip.first);
            if (pause && pause->last >= skip.last) {
                std::vector<Note> notes;
                for (const std::size_t i : pause_statements[static_cast<std::size_t>(pause - pauses_by_start.data())]) {
                    const auto& p = program.pauses[i];
                    if (p.last >= skip.first && p.first <= skip.last) {
                        notes.push_back({p.span, "the pause is here"});
                        break;
                    }
                }
                warn(skip, why + "it lies within a pause, which has no sessions", std::move(notes));
                continue;
            }
            warn(skip, why + "no training day of the program falls on " + dates_of(skip));
        }
        for (std::size_t i = 0; i < program.pauses.size(); ++i) {
            if (pause_moved_something[i]) continue;
            const auto& pause = program.pauses[i];
            const std::string why = "this pause moves nothing: ";
            if (outside(pause)) warn(pause, why + "it lies outside the program's dates, " + program_dates);
            else warn(pause, why + "no training day of the program falls on " + dates_of(pause));
        }
        std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin < b.span.begin; });
        diagnostics.insert(diagnostics.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    }

    // A block week's content: the block's own, with the week overrides that
    // cover the week (`covering`, indices into block.weeks) applied in order.
    struct WeekContent {
        ir::Content content;
        bool deload = false;
    };
    static WeekContent week_content(const ir::Block& block, const std::vector<std::uint32_t>& covering)
    {
        WeekContent out{block.content, false};
        for (const std::uint32_t i : covering) {
            const auto& w = block.weeks[i];
            ir::merge_content(out.content, w.content, "", nullptr);
            out.deload = out.deload || w.deload;
        }
        return out;
    }

    // Calls f(week, content, deload) for each week of the block in order,
    // until f returns false (then so does this): the content is the
    // block's with the week's overrides applied. Weeks covered by the same
    // overrides have the same content: it is merged once (`week 1..1000
    // { ... }` written many times would otherwise cost its length times
    // their number).
    template <typename F>
    static bool for_each_week(const ir::Block& block, F&& f)
    {
        const int block_weeks = (block.length_days + 6) / 7;
        std::map<std::vector<std::uint32_t>, WeekContent> merged_weeks;
        std::vector<std::uint32_t> covering;
        for (int week = 1; week <= block_weeks; ++week) {
            covering.clear();
            for (std::uint32_t i = 0; i < block.weeks.size(); ++i)
                if (block.weeks[i].covers(week)) covering.push_back(i);
            // Most weeks have no override: their content is the block's, not a copy of it.
            const ir::Content* content = &block.content;
            bool deload = false;
            if (!covering.empty()) {
                auto found = merged_weeks.find(covering);
                if (found == merged_weeks.end()) found = merged_weeks.emplace(covering, week_content(block, covering)).first;
                content = &found->second.content;
                deload = found->second.deload;
            }
            if (!f(week, *content, deload)) return false;
        }
        return true;
    }

    static std::bitset<7> training_days(const ir::Content& c)
    {
        if (c.days) return *c.days;
        std::bitset<7> bits;
        for (const auto& s : c.splits) bits |= s.days;
        return bits;
    }

    static int split_of(const ir::Content& c, unsigned weekday)
    {
        for (std::size_t i = 0; i < c.splits.size(); ++i)
            if (c.splits[i].days.test(weekday)) return static_cast<int>(i);
        return -1;
    }

    static const std::vector<minutes>& times_of(const ir::Content& c, int split)
    {
        static const std::vector<minutes> fallback{default_session_time};
        if (split >= 0 && c.splits[static_cast<std::size_t>(split)].session_times) return *c.splits[static_cast<std::size_t>(split)].session_times;
        if (c.session_times) return *c.session_times;
        return fallback;
    }

    static minutes length_of(const ir::Content& c, int split)
    {
        if (split >= 0 && c.splits[static_cast<std::size_t>(split)].session_length) return *c.splits[static_cast<std::size_t>(split)].session_length;
        return c.session_length.value_or(default_session_length);
    }

    ExercisePlan plan_exercise(const ir::Exercise& e, int week, int block_weeks, bool deload)
    {
        ExercisePlan plan;
        plan.name = e.name;
        plan.rest_s = e.rest_s;
        plan.span = e.span;
        std::size_t sets = e.reps.size();
        if (deload) sets = (sets + 1) / 2;
        const ir::Athlete* athlete = program.athlete;
        std::optional<double> max;
        if (athlete) {
            auto it = athlete->maxes.find(e.name);
            if (it != athlete->maxes.end()) max = it->second.amount;
        }
        const double step = athlete ? athlete->round_step.amount : 2.5;
        const auto& l = e.load;
        double value = l.from;
        bool computed = deload;
        if (l.to) {
            value = block_weeks > 1 ? l.from + (*l.to - l.from) * (week - 1) / (block_weeks - 1) : l.from;
            computed = computed || week > 1;
        }
        else if (l.per_week != 0) {
            value = l.from + l.per_week * (week - 1);
            computed = computed || week > 1;
        }
        if (deload && l.kind != ir::Load::Kind::rpe) value *= 0.9;
        if (value < 0) {
            if (reported_negative.insert(e.span.begin).second)
                error(l.span, fmt::format("the progression takes this load below zero in block week {}", week));
            value = 0;
        }
        // The limits resolve puts on a load as written hold for every week
        // a progression reaches, so no load grows past what can be meant
        // (nor, over a thousand weeks, towards what a double cannot hold).
        const double unit_kg = program.athlete && program.athlete->unit == ir::MassUnit::lb ? ir::kg_per_lb : 1.0;
        if (l.kind == ir::Load::Kind::percent && value > max_percent) {
            if (reported_negative.insert(e.span.begin).second)
                error(l.span, fmt::format("the progression takes this load above {}% of one-rep max in block week {}", max_percent, week));
            value = max_percent;
        }
        if (l.kind == ir::Load::Kind::mass && value * unit_kg > max_mass_kg) {
            if (reported_negative.insert(e.span.begin).second)
                error(l.span, fmt::format("the progression takes this load beyond any human (more than {} kg) in block week {}",
                                          max_mass_kg, week));
            value = max_mass_kg / unit_kg;
        }
        SetPlan set;
        switch (l.kind) {
        case ir::Load::Kind::none: break;
        case ir::Load::Kind::rpe: set.rpe = value; break;
        case ir::Load::Kind::percent:
            set.percent = value;
            if (max) {
                set.mass = round_load(*max * value / 100.0, step);
                if (*set.mass == 0 && value > 0) warn_rounds_to_zero(e, *max, value, step);
            }
            else plan.percent_without_max = true;
            break;
        case ir::Load::Kind::mass:
            set.mass = computed ? round_load(value, step) : value;
            if (max && *max > 0) set.percent = std::round(*set.mass / *max * 1000.0) / 10.0;
            break;
        }
        plan.sets.reserve(sets);
        for (std::size_t i = 0; i < sets; ++i) {
            set.reps = e.reps[i];
            plan.sets.push_back(set);
        }
        return plan;
    }

    std::uint32_t content_for(std::uint32_t block_index, const ir::Block& block, int week, int block_weeks, const ir::Content& c,
                              bool deload, int split)
    {
        const auto key = std::make_tuple(block_index, week, split);
        if (auto it = content_index.find(key); it != content_index.end()) return it->second;
        SessionContent sc;
        sc.deload = deload;
        sc.occlusion = c.occlusion.value_or(ir::Occlusion::unspecified);
        sc.occlusion_span = c.occlusion_span;
        sc.cuff_pressure = c.cuff_pressure;
        sc.cuff_span = c.cuff_span;
        sc.cuff_width_cm = c.cuff_width_cm;
        sc.notes = c.notes;
        sc.sessions_span = c.sessions_span.valid() ? c.sessions_span : block.span;
        sc.exercises.reserve(c.exercises.size() + (split >= 0 ? c.splits[static_cast<std::size_t>(split)].exercises.size() : 0));
        for (const auto& e : c.exercises) sc.exercises.push_back(plan_exercise(e, week, block_weeks, deload));
        if (split >= 0) {
            const auto& s = c.splits[static_cast<std::size_t>(split)];
            for (const auto& e : s.exercises) sc.exercises.push_back(plan_exercise(e, week, block_weeks, deload));
            if (s.sessions_span.valid()) sc.sessions_span = s.sessions_span;
        }
        // A content equal to one made before (a week without progression,
        // a split like another) is kept once: the contents are most of the
        // schedule's memory.
        const std::size_t hash = hash_content(sc);
        for (auto [it, last] = same_hash.equal_range(hash); it != last; ++it) {
            if (same_content(out.contents[it->second], sc)) {
                content_index.emplace(key, it->second);
                return it->second;
            }
        }
        const auto index = static_cast<std::uint32_t>(out.contents.size());
        out.contents.push_back(std::move(sc));
        content_index.emplace(key, index);
        same_hash.emplace(hash, index);
        return index;
    }

    // Walks every training day, at the date place_training_days gave it;
    // with `build` false only counts the sessions, so that the bound is
    // checked before any memory is spent on them.
    long long walk(bool build)
    {
        long long count = 0;
        std::size_t next_day = 0;  // in plan_days
        std::map<std::string, int> occurrences;
        for (std::uint32_t b = 0; b < program.blocks.size(); ++b) {
            const ir::Block& block = program.blocks[b];
            const int block_weeks = (block.length_days + 6) / 7;
            const sys_days planned_start = planned_starts[b];
            BlockPlan plan;
            if (build) {
                plan.block = &block;
                plan.name = block.name;
                plan.method = ir::method_of(block);
                plan.start = block_starts[b];
                plan.end = block_ends[b];
                plan.planned_start = planned_start;
                plan.weeks = block_weeks;
                plan.occurrence = occurrences[block.name]++;
                plan.first_session = static_cast<std::uint32_t>(out.sessions.size());
            }
            const bool walked = for_each_week(block, [&](int week, const ir::Content& c, bool deload) {
                const auto trains = training_days(c);
                std::vector<bool> splits_counted;  // by split + 1 (-1: none)
                std::vector<long long> split_sets;  // the sets of a session of that split this week
                for (int d = (week - 1) * 7; d < std::min(week * 7, block.length_days); ++d) {
                    // The weekday without the pauses names the split; the date is where the pauses put it.
                    const unsigned wd = weekday{planned_start + days{d}}.c_encoding();
                    if (!trains.test(wd)) continue;
                    const sys_days date{days{plan_days[next_day++].date}};
                    if (in_skip(date)) continue;
                    const int split = split_of(c, wd);
                    const auto& times = times_of(c, split);
                    count += static_cast<long long>(times.size());
                    if (!times.empty()) {
                        if (!first_session_date) first_session_date = date;
                        last_session_date = date;
                    }
                    if (!build) {
                        const auto at = static_cast<std::size_t>(split + 1);
                        if (splits_counted.size() <= at) {
                            splits_counted.resize(at + 1, false);
                            split_sets.resize(at + 1, 0);
                        }
                        if (!splits_counted[at]) {
                            splits_counted[at] = true;
                            for (const auto& e : c.exercises) split_sets[at] += static_cast<long long>(e.reps.size());
                            if (split >= 0)
                                for (const auto& e : c.splits[static_cast<std::size_t>(split)].exercises)
                                    split_sets[at] += static_cast<long long>(e.reps.size());
                            planned_sets += split_sets[at];
                            if (planned_sets > max_planned_sets) return false;  // plan() reports it
                        }
                        written_sets += static_cast<long long>(times.size()) * split_sets[at];
                        if (written_sets > sets_budget) return false;  // plan() reports it
                        continue;
                    }
                    const std::uint32_t content = content_for(b, block, week, block_weeks, c, deload, split);
                    const minutes length = length_of(c, split);
                    for (std::size_t k = 0; k < times.size(); ++k) {
                        Session s;
                        s.date = date;
                        s.start = times[k];
                        s.length = length;
                        s.block = b;
                        s.content = content;
                        s.week = static_cast<std::uint16_t>(week);
                        s.day = static_cast<std::uint16_t>(d);
                        s.session_of_day = static_cast<std::uint8_t>(std::min<std::size_t>(k, 255));
                        out.sessions.push_back(s);
                    }
                }
                return true;
            });
            if (!walked) return count;
            if (build) {
                plan.session_count = static_cast<std::uint32_t>(out.sessions.size()) - plan.first_session;
                out.blocks.push_back(std::move(plan));
            }
        }
        return count;
    }

    // Places the program's days and counts its sessions against the bounds,
    // allocating nothing per session. False (and reported) when the program
    // cannot be expanded; over_budget when it is --max-sessions that stops it.
    // `known_count`: the session count of an earlier plan() of this program
    // (schedule_program), so that the days need not be walked again.
    bool plan(std::optional<long long> known_count = std::nullopt)
    {
        out.program = &program;
        out.name = program.name;
        out.athlete = program.athlete ? program.athlete->name : "";
        out.unit = program.athlete ? program.athlete->unit : ir::MassUnit::kg;
        if (!program.start && !program.end) return false;  // reported by resolve
        long long total = 0;
        for (const auto& b : program.blocks) total += b.length_days;
        if (total > max_program_days) {
            error(program.span, fmt::format("the program lasts {} days; meso plans at most a thousand years ({} days)", total, max_program_days));
            return false;
        }
        const sys_days anchor = program.start ? *program.start : *program.end;
        if (anchor < earliest_date || anchor > latest_date) {
            error(program.span, "the program's dates must lie between the years 1900 and 9999");
            return false;
        }
        if (total == 0) {
            out.start = out.end = anchor;
            return true;
        }
        merge_pauses();
        collect_plan_days(program.start ? *program.start : *program.end - days{static_cast<int>(total) - 1});
        if (!place_training_days()) return false;
        out.start = block_starts.front();
        out.end = block_ends.back();
        skips_by_start = merged(program.skips);
        if (known_count) {  // planned before, by plan_schedule, which reported what is idle
            session_count = *known_count;
            return true;
        }
        report_idle_ranges();
        const long long count = walk(false);
        session_count = count;
        if (planned_sets > max_planned_sets) {
            error(program.span, fmt::format("this program plans more than {} sets (the prescriptions of every block week, "
                                            "counted once per week and split); write fewer exercises or shorter blocks",
                                            max_planned_sets));
            return false;
        }
        if (count > options.max_sessions) {
            over_budget = true;
            error(program.span, fmt::format("this program expands to {} sessions, more than --max-sessions allows ({})", count,
                                            options.max_sessions));
            return false;
        }
        if (written_sets > sets_budget) {
            over_sets_budget = true;
            error(program.span, sets_budget_message(*file_options));
            return false;
        }
        return true;
    }

    // After plan(): the sessions and their contents.
    void build()
    {
        if (planned_starts.empty()) return;  // a program of no days
        out.sessions.reserve(static_cast<std::size_t>(session_count));
        walk(true);
        out.contents.shrink_to_fit();  // the contents are most of the schedule's memory: no spare capacity
    }

    bool run()
    {
        if (!plan()) return false;
        build();
        return true;
    }
};

std::string sets_budget_message(const ScheduleOptions& options)
{
    return fmt::format("the sessions of this file hold more than {} sets in all ({} a session of --max-sessions, {}); "
                       "write fewer sets or fewer sessions, or raise --max-sessions",
                       sets_budget_of(options), options.max_sets_per_session, options.max_sessions);
}

std::string over_budget_message(long long max_sessions, long long sessions, long long used_before)
{
    return fmt::format("the programs of this file expand to more than --max-sessions ({}) sessions: this program's {} do not "
                       "fit after the {} of the programs before it; the programs after it were not expanded",
                       max_sessions, sessions, used_before);
}

}  // namespace

// --max-sessions bounds the sessions of the whole run: once the programs
// before have used the budget, the next program that does not fit says so
// and the rest are not expanded.
ScheduleResult schedule(const ir::Module& module, const ScheduleOptions& options)
{
    ScheduleResult result;
    long long budget = options.max_sessions;
    long long sets_budget = sets_budget_of(options);
    for (const auto& program : module.programs) {
        ScheduleOptions remaining = options;
        remaining.max_sessions = budget;
        Planner planner{program, remaining, result.diagnostics};
        planner.sets_budget = sets_budget;
        planner.file_options = &options;
        if (planner.run()) {
            budget -= static_cast<long long>(planner.out.sessions.size());
            sets_budget -= planner.written_sets;
            result.programs.push_back(std::move(planner.out));
        }
        else if (planner.over_sets_budget) break;
        else if (planner.over_budget && budget < options.max_sessions) {
            result.diagnostics.back().message = over_budget_message(options.max_sessions, planner.session_count, options.max_sessions - budget);
            break;
        }
    }
    return result;
}

SchedulePlan plan_schedule(const ir::Module& module, const ScheduleOptions& options)
{
    SchedulePlan result;
    long long budget = options.max_sessions;
    long long sets_budget = sets_budget_of(options);
    for (std::size_t index = 0; index < module.programs.size(); ++index) {
        const ir::Program& program = module.programs[index];
        ScheduleOptions remaining = options;
        remaining.max_sessions = budget;
        Planner planner{program, remaining, result.diagnostics};
        planner.sets_budget = sets_budget;
        planner.file_options = &options;
        const bool planned = planner.plan();
        result.diagnostic_program.resize(result.diagnostics.size(), index);
        if (!planned && planner.over_sets_budget) break;
        if (planned) {
            budget -= planner.session_count;
            sets_budget -= planner.written_sets;
            ProgramPlan plan;
            plan.program = &program;
            plan.index = index;
            plan.start = planner.out.start;
            plan.end = planner.out.end;
            plan.sessions = planner.session_count;
            plan.first_session = planner.first_session_date;
            plan.last_session = planner.last_session_date;
            result.programs.push_back(plan);
        }
        else if (planner.over_budget && budget < options.max_sessions) {
            result.diagnostics.back().message = over_budget_message(options.max_sessions, planner.session_count, options.max_sessions - budget);
            break;
        }
    }
    return result;
}

ProgramSchedule schedule_program(const ProgramPlan& plan, std::vector<Diagnostic>& diagnostics)
{
    ScheduleOptions options;
    options.max_sessions = plan.sessions;
    Planner planner{*plan.program, options, diagnostics};
    if (planner.plan(plan.sessions)) planner.build();  // planned before, so it fits
    return std::move(planner.out);
}

}  // namespace meso
