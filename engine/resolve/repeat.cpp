// `repeat 4 { 3 weeks five-three-one; 1 week deload }`: the body's blocks
// resolved once and copied for each cycle, each copy knowing its cycle and
// what `training-max squat +5 kg per cycle` added to the training maxes by
// then (docs/language.md, "Cycles").
#include <algorithm>
#include <cmath>
#include <set>

#include "engine/base/overloaded.h"
#include "engine/base/text.h"
#include "engine/resolve/resolver.h"

namespace meso::resolving {

namespace {

// The cycles a repeat runs: its count as written when the parser accepted it (1 to 100), else none.
std::size_t runs_of(const syntax::Repeat& r)
{
    const double count = r.count.value;
    return count >= 1 && count == std::floor(count) && count <= 1e6 ? static_cast<std::size_t>(count) : 0;
}

std::size_t blocks_in(const std::vector<syntax::RepeatStatement>& statements)
{
    std::size_t blocks = 0;
    for (const auto& s : statements) {
        if (std::holds_alternative<syntax::BlockUse>(s.node)) ++blocks;
        else if (const auto* inner = std::get_if<syntax::Repeat>(&s.node)) blocks += runs_of(*inner) * blocks_in(inner->statements);
    }
    return blocks;
}

// What copying a block costs: its prescriptions and their runs of sets, in
// its content, its splits and its week overrides.
std::size_t weight_of(const ir::Content& c)
{
    std::size_t weight = 1;
    for (const auto& e : c.exercises) weight += 1 + e.sets.size();
    for (const auto& split : c.splits)
        for (const auto& e : split.exercises) weight += 1 + e.sets.size();
    if (c.rotation)
        for (const auto& w : c.rotation->workouts)
            for (const auto& e : w.exercises) weight += 1 + e.sets.size();
    return weight;
}

std::size_t weight_of(const std::vector<ir::Block>& blocks)
{
    std::size_t weight = 0;
    for (const auto& b : blocks) {
        weight += weight_of(b.content);
        for (const auto& w : b.weeks) weight += weight_of(w.content);
    }
    return weight;
}

}  // namespace

std::size_t blocks_made(const std::vector<syntax::ProgramStatement>& statements)
{
    std::size_t blocks = 0;
    for (const auto& s : statements) {
        if (std::holds_alternative<syntax::BlockUse>(s.node)) ++blocks;
        else if (const auto* r = std::get_if<syntax::Repeat>(&s.node)) blocks += runs_of(*r) * blocks_in(r->statements);
    }
    return blocks;
}

// The repeat's blocks after the program's, within the program's bound on
// blocks (said once, at the repeat's count, before anything is copied).
void Resolver::add_repeat(ir::Program& program, const syntax::Repeat& r, bool& too_many_blocks)
{
    if (too_many_blocks) return;
    const std::size_t room = static_cast<std::size_t>(max_blocks) - std::min(program.blocks.size(), static_cast<std::size_t>(max_blocks));
    const std::size_t made = runs_of(r) * blocks_in(r.statements);
    if (made > room) {
        report(r.count.span, "this repeat makes " + std::to_string(made) + " blocks, and a program holds at most " +
                                 std::to_string(max_blocks) + "; repeat fewer times, or split the program");
        too_many_blocks = true;
        return;
    }
    Cycles cycles = cycles_of(r, program.athlete, room);
    check_raised_training_maxes(cycles.blocks, r, program.athlete);
    for (auto& block : cycles.blocks) program.blocks.push_back(std::move(block));
}

// The body is resolved once (its errors said once), then copied for each
// cycle. A raise applies to the blocks of its own repeat and counts that
// repeat's cycles run so far in the program: in
// `repeat 2 { repeat 3 { training-max squat +5 kg per cycle ... } }` the inner
// cycles are six in a row, and the sixth adds 25 kg; a block of the outer
// repeat beside the inner one is not raised by it.
Resolver::Cycles Resolver::cycles_of(const syntax::Repeat& r, const ir::Athlete* athlete, std::size_t room)
{
    Cycles body;                          // one cycle: each block, and what a cycle adds to it (below)
    std::map<std::string, double> steps;  // this repeat's own raises
    for (const auto& s : r.statements) {
        std::visit(overloaded{
                       [&](const syntax::BlockUse& n) {
                           if (auto b = block_of(n, athlete)) {
                               body.blocks.push_back(std::move(*b));
                               body.advance.emplace_back();
                           }
                       },
                       [&](const syntax::CycleRaise& n) { add_cycle_raise(steps, n, athlete); },
                       [&](const syntax::Repeat& n) {
                           Cycles inner = cycles_of(n, athlete, room);
                           for (std::size_t i = 0; i < inner.blocks.size(); ++i) {
                               body.blocks.push_back(std::move(inner.blocks[i]));
                               body.advance.push_back(std::move(inner.advance[i]));
                           }
                       },
                   },
                   s.node);
    }
    // What one cycle of this repeat adds to each block's training maxes: its own steps, and for a block of
    // an inner repeat what a whole run of that repeat adds.
    for (auto& advance : body.advance)
        for (const auto& [exercise, step] : steps) advance[exercise] += step;
    Cycles out;
    const std::size_t runs = runs_of(r);
    if (body.blocks.empty() || runs == 0 || runs * body.blocks.size() > room) return out;
    // Each cycle is a copy: a file of 1 MB must not copy itself ten thousand times over.
    if (const std::size_t copied = runs * weight_of(body.blocks); copied > max_repeated_weight) {
        report(r.count.span, "this repeat copies its prescriptions and sets " + std::to_string(copied) + " times over its cycles, and " +
                                 "meso copies at most " + std::to_string(max_repeated_weight) +
                                 "; repeat fewer times, or split the program");
        return out;
    }
    out.blocks.reserve(runs * body.blocks.size());
    for (std::size_t k = 0; k < runs; ++k) {
        for (std::size_t i = 0; i < body.blocks.size(); ++i) {
            ir::Block copy = body.blocks[i];
            copy.cycles.insert(copy.cycles.begin(), static_cast<int>(k + 1));
            for (const auto& [exercise, amount] : body.advance[i]) copy.training_max_raise[exercise] += amount * static_cast<double>(k);
            out.blocks.push_back(std::move(copy));
            auto& advance = out.advance.emplace_back();
            for (const auto& [exercise, amount] : body.advance[i]) advance[exercise] = amount * static_cast<double>(runs);
        }
    }
    return out;
}

// `training-max squat +5 kg per cycle`: once per exercise in a repeat, of a
// training max the athlete has (a raise of nothing would change no load,
// silently), in the athlete's unit.
void Resolver::add_cycle_raise(std::map<std::string, double>& steps, const syntax::CycleRaise& c, const ir::Athlete* athlete)
{
    const auto mass = mass_of(c.step);
    if (!mass) return;  // reported by the parser
    const std::string& exercise = c.exercise.text;
    if (athlete == nullptr || !athlete->training_max(exercise)) {
        const std::string who = athlete ? athlete->name : "the program's athlete";
        report(c.exercise.span, "'training-max " + exercise + " ... per cycle' raises the training max of '" + exercise + "', and " + who +
                                    " has none: write 'training-max 90%' (with 'max " + exercise + " 180 kg') or 'training-max " +
                                    exercise + " 160 kg' in the athlete");
        return;
    }
    if (steps.count(exercise)) {
        report(c.span, "the training max of '" + exercise + "' is raised twice in this repeat; write one step per exercise");
        return;
    }
    if (std::abs(mass->amount) * ir::kg_in(mass->unit) > max_mass_kg) {
        report(c.step.span, "a training max rises by at most " + format_number(max_mass_kg) + " kg a cycle");
        return;
    }
    steps[exercise] = convert(*mass, athlete->unit);
}

// A raise that takes a training max to 0 or below, or past any human, in
// some cycle: said once per exercise, at the repeat.
void Resolver::check_raised_training_maxes(const std::vector<ir::Block>& blocks, const syntax::Repeat& r, const ir::Athlete* athlete)
{
    if (athlete == nullptr) return;
    std::set<std::string> reported;
    for (const auto& b : blocks) {
        for (const auto& [exercise, raise] : b.training_max_raise) {
            const auto tm = athlete->training_max(exercise);
            if (!tm || reported.count(exercise)) continue;
            const double raised = *tm + raise;
            const bool too_light = raised <= 0, too_heavy = raised * ir::kg_in(athlete->unit) > max_mass_kg;
            if (!too_light && !too_heavy) continue;
            reported.insert(exercise);
            report(r.count.span, "in cycle " + ir::cycle_label(b) + " the training max of '" + exercise + "' would be " +
                                     format_number(raised) + " " + ir::to_string(athlete->unit) +
                                     (too_light ? ", which is no load" : ", beyond any human") +
                                     "; repeat fewer times, or take a smaller step");
        }
    }
}

}  // namespace meso::resolving
