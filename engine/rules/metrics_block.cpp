// The metrics of a block: each one's sampler (its values, in order of
// date, each with its date and the span of the statement that made it) and
// describer (a failing value in words), then their rows of the metric table.
#include <algorithm>

#include "engine/base/text.h"
#include "engine/rules/metrics.h"
#include "engine/rules/units.h"

namespace meso::rules {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

// "1 week", "1.43 weeks", "2 weeks".
std::string weeks_text(double weeks) { return trim_number(weeks) + (trim_number(weeks) == "1" ? " week" : " weeks"); }

std::string session_times(const scheduling::Session* s)
{
    return format_time_of_day(s->start) + "-" + format_time_of_day(s->start + s->length);
}

long long count_of(const Sample& s) { return static_cast<long long>(s.number); }

// The block, or the blocks of one method in a row that it starts.
std::string run_text(const BlockView& view)
{
    if (view.run.blocks == 1) return "the block";
    const std::string method = view.plan.method.empty() ? "without a method" : "of method " + view.plan.method;
    return "the " + std::to_string(view.run.blocks) + " blocks " + method + " in a row (" + format_date(view.run.first) + ".." +
           format_date(view.run.last) + ")";
}

// Where the sessions of a session content are written (its `sessions` line).
Span sessions_span(const BlockView& view, const scheduling::Session* s)
{
    return or_else(view.program.contents[s->content].sessions_span, view.block.span);
}

// The one value of a metric of the block.
void take_one(SampleSink take, double number, const Span& span)
{
    Sample s;
    s.number = number;
    s.span = span;
    take(s);
}

// A value of one session; false: stop.
bool take_session(SampleSink take, const scheduling::Session* session, double number, const Span& span)
{
    Sample s;
    s.number = number;
    s.first = session;
    s.date = session->date;
    s.span = span;
    return take(s);
}

// ---------------------------------------------------------------- the block

void sample_method(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    Sample s;
    s.name = view.plan.method;
    s.span = or_else(view.block.content.method_span, view.block.span);
    take(s);
}

std::string describe_method(const BlockView&, const Sample& s, const ExerciseUse*)
{
    return s.name.empty() ? "the block has no method" : "the block's method is " + std::string(s.name);
}

void sample_bfr_block(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    Sample s;
    s.name = ir::is_bfr_block(view.block) ? "yes" : "no";
    s.span = view.block.span;
    take(s);
}

std::string describe_bfr_block(const BlockView&, const Sample& s, const ExerciseUse*)
{
    return s.name == "yes" ? "the block is a BFR block" : "the block is not a BFR block";
}

void sample_weeks(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    take_one(take, view.block.length_days / 7.0, view.block.span);
}

std::string describe_weeks(const BlockView& view, const Sample& s, const ExerciseUse*)
{
    return "the block is " + plural(view.block.length_days, "day", "days") + " (" + weeks_text(s.number) + ") long";
}

void sample_days(const BlockView& view, const ExerciseUse*, SampleSink take) { take_one(take, view.block.length_days, view.block.span); }

std::string describe_days(const BlockView& view, const Sample&, const ExerciseUse*)
{
    return "the block is " + plural(view.block.length_days, "day", "days") + " long";
}

void sample_sessions(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    take_one(take, static_cast<double>(view.sessions.size()), view.block.span);
}

std::string describe_sessions(const BlockView&, const Sample& s, const ExerciseUse*)
{
    return plural(count_of(s), "session", "sessions") + " in the block";
}

// ---------------------------------------------------------------- the block run

// A run is counted, and reported, at its first block only.
void sample_run_weeks(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    if (view.run.starts) take_one(take, view.run.length_days / 7.0, view.block.span);
}

std::string describe_run_weeks(const BlockView& view, const Sample& s, const ExerciseUse*)
{
    return run_text(view) + (view.run.blocks == 1 ? " is " : " are ") + plural(view.run.length_days, "day", "days") + " (" +
           weeks_text(s.number) + ") long";
}

void sample_run_sessions(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    if (view.run.starts) take_one(take, static_cast<double>(view.run.sessions), view.block.span);
}

std::string describe_run_sessions(const BlockView& view, const Sample& s, const ExerciseUse*)
{
    return plural(count_of(s), "session", "sessions") + " in " + run_text(view);
}

// ---------------------------------------------------------------- days and weeks

void sample_sessions_per_day(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    const auto& sessions = view.sessions;
    Sample s;
    for (std::size_t i = 0; i < sessions.size();) {
        std::size_t j = i;
        while (j < sessions.size() && sessions[j]->date == sessions[i]->date) ++j;
        s.number = static_cast<double>(j - i);
        s.date = sessions[i]->date;
        s.span = sessions_span(view, sessions[i]);
        if (!take(s)) return;
        i = j;
    }
}

std::string describe_sessions_per_day(const BlockView&, const Sample& s, const ExerciseUse*)
{
    return plural(count_of(s), "session", "sessions") + on_date(s);
}

// The whole block weeks a week metric gives values for: every one, or the
// one an `every week` is looking at.
bool in_focus(const BlockView& view, int week) { return view.focus_week == 0 || view.focus_week == week; }

void sample_days_per_week(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    const int whole = view.block.length_days / 7;
    // By week: its training days, and the last one counted (the block's
    // sessions are in order of time: a day's sessions follow each other).
    std::vector<std::pair<int, sys_days>> days_of_week(static_cast<std::size_t>(whole) + 1);
    for (const auto* session : view.sessions) {
        if (session->week < 1 || session->week > whole) continue;
        auto& [count, last] = days_of_week[session->week];
        if (count == 0 || last != session->date) ++count;
        last = session->date;
    }
    Sample s;
    for (int w = 1; w <= whole; ++w) {
        if (!in_focus(view, w)) continue;
        s.number = days_of_week[static_cast<std::size_t>(w)].first;
        s.week = w;
        s.date = view.plan.planned_start + days{7 * (w - 1)};  // block week w as planned, before any pause moved its days
        s.span = or_else(view.block.content.days_span, view.block.span);
        if (!take(s)) return;
    }
}

std::string describe_days_per_week(const BlockView&, const Sample& s, const ExerciseUse*)
{
    return plural(count_of(s), "training day", "training days") + " in block week " + std::to_string(s.week) + " (" + format_date(s.date) +
           ".." + format_date(s.date + days{6}) + ")";
}

// A BFR block's whole weeks, each numbered in the run of BFR blocks in a
// row it is part of: week 1 of a block after 3 weeks of BFR is week 4.
void sample_bfr_run_week(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    if (!ir::is_bfr_block(view.block)) return;
    const int whole = view.block.length_days / 7;
    Sample s;
    for (int w = 1; w <= whole; ++w) {
        if (!in_focus(view, w)) continue;
        const int run_week = (view.bfr_days_before + 7 * (w - 1)) / 7 + 1;  // a week of the run, counted whole
        s.number = run_week;
        s.week = w;
        s.date = view.plan.planned_start + days{7 * (w - 1)};
        s.span = view.block.span;
        if (!take(s)) return;
    }
}

std::string describe_bfr_run_week(const BlockView&, const Sample& s, const ExerciseUse*)
{
    return "week " + std::to_string(count_of(s)) + " of BFR in a row (block week " + std::to_string(s.week) + ", " + format_date(s.date) +
           ".." + format_date(s.date + days{6}) + ")";
}

// A BFR block's run of BFR blocks in a row, whole: its length in weeks.
void sample_bfr_run_weeks(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    if (ir::is_bfr_block(view.block)) take_one(take, view.bfr_run_days / 7.0, view.block.span);
}

std::string describe_bfr_run_weeks(const BlockView& view, const Sample& s, const ExerciseUse*)
{
    return "the BFR blocks in a row this block is part of are " + plural(view.bfr_run_days, "day", "days") + " (" + weeks_text(s.number) +
           ") long";
}

void sample_consecutive_training_days(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    sys_days previous{};
    bool any = false;
    Sample s;
    for (const auto* session : view.sessions) {
        if (any && session->date == previous) continue;
        any = true;
        previous = session->date;
        s.number = view.runs->ending_on(session->date);
        s.date = session->date;
        s.run_start = session->date - days{static_cast<int>(s.number) - 1};
        s.span = or_else(view.block.content.days_span, view.block.span);
        if (!take(s)) return;
    }
}

std::string describe_consecutive_training_days(const BlockView&, const Sample& s, const ExerciseUse*)
{
    return plural(count_of(s), "training day", "training days") + " in a row, " + format_date(s.run_start) + ".." + format_date(s.date);
}

// ---------------------------------------------------------------- pairs of sessions

// From the end of session a to the start of b, in seconds (negative when they overlap).
double seconds_between(const scheduling::Session* a, const scheduling::Session* b)
{
    const auto end_a = a->date + a->start + a->length;
    const auto start_b = b->date + b->start;
    return static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(start_b - end_a).count());
}

