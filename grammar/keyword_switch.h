// keyword_switch<Statements...>: the statements of a body, tried in the
// order written, as sor<Statements...> would, except that a statement that
// can only begin with certain keywords (`days_statement`, which begins with
// kw<"days">) is not tried when the word in front of the parser is none of
// them. The word is read once; the statements that begin otherwise
// (exercises, splits on weekdays, blocks, the rules that report a misspelt or
// misplaced keyword) are tried in their place in the list, as before. A
// statement skipped this way would have failed on its first keyword having
// consumed nothing, built nothing and raised nothing, so what the grammar
// accepts and every error it reports are the same as with sor<>; what is
// saved is trying the other statements of the body one after another.
// Internal to grammar/: see grammar.h.
#pragma once

#include <tao/pegtl.hpp>

#include <string_view>
#include <type_traits>

#include "grammar/lexical.h"

namespace meso::grammar {

namespace detail {

// The keywords Rule must begin with, found from what it is made of:
// kw<"days">; seq<First, ...> begins as First does; sor<A, B> with A or B;
// at<A> as A. Anything else (a name, a number, star<>, a hand-written rule)
// may begin with any word: `known` is false and `may_begin` always true.
template <typename Shape> struct keywords_of_shape {
    static constexpr bool known = false;
    static constexpr bool may_begin(std::string_view) { return true; }
};
template <typename Rule> struct leading_keywords;

// The base a rule is declared with, among the shapes above (a rule such as
// `struct days_statement : seq<kw<"days">, ...>` is its base by derivation).
template <keyword_text Word, typename Letters> kw<Word, Letters>* shape_of(kw<Word, Letters>*);
template <typename... Rules> seq<Rules...>* shape_of(seq<Rules...>*);
template <typename... Rules> sor<Rules...>* shape_of(sor<Rules...>*);
template <typename... Rules> at<Rules...>* shape_of(at<Rules...>*);
void* shape_of(const void*);

template <keyword_text Word, typename Letters> struct keywords_of_shape<kw<Word, Letters>> {
    static constexpr std::string_view word{Word.letters, sizeof(Word.letters) - 1};
    // kw<> matches exactly when word_at (lexical.h) reads the keyword: a
    // letter, then letters, digits, '_' and '-', and nothing of those after.
    static_assert(!word.empty() && ((word[0] >= 'a' && word[0] <= 'z') || (word[0] >= 'A' && word[0] <= 'Z')) &&
                  word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == std::string_view::npos);
    static constexpr bool known = true;
    static constexpr bool may_begin(std::string_view w) { return w == word; }
};
template <typename First, typename... Rest> struct keywords_of_shape<seq<First, Rest...>> : leading_keywords<First> {};
template <typename Only> struct keywords_of_shape<at<Only>> : leading_keywords<Only> {};
template <typename... Rules> struct keywords_of_shape<sor<Rules...>> {
    static constexpr bool known = (leading_keywords<Rules>::known && ...);
    static constexpr bool may_begin(std::string_view w) { return !known || (leading_keywords<Rules>::may_begin(w) || ...); }
};

template <typename Rule> struct leading_keywords
    : keywords_of_shape<std::remove_pointer_t<decltype(shape_of(static_cast<Rule*>(nullptr)))>> {};

}  // namespace detail

template <typename... Statements> struct keyword_switch {
    using rule_t = keyword_switch;
    using subs_t = type_list<Statements...>;

    template <apply_mode A, rewind_mode, template <typename...> class Action, template <typename...> class Control, typename ParseInput,
              typename... States>
    static bool match(ParseInput& in, States&... st)
    {
        const std::string_view word = detail::word_at(in.current(), in.size());
        return ((detail::leading_keywords<Statements>::may_begin(word) &&
                 Control<Statements>::template match<A, rewind_mode::required, Action, Control>(in, st...)) ||
                ...);
    }
};

}  // namespace meso::grammar
