#include "engine/base/units.h"

#include <array>

#include "engine/base/text.h"

namespace meso {

namespace {

// Each unit's canonical spelling comes first among its rows. The order of
// the rows is the order of the did-you-mean's candidates (ties go to the
// earlier one), so "% AOP" stays last.
constexpr std::array<UnitSpelling, 21> table{{
    {"kg", Unit::kg, Dimension::mass, 1},
    {"lb", Unit::lb, Dimension::mass, 0.45359237},
    {"lbs", Unit::lb, Dimension::mass, 0.45359237},
    {"%", Unit::percent, Dimension::relative_load, 1},
    {"s", Unit::second, Dimension::time, 1},
    {"sec", Unit::second, Dimension::time, 1},
    {"second", Unit::second, Dimension::time, 1},
    {"seconds", Unit::second, Dimension::time, 1},
    {"min", Unit::minute, Dimension::time, 60},
    {"minute", Unit::minute, Dimension::time, 60},
    {"minutes", Unit::minute, Dimension::time, 60},
    {"h", Unit::hour, Dimension::time, 3600},
    {"hour", Unit::hour, Dimension::time, 3600},
    {"hours", Unit::hour, Dimension::time, 3600},
    {"day", Unit::day, Dimension::time, 86400},
    {"days", Unit::day, Dimension::time, 86400},
    {"week", Unit::week, Dimension::time, 7 * 86400},
    {"weeks", Unit::week, Dimension::time, 7 * 86400},
    {"mmHg", Unit::mmhg, Dimension::pressure, 1},
    {"cm", Unit::cm, Dimension::length, 1},
    {"% AOP", Unit::percent_aop, Dimension::pressure, 1},
}};

constexpr std::array all_units{Unit::kg,  Unit::lb,   Unit::percent, Unit::second,      Unit::minute, Unit::hour,
                               Unit::day, Unit::week, Unit::mmhg,    Unit::percent_aop, Unit::cm};

// The canonical row of a unit: its first. Every unit has one (a test checks it).
const UnitSpelling& row_of(Unit unit)
{
    for (const auto& row : table)
        if (row.unit == unit) return row;
    return table.front();
}

}  // namespace

std::span<const UnitSpelling> unit_table() { return table; }

std::optional<Unit> unit_of_spelling(std::string_view spelling)
{
    for (const auto& row : table)
        if (row.spelling == spelling) return row.unit;
    return std::nullopt;
}

Dimension dimension_of(Unit unit) { return row_of(unit).dimension; }

const char* canonical_spelling(Unit unit) { return row_of(unit).spelling.data(); }

double factor_to_base(Unit unit) { return row_of(unit).factor_to_base; }

std::optional<double> seconds_in(Unit unit)
{
    if (dimension_of(unit) != Dimension::time) return std::nullopt;
    return factor_to_base(unit);
}

const std::vector<std::string>& unit_words()
{
    static const std::vector<std::string> words = [] {
        std::vector<std::string> out;
        for (const auto& row : table) {
            if (row.spelling == "%") continue;
            out.emplace_back(row.spelling.front() == '%' ? row.spelling.substr(row.spelling.rfind(' ') + 1) : row.spelling);
        }
        return out;
    }();
    return words;
}

const std::string& unit_list()
{
    static const std::string list = [] {
        std::vector<std::string> spellings;
        spellings.reserve(all_units.size());
        for (const Unit unit : all_units) spellings.push_back(canonical_spelling(unit));
        return and_list(spellings);
    }();
    return list;
}

}  // namespace meso
