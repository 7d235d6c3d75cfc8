// Numbers are safe: zero, huge and tiny values, and progressions that run
// away are each a located error or a defined result (docs/reliability.md
// lists them all). No quantity overflows, divides by zero or becomes NaN.
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/support/support.h"

using meso::test::compile;
using meso::test::messages;

namespace {

const std::string alex = "athlete \"A\" {\n  max squat 180 kg\n  round 2.5 kg\n}\n";

meso::test::Compiled block(const std::string& body, const std::string& athlete = alex)
{
    return compile(athlete + "program \"P\" {\n  start 2027-01-04\n  " + body + "\n}\n");
}

// The one error of a program, with its line and column.
void check_error(const meso::test::Compiled& c, const std::string& message, std::uint32_t line, std::uint32_t column)
{
    INFO(messages(c.diagnostics));
    REQUIRE(c.diagnostics.size() >= 1);
    const auto& d = c.diagnostics.front();
    CHECK(d.severity == meso::Severity::error);
    CHECK(d.message == message);
    CHECK(d.span.line == line);
    CHECK(d.span.column == column);
}

std::optional<double> first_mass(const meso::test::Compiled& c)
{
    return c.program().contents.at(c.program().sessions.at(0).content).exercises.at(0).sets.at(0).mass;
}

}  // namespace

TEST_CASE("zero-length blocks are located errors")
{
    check_error(block("0 weeks \"B\" { days mon; squat 5x5 @ 50% }"), "a block lasts at least one day; '0 weeks' has none", 7, 3);
    check_error(block("0 days \"B\" { days mon; squat 5x5 @ 50% }"), "a block lasts at least one day; '0 days' has none", 7, 3);
}

TEST_CASE("a max of 0 kg and a rounding step of 0 kg are located errors, so no load divides by zero")
{
    auto c = compile("athlete \"A\" {\n  max squat 0 kg\n  round 0 kg\n}\n");
    INFO(messages(c.diagnostics));
    REQUIRE(c.diagnostics.size() == 2);
    CHECK(c.diagnostics[0].message == "a one-rep max must be more than 0 kg");
    CHECK(c.diagnostics[0].span.line == 2);
    CHECK(c.diagnostics[1].message == "loads are rounded to a step of more than 0 kg; to keep loads unrounded, write 'round 0.01 kg'");
    CHECK(c.diagnostics[1].span.line == 3);
}

TEST_CASE("0% and 0 kg are defined: a load of 0 kg")
{
    auto percent = block("1 week \"B\" { days mon; squat 5x5 @ 0% }");
    REQUIRE_FALSE(meso::has_errors(percent.diagnostics));
    CHECK(first_mass(percent) == 0.0);
    auto mass = block("1 week \"B\" { days mon; squat 5x5 @ 0 kg }");
    REQUIRE_FALSE(meso::has_errors(mass.diagnostics));
    CHECK(first_mass(mass) == 0.0);
}

TEST_CASE("zero sets, zero reps and sessions of no time are located errors")
{
    check_error(block("1 week \"B\" { days mon; squat 0x5 @ 50% }"), "at least 1 of the sets is needed, not 0", 7, 32);
    check_error(block("1 week \"B\" { days mon; squat 5x0 @ 50% }"), "at least 1 of the reps is needed, not 0", 7, 34);
    auto length = block("1 week \"B\" { days mon; sessions 08:00 for 0 min; squat 5x5 @ 50% }");
    CHECK(meso::test::has_message(length.diagnostics, "a session lasts at least a minute"));
    check_error(block("1 week \"B\" { days mon; sessions 08:00 for 25 h }"), "a session lasts at most a day", 7, 45);
}

