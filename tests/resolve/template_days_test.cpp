// A template's training days replaced in its use: when none of the
// template's split weekdays is left and the use adds no split of its own,
// the splits move in order onto the new days (said in an info); otherwise
// the days without exercises are std.general's finding (tests/rules).
#include <catch2/catch.hpp>

#include "tests/support/support.h"

using meso::test::compile;
using meso::test::messages;

namespace {

meso::test::Compiled powerlifting(const std::string& use)
{
    return compile("use std.templates\n"
                   "athlete \"Alex\" { max squat 180 kg; max bench-press 120 kg; max deadlift 220 kg }\n"
                   "program \"P\" {\n"
                   "  start 2027-01-04\n"
                   "  " +
                   use +
                   "\n"
                   "}\n");
}

// "Tue squat+bench-press": each session's weekday and exercises, in order.
std::vector<std::string> week_of(const meso::scheduling::ProgramSchedule& p, int week)
{
    std::vector<std::string> out;
    for (const auto& s : p.sessions) {
        if (s.week != week) continue;
        std::string names;
        for (const auto& e : p.contents.at(s.content).exercises) names += (names.empty() ? "" : "+") + e.name;
        out.push_back(std::string(meso::weekday_name(s.weekday())) + " " + names);
    }
    return out;
}

std::vector<const meso::Diagnostic*> of_severity(const meso::test::Compiled& c, meso::Severity severity)
{
    std::vector<const meso::Diagnostic*> out;
    for (const auto& d : c.diagnostics)
        if (d.severity == severity) out.push_back(&d);
    return out;
}

}  // namespace

TEST_CASE("a template's splits move in order onto the days that replace the template's, and an info says so")
{
    auto c = powerlifting("6 weeks powerlifting { days tue thu sat }");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& p = c.program();
    REQUIRE(p.sessions.size() == 18);
    for (const auto& s : p.sessions) CHECK_FALSE(p.contents.at(s.content).exercises.empty());
    CHECK(week_of(p, 1) == std::vector<std::string>{"Tue squat+bench-press", "Thu deadlift+bench-press", "Sat squat+bench-press"});
    const auto infos = of_severity(c, meso::Severity::info);
    REQUIRE(infos.size() == 1);
    CHECK(infos[0]->message == "none of the template's split days (mon, wed, fri) is a training day here: its splits move in order, "
                               "mon → tue, wed → thu, fri → sat");
    CHECK(infos[0]->span.line == 5);
    CHECK(infos[0]->span.column == 26);  // at `days tue thu sat`
    REQUIRE(infos[0]->notes.size() == 1);
    CHECK(infos[0]->notes[0].span.path() == "std/templates.meso");
    CHECK(of_severity(c, meso::Severity::warning).empty());
    // the first Tuesday's squat is the template's Monday squat: 4x5 @ 60%
    const auto& squat = p.contents.at(p.sessions[0].content).exercises.at(0);
    CHECK(squat.sets.size() == 4);
    CHECK(*squat.sets[0].percent == 60.0);
}

TEST_CASE("the splits of the template's week overrides move with the others")
{
    auto c = powerlifting("10 weeks powerlifting { days tue thu sat }");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    // week 10, the test week: one lift a day, on the new days
    CHECK(week_of(c.program(), 10) == std::vector<std::string>{"Tue squat", "Thu bench-press", "Sat deadlift"});
    CHECK(week_of(c.program(), 4).size() == 3);
}

TEST_CASE("splits do not move when a split day stays a training day or the block adds a split of its own")
{
    auto kept = powerlifting("6 weeks powerlifting { days mon tue wed fri }");
    INFO(messages(kept.diagnostics));
    CHECK(of_severity(kept, meso::Severity::info).empty());
    CHECK(week_of(kept.program(), 1) ==
          std::vector<std::string>{"Mon squat+bench-press", "Tue ", "Wed deadlift+bench-press", "Fri squat+bench-press"});
    auto own = powerlifting("6 weeks powerlifting { days tue thu sat; tue { squat 5x5 @ 70% } }");
    INFO(messages(own.diagnostics));
    CHECK(of_severity(own, meso::Severity::info).empty());
    CHECK(week_of(own.program(), 1) == std::vector<std::string>{"Tue squat", "Thu ", "Sat "});
}

TEST_CASE("with fewer new days than the template's split days, the splits left over are a warning")
{
    auto c = powerlifting("6 weeks powerlifting { days tue thu }");
    INFO(messages(c.diagnostics));
    CHECK(week_of(c.program(), 1) == std::vector<std::string>{"Tue squat+bench-press", "Thu deadlift+bench-press"});
    const auto warnings = of_severity(c, meso::Severity::warning);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0]->message == "2 training days for the template's 3 split days (mon, wed, fri): the split of fri is left out");
    CHECK(warnings[0]->span.line == 5);
}
