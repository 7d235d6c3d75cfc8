#include "engine/base/posix_rule.h"

#include <cctype>

namespace meso {

namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// Reads the text of a rule from left to right; every read returns false on
// text it does not expect, and the rule is then not read at all.
struct Reader {
    std::string_view text;

    bool done() const { return text.empty(); }
    bool take(char c)
    {
        if (text.empty() || text.front() != c) return false;
        text.remove_prefix(1);
        return true;
    }
    bool digit() const { return !text.empty() && std::isdigit(static_cast<unsigned char>(text.front())) != 0; }

    // EST, or <+1030> (a name with digits and signs goes in angle brackets).
    bool abbrev(std::string& out)
    {
        if (take('<')) {
            const auto end = text.find('>');
            if (end == std::string_view::npos || end == 0) return false;
            out = std::string(text.substr(0, end));
            text.remove_prefix(end + 1);
            return true;
        }
        std::size_t n = 0;
        while (n < text.size() && std::isalpha(static_cast<unsigned char>(text[n])) != 0) ++n;
        if (n < 3) return false;
        out = std::string(text.substr(0, n));
        text.remove_prefix(n);
        return true;
    }

    bool number(long& out, long most)
    {
        if (!digit()) return false;
        out = 0;
        while (digit()) {
            out = out * 10 + (text.front() - '0');
            text.remove_prefix(1);
            if (out > most) return false;
        }
        return true;
    }

    // [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536's extension of POSIX).
    bool clock(seconds& out)
    {
        const bool negative = take('-');
        if (!negative) take('+');
        long h = 0;
        long m = 0;
        long s = 0;
        if (!number(h, 167)) return false;
        if (take(':') && !number(m, 59)) return false;
        if (take(':') && !number(s, 59)) return false;
        out = hours{h} + minutes{m} + seconds{s};
        if (negative) out = -out;
        return true;
    }

    // Mm.w.d[/time]
    bool change(PosixChange& out)
    {
        long month = 0;
        long week = 0;
        long weekday = 0;
        if (!take('M') || !number(month, 12) || !take('.') || !number(week, 5) || !take('.') || !number(weekday, 6)) return false;
        if (month < 1 || week < 1) return false;
        out.month = static_cast<unsigned>(month);
        out.week = static_cast<unsigned>(week);
        out.weekday = static_cast<unsigned>(weekday);
        out.time = hours{2};
        if (take('/') && !clock(out.time)) return false;
        return true;
    }
};

}  // namespace

std::chrono::sys_seconds PosixChange::local_onset(std::chrono::year year) const
{
    using namespace std::chrono;
    const year_month ym = year / std::chrono::month{month};
    const std::chrono::weekday wd{weekday};
    const sys_days day = week == 5 ? sys_days{ym / wd[last]} : sys_days{ym / wd[week]};
    return sys_seconds{day.time_since_epoch()} + time;
}

std::optional<PosixRule> parse_posix_rule(std::string_view text)
{
    Reader in{text};
    PosixRule rule;
    seconds posix_std{0};
    if (!in.abbrev(rule.std_abbrev) || !in.clock(posix_std)) return std::nullopt;
    rule.std_offset = -posix_std;
    if (in.done() || !in.abbrev(rule.dst_abbrev)) return std::nullopt;  // one offset all year
    rule.dst_offset = rule.std_offset + hours{1};
    if (!in.text.empty() && in.text.front() != ',') {
        seconds posix_dst{0};
        if (!in.clock(posix_dst)) return std::nullopt;
        rule.dst_offset = -posix_dst;
    }
    if (!in.take(',') || !in.change(rule.to_dst) || !in.take(',') || !in.change(rule.to_std) || !in.done()) return std::nullopt;
    return rule;
}

}  // namespace meso
