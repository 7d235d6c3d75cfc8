// The writers of write.h.
#include "engine/stats/write.h"

#include <nlohmann/json.hpp>
#include <string>

#include "engine/base/csv.h"
#include "engine/base/text.h"

namespace meso::stats {

namespace {

// A table printed with each column as wide as its widest cell (display
// width, so that an exercise named in any script lines up).
using Row = std::vector<std::string>;

void print_table(std::ostream& out, const std::vector<Row>& rows, const std::string& indent)
{
    std::vector<std::size_t> widths;
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (widths.size() <= c) widths.push_back(0);
            widths[c] = std::max(widths[c], display_width(row[c]));
        }
    for (const auto& row : rows) {
        std::string line = indent;
        for (std::size_t c = 0; c < row.size(); ++c) {
            line += row[c];
            if (c + 1 < row.size()) line += std::string(widths[c] - display_width(row[c]) + 2, ' ');
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << "\n";
    }
}

std::string percent_or_empty(const std::optional<double>& p) { return p ? format_percent(*p) + "%" : ""; }

std::string week_dates(const Week& w) { return format_date(w.start) + ".." + format_date(w.end); }

void print_weeks(std::ostream& out, const BlockStats& block, const char* unit)
{
    std::vector<Row> rows{{"week", "dates", "sessions", "days", "sets", "reps", std::string("tonnage ") + unit, "change"}};
    for (const auto& w : block.weeks)
        rows.push_back({std::to_string(w.week) + (w.deload ? " (deload)" : ""), week_dates(w), std::to_string(w.sessions),
                        std::to_string(w.training_days), std::to_string(w.sets), std::to_string(w.reps), tonnage_text(w.tonnage),
                        w.compared_with ? change_text(w.volume_change_percent) + " vs week " + std::to_string(w.compared_with) : ""});
    rows.push_back({"block", format_date(block.start) + ".." + format_date(block.end), std::to_string(block.sessions),
                    std::to_string(block.training_days), std::to_string(block.sets), std::to_string(block.reps),
                    tonnage_text(block.tonnage), ""});
    print_table(out, rows, "  ");
}

void print_exercises(std::ostream& out, const BlockStats& block, const char* unit)
{
    std::vector<Row> rows{{"week", "exercise", "sets", "reps", std::string("tonnage ") + unit, "mean %1RM", "top %1RM"}};
    bool without_mass = false;
    for (const auto& w : block.weeks)
        for (const auto& e : w.exercises) {
            without_mass = without_mass || e.sets_without_mass > 0;
            rows.push_back({std::to_string(w.week), e.name, std::to_string(e.sets), std::to_string(e.reps),
                            tonnage_text(e.tonnage) + (e.sets_without_mass > 0 ? "*" : ""), percent_or_empty(e.mean_percent),
                            percent_or_empty(e.top_percent)});
        }
    if (rows.size() == 1) return;
    out << "\n";
    print_table(out, rows, "  ");
    if (without_mass) out << "  * some sets have no mass (a % load without a max, RPE alone, or timed): not in the tonnage\n";
}

void print_bfr(std::ostream& out, const BlockStats& block)
{
    std::vector<Row> rows{{"week", "BFR week", "sessions", "most a day", "days", "target", "within"}};
    for (const auto& w : block.weeks) {
        if (!w.bfr) continue;
        const auto& b = *w.bfr;
        rows.push_back({std::to_string(w.week), std::to_string(b.run_week), std::to_string(b.sessions),
                        std::to_string(b.most_sessions_a_day), std::to_string(b.training_days),
                        b.days_limited ? "<= 2 a day, 2-3 days" : "<= 2 a day", b.within_targets ? "yes" : "no"});
    }
    out << "\n";
    print_table(out, rows, "  ");
}

nlohmann::json optional_percent(const std::optional<double>& value)
{
    return value ? nlohmann::json(round_percent(*value)) : nlohmann::json(nullptr);
}

nlohmann::json week_json(const Week& w)
{
    nlohmann::json exercises = nlohmann::json::array();
    for (const auto& e : w.exercises)
        exercises.push_back({{"name", e.name},
                             {"sets", e.sets},
                             {"reps", e.reps},
                             {"tonnage", e.tonnage},
                             {"sets_without_mass", e.sets_without_mass},
                             {"mean_percent", optional_percent(e.mean_percent)},
                             {"top_percent", optional_percent(e.top_percent)}});
    nlohmann::json bfr = nullptr;
    if (w.bfr)
        bfr = {{"run_week", w.bfr->run_week},
               {"sessions", w.bfr->sessions},
               {"most_sessions_a_day", w.bfr->most_sessions_a_day},
               {"training_days", w.bfr->training_days},
               {"target_sessions_a_day", 2},
               {"target_days", w.bfr->days_limited ? nlohmann::json::array({2, 3}) : nlohmann::json(nullptr)},
               {"within_targets", w.bfr->within_targets}};
    return {{"week", w.week},
            {"start", format_date(w.start)},
            {"end", format_date(w.end)},
            {"deload", w.deload},
            {"sessions", w.sessions},
            {"training_days", w.training_days},
            {"sets", w.sets},
            {"reps", w.reps},
            {"tonnage", w.tonnage},
            {"sets_without_mass", w.sets_without_mass},
            {"volume_change_percent", optional_percent(w.volume_change_percent)},
            {"compared_with", w.compared_with ? nlohmann::json(w.compared_with) : nlohmann::json(nullptr)},
            {"exercises", exercises},
            {"bfr", bfr}};
}

nlohmann::json block_json(const BlockStats& b)
{
    nlohmann::json weeks = nlohmann::json::array();
    for (const auto& w : b.weeks) weeks.push_back(week_json(w));
    return {{"name", b.name},
            {"method", b.method},
            {"start", format_date(b.start)},
            {"end", format_date(b.end)},
            {"bfr", b.bfr},
            {"sessions", b.sessions},
            {"training_days", b.training_days},
            {"sets", b.sets},
            {"reps", b.reps},
            {"tonnage", b.tonnage},
            {"weeks", weeks}};
}

std::string csv_percent(const std::optional<double>& p) { return p ? format_percent(*p) : ""; }

}  // namespace

std::string tonnage_text(double tonnage) { return format_number(tonnage); }

std::string change_text(const std::optional<double>& percent)
{
    if (!percent) return "";
    const double rounded = round_percent(*percent);
    return (rounded > 0 ? "+" : "") + format_percent(*percent) + "%";
}

void write_text(std::ostream& out, const std::vector<ProgramStats>& programs)
{
    bool first = true;
    for (const auto& p : programs) {
        const char* unit = ir::to_string(p.unit);
        out << (first ? "" : "\n") << p.name << (p.athlete.empty() ? "" : " for " + p.athlete) << " — " << format_date(p.start) << " to "
            << format_date(p.end) << "; loads in " << unit << "\n";
        first = false;
        for (const auto& b : p.blocks) {
            out << "\nBlock \"" << b.name << "\"" << (b.method.empty() ? "" : " (" + b.method + (b.bfr ? ", BFR" : "") + ")") << "\n";
            print_weeks(out, b, unit);
            print_exercises(out, b, unit);
            if (b.bfr) print_bfr(out, b);
        }
    }
}

void write_json(std::ostream& out, const std::vector<ProgramStats>& programs)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : programs) {
        nlohmann::json blocks = nlohmann::json::array();
        for (const auto& b : p.blocks) blocks.push_back(block_json(b));
        list.push_back({{"name", p.name},
                        {"athlete", p.athlete.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.athlete)},
                        {"unit", ir::to_string(p.unit)},
                        {"start", format_date(p.start)},
                        {"end", format_date(p.end)},
                        {"blocks", blocks}});
    }
    out << nlohmann::json{{"programs", list}}.dump(2) << "\n";
}

