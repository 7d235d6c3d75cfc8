// Text of dates, clock times, weekdays and numbers: one spelling of each,
// shared by every stage that writes them (messages, reports, emitters, the
// formatter), so that a date reads the same in a warning and in a calendar.
// Also the width of text on screen, which the formatter's columns and the
// report's caret both count in.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace meso {

// 2027-01-04. Years outside 0..9999 keep their sign and digits (-001, 10000).
std::string format_date(std::chrono::sys_days day);
std::string format_date(std::chrono::year_month_day date);

// Mon 2027-01-04: the date with its short English weekday, as messages write it.
std::string format_weekday_date(std::chrono::sys_days day);

// 08:00, for a time of day (0 <= since_midnight < 24 h).
std::string format_time(std::chrono::minutes since_midnight);

// 08:00 for any number of minutes, brought into the day first: a rule's
// clock arithmetic (a session's end, a gap) may cross midnight.
std::string format_time_of_day(std::chrono::minutes since_midnight);

// Mon: the short English name, as reports and calendars write it.
const char* weekday_name(std::chrono::weekday day);

// mon: the keyword the language spells a weekday with.
const char* weekday_keyword(std::chrono::weekday day);

// A load, a percentage, a rest as the emitters write them: whole numbers
// without a point, others with at most three decimals and no trailing zero
// (82.5, 72.125, 100).
std::string format_number(double value);

// A percentage as every writer shows it (the schedule's text, JSON and CSV,
// the calendars, findings' messages): at most one decimal, halves away from
// zero on the decimal value as written or computed (68.85 is 68.9, 0.05 is
// 0.1, 12.25 is 12.3), so that 68.85, which a double holds as 68.8499…,
// does not become 68.8. For display only: the rules compare the exact value.
double round_percent(double value);

// round_percent's value as format_number writes it: 75, 68.9, 0.1.
std::string format_percent(double value);

// A number as a rule message writes it: rounded to `decimals` places,
// trailing zeros and a trailing point dropped (87.5, 2, 0.33).
std::string trim_number(double value, int decimals = 2);

// True when the text shows nothing: empty, or spaces and tabs only (a
// calendar property of such a value is an error to libical).
bool is_blank(std::string_view text);

// The columns a terminal gives to UTF-8 text: combining marks take none,
// East Asian wide characters and emoji take two, everything else one
// ("深蹲" is 4, "Cafe" with a combining accent 4).
std::size_t display_width(std::string_view text);

// Items as a sentence lists them: "a", "a and b", "a, b and c".
std::string and_list(const std::vector<std::string>& items);

}  // namespace meso