// The pairs of a session of the block and a session of the athlete's
// earlier programs (view.athlete_programs) that come one right after the
// other when both are laid out in order of start: the checks across one
// athlete's programs. False: stop.
template <typename Value> bool sample_pairs_across_programs(const BlockView& view, SampleSink take, Value value)
{
    const auto& others = view.athlete_programs->sessions;
    const auto starts = [](const scheduling::Session* s) { return s->date + s->start; };
    Sample s;
    const scheduling::Session* previous = nullptr;
    const OtherSession* previous_other = nullptr;  // set when `previous` is another program's
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < view.sessions.size() || j < others.size()) {
        const bool mine = j == others.size() || (i < view.sessions.size() && starts(view.sessions[i]) <= starts(others[j].session));
        const scheduling::Session* current = mine ? view.sessions[i++] : others[j++].session;
        const OtherSession* current_other = mine ? nullptr : &others[j - 1];
        if (previous && (previous_other == nullptr) != (current_other == nullptr)) {
            const OtherSession* other = current_other ? current_other : previous_other;
            s.number = value(seconds_between(previous, current));
            s.first = previous;
            s.second = current;
            s.date = current->date;
            s.span = sessions_span(view, current_other ? previous : current);
            s.other_program = other->program;
            s.other_span = other->span;
            if (!take(s)) return false;
        }
        previous = current;
        previous_other = current_other;
    }
    return true;
}

