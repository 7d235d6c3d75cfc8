#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "engine/base/timezone.h"
#include "engine/emit/ical.h"
#include "engine/emit/ical_text.h"
#include "tests/emit/builder.h"
#include "tests/emit/lint.h"

using namespace meso;
using namespace meso::test;

namespace {

emit::CalendarOptions options_at(std::int64_t epoch = 1798761600)  // 2027-01-01T00:00:00Z
{
    emit::CalendarOptions options;
    options.default_timezone = "UTC";
    options.stamp = std::chrono::sys_seconds{std::chrono::seconds{epoch}};
    return options;
}

std::string calendar_text(const std::vector<scheduling::ProgramSchedule>& programs, const emit::CalendarOptions& options = options_at())
{
    std::ostringstream out;
    const auto result = emit::write_calendar(out, programs, options);
    REQUIRE(result.diagnostics.empty());
    return out.str();
}

std::vector<std::string> unfold(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t end = text.find("\r\n", i);
        const std::string line = text.substr(i, end - i);
        if (!line.empty() && line[0] == ' ') lines.back() += line.substr(1);
        else lines.push_back(line);
        i = end + 2;
    }
    return lines;
}

// Values of the logical lines whose name (before ';' or ':') is `name`, the
// parameters kept, outside VTIMEZONE (whose observances have a DTSTART too).
std::vector<std::string> properties(const std::string& text, const std::string& name)
{
    std::vector<std::string> out;
    bool in_timezone = false;
    for (const auto& line : unfold(text)) {
        if (line == "BEGIN:VTIMEZONE") in_timezone = true;
        if (line == "END:VTIMEZONE") in_timezone = false;
        if (!in_timezone && line.rfind(name, 0) == 0 && (line[name.size()] == ':' || line[name.size()] == ';'))
            out.push_back(line.substr(name.size()));
    }
    return out;
}

std::size_t count(const std::string& text, const std::string& line)
{
    const auto lines = unfold(text);
    return static_cast<std::size_t>(std::count(lines.begin(), lines.end(), line));
}

}  // namespace

TEST_CASE("a long line is folded at 75 octets and unfolds to the same text")
{
    const std::string value(200, 'x');
    std::ostringstream out;
    emit::ical::write_line(out, "DESCRIPTION:" + value);
    const std::string text = out.str();
    CHECK(lint_calendar("BEGIN:VCALENDAR\r\n" + text + "END:VCALENDAR\r\n").empty());
    CHECK(text.substr(0, 77) == "DESCRIPTION:" + value.substr(0, 63) + "\r\n");
    CHECK(unfold(text) == std::vector<std::string>{"DESCRIPTION:" + value});
}

TEST_CASE("folding never splits a UTF-8 character")
{
    // 3-octet characters from an offset that makes a naive cut fall inside one.
    std::string value = "a";
    for (int i = 0; i < 100; ++i) value += "\xE2\x82\xAC";  // €
    value += "\xF0\x9F\x8F\x8B";                            // a 4-octet character
    std::ostringstream out;
    emit::ical::write_line(out, "SUMMARY:" + value);
    std::istringstream lines(out.str());
    std::string line;
    while (std::getline(lines, line)) {
        REQUIRE(line.back() == '\r');
        line.pop_back();
        CHECK(line.size() <= 75);
        CHECK(valid_utf8_bytes(line));
    }
    CHECK(unfold(out.str()) == std::vector<std::string>{"SUMMARY:" + value});
}

