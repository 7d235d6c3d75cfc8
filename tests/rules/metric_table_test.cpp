// The metric table: every metric a rule can name is one row that carries
// its sampler and its describer, so that no metric can be forgotten by the
// checker (a rule on a metric without values would pass silently). The
// tables' own static_asserts make a row without them a compile error; this
// pins the same through the public list of metrics.
#include <catch2/catch.hpp>

#include <iterator>
#include <set>
#include <string>

#include "engine/rules/metrics.h"
#include "engine/rules/rules.h"

using namespace meso;

TEST_CASE("every metric that meso rules lists has a row with its sampler and describer")
{
    REQUIRE(rules::metrics().size() == rules::metric_table().size());
    std::set<std::string> names;
    for (const auto& m : rules::metrics()) {
        INFO(m.name);
        const rules::MetricRow* row = rules::metric_named(m.name);
        REQUIRE(row != nullptr);
        CHECK(row->sample != nullptr);
        CHECK(row->describe != nullptr);
        CHECK(m.kind == rules::kind_name(row->kind));
        CHECK(m.per_exercise == rules::per_exercise(row->scope));
        CHECK(m.value == row->description);
        CHECK(names.insert(m.name).second);  // a name is one metric
    }
}

TEST_CASE("a metric's scope says what a finding counts after its first failing value")
{
    CHECK(rules::and_more(0, rules::Scope::day).empty());
    CHECK(rules::and_more(17, rules::Scope::day) == ", and on 17 more days");
    CHECK(rules::and_more(1, rules::Scope::week) == ", and in 1 more block week");
    CHECK(rules::and_more(2, rules::Scope::session_pair) == ", and 2 more times");
    CHECK(rules::and_more(35, rules::Scope::session) == ", and in 35 more sessions");
    CHECK(rules::and_more(3, rules::Scope::exercise) == ", and in 3 more sessions");
    CHECK(rules::metric_named("gap")->scope == rules::Scope::session_pair);
    CHECK(rules::metric_named("load")->scope == rules::Scope::set);
}

TEST_CASE("every scope says what its failing values are counted in, and whether it is an exercise's")
{
    for (const rules::Scope scope : rules::all_scopes) {
        INFO(static_cast<int>(scope));
        CHECK(rules::and_more(0, scope).empty());
        CHECK(rules::and_more(2, scope).rfind(", and ", 0) == 0);
        CHECK(rules::and_more(2, scope).find("2 more ") != std::string::npos);
    }
    std::set<rules::Scope> listed(std::begin(rules::all_scopes), std::end(rules::all_scopes));
    for (const auto& row : rules::metric_table()) CHECK(listed.count(row.scope) == 1);
}

TEST_CASE("the athlete scope, for checks across one athlete's programs, counts programs and is not an exercise's")
{
    CHECK(rules::and_more(2, rules::Scope::athlete) == ", and in 2 more programs");
    CHECK(rules::and_more(1, rules::Scope::athlete) == ", and in 1 more program");
    CHECK_FALSE(rules::per_exercise(rules::Scope::athlete));
    CHECK(rules::per_exercise(rules::Scope::set));
    CHECK(rules::per_exercise(rules::Scope::exercise));
}
