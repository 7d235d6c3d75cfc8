// Checks across one athlete's programs (issue 15 item 2): sessions of two
// programs of the same athlete that overlap, or come too close for a rule's
// gap, are found — by the whole schedule's check_rules (`meso schedule`)
// and by the pipeline's stream (`meso check`, `meso compile`) alike — at
// the later program, with a note at the earlier one; two athletes' programs
// at the same time are not.
#include <catch2/catch.hpp>

#include "engine/pipeline/pipeline.h"
#include "engine/rules/rules.h"
#include "tests/support/support.h"

using namespace meso;
using namespace meso::test;

namespace {

// Two programs on the same days from 2027-03-01, the first for Alex at
// `first_time`, the second for `second_athlete` at `second_time`; each one
// block of a method ("kaatsu" or "strength").
std::string two_programs(const std::string& second_athlete, const std::string& first_method, const std::string& second_method,
                         const std::string& first_time, const std::string& second_time)
{
    auto program = [&](const std::string& name, const std::string& athlete, const std::string& method, const std::string& time) {
        const bool kaatsu = method == "kaatsu";
        return "program \"" + name + "\" for \"" + athlete + "\" {\n  start 2027-03-01\n  timezone Europe/Berlin\n  2 weeks \"" + name +
               " block\" {\n    method " + method + "\n    days mon..sat\n    sessions " + time + "\n" +
               (kaatsu ? "    occlusion continuous\n    cuff 60% AOP\n    squat 20% x 30,15,15,15 rest 30 s\n" : "    squat 5x5 @ 75%\n") +
               "  }\n}\n";
    };
    return "athlete \"Alex\" {\n  max squat 180 kg\n}\nathlete \"Sam\" {\n  max squat 150 kg\n}\n" +
           program("Morning", "Alex", first_method, first_time) + program("Club", second_athlete, second_method, second_time);
}

// The findings of `rule` in the text, checked as `meso schedule` does (the whole schedule).
std::vector<Diagnostic> whole_schedule_findings(const std::string& text, const std::string& rule)
{
    auto compiled = compile(text, "athletes.meso", true);
    INFO(messages(compiled.diagnostics));
    REQUIRE(!has_errors(compiled.diagnostics));
    std::vector<Diagnostic> out;
    for (auto& d : rules::check_rules(compiled.compilation->module, compiled.schedule))
        if (d.rule && *d.rule == rule) out.push_back(d);
    return out;
}

// The same, as `meso check` streams the file.
std::vector<std::string> streamed_findings(const std::string& text, const std::string& rule)
{
    const std::string path = temp_dir("athlete-programs") + "/athletes.meso";
    write_file(path, text);
    const auto run = pipeline::check_file(path, {});
    std::vector<std::string> out;
    for (const auto& d : run.diagnostics)
        if (d.rule && *d.rule == rule) out.push_back(std::to_string(d.span.line) + ": " + d.message);
    return out;
}

}  // namespace

TEST_CASE("overlapping sessions of two programs of one athlete are found at the later one, with a note at the earlier")
{
    const std::string text = two_programs("Alex", "strength", "strength", "08:00 for 60 min", "08:30 for 60 min");
    const auto found = whole_schedule_findings(text, "general.overlap");
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == Severity::error);
    CHECK(found[0].span.line == 23);  // the second program's sessions line
    CHECK(found[0].message.find(
              "sessions overlap by 30 min on Mon 2027-03-01 (08:00-09:00, then 08:30), one of them in program 'Morning'") == 0);
    CHECK(found[0].message.find(", and 11 more times; sessions must not overlap in time") != std::string::npos);
    REQUIRE(found[0].notes.size() == 1);
    CHECK(found[0].notes[0].span.line == 13);  // the first program's sessions line
    CHECK(found[0].notes[0].message == "the other session is of program 'Morning', here");

    const auto streamed = streamed_findings(text, "general.overlap");
    REQUIRE(streamed.size() == 1);
    CHECK(streamed[0].rfind("23: sessions overlap by 30 min on Mon 2027-03-01", 0) == 0);
}