void write_csv(std::ostream& out, const std::vector<ProgramStats>& programs)
{
    out << "program,athlete,unit,block,method,week,start,end,deload,exercise,sessions,training_days,sets,reps,tonnage,sets_without_mass,"
           "mean_percent,top_percent,volume_change_percent\n";
    for (const auto& p : programs)
        for (const auto& b : p.blocks)
            for (const auto& w : b.weeks) {
                const std::string head = csv_field(p.name) + "," + csv_field(p.athlete) + "," + ir::to_string(p.unit) + "," +
                                         csv_field(b.name) + "," + csv_field(b.method) + "," + std::to_string(w.week) + "," +
                                         format_date(w.start) + "," + format_date(w.end) + "," + (w.deload ? "true" : "false") + ",";
                out << head << "," << w.sessions << "," << w.training_days << "," << w.sets << "," << w.reps << ","
                    << tonnage_text(w.tonnage) << "," << w.sets_without_mass << ",,," << csv_percent(w.volume_change_percent) << "\n";
                for (const auto& e : w.exercises)
                    out << head << csv_field(e.name) << ",,," << e.sets << "," << e.reps << "," << tonnage_text(e.tonnage) << ","
                        << e.sets_without_mass << "," << csv_percent(e.mean_percent) << "," << csv_percent(e.top_percent) << ",\n";
            }
}

}  // namespace meso::stats
