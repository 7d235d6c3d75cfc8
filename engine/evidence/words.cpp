// A study and a block in plain words, for the text and the JSON of
// meso evidence alike.
#include <cmath>
#include <cstdio>
#include <utility>

#include "engine/base/text.h"
#include "engine/evidence/evidence.h"

namespace meso::evidence {

namespace {

// "(not confirmed)" after a value that was neither read nor worked out
// from what was read.
std::string marked(const Study& study, const std::string& field, const std::string& words)
{
    return study.firm(field) ? words : words + " (not confirmed)";
}

std::string per_day(const Study& s)
{
    if (!s.sessions_per_day) return "sessions a day not read";
    return marked(s, "sessions_per_day", number(*s.sessions_per_day) + "×/day");
}

std::string per_week(const Study& s)
{
    if (!s.days_per_week) return "days a week not read";
    return marked(s, "days_per_week", number(*s.days_per_week) + " d/wk");
}

std::string load(const Study& s)
{
    if (s.load_percent) return marked(s, "load", format_percent(*s.load_percent) + "% 1RM");
    if (!s.load_words.empty()) return marked(s, "load", s.load_words);
    return "load not read";
}

std::string length(int days)
{
    if (days % 7 == 0) return std::to_string(days / 7) + (days == 7 ? " week" : " weeks");
    return std::to_string(days) + (days == 1 ? " day" : " days");
}

}  // namespace

std::string number(double value)
{
    const double tenths = std::round(value * 10.0) / 10.0;
    char buffer[32];
    if (tenths == std::round(tenths)) std::snprintf(buffer, sizeof buffer, "%.0f", tenths);
    else std::snprintf(buffer, sizeof buffer, "%.1f", tenths);
    return buffer;
}

std::vector<std::string> not_confirmed(const Study& s)
{
    const std::pair<const char*, bool> has[] = {
        {"population", !s.population.empty()},
        {"n", s.n.has_value()},
        {"load", s.load_percent || !s.load_words.empty()},
        {"sessions_per_day", s.sessions_per_day.has_value()},
        {"days_per_week", s.days_per_week.has_value()},
        {"duration", !s.duration.empty()},
        {"sessions", s.sessions.has_value()},
        {"exercises", !s.exercises.empty()},
        {"cuff", !s.cuff.empty()},
        {"outcome", !s.outcome.empty()},
        {"journal", !s.journal.empty()},
        {"doi", !s.doi.empty()},
    };
    std::vector<std::string> out;
    for (const auto& [field, known] : has)
        if (known && !s.firm(field)) out.emplace_back(field);
    return out;
}

std::string exercise_names(const Study& study)
{
    std::string out;
    for (const auto& spellings : study.exercises) {
        std::string name = spellings.front();
        for (char& c : name)
            if (c == '-') c = ' ';
        out += (out.empty() ? "" : ", ") + name;
    }
    return out.empty() ? "exercises not read" : marked(study, "exercises", out);
}

std::string protocol_summary(const Study& s)
{
    const std::string duration = s.duration.empty() ? "length not read" : marked(s, "duration", s.duration);
    return per_day(s) + ", " + per_week(s) + ", " + duration + ", " + load(s);
}

std::string plain_summary(const Study& s)
{
    const std::string n = s.n ? marked(s, "n", "n=" + std::to_string(*s.n)) : "n not read";
    return s.short_name + " — " + protocol_summary(s) + " — " + marked(s, "outcome", s.outcome) + " (" + n + ")";
}

std::string figures_summary(const BlockFigures& f)
{
    if (f.sessions == 0) return "no sessions in " + length(f.length_days);
    std::string out = f.load_percent ? format_percent(*f.load_percent) + "% 1RM" : "no load in % of 1RM";
    out += ", " + (f.sessions_per_day ? number(*f.sessions_per_day) + "×/day" : std::string("no sessions"));
    if (f.days_per_week) out += ", " + number(*f.days_per_week) + " d/wk";
    out += ", " + length(f.length_days) + ", " + std::to_string(f.sessions) + (f.sessions == 1 ? " session" : " sessions");
    if (!f.exercises.empty()) {
        out += ";";
        for (std::size_t i = 0; i < f.exercises.size(); ++i) out += (i == 0 ? " " : ", ") + f.exercises[i];
    }
    return out;
}

}  // namespace meso::evidence
