#include "engine/emit/ical_session_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "engine/base/text.h"
#include "engine/emit/ical_text.h"
#include "engine/emit/set_words.h"

namespace meso::emit::ical {

namespace {

// "3 min" when the rest is whole minutes to the second, else "45 s".
std::string rest(double seconds_of_rest)
{
    // Half a second up, then toward zero, as the calendars always rounded.
    const long whole_seconds = static_cast<long>(std::trunc(seconds_of_rest + 0.5));
    if (whole_seconds >= 60 && whole_seconds % 60 == 0) {
        const long whole_minutes = whole_seconds / 60;
        return format_number(static_cast<double>(whole_minutes)) + " min";
    }
    return format_number(seconds_of_rest) + " s";
}

// ---- what a session holds, in words ----

// A barbell's plates in words: "25 + 25 + 15 kg a side", "the bar alone";
// empty when the set is not on a barbell.
std::string plates_words(const std::vector<double>* plates, const std::string& unit)
{
    if (!plates) return {};
    if (plates->empty()) return "the bar alone";
    std::string out;
    for (std::size_t i = 0; i < plates->size(); ++i) out.append(i ? " + " : "").append(format_number((*plates)[i]));
    return out.append(" ").append(unit).append(" a side");
}

// Appends " @ 75% = 135 kg" (or what the set's load is) to `out`:
// " @ 85% TM = 152.5 kg (76.5% of 1RM)", " @ RPE 8", " @ 80% = 144 kg, RIR 2";
// a barbell's plates after its mass: " @ 75% = 150 kg (25 + 25 + 15 kg a side)",
// " @ 85% TM = 152.5 kg (76.5% of 1RM; 25 + 25 + 15 + 1.25 kg a side)".
void append_load_text(std::string& out, const scheduling::SetPlan& set, const scheduling::ExercisePlan& exercise,
                      const scheduling::ProgramSchedule& program, const std::string& unit)
{
    const std::string plates = plates_words(program.plates_of(set), unit);
    if (set.rpe && !set.percent && !set.mass && !set.tm_percent) out.append(" @ RPE ").append(format_number(*set.rpe));
    else if (set.rir && !set.percent && !set.mass && !set.tm_percent) out.append(" @ RIR ").append(format_number(*set.rir));
    const char* lead = " @ ";
    if (set.tm_percent) {
        out.append(" @ ").append(format_percent(*set.tm_percent)).append("% TM");
        if (set.mass) out.append(" = ").append(format_number(*set.mass)).append(" ").append(unit);
        if (set.percent) out.append(" (").append(format_percent(*set.percent)).append("% of 1RM").append(plates.empty() ? "" : "; ");
        else if (!plates.empty()) out.append(" (");
        if (set.percent || !plates.empty()) out.append(plates).append(")");
    }
    else if (set.percent && set.mass)
        out.append(lead).append(format_percent(*set.percent)).append("% = ").append(format_number(*set.mass)).append(" ").append(unit);
    else if (set.percent) {
        out.append(lead).append(format_percent(*set.percent)).append("%");
        if (exercise.percent_without_max) out.append(" (no max for ").append(exercise.name).append(", so no ").append(unit).append(")");
    }
    else if (set.mass) out.append(lead).append(format_number(*set.mass)).append(" ").append(unit);
    if (!set.tm_percent && !plates.empty()) out.append(" (").append(plates).append(")");
    const bool load = set.percent || set.mass || set.tm_percent;
    if (load && set.rpe) out.append(", RPE ").append(format_number(*set.rpe));
    if (load && set.rir) out.append(", RIR ").append(format_number(*set.rir));
}

// " 3 sets of 5 reps", " 1 set of 5+ reps", " 3 sets of 45 s", " 4 sets: 30, 15, 15, 15 reps".
void append_run_text(std::string& out, const std::vector<scheduling::SetPlan>& sets, SetRun run, bool each_side)
{
    const std::size_t count = run.last - run.first;
    const std::string reps = reps_text(sets[run.first]);
    const bool same_reps = std::all_of(sets.begin() + static_cast<long>(run.first), sets.begin() + static_cast<long>(run.last),
                                       [&](const scheduling::SetPlan& s) { return same_reps_text(s, sets[run.first]); });
    out.append(" ");
    if (sets[run.first].warm_up) out.append("warm-up ");
    append_integer(out, static_cast<long long>(count));
    const bool timed = sets[run.first].seconds.has_value();
    if (same_reps) {
        out.append(count == 1 ? " set of " : " sets of ").append(reps);
        if (!timed) out.append(reps == "1" ? " rep" : " reps");
    }
    else {
        out.append(" sets:");
        for (std::size_t k = run.first; k < run.last; ++k) out.append(k == run.first ? " " : ", ").append(reps_text(sets[k]));
        if (!timed) out.append(" reps");
    }
    if (each_side) out.append(" each side");
}

// Appends "squat: 5 sets of 5 reps @ 75% = 135 kg; rest 3 min" to `out`.
void append_exercise_text(std::string& out, const scheduling::ExercisePlan& exercise, const scheduling::ProgramSchedule& program,
                          const std::string& unit, bool with_rest)
{
    out.append(exercise.name).append(":");
    const auto& sets = exercise.sets;
    if (sets.empty()) out.append(" no sets");
    const auto runs = runs_of(sets, same_load);
    for (std::size_t r = 0; r < runs.size(); ++r) {
        if (r > 0) out.append(", then");
        append_run_text(out, sets, runs[r], exercise.each_side);
        append_load_text(out, sets[runs[r].first], exercise, program, unit);
    }
    if (with_rest && exercise.rest_s) out.append("; rest ").append(rest(*exercise.rest_s));
}

// The rest the exercises of the superset that starts at `first` share,
// none when they differ (each then says its own) or have none.
std::optional<double> shared_rest(const std::vector<scheduling::ExercisePlan>& exercises, std::size_t first)
{
    const std::optional<double> rest_s = exercises[first].rest_s;
    for (std::size_t i = first; i < exercises.size() && exercises[i].superset == exercises[first].superset; ++i)
        if (exercises[i].rest_s != rest_s) return std::nullopt;
    return rest_s;
}

// An exercise a line. A superset's exercises under a line of their own,
// indented: done in turn, the rest they share said once, after the last,
// since it is taken after each round and not after each exercise.
void append_exercises_text(std::string& tail, const std::vector<scheduling::ExercisePlan>& exercises,
                           const scheduling::ProgramSchedule& program, const std::string& unit)
{
    std::optional<double> group_rest;  // of the superset in progress
    for (std::size_t i = 0; i < exercises.size(); ++i) {
        const scheduling::ExercisePlan& exercise = exercises[i];
        const bool grouped = exercise.superset != 0;
        if (grouped && (i == 0 || exercises[i - 1].superset != exercise.superset)) {
            tail.append("Superset ");
            append_integer(tail, exercise.superset);
            tail.append(", in turn:\n");
            group_rest = shared_rest(exercises, i);
        }
        if (grouped) tail.append("  ");
        append_exercise_text(tail, exercise, program, unit, !grouped || !group_rest);
        tail += '\n';
        const bool last_of_group = grouped && (i + 1 == exercises.size() || exercises[i + 1].superset != exercise.superset);
        if (last_of_group && group_rest) tail.append("  rest ").append(rest(*group_rest)).append(" after each round\n");
    }
}

std::string pressure_text(const ir::Pressure& pressure)
{
    return pressure.percent_aop ? format_percent(pressure.value) + "% AOP" : format_number(pressure.value) + " mmHg";
}

}  // namespace

std::string cuff_pressure_text(const scheduling::SessionContent& content)
{
    if (!content.cuff_pressure) return {};
    std::string text = pressure_text(*content.cuff_pressure);
    std::string what;
    if (content.cuff_pressure->percent_aop && content.cuff_mmhg) what = format_number(*content.cuff_mmhg) + " mmHg";
    if (content.cuff_limb != ir::Limb::unspecified) what += (what.empty() ? "" : ", ") + std::string(ir::to_string(content.cuff_limb));
    if (!what.empty()) text += " (" + what + ")";
    return text;
}

namespace {

// "\nOcclusion: full\nCuff: 60% AOP (108 mmHg, leg), 5 cm wide\n" for a content that says any of it.
void append_occlusion_text(std::string& tail, const scheduling::SessionContent& content)
{
    const bool occlusion = content.occlusion != ir::Occlusion::unspecified;
    const bool cuff = content.cuff_pressure || content.cuff_width_cm;
    if (occlusion || cuff) tail += "\n";
    if (occlusion) tail.append("Occlusion: ").append(ir::to_string(content.occlusion)).append("\n");
    if (!cuff) return;
    tail += "Cuff:";
    if (content.cuff_pressure) tail.append(" ").append(cuff_pressure_text(content));
    if (content.cuff_pressure && content.cuff_width_cm) tail += ",";
    if (content.cuff_width_cm) tail.append(" ").append(format_number(*content.cuff_width_cm)).append(" cm wide");
    tail += "\n";
}

// The content's notes, a line each, then "Coach: Sam Lee <sam@example.org>".
void append_notes_and_coach(std::string& tail, const scheduling::SessionContent& content, const scheduling::ProgramSchedule& program)
{
    if (!content.notes.empty()) {
        tail += "\n";
        for (const auto& note : content.notes) tail.append(note).append("\n");
    }
    if (program.program != nullptr && program.program->coach) {
        const auto& c = *program.program->coach;
        tail.append("\nCoach: ").append(c.name);
        if (!c.email.empty()) tail.append(" <").append(c.email).append(">");
        tail += "\n";
    }
}

}  // namespace

std::string block_title(const scheduling::BlockPlan& block)
{
    const std::string title = !is_blank(block.name) ? block.name : !is_blank(block.method) ? block.method : "Session";
    return block.cycle.empty() ? title : title + ", cycle " + block.cycle;
}

void append_integer(std::string& out, long long value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, static_cast<std::size_t>(end - digits));
}

