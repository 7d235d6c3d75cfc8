#include "grammar/syntax.h"

namespace meso {

namespace syntax {

Dimension dimension_of(Unit unit)
{
    switch (unit) {
    case Unit::kg:
    case Unit::lb: return Dimension::mass;
    case Unit::percent: return Dimension::relative_load;
    case Unit::second:
    case Unit::minute:
    case Unit::hour:
    case Unit::day:
    case Unit::week: return Dimension::time;
    case Unit::mmhg:
    case Unit::percent_aop: return Dimension::pressure;
    case Unit::cm: return Dimension::length;
    }
    return Dimension::mass;
}

const char* canonical_spelling(Unit unit)
{
    switch (unit) {
    case Unit::kg: return "kg";
    case Unit::lb: return "lb";
    case Unit::percent: return "%";
    case Unit::second: return "s";
    case Unit::minute: return "min";
    case Unit::hour: return "h";
    case Unit::day: return "day";
    case Unit::week: return "week";
    case Unit::mmhg: return "mmHg";
    case Unit::percent_aop: return "% AOP";
    case Unit::cm: return "cm";
    }
    return "";
}

const char* to_string(Comparator op)
{
    switch (op) {
    case Comparator::eq: return "=";
    case Comparator::ne: return "!=";
    case Comparator::lt: return "<";
    case Comparator::le: return "<=";
    case Comparator::gt: return ">";
    case Comparator::ge: return ">=";
    }
    return "=";
}

const Span& span_of(const BlockStatement& statement)
{
    return std::visit([](const auto& n) -> const Span& { return n.span; }, statement.node);
}

const Trivia& trivia_of(const BlockStatement& statement)
{
    return std::visit([](const auto& n) -> const Trivia& { return n.trivia; }, statement.node);
}

}  // namespace syntax
}  // namespace meso
