// An athlete's equipment as resolved: the bar, the plates (heaviest first,
// with their counts) and each exercise's mark; what is wrong with them.
#include <catch2/catch.hpp>

#include "tests/resolve/resolve_support.h"

using meso::test::compile;
using meso::test::has_message;
using meso::test::messages;
using meso::test::only_athlete;

TEST_CASE("bar, plates and marks are resolved: plates heaviest first with their counts, steps per exercise")
{
    auto c = compile(R"(
athlete "A" {
  bar 20 kg
  plates 10 4x25, 2x20 1.25 kg
  barbell squat, "front squat"
  dumbbell curl step 2 kg
  machine leg-curl step 5 kg
}
)");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& a = only_athlete(c);
    REQUIRE(a.bar);
    CHECK(*a.bar == 20);
    REQUIRE(a.plates.size() == 4);
    CHECK(a.plates[0].mass == 25);
    CHECK(a.plates[0].count == 4);
    CHECK(a.plates[1].mass == 20);
    CHECK(a.plates[1].count == 2);
    CHECK(a.plates[2].mass == 10);
    CHECK_FALSE(a.plates[2].count);
    CHECK(a.plates[3].mass == 1.25);
    CHECK(a.equipment.at("squat").kind == meso::ir::Equipment::barbell);
    CHECK(a.equipment.at("front squat").kind == meso::ir::Equipment::barbell);
    CHECK(a.equipment.at("curl").kind == meso::ir::Equipment::dumbbell);
    CHECK(a.equipment.at("curl").step == 2);
    CHECK(a.equipment.at("leg-curl").kind == meso::ir::Equipment::machine);
    CHECK(a.equipment.at("leg-curl").step == 5);
    CHECK(a.equipment.count("bench-press") == 0);  // not marked: rounded to `round`, never loaded with plates
}

TEST_CASE("an athlete in pounds has bar and plates in pounds, the bar and plates decide the unit when nothing else does")
{
    auto c = compile(R"(athlete "A" { bar 45 lb; plates 45 25 10 5 2.5 lb; barbell squat })");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(only_athlete(c).unit == meso::ir::MassUnit::lb);
    CHECK(*only_athlete(c).bar == 45);
}

TEST_CASE("plates in another unit than the athlete's are an error, not a conversion")
{
    auto c = compile(R"(athlete "A" { max squat 180 kg; bar 20 kg; plates 45 25 10 lb; barbell squat })");
    CHECK(has_message(c.diagnostics, "the plates are weighed in 'lb', but A's loads are in kg"));
    CHECK(only_athlete(c).plates.empty());
}

TEST_CASE("a dumbbell step in another unit than the athlete's is an error")
{
    auto c = compile(R"(athlete "A" { max curl 20 kg; dumbbell curl step 5 lb })");
    CHECK(has_message(c.diagnostics, "the step is in 'lb', but A's loads are in kg"));
    CHECK(only_athlete(c).equipment.empty());
}

TEST_CASE("a bar and plates no exercise is marked to use are a warning at the bar")
{
    auto c = compile(R"(athlete "A" {
  bar 20 kg
  plates 25 20 10 5 kg
})");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    REQUIRE(c.diagnostics.size() == 1);
    CHECK(c.diagnostics[0].severity == meso::Severity::warning);
    CHECK(c.diagnostics[0].span.line == 2);
    CHECK(c.diagnostics[0].message.find("no exercise is marked 'barbell', so no load is rounded to plates") != std::string::npos);
}

TEST_CASE("a plate statement that does not parse is not also reported as missing")
{
    auto c = compile(R"(athlete "A" {
  bar 20 kg
  plates 25 20 10
  barbell squat
})");
    CHECK(has_message(c.diagnostics, "expected the plates' unit"));
    CHECK_FALSE(has_message(c.diagnostics, "the bar has no plates"));
}
