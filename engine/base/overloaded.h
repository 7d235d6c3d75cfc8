// overloaded{...}: a visitor made of lambdas, one per alternative of a
// std::variant. std::visit with it does not compile when an alternative has
// no lambda, so adding a statement kind is a compile error wherever it is
// not handled yet (a generic `auto` lambda would hide it).
#pragma once

namespace meso {

template <typename... Lambdas>
struct overloaded : Lambdas... {
    using Lambdas::operator()...;
};
template <typename... Lambdas>
overloaded(Lambdas...) -> overloaded<Lambdas...>;

}  // namespace meso
