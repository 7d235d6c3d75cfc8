// engine/ir's masses and the resolver's durations: a load's unit and its
// conversions read the factors of engine/base/units.h's table, never a
// constant of their own.
#include <catch2/catch.hpp>

#include <string>

#include "engine/base/units.h"
#include "engine/ir/ir.h"
#include "tests/support/support.h"

using meso::ir::Mass;
using meso::ir::MassUnit;

TEST_CASE("a load's mass unit is the table's unit, spelt as its canonical spelling")
{
    CHECK(meso::ir::unit_of(MassUnit::kg) == meso::Unit::kg);
    CHECK(meso::ir::unit_of(MassUnit::lb) == meso::Unit::lb);
    CHECK(std::string(meso::ir::to_string(MassUnit::kg)) == meso::canonical_spelling(meso::Unit::kg));
    CHECK(std::string(meso::ir::to_string(MassUnit::lb)) == "lb");
}

TEST_CASE("the kilograms in a mass unit are the table's factor to the base unit")
{
    CHECK(meso::ir::kg_in(MassUnit::kg) == 1.0);
    CHECK(meso::ir::kg_in(MassUnit::lb) == meso::factor_to_base(meso::Unit::lb));
}

TEST_CASE("a mass converts between kg and lb through the table, and stays as it is in its own unit")
{
    const double lb_factor = meso::factor_to_base(meso::Unit::lb);
    CHECK(meso::ir::convert(Mass{100, MassUnit::lb}, MassUnit::kg) == 100 * lb_factor);
    CHECK(meso::ir::convert(Mass{100, MassUnit::kg}, MassUnit::lb) == 100 / lb_factor);
    CHECK(meso::ir::convert(Mass{102.5, MassUnit::kg}, MassUnit::kg) == 102.5);
    CHECK(meso::ir::convert(Mass{225, MassUnit::lb}, MassUnit::lb) == 225);
}

TEST_CASE("a resolved program's durations and masses are converted with the units table's factors")
{
    auto c = meso::test::compile(
        "athlete \"A\" {\n  max squat 220 lb\n}\n"
        "program \"P\" for \"A\" {\n  start 2027-01-04\n"
        "  10 days \"Short\" {\n    days mon\n    squat 3x5 @ 100 kg rest 2 min\n    deadlift 1x5 @ 135 lb rest 0.5 h\n  }\n"
        "  then 2 weeks \"Longer\" {\n    days mon\n    squat 3x5 @ 50% rest 45 s\n  }\n}\n");
    INFO(meso::test::messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& program = c.compilation->module.programs.at(0);
    REQUIRE(program.athlete);
    CHECK(program.athlete->unit == MassUnit::lb);
    REQUIRE(program.blocks.size() == 2);
    CHECK(program.blocks[0].length_days == 10);
    CHECK(program.blocks[1].length_days == 14);
    const auto& short_block = program.blocks[0].content.exercises;
    REQUIRE(short_block.size() == 2);
    CHECK(short_block[0].rest_s == 2 * *meso::seconds_in(meso::Unit::minute));
    CHECK(short_block[0].sets.at(0).load.from == 100 / meso::factor_to_base(meso::Unit::lb));  // 100 kg in the athlete's lb
    CHECK(short_block[1].rest_s == 0.5 * *meso::seconds_in(meso::Unit::hour));
    CHECK(short_block[1].sets.at(0).load.from == 135);
    CHECK(program.blocks[1].content.exercises.at(0).rest_s == 45);
}
