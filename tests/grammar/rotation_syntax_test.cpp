// The syntax tree of `rotate { "A" { ... } "B" { ... } }` (docs/language.md,
// "Rotations"): its policy, its workouts and what each holds, with their
// spans; and what the parser says of a rotation that goes wrong.
#include <catch2/catch.hpp>

#include "tests/grammar/support.h"

using namespace meso;
using namespace meso::syntax;
using namespace meso::grammar_test;

TEST_CASE("a rotation holds its policy and its workouts, each with its name and body")
{
    const auto parsed = parse_text("template t {\n  days mon wed fri\n  rotate drop {\n    \"A\" { squat 5x5 @ 75% }\n"
                                   "    \"Heavy day\" {\n      sessions 18:00\n      deadlift 3x5 @ 80%\n    }\n  }\n}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& t = as<Template>(parsed.file().statements.at(0).node);
    REQUIRE(t.body.statements.size() == 2);
    const auto& r = as<Rotation>(t.body.statements[1].node);
    REQUIRE(r.policy);
    CHECK(r.policy->text == "drop");
    CHECK(r.span.line == 3);
    CHECK(r.span.text().substr(0, 13) == "rotate drop {");
    REQUIRE(r.workouts.size() == 2);
    const auto& a = std::get<Workout>(r.workouts[0].node);
    CHECK(a.name.value == "A");
    CHECK(a.span.text() == "\"A\" { squat 5x5 @ 75% }");
    CHECK(a.body.braces.single_line);
    REQUIRE(a.body.statements.size() == 1);
    CHECK(as<Prescription>(a.body.statements[0].node).exercise.text == "squat");
    const auto& heavy = std::get<Workout>(r.workouts[1].node);
    CHECK(heavy.name.value == "Heavy day");
    REQUIRE(heavy.body.statements.size() == 2);
    CHECK(std::holds_alternative<Sessions>(heavy.body.statements[0].node));

    const auto plain = parse_text("template t {\n  days mon\n  rotate { \"A\" { squat 5x5 }; \"B\" { deadlift 3x5 } }\n}\n");
    INFO(plain.report());
    REQUIRE(plain.diagnostics().empty());
    const auto& shift = as<Rotation>(as<Template>(plain.file().statements.at(0).node).body.statements.at(1).node);
    CHECK_FALSE(shift.policy);
    CHECK(shift.workouts.size() == 2);
}

TEST_CASE("the parser teaches what a rotation holds")
{
    const auto one = parse_text("template t {\n  days mon\n  rotate { \"A\" { squat 5x5 } }\n}\n");
    CHECK(one.report().find("a rotation holds two workouts or more") != std::string::npos);
    const auto twice = parse_text("template t {\n  days mon\n  rotate { \"A\" { squat 5x5 }; \"A\" { deadlift 3x5 } }\n}\n");
    CHECK(twice.report().find("the workout \"A\" is named twice in this rotation") != std::string::npos);
    const auto bare = parse_text("template t {\n  days mon\n  rotate { squat 5x5; \"B\" { deadlift 3x5 } }\n}\n");
    CHECK(bare.report().find("a rotation holds workouts: write the exercise inside a workout's '{ }'") != std::string::npos);
    const auto in_week = parse_text("template t {\n  days mon\n  week 2 { rotate { \"A\" { squat 5x5 }; \"B\" { deadlift 3x5 } } }\n}\n");
    CHECK(in_week.report().find("a week override cannot hold 'week' or 'allow', nor 'rotate'") != std::string::npos);
    const auto days = parse_text("template t {\n  days mon\n  rotate { \"A\" { days mon; squat 5x5 }; \"B\" { deadlift 3x5 } }\n}\n");
    CHECK(days.report().find("a workout holds exercises, 'sessions' and 'note'") != std::string::npos);
    const auto misspelt = parse_text("template t {\n  days mon\n  roate { \"A\" { squat 5x5 }; \"B\" { deadlift 3x5 } }\n}\n");
    CHECK(misspelt.report().find("did you mean 'rotate'") != std::string::npos);
}