void make_content_text(ContentText& text, const scheduling::ProgramSchedule& program, const scheduling::BlockPlan& block,
                       const scheduling::SessionContent& content, std::string_view workout, bool name_athlete, const std::string& unit,
                       std::string& scratch)
{
    scratch.clear();
    if (name_athlete) scratch.append(program.athlete).append(" — ");
    scratch += block_title(block);
    if (!workout.empty()) scratch.append(", workout ").append(workout);
    for (std::size_t i = 0; i < content.exercises.size(); ++i) scratch.append(i == 0 ? ": " : ", ").append(content.exercises[i].name);
    text.summary.clear();
    append_escaped(text.summary, scratch);
    scratch.assign("SUMMARY:").append(text.summary);
    text.summary_line.clear();
    append_line(text.summary_line, scratch);

    std::string& tail = scratch;
    tail.assign(program.name);
    if (!program.athlete.empty()) tail.append(" for ").append(program.athlete);
    tail += '\n';
    if (content.deload) tail += "Deload week: half the sets, 90% of the loads\n";
    if (!content.exercises.empty()) tail += "\n";
    append_exercises_text(tail, content.exercises, program, unit);
    append_occlusion_text(tail, content);
    append_notes_and_coach(tail, content, program);
    // The description loses its trailing newlines; when nothing else is
    // left of the tail, it ends with the first line.
    while (!tail.empty() && tail.back() == '\n') tail.pop_back();
    text.tail.clear();
    append_escaped(text.tail, tail);
}

}  // namespace meso::emit::ical