TEST_CASE("huge loads are located errors")
{
    check_error(block("1 week \"B\" { days mon; squat 5x5 @ 999999999 kg }"),
                "a load of 999999999 kg is beyond any human; meso accepts at most 2000 kg", 7, 38);
    check_error(block("1 week \"B\" { days mon; squat 5x5 @ 999999999% }"), "a load of more than 1000% of one-rep max cannot be meant", 7,
                38);
    check_error(block("4 weeks \"B\" { days mon; squat 5x5 @ 100 kg..999999999 kg }"),
                "a load of 999999999 kg is beyond any human; meso accepts at most 2000 kg", 7, 47);
    check_error(compile("athlete \"A\" {\n  max squat 999999999 kg\n}\n"),
                "a one-rep max of 999999999 kg is beyond any human; meso accepts at most 2000 kg", 2, 13);
}

TEST_CASE("RPE outside 1 to 10 is a located error, 0 included")
{
    check_error(block("1 week \"B\" { days mon; squat 5x5 @ RPE 999999999 }"), "RPE goes from 1 to 10, not 999999999", 7, 38);
    check_error(block("1 week \"B\" { days mon; squat 5x5 @ RPE 0 }"), "RPE goes from 1 to 10, not 0", 7, 38);
}

TEST_CASE("a progression that goes below zero is a located error naming the week")
{
    check_error(block("20 weeks \"B\" { days mon; squat 5x5 @ 50% -5% per week }"),
                "the progression takes this load below zero in block week 12", 7, 40);
    check_error(block("20 weeks \"B\" { days mon; squat 5x5 @ 100 kg -10 kg per week }"),
                "the progression takes this load below zero in block week 12", 7, 40);
}

TEST_CASE("a progression that runs past what can be meant is a located error naming the week")
{
    check_error(block("1000 weeks \"B\" { days mon; squat 5x5 @ 50% +999999999% per week }"),
                "the progression takes this load above 1000% of one-rep max in block week 2", 7, 42);
    check_error(block("1000 weeks \"B\" { days mon; squat 5x5 @ 50 kg +999999999 kg per week }"),
                "the progression takes this load beyond any human (more than 2000 kg) in block week 2", 7, 42);
    // In pounds the bound is the same mass: 2000 kg is 4409 lb.
    auto lb = block("10 weeks \"B\" { days mon; squat 5x5 @ 4000 lb +100 lb per week }",
                    "athlete \"A\" {\n  max squat 400 lb\n  round 5 lb\n}\n");
    CHECK(meso::test::has_message(lb.diagnostics, "beyond any human (more than 2000 kg) in block week 6"));
}

TEST_CASE("numbers too long to be meant and exponents are located errors")
{
    check_error(block("1e308 weeks \"B\" { days mon }"), "numbers are written in plain digits, without an exponent ('e308')", 7, 4);
    auto long_number = block("1 week \"B\" { days mon; squat 5x5 @ 1234567890123456 kg }");
    CHECK(meso::test::has_message(long_number.diagnostics, "the number 1234567890123456 is too long; numbers have at most 15 digits"));
}

TEST_CASE("tiny maxes and steps give finite loads and percents")
{
    auto c = compile("athlete \"A\" {\n  max squat 0.0000000001 kg\n  round 0.0000000001 kg\n}\n"
                     "program \"P\" {\n  start 2027-01-04\n  1 week \"B\" { days mon; squat 5x5 @ 100 kg; squat 1x1 @ 50% }\n}\n");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    for (const auto& e : c.program().contents.at(0).exercises)
        for (const auto& s : e.sets) {
            REQUIRE(s.mass);
            CHECK(std::isfinite(*s.mass));
            if (s.percent) CHECK(std::isfinite(*s.percent));
        }
}

TEST_CASE("a ramp down to 0% is defined: it ends at 0 kg")
{
    auto c = block("4 weeks \"B\" { days mon; squat 5x5 @ 80%..0% }");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    const auto& last = p.contents.at(p.sessions.back().content).exercises.at(0).sets.at(0);
    CHECK(last.percent == 0.0);
    CHECK(last.mass == 0.0);
}
