// Loading a barbell (engine/schedule/plates.h): the mass the bar and pairs
// of plates make nearest to a target, and the plates of a side. Every
// expectation is worked out by hand in its comment.
#include <catch2/catch.hpp>

#include <optional>
#include <vector>

#include "engine/schedule/plates.h"

using meso::ir::Plate;
using meso::scheduling::BarLoader;
using meso::scheduling::load_bar;

namespace {

const std::vector<Plate> kg_plates = {{25, std::nullopt}, {20, std::nullopt},  {15, std::nullopt},  {10, std::nullopt},
                                      {5, std::nullopt},  {2.5, std::nullopt}, {1.25, std::nullopt}};

}  // namespace

TEST_CASE("150 kg on a 20 kg bar is 65 kg a side: 25 + 25 + 15, the fewest plates, heaviest first")
{
    // 65 = 25+25+15 = 25+20+20 (three plates each); the first is heavier first.
    const auto b = load_bar(150, 20, kg_plates);
    CHECK(b.mass == 150);
    CHECK(b.per_side == std::vector<double>{25, 25, 15});
    CHECK_FALSE(b.below_bar);
}

TEST_CASE("a load the plates cannot make goes to the nearest they can, halves up")
{
    // Sides go in 1.25 kg, totals in 2.5 kg: 151 lies between 150 and 152.5, nearer 150.
    CHECK(load_bar(151, 20, kg_plates).mass == 150);
    // 151.25 is halfway: up, to 152.5 = 20 + 2 × (25+25+15+1.25).
    const auto half = load_bar(151.25, 20, kg_plates);
    CHECK(half.mass == 152.5);
    CHECK(half.per_side == std::vector<double>{25, 25, 15, 1.25});
}

TEST_CASE("limited plates make the greedy pick wrong: the exact one is found")
{
    // One pair of 25s and any number of 15s: a side of 30 is 15 + 15 (80 kg);
    // greedy would put the 25 on and reach only 70 kg.
    const std::vector<Plate> plates = {{25, 2}, {15, std::nullopt}};
    const auto b = load_bar(80, 20, plates);
    CHECK(b.mass == 80);
    CHECK(b.per_side == std::vector<double>{15, 15});
}

TEST_CASE("limited plates change the pick: with one pair of 25s, 65 kg a side is 25 + 20 + 20")
{
    std::vector<Plate> plates = kg_plates;
    plates[0].count = 2;  // two 25 kg plates: one pair
    const auto b = load_bar(150, 20, plates);
    CHECK(b.mass == 150);
    CHECK(b.per_side == std::vector<double>{25, 20, 20});
}

TEST_CASE("counts are of plates: an odd one out is never loaded")
{
    // Three 20s are one pair; a side of 40 cannot be 20 + 20, so it is 20 + 10 + 10.
    const std::vector<Plate> plates = {{20, 3}, {10, std::nullopt}};
    const auto b = load_bar(100, 20, plates);
    CHECK(b.mass == 100);
    CHECK(b.per_side == std::vector<double>{20, 10, 10});
    // A single plate of a kind is no pair at all.
    CHECK(load_bar(70, 20, {{25, 1}}).per_side.empty());
}

TEST_CASE("pound plates on a 45 lb bar")
{
    const std::vector<Plate> lb = {{45, std::nullopt}, {35, std::nullopt}, {25, std::nullopt},
                                   {10, std::nullopt}, {5, std::nullopt},  {2.5, std::nullopt}};
    const auto b = load_bar(225, 45, lb);  // 90 a side
    CHECK(b.mass == 225);
    CHECK(b.per_side == std::vector<double>{45, 45});
    // 75% of 405 lb is 303.75: 300 or 305 (sides in 2.5 lb), 305 is nearer;
    // a side of 130 is 45+45+35+5 (four plates; 45+45+25+10+5 is five).
    const auto heavy = load_bar(303.75, 45, lb);
    CHECK(heavy.mass == 305);
    CHECK(heavy.per_side == std::vector<double>{45, 45, 35, 5});
    // 228 is 3 from 225 and 2 from 230.
    CHECK(load_bar(228, 45, lb).mass == 230);
}

TEST_CASE("a load beyond what limited plates make is all of them")
{
    // Two 20s and two 10s: at most 30 a side, 80 kg.
    const std::vector<Plate> plates = {{20, 2}, {10, 2}};
    const auto b = load_bar(200, 20, plates);
    CHECK(b.mass == 80);
    CHECK(b.per_side == std::vector<double>{20, 10});
    // Between the reachable totals 20, 40, 60, 80: 35 is nearest 40.
    CHECK(load_bar(35, 20, plates).mass == 40);
}

TEST_CASE("no plates: the bar alone, whatever the load")
{
    const auto b = load_bar(100, 20, {});
    CHECK(b.mass == 20);
    CHECK(b.per_side.empty());
    CHECK_FALSE(b.below_bar);
}

TEST_CASE("a load below the bar gives the bar alone and says so, the bar's own mass does not")
{
    const auto below = load_bar(15, 20, kg_plates);
    CHECK(below.mass == 20);
    CHECK(below.per_side.empty());
    CHECK(below.below_bar);
    const auto at = load_bar(20, 20, kg_plates);
    CHECK(at.mass == 20);
    CHECK_FALSE(at.below_bar);
    // Just above the bar: 21 is nearer 20 than 22.5.
    CHECK(load_bar(21, 20, kg_plates).per_side.empty());
}

TEST_CASE("a loader asked for light then heavy loads gives what a fresh one gives")
{
    BarLoader loader(20, kg_plates);
    CHECK(loader.load(60).per_side == std::vector<double>{20});
    const auto heavy = loader.load(400);  // 190 a side: 25 × 7 + 15
    CHECK(heavy.mass == 400);
    CHECK(heavy.per_side == load_bar(400, 20, kg_plates).per_side);
    CHECK(heavy.per_side == std::vector<double>{25, 25, 25, 25, 25, 25, 25, 15});
    CHECK(loader.load(60).per_side == std::vector<double>{20});
}
