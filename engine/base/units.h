// Units: the one table of the units a .meso file may write.
//
// Each row is a spelling the language accepts (`kg`, `lbs`, `sec`,
// `minutes`, `% AOP`), the unit it means, the dimension that unit measures
// and the factor that takes an amount in that unit to the base unit of its
// dimension (kg, % of one-rep max, s, mmHg, cm). The grammar matches unit
// words against it and suggests its spellings for a misspelt one; the
// syntax tree's builder turns a spelling into its Unit; later stages read
// the factors instead of keeping their own. docs/language.md lists the
// units for users.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace meso {

enum class Unit {
    kg,
    lb,       // mass
    percent,  // of one-rep max
    second,
    minute,
    hour,
    day,
    week,
    mmhg,
    percent_aop,  // cuff pressure
    cm,           // cuff width
};

enum class Dimension { mass, relative_load, time, pressure, length };

struct UnitSpelling {
    std::string_view spelling;  // as written in a file; "% AOP" stands for '%', blanks, "AOP"
    Unit unit;
    Dimension dimension;
    // An amount in this unit times the factor is an amount in the base unit
    // of its dimension. % AOP is a fraction of the athlete's own occlusion
    // pressure, not a number of mmHg: its factor is 1 to itself, and it is
    // never converted to mmHg.
    double factor_to_base;
};

// Every spelling, each unit's canonical one (the one `meso fmt` could
// write) first among its own.
std::span<const UnitSpelling> unit_table();

// The unit a spelling means; nothing for a word that is not a unit.
std::optional<Unit> unit_of_spelling(std::string_view spelling);

Dimension dimension_of(Unit unit);
const char* canonical_spelling(Unit unit);  // "kg", "%", "s", "min", "h", "day", "week", "mmHg", "% AOP", "cm"
double factor_to_base(Unit unit);           // 1 for the base units; 60 for min; 0.45359237 for lb

// The seconds in one of a unit of time; nothing for any other unit.
std::optional<double> seconds_in(Unit unit);

// The spellings that are words (not '%'), for a did-you-mean on a misspelt
// unit; "AOP" stands for "% AOP".
const std::vector<std::string>& unit_words();

// "kg, lb, %, s, min, h, day, week, mmHg, % AOP and cm": the canonical
// spellings of every unit, for a message listing them.
const std::string& unit_list();

}  // namespace meso
