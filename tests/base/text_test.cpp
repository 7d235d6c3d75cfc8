// engine/base/text: the one spelling of dates, times, weekdays and numbers
// that messages, reports, the formatter and the emitters share.
#include <catch2/catch.hpp>

#include "engine/base/text.h"

using namespace std::chrono;

TEST_CASE("a date is written year-month-day, with its short weekday where messages name the day")
{
    const sys_days day = year{2027} / January / 4;
    CHECK(meso::format_date(day) == "2027-01-04");
    CHECK(meso::format_date(year_month_day{day}) == "2027-01-04");
    CHECK(meso::format_weekday_date(day) == "Mon 2027-01-04");
    CHECK(meso::format_date(sys_days{year{12} / March / 5}) == "0012-03-05");
    // Outside four digits the sign and every digit stay, as fmt's {:04} writes them.
    CHECK(meso::format_date(sys_days{year{10000} / January / 1}) == "10000-01-01");
    CHECK(meso::format_date(sys_days{year{-1} / January / 1}) == "-001-01-01");
    CHECK(meso::format_weekday_date(sys_days{year{10000} / January / 1}) ==
          std::string(meso::weekday_name(weekday{sys_days{year{10000} / January / 1}})) + " 10000-01-01");
}

TEST_CASE("a clock time is two digits each; a rule's clock arithmetic wraps into the day")
{
    CHECK(meso::format_time(minutes{8 * 60}) == "08:00");
    CHECK(meso::format_time(minutes{23 * 60 + 59}) == "23:59");
    CHECK(meso::format_time_of_day(minutes{24 * 60 + 30}) == "00:30");
    CHECK(meso::format_time_of_day(minutes{-30}) == "23:30");
}

TEST_CASE("weekdays have one English name for output and one keyword for the language")
{
    CHECK(std::string(meso::weekday_name(Monday)) == "Mon");
    CHECK(std::string(meso::weekday_name(Sunday)) == "Sun");
    CHECK(std::string(meso::weekday_keyword(Monday)) == "mon");
    CHECK(std::string(meso::weekday_keyword(Saturday)) == "sat");
}

TEST_CASE("emitters write up to three decimals, rule messages round to two")
{
    CHECK(meso::format_number(100) == "100");
    CHECK(meso::format_number(82.5) == "82.5");
    CHECK(meso::format_number(72.125) == "72.125");
    CHECK(meso::trim_number(87.5) == "87.5");
    CHECK(meso::trim_number(2.0) == "2");
    CHECK(meso::trim_number(1.0 / 3.0) == "0.33");
    CHECK(meso::trim_number(72.125, 3) == "72.125");
}

TEST_CASE("the width of text on screen: combining marks none, East Asian wide characters and emoji two, the rest one")
{
    CHECK(meso::display_width("squat") == 5);
    CHECK(meso::display_width("Übung") == 5);
    CHECK(meso::display_width("深蹲") == 4);
    CHECK(meso::display_width("Cafe\xCC\x81") == 4);
    CHECK(meso::display_width("\xF0\x9F\x92\xAA") == 2);  // the flexed biceps emoji
    CHECK(meso::display_width("a\xE2\x80\x8B"
                              "b") == 2);             // a zero-width space between
    CHECK(meso::display_width("\xE2\x89\xA5") == 1);  // ≥
    CHECK(meso::display_width("\xE6\xB7") == 2);      // a sequence cut short: one column a byte
}
