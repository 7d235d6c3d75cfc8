// A cuff in the outputs: its limb wherever the cuff is shown, and a pressure
// in % AOP with the mmHg it comes to when the athlete's AOP for that limb is
// known — in the text schedule, the JSON and the calendar's DESCRIPTION.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

#include "engine/emit/ical.h"
#include "engine/emit/schedule_text.h"
#include "engine/emit/sessions.h"
#include "tests/support/support.h"

using meso::test::compile;
using meso::test::messages;

namespace {

std::string program_with(const std::string& athlete_lines, const std::string& cuff)
{
    return "athlete \"A\" {\n  max squat 100 kg\n" + athlete_lines + "}\nprogram \"P\" {\n  start 2027-01-04\n  timezone UTC\n" +
           "  1 week \"B\" {\n    days mon\n    " + cuff + "\n    squat 3x10 @ 30%\n  }\n}\n";
}

std::string text_of(const meso::scheduling::ScheduleResult& schedule)
{
    std::ostringstream out;
    meso::emit::write_sessions_text(out, schedule);
    return out.str();
}

nlohmann::ordered_json cuff_json(const meso::scheduling::ScheduleResult& schedule)
{
    std::ostringstream out;
    meso::emit::write_sessions_json(out, schedule);
    const auto json = nlohmann::ordered_json::parse(out.str());
    return json.at("programs").at(0).at("sessions").at(0).at("cuff");
}

// The DESCRIPTION of the first event, unfolded and unescaped enough to search.
std::string description_of(const meso::scheduling::ScheduleResult& schedule)
{
    std::ostringstream out;
    meso::emit::CalendarOptions options;
    options.default_timezone = "UTC";
    options.stamp = std::chrono::sys_seconds{std::chrono::seconds{1798761600}};
    meso::emit::write_calendar(out, schedule.programs, options);
    std::string text = out.str();
    std::string unfolded;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\r\n ") == 0) i += 2;
        else unfolded += text[i];
    }
    const auto at = unfolded.find("DESCRIPTION:");
    REQUIRE(at != std::string::npos);
    return unfolded.substr(at, unfolded.find("\r\n", at) - at);
}

}  // namespace

TEST_CASE("a cuff in % AOP shows the mmHg of the athlete's AOP for its limb, rounded, in text, JSON and calendar")
{
    auto c = compile(program_with("  aop leg 183 mmHg\n", "cuff leg 60% AOP"));
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    // 60% of 183 mmHg is 109.8 mmHg: 110.
    CHECK(text_of(c.schedule).find("\n    squat  3×10  30 kg (30%)\n    cuff 60% AOP (110 mmHg, leg)\n") != std::string::npos);
    const auto cuff = cuff_json(c.schedule);
    CHECK(cuff.dump() == R"({"pressure":60,"unit":"% AOP","limb":"leg","mmhg":110})");
    CHECK(description_of(c.schedule).find("Cuff: 60% AOP (110 mmHg\\, leg)") != std::string::npos);
}

TEST_CASE("without an AOP for the cuffed limb, or without a limb, a % AOP cuff shows no mmHg")
{
    auto other_limb = compile(program_with("  aop arm 140 mmHg\n", "cuff leg 60% AOP"));
    REQUIRE_FALSE(meso::has_errors(other_limb.diagnostics));
    CHECK(text_of(other_limb.schedule).find("\n    cuff 60% AOP (leg)\n") != std::string::npos);
    CHECK(cuff_json(other_limb.schedule).dump() == R"({"pressure":60,"unit":"% AOP","limb":"leg","mmhg":null})");

    auto no_limb = compile(program_with("  aop leg 180 mmHg\n", "cuff 60% AOP"));
    REQUIRE_FALSE(meso::has_errors(no_limb.diagnostics));
    CHECK(text_of(no_limb.schedule).find("\n    cuff 60% AOP\n") != std::string::npos);
    CHECK(cuff_json(no_limb.schedule).dump() == R"({"pressure":60,"unit":"% AOP","limb":null,"mmhg":null})");
    const std::string description = description_of(no_limb.schedule);
    CHECK(description.substr(description.size() - 15) == "\\nCuff: 60% AOP");
}

TEST_CASE("a cuff in mmHg shows its limb, and its mmHg as written")
{
    auto c = compile(program_with("", "cuff arm 120 mmHg"));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(text_of(c.schedule).find("\n    cuff 120 mmHg (arm)\n") != std::string::npos);
    CHECK(cuff_json(c.schedule).dump() == R"({"pressure":120,"unit":"mmHg","limb":"arm","mmhg":120})");
    CHECK(description_of(c.schedule).find("Cuff: 120 mmHg (arm)") != std::string::npos);
}
