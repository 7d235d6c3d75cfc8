#include "engine/format/tokens.h"

#include <cmath>

#include "engine/base/overloaded.h"
#include "engine/base/text.h"

namespace meso::format::tokens {

using namespace syntax;

std::string indentation(int depth) { return std::string(static_cast<std::size_t>(depth) * 2, ' '); }

std::string quote(const std::string& value)
{
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out + "\"";
}

std::string name(const Name& n) { return n.quoted ? quote(n.text) : n.text; }

std::string quantity(const Quantity& q)
{
    const bool unit_follows_directly = q.unit == Unit::percent || q.unit == Unit::percent_aop;
    return q.amount.text + (unit_follows_directly ? "" : " ") + q.unit_text;
}

// `4x25 2x20 15 10 kg`: the count, when limited, written like sets and reps.
std::string plates(const Plates& p)
{
    std::string out;
    for (const auto& item : p.items) out += (item.count ? item.count->text + "x" : std::string()) + item.mass.text + " ";
    return out + p.unit_text;
}

std::string date(const Date& d) { return format_date(d.value); }

std::string date_range(const DateRange& r) { return r.is_range ? date(r.first) + ".." + date(r.last) : date(r.first); }

std::string clock_time(const ClockTime& t) { return format_time(t.since_midnight); }

const char* weekday(std::chrono::weekday d) { return weekday_keyword(d); }

std::string weekdays(const Weekdays& w)
{
    std::string out;
    for (const auto& item : w.items) {
        if (!out.empty()) out += w.commas ? ", " : " ";
        out += weekday(item.first);
        if (item.is_range) out += std::string("..") + weekday(item.last);
    }
    return out;
}

std::string week_item(const WeekItem& w)
{
    return w.is_range ? std::to_string(w.first) + ".." + std::to_string(w.last) : std::to_string(w.first);
}

// ---------------------------------------------------------------- prescriptions

std::string effort(const Effort& e) { return (e.kind == Effort::Kind::rpe ? "RPE " : "RIR ") + e.value.text; }

std::string load(const Load& l)
{
    if (l.kind == Load::Kind::effort) return l.effort ? effort(*l.effort) : "";
    std::string out = quantity(l.from);
    if (l.to) out += ".." + quantity(*l.to);
    if (l.of_training_max) out += " TM";
    if (l.per_week)
        out += std::string(" ") + (std::signbit(l.per_week->step.amount.value) ? "-" : "+") + quantity(l.per_week->step) + " per week";
    if (l.effort) out += " " + effort(*l.effort);
    return out;
}

std::string reps(const Reps& r)
{
    if (r.length) return quantity(*r.length);
    if (r.most) return r.count.text + "-" + r.most->text;
    return r.count.text + (r.amrap ? "+" : "");
}

std::string rep_list(const Scheme& s)
{
    std::string out;
    for (const auto& r : s.reps) out += (out.empty() ? "" : ",") + reps(r);
    return out;
}

std::string scheme(const Scheme& s)
{
    if (s.form == Scheme::Form::sets_x_reps) return s.sets.text + "x" + (s.reps.empty() ? "" : reps(s.reps.front()));
    return rep_list(s);
}

std::string set_groups(const Load& first_load, const Scheme& first, const std::vector<SetGroup>& more)
{
    std::string out = load(first_load) + " x " + rep_list(first);
    for (const auto& g : more) out += ", " + load(g.load) + " x " + rep_list(g.scheme);
    return out;
}

// ---------------------------------------------------------------- conditions

std::string value(const Value& v)
{
    return std::visit(overloaded{
                          [](const Quantity& n) { return quantity(n); },
                          [](const Number& n) { return n.text; },
                          [](const Name& n) { return name(n); },
                      },
                      v.node);
}

std::string condition(const Condition& c)
{
    return std::visit(
        overloaded{
            [](const Comparison& n) { return name(n.metric) + " " + to_string(n.op) + " " + value(n.value); },
            [](const Between& n) { return name(n.metric) + " between " + value(n.low) + " and " + value(n.high); },
            [](const Quantified& n) {
                return std::string(n.every ? "every" : "any") + (n.weeks ? " week " : " exercise ") + condition(*n.body);
            },
            [](const AthleteHas& n) { return std::string("athlete has condition ") + (n.of_class ? "of class " : "") + name(n.condition); },
            [](const Not& n) { return "not " + condition(*n.operand); },
            [](const Logical& n) { return condition(*n.left) + (n.is_and ? " and " : " or ") + condition(*n.right); },
            [](const Parenthesized& n) { return "(" + condition(*n.inner) + ")"; },
        },
        c.node);
}

}  // namespace meso::format::tokens
