// Programs: one per athlete they are for (groups.cpp says which); their
// dates, competitions, time zone, coach, skips and pauses, and blocks.
#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "engine/base/overloaded.h"
#include "engine/base/suggest.h"
#include "engine/base/text.h"
#include "engine/base/timezone.h"
#include "engine/resolve/resolver.h"

namespace meso::resolving {

namespace {

std::chrono::sys_days day_of(const syntax::Date& d) { return std::chrono::sys_days{d.value}; }

ir::DateRange range_of(const syntax::DateRange& dates, const std::optional<syntax::Text>& reason, const Span& span)
{
    return {day_of(dates.first), day_of(dates.last), reason ? reason->value : "", span};
}

// Which of some date ranges (which may overlap) holds a day, in log time: a
// file may hold thousands of skips. By first day, with for each the range
// reaching furthest among it and those before.
class RangeIndex {
public:
    explicit RangeIndex(const std::vector<ir::DateRange>& ranges)
    {
        for (const auto& r : ranges) sorted_.push_back(&r);
        std::sort(sorted_.begin(), sorted_.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
        for (const auto* r : sorted_) furthest_.push_back(furthest_.empty() || furthest_.back()->last < r->last ? r : furthest_.back());
    }
    const ir::DateRange* holding(std::chrono::sys_days day) const
    {
        auto after = std::upper_bound(sorted_.begin(), sorted_.end(), day, [](auto d, const auto* r) { return d < r->first; });
        if (after == sorted_.begin()) return nullptr;
        const auto* reaching = furthest_[static_cast<std::size_t>(after - sorted_.begin()) - 1];
        return reaching->last >= day ? reaching : nullptr;
    }

private:
    std::vector<const ir::DateRange*> sorted_;
    std::vector<const ir::DateRange*> furthest_;
};

}  // namespace

void Resolver::resolve_programs()
{
    if (!main_) return;
    syntax::File* owned = nullptr;  // the main file as this compilation owns it: its statements can go
    for (auto& file : c_.files)
        if (&file == main_) owned = &file;
    for (std::size_t i = 0; i < main_->statements.size(); ++i) {
        const auto* p = std::get_if<syntax::Program>(&main_->statements[i].node);
        if (p == nullptr) continue;
        owned_program_ = owned != nullptr ? &std::get<syntax::Program>(owned->statements[i].node) : nullptr;
        expand_program(*p);
        hand_on_programs();
    }
    owned_program_ = nullptr;
    if (options_.resolved_program && error_so_far()) let_statements_go();
}

// A file with an error is not scheduled: no program's blocks are resolved again.
void Resolver::let_statements_go()
{
    for (auto& origin : origins_) {
        if (origin.syntax != nullptr) std::vector<syntax::ProgramStatement>().swap(origin.syntax->statements);
        origin.syntax = nullptr;
    }
    resolutions_left_.clear();
}

// The programs resolved since the last call, to ResolveOptions::resolved_program
// while the file has no error (nothing is planned after one), then without their blocks.
void Resolver::hand_on_programs()
{
    if (!options_.resolved_program) return;
    for (std::size_t i = handed_on_; i < c_.module.programs.size(); i = ++handed_on_) {
        if (!error_so_far()) options_.resolved_program(c_.module.programs[i], i);
        if (origins_[i].syntax != nullptr) let_blocks_go(i);  // else they could not be resolved again
    }
}

bool Resolver::error_so_far()
{
    const auto& diagnostics = c_.diagnostics;
    diagnostics_seen_ = std::min(diagnostics_seen_, diagnostics.size());  // a group's findings alike for several were merged
    for (; diagnostics_seen_ < diagnostics.size() && !error_seen_; ++diagnostics_seen_)
        error_seen_ = diagnostics[diagnostics_seen_].severity == Severity::error;
    return error_seen_;
}

// `supersets`: supersets_ before the program was resolved.
void Resolver::add_program(ir::Program program, int supersets)
{
    c_.module.programs.push_back(std::move(program));
    if (!options_.resolved_program) return;
    origins_.push_back({owned_program_, supersets, false});
    if (owned_program_ != nullptr) ++resolutions_left_[owned_program_];
}

void Resolver::resolve_blocks_again(std::size_t index, bool last)
{
    ProgramOrigin& origin = origins_.at(index);
    if (!origin.let_go) return;
    if (origin.syntax == nullptr)  // a caller's mistake, never the file's: said, not scheduled without blocks
        throw std::logic_error("the blocks of program '" + c_.module.programs[index].name + "' were asked for after their last resolution");
    ir::Program& program = c_.module.programs[index];
    std::vector<Diagnostic> said;  // what resolving the program says was said the first time
    std::swap(said, c_.diagnostics);
    const int supersets = supersets_;
    supersets_ = origin.supersets;
    ir::Program again = program_of(*origin.syntax, program.athlete, /*blocks_only=*/true);
    supersets_ = supersets;
    std::swap(said, c_.diagnostics);
    program.blocks = std::move(again.blocks);
    origin.let_go = false;
    if (!last) return;
    syntax::Program* statement = origin.syntax;
    origin.syntax = nullptr;
    if (--resolutions_left_.at(statement) == 0) {
        resolutions_left_.erase(statement);
        std::vector<syntax::ProgramStatement>().swap(statement->statements);
    }
}

void Resolver::let_blocks_go(std::size_t index)
{
    ProgramOrigin& origin = origins_.at(index);
    std::vector<ir::Block>().swap(c_.module.programs[index].blocks);
    origin.let_go = true;
}

// One program per athlete it is for, each resolved with the athlete's
// units and maxes. The diagnostics of a program written for a group or
// several athletes name the athlete, and those alike for several are one.
void Resolver::expand_program(const syntax::Program& p)
{
    const ProgramAthletes for_whom = athletes_of(p);
    if (!for_whom.one_of_several) {
        const int supersets = supersets_;
        ir::Program program = program_of(p, for_whom.athletes.front());
        add_program(std::move(program), supersets);
        return;
    }
    const std::size_t blocks = blocks_made(p.statements);
    const std::size_t copies = for_whom.athletes.size();
    if (blocks * copies > max_expanded_blocks - std::min(expanded_blocks_, max_expanded_blocks)) {
        report(p.athletes.front().span, "this program for " + std::to_string(copies) + " athletes would expand to " +
                                            std::to_string(blocks * copies) + " blocks, and meso expands at most " +
                                            std::to_string(max_expanded_blocks) +
                                            " from programs written for groups in a file: split the group, or the file");
        return;
    }
    expanded_blocks_ += blocks * copies;
    const std::size_t mark = c_.diagnostics.size();
    for (const ir::Athlete* athlete : for_whom.athletes) {
        const std::size_t before = c_.diagnostics.size();
        const int supersets = supersets_;
        ir::Program program = program_of(p, athlete);
        program.one_of_several = true;
        if (athlete) name_athlete(c_.diagnostics, before, athlete->name);
        add_program(std::move(program), supersets);
        hand_on_programs();  // each athlete's copy let go before the next is made
    }
    merge_shared_findings(c_.diagnostics, mark);
}

ir::Program Resolver::program_of(const syntax::Program& p, const ir::Athlete* athlete, bool blocks_only)
{
    ir::Program program;
    program.name = p.name.value;
    program.span = p.span;
    program.athlete = athlete;
    // Room for the blocks the statements make: grown by doubling, a program
    // of 10,000 repeated weeks left the smaller copies resident beside it.
    program.blocks.reserve(std::min(blocks_made(p.statements), static_cast<std::size_t>(max_blocks)));
    std::optional<Span> start_span, end_span;
    bool too_many_blocks = false;  // reported once, at the first block past the bound
    const auto add_block = [&](const syntax::BlockUse& n) {
        if (program.blocks.size() >= static_cast<std::size_t>(max_blocks)) {
            if (!too_many_blocks) report(n.span, "a program holds at most " + std::to_string(max_blocks) + " blocks");
            too_many_blocks = true;
            return;
        }
        if (auto b = block_of(n, program.athlete)) program.blocks.push_back(std::move(*b));
    };
    for (const auto& s : p.statements) {
        if (blocks_only && !std::holds_alternative<syntax::BlockUse>(s.node) && !std::holds_alternative<syntax::Repeat>(s.node)) continue;
        std::visit(
            overloaded{
                [&](const syntax::Start& n) {
                    if (start_span) report(n.span, "'start' is given twice", Severity::error, {{*start_span, "first given here"}});
                    program.start = day_of(n.date);
                    start_span = n.span;
                },
                [&](const syntax::End& n) {
                    if (end_span) report(n.span, "'end' is given twice", Severity::error, {{*end_span, "first given here"}});
                    program.end = day_of(n.date);
                    program.end_written = true;
                    end_span = n.span;
                },
                [&](const syntax::Competition& n) { add_competition(program, n); },
                [&](const syntax::Timezone& n) {
                    program.timezone = n.zone.text;
                    if (auto unknown = check_timezone(n.zone.text, n.zone.span)) c_.diagnostics.push_back(std::move(*unknown));
                    program.timezone_span = n.zone.span;
                },
                [&](const syntax::Coach& n) {
                    program.coach = ir::Coach{n.name.value, n.email ? n.email->value : "", n.span};
                },
                [&](const syntax::CalendarId& n) {
                    if (program.calendar_id_span.valid())
                        report(n.span, "'calendar-id' is given twice", Severity::error, {{program.calendar_id_span, "first given here"}});
                    program.calendar_id = n.id.value;
                    program.calendar_id_span = n.span;
                },
                [&](const syntax::Skip& n) { program.skips.push_back(range_of(n.dates, n.reason, n.span)); },
                [&](const syntax::Pause& n) { program.pauses.push_back(range_of(n.dates, n.reason, n.span)); },
                add_block,
                [&](const syntax::Repeat& n) { add_repeat(program, n, too_many_blocks); },
            },
            s.node);
    }
    program.blocks.shrink_to_fit();  // read for every session; grown by doubling as the blocks were read
    if (blocks_only) return program;
    if (start_span && end_span)
        report(*end_span, "a program has 'start' or 'end', not both: 'end' plans backward from the last day", Severity::error,
               {{*start_span, "'start' is here"}});
    check_competition_days(program);
    if (!start_span && !end_span && !program.competitions.empty()) {
        // Planned backward to end the day before the last competition.
        const auto last = std::max_element(program.competitions.begin(), program.competitions.end(),
                                           [](const auto& a, const auto& b) { return a.date < b.date; });
        program.end = last->date - std::chrono::days{1};
    }
    if (!start_span && !end_span && program.competitions.empty() && !syntax_error_within(p.span))
        report(p.name.span, "the program needs 'start DATE' (or 'end DATE', or a 'competition DATE \"name\"' without either, to plan "
                            "backward to a competition)");
    // 'EST' where the place changes its clocks: the sessions would move an hour in summer.
    if (const auto around = program.start ? program.start : program.end; around && !program.timezone.empty())
        if (auto fixed = zone_without_daylight_saving(program.timezone, *around)) report(program.timezone_span, *fixed, Severity::warning);
    return program;
}

// `competition DATE "name"`: one competition a day.
void Resolver::add_competition(ir::Program& program, const syntax::Competition& n)
{
    const auto day = day_of(n.date);
    for (const auto& c : program.competitions) {
        if (c.date == day) {
            report(n.span,
                   "two competitions on " + format_date(day) + ": a day holds one competition; give it one name, or correct the date",
                   Severity::error, {{c.span, "\"" + c.name + "\" is on that day"}});
            return;
        }
    }
    program.competitions.push_back({day, n.name.value, n.span});
}

// A competition is a day without training: in a pause (which moves the
// sessions past it) or on a skipped day it contradicts the plan, and is
// most likely a wrong date.
void Resolver::check_competition_days(ir::Program& program)
{
    if (program.competitions.empty()) return;
    const RangeIndex pauses(program.pauses), skips(program.skips);
    for (const auto& c : program.competitions) {
        if (const auto* pause = pauses.holding(c.date))
            report(c.span,
                   "this competition is within a pause: a pause moves training past its days, so the plan would not lead to it; "
                   "shorten the pause, or correct the competition's date",
                   Severity::error, {{pause->span, "the pause is here"}});
        else if (const auto* skip = skips.holding(c.date))
            report(c.span,
                   "this competition is on a skipped day: a competition already has no training; remove the skip, or correct "
                   "the competition's date",
                   Severity::error, {{skip->span, "the skip is here"}});
    }
}

// A statement the parser could not read may be the one that is missing;
// saying it is missing as well would repeat the syntax error.
bool Resolver::syntax_error_within(const Span& span) const
{
    for (const auto& d : c_.diagnostics)
        if (d.severity == Severity::error && d.span.source == span.source && d.span.begin >= span.begin && d.span.begin < span.end)
            return true;
    return false;
}

}  // namespace meso::resolving
