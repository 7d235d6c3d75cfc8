// The builder, values: names, texts, numbers, quantities, dates, clock
// times and weekdays, each checked for what the grammar cannot see.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "engine/base/text.h"
#include "grammar/builder.h"
#include "grammar/grammar.h"

namespace meso::grammar {

namespace {

namespace g = grammar;

std::string unescape(std::string_view quoted)
{
    std::string out;
    if (quoted.size() < 2) return out;
    const std::string_view inner = quoted.substr(1, quoted.size() - 2);
    out.reserve(inner.size());
    // Runs without a backslash copied whole: the standard library's long
    // citations went in a byte at a time at every start.
    std::size_t from = 0;
    while (true) {
        const std::size_t slash = inner.find('\\', from);
        if (slash == std::string_view::npos || slash + 1 == inner.size()) {  // a last backslash stays as it is
            out.append(inner.substr(from));
            return out;
        }
        out.append(inner.substr(from, slash - from));
        out += inner[slash + 1] == 'n' ? '\n' : inner[slash + 1];
        from = slash + 2;
    }
}

std::chrono::weekday weekday_of(std::string_view sv)
{
    for (unsigned i = 0; i < 7; ++i)
        if (sv.substr(0, 3) == weekday_keyword(std::chrono::weekday{i})) return std::chrono::weekday{i};
    return std::chrono::weekday{0};
}

}  // namespace

void Builder::error(const Span& span, std::string message) { diagnostics_.push_back(Diagnostic::error(span, std::move(message))); }

Span Builder::span(const node& n) const
{
    Span s;
    s.source = &source_;
    s.line = n.line;
    s.column = n.column;
    s.begin = n.begin;
    s.end = n.end;
    return s;
}

bool Builder::too_long(const std::string& number_text)
{
    return std::count_if(number_text.begin(), number_text.end(), [](char c) { return c >= '0' && c <= '9'; }) > 15;
}

const char* Builder::dimension_name(Dimension d)
{
    switch (d) {
    case Dimension::mass: return "a mass";
    case Dimension::relative_load: return "a percentage of one-rep max";
    case Dimension::time: return "a duration";
    case Dimension::pressure: return "a pressure";
    case Dimension::length: return "a length";
    }
    return "a quantity";
}

syntax::Text Builder::text(const node& n)
{
    if (n.string_view().size() > max_text_bytes + 2)
        error(span(n), "a text is at most " + std::to_string(max_text_bytes) + " bytes long; this one is " +
                           std::to_string(n.string_view().size() - 2));
    return {unescape(n.string_view()), span(n)};
}

// An identifier, a dotted name or a string, from a node that is one or holds one.
syntax::Name Builder::name(const node& n)
{
    const node* inner = &n;
    const auto kids = n.children();
    if (!kids.empty()) inner = kids.front();
    // A rule reference (`bfr.min-gap`) is stored as its identifiers: the name is all of them.
    if (!kids.empty() && 1 + inner->descendants < n.descendants && inner->is_type<g::identifier>()) inner = &n;
    const auto sv = inner->string_view();
    const bool quoted = !sv.empty() && sv.front() == '"';
    if (sv.size() > max_name_bytes + (quoted ? 2 : 0))
        error(span(*inner), "a name is at most " + std::to_string(max_name_bytes) + " bytes long; this one is " +
                                std::to_string(sv.size() - (quoted ? 2 : 0)));
    if (quoted) return {unescape(sv), span(*inner), true};
    return {std::string(sv), span(*inner), false};
}

syntax::Number Builder::number(const node& n)
{
    syntax::Number out;
    out.text = std::string(n.string_view());
    out.span = span(n);
    if (too_long(out.text)) {
        error(out.span, "the number " + out.text + " is too long; numbers have at most 15 digits");
        out.value = 0;
        return out;
    }
    // The grammar's digits[.digits]: from_chars rounds as strtod does,
    // correctly, and reads '.' whatever the locale.
    std::from_chars(out.text.data(), out.text.data() + out.text.size(), out.value);
    return out;
}

// 0 when the number is not a whole number of at most 1e9 (already reported).
int Builder::whole_number(const node& n, const char* what)
{
    auto num = number(n);
    if (too_long(num.text)) return 0;
    if (num.value != std::floor(num.value)) {
        error(num.span, std::string(what) + " must be a whole number, not " + num.text);
        return 0;
    }
    if (num.value > 1e9) {
        error(num.span, std::string(what) + " " + num.text + " is too large");
        return 0;
    }
    return static_cast<int>(num.value);
}

syntax::Quantity Builder::quantity(const node& n)
{
    syntax::Quantity q;
    q.span = span(n);
    if (const node* num = child<g::number>(n)) q.amount = number(*num);
    if (const node* u = child<g::unit>(n)) {
        q.unit_text = std::string(u->string_view());
        if (q.unit_text.front() == '%' && q.unit_text.size() > 1) q.unit_text = "% AOP";
        q.unit = unit_of_spelling(q.unit_text).value_or(Unit::cm);  // the grammar reads only spellings of the table
    }
    return q;
}

syntax::Quantity Builder::quantity_of(const node& n, Dimension expected, const std::string& what)
{
    auto q = quantity(n);
    if (syntax::dimension_of(q.unit) != expected)
        error(q.span, "'" + q.unit_text + "' is " + dimension_name(syntax::dimension_of(q.unit)) + "; " + what);
    return q;
}

syntax::Date Builder::date(const node& n)
{
    const auto sv = n.string_view();
    syntax::Date d;
    d.span = span(n);
    d.value = std::chrono::year{2000} / std::chrono::January / 1;
    // The grammar takes any digits-digits-digits; ISO is YYYY-MM-DD.
    const auto dash1 = sv.find('-');
    const auto dash2 = sv.find('-', dash1 + 1);
    const auto ys = sv.substr(0, dash1), ms = sv.substr(dash1 + 1, dash2 - dash1 - 1), ds = sv.substr(dash2 + 1);
    if (ys.size() != 4 || ms.size() != 2 || ds.size() != 2) {
        std::string message = std::string(sv) + " is not written as an ISO date: write YYYY-MM-DD";
        if (ys.size() == 4 && ms.size() <= 2 && ds.size() <= 2 && !ms.empty() && !ds.empty())
            message += ", here " + std::string(ys) + "-" + (ms.size() == 1 ? "0" : "") + std::string(ms) + "-" +
                       (ds.size() == 1 ? "0" : "") + std::string(ds);
        else message += ", such as 2027-01-04";
        error(d.span, message);
        return d;
    }
    const int y = std::stoi(std::string(ys));
    const unsigned m = static_cast<unsigned>(std::stoi(std::string(ms)));
    const unsigned day = static_cast<unsigned>(std::stoi(std::string(ds)));
    d.value = std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{day};
    if (!d.value.ok()) {
        std::string message = std::string(sv) + " is not a date";
        const std::chrono::year_month ym{std::chrono::year{y}, std::chrono::month{m}};
        if (ym.ok()) {
            const auto last = std::chrono::year_month_day_last{std::chrono::year{y}, std::chrono::month_day_last{std::chrono::month{m}}};
            message += ": that month has " + std::to_string(static_cast<unsigned>(last.day())) + " days";
        }
        else {
            message += ": months go from 01 to 12";
        }
        error(d.span, message);
        d.value = std::chrono::year{y} / std::chrono::January / 1;
    }
    return d;
}

syntax::DateRange Builder::date_range(const node& n)  // n holds one or two date nodes
{
    syntax::DateRange r;
    auto dates = children<g::date>(n);
    r.first = date(*dates.at(0));
    r.last = dates.size() > 1 ? date(*dates[1]) : r.first;
    r.is_range = dates.size() > 1;
    r.span = join(r.first.span, r.last.span);
    if (r.is_range && r.last.value < r.first.value) error(r.span, "the range ends before it starts; write the earlier date first");
    return r;
}

syntax::ClockTime Builder::clock_time(const node& n)
{
    const auto sv = n.string_view();
    const auto colon = sv.find(':');
    const auto hs = sv.substr(0, colon), ms = sv.substr(colon + 1);
    syntax::ClockTime t{std::chrono::minutes{0}, span(n)};
    // The grammar takes any digits:digits; a time is H:MM or HH:MM.
    if (hs.size() > 2 || ms.size() != 2) {
        std::string message = std::string(sv) + " is not written as a clock time: write HH:MM (24 h)";
        if (hs.size() <= 2 && ms.size() == 1)
            message += ", here " + std::string(hs) + ":0" + std::string(ms) + " or " + std::string(hs) + ":" + std::string(ms) + "0";
        else message += ", such as 08:00";
        error(t.span, message);
        return t;
    }
    const int h = std::stoi(std::string(hs));
    const int m = std::stoi(std::string(ms));
    t.since_midnight = std::chrono::minutes{h * 60 + m};
    if (h > 23) error(t.span, std::string(sv) + " is not a clock time: hours go from 00 to 23");
    else if (m > 59) error(t.span, std::string(sv) + " is not a clock time: minutes go from 00 to 59");
    return t;
}

syntax::Weekdays Builder::weekdays(const node& n)
{
    syntax::Weekdays w;
    w.span = span(n);
    w.commas = child<g::weekday_comma>(n) != nullptr;
    for (const node* item : children<g::weekday_item>(n)) {
        syntax::WeekdayItem wi;
        wi.span = span(*item);
        wi.first = weekday_of(child<g::weekday>(*item)->string_view());
        wi.last = wi.first;
        if (const node* end = child<g::weekday_range_end>(*item)) {
            wi.last = weekday_of(end->string_view());
            wi.is_range = true;
        }
        w.items.push_back(wi);
    }
    return w;
}

syntax::Braces Builder::braces(const node& n) const
{
    syntax::Braces b;
    b.span = span(n);
    b.single_line = n.line == n.end_line;
    return b;
}

}  // namespace meso::grammar
