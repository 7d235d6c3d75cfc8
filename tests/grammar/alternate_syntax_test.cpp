// The syntax tree of `alternate { "A" { ... } "B" { ... } }` (docs/language.md,
// "Alternating weeks"): its week patterns and what each holds, with their
// spans; and what the parser says of an alternation that goes wrong.
#include <catch2/catch.hpp>

#include "tests/grammar/support.h"

using namespace meso;
using namespace meso::syntax;
using namespace meso::grammar_test;

TEST_CASE("alternate holds its week patterns, each with its name and a body as a week override's")
{
    const auto parsed = parse_text("template t {\n  days mon\n  alternate {\n    \"A\" { squat 5x5 @ 75% }\n"
                                   "    \"Light week\" {\n      days tue\n      tue { squat 3x8 @ 65% }\n    }\n  }\n}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& t = as<Template>(parsed.file().statements.at(0).node);
    REQUIRE(t.body.statements.size() == 2);
    const auto& a = as<Alternation>(t.body.statements[1].node);
    CHECK(a.span.line == 3);
    CHECK(a.span.text().substr(0, 11) == "alternate {");
    REQUIRE(a.patterns.size() == 2);
    const auto& first = std::get<WeekPattern>(a.patterns[0].node);
    CHECK(first.name.value == "A");
    CHECK(first.span.text() == "\"A\" { squat 5x5 @ 75% }");
    CHECK(first.body.braces.single_line);
    CHECK(as<Prescription>(first.body.statements.at(0).node).exercise.text == "squat");
    const auto& light = std::get<WeekPattern>(a.patterns[1].node);
    CHECK(light.name.value == "Light week");
    REQUIRE(light.body.statements.size() == 2);
    CHECK(std::holds_alternative<Days>(light.body.statements[0].node));
    CHECK(std::holds_alternative<Split>(light.body.statements[1].node));
}

TEST_CASE("the parser teaches what alternate holds")
{
    const auto report = [](const std::string& statement) {
        return parse_text("template t {\n  days mon\n  " + statement + "\n}\n").report();
    };
    CHECK(report("alternate { \"A\" { squat 5x5 } }").find("'alternate' holds two week patterns or more") != std::string::npos);
    CHECK(report("alternate { }").find("'alternate' holds two week patterns or more") != std::string::npos);
    CHECK(report("alternate { \"A\" { squat 5x5 }; \"A\" {} }").find("the week pattern \"A\" is named twice") != std::string::npos);
    CHECK(report("alternate { squat 5x5; \"B\" {} }").find("'alternate' holds week patterns: write the exercise inside a pattern's") !=
          std::string::npos);
    CHECK(report("week 2 { alternate { \"A\" {}; \"B\" {} } }").find("nor 'rotate' or 'alternate'") != std::string::npos);
    CHECK(report("alternate { \"A\" { allow bfr.load \"ok\" }; \"B\" {} }").find("nor can a week pattern") != std::string::npos);
    CHECK(report("alternte { \"A\" {}; \"B\" {} }").find("did you mean 'alternate'") != std::string::npos);
}