TEST_CASE("a rule's gap holds between two programs of one athlete: two Kaatsu programs 2 hours apart")
{
    const std::string text = two_programs("Alex", "kaatsu", "kaatsu", "08:00 for 30 min", "10:30 for 30 min");
    const auto found = whole_schedule_findings(text, "kaatsu.min-gap");
    REQUIRE(found.size() == 1);
    CHECK(found[0].severity == Severity::error);
    CHECK(found[0].span.line == 25);
    CHECK(found[0].message.rfind("2 h between sessions on Mon 2027-03-01 (08:00-08:30, then 10:30), one of them in program 'Morning'", 0) ==
          0);
    REQUIRE(found[0].notes.size() == 1);
    CHECK(found[0].notes[0].span.line == 13);
    CHECK(streamed_findings(text, "kaatsu.min-gap").size() == 1);

    SECTION("four hours apart, the gap holds")
    {
        const std::string apart = two_programs("Alex", "kaatsu", "kaatsu", "08:00 for 30 min", "12:30 for 30 min");
        CHECK(whole_schedule_findings(apart, "kaatsu.min-gap").empty());
        CHECK(streamed_findings(apart, "kaatsu.min-gap").empty());
    }
    SECTION("the gap rule of Kaatsu blocks does not pair a Kaatsu session with a strength one")
    {
        const std::string mixed = two_programs("Alex", "kaatsu", "strength", "08:00 for 30 min", "10:30 for 30 min");
        CHECK(whole_schedule_findings(mixed, "kaatsu.min-gap").empty());
    }
}

TEST_CASE("two athletes' programs at the same time are not flagged")
{
    const std::string text = two_programs("Sam", "strength", "strength", "08:00 for 60 min", "08:00 for 60 min");
    CHECK(whole_schedule_findings(text, "general.overlap").empty());
    CHECK(streamed_findings(text, "general.overlap").empty());
    const std::string kaatsu = two_programs("Sam", "kaatsu", "kaatsu", "08:00 for 30 min", "09:00 for 30 min");
    CHECK(whole_schedule_findings(kaatsu, "kaatsu.min-gap").empty());
    CHECK(streamed_findings(kaatsu, "kaatsu.min-gap").empty());
}

TEST_CASE("the stream takes the programs athlete by athlete, each athlete's in the order of the file")
{
    const std::string text =
        "athlete \"Alex\" {\n  max squat 180 kg\n}\nathlete \"Sam\" {\n  max squat 150 kg\n}\n"
        "program \"A1\" for \"Alex\" {\n  start 2027-03-01\n  1 week \"S\" {\n    days mon\n    sessions 08:00 for 60 min\n"
        "    squat 5x5 @ 75%\n  }\n}\n"
        "program \"S1\" for \"Sam\" {\n  start 2027-03-01\n  1 week \"S\" {\n    days mon\n    sessions 08:00 for 60 min\n"
        "    squat 5x5 @ 75%\n  }\n}\n"
        "program \"A2\" for \"Alex\" {\n  start 2027-03-08\n  1 week \"S\" {\n    days mon\n    sessions 08:00 for 60 min\n"
        "    squat 5x5 @ 75%\n  }\n}\n";
    const std::string path = temp_dir("athlete-order") + "/order.meso";
    write_file(path, text);
    pipeline::Options options;
    options.timezone = "UTC";
    auto run = pipeline::resolve_file(path, options);
    std::vector<std::string> taken;
    pipeline::stream_programs(run, options, pipeline::Stages::rules,
                              [&](std::size_t, scheduling::ProgramSchedule& program) { taken.push_back(program.name); });
    INFO(messages(run.diagnostics));
    CHECK(taken == std::vector<std::string>{"A1", "A2", "S1"});
    CHECK(pipeline::athlete_groups(run.plan) == std::vector<std::vector<std::size_t>>{{0, 2}, {1}});
}
