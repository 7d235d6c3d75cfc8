// The tokens of the syntax tree (grammar/syntax.h): names, strings,
// numbers, quantities, dates, times, weekdays and week numbers, each with
// the Span of the text that made it.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "engine/base/source.h"
#include "engine/base/units.h"

namespace meso::syntax {

// ---------------------------------------------------------------- tokens

struct Name {
    std::string text;  // unescaped when quoted
    Span span;
    bool quoted = false;  // written as a string ("Bulgarian split squat")
};

struct Text {           // a string literal
    std::string value;  // unescaped
    Span span;
};

// Units are engine/base's one table: the syntax tree names them as written
// (Quantity::unit_text) and by what they mean (Quantity::unit).
using meso::canonical_spelling;
using meso::Dimension;
using meso::dimension_of;
using meso::Unit;

struct Number {
    double value = 0;
    std::string text;  // as written ("142.5")
    Span span;
};

struct Quantity {
    Number amount;
    Unit unit = Unit::kg;
    std::string unit_text;  // as written ("weeks", "sec", "mmHg")
    Span span;
};

struct Date {
    std::chrono::year_month_day value{};
    Span span;
};

struct DateRange {  // a single date has first == last
    Date first;
    Date last;
    bool is_range = false;
    Span span;
};

struct ClockTime {
    std::chrono::minutes since_midnight{0};
    Span span;
};

struct WeekdayItem {  // `mon` or `mon..sat`
    std::chrono::weekday first;
    std::chrono::weekday last;
    bool is_range = false;
    Span span;
};

struct Weekdays {
    std::vector<WeekdayItem> items;
    bool commas = false;  // written `mon, wed, fri`
    Span span;
};

struct WeekItem {  // `2` or `2..3`
    int first = 0;
    int last = 0;
    bool is_range = false;
    Span span;
};

}  // namespace meso::syntax
