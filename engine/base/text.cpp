#include "engine/base/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
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

double round_percent(double value)
{
    // In tenths, halves away from zero. The products and quotients that make
    // a percent (0.9 × 76.5) land a few units of the last place off the
    // decimal value they stand for; an allowance far above that error and far
    // below anything written (a millionth of a tenth) puts a half that landed
    // just below it back on it.
    constexpr double allowance = 1e-6;
    const double tenths = std::floor(std::fabs(value) * 10.0 + 0.5 + allowance);
    if (tenths == 0) return 0;  // not -0: "-0%" is no load
    return std::copysign(tenths / 10.0, value);
}

std::string format_percent(double value) { return format_number(round_percent(value)); }

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t") == std::string_view::npos; }

std::string trim_number(double value, int decimals)
{
    if (std::fabs(value - std::round(value)) < 1e-9) return fmt::format("{}", static_cast<long long>(std::llround(value)));
    std::string s = fmt::format("{:.{}f}", value, decimals);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

namespace {

// A range of code points, both ends included.
struct CodePoints {
    std::uint32_t first;
    std::uint32_t last;
};

// Combining marks and zero-width spaces and joiners: no column.
constexpr std::array<CodePoints, 7> zero_width = {{
    {0x0300, 0x036F},
    {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF},
    {0x20D0, 0x20FF},
    {0xFE20, 0xFE2F},
    {0x200B, 0x200F},
    {0xFE00, 0xFE0F},
}};

// East Asian wide characters and emoji: two columns.
constexpr std::array<CodePoints, 14> double_width = {{
    {0x1100, 0x115F},
    {0x2E80, 0x303E},
    {0x3041, 0x33FF},
    {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},
    {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F},
    {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF},
    {0x20000, 0x3FFFD},
}};

template <std::size_t N> bool in_any(std::uint32_t cp, const std::array<CodePoints, N>& ranges)
{
    return std::any_of(ranges.begin(), ranges.end(), [cp](const CodePoints& r) { return cp >= r.first && cp <= r.last; });
}

// The code point that starts at text[i], and its length in bytes. A byte
// that starts no sequence, or a sequence cut by the end of the text, counts
// as one code point of its own: the width of invalid UTF-8 is a guess anyway.
struct Decoded {
    std::uint32_t code_point;
    std::size_t length;
};

Decoded decode(std::string_view text, std::size_t i)
{
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    if ((c & 0xE0) == 0xC0) length = 2;
    else if ((c & 0xF0) == 0xE0) length = 3;
    else if ((c & 0xF8) == 0xF0) length = 4;
    if (c < 0x80 || i + length > text.size()) length = 1;
    std::uint32_t cp = length == 1 ? c : c & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    return {cp, length};
}

}  // namespace

std::string and_list(const std::vector<std::string>& items)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return out;
}

std::size_t display_width(std::string_view text)
{
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {  // ASCII, most of any text: one column, no table to search
            ++width;
            ++i;
            continue;
        }
        const Decoded d = decode(text, i);
        i += d.length;
        if (in_any(d.code_point, zero_width)) continue;
        width += in_any(d.code_point, double_width) ? 2 : 1;
    }
    return width;
}

}  // namespace meso
