#include "engine/ir/ir.h"

#include <algorithm>

#include "engine/base/suggest.h"

namespace meso::ir {

Unit unit_of(MassUnit unit) { return unit == MassUnit::kg ? Unit::kg : Unit::lb; }

const char* to_string(MassUnit unit) { return canonical_spelling(unit_of(unit)); }

double kg_in(MassUnit unit) { return factor_to_base(unit_of(unit)); }

double convert(Mass m, MassUnit to)
{
    if (m.unit == to) return m.amount;
    return m.amount * kg_in(m.unit) / kg_in(to);
}

const char* to_string(Occlusion occlusion)
{
    switch (occlusion) {
    case Occlusion::unspecified: return "unspecified";
    case Occlusion::continuous: return "continuous";
    case Occlusion::intermittent: return "intermittent";
    case Occlusion::none: return "none";
    }
    return "unspecified";
}

const char* to_string(Limb limb)
{
    switch (limb) {
    case Limb::unspecified: return "unspecified";
    case Limb::leg: return "leg";
    case Limb::arm: return "arm";
    }
    return "unspecified";
}

const OcclusionPressure* Athlete::occlusion_pressure(Limb limb) const
{
    for (const OcclusionPressure& measured : occlusion_pressures)
        if (measured.limb == limb) return &measured;
    return nullptr;
}

const OcclusionPressure* cuff_aop(const Athlete* athlete, Limb cuff_limb)
{
    if (!athlete || cuff_limb == Limb::unspecified) return nullptr;
    return athlete->occlusion_pressure(cuff_limb);
}

std::optional<double> convert_pressure(double value, bool percent_aop, std::optional<double> aop_mmhg)
{
    if (!aop_mmhg || *aop_mmhg <= 0) return std::nullopt;
    return percent_aop ? value / 100 * *aop_mmhg : value / *aop_mmhg * 100;
}

std::optional<double> cuff_mmhg(const Pressure& pressure, Limb cuff_limb, const Athlete* athlete)
{
    if (!pressure.percent_aop) return pressure.value;
    const OcclusionPressure* aop = cuff_aop(athlete, cuff_limb);
    return convert_pressure(pressure.value, true, aop ? std::optional<double>(aop->mmhg) : std::nullopt);
}

std::optional<double> Athlete::training_max(const std::string& exercise) const
{
    if (auto it = training_maxes.find(exercise); it != training_maxes.end()) return it->second.amount;
    if (!training_max_percent) return std::nullopt;
    auto max = maxes.find(exercise);
    if (max == maxes.end()) return std::nullopt;
    return max->second.amount * *training_max_percent / 100.0;
}

std::size_t Exercise::work_sets() const
{
    std::size_t n = 0;
    for (const auto& s : sets)
        if (!s.warm_up) n += static_cast<std::size_t>(s.count);
    return n;
}

std::size_t Exercise::set_count() const
{
    std::size_t n = 0;
    for (const auto& s : sets) n += static_cast<std::size_t>(s.count);
    return n;
}

bool WeekOverride::covers(int week) const
{
    if (pattern) return week >= 1 && (week - 1) % pattern->of == pattern->index;
    auto after = std::upper_bound(weeks.begin(), weeks.end(), week, [](int w, const WeekRange& r) { return w < r.first; });
    return after != weeks.begin() && std::prev(after)->last >= week;
}

std::string method_of(const Block& block) { return block.content.method.value_or(""); }

std::string cycle_label(const Block& block)
{
    std::string out;
    for (int cycle : block.cycles) out.append(out.empty() ? "" : ".").append(std::to_string(cycle));
    return out;
}

namespace {
bool restricts_blood_flow(const Content& content)
{
    if (content.method == "bfr" || content.method == "kaatsu") return true;
    if (content.cuff_pressure || content.cuff_width_cm) return true;
    return content.occlusion == Occlusion::continuous || content.occlusion == Occlusion::intermittent;
}
}  // namespace

bool is_bfr_block(const Block& block)
{
    if (restricts_blood_flow(block.content)) return true;
    for (const WeekOverride& week : block.weeks)
        if (restricts_blood_flow(week.content)) return true;
    return false;
}

std::vector<std::string> exercise_names(const Content& content)
{
    std::vector<std::string> names;
    auto add = [&](const std::vector<Exercise>& list) {
        for (const auto& e : list)
            if (std::find(names.begin(), names.end(), e.name) == names.end()) names.push_back(e.name);
    };
    add(content.exercises);
    for (const auto& s : content.splits) add(s.exercises);
    if (content.rotation)
        for (const auto& w : content.rotation->workouts) add(w.exercises);
    return names;
}

namespace {

// Replaces the prescriptions of `name` in `list` by `replacement`, where the
// first of them stood; true when the list had that exercise.
bool replace_exercise(std::vector<Exercise>& list, const std::string& name, const std::vector<Exercise>& replacement)
{
    auto first = std::find_if(list.begin(), list.end(), [&](const Exercise& e) { return e.name == name; });
    if (first == list.end()) return false;
    const auto at = static_cast<std::size_t>(first - list.begin());
    list.erase(std::remove_if(list.begin(), list.end(), [&](const Exercise& e) { return e.name == name; }), list.end());
    list.insert(list.begin() + static_cast<std::ptrdiff_t>(std::min(at, list.size())), replacement.begin(), replacement.end());
    return true;
}

}  // namespace

void merge_content(Content& base, const Content& over, const std::string& where, std::vector<Diagnostic>* diagnostics)
{
    if (over.method) base.method = over.method, base.method_span = over.method_span;
    if (over.days) base.days = over.days, base.days_span = over.days_span;
    if (over.session_times) base.session_times = over.session_times, base.sessions_span = over.sessions_span;
    if (over.session_length) base.session_length = over.session_length, base.sessions_span = over.sessions_span;
    if (over.occlusion) base.occlusion = over.occlusion, base.occlusion_span = over.occlusion_span;
    if (over.cuff_pressure) {
        base.cuff_pressure = over.cuff_pressure, base.cuff_span = over.cuff_span;
        // `cuff 50% AOP` over a template's `cuff leg 160 mmHg` changes the
        // pressure, not the limb: the cuff stays where it was.
        if (over.cuff_limb != Limb::unspecified) base.cuff_limb = over.cuff_limb;
    }
    if (over.cuff_width_cm) base.cuff_width_cm = over.cuff_width_cm, base.cuff_width_span = over.cuff_width_span;
    if (over.rotation) base.rotation = over.rotation;
    if (over.exercises.empty() && over.splits.empty() && over.notes.empty()) return;
    const auto known = exercise_names(base);
    std::vector<std::string> done;
    for (const auto& e : over.exercises) {
        if (std::find(done.begin(), done.end(), e.name) != done.end()) continue;
        done.push_back(e.name);
        std::vector<Exercise> group;
        for (const auto& g : over.exercises)
            if (g.name == e.name) group.push_back(g);
        bool replaced = replace_exercise(base.exercises, e.name, group);
        for (auto& split : base.splits) replaced = replace_exercise(split.exercises, e.name, group) || replaced;
        if (base.rotation)
            for (auto& w : base.rotation->workouts) replaced = replace_exercise(w.exercises, e.name, group) || replaced;
        if (replaced) continue;
        if (auto near = closest_match(e.name, known)) {
            if (diagnostics)
                diagnostics->push_back(Diagnostic::error(e.span, "unknown exercise '" + e.name + "' in " + where + "; did you mean '" +
                                                                     *near +
                                                                     "'? (an exercise the block does not have is added to every session)"));
            continue;
        }
        base.exercises.insert(base.exercises.end(), group.begin(), group.end());
    }
    for (const auto& split : over.splits) {
        for (auto& s : base.splits) s.days &= ~split.days;
        base.splits.erase(std::remove_if(base.splits.begin(), base.splits.end(), [](const Content::Split& s) { return s.days.none(); }),
                          base.splits.end());
        base.splits.push_back(split);
    }
    base.notes.insert(base.notes.end(), over.notes.begin(), over.notes.end());
}

}  // namespace meso::ir
