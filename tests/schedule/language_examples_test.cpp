// Every form of programs over months has an example in docs/language.md
// (cycles, rotations, alternating weeks, competitions, the taper), and
// each example is run here through the schedule, its dates and loads
// checked against what the text around it says (worked out by hand). The
// rotation's example is run in rotation_test.cpp.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/schedule/schedule_support.h"
#include "tests/support/support.h"

using namespace meso::test::schedule;
using meso::test::compile;
using meso::test::messages;

namespace {

// The first ```meso example of docs/language.md after `marker`.
std::string example_after(const std::string& marker)
{
    std::ifstream in(std::filesystem::path(MESO_SOURCE_DIR) / "docs/language.md");
    std::stringstream doc;
    doc << in.rdbuf();
    const std::string text = doc.str();
    const auto at = text.find(marker);
    REQUIRE(at != std::string::npos);
    const auto begin = text.find("```meso\n", at) + 8;
    return text.substr(begin, text.find("```", begin) - begin);
}

std::vector<std::size_t> sessions_of_block(const meso::scheduling::ProgramSchedule& p, std::uint32_t block)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < p.sessions.size(); ++i)
        if (p.sessions[i].block == block) out.push_back(i);
    return out;
}

}  // namespace

TEST_CASE("the repeat example of docs/language.md: four cycles, the squat's training max 180 kg in cycle 1 and 195 kg in cycle 4")
{
    auto c = compile("use std.templates\n" + example_after("### Cycles: `repeat`"));
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.blocks.size() == 8);  // 3 weeks five-three-one and 1 week deload, four times
    CHECK(p.blocks[0].cycle == "1");
    CHECK(p.blocks[7].cycle == "4");
    CHECK(p.blocks[0].start == date(2027, 3, 1));
    CHECK(p.blocks[6].start == date(2027, 3, 1) + days(3 * 28));  // cycle 4 starts after three cycles of four weeks
    // Week 1's squat (Friday) has its top set at 85% TM: 152.5 kg of 180 in cycle 1, 165 kg of 195 in cycle 4.
    const auto first = sessions_of_block(p, 0);
    const auto fourth = sessions_of_block(p, 6);
    REQUIRE(first.size() == 12);  // three weeks of Mon, Tue, Thu, Fri
    REQUIRE(fourth.size() == 12);
    CHECK(p.sessions[first[3]].date == date(2027, 3, 5));
    CHECK(exercise_of(p, first[3], "squat").sets.at(2).mass == 152.5);
    CHECK(p.sessions[fourth[3]].date == date(2027, 5, 28));
    CHECK(exercise_of(p, fourth[3], "squat").sets.at(2).mass == 165);
}

TEST_CASE("the alternating weeks example of docs/language.md: Heavy and Light weeks in turn, the pause not counted")
{
    auto c = compile(alex + example_after("### Alternating weeks: `alternate`"));
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 12);  // six weeks of Monday and Thursday
    const std::vector<std::string> patterns{"Heavy", "Light", "Heavy", "Light", "Heavy", "Light"};
    for (std::size_t i = 0; i < p.sessions.size(); ++i) CHECK(meso::scheduling::week_pattern_of(p, p.sessions[i]) == patterns[i / 2]);
    // Week 3 (Heavy) starts on 22 March, after the paused week.
    CHECK(p.sessions[4].week == 3);
    CHECK(p.sessions[4].date == date(2027, 3, 22));
    // Heavy: squat 5x3 @ 85% of 180 kg = 153 -> 152.5 kg; Light: 3x8 @ 65% = 117 -> 117.5 kg.
    CHECK(masses(exercise_of(p, 0, "squat")) == std::vector<double>{152.5, 152.5, 152.5, 152.5, 152.5});
    CHECK(masses(exercise_of(p, 2, "squat")) == std::vector<double>{117.5, 117.5, 117.5});
    // Week 5 is Heavy, but its own override makes the squat 1x3 @ 90%: 162 -> 162.5 kg.
    CHECK(masses(exercise_of(p, 8, "squat")) == std::vector<double>{162.5});
    // Week 6 (Light) deloaded: 2 sets of 8 at 90% of 65%: 105.3 -> 105 kg; the bench press 2 sets of 90% of 70%: 75.6 -> 75 kg.
    CHECK(masses(exercise_of(p, 10, "squat")) == std::vector<double>{105, 105});
    CHECK(masses(exercise_of(p, 10, "bench-press")) == std::vector<double>{75, 75});
    CHECK(masses(exercise_of(p, 0, "bench-press")) == std::vector<double>{85, 85, 85});
}

TEST_CASE("the competitions example of docs/language.md: planned backward to the day before the last competition, ending in the taper")
{
    const std::string casey = "use std.templates\nathlete \"Casey\" {\n  max squat 200 kg\n  max bench-press 120 kg\n"
                              "  max deadlift 240 kg\n  round 2.5 kg\n}\n";
    auto c = compile(casey + example_after("A season with several competitions"));
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.blocks.size() == 2);
    // Ten weeks (70 days) ending on Friday 11 June: they start on Saturday 3 April, the taper on Saturday 29 May.
    CHECK(p.blocks[0].start == date(2027, 4, 3));
    CHECK(p.blocks[1].start == date(2027, 5, 29));
    CHECK(p.blocks[1].end == date(2027, 6, 11));
    CHECK(p.sessions.back().date == date(2027, 6, 11));
    // No session on either competition day.
    for (const auto& s : p.sessions) {
        CHECK(s.date != date(2027, 5, 1));
        CHECK(s.date != date(2027, 6, 12));
    }
    // The taper: Mon, Wed, Fri of its two weeks; its Monday squat 4x4 @ 80% of 200 kg, fewer sets than the block before.
    const auto taper = sessions_of_block(p, 1);
    REQUIRE(taper.size() == 6);
    CHECK(p.sessions[taper[0]].date == date(2027, 5, 31));
    CHECK(masses(exercise_of(p, taper[0], "squat")) == std::vector<double>{160, 160, 160, 160});
    CHECK(masses(exercise_of(p, taper[3], "squat")) == std::vector<double>{160, 160, 160});
}
