// Did-you-mean: the distance behind every suggestion meso makes.
#include <catch2/catch.hpp>

#include "engine/base/suggest.h"

using meso::closest_match;
using meso::edit_distance;

TEST_CASE("the edit distance counts insertions, deletions, substitutions and swaps of neighbours")
{
    CHECK(edit_distance("squat", "squat") == 0);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("sqaut", "squat") == 1);  // two letters swapped
    CHECK(edit_distance("deadlfit", "deadlift") == 1);
    CHECK(edit_distance("bench", "bench-press") == 6);
    // Optimal string alignment: a swapped pair is not edited again.
    CHECK(edit_distance("ca", "abc") == 3);
    CHECK(edit_distance("abc", "ca") == 3);
}

TEST_CASE("the closest candidate within a third of the word's length is suggested")
{
    const std::vector<std::string> weekdays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    CHECK(closest_match("mno", weekdays) == std::optional<std::string>("mon"));
    CHECK_FALSE(closest_match("xyz", weekdays));
    const std::vector<std::string> templates{"kaatsu", "powerlifting", "hypertrophy", "deload", "rest"};
    CHECK(closest_match("kaatzu", templates) == std::optional<std::string>("kaatsu"));
    CHECK(closest_match("powerliftnig", templates) == std::optional<std::string>("powerlifting"));
    CHECK_FALSE(closest_match("kaatsu", templates));  // the word itself is no suggestion
    // Candidates of very different length are never near.
    CHECK_FALSE(closest_match("re", templates));
}
