// The grammar of bodies: `{`, statements each parsed on its own with error
// recovery, `}`; misspelt keywords; the bound on nesting. Internal to
// grammar/: see grammar.h.
#pragma once

#include <tao/pegtl.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "grammar/keyword_switch.h"
#include "grammar/lexical.h"

namespace meso::grammar {

// A misspelt statement keyword: `metod bfr` → did you mean 'method'?
// Keywords lists the statements of one kind of body (see the *_keywords
// structs below). Where an exercise may stand, a word followed by a number
// or RPE is left to the prescription rule.
template <typename Keywords> struct misspelt_keyword : hand_written<misspelt_keyword<Keywords>> {
    template <typename ParseInput> static bool match(ParseInput& in);
};

// ================================================================ blocks and bodies

// `{`, the statements of the body, `}`: each statement is parsed on its own
// and an error in one is reported and skipped (see recover), so that one
// mistake does not hide the next.
struct open_brace : hand_written<open_brace> {
    template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput, typename... States>
    static bool match(ParseInput& in, States&... st);
};
struct close_brace : hand_written<close_brace> {
    template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput, typename... States>
    static bool match(ParseInput& in, States&... st);
};

// Parses Statement and its end; on a syntax error, records it and skips to
// the end of the statement (a new line or ';' outside braces) or to the '}'
// that closes the enclosing body. At the top level a stray '}' is skipped too.
template <typename Statement, bool AtTopLevel> struct recover {
    using rule_t = recover;
    using subs_t = type_list<Statement>;
    template <apply_mode A, rewind_mode M, template <typename...> class Action, template <typename...> class Control, typename ParseInput,
              typename... States>
    static bool match(ParseInput& in, States&... st);
};

// A top-level statement where a body's statement should be: the body's '}'
// is missing (`use`, `athlete "..."`, `group "..."`, `program "..."`, `template NAME`,
// `ruleset NAME`; an exercise named like one is followed by a number).
struct top_level_start
    : seq<sor<kw<"use">, kw<"athlete">, kw<"group">, kw<"program">, kw<"template">, kw<"ruleset">>, plus<blank>, sor<one<'"'>, alpha>> {};

template <typename Statement> struct body_of
    : seq<open_brace, gap, star<not_at<ws, one<'}'>>, not_at<ws, eof>, not_at<ws, top_level_start>, recover<Statement, false>, gap>, ws,
          close_brace> {};

// Conditions nest through parentheses, `not` and `every exercise`; nested<>
// bounds the depth so that no input can exhaust the stack.
template <typename Rule> struct nested {
    using rule_t = nested;
    using subs_t = type_list<Rule>;
    template <apply_mode A, rewind_mode M, template <typename...> class Action, template <typename...> class Control, typename ParseInput,
              typename... States>
    static bool match(ParseInput& in, States&... st);
};

namespace detail {

template <typename T, typename First, typename... Rest> T& find_state(First& first, Rest&... rest)
{
    if constexpr (std::is_same_v<std::decay_t<First>, T>) return first;
    else return find_state<T>(rest...);
}

// Skips from the current position to the end of the statement: a new line
// or ';' outside braces, or (without consuming it) a '}' that closes the
// enclosing body. Strings and comments are skipped whole; a '"' with no
// closing quote on its line is taken for a typo and the braces after it
// count (`athlete "Alex {` still opens a body).
template <typename ParseInput> void skip_statement(ParseInput& in)
{
    const char* p = in.current();
    const std::size_t n = in.size();
    std::size_t i = 0;
    int depth = 0;
    while (i < n) {
        const char c = p[i];
        if (c == '"') {
            std::size_t j = i + 1;
            while (j < n && p[j] != '"' && p[j] != '\n') j += (p[j] == '\\' && j + 1 < n && p[j + 1] != '\n') ? 2 : 1;
            i = (j < n && p[j] == '"') ? j + 1 : i + 1;
            continue;
        }
        if (c == '#') {
            while (i < n && p[i] != '\n') ++i;
            continue;
        }
        if (c == '{') ++depth;
        if (c == '}') {
            if (depth == 0) break;
            --depth;
        }
        if ((c == '\n' || c == ';') && depth == 0) {
            ++i;
            break;
        }
        ++i;
    }
    in.bump(i);
}

}  // namespace detail

template <typename Keywords> template <typename ParseInput> bool misspelt_keyword<Keywords>::match(ParseInput& in)
{
    const auto word = detail::word_at(in.current(), in.size());
    if (word.empty()) return false;
    if (Keywords::exercises_allowed) {
        std::string_view rest(in.current() + word.size(), in.size() - word.size());
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
        if (!rest.empty() && (std::isdigit(static_cast<unsigned char>(rest.front())) || rest.substr(0, 3) == "RPE"))
            return false;  // an exercise
    }
    const std::string w(word);
    if (auto near = closest_match(w, Keywords::words()))
        throw located_error("unknown statement '" + w + "'; did you mean '" + *near + "'?", in);
    return false;
}

template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput, typename... States>
bool open_brace::match(ParseInput& in, States&... st)
{
    if (in.empty() || in.peek_char() != '{') return false;
    detail::find_state<ParserState>(st...).open_brace_lines.push_back(in.iterator().line);
    in.bump_in_this_line(1);
    return true;
}

template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput, typename... States>
bool close_brace::match(ParseInput& in, States&... st)
{
    auto& state = detail::find_state<ParserState>(st...);
    const std::size_t opened = state.open_brace_lines.empty() ? 0 : state.open_brace_lines.back();
    if (in.empty() || in.peek_char() != '}') throw unclosed_body("expected '}' to close the '{' of line " + std::to_string(opened), in);
    state.open_brace_lines.pop_back();
    in.bump_in_this_line(1);
    return true;
}

template <typename Rule> template <apply_mode A, rewind_mode M, template <typename...> class Action, template <typename...> class Control,
                                   typename ParseInput, typename... States>
bool nested<Rule>::match(ParseInput& in, States&... st)
{
    auto& state = detail::find_state<ParserState>(st...);
    if (state.depth >= state.max_depth)
        throw located_error(
            "conditions are nested more than " + std::to_string(state.max_depth) + " deep; split the condition into several rules", in);
    ++state.depth;
    struct leave {
        int& depth;
        ~leave() { --depth; }
    } guard{state.depth};
    return pegtl::match<Rule, A, M, Action, Control>(in, st...);
}

template <typename Statement, bool AtTopLevel> template <apply_mode A, rewind_mode, template <typename...> class Action,
                                                         template <typename...> class Control, typename ParseInput, typename... States>
bool recover<Statement, AtTopLevel>::match(ParseInput& in, States&... st)
{
    auto& state = detail::find_state<ParserState>(st...);
    if (state.errors.size() >= state.max_errors) {  // stop reporting; the rest of the file is not read
        in.bump(in.size());
        return true;
    }
    const auto start = in.iterator();
    const std::size_t open_braces = state.open_brace_lines.size();
    const int depth = state.depth;
    try {
        return pegtl::match<seq<ws, must<Statement>, must<statement_end>>, A, rewind_mode::required, Action, Control>(in, st...);
    }
    catch (const parse_error& e) {
        const auto& where = e.positions().front();
        state.errors.push_back({where.byte, where.line, where.column, std::string(e.message())});
        state.open_brace_lines.resize(open_braces);
        state.depth = depth;
        if (dynamic_cast<const unclosed_body*>(&e) != nullptr && where.byte > start.byte) {
            in.iterator() = start;
            in.bump(where.byte - start.byte);
            return true;
        }
        // Skip the whole statement from its start, so that strings and
        // braces before the error are counted; should that end before the
        // error (it cannot, but a wrong skip would loop), skip from the error.
        in.iterator() = start;
        const std::size_t before = in.byte();
        detail::skip_statement(in);
        if (in.byte() < where.byte) {
            in.iterator() = start;
            in.bump(where.byte - start.byte);
            detail::skip_statement(in);
        }
        if (AtTopLevel && in.byte() == before && !in.empty()) in.bump(1);  // a stray '}'
        return true;
    }
}

}  // namespace meso::grammar
