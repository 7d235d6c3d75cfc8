#include "engine/emit/ical_values.h"

#include <cstdio>

#include "engine/base/timezone.h"

namespace meso::emit::ical {

namespace {

// Two digits of `value` (0..99) at `at`.
void put_two(char* at, long value)
{
    at[0] = static_cast<char>('0' + value / 10);
    at[1] = static_cast<char>('0' + value % 10);
}

}  // namespace

std::string date_time(std::chrono::sys_seconds t)
{
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{t - day};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d%02u%02uT%02ld%02ld%02ld", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()));
    return buffer;
}

void append_date_time(std::string& out, std::chrono::sys_seconds t)
{
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const int y = static_cast<int>(ymd.year());
    if (y < 0 || y > 9999) {
        out += date_time(t);
        return;
    }
    const long s = static_cast<long>((t - day).count());
    char text[15];
    put_two(text, y / 100);
    put_two(text + 2, y % 100);
    put_two(text + 4, static_cast<long>(static_cast<unsigned>(ymd.month())));
    put_two(text + 6, static_cast<long>(static_cast<unsigned>(ymd.day())));
    text[8] = 'T';
    put_two(text + 9, s / 3600);
    put_two(text + 11, s / 60 % 60);
    put_two(text + 13, s % 60);
    out.append(text, sizeof text);
}

std::string utc_offset(std::chrono::seconds offset) { return signed_clock_digits(offset, ""); }

std::string duration(std::chrono::minutes span)
{
    long m = static_cast<long>(span.count());
    if (m == 0) return "PT0S";
    std::string out = "P";
    if (m >= 1440) {
        out += std::to_string(m / 1440) + "D";
        m %= 1440;
    }
    if (m > 0) {
        out += "T";
        if (m >= 60) out += std::to_string(m / 60) + "H";
        if (m % 60 != 0) out += std::to_string(m % 60) + "M";
    }
    return out;
}

}  // namespace meso::emit::ical
