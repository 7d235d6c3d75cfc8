// A BFR block in figures, and its distance to each study of the table
// (docs/bfr.md, "How close is a study").
#include "engine/evidence/evidence.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace meso::evidence {

namespace {

// Exercise names compare as meso writes them: lower case, words joined by
// hyphens ("Knee extension" is knee-extension).
std::string canonical(std::string_view name)
{
    std::string out;
    for (const char c : name) {
        if (c == ' ' || c == '_') out += '-';
        else out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// Each term is a difference scaled so that 1 is as far apart as counts,
// and capped there: a study never makes up with one near figure for one
// that is far off by more than a term's worth.
double capped(double value) { return std::min(1.0, value); }

// Load: 20 points of 1RM apart is as far as counts (20% against 40%).
double load_term(double a, double b) { return capped(std::abs(a - b) / 20.0); }
// Sessions a day: one apart is as far as counts (once against twice a day).
double sessions_per_day_term(double a, double b) { return capped(std::abs(a - b)); }
// Days a week: four apart is as far as counts (6 against 2).
double days_per_week_term(double a, double b) { return capped(std::abs(a - b) / 4.0); }
// Weeks and sessions compare as ratios: twice as many is 0.5, four times
// as many (or more) is 1, the same whichever side is larger.
double ratio_term(double a, double b) { return capped(std::abs(std::log2(a / b)) / 2.0); }

// The exercises count twice: what a study measured (a muscle's size, a
// lift's 1RM) is in the muscles it trained, so a study of arm curls is far
// from a block of squats however alike their frequencies.
constexpr double exercises_weight = 2.0;

// 1 - the share of exercises in common (the shared ones over all the
// different ones of both), a study's exercise matching any of its spellings.
double exercises_term(const std::vector<std::string>& block, const std::vector<std::vector<std::string>>& study)
{
    std::set<std::string> names;
    for (const auto& name : block) names.insert(canonical(name));
    std::size_t shared = 0;
    for (const auto& spellings : study)
        if (std::any_of(spellings.begin(), spellings.end(), [&](const std::string& s) { return names.count(canonical(s)) > 0; })) ++shared;
    const std::size_t all = names.size() + study.size() - shared;
    return 1.0 - static_cast<double>(shared) / static_cast<double>(all);
}

struct Accumulated {
    double percent_sum = 0;
    long long percent_sets = 0;
    std::set<long long> training_days;
    std::vector<std::string> exercises;
};

void add_content(Accumulated& a, const scheduling::SessionContent& content)
{
    for (const auto& exercise : content.exercises) {
        if (std::find(a.exercises.begin(), a.exercises.end(), exercise.name) == a.exercises.end()) a.exercises.push_back(exercise.name);
        for (const auto& set : exercise.sets)
            if (set.percent && !set.warm_up) {  // a study's load is its work sets'; warm-ups would lower the mean
                a.percent_sum += *set.percent;
                ++a.percent_sets;
            }
    }
}

}  // namespace

const char* to_string(Term term)
{
    switch (term) {
    case Term::load: return "load";
    case Term::sessions_per_day: return "sessions_per_day";
    case Term::days_per_week: return "days_per_week";
    case Term::weeks: return "weeks";
    case Term::sessions: return "sessions";
    case Term::exercises: return "exercises";
    }
    return "?";
}

BlockFigures figures_of(const scheduling::ProgramSchedule& program, std::size_t block)
{
    const scheduling::BlockPlan& plan = program.blocks.at(block);
    BlockFigures f;
    f.length_days = plan.block != nullptr ? plan.block->length_days : 0;
    f.sessions = plan.session_count;
    Accumulated a;
    for (std::uint32_t k = plan.first_session; k < plan.first_session + plan.session_count; ++k) {
        const scheduling::Session& session = program.sessions[k];
        a.training_days.insert(session.date.time_since_epoch().count());
        add_content(a, program.contents[session.content]);
    }
    f.exercises = std::move(a.exercises);
    if (a.percent_sets > 0) f.load_percent = a.percent_sum / static_cast<double>(a.percent_sets);
    if (!a.training_days.empty()) {
        const auto days = static_cast<double>(a.training_days.size());
        f.sessions_per_day = static_cast<double>(f.sessions) / days;
        if (f.length_days > 0) f.days_per_week = days / (f.length_days / 7.0);
    }
    return f;
}

Match compare(const BlockFigures& block, const Study& study)
{
    Match m;
    m.study = &study;
    const auto set = [&](Term term, bool known, auto&& value) {
        const auto i = static_cast<std::size_t>(term);
        m.missing[i] = !known;
        m.terms[i] = known ? value() : 1.0;
    };
    set(Term::load, block.load_percent && study.load_percent, [&] { return load_term(*block.load_percent, *study.load_percent); });
    set(Term::sessions_per_day, block.sessions_per_day && study.sessions_per_day,
        [&] { return sessions_per_day_term(*block.sessions_per_day, *study.sessions_per_day); });
    set(Term::days_per_week, block.days_per_week && study.days_per_week,
        [&] { return days_per_week_term(*block.days_per_week, *study.days_per_week); });
    set(Term::weeks, block.length_days > 0 && study.duration_days && *study.duration_days > 0,
        [&] { return ratio_term(block.length_days, *study.duration_days); });
    set(Term::sessions, block.sessions > 0 && study.sessions && *study.sessions > 0,
        [&] { return ratio_term(static_cast<double>(block.sessions), *study.sessions); });
    set(Term::exercises, !block.exercises.empty() && !study.exercises.empty(),
        [&] { return exercises_term(block.exercises, study.exercises); });
    m.terms[static_cast<std::size_t>(Term::exercises)] *= exercises_weight;
    for (const double t : m.terms) m.distance += t;
    return m;
}

std::vector<Match> closest(const BlockFigures& block, const Table& table, std::size_t top)
{
    std::vector<Match> matches;
    for (const auto& study : table.studies) matches.push_back(compare(block, study));
    std::stable_sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) { return a.distance < b.distance; });
    if (top > 0 && matches.size() > top) matches.resize(top);
    return matches;
}

ProgramEvidence evidence_for(const scheduling::ProgramSchedule& program, const Table& table, std::size_t top)
{
    ProgramEvidence e;
    e.name = program.name;
    e.athlete = program.athlete;
    for (std::size_t i = 0; i < program.blocks.size(); ++i) {
        const scheduling::BlockPlan& plan = program.blocks[i];
        if (plan.block == nullptr || !ir::is_bfr_block(*plan.block)) continue;
        BlockEvidence b;
        b.name = plan.name;
        b.method = plan.method;
        b.start = plan.start;
        b.end = plan.end;
        b.figures = figures_of(program, i);
        // A block whose sessions were all skipped trained nothing to compare.
        if (b.figures.sessions > 0) b.matches = closest(b.figures, table, top);
        e.blocks.push_back(std::move(b));
    }
    return e;
}

}  // namespace meso::evidence