// From the end of each session to the start of the next, in seconds
// (negative when they overlap), as `value` makes it into the metric's
// value; then the pairs across the athlete's programs.
template <typename Value> void sample_pairs(const BlockView& view, SampleSink take, Value value)
{
    const auto& sessions = view.sessions;
    Sample s;
    for (std::size_t i = 1; i < sessions.size(); ++i) {
        s.number = value(seconds_between(sessions[i - 1], sessions[i]));
        s.first = sessions[i - 1];
        s.second = sessions[i];
        s.date = sessions[i]->date;
        s.span = sessions_span(view, sessions[i]);
        if (!take(s)) return;
    }
    if (view.athlete_programs != nullptr) sample_pairs_across_programs(view, take, value);
}

// Where a pair of sessions is: " on DAY (08:00-08:30, then 09:00)" for two
// sessions of one day, " from DAY 20:00-20:30 to DAY 08:00" across days.
// A pair across programs adds ", one of them in program 'Winter strength'".
std::string pair_text(const Sample& s)
{
    const std::string across = s.other_program ? ", one of them in program '" + s.other_program->name + "'" : "";
    if (s.first->date == s.second->date)
        return on_date(s) + " (" + session_times(s.first) + ", then " + format_time_of_day(s.second->start) + ")" + across;
    return " from " + format_weekday_date(s.first->date) + " " + session_times(s.first) + " to " + format_weekday_date(s.second->date) +
           " " + format_time_of_day(s.second->start) + across;
}

void sample_gap(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    sample_pairs(view, take, [](double gap) { return gap; });
}

std::string describe_gap(const BlockView&, const Sample& s, const ExerciseUse*)
{
    return duration_text(s.number) + " between sessions" + pair_text(s);
}

void sample_overlap(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    sample_pairs(view, take, [](double gap) { return std::max(0.0, -gap); });
}

std::string describe_overlap(const BlockView&, const Sample& s, const ExerciseUse*)
{
    return "sessions overlap by " + duration_text(s.number) + pair_text(s);
}

// ---------------------------------------------------------------- sessions

void sample_session_length(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    for (const auto* session : view.sessions)
        if (!take_session(take, session, static_cast<double>(session->length.count()) * 60, sessions_span(view, session))) return;
}

std::string describe_session_length(const BlockView&, const Sample& s, const ExerciseUse*)
{
    return "a session of " + duration_text(s.number) + on_date(s) + " (" + session_times(s.first) + ")";
}

// At the `days` that made the day a training day: what is missing is a split for it.
void sample_exercises_per_session(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    const Span days_span = or_else(view.block.content.days_span, view.block.span);
    for (const auto* session : view.sessions)
        if (!take_session(take, session, static_cast<double>(view.program.contents[session->content].exercises.size()), days_span)) return;
}

std::string describe_exercises_per_session(const BlockView&, const Sample& s, const ExerciseUse*)
{
    return (s.number == 0 ? std::string("no exercise") : plural(count_of(s), "exercise", "exercises")) + " in the session" + on_date(s) +
           " (" + session_times(s.first) + ")";
}

// The values of the session contents, each counted in the sessions that
// hold it; `value` fills in the sample, or answers false when the content
// has none.
template <typename Value> void sample_contents(const BlockView& view, SampleSink take, Value value)
{
    for (const auto& use : view.contents) {
        Sample s;
        s.first = use.first;
        s.date = use.first->date;
        s.weight = use.sessions;
        if (!value(*use.content, s)) continue;
        if (!take(s)) return;
    }
}

