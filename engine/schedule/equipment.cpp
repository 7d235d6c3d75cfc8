// A set's mass on the exercise's equipment: a `barbell` exercise's is what
// the athlete's bar and plates make nearest to the load (before `round`,
// which stands for plates the athlete did not list), a `dumbbell` or
// `machine` exercise's is rounded to its own step, any other to the
// athlete's `round`.
#include <fmt/format.h>

#include <cmath>

#include "engine/schedule/planner.h"

namespace meso::scheduling {

// A barbell set keeps its plates in the program's table (a flag in what
// was padding), not a list of its own: a schedule may hold millions of sets.
static_assert(sizeof(SetPlan) <= 88, "SetPlan grew: a session may hold hundreds of thousands of sets");

namespace {

long long milli(double mass) { return std::llround(mass * 1000.0); }

}  // namespace

const std::vector<double>* ProgramSchedule::plates_of(const SetPlan& set) const
{
    if (!set.on_barbell || !set.mass) return nullptr;
    auto it = barbell_plates.find(milli(*set.mass));
    return it == barbell_plates.end() ? nullptr : &it->second;
}

}  // namespace meso::scheduling

namespace meso::scheduling {

namespace {

const ir::ExerciseEquipment* equipment_of(const ir::Athlete* athlete, const ir::Exercise& e)
{
    if (!athlete) return nullptr;
    auto it = athlete->equipment.find(e.name);
    return it == athlete->equipment.end() ? nullptr : &it->second;
}

// To the nearest step, halves up, whole numbers included: 36 kg cannot be
// made of 2.5 kg steps. (The small epsilon keeps 106.875 / 2.5 + 0.5 from
// landing just below a whole number through binary fractions.)
double round_to_step(double value, double step)
{
    if (step <= 0) return value;
    const double steps = std::floor(value / step + 0.5 + 1e-9);
    return std::round(steps * step * 1e6) / 1e6;
}

}  // namespace

double Planner::step_of(const ir::Exercise& e) const
{
    const ir::ExerciseEquipment* mark = equipment_of(program.athlete, e);
    if (mark && mark->kind != ir::Equipment::barbell) return mark->step;
    return program.athlete ? program.athlete->round_step.amount : 2.5;
}

// The mass of `set` for a load `l` of `target`: rounded as the equipment
// says, or kept when `as_written` (an absolute load the coach wrote),
// except on a barbell, which can only carry what its plates make. A barbell
// load the plates cannot make as written, or one below the bar, is a
// warning at the load, once per load written (a warm-up's and each set
// group's are their own).
void Planner::load_on_equipment(const ir::Exercise& e, const ir::Load& l, double target, bool as_written, SetPlan& set)
{
    const ir::Athlete* athlete = program.athlete;
    const ir::ExerciseEquipment* mark = equipment_of(athlete, e);
    if (!mark || mark->kind != ir::Equipment::barbell || !athlete->bar) {
        set.mass = as_written ? target : round_to_step(target, step_of(e));
        return;
    }
    if (!bar_loader) bar_loader.emplace(*athlete->bar, athlete->plates);
    LoadedBar loaded = bar_loader->load(target);
    set.mass = loaded.mass;
    set.on_barbell = true;
    out.barbell_plates.try_emplace(milli(loaded.mass), std::move(loaded.per_side));
    const bool made_as_written = std::abs(loaded.mass - target) < 5e-4;
    if ((!loaded.below_bar && (!as_written || made_as_written)) || !reported_bar.insert(l.span.begin).second) return;
    const char* unit = ir::to_string(athlete->unit);
    if (loaded.below_bar)
        diagnostics.push_back(
            Diagnostic::warning(l.span, fmt::format("{:g} {} of {} is lighter than {}'s {:g} {} bar; the bar alone is used",
                                                    std::round(target * 1000) / 1000, unit, e.name, out.athlete, *athlete->bar, unit)));
    else
        diagnostics.push_back(Diagnostic::warning(
            l.span, fmt::format("{:g} {} of {} cannot be made with {}'s {:g} {} bar and plates; the nearest, {:g} {}, is used", target,
                                unit, e.name, out.athlete, *athlete->bar, unit, loaded.mass, unit)));
}

}  // namespace meso::scheduling
