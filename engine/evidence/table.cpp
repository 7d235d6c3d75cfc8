// Reading the evidence table: tab-separated values with a header row that
// names the columns (their order is free), '#' comment lines, and "-" for
// a value that is not known.
#include <charconv>
#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/evidence/evidence.h"
#include "engine/resolve/stdlib.h"

namespace meso::evidence {

namespace {

const std::vector<std::string> columns = {
    "id",      "short",     "authors",          "year",          "title",    "journal",  "doi",       "design", "population",
    "n",       "load",      "sessions_per_day", "days_per_week", "duration", "sessions", "exercises", "cuff",   "outcome",
    "details", "confirmed", "computed",         "note"};

// The fields `confirmed` and `computed` may name: those meso evidence shows.
const std::set<std::string> fields = {"population", "n",         "load", "sessions_per_day", "days_per_week", "duration",
                                      "sessions",   "exercises", "cuff", "outcome",          "journal",       "doi"};

std::vector<std::string> split(std::string_view text, char by)
{
    std::vector<std::string> parts;
    std::size_t from = 0;
    while (true) {
        const std::size_t at = text.find(by, from);
        parts.emplace_back(text.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
        if (at == std::string_view::npos) return parts;
        from = at + 1;
    }
}

std::string trim(std::string_view text)
{
    const auto first = text.find_first_not_of(" \r");
    if (first == std::string_view::npos) return "";
    return std::string(text.substr(first, text.find_last_not_of(" \r") - first + 1));
}

bool unknown(const std::string& value) { return value.empty() || value == "-"; }

std::optional<double> parse_number(const std::string& text)
{
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || value < 0) return std::nullopt;
    return value;
}

// One row's cells by column name, and what is wrong with them.
struct Row {
    std::map<std::string, std::string> cells;
    std::string where;  // "line 24"
    std::vector<std::string>& problems;

    const std::string& at(const std::string& column) { return cells[column]; }
    std::string text(const std::string& column) { return unknown(at(column)) ? "" : at(column); }
    std::optional<double> number(const std::string& column)
    {
        if (unknown(at(column))) return std::nullopt;
        auto value = parse_number(at(column));
        if (!value) problems.push_back(where + ": " + column + " is '" + at(column) + "', not a number or '-'");
        return value;
    }
    std::string not_a_field(const std::string& column, const std::string& name) const
    {
        std::string message = where;
        message.append(": ").append(column).append(" names '").append(name).append("', which is not a field it can name");
        return message;
    }
    std::set<std::string> field_list(const std::string& column)
    {
        std::set<std::string> out;
        if (unknown(at(column))) return out;
        for (const auto& part : split(at(column), ',')) {
            const std::string name = trim(part);
            if (!fields.count(name)) problems.push_back(not_a_field(column, name));
            out.insert(name);
        }
        return out;
    }
};

void read_load(Row& row, Study& study)
{
    const std::string load = row.text("load");
    if (load.empty()) return;
    if (auto percent = parse_number(load)) study.load_percent = percent;
    else study.load_words = load;  // walking, cycling, elastic bands: not a % of 1RM
}

void read_duration(Row& row, Study& study)
{
    study.duration = row.text("duration");
    if (study.duration.empty()) return;
    const auto words = split(study.duration, ' ');
    const auto count = words.size() == 2 ? parse_number(words[0]) : std::nullopt;
    const int per = words.size() == 2 && (words[1] == "week" || words[1] == "weeks")
                        ? 7
                        : (words.size() == 2 && (words[1] == "day" || words[1] == "days") ? 1 : 0);
    if (!count || per == 0 || *count <= 0) {
        row.problems.push_back(row.where + ": duration is '" + study.duration + "', not 'N weeks' or 'N days'");
        return;
    }
    study.duration_days = static_cast<int>(std::lround(*count * per));
}

void read_exercises(Row& row, Study& study)
{
    const std::string list = row.text("exercises");
    if (list.empty()) return;
    for (const auto& exercise : split(list, ',')) {
        std::vector<std::string> spellings;
        for (const auto& spelling : split(exercise, '|'))
            if (!trim(spelling).empty()) spellings.push_back(trim(spelling));
        if (spellings.empty()) row.problems.push_back(row.where + ": an empty exercise in '" + list + "'");
        else study.exercises.push_back(std::move(spellings));
    }
}

Study read_study(Row& row)
{
    Study s;
    s.id = row.text("id");
    s.short_name = row.text("short");
    s.authors = row.text("authors");
    s.year = row.text("year");
    s.title = row.text("title");
    s.journal = row.text("journal");
    s.doi = row.text("doi");
    s.design = row.text("design");
    s.population = row.text("population");
    if (auto n = row.number("n")) s.n = static_cast<int>(*n);
    read_load(row, s);
    s.sessions_per_day = row.number("sessions_per_day");
    s.days_per_week = row.number("days_per_week");
    read_duration(row, s);
    s.sessions = row.number("sessions");
    read_exercises(row, s);
    s.cuff = row.text("cuff");
    s.outcome = row.text("outcome");
    s.details = row.text("details");
    s.note = row.text("note");
    s.confirmed = row.field_list("confirmed");
    s.computed = row.field_list("computed");
    for (const char* required : {"id", "short", "authors", "year", "journal", "design", "outcome"})
        if (unknown(row.at(required))) row.problems.push_back(row.where + ": the " + required + " is missing");
    return s;
}

// The header's column names, each to its position; the problems of a header
// that lacks one.
std::map<std::string, std::size_t> read_header(const std::string& line, std::vector<std::string>& problems)
{
    std::map<std::string, std::size_t> at;
    const auto names = split(line, '\t');
    for (std::size_t i = 0; i < names.size(); ++i) at[trim(names[i])] = i;
    for (const auto& column : columns)
        if (!at.count(column)) problems.push_back("the header has no column '" + column + "'");
    return at;
}

}  // namespace

Table parse_table(std::string_view text)
{
    Table table;
    std::map<std::string, std::size_t> header;
    std::size_t header_size = 0;
    std::set<std::string> ids;
    const auto lines = split(text, '\n');
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (trim(line).empty() || line[0] == '#') continue;
        if (header.empty()) {
            header = read_header(line, table.problems);
            header_size = split(line, '\t').size();
            if (!table.problems.empty()) return table;
            continue;
        }
        const auto cells = split(line, '\t');
        const std::string where = "line " + std::to_string(i + 1);
        if (cells.size() != header_size) {
            table.problems.push_back(where + ": " + std::to_string(cells.size()) + " columns, the header has " +
                                     std::to_string(header_size));
            continue;
        }
        Row row{{}, where, table.problems};
        for (const auto& [name, position] : header) row.cells[name] = trim(cells[position]);
        Study study = read_study(row);
        if (!ids.insert(study.id).second) table.problems.push_back(where + ": a second row '" + study.id + "'");
        table.studies.push_back(std::move(study));
    }
    if (header.empty()) table.problems.push_back("no header row");
    return table;
}

const Table& bfr_table()
{
    static const Table table = [] {
        for (const auto& file : resolving::embedded_stdlib_tables())
            if (file.path == "evidence/bfr.tsv") return parse_table(file.text);
        Table missing;
        missing.problems.push_back("evidence/bfr.tsv is not in the standard library");
        return missing;
    }();
    return table;
}

}  // namespace meso::evidence
