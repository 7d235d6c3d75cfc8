#include "engine/base/text.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>

namespace meso {

namespace {

const char* const short_weekday_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const weekday_keywords[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

// "2027-01-04" written into `out` (10 bytes) for a year in 0..9999.
void write_iso_date(char* out, unsigned y, unsigned m, unsigned d)
{
    const auto digit = [](unsigned v) { return static_cast<char>('0' + v % 10); };
    out[0] = digit(y / 1000), out[1] = digit(y / 100), out[2] = digit(y / 10), out[3] = digit(y);
    out[4] = '-', out[5] = digit(m / 10), out[6] = digit(m), out[7] = '-', out[8] = digit(d / 10), out[9] = digit(d);
}

}  // namespace

namespace {

bool four_digit_year(int y, unsigned m, unsigned d) { return y >= 0 && y <= 9999 && m <= 99 && d <= 99; }

}  // namespace

std::string format_date(std::chrono::year_month_day date)
{
    const int y = static_cast<int>(date.year());
    const unsigned m = static_cast<unsigned>(date.month());
    const unsigned d = static_cast<unsigned>(date.day());
    if (!four_digit_year(y, m, d)) return fmt::format("{:04}-{:02}-{:02}", y, m, d);
    // Called for most values a rule looks at (bench/, docs/performance.md):
    // written by hand, fmt::format took a third of the rules' time.
    char text[10];
    write_iso_date(text, static_cast<unsigned>(y), m, d);
    return std::string(text, sizeof text);
}

std::string format_date(std::chrono::sys_days day) { return format_date(std::chrono::year_month_day{day}); }

std::string format_weekday_date(std::chrono::sys_days day)
{
    const std::chrono::year_month_day date{day};
    const int y = static_cast<int>(date.year());
    const unsigned m = static_cast<unsigned>(date.month());
    const unsigned d = static_cast<unsigned>(date.day());
    const char* name = weekday_name(std::chrono::weekday{day});
    if (!four_digit_year(y, m, d)) return std::string(name) + " " + format_date(date);
    char text[14];  // one allocation-free write: rules call this for most values they report
    std::memcpy(text, name, 3);
    text[3] = ' ';
    write_iso_date(text + 4, static_cast<unsigned>(y), m, d);
    return std::string(text, sizeof text);
}

std::string format_time(std::chrono::minutes since_midnight)
{
    const long m = since_midnight.count();
    return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

std::string format_time_of_day(std::chrono::minutes since_midnight)
{
    long long m = since_midnight.count();
    const long long day = 24LL * 60;
    m = ((m % day) + day) % day;
    return fmt::format("{:02}:{:02}", m / 60, m % 60);
}

const char* weekday_name(std::chrono::weekday day) { return short_weekday_names[day.c_encoding() % 7]; }

const char* weekday_keyword(std::chrono::weekday day) { return weekday_keywords[day.c_encoding() % 7]; }

std::string format_number(double value)
{
    const double r = std::round(value * 1000.0) / 1000.0;
    if (r == std::floor(r)) {
        // Whole numbers are most loads, reps and minutes: to_chars writes
        // what fmt's "{}" does, without its formatting machinery.
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, static_cast<long long>(r)).ptr;
        return std::string(digits, end);
    }
    // The rest have at most three decimals: their thousandths, a whole
    // number, are the digits "{:.3f}" writes (the double nearest to n/1000
    // is within far less than half a thousandth of it while |n| < 2^51).
    const double thousandths = std::round(r * 1000.0);
    if (std::fabs(thousandths) < 1e15) {
        auto n = static_cast<long long>(thousandths);
        char digits[32];
        char* at = digits;
        if (n < 0) *at++ = '-', n = -n;
        at = std::to_chars(at, digits + sizeof digits, n / 1000).ptr;
        *at++ = '.';
        long long fraction = n % 1000;  // not 0: r is not whole
        for (long long unit = 100; unit > 0 && fraction > 0; unit /= 10) {
            *at++ = static_cast<char>('0' + fraction / unit);
            fraction %= unit;
        }
        return std::string(digits, at);
    }
    std::string s = fmt::format("{:.3f}", r);
    while (!s.empty() && s.back() == '0') s.pop_back();
    return s;
}

std::string trim_number(double value, int decimals)
{
    if (std::fabs(value - std::round(value)) < 1e-9) return fmt::format("{}", static_cast<long long>(std::llround(value)));
    std::string s = fmt::format("{:.{}f}", value, decimals);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

}  // namespace meso
