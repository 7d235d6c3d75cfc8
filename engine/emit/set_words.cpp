#include "engine/emit/set_words.h"

#include <cmath>

#include "engine/base/text.h"
#include "engine/emit/sessions.h"

namespace meso::emit {

std::string set_seconds_text(double seconds)
{
    const double whole = std::round(seconds);
    if (whole == seconds && whole >= 60 && std::fmod(whole, 60) == 0) return format_number(whole / 60) + " min";
    return format_number(seconds) + " s";
}

std::string reps_text(const scheduling::SetPlan& set)
{
    if (set.seconds) return set_seconds_text(*set.seconds);
    std::string out = std::to_string(set.reps);
    if (set.reps_max) out += "-" + std::to_string(*set.reps_max);
    if (set.amrap) out += "+";
    return out;
}

bool same_reps_text(const scheduling::SetPlan& a, const scheduling::SetPlan& b)
{
    // A timed set's text ("30 s", "1 min") never reads as repetitions ("8", "8-12", "5+").
    if (a.seconds || b.seconds) return a.seconds && b.seconds && reps_text(a) == reps_text(b);
    return a.reps == b.reps && a.reps_max == b.reps_max && a.amrap == b.amrap;
}

bool same_load(const scheduling::SetPlan& a, const scheduling::SetPlan& b)
{
    return a.percent == b.percent && a.mass == b.mass && a.rpe == b.rpe && a.rir == b.rir && a.tm_percent == b.tm_percent &&
           a.warm_up == b.warm_up && a.on_barbell == b.on_barbell;
}

bool same_row(const scheduling::SetPlan& a, const scheduling::SetPlan& b)
{
    return same_load(a, b) && a.reps_max == b.reps_max && a.seconds == b.seconds && a.amrap == b.amrap;
}

std::string reps_of(const std::vector<scheduling::SetPlan>& sets, SetRun run, const char* separator)
{
    if (run.first >= run.last) return "0";
    std::string first = reps_text(sets[run.first]);
    bool all_same = true;
    for (std::size_t i = run.first + 1; i < run.last && all_same; ++i) all_same = same_reps_text(sets[i], sets[run.first]);
    if (all_same) return first;
    std::string out;
    for (std::size_t i = run.first; i < run.last; ++i) out += (i > run.first ? separator : "") + reps_text(sets[i]);
    return out;
}

// "25+20+5" (the plates of a side, in the athlete's unit), "bar" for the bar alone.
std::string plates_text(const std::vector<double>& per_side)
{
    if (per_side.empty()) return "bar";
    std::string out;
    for (std::size_t i = 0; i < per_side.size(); ++i) out += (i ? "+" : "") + format_number(per_side[i]);
    return out;
}

// "36 kg (20%)", "152.5 kg (TM 85%, 76.5%)", "135 kg (75%) RIR 2", "RPE 8", "75%",
// "150 kg (75%) [25+25+15 a side]", "20 kg [bar only]".
std::string describe_load(const scheduling::SetPlan& set, const scheduling::ProgramSchedule& program)
{
    std::string out;
    if (set.mass) out = format_number(*set.mass) + " " + ir::to_string(program.unit);
    std::string why;
    if (set.tm_percent) why = "TM " + format_percent(*set.tm_percent) + "%";
    if (set.percent) why += (why.empty() ? "" : ", ") + format_percent(*set.percent) + "%";
    if (!why.empty()) out += out.empty() ? (set.tm_percent ? format_percent(*set.tm_percent) + "% TM" : why) : " (" + why + ")";
    if (const auto* plates = program.plates_of(set)) out += plates->empty() ? " [bar only]" : " [" + plates_text(*plates) + " a side]";
    const auto effort = [&](const char* name, double value) {
        out += (out.empty() ? "" : " ") + std::string(name) + " " + format_number(value);
    };
    if (set.rpe) effort("RPE", *set.rpe);
    if (set.rir) effort("RIR", *set.rir);
    return out;
}

// "5×5 @ 135 kg (75%)", "4×30/15/15/15 @ 36 kg (20%)", "3×10 each side",
// "warm-up 1×5 @ 80 kg (40%), then 1×5 @ 117.5 kg (TM 65%, 58.5%), then 1×5+ @ ...".
std::string describe_sets(const scheduling::ExercisePlan& e, const scheduling::ProgramSchedule& program)
{
    if (e.sets.empty()) return "0×0";
    const auto runs = runs_of(e.sets, same_load);
    std::string out;
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const SetRun run = runs[r];
        if (r > 0) out += ", then ";
        if (e.sets[run.first].warm_up) out += "warm-up ";
        out += std::to_string(run.last - run.first) + "×" + reps_of(e.sets, run, "/");
        if (e.each_side) out += " each side";
        const auto load = describe_load(e.sets[run.first], program);
        if (!load.empty()) out += " @ " + load;
    }
    return out;
}

}  // namespace meso::emit
