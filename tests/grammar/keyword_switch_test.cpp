// keyword_switch skips the statements that cannot begin with the word in
// front of the parser; these pin which statements it finds keywords for, so
// that a statement is never skipped for a word it could begin with.
#include <catch2/catch.hpp>

#include "grammar/grammar.h"

namespace g = meso::grammar;
using g::detail::leading_keywords;

TEST_CASE("a statement that begins with a keyword is tried only for that word")
{
    STATIC_REQUIRE(leading_keywords<g::days_statement>::known);
    STATIC_REQUIRE(leading_keywords<g::days_statement>::may_begin("days"));
    STATIC_REQUIRE(!leading_keywords<g::days_statement>::may_begin("day"));
    STATIC_REQUIRE(!leading_keywords<g::days_statement>::may_begin("days-off"));
    STATIC_REQUIRE(!leading_keywords<g::days_statement>::may_begin(""));
    STATIC_REQUIRE(leading_keywords<g::calendar_id_statement>::may_begin("calendar-id"));
    STATIC_REQUIRE(!leading_keywords<g::calendar_id_statement>::may_begin("calendar"));
}

TEST_CASE("a statement that begins with one of several keywords is tried for each of them")
{
    STATIC_REQUIRE(leading_keywords<g::superset_statement>::may_begin("superset"));
    STATIC_REQUIRE(leading_keywords<g::superset_statement>::may_begin("circuit"));
    STATIC_REQUIRE(!leading_keywords<g::superset_statement>::may_begin("squat"));
    // A split begins with a weekday, short or long.
    STATIC_REQUIRE(leading_keywords<g::split>::may_begin("mon"));
    STATIC_REQUIRE(leading_keywords<g::split>::may_begin("wednesday"));
    STATIC_REQUIRE(!leading_keywords<g::split>::may_begin("squat"));
    // The misplaced statements are found by their keywords too.
    STATIC_REQUIRE(leading_keywords<g::misplaced<g::misplaced_athlete_statement>>::may_begin("max"));
    STATIC_REQUIRE(!leading_keywords<g::misplaced<g::misplaced_athlete_statement>>::may_begin("program"));
}

TEST_CASE("a statement that may begin with any word is tried for every word")
{
    STATIC_REQUIRE(!leading_keywords<g::prescription>::known);
    STATIC_REQUIRE(leading_keywords<g::prescription>::may_begin("days"));
    STATIC_REQUIRE(leading_keywords<g::prescription>::may_begin(""));
    STATIC_REQUIRE(!leading_keywords<g::block_sequence>::known);  // `3 weeks ...` and `then ...`
    STATIC_REQUIRE(leading_keywords<g::block_sequence>::may_begin(""));
    STATIC_REQUIRE(!leading_keywords<g::misspelt_keyword<g::block_keywords>>::known);
    // A keyword or a number: not only keywords.
    STATIC_REQUIRE(!leading_keywords<g::misplaced<g::misplaced_program_statement>>::known);
}
