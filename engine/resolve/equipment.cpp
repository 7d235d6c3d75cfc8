// An athlete's equipment: the bar, the plates, and what each exercise is
// loaded with (`barbell squat`, `dumbbell curl step 2 kg`). The masses are
// kept in the athlete's unit; one written in another unit is an error
// rather than a conversion, since 45 lb plates do not become 20.41 kg ones.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "engine/resolve/resolver.h"

namespace meso::resolving {

namespace {

constexpr double max_bar_kg = 100;     // the heaviest strongman bars are about half of it
constexpr double max_plate_kg = 50;    // the heaviest plates made are 50 kg (and 100 lb)
constexpr double max_step_kg = 100;    // as `round`
constexpr double plate_grain = 0.025;  // every plate made is a multiple of it, in kg or lb (1.25, 0.5, 0.25, 0.125)
constexpr int max_plate_count = 100;
constexpr std::size_t max_plate_kinds = 16;

const char* unit_word(ir::MassUnit unit) { return unit == ir::MassUnit::lb ? "lb" : "kg"; }

double in_kg(double amount, ir::MassUnit unit) { return amount * ir::kg_in(unit); }

// True when `amount` is a whole number of plate grains (to a micro-unit).
bool on_grain(double amount)
{
    const double grains = amount / plate_grain;
    return std::abs(grains - std::round(grains)) < 1e-6;
}

}  // namespace

bool Resolver::in_athlete_unit(const ir::Athlete& athlete, syntax::Unit unit, const std::string& unit_text, const Span& span,
                               const char* what)
{
    const bool lb = unit == syntax::Unit::lb;
    if (unit != syntax::Unit::kg && !lb) return false;  // not a mass: the parser reported it
    if ((athlete.unit == ir::MassUnit::lb) == lb) return true;
    report(span, std::string(what) + " in '" + unit_text + "', but " + athlete.name + "'s loads are in " + unit_word(athlete.unit) +
                     " (the unit of the maxes and of 'round'); write it in " + unit_word(athlete.unit));
    return false;
}

void Resolver::set_bar(ir::Athlete& athlete, const syntax::Bar& b)
{
    if (athlete.bar_span.valid()) {
        report(b.span, "'bar' is given twice", Severity::error, {{athlete.bar_span, "first given here"}});
        return;
    }
    athlete.bar_span = b.span;
    if (!in_athlete_unit(athlete, b.mass.unit, b.mass.unit_text, b.mass.span, "the bar is weighed")) return;
    const double mass = b.mass.amount.value;
    if (mass <= 0) {
        report(b.mass.span, "a bar weighs more than 0 " + b.mass.unit_text + ", such as 'bar 20 kg'");
        return;
    }
    if (in_kg(mass, athlete.unit) > max_bar_kg) {
        report(b.mass.span, "a bar of " + b.mass.amount.text + " " + b.mass.unit_text +
                                " is heavier than any made; meso accepts bars up to 100 kg (write the bar's own mass, not a load)");
        return;
    }
    athlete.bar = mass;
}

std::optional<ir::Plate> Resolver::plate_of(const ir::Athlete& athlete, const syntax::PlateItem& item, const syntax::Plates& p)
{
    const double mass = item.mass.value;
    const std::string written = item.mass.text + " " + p.unit_text;
    if (mass <= 0) {
        report(item.mass.span, "a plate weighs more than 0 " + p.unit_text + ", not " + item.mass.text);
        return std::nullopt;
    }
    if (in_kg(mass, athlete.unit) > max_plate_kg) {
        report(item.mass.span, "a plate of " + written + " is heavier than any made; meso accepts plates up to 50 kg (100 lb)");
        return std::nullopt;
    }
    if (!on_grain(mass)) {
        report(item.mass.span, "a plate of " + written + " is no plate that is made: plates weigh whole multiples of 0.025 " + p.unit_text +
                                   " (such as 1.25 or 0.5)");
        return std::nullopt;
    }
    ir::Plate plate{mass, std::nullopt};
    if (item.count) {
        const double count = std::floor(item.count->value);  // a fraction is reported by the parser
        if (count < 1 || count > max_plate_count) {
            report(item.count->span, "a count of plates is between 1 and " + std::to_string(max_plate_count) + ", not " + item.count->text +
                                         "; leave the count out for as many as needed ('" + item.mass.text + "')");
            return std::nullopt;
        }
        plate.count = static_cast<int>(count);
    }
    return plate;
}

// `plates 4x25 2x20 15 10 5 2.5 1.25 kg`: each mass once, heaviest first.
void Resolver::set_plates(ir::Athlete& athlete, const syntax::Plates& p)
{
    if (!in_athlete_unit(athlete, p.unit, p.unit_text, p.unit_span, "the plates are weighed")) return;
    std::map<double, Span> seen;
    for (const auto& item : p.items) {
        auto plate = plate_of(athlete, item, p);
        if (!plate) continue;
        auto [it, fresh] = seen.emplace(plate->mass, item.span);
        if (!fresh) {
            report(item.span,
                   "the plate of " + item.mass.text + " " + p.unit_text +
                       " is listed twice; list each mass once, with one count for all of them where limited ('4x" + item.mass.text + "')",
                   Severity::error, {{it->second, "first listed here"}});
            continue;
        }
        athlete.plates.push_back(*plate);
    }
    if (athlete.plates.size() > max_plate_kinds) {
        report(p.span, "at most " + std::to_string(max_plate_kinds) + " kinds of plates can be listed; these are " +
                           std::to_string(athlete.plates.size()));
        athlete.plates.resize(max_plate_kinds);
    }
    std::sort(athlete.plates.begin(), athlete.plates.end(), [](const ir::Plate& a, const ir::Plate& b) { return a.mass > b.mass; });
}

// `barbell squat, bench-press`, `dumbbell curl step 2 kg`: each exercise marked once.
void Resolver::add_equipment(ir::Athlete& athlete, const syntax::Equipment& e)
{
    ir::ExerciseEquipment mark;
    mark.kind = e.kind.text == "dumbbell"  ? ir::Equipment::dumbbell
                : e.kind.text == "machine" ? ir::Equipment::machine
                                           : ir::Equipment::barbell;
    if (e.step) {  // the parser requires it of a dumbbell and a machine, and reports it on a barbell
        if (!in_athlete_unit(athlete, e.step->unit, e.step->unit_text, e.step->span, "the step is")) return;
        mark.step = e.step->amount.value;
        if (mark.step <= 0) {
            report(e.step->span, "a step is more than 0 " + e.step->unit_text + ", such as 'step 2 " + e.step->unit_text + "'");
            return;
        }
        if (in_kg(mark.step, athlete.unit) > max_step_kg) {
            report(e.step->span, "a step above 100 kg would round every load away");
            return;
        }
    }
    else if (mark.kind != ir::Equipment::barbell) return;
    for (const auto& exercise : e.exercises) {
        mark.span = exercise.span;
        auto [it, fresh] = athlete.equipment.emplace(exercise.text, mark);
        if (!fresh)
            report(exercise.span, "'" + exercise.text + "' is marked twice; an exercise is loaded with one kind of equipment",
                   Severity::error, {{it->second.span, "first marked here"}});
    }
}

// A barbell needs both its bar and its plates; a bar and plates no exercise
// is marked to use are most likely a forgotten `barbell` line, since only
// marked exercises are loaded with plates (a leg curl never is).
void Resolver::check_equipment(const ir::Athlete& athlete, const syntax::Plates* plates)
{
    if (syntax_error_within(athlete.span)) return;  // a statement that did not parse may be the one missing
    const bool has_bar = athlete.bar_span.valid();
    if (has_bar && !plates)
        report(athlete.bar_span, "the bar has no plates to load it with: add them, such as 'plates 25 20 15 10 5 2.5 1.25 kg'");
    if (plates && !has_bar) report(plates->span, "the plates need the bar they go on: add it, such as 'bar 20 kg'");
    const ir::ExerciseEquipment* first_barbell = nullptr;
    std::string first_name;
    for (const auto& [name, mark] : athlete.equipment) {
        if (mark.kind == ir::Equipment::barbell && (!first_barbell || mark.span.begin < first_barbell->span.begin)) {
            first_barbell = &mark;
            first_name = name;
        }
    }
    if (first_barbell && !has_bar && !plates)
        report(first_barbell->span, "'" + first_name + "' is marked barbell, but " + athlete.name +
                                        " has no bar and plates to load it with: add them, such as 'bar 20 kg' and "
                                        "'plates 25 20 15 10 5 2.5 1.25 kg'");
    if (!first_barbell && has_bar && plates)
        report(athlete.bar_span,
               athlete.name + " has a bar and plates, but no exercise is marked 'barbell', so no load is rounded to plates; "
                              "mark the exercises loaded on the bar, such as 'barbell squat, bench-press, deadlift'",
               Severity::warning);
}

}  // namespace meso::resolving
