// engine/base/units: the one table of unit spellings, read by the grammar,
// the builder of the syntax tree and (through dimension_of and the factors)
// the later stages.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/base/units.h"

using meso::Dimension;
using meso::Unit;

TEST_CASE("every unit has a row of the units table, its canonical spelling first among its own")
{
    const Unit all[] = {Unit::kg,  Unit::lb,   Unit::percent, Unit::second,      Unit::minute, Unit::hour,
                        Unit::day, Unit::week, Unit::mmhg,    Unit::percent_aop, Unit::cm};
    for (Unit unit : all) {
        const char* canonical = meso::canonical_spelling(unit);
        REQUIRE(meso::unit_of_spelling(canonical) == unit);
        for (const auto& row : meso::unit_table()) {
            if (row.unit != unit) continue;
            CHECK(row.spelling == canonical);
            break;
        }
    }
    CHECK(meso::unit_list() == "kg, lb, %, s, min, h, day, week, mmHg, % AOP and cm");
}

TEST_CASE("a unit's dimension and factor to the base unit come from the table")
{
    CHECK(meso::dimension_of(Unit::lb) == Dimension::mass);
    CHECK(meso::dimension_of(Unit::percent) == Dimension::relative_load);
    CHECK(meso::dimension_of(Unit::percent_aop) == Dimension::pressure);
    CHECK(meso::dimension_of(Unit::cm) == Dimension::length);
    CHECK(meso::factor_to_base(Unit::lb) == 0.45359237);
    CHECK(meso::seconds_in(Unit::minute) == 60.0);
    CHECK(meso::seconds_in(Unit::week) == 7 * 86400.0);
    CHECK(!meso::seconds_in(Unit::kg).has_value());
    CHECK(!meso::unit_of_spelling("kgs").has_value());
}

TEST_CASE("a misspelt unit is compared with the table's words, AOP standing for % AOP")
{
    const std::vector<std::string> words = {"kg", "lb",   "lbs",   "s",   "sec",  "second", "seconds", "min",  "minute", "minutes",
                                            "h",  "hour", "hours", "day", "days", "week",   "weeks",   "mmHg", "cm",     "AOP"};
    CHECK(meso::unit_words() == words);
}
