// The grammar's units are engine/base/units.h's table: every spelling of
// the table parses as its unit, written as it was.
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "engine/base/units.h"
#include "grammar/parse.h"

TEST_CASE("the parser reads every spelling of the units table as its unit")
{
    for (const auto& row : meso::unit_table()) {
        const std::string spelling(row.spelling);
        INFO(spelling);
        meso::Source source{"units.meso", "ruleset r {\n  rule x error \"m\" { require gap >= 5 " + spelling + " }\n}\n"};
        const auto result = meso::parse(source);
        REQUIRE(result.diagnostics.empty());
        const auto& ruleset = std::get<meso::syntax::Ruleset>(result.file.statements.at(0).node);
        const auto& rule = std::get<meso::syntax::Rule>(ruleset.statements.at(0).node);
        const auto& require = std::get<meso::syntax::Require>(rule.statements.at(0).node);
        const auto& comparison = std::get<meso::syntax::Comparison>(require.condition.node);
        const auto& quantity = std::get<meso::syntax::Quantity>(comparison.value.node);
        CHECK(quantity.unit == row.unit);
        CHECK(quantity.unit_text == spelling);
    }
}
