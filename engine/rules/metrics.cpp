// The metric table as a whole (its rows are in metrics_block.cpp and
// metrics_exercise.cpp), what it says about each kind and scope, and the
// public list of metrics.
#include "engine/rules/metrics.h"

#include <fmt/format.h>

#include "engine/base/text.h"
#include "engine/rules/rules.h"

namespace meso::rules {

const char* kind_name(Kind kind)
{
    switch (kind) {
    case Kind::count: return "count";
    case Kind::time: return "time";
    case Kind::relative_load: return "% of 1RM";
    case Kind::pressure: return "pressure";
    case Kind::length: return "length";
    case Kind::name: return "name";
    }
    return "";
}

const char* kind_example(Kind kind)
{
    switch (kind) {
    case Kind::count: return "a plain number such as '24'";
    case Kind::time: return "a time such as '4 h'";
    case Kind::relative_load: return "a load in % of 1RM such as '30%'";
    case Kind::pressure: return "a pressure such as '180 mmHg' or '60% AOP'";
    case Kind::length: return "a length such as '5 cm'";
    case Kind::name: return "a name such as 'bfr'";
    }
    return "";
}

bool per_exercise(Scope scope)
{
    switch (scope) {
    case Scope::block:
    case Scope::block_run:
    case Scope::week:
    case Scope::day:
    case Scope::session:
    case Scope::session_pair:
    case Scope::athlete: return false;
    case Scope::exercise:
    case Scope::set: return true;
    }
    return false;
}

std::string and_more(long long more, Scope scope)
{
    if (more <= 0) return "";
    switch (scope) {
    case Scope::day: return ", and on " + plural(more, "more day", "more days");
    case Scope::week: return ", and in " + plural(more, "more block week", "more block weeks");
    case Scope::session_pair: return ", and " + plural(more, "more time", "more times");
    case Scope::athlete: return ", and in " + plural(more, "more program", "more programs");
    case Scope::block:
    case Scope::block_run:
    case Scope::session:
    case Scope::exercise:
    case Scope::set: return ", and in " + plural(more, "more session", "more sessions");
    }
    return "";
}

std::span<const MetricRow> metric_table()
{
    static const std::vector<MetricRow> table = [] {
        std::vector<MetricRow> all(block_metric_rows().begin(), block_metric_rows().end());
        all.insert(all.end(), volume_metric_rows().begin(), volume_metric_rows().end());
        all.insert(all.end(), exercise_metric_rows().begin(), exercise_metric_rows().end());
        return all;
    }();
    return table;
}

const MetricRow* metric_named(std::string_view name)
{
    for (const auto& row : metric_table())
        if (row.name == name) return &row;
    return nullptr;
}

Span or_else(const Span& span, const Span& fallback) { return span.valid() ? span : fallback; }

std::string plural(long long n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

std::string on_date(const Sample& s) { return " on " + format_weekday_date(s.date); }

std::string athlete_name(const BlockView& view) { return view.athlete ? "'" + view.athlete->name + "'" : "the athlete"; }

}  // namespace meso::rules

namespace meso::rules {

const std::vector<MetricInfo>& metrics()
{
    static const std::vector<MetricInfo> infos = [] {
        std::vector<MetricInfo> out;
        for (const auto& row : rules::metric_table())
            out.push_back(
                {std::string(row.name), rules::kind_name(row.kind), rules::per_exercise(row.scope), std::string(row.description)});
        return out;
    }();
    return infos;
}

}  // namespace meso::rules
