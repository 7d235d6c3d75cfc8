#include <catch2/catch.hpp>

#include "tests/emit/lint.h"

using meso::test::lint_calendar;

namespace {
const std::string clean = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nEND:VTIMEZONE\r\n"
                          "BEGIN:VEVENT\r\nUID:a@meso\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20270104T080000\r\n"
                          "DTEND;TZID=Europe/Berlin:20270104T083000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

bool has(const std::vector<std::string>& problems, const std::string& part)
{
    for (const auto& p : problems)
        if (p.find(part) != std::string::npos) return true;
    return false;
}

std::string replace(std::string text, const std::string& from, const std::string& to)
{
    text.replace(text.find(from), from.size(), to);
    return text;
}
}  // namespace

TEST_CASE("the byte lint passes a clean calendar and catches each problem it is for")
{
    CHECK(lint_calendar(clean).empty());
    CHECK(has(lint_calendar("\xEF\xBB\xBF" + clean), "byte-order mark"));
    CHECK(has(lint_calendar(replace(clean, "VERSION:2.0\r\n", "VERSION:2.0\n")), "LF without CR"));
    CHECK(has(lint_calendar(replace(clean, "UID:a@meso", "UID:" + std::string(80, 'a'))), "more than 75"));
    CHECK(has(lint_calendar(replace(clean, "UID:a@meso", "UID:\xC3\r\n \xA9")), "not valid UTF-8 on its own"));
    CHECK(has(lint_calendar(replace(clean, "DTSTAMP:20270101T000000Z", "DTSTAMP:20270101T000000")), "not UTC"));
    CHECK(has(lint_calendar(replace(clean, "TZID:Europe/Berlin\r\n", "TZID:Europe/Paris\r\n")), "no VTIMEZONE before it"));
    const std::string event = clean.substr(clean.find("BEGIN:VEVENT"), clean.find("END:VCALENDAR") - clean.find("BEGIN:VEVENT"));
    CHECK(has(lint_calendar(replace(clean, "END:VCALENDAR", event + "END:VCALENDAR")), "repeats"));
    CHECK(has(lint_calendar(replace(clean, "DTEND;TZID=Europe/Berlin:20270104T083000", "DURATION:PT30M")), "DURATION"));
}