// Local spellings (the IR's to_string lives with resolve).
const char* occlusion_name(ir::Occlusion o)
{
    switch (o) {
    case ir::Occlusion::continuous: return "continuous";
    case ir::Occlusion::intermittent: return "intermittent";
    case ir::Occlusion::none: return "none";
    case ir::Occlusion::unspecified: return "unspecified";
    }
    return "unspecified";
}

void sample_occlusion(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    sample_contents(view, take, [&](const scheduling::SessionContent& content, Sample& s) {
        s.name = occlusion_name(content.occlusion);
        s.span = or_else(content.occlusion_span, view.block.span);
        return true;
    });
}

std::string describe_occlusion(const BlockView&, const Sample& s, const ExerciseUse*)
{
    if (s.name == "unspecified") return "no occlusion given" + on_date(s);
    return "occlusion " + std::string(s.name) + on_date(s);
}

// Why a cuff in mmHg cannot be compared with the athlete's arterial
// occlusion pressure, and what to write so that it can.
std::string why_no_aop(const BlockView& view, const scheduling::SessionContent& content)
{
    const std::string pressure = trim_number(content.cuff_pressure->value) + " mmHg";
    if (content.cuff_limb == ir::Limb::unspecified)
        return "the cuff (" + pressure +
               ") is on no limb, so it cannot be compared with the athlete's arterial occlusion pressure (AOP); write the limb (`cuff leg " +
               pressure + "`) and the athlete's AOP for it (`aop leg ... mmHg`)";
    const std::string limb = ir::to_string(content.cuff_limb);
    return "athlete " + athlete_name(view) + " has no arterial occlusion pressure (AOP) for the " + limb + " to compare the cuff (" + limb +
           " " + pressure + ") with; write `aop " + limb + " ... mmHg` on the athlete";
}

void sample_cuff_pressure(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    sample_contents(view, take, [&](const scheduling::SessionContent& content, Sample& s) {
        if (!content.cuff_pressure) return false;
        s.number = content.cuff_pressure->value;
        s.percent_aop = content.cuff_pressure->percent_aop;
        if (const ir::OcclusionPressure* aop = ir::cuff_aop(view.athlete, content.cuff_limb)) s.aop_mmhg = aop->mmhg;
        else if (!s.percent_aop) s.no_aop = why_no_aop(view, content);
        s.span = or_else(content.cuff_span, view.block.span);
        return true;
    });
}

// As written, and in the unit it was compared in when converted:
// "cuff leg 160 mmHg = 88.9% of the leg's AOP of 180 mmHg".
std::string describe_cuff_pressure(const BlockView& view, const Sample& s, const ExerciseUse*)
{
    auto text = [](double value, bool percent_aop) { return percent_aop ? format_percent(value) + "% AOP" : trim_number(value) + " mmHg"; };
    const scheduling::SessionContent* content = s.first ? &view.program.contents[s.first->content] : nullptr;
    if (!content || !content->cuff_pressure || content->cuff_pressure->percent_aop == s.percent_aop || !s.aop_mmhg)
        return "cuff " + text(s.number, s.percent_aop) + on_date(s);
    const std::string limb = ir::to_string(content->cuff_limb);
    const std::string of_aop = "the " + limb + "'s AOP of " + trim_number(*s.aop_mmhg) + " mmHg";
    const std::string converted =
        s.percent_aop ? format_percent(s.number) + "% of " + of_aop : trim_number(s.number, 1) + " mmHg with " + of_aop;
    return "cuff " + limb + " " + text(content->cuff_pressure->value, content->cuff_pressure->percent_aop) + " = " + converted + on_date(s);
}

void sample_cuff_width(const BlockView& view, const ExerciseUse*, SampleSink take)
{
    sample_contents(view, take, [&](const scheduling::SessionContent& content, Sample& s) {
        if (!content.cuff_width_cm) return false;
        s.number = *content.cuff_width_cm;
        s.span = or_else(view.block.content.cuff_width_span, or_else(content.cuff_span, view.block.span));
        return true;
    });
}

std::string describe_cuff_width(const BlockView&, const Sample& s, const ExerciseUse*)
{
    return "cuff width " + trim_number(s.number) + " cm" + on_date(s);
}

// ---------------------------------------------------------------- the table

constexpr double day_seconds = 86400;
constexpr double week_seconds = 7 * day_seconds;
constexpr std::string_view occlusion_names[] = {"continuous", "intermittent", "none", "unspecified"};
constexpr std::string_view yes_no[] = {"yes", "no"};

