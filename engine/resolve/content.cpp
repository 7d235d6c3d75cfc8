// What a block holds: sessions, occlusion, cuff, splits, week overrides,
// allows and notes; prescriptions and their sets are in sets.cpp.
#include <algorithm>
#include <cmath>

#include "engine/base/overloaded.h"
#include "engine/resolve/resolver.h"

namespace meso::resolving {

using std::chrono::minutes;

namespace {

std::bitset<7> weekday_bits(const syntax::Weekdays& days)
{
    std::bitset<7> bits;
    for (const auto& item : days.items) {
        unsigned d = item.first.c_encoding();
        const unsigned last = item.last.c_encoding();
        bits.set(d);
        for (int guard = 0; d != last && guard < 7; ++guard) {  // mon..sun wraps through the week
            d = (d + 1) % 7;
            bits.set(d);
        }
    }
    return bits;
}

ir::Occlusion occlusion_of(const std::string& mode)
{
    if (mode == "continuous") return ir::Occlusion::continuous;
    if (mode == "intermittent") return ir::Occlusion::intermittent;
    return ir::Occlusion::none;
}

// Ranges sorted by their first week, overlapping and adjacent ones joined.
std::vector<ir::WeekRange> joined_weeks(std::vector<ir::WeekRange> weeks)
{
    std::sort(weeks.begin(), weeks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<ir::WeekRange> joined;
    for (const auto& r : weeks) {
        if (!joined.empty() && r.first <= joined.back().last + 1) joined.back().last = std::max(joined.back().last, r.last);
        else joined.push_back(r);
    }
    return joined;
}

}  // namespace

ir::Content Resolver::content_of(const std::vector<syntax::BlockStatement>& statements, const ContentContext& ctx)
{
    ir::Content content;
    for (const auto& statement : statements) {
        std::visit(
            overloaded{
                [&](const syntax::Method& n) { once(content.method, n.value.text, content.method_span, n.span, "method"); },
                [&](const syntax::Days& n) { once(content.days, weekday_bits(n.days), content.days_span, n.span, "days"); },
                [&](const syntax::Sessions& n) { sessions_of(n, content.session_times, content.session_length, content.sessions_span); },
                [&](const syntax::Occlusion& n) {
                    once(content.occlusion, occlusion_of(n.mode.text), content.occlusion_span, n.span, "occlusion");
                },
                [&](const syntax::Cuff& n) { add_cuff(content, n); },
                [&](const syntax::Prescription& n) { content.exercises.push_back(exercise_of(n, ctx)); },
                [&](const syntax::Superset& n) { add_superset(content.exercises, n, ctx); },
                [&](const syntax::Split& n) { add_split(content, n, ctx); },
                [&](const syntax::Rotation& n) { add_rotation(content, n, ctx); },
                [&](const syntax::WeekOverride& n) { add_week_override(n, ctx); },
                [&](const syntax::Alternation& n) { add_alternation(n, ctx); },
                [&](const syntax::Allow& n) {
                    if (ctx.allows) ctx.allows->push_back({n.rule.text, n.reason.value, n.span});
                },
                [&](const syntax::NoteStatement& n) { content.notes.push_back(n.text.value); },
            },
            statement.node);
    }
    return content;
}

template <typename T> void Resolver::once(std::optional<T>& field, T value, Span& field_span, const Span& span, const char* what)
{
    if (field && field_span.valid() && field_span.source == span.source && field_span.begin != span.begin)
        report(span, std::string("'") + what + "' is given twice in this block", Severity::error, {{field_span, "first given here"}});
    field = std::move(value);
    field_span = span;
}

void Resolver::sessions_of(const syntax::Sessions& s, std::optional<std::vector<minutes>>& times, std::optional<minutes>& length,
                           Span& span)
{
    // One error for the repeated times of a statement, at the first:
    // a line of thousands of them is one mistake, not thousands.
    std::vector<minutes> list;
    const syntax::ClockTime* first_repeat = nullptr;
    std::size_t repeats = 0;
    for (const auto& t : s.times) {
        if (std::find(list.begin(), list.end(), t.since_midnight) == list.end()) list.push_back(t.since_midnight);
        else if (repeats++ == 0) first_repeat = &t;
    }
    if (first_repeat)
        report(first_repeat->span,
               "the session time " + std::string(first_repeat->span.text()) + " is given twice" +
                   (repeats > 1 ? " (and " + std::to_string(repeats - 1) + " more times of this line are repeats)" : ""));
    std::sort(list.begin(), list.end());
    if (times && span.valid() && span.source == s.span.source && span.begin != s.span.begin)
        report(s.span, "'sessions' is given twice in this block", Severity::error, {{span, "first given here"}});
    times = list;
    span = s.span;
    if (s.length) {
        const double secs = seconds_of(*s.length);
        if (secs < 60) report(s.length->span, "a session lasts at least a minute");
        else if (secs > 86400) report(s.length->span, "a session lasts at most a day");
        else length = minutes{static_cast<long>(std::lround(secs / 60))};
    }
}

void Resolver::add_cuff(ir::Content& content, const syntax::Cuff& cuff)
{
    if (cuff.pressure) {
        ir::Pressure p{cuff.pressure->amount.value, cuff.pressure->unit == syntax::Unit::percent_aop};
        if ((p.percent_aop && p.value > 150) || (!p.percent_aop && p.value > 500))
            report(cuff.pressure->span, "a cuff pressure of " + std::string(cuff.pressure->span.text()) + " cannot be meant");
        once(content.cuff_pressure, p, content.cuff_span, cuff.span, "cuff");
        // The limb goes with the pressure it is written with (ir::merge_content).
        content.cuff_limb = !cuff.limb ? ir::Limb::unspecified : cuff.limb->text == "arm" ? ir::Limb::arm : ir::Limb::leg;
    }
    if (cuff.width) once(content.cuff_width_cm, cuff.width->amount.value, content.cuff_width_span, cuff.span, "cuff width");
}

// A split's or a workout's body: exercises and sessions; a note goes with the block's.
template <typename Part> void Resolver::fill_part(Part& part, ir::Content& content, const syntax::Body& body, const ContentContext& ctx,
                                                  const char* misplaced_message)
{
    const auto misplaced = [&](const syntax::BlockStatement& inner) { report(span_of(inner), misplaced_message); };
    for (const auto& inner : body.statements) {
        std::visit(overloaded{
                       [&](const syntax::Prescription& p) { part.exercises.push_back(exercise_of(p, ctx)); },
                       [&](const syntax::Superset& n) { add_superset(part.exercises, n, ctx); },
                       [&](const syntax::Sessions& n) { sessions_of(n, part.session_times, part.session_length, part.sessions_span); },
                       [&](const syntax::NoteStatement& note) { content.notes.push_back(note.text.value); },
                       [&](const syntax::Method&) { misplaced(inner); },
                       [&](const syntax::Days&) { misplaced(inner); },
                       [&](const syntax::Occlusion&) { misplaced(inner); },
                       [&](const syntax::Cuff&) { misplaced(inner); },
                       [&](const syntax::WeekOverride&) { misplaced(inner); },
                       [&](const syntax::Split&) { misplaced(inner); },
                       [&](const syntax::Rotation&) { misplaced(inner); },
                       [&](const syntax::Alternation&) { misplaced(inner); },
                       [&](const syntax::Allow&) { misplaced(inner); },
                   },
                   inner.node);
    }
}

void Resolver::add_split(ir::Content& content, const syntax::Split& s, const ContentContext& ctx)
{
    ir::Content::Split split;
    split.days = weekday_bits(s.days);
    split.span = s.span;
    fill_part(split, content, s.body, ctx, "a split holds exercises and 'sessions'; write occlusion and cuff in the block");
    // One error, naming the first split it overlaps; the overlapping split
    // is left out, so a block keeps at most seven splits and a file of
    // thousands of them stays linear.
    const auto overlap =
        std::find_if(content.splits.begin(), content.splits.end(), [&](const auto& other) { return (other.days & split.days).any(); });
    if (overlap != content.splits.end())
        report(s.span, "these weekdays already have a split", Severity::error, {{overlap->span, "the other split"}});
    else content.splits.push_back(std::move(split));
}

// `rotate drop { "A" { ... } "B" { ... } }`
void Resolver::add_rotation(ir::Content& content, const syntax::Rotation& r, const ContentContext& ctx)
{
    if (content.rotation) {
        report(r.span, "'rotate' is given twice in this block; write all the workouts in one rotation", Severity::error,
               {{content.rotation->span, "first given here"}});
        return;
    }
    ir::Content::Rotation rotation;
    rotation.span = r.span;
    rotation.drop_skipped = r.policy && r.policy->text == "drop";
    for (const auto& statement : r.workouts) {
        const auto& w = std::get<syntax::Workout>(statement.node);
        ir::Content::Workout workout;
        workout.name = w.name.value;
        workout.span = w.span;
        fill_part(workout, content, w.body, ctx, "a workout holds exercises and 'sessions'; write occlusion and cuff in the block");
        rotation.workouts.push_back(std::move(workout));
    }
    content.rotation = std::move(rotation);
}

void Resolver::add_week_override(const syntax::WeekOverride& n, const ContentContext& ctx)
{
    if (!ctx.allow_weeks || !ctx.weeks) {
        report(n.span, "a week override cannot stand here");
        return;
    }
    ir::WeekOverride w;
    w.span = n.span;
    w.deload = n.deload;
    for (const auto& item : n.weeks) w.weeks.push_back({item.first, std::min(item.last, item.first + max_block_weeks)});
    w.weeks = joined_weeks(std::move(w.weeks));
    if (n.body) {
        ContentContext inner = ctx;
        inner.allow_weeks = false;
        w.content = content_of(n.body->statements, inner);
    }
    ctx.weeks->push_back(std::move(w));
}

}  // namespace meso::resolving

namespace meso::resolving {

// `alternate { "A" { ... } "B" { ... } }`: one override a pattern, each
// covering every n-th week of the block (ir::WeekOverride::covers).
void Resolver::add_alternation(const syntax::Alternation& n, const ContentContext& ctx)
{
    if (!ctx.allow_weeks || !ctx.weeks) {
        report(n.span, "'alternate' cannot stand here; write it in the block itself");
        return;
    }
    const auto earlier = std::find_if(ctx.weeks->begin(), ctx.weeks->end(), [](const ir::WeekOverride& w) { return w.pattern; });
    if (earlier != ctx.weeks->end()) {
        report(n.span, "'alternate' is given twice in this block; write all the week patterns in one 'alternate'", Severity::error,
               {{earlier->span, "first given here"}});
        return;
    }
    if (n.patterns.size() < 2) return;  // reported by the parser
    ContentContext inner = ctx;
    inner.allow_weeks = false;
    const int count = static_cast<int>(n.patterns.size());
    for (int i = 0; i < count; ++i) {
        const auto& p = std::get<syntax::WeekPattern>(n.patterns[static_cast<std::size_t>(i)].node);
        ir::WeekOverride w;
        w.span = p.span;
        w.pattern = ir::WeekPattern{p.name.value, i, count};
        w.content = content_of(p.body.statements, inner);
        ctx.weeks->push_back(std::move(w));
    }
}

}  // namespace meso::resolving