TEST_CASE("TEXT escapes backslash, semicolon, comma and newline, and drops what TEXT cannot hold")
{
    CHECK(emit::ical::escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne");
    CHECK(emit::ical::escape_text("line\r\nbreak") == "line\\nbreak");
    CHECK(emit::ical::escape_text(std::string("bell\x07!")) == "bell !");
    CHECK(emit::ical::escape_text("caf\xC3\xA9") == "caf\xC3\xA9");
    CHECK(emit::ical::escape_text("bad \xC3(") == "bad \xEF\xBF\xBD(");
}

TEST_CASE(
    "a parameter value is quoted when it holds : a semicolon or a comma and keeps a double quote, a caret and a newline as RFC 6868 says")
{
    CHECK(emit::ical::param_value("Sam Lee") == "Sam Lee");
    CHECK(emit::ical::param_value("Lee, Sam") == "\"Lee, Sam\"");
    CHECK(emit::ical::param_value("Sam \"the coach\"") == "Sam ^'the coach^'");
    CHECK(emit::ical::param_value("Sam ^ Lee") == "Sam ^^ Lee");
    CHECK(emit::ical::param_value("Sam\nLee") == "Sam^nLee");
    CHECK(emit::ical::param_value("\"Lee, Sam\"") == "\"^'Lee, Sam^'\"");
}

TEST_CASE("a calendar never has an empty name or summary: blank names give way to the others, or 'meso' and 'Session'")
{
    // fuzz_emit found both: libical reads NAME, X-WR-CALNAME or SUMMARY with
    // no value (or only spaces) as an error (X-LIC-ERROR) and drops it.
    for (const std::string blank : {"", " ", " \t "}) {
        Fixture f;
        auto& unnamed = f.program(blank, "UTC");
        const BlockSpec block{blank, "", 7, days("M......"), {at(8)}, std::chrono::minutes{30}, {}};
        f.schedule(unnamed, blank, day(2027, 1, 4), {block});
        std::string text = calendar_text(f.schedules);
        CHECK(lint_calendar(text).empty());
        CHECK(properties(text, "NAME") == std::vector<std::string>{":meso"});
        CHECK(properties(text, "X-WR-CALNAME") == std::vector<std::string>{":meso"});
        CHECK(properties(text, "SUMMARY") == std::vector<std::string>{":Session"});

        auto& named = f.program("Spring", "UTC");
        f.schedule(named, "Alex", day(2027, 1, 4), {block});
        text = calendar_text(f.schedules);
        CHECK(properties(text, "NAME") == std::vector<std::string>{":Spring"});
    }
}

TEST_CASE("one event per session, with the calendar properties of the contract")
{
    Fixture f;
    auto& program = f.program("Off-season 2027", "Europe/Berlin");
    f.schedule(program, "Alex", day(2027, 1, 4),
               {{"Kaatsu", "bfr", 21, days("MTWTFS."), {at(8), at(16)}, std::chrono::minutes{30}, kaatsu_content()}});
    REQUIRE(f.schedules[0].sessions.size() == 36);
    const std::string text = calendar_text(f.schedules);
    CHECK(lint_calendar(text).empty());
    CHECK(text.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//meso//meso ", 0) == 0);
    CHECK(count(text, "CALSCALE:GREGORIAN") == 1);
    CHECK(count(text, "NAME:Off-season 2027") == 1);
    CHECK(count(text, "X-WR-CALNAME:Off-season 2027") == 1);
    CHECK(count(text, "REFRESH-INTERVAL;VALUE=DURATION:P1D") == 1);
    CHECK(count(text, "X-PUBLISHED-TTL:P1D") == 1);
    CHECK(count(text, "BEGIN:VEVENT") == 36);
    CHECK(properties(text, "DTSTART").front() == ";TZID=Europe/Berlin:20270104T080000");
    CHECK(properties(text, "DTEND").front() == ";TZID=Europe/Berlin:20270104T083000");
    CHECK(properties(text, "DTSTART").back() == ";TZID=Europe/Berlin:20270123T160000");
    CHECK(properties(text, "DURATION").empty());
    CHECK(properties(text, "CATEGORIES").size() == 36);
    CHECK(properties(text, "CATEGORIES").front() == ":bfr");
    CHECK(properties(text, "SUMMARY").front() == ":Kaatsu: squat\\, knee-extension");
    CHECK(properties(text, "DTSTAMP").front() == ":20270101T000000Z");
    // No coach: neither METHOD nor ORGANIZER.
    CHECK(properties(text, "METHOD").empty());
    CHECK(properties(text, "ORGANIZER").empty());
    CHECK(text.find("BEGIN:VALARM") == std::string::npos);
}

TEST_CASE("the description names every exercise with sets, reps, kilograms, percent and rest, the cuff and the notes")
{
    Fixture f;
    auto content = kaatsu_content();
    content.notes = {"Keep the cuff on between sets", "Stop if numb"};
    content.exercises.push_back(exercise("bench-press", {set(8, {}, {}, 8), set(8, {}, {}, 8), set(8, {}, {}, 8)}, 120));
    content.exercises.push_back(exercise("deadlift", {set(5, 75, 165), set(5, 75, 165), set(3, 85, 187.5)}, 180));
    auto& program = f.program("P", "UTC");
    f.schedule(program, "Alex", day(2027, 1, 4), {{"Kaatsu", "bfr", 1, days("MTWTFSS"), {at(8)}, std::chrono::minutes{30}, content}});
    const auto lines = unfold(calendar_text(f.schedules));
    const auto description = std::find_if(lines.begin(), lines.end(), [](auto& l) { return l.rfind("DESCRIPTION:", 0) == 0; });
    REQUIRE(description != lines.end());
    CHECK(*description == "DESCRIPTION:Kaatsu\\, week 1\\, Mon 2027-01-04\\, 08:00-08:30\\nP for Alex\\n\\n"
                          "squat: 4 sets: 30\\, 15\\, 15\\, 15 reps @ 20% = 36 kg\\; rest 30 s\\n"
                          "knee-extension: 4 sets: 30\\, 15\\, 15\\, 15 reps @ 20% (no max for knee-extension\\, so no kg)\\; rest 30 s\\n"
                          "bench-press: 3 sets of 8 reps @ RPE 8\\; rest 2 min\\n"
                          "deadlift: 2 sets of 5 reps @ 75% = 165 kg\\, then 1 set of 3 reps @ 85% = 187.5 kg\\; rest 3 min\\n\\n"
                          "Occlusion: continuous\\nCuff: 160 mmHg\\, 5 cm wide\\n\\n"
                          "Keep the cuff on between sets\\nStop if numb");
}

TEST_CASE("the description gives a barbell's plates a side after its load, and says when the bar alone is used")
{
    Fixture f;
    scheduling::SessionContent content;
    content.exercises.push_back(exercise("squat", {on_barbell(set(5, 75, 150)), on_barbell(set(5, 75, 150))}, 180));
    content.exercises.push_back(exercise("good-morning", {on_barbell(set(10, 5, 20))}));
    content.exercises.push_back(exercise("curl", {set(10, 50, 10)}));
    auto& program = f.program("P", "UTC");
    auto& schedule =
        f.schedule(program, "Alex", day(2027, 1, 4), {{"Strength", "", 1, days("M......"), {at(8)}, std::chrono::minutes{60}, content}});
    schedule.barbell_plates = {{150'000, {25, 25, 15}}, {20'000, {}}};  // by mass in thousandths of a kg
    const auto description = properties(calendar_text(f.schedules), "DESCRIPTION").front();
    CHECK(description.find("squat: 2 sets of 5 reps @ 75% = 150 kg (25 + 25 + 15 kg a side)\\; rest 3 min\\n") != std::string::npos);
    CHECK(description.find("good-morning: 1 set of 10 reps @ 5% = 20 kg (the bar alone)\\n") != std::string::npos);
    CHECK(description.find("curl: 1 set of 10 reps @ 50% = 10 kg") != std::string::npos);
    CHECK(description.find("curl: 1 set of 10 reps @ 50% = 10 kg (") == std::string::npos);
}

TEST_CASE("after a load of the training max, a barbell's plates share the parentheses with the percent of the 1RM")
{
    Fixture f;
    scheduling::SessionContent content;
    scheduling::SetPlan tm = on_barbell(set(5, 76.5, 152.5));
    tm.tm_percent = 85;
    tm.amrap = true;
    content.exercises.push_back(exercise("squat", {tm}));
    auto& program = f.program("P", "UTC");
    auto& schedule =
        f.schedule(program, "Alex", day(2027, 1, 4), {{"Strength", "", 1, days("M......"), {at(8)}, std::chrono::minutes{60}, content}});
    schedule.barbell_plates = {{152'500, {25, 25, 15, 1.25}}};
    const auto description = properties(calendar_text(f.schedules), "DESCRIPTION").front();
    CHECK(description.find("squat: 1 set of 5+ reps @ 85% TM = 152.5 kg (76.5% of 1RM\\; 25 + 25 + 15 + 1.25 kg a side)") !=
          std::string::npos);
}

TEST_CASE("a superset's rest is said once, after its last exercise: it is taken after each round")
{
    Fixture f;
    scheduling::SessionContent content;
    content.exercises.push_back(exercise("squat", {set(5, 75, 135)}, 180));
    content.exercises.push_back(exercise("curl", {set(10, {}, 20), set(10, {}, 20)}, 90));
    content.exercises.push_back(exercise("triceps-extension", {set(10, {}, 15), set(10, {}, 15)}, 90));
    content.exercises.push_back(exercise("row", {set(8, {}, 60)}, 60));
    content.exercises.push_back(exercise("dip", {set(8, {}, 10)}, 120));
    content.exercises[1].superset = content.exercises[2].superset = 1;
    content.exercises[3].superset = content.exercises[4].superset = 2;  // their own rests, which differ: each says its own
    auto& program = f.program("P", "UTC");
    f.schedule(program, "Alex", day(2027, 1, 4), {{"Strength", "", 1, days("M......"), {at(8)}, std::chrono::minutes{60}, content}});
    const auto description = properties(calendar_text(f.schedules), "DESCRIPTION").front();
    CHECK(description.find("squat: 1 set of 5 reps @ 75% = 135 kg\\; rest 3 min\\n"
                           "Superset 1\\, in turn:\\n"
                           "  curl: 2 sets of 10 reps @ 20 kg\\n"
                           "  triceps-extension: 2 sets of 10 reps @ 15 kg\\n"
                           "  rest 90 s after each round\\n"
                           "Superset 2\\, in turn:\\n"
                           "  row: 1 set of 8 reps @ 60 kg\\; rest 1 min\\n"
                           "  dip: 1 set of 8 reps @ 10 kg\\; rest 2 min") != std::string::npos);
}

TEST_CASE("a coach with an address makes METHOD:PUBLISH and an ORGANIZER on every event")
{
    Fixture f;
    auto& program = f.program("P", "UTC");
    program.coach = ir::Coach{"Lee, Sam", "sam@example.org", {}};
    f.schedule(program, "Alex", day(2027, 1, 4), {{"Kaatsu", "bfr", 7, days("MTWTFS."), {at(8)}, std::chrono::minutes{30}, {}}});
    const std::string text = calendar_text(f.schedules);
    CHECK(count(text, "METHOD:PUBLISH") == 1);
    CHECK(count(text, "ORGANIZER;CN=\"Lee, Sam\":mailto:sam@example.org") == 6);

    SECTION("a coach without an address is named in the description but publishes nothing")
    {
        program.coach->email.clear();
        const std::string bare = calendar_text(f.schedules);
        CHECK(properties(bare, "METHOD").empty());
        CHECK(properties(bare, "ORGANIZER").empty());
        CHECK(properties(bare, "DESCRIPTION").front().find("Coach: Lee\\, Sam") != std::string::npos);
    }
}

TEST_CASE("an alarm adds a display reminder before each session")
{
    Fixture f;
    auto& program = f.program("P", "UTC");
    f.schedule(program, "Alex", day(2027, 1, 4),
               {{"Kaatsu", "bfr", 7, days("M......"), {at(8)}, std::chrono::minutes{30}, kaatsu_content()}});
    auto options = options_at();
    options.alarm = emit::parse_alarm("30m");
    const std::string text = calendar_text(f.schedules, options);
    CHECK(
        text.find(
            "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT30M\r\nDESCRIPTION:Kaatsu: squat\\, knee-extension at 08:00\r\nEND:VALARM\r\nEND:VEVENT\r\n") !=
        std::string::npos);
    options.alarm = emit::parse_alarm("1 day");
    CHECK(calendar_text(f.schedules, options).find("TRIGGER:-P1D\r\n") != std::string::npos);
}

TEST_CASE("alarm durations are a whole number and a unit")
{
    CHECK(emit::parse_alarm("30m") == std::chrono::minutes{30});
    CHECK(emit::parse_alarm("30 min") == std::chrono::minutes{30});
    CHECK(emit::parse_alarm("2h") == std::chrono::minutes{120});
    CHECK(emit::parse_alarm("1d") == std::chrono::minutes{1440});
    CHECK_FALSE(emit::parse_alarm("30"));
    CHECK_FALSE(emit::parse_alarm("m"));
    CHECK_FALSE(emit::parse_alarm("-5m"));
    CHECK_FALSE(emit::parse_alarm("30 parsecs"));
}

TEST_CASE("a VTIMEZONE from the tz database holds Berlin's real changes around the program's dates")
{
    Fixture f;
    auto& program = f.program("P", "Europe/Berlin");
    f.schedule(program, "Alex", day(2027, 3, 22), {{"Kaatsu", "bfr", 14, days("MTWTFS."), {at(8)}, std::chrono::minutes{30}, {}}});
    const std::string text = calendar_text(f.schedules);
    const auto vtimezone = text.find("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n");
    REQUIRE(vtimezone != std::string::npos);
    CHECK(vtimezone < text.find("BEGIN:VEVENT"));
    // In force before the program: winter time since 2026-10-25 03:00 CEST.
    CHECK(
        text.find(
            "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD") !=
        std::string::npos);
    // The change inside the program: 2027-03-28 02:00 CET becomes 03:00 CEST.
    CHECK(
        text.find(
            "BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT") !=
        std::string::npos);
    // Local times stay local across the change.
    CHECK(count(text, "DTSTART;TZID=Europe/Berlin:20270327T080000") == 1);
    CHECK(count(text, "DTSTART;TZID=Europe/Berlin:20270329T080000") == 1);
    CHECK(count(text, "BEGIN:VTIMEZONE") == 1);
}

TEST_CASE("a zone without daylight saving gets one standard observance")
{
    Fixture f;
    auto& program = f.program("P", "UTC");
    f.schedule(program, "Alex", day(2027, 3, 22), {{"K", "bfr", 7, days("M......"), {at(8)}, std::chrono::minutes{30}, {}}});
    const std::string text = calendar_text(f.schedules);
    CHECK(
        text.find(
            "BEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nTZNAME:UTC\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n") !=
        std::string::npos);
}

TEST_CASE("the zone is the program's, else the default one, floating times have no zone at all")
{
    Fixture f;
    auto& zoned = f.program("Zoned", "America/New_York");
    auto& unzoned = f.program("Unzoned", "");
    auto& floating = f.program("Floating", "floating");
    const BlockSpec block{"K", "bfr", 7, days("M......"), {at(8)}, std::chrono::minutes{30}, {}};
    f.schedule(zoned, "Alex", day(2027, 1, 4), {block});
    f.schedule(unzoned, "Alex", day(2027, 1, 4), {block});
    f.schedule(floating, "Alex", day(2027, 1, 4), {block});
    auto options = options_at();
    options.default_timezone = "Asia/Tokyo";
    const std::string text = calendar_text(f.schedules, options);
    CHECK(lint_calendar(text).empty());
    CHECK(properties(text, "DTSTART") ==
          std::vector<std::string>{";TZID=America/New_York:20270104T080000", ";TZID=Asia/Tokyo:20270104T080000", ":20270104T080000"});
    CHECK(count(text, "BEGIN:VTIMEZONE") == 2);
    // VALUE=TEXT: ical.js then reads the escapes as RFC 5545 does (tests/emit/node/instants.mjs checks it).
    CHECK(count(text, "NAME;VALUE=TEXT:Zoned\\, Unzoned\\, Floating") == 1);
    CHECK(count(text, "X-WR-CALNAME;VALUE=TEXT:Zoned\\, Unzoned\\, Floating") == 1);

    SECTION("only floating: no VTIMEZONE")
    {
        const std::vector<scheduling::ProgramSchedule> only{f.schedules[2]};
        const std::string floating_text = calendar_text(only, options);
        CHECK(floating_text.find("VTIMEZONE") == std::string::npos);
        CHECK(floating_text.find("TZID") == std::string::npos);
    }
}

TEST_CASE("an unknown zone writes nothing and says which zone was meant, where it was written")
{
    Source source{"plan.meso", "program \"P\" {\n  timezone Europe/Berln\n}\n"};
    Fixture f;
    auto& program = f.program("P", "Europe/Berln");
    program.timezone_span = Span{&source, 2, 12, 25, 37};
    f.schedule(program, "Alex", day(2027, 1, 4), {{"K", "bfr", 7, days("M......"), {at(8)}, std::chrono::minutes{30}, {}}});
    std::ostringstream out;
    const auto result = emit::write_calendar(out, f.schedules, options_at());
    CHECK(out.str().empty());
    REQUIRE(result.diagnostics.size() == 1);
    CHECK(result.diagnostics[0].severity == Severity::error);
    CHECK(result.diagnostics[0].span.line == 2);
    CHECK(result.diagnostics[0].message == "unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'?");

    CHECK_FALSE(check_timezone("Europe/Berlin", {}));
    CHECK_FALSE(check_timezone("floating", {}));
    CHECK_FALSE(check_timezone("", {}));
    CHECK(check_timezone("america/new_york", {})->message == "unknown time zone 'america/new_york'; did you mean 'America/New_York'?");
    CHECK(check_timezone("Nowhere", {})->message.rfind("unknown time zone 'Nowhere'; expected a name", 0) == 0);
}

TEST_CASE("UIDs do not change when start moves, and are unique even for two sessions on one day")
{
    const BlockSpec kaatsu{"Kaatsu", "bfr", 21, days("MTWTFS."), {at(8), at(16)}, std::chrono::minutes{30}, kaatsu_content()};
    const BlockSpec power{"Powerlifting", "strength", 70, days("M.W.F.."), {at(17)}, std::chrono::minutes{90}, {}};
    auto uids_from = [&](std::chrono::sys_days start) {
        Fixture f;
        auto& program = f.program("Off-season 2027", "Europe/Berlin");
        f.schedule(program, "Alex", start, {kaatsu, power, kaatsu});
        const auto uids = properties(calendar_text(f.schedules), "UID");
        return std::vector<std::string>(uids.begin(), uids.end());
    };
    const auto original = uids_from(day(2027, 1, 4));
    const std::set<std::string> unique(original.begin(), original.end());
    CHECK(original.size() == 36 + 30 + 36);
    CHECK(unique.size() == original.size());
    CHECK(uids_from(day(2027, 1, 4)) == original);
    CHECK(uids_from(day(2027, 1, 11)) == original);  // one week later: same events, moved
    // A start on another weekday moves every session to another weekday; the
    // sessions are still the same ones of the block.
    CHECK(uids_from(day(2027, 1, 6)).size() == original.size());
    for (const auto& uid : original) CHECK(uid.size() == std::string(":0123456789abcdef.v2@meso").size());

    SECTION("another athlete or program name gives other UIDs")
    {
        Fixture f;
        auto& program = f.program("Off-season 2027", "Europe/Berlin");
        f.schedule(program, "Sam", day(2027, 1, 4), {kaatsu});
        const auto others = properties(calendar_text(f.schedules), "UID");
        for (const auto& uid : others) CHECK(unique.count(uid) == 0);
    }
}

TEST_CASE("the same program twice in one calendar still gives unique UIDs")
{
    Fixture f;
    auto& a = f.program("P", "UTC");
    auto& b = f.program("P", "UTC");
    const BlockSpec block{"K", "bfr", 7, days("MTWTFS."), {at(8)}, std::chrono::minutes{30}, {}};
    f.schedule(a, "Alex", day(2027, 1, 4), {block});
    f.schedule(b, "Alex", day(2027, 1, 4), {block});
    const auto text = calendar_text(f.schedules);
    CHECK(lint_calendar(text).empty());
    CHECK(properties(text, "UID").size() == 12);
}

TEST_CASE("same input, same bytes, DTSTAMP is the given instant in UTC")
{
    Fixture f;
    auto& program = f.program("Frühjahr – Kraft", "Europe/Berlin");
    f.schedule(program, "Jürgen", day(2027, 3, 22),
               {{"Kaatsu", "bfr", 14, days("MTWTFS."), {at(8), at(16)}, std::chrono::minutes{30}, kaatsu_content()}});
    CHECK(calendar_text(f.schedules) == calendar_text(f.schedules));
    CHECK(properties(calendar_text(f.schedules, options_at(1700000000)), "DTSTAMP").front() == ":20231114T221320Z");
}

TEST_CASE("SOURCE_DATE_EPOCH is a number of seconds, nothing else")
{
    CHECK(emit::parse_source_date_epoch("1700000000") == std::chrono::sys_seconds{std::chrono::seconds{1700000000}});
    CHECK(emit::parse_source_date_epoch("0") == std::chrono::sys_seconds{});
    CHECK_FALSE(emit::parse_source_date_epoch(""));
    CHECK_FALSE(emit::parse_source_date_epoch("-1"));
    CHECK_FALSE(emit::parse_source_date_epoch("12abc"));
    CHECK_FALSE(emit::parse_source_date_epoch("99999999999999"));
}

TEST_CASE("unicode names and a 300-character note survive folding and escaping")
{
    std::string note = "Ŝtrength; ";
    while (emit::ical::valid_utf8(note).size() < 300) note += "Knie über Zehen, Rücken gerade\\ 💪 ";
    Fixture f;
    auto& program = f.program("Frühjahr – Kraft & Ausdauer", "Europe/Berlin");
    auto content = kaatsu_content();
    content.notes = {note};
    f.schedule(program, "Zoë Ō'Brien", day(2027, 3, 22),
               {{"Kaatsu — 加圧", "bfr", 7, days("M......"), {at(8)}, std::chrono::minutes{30}, content}});
    const std::string text = calendar_text(f.schedules);
    CHECK(lint_calendar(text).empty());
    const auto description = properties(text, "DESCRIPTION").front();
    CHECK(description.find(emit::ical::escape_text(note)) != std::string::npos);
    CHECK(count(text, "SUMMARY:Kaatsu — 加圧: squat\\, knee-extension") == 1);
    CHECK(count(text, "X-WR-CALNAME:Frühjahr – Kraft & Ausdauer") == 1);
}

TEST_CASE("after 2037, where zoneinfo files stop listing changes, the zone's rule goes on")
{
    // Dated observances, not RRULEs: Python's icalendar repeats an RRULE only up to 2038.
    Fixture f;
    auto& program = f.program("P", "Europe/Berlin");
    f.schedule(program, "Alex", day(2040, 3, 19), {{"K", "bfr", 14, days("MTWTFSS"), {at(8)}, std::chrono::minutes{30}, {}}});
    const std::string text = calendar_text(f.schedules);
    // 2040-03-25 is the last Sunday of March.
    CHECK(text.find("BEGIN:DAYLIGHT\r\nDTSTART:20400325T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT") !=
          std::string::npos);
    CHECK(text.find("BEGIN:STANDARD\r\nDTSTART:20391030T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD") !=
          std::string::npos);
}

TEST_CASE("a program in summer time still describes its zone from standard time on")
{
    Fixture f;
    auto& program = f.program("P", "America/New_York");
    f.schedule(program, "Alex", day(2027, 5, 3), {{"K", "bfr", 14, days("MTWTFSS"), {at(8)}, std::chrono::minutes{30}, {}}});
    const std::string text = calendar_text(f.schedules);
    const auto standard = text.find(
        "BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\n");
    const auto daylight = text.find(
        "BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\n");
    CHECK(standard != std::string::npos);
    CHECK(daylight != std::string::npos);
    CHECK(standard < daylight);
}

TEST_CASE("a zone that gave up daylight saving long ago has one standard observance")
{
    Fixture f;
    auto& program = f.program("P", "Asia/Kolkata");
    f.schedule(program, "Alex", day(2040, 6, 4), {{"K", "bfr", 7, days("M......"), {at(8)}, std::chrono::minutes{30}, {}}});
    const std::string text = calendar_text(f.schedules);
    CHECK(
        text.find(
            "BEGIN:VTIMEZONE\r\nTZID:Asia/Kolkata\r\nBEGIN:STANDARD\r\nDTSTART:19451015T000000\r\nTZOFFSETFROM:+0630\r\nTZOFFSETTO:+0530\r\nTZNAME:IST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n") !=
        std::string::npos);
}

TEST_CASE("a category with a comma stays one category, and an odd address stays a valid URI")
{
    Fixture f;
    auto& program = f.program("P", "UTC");
    program.coach = ir::Coach{"Sam", "sam lee@exämple.org", {}};
    f.schedule(program, "Alex", day(2027, 1, 4), {{"K", "strength,power", 7, days("M......"), {at(8)}, std::chrono::minutes{30}, {}}});
    const std::string text = calendar_text(f.schedules);
    CHECK(count(text, "CATEGORIES:strength\\,power") == 1);
    CHECK(count(text, "ORGANIZER;CN=Sam:mailto:sam%20lee@ex%C3%A4mple.org") == 1);
}
