#include "engine/emit/ical_session_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "engine/base/text.h"
#include "engine/emit/ical_text.h"

namespace meso::ical {

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

bool same_load(const SetPlan& a, const SetPlan& b)
{
    return a.percent == b.percent && a.mass == b.mass && a.rpe == b.rpe && a.plates == b.plates;
}

// Appends a barbell's plates: " (25 + 25 + 15 kg a side)", " (the bar alone)".
void append_plates_text(std::string& out, const SetPlan& set, const std::string& unit)
{
    if (!set.plates) return;
    if (set.plates->empty()) {
        out.append(" (the bar alone)");
        return;
    }
    out.append(" (");
    for (std::size_t i = 0; i < set.plates->size(); ++i) out.append(i ? " + " : "").append(format_number((*set.plates)[i]));
    out.append(" ").append(unit).append(" a side)");
}

// Appends " @ 75% = 135 kg" (or what the set's load is) to `out`.
void append_load_text(std::string& out, const SetPlan& set, const ExercisePlan& exercise, const std::string& unit)
{
    if (set.rpe) out.append(" @ RPE ").append(format_number(*set.rpe));
    const char* lead = set.rpe ? ", " : " @ ";
    if (set.percent && set.mass)
        out.append(lead).append(format_number(*set.percent)).append("% = ").append(format_number(*set.mass)).append(" ").append(unit);
    else if (set.percent) {
        out.append(lead).append(format_number(*set.percent)).append("%");
        if (exercise.percent_without_max) out.append(" (no max for ").append(exercise.name).append(", so no ").append(unit).append(")");
    }
    else if (set.mass) out.append(lead).append(format_number(*set.mass)).append(" ").append(unit);
    if (set.mass) append_plates_text(out, set, unit);
}

// Appends "squat: 5 sets of 5 reps @ 75% = 135 kg; rest 3 min" to `out`.
void append_exercise_text(std::string& out, const ExercisePlan& exercise, const std::string& unit)
{
    out.append(exercise.name).append(":");
    const auto& sets = exercise.sets;
    if (sets.empty()) out.append(" no sets");
    for (std::size_t i = 0; i < sets.size();) {
        std::size_t j = i + 1;
        while (j < sets.size() && same_load(sets[i], sets[j])) ++j;
        const bool same_reps = std::all_of(sets.begin() + static_cast<long>(i), sets.begin() + static_cast<long>(j),
                                           [&](const SetPlan& s) { return s.reps == sets[i].reps; });
        if (i > 0) out.append(", then");
        const std::size_t count = j - i;
        out.append(" ");
        append_integer(out, static_cast<long long>(count));
        if (same_reps) {
            out.append(count == 1 ? " set of " : " sets of ");
            append_integer(out, sets[i].reps);
            out.append(sets[i].reps == 1 ? " rep" : " reps");
        }
        else {
            out.append(" sets:");
            for (std::size_t k = i; k < j; ++k) {
                out.append(k == i ? " " : ", ");
                append_integer(out, sets[k].reps);
            }
            out.append(" reps");
        }
        append_load_text(out, sets[i], exercise, unit);
        i = j;
    }
    if (exercise.rest_s) out.append("; rest ").append(rest(*exercise.rest_s));
}

std::string pressure_text(const ir::Pressure& pressure)
{
    return format_number(pressure.value) + (pressure.percent_aop ? "% AOP" : " mmHg");
}

}  // namespace

std::string cuff_pressure_text(const SessionContent& content)
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
void append_occlusion_text(std::string& tail, const SessionContent& content)
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
void append_notes_and_coach(std::string& tail, const SessionContent& content, const ProgramSchedule& program)
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

std::string block_title(const BlockPlan& block)
{
    return !block.name.empty() ? block.name : !block.method.empty() ? block.method : "Session";
}

void append_integer(std::string& out, long long value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, static_cast<std::size_t>(end - digits));
}

void make_content_text(ContentText& text, const ProgramSchedule& program, const BlockPlan& block, const SessionContent& content,
                       bool name_athlete, const std::string& unit, std::string& scratch)
{
    scratch.clear();
    if (name_athlete) scratch.append(program.athlete).append(" — ");
    scratch += block_title(block);
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
    for (const auto& exercise : content.exercises) {
        append_exercise_text(tail, exercise, unit);
        tail += '\n';
    }
    append_occlusion_text(tail, content);
    append_notes_and_coach(tail, content, program);
    // The description loses its trailing newlines; when nothing else is
    // left of the tail, it ends with the first line.
    while (!tail.empty() && tail.back() == '\n') tail.pop_back();
    text.tail.clear();
    append_escaped(text.tail, tail);
}

}  // namespace meso::ical
