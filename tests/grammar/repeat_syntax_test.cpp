// The syntax tree of `repeat N { ... }` (docs/language.md, "Cycles"): its
// count, its blocks, the training maxes it raises per cycle and the one
// repeat it may hold, field by field with their spans; and what the parser
// says of a repeat that goes wrong.
#include <catch2/catch.hpp>

#include "tests/grammar/support.h"

using namespace meso;
using namespace meso::syntax;
using namespace meso::grammar_test;

TEST_CASE("a repeat holds its count, its training max raises, its blocks and one repeat inside it")
{
    const auto parsed = parse_text("program \"P\" {\n  start 2027-03-01\n  repeat 4 {\n    training-max squat +5 kg per cycle\n"
                                   "    training-max \"front squat\" -2.5 kg per cycle\n    3 weeks five-three-one then 1 week deload\n"
                                   "    repeat 2 { 1 week hypertrophy }\n  }\n}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& program = as<Program>(parsed.file().statements.at(0).node);
    REQUIRE(program.statements.size() == 2);
    const auto& r = as<Repeat>(program.statements[1].node);
    CHECK(r.count.value == 4);
    CHECK(r.count.span.text() == "4");
    CHECK(r.span.line == 3);
    CHECK(r.span.text().substr(0, 10) == "repeat 4 {");
    REQUIRE(r.statements.size() == 5);
    const auto& squat = as<CycleRaise>(r.statements[0].node);
    CHECK(squat.exercise.text == "squat");
    CHECK(squat.step.amount.value == 5);
    CHECK(squat.step.unit == Unit::kg);
    CHECK(squat.span.text() == "training-max squat +5 kg per cycle");
    const auto& front = as<CycleRaise>(r.statements[1].node);
    CHECK(front.exercise.text == "front squat");
    CHECK(front.exercise.quoted);
    CHECK(front.step.amount.value == -2.5);
    CHECK(as<BlockUse>(r.statements[2].node).target.text == "five-three-one");
    const auto& deload = as<BlockUse>(r.statements[3].node);
    CHECK(deload.target.text == "deload");
    CHECK(deload.joined);
    const auto& inner = as<Repeat>(r.statements[4].node);
    CHECK(inner.count.value == 2);
    CHECK(inner.braces.single_line);
    REQUIRE(inner.statements.size() == 1);
    CHECK(as<BlockUse>(inner.statements[0].node).target.text == "hypertrophy");
}

TEST_CASE("the parser stops a third level of repeats, and teaches what a repeat holds")
{
    const auto deep = parse_text("program \"P\" {\n  start 2027-03-01\n  repeat 2 {\n    repeat 2 {\n      repeat 2 { 1 week deload }\n"
                                 "    }\n  }\n}\n");
    REQUIRE(deep.diagnostics().size() == 1);
    CHECK(deep.diagnostics()[0].message.find("a repeat holds at most one more repeat (two levels)") != std::string::npos);
    CHECK(deep.diagnostics()[0].span.line == 5);
    CHECK(deep.diagnostics()[0].span.column == 7);

    const auto start = parse_text("program \"P\" {\n  repeat 2 {\n    start 2027-03-01\n    1 week deload\n  }\n}\n");
    REQUIRE_FALSE(start.diagnostics().empty());
    CHECK(start.diagnostics()[0].message.find("this is a program statement; write it in the program, outside 'repeat { }'") !=
          std::string::npos);

    const auto misspelt = parse_text("program \"P\" {\n  start 2027-03-01\n  repaet 2 { 1 week deload }\n}\n");
    REQUIRE_FALSE(misspelt.diagnostics().empty());
    CHECK(misspelt.diagnostics()[0].message.find("did you mean 'repeat'?") != std::string::npos);
}

TEST_CASE("a repeat's count is a whole number from 1 to 100")
{
    for (const std::string count : {"0", "-1", "2.5", "101"}) {
        INFO(count);
        const auto parsed = parse_text("program \"P\" {\n  start 2027-03-01\n  repeat " + count + " { 1 week deload }\n}\n");
        REQUIRE(parsed.diagnostics().size() == 1);
        CHECK(parsed.diagnostics()[0].span.text() == count);
    }
    for (const std::string count : {"1", "100"}) {
        INFO(count);
        CHECK(parse_text("program \"P\" {\n  start 2027-03-01\n  repeat " + count + " { 1 week deload }\n}\n").diagnostics().empty());
    }
}
