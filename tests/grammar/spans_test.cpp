// Round trip of spans: for every node of every fixture, the text its span
// names is the construct itself — what an error caret will underline and
// what a formatter can copy back.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <set>

#include "tests/grammar/span_walker.h"
#include "tests/grammar/support.h"

using namespace meso;
using namespace meso::syntax;
using namespace meso::grammar_test;

TEST_CASE("every node's span is the text of its construct, in every fixture")
{
    std::set<std::string> visited;
    std::size_t nodes = 0;
    for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir())) {
        if (entry.path().extension() != ".meso") continue;
        const auto parsed = parse_text(read_file(entry.path()), entry.path().filename().string());
        INFO(entry.path().filename().string());
        REQUIRE(parsed.diagnostics().empty());
        SpanWalker walker(*parsed.source);
        walker.file(parsed.file());
        visited.insert(walker.visited.begin(), walker.visited.end());
        nodes += walker.nodes;
    }
    // The fixtures hold every kind of node, so the walk has checked each.
    const std::set<std::string> all = {"Comment",
                                       "Name",
                                       "Text",
                                       "Number",
                                       "Quantity",
                                       "Date",
                                       "DateRange",
                                       "ClockTime",
                                       "Weekdays",
                                       "WeekdayItem",
                                       "Load",
                                       "Progression",
                                       "Prescription",
                                       "Scheme",
                                       "Reps",
                                       "Effort",
                                       "SetGroup",
                                       "WarmUp",
                                       "Superset",
                                       "TrainingMax",
                                       "Braces",
                                       "Method",
                                       "Days",
                                       "Sessions",
                                       "Occlusion",
                                       "Cuff",
                                       "WeekOverride",
                                       "WeekItem",
                                       "Split",
                                       "Rotation",
                                       "Workout",
                                       "Alternation",
                                       "WeekPattern",
                                       "Allow",
                                       "Note",
                                       "Use",
                                       "Athlete",
                                       "Max",
                                       "Round",
                                       "ConditionList",
                                       "Program",
                                       "Group",
                                       "GroupMembers",
                                       "Start",
                                       "End",
                                       "Competition",
                                       "Timezone",
                                       "Coach",
                                       "Email",
                                       "CalendarId",
                                       "Skip",
                                       "Pause",
                                       "BlockUse",
                                       "Repeat",
                                       "CycleRaise",
                                       "Template",
                                       "Value",
                                       "Condition",
                                       "Comparison",
                                       "Between",
                                       "Quantified",
                                       "AthleteHas",
                                       "Not",
                                       "Logical",
                                       "Parenthesized",
                                       "Source",
                                       "Applies",
                                       "Ruleset",
                                       "Rule",
                                       "Require",
                                       "Forbid",
                                       "Aop",
                                       "Cleared",
                                       "Bar",
                                       "Plates",
                                       "PlatesUnit",
                                       "PlateItem",
                                       "Equipment",
                                       "HealthConditionDeclaration",
                                       "ConditionClass",
                                       "ConditionAliases"};
    for (const auto& kind : all) {
        INFO(kind);
        CHECK(visited.count(kind) == 1);
    }
    CHECK(nodes > 500);
}

TEST_CASE("a Prescription's span starts with the exercise and stops before a trailing comment")
{
    const auto parsed = parse_text("template t {\n  squat 5x5 @ 75% rest 2 min   # heavy\n}\n");
    REQUIRE(parsed.diagnostics().empty());
    const auto& p = std::get<Prescription>(std::get<Template>(parsed.file().statements.at(0).node).body.statements.at(0).node);
    CHECK(p.span.text() == "squat 5x5 @ 75% rest 2 min");
    CHECK(p.span.line == 2);
    CHECK(p.span.column == 3);
    CHECK(p.scheme.span.text() == "5x5");
    CHECK(p.load->span.text() == "75%");
    CHECK(p.rest->span.text() == "2 min");
}