constexpr MetricRow rows[] = {
    {"method", Kind::name, Scope::block, {}, 0, "the block's method (bfr, strength, ...)", sample_method, describe_method},
    {"bfr-block", Kind::name, Scope::block, yes_no, 0,
     "yes for a BFR block: method bfr or kaatsu, a `cuff`, or occlusion continuous or intermittent (in the block or a week of it); else no",
     sample_bfr_block, describe_bfr_block},
    {"weeks",
     Kind::count,
     Scope::block,
     {},
     week_seconds,
     "the block's length in weeks (10 days are 1.43 weeks)",
     sample_weeks,
     describe_weeks},
    {"days", Kind::count, Scope::block, {}, day_seconds, "the block's length in days", sample_days, describe_days},
    {"sessions", Kind::count, Scope::block, {}, 0, "how many sessions the block has after `skip`", sample_sessions, describe_sessions},
    {"run-weeks",
     Kind::count,
     Scope::block_run,
     {},
     week_seconds,
     "on the first block of a run of consecutive blocks of one method: the run's length in weeks (none on the blocks that continue it)",
     sample_run_weeks,
     describe_run_weeks},
    {"run-sessions",
     Kind::count,
     Scope::block_run,
     {},
     0,
     "on the first block of a run of consecutive blocks of one method: the run's sessions after `skip` (none on the blocks that continue it)",
     sample_run_sessions,
     describe_run_sessions},
    {"sessions-per-day",
     Kind::count,
     Scope::day,
     {},
     0,
     "for each training day: its number of sessions",
     sample_sessions_per_day,
     describe_sessions_per_day},
    {"days-per-week",
     Kind::count,
     Scope::week,
     {},
     0,
     "for each whole block week: its number of training days",
     sample_days_per_week,
     describe_days_per_week},
    {"bfr-run-week",
     Kind::count,
     Scope::week,
     {},
     0,
     "for each whole block week of a BFR block: its place in the run of BFR blocks in a row (week 1 of a block after 3 weeks of BFR is 4)",
     sample_bfr_run_week,
     describe_bfr_run_week},
    {"bfr-run-weeks",
     Kind::count,
     Scope::block,
     {},
     week_seconds,
     "on a BFR block: the length in weeks of the whole run of BFR blocks in a row it is part of (one 4-week block, or 2 weeks then 2 weeks, "
     "are 4)",
     sample_bfr_run_weeks,
     describe_bfr_run_weeks},
    {"gap",
     Kind::time,
     Scope::session_pair,
     {},
     0,
     "for each pair of consecutive sessions of the block, and of a session of the block and the athlete's other program's session next to "
     "it: from the end of one to the start of the next",
     sample_gap,
     describe_gap},
    {"overlap",
     Kind::time,
     Scope::session_pair,
     {},
     0,
     "for each pair of consecutive sessions of the block, and of a session of the block and the athlete's other program's session next to "
     "it: how long they run at the same time (0 min when they do not)",
     sample_overlap,
     describe_overlap},
    {"session-length", Kind::time, Scope::session, {}, 0, "each session's duration", sample_session_length, describe_session_length},
    {"consecutive-training-days",
     Kind::count,
     Scope::day,
     {},
     0,
     "for each training day: how many training days in a row end on it, counting the program's earlier blocks",
     sample_consecutive_training_days,
     describe_consecutive_training_days},
    {"exercises-per-session",
     Kind::count,
     Scope::session,
     {},
     0,
     "for each session: how many exercises it holds",
     sample_exercises_per_session,
     describe_exercises_per_session},
    {"occlusion", Kind::name, Scope::session, occlusion_names, 0,
     "the sessions' occlusion as written (unspecified when the block says nothing)", sample_occlusion, describe_occlusion},
    {"cuff-pressure",
     Kind::pressure,
     Scope::session,
     {},
     0,
     "the sessions' cuff pressure; mmHg and % AOP are converted into each other with the athlete's `aop` for the cuffed limb: without it, mmHg cannot be known against % AOP (info) and % AOP is not compared with mmHg",
     sample_cuff_pressure,
     describe_cuff_pressure},
    {"cuff-width", Kind::length, Scope::session, {}, 0, "the cuff's width as written", sample_cuff_width, describe_cuff_width},
};
static_assert(rows_complete(rows), "every metric of the block has a name, a description, a sampler and a describer");

}  // namespace

std::span<const MetricRow> block_metric_rows() { return rows; }

}  // namespace meso::rules
