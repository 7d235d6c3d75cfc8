// The leaves and prescriptions of the spans test's walk (span_walker.h):
// each checks that its node's span names the construct itself.
#pragma once

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <string_view>

#include "tests/grammar/support.h"

namespace meso::grammar_test {

using namespace meso::syntax;

inline bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
inline bool ends_with(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class SpanWalkerCore {
public:
    explicit SpanWalkerCore(const Source& source) : source_(source) {}

    std::set<std::string> visited;  // the kinds of node seen, to show the walk reached them all
    std::size_t nodes = 0;

protected:
    const Source& source_;

    // Every span: in the file, its line and column those of its first byte,
    // not empty, no blanks at either end.
    std::string_view span(const Span& s, const char* kind)
    {
        visited.insert(kind);
        ++nodes;
        INFO(kind);
        REQUIRE(s.source == &source_);
        REQUIRE(s.begin < s.end);
        REQUIRE(s.end <= source_.text.size());
        std::uint32_t line = 1, column = 1;
        for (std::uint32_t i = 0; i < s.begin; ++i) {
            if (source_.text[i] == '\n') line++, column = 1;
            else column++;
        }
        const auto text = s.text();
        INFO(std::string(text));
        CHECK(s.line == line);
        CHECK(s.column == column);
        CHECK(text.find_first_of(" \n") != 0);
        CHECK(text.find_last_of(" \n") != text.size() - 1);
        return text;
    }

    // A statement of one line: starts with its keyword, no new line in it.
    std::string_view one_line(const Span& s, const char* kind, std::string_view keyword)
    {
        const auto text = span(s, kind);
        INFO(kind << ": " << std::string(text));
        CHECK(starts_with(text, keyword));
        CHECK(text.find('\n') == std::string_view::npos);
        return text;
    }

    void comment(const Comment& c)
    {
        const auto text = span(c.span, "Comment");
        CHECK(text == c.text);
        CHECK(starts_with(text, "#"));
        CHECK(text.find('\n') == std::string_view::npos);
    }

    void trivia(const Trivia& t)
    {
        for (const auto& c : t.leading) comment(c);
        if (t.trailing) comment(*t.trailing);
    }

    void name(const Name& n)
    {
        const auto text = span(n.span, "Name");
        if (n.quoted) CHECK((starts_with(text, "\"") && ends_with(text, "\"")));
        else CHECK(text == n.text);
    }

    void text(const Text& t, const char* kind = "Text")
    {
        const auto s = span(t.span, kind);
        CHECK(starts_with(s, "\""));
        CHECK(ends_with(s, "\""));
    }

    void number(const Number& n) { CHECK(span(n.span, "Number") == n.text); }

    void quantity(const Quantity& q)
    {
        const auto text = span(q.span, "Quantity");
        CHECK(starts_with(text, q.amount.text));
        CHECK(ends_with(text, q.unit == Unit::percent_aop ? "AOP" : q.unit_text));
        number(q.amount);
    }

    void date(const Date& d)
    {
        const auto text = span(d.span, "Date");
        char iso[64];
        std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", static_cast<int>(d.value.year()), static_cast<unsigned>(d.value.month()),
                      static_cast<unsigned>(d.value.day()));
        CHECK(text == iso);
    }

    void date_range(const DateRange& r)
    {
        const auto text = span(r.span, "DateRange");
        date(r.first);
        if (r.is_range) {
            date(r.last);
            CHECK(starts_with(text, r.first.span.text()));
            CHECK(ends_with(text, r.last.span.text()));
            CHECK(text.find("..") != std::string_view::npos);
        }
        else {
            CHECK(text == r.first.span.text());
        }
    }

    void clock_time(const ClockTime& t)
    {
        const auto text = span(t.span, "ClockTime");
        const auto minutes = t.since_midnight.count();
        char hh_mm[48], h_mm[48];
        std::snprintf(hh_mm, sizeof hh_mm, "%02ld:%02ld", static_cast<long>(minutes / 60), static_cast<long>(minutes % 60));
        std::snprintf(h_mm, sizeof h_mm, "%ld:%02ld", static_cast<long>(minutes / 60), static_cast<long>(minutes % 60));
        CHECK((text == hh_mm || text == h_mm));
    }

    void weekdays(const Weekdays& w)
    {
        const auto text = span(w.span, "Weekdays");
        REQUIRE_FALSE(w.items.empty());
        CHECK(starts_with(text, w.items.front().span.text()));
        CHECK(ends_with(text, w.items.back().span.text()));
        static const char* names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
        for (const auto& item : w.items) {
            const auto t = span(item.span, "WeekdayItem");
            CHECK(starts_with(t, names[item.first.c_encoding()]));
            if (item.is_range) CHECK(t.find("..") != std::string_view::npos);
        }
    }

    void load(const Load& l)
    {
        const auto text = span(l.span, "Load");
        if (l.effort) {
            const auto e = span(l.effort->span, "Effort");
            CHECK((starts_with(e, "RPE") || starts_with(e, "RIR")));
            CHECK(ends_with(text, e));
            number(l.effort->value);
        }
        if (l.kind == Load::Kind::effort) return;
        quantity(l.from);
        CHECK(starts_with(text, l.from.span.text()));
        if (l.to) {
            quantity(*l.to);
            CHECK(text.find(l.to->span.text()) != std::string_view::npos);
        }
        if (l.per_week) {
            const auto p = span(l.per_week->span, "Progression");
            CHECK((starts_with(p, "+") || starts_with(p, "-")));
            CHECK(ends_with(p, "per week"));
            CHECK(text.find(p) != std::string_view::npos);
            quantity(l.per_week->step);
        }
    }

    void reps(const Reps& r)
    {
        const auto text = span(r.span, "Reps");
        if (r.length) {
            quantity(*r.length);
            CHECK(text == r.length->span.text());
            return;
        }
        number(r.count);
        CHECK(starts_with(text, r.count.text));
        if (r.most) {
            number(*r.most);
            CHECK(ends_with(text, "-" + r.most->text));
        }
        if (r.amrap) CHECK(ends_with(text, "+"));
    }

    void set_group(const SetGroup& g, std::string_view within)
    {
        const auto text = span(g.span, "SetGroup");
        CHECK(within.find(text) != std::string_view::npos);
        load(g.load);
        CHECK(starts_with(text, g.load.span.text()));
        for (const auto& r : g.scheme.reps) reps(r);
    }

    void prescription(const Prescription& p)
    {
        const auto text = span(p.span, "Prescription");
        CHECK(starts_with(text, p.exercise.span.text()));
        CHECK(text.find('\n') == std::string_view::npos);
        name(p.exercise);
        const auto scheme = span(p.scheme.span, "Scheme");
        if (p.scheme.form == Scheme::Form::sets_x_reps) {
            number(p.scheme.sets);
            CHECK(starts_with(scheme, p.scheme.sets.text));
        }
        else {
            CHECK(starts_with(scheme, p.scheme.reps.front().span.text()));
        }
        CHECK(ends_with(scheme, p.scheme.reps.back().span.text()));
        for (const auto& r : p.scheme.reps) reps(r);
        if (p.load) load(*p.load);
        if (p.load && p.load_first) CHECK(starts_with(text.substr(p.exercise.span.text().size() + 1), p.load->span.text()));
        for (const auto& g : p.more_groups) set_group(g, text);
        for (const auto& g : p.warm_up) set_group(g, span(p.warm_up_span, "WarmUp"));
        if (!p.warm_up.empty()) CHECK(starts_with(p.warm_up_span.text(), "warm-up"));
        if (p.rest) {
            quantity(*p.rest);
            if (p.warm_up.empty() && !p.each_side) CHECK(ends_with(text, p.rest->span.text()));
            else CHECK(text.find(p.rest->span.text()) != std::string_view::npos);
        }
        trivia(p.trivia);
    }
};

}  // namespace meso::grammar_test
