// Blocks: `3 weeks "Name" { ... }` written in place, or `10 weeks
// powerlifting { ... }` made from a template with the use's overrides.
#include <algorithm>
#include <array>

#include "engine/base/suggest.h"
#include "engine/base/text.h"
#include "engine/base/units.h"
#include "engine/resolve/resolver.h"

namespace meso::resolving {

namespace {

std::string capitalised(std::string s)
{
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

// The weekdays of `bits`, Monday first, as weeks are written.
std::vector<unsigned> in_week_order(const std::bitset<7>& bits)
{
    std::vector<unsigned> out;
    for (unsigned k = 1; k <= 7; ++k)
        if (bits.test(k % 7)) out.push_back(k % 7);
    return out;
}

// "mon, wed, fri" for the weekdays list[from..to).
std::string weekday_list(const std::vector<unsigned>& list, std::size_t from, std::size_t to)
{
    std::string text;
    for (std::size_t i = from; i < to; ++i) {
        if (i > from) text += ", ";
        text += weekday_keyword(std::chrono::weekday{list[i]});
    }
    return text;
}

// Each split's days through `image` (weekday → weekday, -1: gone); a split left without a day goes.
void move_splits(std::vector<ir::Content::Split>& splits, const std::array<int, 7>& image)
{
    for (auto& split : splits) {
        std::bitset<7> days;
        for (unsigned d = 0; d < 7; ++d)
            if (split.days.test(d) && image[d] >= 0) days.set(static_cast<std::size_t>(image[d]));
        split.days = days;
    }
    splits.erase(std::remove_if(splits.begin(), splits.end(), [](const ir::Content::Split& split) { return split.days.none(); }),
                 splits.end());
}

// The IR is built once and read for every session: its vectors, grown by
// doubling as the statements were read, keep no spare capacity. Blocks,
// their sets and exercises were a third of a large file's peak memory
// (docs/performance.md, *What limits memory*).
// The week overrides `statements` can make, so that a block's are made in
// room reserved for them: grown by doubling, a program of thousands of
// week overrides held one and a half times their size, and twice more
// while trim copied them.
std::size_t week_overrides_in(const std::vector<syntax::BlockStatement>& statements)
{
    std::size_t count = 0;
    for (const auto& statement : statements) {
        if (std::holds_alternative<syntax::WeekOverride>(statement.node)) ++count;
        else if (const auto* alternation = std::get_if<syntax::Alternation>(&statement.node)) count += alternation->patterns.size();
    }
    return count;
}

void trim(std::vector<ir::Exercise>& exercises)
{
    exercises.shrink_to_fit();
    for (auto& e : exercises) e.sets.shrink_to_fit();
}

void trim(ir::Content& content)
{
    trim(content.exercises);
    content.splits.shrink_to_fit();
    for (auto& split : content.splits) trim(split.exercises);
    if (content.rotation) {
        content.rotation->workouts.shrink_to_fit();
        for (auto& workout : content.rotation->workouts) trim(workout.exercises);
    }
    content.notes.shrink_to_fit();
}

}  // namespace

std::optional<ir::Block> Resolver::block_of(const syntax::BlockUse& use, const ir::Athlete* athlete)
{
    ir::Block block;
    block.span = use.span;
    const double amount = use.length.amount.value;
    if (use.length.unit != syntax::Unit::day && use.length.unit != syntax::Unit::week) return std::nullopt;  // reported by the parser
    const double days = amount * (*seconds_in(use.length.unit) / *seconds_in(syntax::Unit::day));
    if (days < 1) {
        report(use.length.span, "a block lasts at least one day; '" + std::string(use.length.span.text()) + "' has none");
        return std::nullopt;
    }
    if (days > max_block_weeks * 7.0) {
        report(use.length.span, "a block lasts at most " + std::to_string(max_block_weeks) + " weeks");
        return std::nullopt;
    }
    block.length_days = static_cast<int>(days);
    ContentContext ctx;
    ctx.athlete = athlete;
    ctx.weeks = &block.weeks;
    ctx.allows = &block.allows;
    if (use.target.quoted) {
        block.name = use.target.text;
        if (use.body) {
            block.weeks.reserve(week_overrides_in(use.body->statements));
            block.content = content_of(use.body->statements, ctx);
        }
    }
    else if (!apply_template(block, use, ctx)) {
        return std::nullopt;
    }
    if (!use.target.quoted && use.as_name) block.name = use.as_name->value;
    check_week_overrides(block, use.target.quoted);
    check_rotation(block);
    trim(block.content);
    block.weeks.shrink_to_fit();
    for (auto& week : block.weeks) trim(week.content);
    return block;
}

// A rotation's workouts follow one another on the block's `days`; a split
// would say otherwise what a weekday holds.
void Resolver::check_rotation(const ir::Block& block)
{
    if (!block.content.rotation) return;
    const auto& rotation = *block.content.rotation;
    if (!block.content.days)
        report(rotation.span,
               "a rotation needs the block's training days: write 'days mon wed fri' in the block, and its workouts follow one another "
               "on those days, whatever the weekday");
    const ir::Content::Split* split = block.content.splits.empty() ? nullptr : &block.content.splits.front();
    for (const auto& w : block.weeks)
        if (!split && !w.content.splits.empty()) split = &w.content.splits.front();
    if (split)
        report(rotation.span,
               "a block has splits or a rotation, not both: the rotation's workouts say what each training day holds; write the "
               "split's exercises in a workout, or in the block for every session",
               Severity::error, {{split->span, "the split"}});
}

// The template's content and weeks, then the use's overrides on them. False
// (and reported) when there is no such template.
bool Resolver::apply_template(ir::Block& block, const syntax::BlockUse& use, const ContentContext& ctx)
{
    auto it = templates_.find(use.target.text);
    if (it == templates_.end()) {
        report_unknown_template(use.target);
        return false;
    }
    const syntax::Template& t = *it->second;
    block.template_name = t.name.text;
    block.template_span = t.span;
    block.name = use.as_name ? use.as_name->value : capitalised(t.name.text);
    block.weeks.reserve(week_overrides_in(t.body.statements) + (use.body ? week_overrides_in(use.body->statements) : 0));
    block.content = content_of(t.body.statements, ctx);
    if (!use.body) return true;
    std::vector<ir::WeekOverride> use_weeks;
    use_weeks.reserve(week_overrides_in(use.body->statements));
    ContentContext over_ctx = ctx;
    over_ctx.weeks = &use_weeks;
    auto over = content_of(use.body->statements, over_ctx);
    const std::size_t template_weeks = block.weeks.size();
    ir::merge_content(block.content, over, "this use of '" + t.name.text + "'", &c_.diagnostics);
    move_template_splits(block, template_weeks, over, use_weeks, t);
    // The use's `alternate` stands instead of the template's, as a rotation does.
    if (std::any_of(use_weeks.begin(), use_weeks.end(), [](const ir::WeekOverride& w) { return w.pattern.has_value(); }))
        block.weeks.erase(std::remove_if(block.weeks.begin(), block.weeks.end(), [](const ir::WeekOverride& w) { return w.pattern; }),
                          block.weeks.end());
    for (auto& w : use_weeks) {
        report_weeks_past_end(w, weeks_of(block.length_days));
        block.weeks.push_back(std::move(w));
    }
    return true;
}

void Resolver::report_unknown_template(const syntax::Name& target)
{
    std::vector<std::string> names;
    for (const auto& [name, t] : templates_) names.push_back(name);
    std::string message = "unknown template '" + target.text + "'";
    auto near = closest_match(target.text, names);
    auto lib = near ? std::nullopt : library_module_of_template(target.text);
    if (near) message += "; did you mean '" + *near + "'?";
    else if (lib) message += "; it is in " + *lib + ": add 'use " + *lib + "'";
    else if (!names.empty()) {
        message += "; the templates are ";
        for (std::size_t i = 0; i < names.size(); ++i) message += (i ? ", " : "") + names[i];
    }
    report(target.span, message);
}

// Week overrides name exercises the block has; their spelling is checked
// once the block is whole. A template's weeks past the end of a shorter use
// are simply not reached; a block's own (`written_in_place`) are a mistake.
void Resolver::check_week_overrides(ir::Block& block, bool written_in_place)
{
    const auto known = ir::exercise_names(block.content);
    const int weeks = weeks_of(block.length_days);
    for (auto& w : block.weeks) {
        for (auto& e : w.content.exercises) {
            if (std::find(known.begin(), known.end(), e.name) != known.end()) continue;
            if (auto near = closest_match(e.name, known))
                report(e.span, "unknown exercise '" + e.name + "' in " +
                                   (w.pattern ? "the week pattern \"" + w.pattern->name + "\"" : std::string("this week override")) +
                                   "; did you mean '" + *near + "'?");
        }
        if (written_in_place) report_weeks_past_end(w, weeks);
    }
}

// One warning an override, however many of its weeks lie past the end.
void Resolver::report_weeks_past_end(const ir::WeekOverride& w, int block_weeks)
{
    if (w.weeks.empty() || w.weeks.back().last <= block_weeks) return;
    const auto first_past = std::find_if(w.weeks.begin(), w.weeks.end(), [&](const auto& r) { return r.last > block_weeks; });
    const int from = std::max(first_past->first, block_weeks + 1), to = w.weeks.back().last;
    const std::string block = " past the end of this " + std::to_string(block_weeks) + "-week block";
    if (from == to) report(w.span, "week " + std::to_string(from) + " is" + block, Severity::warning);
    else report(w.span, "weeks " + std::to_string(from) + " to " + std::to_string(to) + " are" + block, Severity::warning);
}

// `10 weeks powerlifting { days tue thu sat }`: the template's splits
// are on mon, wed and fri, none of which trains any more. Rather than
// sessions without exercises, the splits move in order onto the new days
// (mon → tue, wed → thu, fri → sat), in the template's week overrides
// too, and an info says so. When a split day stays a training day, or
// the use writes splits of its own, nothing moves: a day left without
// exercises is std.general's finding (general.no-exercises).
void Resolver::move_template_splits(ir::Block& block, std::size_t template_weeks, const ir::Content& over,
                                    const std::vector<ir::WeekOverride>& use_weeks, const syntax::Template& t)
{
    if (!over.days || !over.splits.empty()) return;
    for (const auto& w : use_weeks)
        if (!w.content.splits.empty()) return;
    std::bitset<7> split_days;
    for (const auto& split : block.content.splits) split_days |= split.days;
    for (std::size_t i = 0; i < template_weeks; ++i)
        for (const auto& split : block.weeks[i].content.splits) split_days |= split.days;
    if (split_days.none() || (split_days & *over.days).any()) return;
    const auto old_days = in_week_order(split_days);
    const auto new_days = in_week_order(*over.days);
    const std::size_t moved = std::min(old_days.size(), new_days.size());
    std::array<int, 7> image;
    image.fill(-1);
    std::string moves;
    for (std::size_t i = 0; i < moved; ++i) {
        image[old_days[i]] = static_cast<int>(new_days[i]);
        if (i) moves += ", ";
        moves +=
            std::string(weekday_keyword(std::chrono::weekday{old_days[i]})) + " → " + weekday_keyword(std::chrono::weekday{new_days[i]});
    }
    move_splits(block.content.splits, image);
    for (std::size_t i = 0; i < template_weeks; ++i) move_splits(block.weeks[i].content.splits, image);
    const std::string template_days = weekday_list(old_days, 0, old_days.size());
    report(over.days_span,
           "none of the template's split days (" + template_days + ") is a training day here: its splits move in order, " + moves,
           Severity::info, {{t.span, "template '" + t.name.text + "' is defined here"}});
    if (old_days.size() <= new_days.size()) return;
    const std::size_t left = old_days.size() - moved;
    report(over.days_span,
           std::to_string(new_days.size()) + (new_days.size() == 1 ? " training day" : " training days") + " for the template's " +
               std::to_string(old_days.size()) + " split days (" + template_days + "): the split" + (left > 1 ? "s of " : " of ") +
               weekday_list(old_days, moved, old_days.size()) + (left > 1 ? " are left out" : " is left out"),
           Severity::warning);
}

}  // namespace meso::resolving
