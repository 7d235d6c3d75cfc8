#include "grammar/syntax.h"

namespace meso {

namespace syntax {

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

// Every statement has a span and trivia: a generic lambda is exhaustive
// here, and a statement without them would not compile.
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
