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

TEST_CASE("a clock time is two digits each, a rule's clock arithmetic wraps into the day")
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

TEST_CASE("a percent is shown with at most one decimal, halves away from zero on its decimal value")
{
    // Halves that a double holds just below the half (68.85 is 68.8499...) still go up.
    CHECK(meso::format_percent(68.85) == "68.9");
    CHECK(meso::format_percent(0.05) == "0.1");
    CHECK(meso::format_percent(12.25) == "12.3");
    CHECK(meso::format_percent(33.35) == "33.4");
    CHECK(meso::format_percent(60.75) == "60.8");
    // As the schedule computes them: a deload's 90% of 76.5, a share of a training max.
    CHECK(meso::format_percent(76.5 * 0.9) == "68.9");
    CHECK(meso::format_percent(85.0 * 90.0 / 100.0) == "76.5");
    CHECK(meso::format_percent(160.0 * 85.0 / 180.0) == "75.6");  // 75.555...
    // Below a half goes down; whole numbers have no point.
    CHECK(meso::format_percent(72.675 - 0.03) == "72.6");
    CHECK(meso::format_percent(68.849) == "68.8");
    CHECK(meso::format_percent(66.071) == "66.1");
    CHECK(meso::format_percent(75) == "75");
    CHECK(meso::format_percent(74.96) == "75");
    CHECK(meso::format_percent(100.04) == "100");
    CHECK(meso::format_percent(1000) == "1000");
    // Away from zero below it too, and never "-0".
    CHECK(meso::format_percent(-12.25) == "-12.3");
    CHECK(meso::format_percent(-0.04) == "0");
    CHECK(meso::format_percent(0) == "0");
    // The number JSON writes is the one the text shows.
    CHECK(meso::round_percent(68.85) == 68.9);
    CHECK(meso::round_percent(0.05) == 0.1);
    CHECK(meso::round_percent(40.04) == 40);
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

TEST_CASE("a list reads as a sentence: commas, and the last two joined by 'and'")
{
    CHECK(meso::and_list({}).empty());
    CHECK(meso::and_list({"squat"}) == "squat");
    CHECK(meso::and_list({"squat", "bench-press"}) == "squat and bench-press");
    CHECK(meso::and_list({"1–3", "5", "7"}) == "1–3, 5 and 7");
}
