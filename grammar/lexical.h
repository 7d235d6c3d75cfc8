// The grammar, lexical part: blanks, comments and statement ends, names,
// strings, numbers, units and quantities, dates, clock times and weekdays;
// and what every rule shares (error messages, the parser's state, the errors
// hand-written rules raise). Internal to grammar/: see grammar.h.
#pragma once

#include <tao/pegtl.hpp>

#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/suggest.h"
#include "engine/base/units.h"

namespace meso::grammar {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;

// Messages of the rules that must match where they stand; rules without one
// never appear inside must<>.
template <typename Rule> inline constexpr const char* error_message = nullptr;

// State of the hand-written rules, passed to the parse as an extra state.
struct ParserState {
    struct Error {
        std::size_t byte;
        std::size_t line;
        std::size_t column;
        std::string message;
    };
    std::vector<Error> errors;                  // recovered syntax errors, in order
    std::vector<std::size_t> open_brace_lines;  // lines of the '{' not yet closed
    int depth = 0;                              // nesting of conditions
    int max_depth = 64;
    std::size_t max_errors = 100;
};

// The base of a rule written in C++ rather than composed of PEGTL's: its
// match(in) consumes what it accepts and returns true, returns false having
// consumed nothing, or throws a located_error with a message that depends
// on the text. Those that need the parser's state take it as PEGTL passes
// it (match<A, M, Action, Control>(in, states...)).
template <typename Rule> struct hand_written {
    using rule_t = Rule;
    using subs_t = empty_list;
};

// Raised by hand-written rules: a message that depends on the text.
struct located_error : parse_error {
    using parse_error::parse_error;
};
// Raised when a body is not closed: all before it belongs to the body, so
// parsing resumes right there instead of skipping a statement.
struct unclosed_body : located_error {
    using located_error::located_error;
};

// ================================================================ lexical

// Tabs and carriage returns are reported by the encoding check in parse.cpp;
// here they are tolerated as blanks so that the rest of the file still parses.
struct blank : one<' ', '\t', '\r'> {};
struct ws : star<blank> {};
struct comment : seq<one<'#'>, star<not_one<'\n'>>> {};
struct newline : one<'\n'> {};

// Statement separators: a new line (after an optional comment) or ';'.
struct separator : sor<seq<ws, opt<comment>, newline>, seq<ws, one<';'>>> {};
struct gap : star<separator> {};
struct statement_end : seq<ws, opt<comment>, sor<newline, one<';'>, at<one<'}'>>, eof>> {};
template <> inline constexpr auto error_message<statement_end> = "expected the end of the statement (a new line or ';')";

struct identifier_other : sor<alnum, one<'_', '-'>> {};
// A keyword, written kw<"coach">: the word, and not the start of a longer one.
template <std::size_t N> struct keyword_text {
    char letters[N]{};
    constexpr keyword_text(const char (&text)[N])  // implicit: kw<"coach"> reads as the keyword
    {
        for (std::size_t i = 0; i < N; ++i) letters[i] = text[i];
    }
};
template <keyword_text Word, typename Letters = std::make_index_sequence<sizeof(Word.letters) - 1>> struct kw;
template <keyword_text Word, std::size_t... I> struct kw<Word, std::index_sequence<I...>>
    : seq<string<Word.letters[I]...>, not_at<identifier_other>> {};

struct identifier : seq<alpha, star<identifier_other>> {};
struct dotted_name : seq<identifier, star<one<'.'>, identifier>> {};

// "..." with \" \\ \n escapes; a string ends on its line.
struct string_literal : hand_written<string_literal> {
    template <typename ParseInput> static bool match(ParseInput& in)
    {
        if (in.empty() || in.peek_char() != '"') return false;
        const char* p = in.current();
        const std::size_t n = in.size();
        std::size_t i = 1;
        while (i < n && p[i] != '\n') {
            if (p[i] == '"') {
                in.bump_in_this_line(i + 1);
                return true;
            }
            if (p[i] == '\\') {
                if (i + 1 < n && (p[i + 1] == '"' || p[i + 1] == '\\' || p[i + 1] == 'n')) {
                    i += 2;
                    continue;
                }
                in.bump_in_this_line(i);
                throw located_error("unknown escape in a string: write '\\\\' for a backslash, '\\\"' for a quote, '\\n' for a new line",
                                    in);
            }
            ++i;
        }
        throw located_error("unterminated string: add a closing '\"' before the end of the line", in);
    }
};

struct number : seq<plus<digit>, opt<one<'.'>, plus<digit>>> {};

// ---------------------------------------------------------------- units

// A unit of engine/base/units.h's table, `kg`, `lbs`, `minutes`, `%`,
// `% AOP` (the blanks between '%' and AOP are any). Hand-written so that
// the table is the one list of spellings.
struct unit : hand_written<unit> {
    template <typename ParseInput> static bool match(ParseInput& in);
};
// A unit of mass or '%' (also the start of `% AOP`): what may follow the
// number that starts a load.
struct load_unit : hand_written<load_unit> {
    template <typename ParseInput> static bool match(ParseInput& in);
};

// A word after a number that is not a unit: `5 kgs`. Words that may follow
// a bare number (`and`, `x`, `then`, ...) are left alone.
struct unknown_unit : hand_written<unknown_unit> {
    template <typename ParseInput> static bool match(ParseInput& in);
};

// A number and its unit, `20%`, `30 s`, `142.5 kg`; the space is optional.
// The rules below are the same shape under the name of what they measure,
// so that a missing one says what was expected.
struct quantity : seq<number, ws, sor<unit, unknown_unit>> {};
struct duration : quantity {};
template <> inline constexpr auto error_message<duration> = "expected a duration such as '3 weeks'";
struct mass : quantity {};
template <> inline constexpr auto error_message<mass> = "expected a mass such as '180 kg'";
struct pressure : quantity {};
template <> inline constexpr auto error_message<pressure> = "expected a cuff pressure such as '160 mmHg' or '50% AOP'";
struct length : quantity {};
template <> inline constexpr auto error_message<length> = "expected a length such as '5 cm'";

// ---------------------------------------------------------------- dates, times, weekdays

// Any digits-digits-digits is taken for a date here, so that `2027-1-4`
// gets a message about how to write it (parse.cpp checks YYYY-MM-DD and that
// the day exists) rather than an error in the middle of it.
struct date : seq<plus<digit>, one<'-'>, plus<digit>, one<'-'>, plus<digit>, not_at<identifier_other>> {};
template <> inline constexpr auto error_message<date> = "expected a date such as '2027-01-04'";
struct date_range : seq<date, opt<ws, two<'.'>, ws, must<date>>> {};
template <> inline constexpr auto error_message<date_range> =
    "expected a date such as '2027-01-04' or a range such as '2027-02-14..2027-02-20'";

// Likewise `8:5`: parse.cpp checks the two digits of the minutes and the ranges.
struct clock_time : seq<plus<digit>, one<':'>, plus<digit>, not_at<identifier_other>> {};
template <> inline constexpr auto error_message<clock_time> = "expected a clock time such as '08:00'";

// Full names are accepted and printed short by fmt.
struct weekday : sor<kw<"monday">, kw<"tuesday">, kw<"wednesday">, kw<"thursday">, kw<"friday">, kw<"saturday">, kw<"sunday">, kw<"mon">,
                     kw<"tue">, kw<"wed">, kw<"thu">, kw<"fri">, kw<"sat">, kw<"sun">> {};
// A word where a weekday belongs: `days mon wedd fri`.
struct unknown_weekday : hand_written<unknown_weekday> {
    template <typename ParseInput> static bool match(ParseInput& in);
};
struct weekday_range_end : weekday {};
template <> inline constexpr auto error_message<weekday_range_end> = "expected a weekday (mon, tue, …) to end the range";
struct weekday_item : seq<sor<weekday, unknown_weekday>, opt<two<'.'>, must<weekday_range_end>>> {};
struct weekday_comma : one<','> {};
struct weekdays : seq<weekday_item, star<ws, opt<weekday_comma, ws>, weekday_item>> {};
template <> inline constexpr auto error_message<weekdays> = "expected a weekday (mon, tue, …)";

namespace detail {

inline std::string_view word_at(const char* p, std::size_t n)
{
    if (n == 0 || !((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z'))) return {};
    std::size_t i = 1;
    while (i < n &&
           ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9') || p[i] == '_' || p[i] == '-'))
        ++i;
    return {p, i};
}

// Words that may follow a bare number without being its unit.
inline bool may_follow_a_number(std::string_view word)
{
    static const std::string_view words[] = {"and",     "or",     "x",   "then", "for", "per",  "rest",    "as",
                                             "between", "deload", "RPE", "RIR",  "TM",  "each", "warm-up", "not"};
    for (auto w : words)
        if (w == word) return true;
    return word.size() > 1 && word[0] == 'x' && word[1] >= '0' && word[1] <= '9';  // `5x5`
}

// `1e308`: an exponent written straight after the digits.
template <typename ParseInput> void reject_exponent(ParseInput& in, std::string_view word)
{
    const bool after_digit = in.current() > in.begin() && in.current()[-1] >= '0' && in.current()[-1] <= '9';
    if (after_digit && word.size() > 1 && (word[0] == 'e' || word[0] == 'E') && word[1] >= '0' && word[1] <= '9')
        throw located_error("numbers are written in plain digits, without an exponent ('" + std::string(word) + "')", in);
}

}  // namespace detail

namespace detail {

// The length of `% AOP` (with any blanks between) at p, or 0.
inline std::size_t percent_aop_length(const char* p, std::size_t n)
{
    std::size_t i = 1;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r')) ++i;
    return word_at(p + i, n - i) == "AOP" ? i + 3 : 0;
}

}  // namespace detail

template <typename ParseInput> bool unit::match(ParseInput& in)
{
    if (in.empty()) return false;
    if (in.peek_char() == '%') {
        const std::size_t aop = detail::percent_aop_length(in.current(), in.size());
        in.bump_in_this_line(aop > 0 ? aop : 1);
        return true;
    }
    const auto word = detail::word_at(in.current(), in.size());
    if (word.empty() || !unit_of_spelling(word)) return false;
    in.bump_in_this_line(word.size());
    return true;
}

template <typename ParseInput> bool load_unit::match(ParseInput& in)
{
    if (in.empty()) return false;
    if (in.peek_char() == '%') {
        in.bump_in_this_line(1);
        return true;
    }
    const auto word = detail::word_at(in.current(), in.size());
    const auto spelled = word.empty() ? std::nullopt : unit_of_spelling(word);
    if (!spelled || dimension_of(*spelled) != Dimension::mass) return false;
    in.bump_in_this_line(word.size());
    return true;
}

template <typename ParseInput> bool unknown_unit::match(ParseInput& in)
{
    const auto word = detail::word_at(in.current(), in.size());
    if (word.empty() || detail::may_follow_a_number(word)) return false;
    detail::reject_exponent(in, word);
    const std::string w(word);
    std::string message = "unknown unit '" + w + "'";
    if (auto near = closest_match(w, unit_words())) message += "; did you mean '" + *near + "'?";
    else message += "; the units are " + unit_list();
    throw located_error(message, in);
}

template <typename ParseInput> bool unknown_weekday::match(ParseInput& in)
{
    const auto word = detail::word_at(in.current(), in.size());
    if (word.empty()) return false;
    static const std::vector<std::string> weekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const std::string w(word);
    auto near = closest_match(w, weekdays);
    for (const auto& d : weekdays)  // `tues`, `thurs`: a prefix of a full name
        if (!near && w.size() > 3 && w.compare(0, 3, d) == 0) near = d;
    if (near) throw located_error("unknown weekday '" + w + "'; did you mean '" + *near + "'?", in);
    throw located_error("expected a weekday (mon, tue, …), found '" + w + "'", in);
}

}  // namespace meso::grammar
