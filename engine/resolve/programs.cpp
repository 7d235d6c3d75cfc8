// Programs: one per athlete they are for (groups.cpp says which); their
// dates, time zone, coach, skips and pauses, and blocks.
#include <algorithm>
#include <unordered_map>

#include "engine/base/overloaded.h"
#include "engine/base/suggest.h"
#include "engine/base/timezone.h"
#include "engine/resolve/resolver.h"

namespace meso::resolving {

namespace {

std::chrono::sys_days day_of(const syntax::Date& d) { return std::chrono::sys_days{d.value}; }

ir::DateRange range_of(const syntax::DateRange& dates, const std::optional<syntax::Text>& reason, const Span& span)
{
    return {day_of(dates.first), day_of(dates.last), reason ? reason->value : "", span};
}

}  // namespace

void Resolver::resolve_programs()
{
    if (!main_) return;
    for (const auto& statement : main_->statements) {
        if (const auto* p = std::get_if<syntax::Program>(&statement.node)) expand_program(*p);
    }
}

// One program per athlete it is for, each resolved with the athlete's
// units and maxes. The diagnostics of a program written for a group or
// several athletes name the athlete, and those alike for several are one.
void Resolver::expand_program(const syntax::Program& p)
{
    const ProgramAthletes for_whom = athletes_of(p);
    if (!for_whom.one_of_several) {
        c_.module.programs.push_back(program_of(p, for_whom.athletes.front()));
        return;
    }
    std::size_t blocks = 0;
    for (const auto& s : p.statements) blocks += std::holds_alternative<syntax::BlockUse>(s.node) ? 1 : 0;
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
        ir::Program program = program_of(p, athlete);
        program.one_of_several = true;
        if (athlete) name_athlete(c_.diagnostics, before, athlete->name);
        c_.module.programs.push_back(std::move(program));
    }
    merge_shared_findings(c_.diagnostics, mark);
}

ir::Program Resolver::program_of(const syntax::Program& p, const ir::Athlete* athlete)
{
    ir::Program program;
    program.name = p.name.value;
    program.span = p.span;
    program.athlete = athlete;
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
        std::visit(overloaded{
                       [&](const syntax::Start& n) {
                           if (start_span) report(n.span, "'start' is given twice", Severity::error, {{*start_span, "first given here"}});
                           program.start = day_of(n.date);
                           start_span = n.span;
                       },
                       [&](const syntax::End& n) {
                           if (end_span) report(n.span, "'end' is given twice", Severity::error, {{*end_span, "first given here"}});
                           program.end = day_of(n.date);
                           end_span = n.span;
                       },
                       [&](const syntax::Timezone& n) {
                           program.timezone = n.zone.text;
                           if (auto unknown = check_timezone(n.zone.text, n.zone.span)) c_.diagnostics.push_back(std::move(*unknown));
                           program.timezone_span = n.zone.span;
                       },
                       [&](const syntax::Coach& n) {
                           program.coach = ir::Coach{n.name.value, n.email ? n.email->value : "", n.span};
                       },
                       [&](const syntax::Skip& n) { program.skips.push_back(range_of(n.dates, n.reason, n.span)); },
                       [&](const syntax::Pause& n) { program.pauses.push_back(range_of(n.dates, n.reason, n.span)); },
                       add_block,
                   },
                   s.node);
    }
    if (start_span && end_span)
        report(*end_span, "a program has 'start' or 'end', not both: 'end' plans backward from the last day", Severity::error,
               {{*start_span, "'start' is here"}});
    if (!start_span && !end_span && !syntax_error_within(p.span))
        report(p.name.span, "the program needs 'start DATE' (or 'end DATE' to plan backward from a competition)");
    // 'EST' where the place changes its clocks: the sessions would move an hour in summer.
    if (const auto around = program.start ? program.start : program.end; around && !program.timezone.empty())
        if (auto fixed = zone_without_daylight_saving(program.timezone, *around)) report(program.timezone_span, *fixed, Severity::warning);
    return program;
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
