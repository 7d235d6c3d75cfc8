// The grammar of the meso language, in PEGTL.
//
// One rule per construct of ../shared/design/language.md, named after it,
// with the message a user sees when the construct is required and missing
// written right beside it (error_message<rule>). Read top-down, this file
// is the syntax reference; docs/language.md is the same for users.
//
// A few rules are hand-written (string_literal, unknown_unit, recover,
// nested, ...): they report errors that depend on the text (did-you-mean,
// the line of an unclosed '{') or bound the parser's recursion.
//
// Internal to grammar/: include grammar/parse.h to parse.
#pragma once

#include <tao/pegtl.hpp>

#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/suggest.h"

namespace meso::grammar {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;

// Messages of the rules that must match where they stand; rules without one
// never appear inside must<>.
template <typename Rule>
inline constexpr const char* error_message = nullptr;

// State of the hand-written rules, passed to the parse as an extra state.
struct ParserState {
    struct Error {
        std::size_t byte;
        std::size_t line;
        std::size_t column;
        std::string message;
    };
    std::vector<Error> errors;                 // recovered syntax errors, in order
    std::vector<std::size_t> open_brace_lines; // lines of the '{' not yet closed
    int depth = 0;                             // nesting of conditions
    int max_depth = 64;
    std::size_t max_errors = 100;
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
template <char... Cs>
struct kw : seq<string<Cs...>, not_at<identifier_other>> {};

struct identifier : seq<alpha, star<identifier_other>> {};
struct dotted_name : seq<identifier, star<one<'.'>, identifier>> {};

// "..." with \" \\ \n escapes; a string ends on its line.
struct string_literal {
    using rule_t = string_literal;
    using subs_t = empty_list;
    template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
              typename... States>
    static bool match(ParseInput& in, States&...)
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
                throw located_error("unknown escape in a string: write '\\\\' for a backslash, '\\\"' for a quote, '\\n' for a new line", in);
            }
            ++i;
        }
        throw located_error("unterminated string: add a closing '\"' before the end of the line", in);
    }
};

struct number : seq<plus<digit>, opt<one<'.'>, plus<digit>>> {};

// ---------------------------------------------------------------- units

struct percent_aop : seq<one<'%'>, ws, kw<'A', 'O', 'P'>> {};
struct unit : sor<kw<'k', 'g'>, kw<'l', 'b', 's'>, kw<'l', 'b'>,                                   //
                  percent_aop, one<'%'>,                                                           //
                  kw<'s', 'e', 'c', 'o', 'n', 'd', 's'>, kw<'s', 'e', 'c', 'o', 'n', 'd'>,          //
                  kw<'s', 'e', 'c'>, kw<'s'>,                                                      //
                  kw<'m', 'i', 'n', 'u', 't', 'e', 's'>, kw<'m', 'i', 'n', 'u', 't', 'e'>,          //
                  kw<'m', 'i', 'n'>,                                                               //
                  kw<'h', 'o', 'u', 'r', 's'>, kw<'h', 'o', 'u', 'r'>, kw<'h'>,                     //
                  kw<'d', 'a', 'y', 's'>, kw<'d', 'a', 'y'>,                                       //
                  kw<'w', 'e', 'e', 'k', 's'>, kw<'w', 'e', 'e', 'k'>,                             //
                  kw<'m', 'm', 'H', 'g'>, kw<'c', 'm'>> {};

// A word after a number that is not a unit: `5 kgs`. Words that may follow
// a bare number (`and`, `x`, `then`, ...) are left alone.
struct unknown_unit {
    using rule_t = unknown_unit;
    using subs_t = empty_list;
    template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
              typename... States>
    static bool match(ParseInput& in, States&...);
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
template <> inline constexpr auto error_message<date_range> = "expected a date such as '2027-01-04' or a range such as '2027-02-14..2027-02-20'";

// Likewise `8:5`: parse.cpp checks the two digits of the minutes and the ranges.
struct clock_time : seq<plus<digit>, one<':'>, plus<digit>, not_at<identifier_other>> {};
template <> inline constexpr auto error_message<clock_time> = "expected a clock time such as '08:00'";

struct weekday : sor<kw<'m', 'o', 'n', 'd', 'a', 'y'>, kw<'t', 'u', 'e', 's', 'd', 'a', 'y'>,
                     kw<'w', 'e', 'd', 'n', 'e', 's', 'd', 'a', 'y'>, kw<'t', 'h', 'u', 'r', 's', 'd', 'a', 'y'>,
                     kw<'f', 'r', 'i', 'd', 'a', 'y'>, kw<'s', 'a', 't', 'u', 'r', 'd', 'a', 'y'>,
                     kw<'s', 'u', 'n', 'd', 'a', 'y'>,  // full names are accepted and printed short by fmt
                     kw<'m', 'o', 'n'>, kw<'t', 'u', 'e'>, kw<'w', 'e', 'd'>, kw<'t', 'h', 'u'>, kw<'f', 'r', 'i'>,
                     kw<'s', 'a', 't'>, kw<'s', 'u', 'n'>> {};
// A word where a weekday belongs: `days mon wedd fri`.
struct unknown_weekday {
    using rule_t = unknown_weekday;
    using subs_t = empty_list;
    template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
              typename... States>
    static bool match(ParseInput& in, States&...);
};
struct weekday_range_end : weekday {};
template <> inline constexpr auto error_message<weekday_range_end> = "expected a weekday (mon, tue, …) to end the range";
struct weekday_item : seq<sor<weekday, unknown_weekday>, opt<two<'.'>, must<weekday_range_end>>> {};
struct weekday_comma : one<','> {};
struct weekdays : seq<weekday_item, star<ws, opt<weekday_comma, ws>, weekday_item>> {};
template <> inline constexpr auto error_message<weekdays> = "expected a weekday (mon, tue, …)";

// A misspelt statement keyword: `metod bfr` → did you mean 'method'?
// Keywords lists the statements of one kind of body (see the *_keywords
// structs below). Where an exercise may stand, a word followed by a number
// or RPE is left to the prescription rule.
template <typename Keywords>
struct misspelt_keyword {
    using rule_t = misspelt_keyword;
    using subs_t = empty_list;
    template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
              typename... States>
    static bool match(ParseInput& in, States&...);
};
struct top_keywords {
    static constexpr bool exercises_allowed = false;
    static std::vector<std::string> words() { return {"use", "athlete", "program", "template", "ruleset"}; }
};
struct block_keywords {
    static constexpr bool exercises_allowed = true;
    static std::vector<std::string> words() { return {"method", "days", "sessions", "occlusion", "cuff", "week", "allow", "note"}; }
};
struct program_keywords {
    static constexpr bool exercises_allowed = false;
    static std::vector<std::string> words() { return {"start", "end", "timezone", "coach", "skip", "pause", "then"}; }
};
struct athlete_keywords {
    static constexpr bool exercises_allowed = false;
    static std::vector<std::string> words() { return {"max", "round", "condition"}; }
};
struct ruleset_keywords {
    static constexpr bool exercises_allowed = false;
    static std::vector<std::string> words() { return {"source", "applies", "rule", "note"}; }
};
struct rule_keywords {
    static constexpr bool exercises_allowed = false;
    static std::vector<std::string> words() { return {"require", "forbid", "source", "note"}; }
};

// ================================================================ blocks and bodies

// `{`, the statements of the body, `}`: each statement is parsed on its own
// and an error in one is reported and skipped (see recover), so that one
// mistake does not hide the next.
struct open_brace {
    using rule_t = open_brace;
    using subs_t = empty_list;
    template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
              typename... States>
    static bool match(ParseInput& in, States&... st);
};
struct close_brace {
    using rule_t = close_brace;
    using subs_t = empty_list;
    template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
              typename... States>
    static bool match(ParseInput& in, States&... st);
};

// Parses Statement and its end; on a syntax error, records it and skips to
// the end of the statement (a new line or ';' outside braces) or to the '}'
// that closes the enclosing body. At the top level a stray '}' is skipped too.
template <typename Statement, bool AtTopLevel>
struct recover {
    using rule_t = recover;
    using subs_t = type_list<Statement>;
    template <apply_mode A, rewind_mode M, template <typename...> class Action, template <typename...> class Control,
              typename ParseInput, typename... States>
    static bool match(ParseInput& in, States&... st);
};

// A top-level statement where a body's statement should be: the body's '}'
// is missing (`use`, `athlete "..."`, `program "..."`, `template NAME`,
// `ruleset NAME`; an exercise named like one is followed by a number).
struct top_level_start : seq<sor<kw<'u', 's', 'e'>, kw<'a', 't', 'h', 'l', 'e', 't', 'e'>, kw<'p', 'r', 'o', 'g', 'r', 'a', 'm'>,
                                 kw<'t', 'e', 'm', 'p', 'l', 'a', 't', 'e'>, kw<'r', 'u', 'l', 'e', 's', 'e', 't'>>,
                             plus<blank>, sor<one<'"'>, alpha>> {};

template <typename Statement>
struct body_of : seq<open_brace, gap,
                     star<not_at<ws, one<'}'>>, not_at<ws, eof>, not_at<ws, top_level_start>, recover<Statement, false>, gap>,
                     ws, close_brace> {};

// Conditions nest through parentheses, `not` and `every exercise`; nested<>
// bounds the depth so that no input can exhaust the stack.
template <typename Rule>
struct nested {
    using rule_t = nested;
    using subs_t = type_list<Rule>;
    template <apply_mode A, rewind_mode M, template <typename...> class Action, template <typename...> class Control,
              typename ParseInput, typename... States>
    static bool match(ParseInput& in, States&... st);
};

// ================================================================ prescriptions

struct exercise_name : sor<string_literal, identifier> {};
template <> inline constexpr auto error_message<exercise_name> = "expected an exercise such as 'squat' or \"Bulgarian split squat\"";

struct times_sign : sor<one<'x'>, utf8::one<0xD7>> {};  // x or ×
template <> inline constexpr auto error_message<times_sign> = "expected 'x' between the load and the reps, as in '20% x 30,15,15,15'";
struct sets_count : number {};
struct reps_count : number {};
template <> inline constexpr auto error_message<reps_count> = "expected the number of reps, as in '5x5'";
struct sets_x_reps : seq<sets_count, ws, times_sign, ws, must<reps_count>> {};
struct rep_list : list<reps_count, seq<ws, one<','>, ws>> {};
template <> inline constexpr auto error_message<rep_list> = "expected the reps of each set, such as '30,15,15,15'";
struct scheme : sor<sets_x_reps, rep_list> {};

struct rpe_load : seq<kw<'R', 'P', 'E'>, ws, must<number>> {};
template <> inline constexpr auto error_message<number> = "expected a number";
struct load_quantity : quantity {};
struct ramp_end : quantity {};
template <> inline constexpr auto error_message<ramp_end> = "expected the load the ramp ends at, as in '70%..85%'";
struct ramp : seq<ws, two<'.'>, ws, must<ramp_end>> {};
struct per_week : seq<kw<'p', 'e', 'r'>, ws, kw<'w', 'e', 'e', 'k'>> {};
template <> inline constexpr auto error_message<per_week> = "expected 'per week' after the step of a progression, as in '+2.5% per week'";
struct progression_sign : one<'+', '-'> {};
struct progression_step : quantity {};
template <> inline constexpr auto error_message<progression_step> = "expected the weekly step, as in '+2.5% per week' or '+5 kg per week'";
struct progression : seq<progression_sign, ws, must<progression_step>, ws, must<per_week>> {};
struct load : sor<rpe_load, seq<load_quantity, opt<ramp>, opt<ws, progression>>> {};
template <> inline constexpr auto error_message<load> = "expected a load such as '75%', '100 kg' or 'RPE 8'";

struct rest_length : duration {};
template <> inline constexpr auto error_message<rest_length> = "expected how long to rest, such as '30 s' or '3 min'";
struct rest_modifier : seq<kw<'r', 'e', 's', 't'>, ws, must<rest_length>> {};

// What a load looks like from its start: `75%`, `100 kg`, `RPE 8`.
struct load_start : sor<seq<number, ws, sor<one<'%'>, kw<'k', 'g'>, kw<'l', 'b'>, kw<'l', 'b', 's'>>>, kw<'R', 'P', 'E'>> {};
// `squat 5x5 75%`: a load after the reps without its '@'.
struct load_without_at : load_start {};
template <> inline constexpr auto error_message<load_without_at> = "expected '@' before the load, as in 'squat 5x5 @ 75%'";
struct load_first_form : seq<at<load_start>,
                             load, ws, must<times_sign>, ws, must<rep_list>> {};
struct sets_first_form : seq<scheme, sor<seq<ws, one<'@'>, ws, must<load>>, seq<ws, at<load_without_at>, raise<load_without_at>>, success>> {};
struct prescription_body : sor<load_first_form, sets_first_form> {};
template <> inline constexpr auto error_message<prescription_body> =
    "expected sets and reps such as '5x5 @ 75%' or '30,15,15,15 @ 20%', or a load first such as '20% x 30,15,15,15'";

// squat 5x5 @ 75% +2.5% per week rest 3 min
struct prescription : seq<exercise_name, ws, must<prescription_body>, star<ws, rest_modifier>> {};

// What an exercise looks like from its start, to tell one that stands where
// it cannot (at the top level, in a program).
struct exercise_start : seq<exercise_name, ws, sor<digit, kw<'R', 'P', 'E'>>> {};

// ================================================================ block statements

struct method_name : identifier {};
template <> inline constexpr auto error_message<method_name> = "expected a method such as 'bfr', 'strength' or 'hypertrophy'";
struct method_statement : seq<kw<'m', 'e', 't', 'h', 'o', 'd'>, ws, must<method_name>> {};

struct days_statement : seq<kw<'d', 'a', 'y', 's'>, ws, must<weekdays>> {};

struct session_length : duration {};
struct sessions_statement : seq<kw<'s', 'e', 's', 's', 'i', 'o', 'n', 's'>, ws, must<clock_time>,
                                star<ws, opt<one<','>, ws>, clock_time>,
                                opt<ws, kw<'f', 'o', 'r'>, ws, must<session_length>>> {};
template <> inline constexpr auto error_message<session_length> = "expected how long each session lasts, such as '30 min'";

struct occlusion_mode : sor<kw<'c', 'o', 'n', 't', 'i', 'n', 'u', 'o', 'u', 's'>,
                            kw<'i', 'n', 't', 'e', 'r', 'm', 'i', 't', 't', 'e', 'n', 't'>, kw<'n', 'o', 'n', 'e'>> {};
template <> inline constexpr auto error_message<occlusion_mode> = "expected 'continuous', 'intermittent' or 'none'";
struct occlusion_statement : seq<kw<'o', 'c', 'c', 'l', 'u', 's', 'i', 'o', 'n'>, ws, must<occlusion_mode>> {};

struct cuff_width : seq<kw<'w', 'i', 'd', 't', 'h'>, ws, must<length>> {};
struct cuff_setting : sor<cuff_width, pressure> {};
template <> inline constexpr auto error_message<cuff_setting> = "expected a cuff pressure such as '160 mmHg' or '50% AOP', or 'width 5 cm'";
struct cuff_statement : seq<kw<'c', 'u', 'f', 'f'>, ws, must<cuff_setting>> {};

struct rule_reference : dotted_name {};
template <> inline constexpr auto error_message<rule_reference> = "expected a rule id such as 'bfr.min-gap'";
struct reason : string_literal {};
template <> inline constexpr auto error_message<reason> = "expected the reason in quotes, such as \"cleared by the physician\"";
struct allow_statement : seq<kw<'a', 'l', 'l', 'o', 'w'>, ws, must<rule_reference>, ws, must<reason>> {};

struct note_text : string_literal {};
template <> inline constexpr auto error_message<note_text> = "expected the note in quotes, such as \"warm up first\"";
struct note_statement : seq<kw<'n', 'o', 't', 'e'>, ws, must<note_text>> {};

// A split: what sessions on those weekdays hold. `mon wed { squat 5x5 @ 75% }`
struct split_statement;
struct misplaced_in_split : sor<kw<'m', 'e', 't', 'h', 'o', 'd'>, kw<'d', 'a', 'y', 's'>, kw<'w', 'e', 'e', 'k'>,
                                kw<'a', 'l', 'l', 'o', 'w'>, weekday> {};
template <> inline constexpr auto error_message<misplaced_in_split> =
    "a split holds exercises, 'sessions', 'occlusion', 'cuff' and 'note'; write 'method', 'days', 'week' and 'allow' in the block itself";
struct split_statement : sor<sessions_statement, occlusion_statement, cuff_statement, note_statement,
                             seq<at<misplaced_in_split>, raise<misplaced_in_split>>, misspelt_keyword<block_keywords>,
                             prescription> {};
template <> inline constexpr auto error_message<split_statement> = "expected an exercise such as 'squat 5x5 @ 75%'";
struct split_body : body_of<split_statement> {};
template <> inline constexpr auto error_message<split_body> = "expected '{' with the exercises of those days, as in 'mon { squat 5x5 @ 75% }'";
struct split : seq<at<weekday>, weekdays, ws, must<split_body>> {};

// A week override: what those block weeks hold instead.
struct week_statement;
struct misplaced_in_week : sor<kw<'w', 'e', 'e', 'k'>, kw<'a', 'l', 'l', 'o', 'w'>> {};
template <> inline constexpr auto error_message<misplaced_in_week> =
    "a week override cannot hold 'week' or 'allow'; write them in the block itself";
struct week_statement : sor<method_statement, days_statement, sessions_statement, occlusion_statement, cuff_statement,
                            note_statement, split, seq<at<misplaced_in_week>, raise<misplaced_in_week>>,
                            misspelt_keyword<block_keywords>, prescription> {};
template <> inline constexpr auto error_message<week_statement> = "expected a statement of the week, such as 'squat 3x5 @ 80%'";
struct week_body : body_of<week_statement> {};
struct week_number : number {};
template <> inline constexpr auto error_message<week_number> = "expected a week number such as '4'";
struct week_item : seq<week_number, opt<ws, two<'.'>, ws, must<week_number>>> {};
template <> inline constexpr auto error_message<week_item> = "expected a week number such as '4' or a range such as '2..3' after ','";
struct week_list : seq<week_item, star<ws, one<','>, ws, must<week_item>>> {};
struct deload_keyword : kw<'d', 'e', 'l', 'o', 'a', 'd'> {};
struct week_content : sor<deload_keyword, week_body> {};
template <> inline constexpr auto error_message<week_content> = "expected '{' with what the week holds, or 'deload'";
struct week_override : seq<kw<'w', 'e', 'e', 'k'>, ws, must<week_list>, ws, must<week_content>> {};
template <> inline constexpr auto error_message<week_list> = "expected a week number such as '4', a range '2..3' or a list '4, 8'";

struct block_statement : sor<method_statement, days_statement, sessions_statement, occlusion_statement, cuff_statement,
                             week_override, split, allow_statement, note_statement, misspelt_keyword<block_keywords>,
                             prescription> {};
template <> inline constexpr auto error_message<block_statement> =
    "expected a block statement: method, days, sessions, occlusion, cuff, week, allow, note, a split such as 'mon { ... }' or an exercise such as 'squat 5x5 @ 75%'";
struct block_body : body_of<block_statement> {};
template <> inline constexpr auto error_message<block_body> = "expected '{' to open the block";

// ================================================================ top level: use, athlete, template

struct module_reference : sor<string_literal, dotted_name> {};
template <> inline constexpr auto error_message<module_reference> = "expected a module such as 'std.bfr' or a file such as \"plan.meso\"";
struct use_statement : seq<kw<'u', 's', 'e'>, ws, must<module_reference>> {};

struct max_statement : seq<kw<'m', 'a', 'x'>, ws, must<exercise_name>, ws, must<mass>> {};
struct round_step : quantity {};
template <> inline constexpr auto error_message<round_step> = "expected the step loads are rounded to, a mass such as '2.5 kg'";
struct round_statement : seq<kw<'r', 'o', 'u', 'n', 'd'>, ws, must<round_step>> {};
struct condition_name : identifier {};
template <> inline constexpr auto error_message<condition_name> = "expected a health condition such as 'arterial-hardening'";
struct condition_statement : seq<kw<'c', 'o', 'n', 'd', 'i', 't', 'i', 'o', 'n'>, ws, must<condition_name>,
                                 star<ws, opt<one<','>, ws>, condition_name>> {};
struct athlete_statement : sor<max_statement, round_statement, condition_statement, misspelt_keyword<athlete_keywords>> {};
template <> inline constexpr auto error_message<athlete_statement> =
    "expected 'max EXERCISE 180 kg', 'round 2.5 kg' or 'condition NAME' inside an athlete";
struct athlete_body : body_of<athlete_statement> {};
template <> inline constexpr auto error_message<athlete_body> = "expected '{' to open the athlete";
struct athlete_name : string_literal {};
template <> inline constexpr auto error_message<athlete_name> = "expected the athlete's name in quotes, such as \"Alex\"";
struct athlete_definition : seq<kw<'a', 't', 'h', 'l', 'e', 't', 'e'>, ws, must<athlete_name>, ws, must<athlete_body>> {};

struct template_name : identifier {};
template <> inline constexpr auto error_message<template_name> = "expected the template's name, such as 'kaatsu'";
struct title : string_literal {};
struct template_definition : seq<kw<'t', 'e', 'm', 'p', 'l', 'a', 't', 'e'>, ws, must<template_name>, ws, opt<title, ws>,
                                 must<block_body>> {};

// ================================================================ programs

struct start_statement : seq<kw<'s', 't', 'a', 'r', 't'>, ws, must<date>> {};
struct end_statement : seq<kw<'e', 'n', 'd'>, ws, must<date>> {};

struct zone_name : seq<alpha, star<sor<alnum, one<'_', '-', '+', '/'>>>> {};
template <> inline constexpr auto error_message<zone_name> = "expected a time zone such as 'Europe/Berlin', or 'floating'";
struct timezone_statement : seq<kw<'t', 'i', 'm', 'e', 'z', 'o', 'n', 'e'>, ws, must<zone_name>> {};

struct coach_name : string_literal {};
template <> inline constexpr auto error_message<coach_name> = "expected the coach's name in quotes, such as \"Sam Lee\"";
struct email_address : seq<plus<not_one<'>', '<', '\n', ' ', '\t'>>, one<'>'>> {};
template <> inline constexpr auto error_message<email_address> = "expected an e-mail address and a closing '>', such as <sam@example.org>";
struct coach_statement : seq<kw<'c', 'o', 'a', 'c', 'h'>, ws, must<coach_name>, opt<ws, one<'<'>, must<email_address>>> {};

struct skip_statement : seq<kw<'s', 'k', 'i', 'p'>, ws, must<date_range>, opt<ws, string_literal>> {};
struct pause_statement : seq<kw<'p', 'a', 'u', 's', 'e'>, ws, must<date_range>, opt<ws, string_literal>> {};

// `3 weeks kaatsu`, `then 10 weeks powerlifting { days mon wed fri }`,
// `2 weeks "Taper" { ... }`, `4 weeks hypertrophy as "Volume"`
struct block_target : sor<string_literal, identifier> {};
template <> inline constexpr auto error_message<block_target> =
    "expected a template such as 'kaatsu', or a block's name in quotes followed by '{'";
struct block_name : string_literal {};
template <> inline constexpr auto error_message<block_name> = "expected the block's name in quotes after 'as'";
// `3 kaatsu`: a word after the number that is not a unit and not near one
// is the template, and the unit was forgotten.
struct block_length_without_unit {
    using rule_t = block_length_without_unit;
    using subs_t = empty_list;
    template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
              typename... States>
    static bool match(ParseInput& in, States&...);
};
struct block_length : seq<number, ws, sor<unit, block_length_without_unit, unknown_unit>> {};
template <> inline constexpr auto error_message<block_length> = "expected a duration such as '3 weeks'";
struct then_keyword : kw<'t', 'h', 'e', 'n'> {};
struct block_tail : seq<ws, must<block_target>, opt<ws, kw<'a', 's'>, ws, must<block_name>>, opt<ws, block_body>> {};
struct block_use : sor<seq<then_keyword, ws, must<block_length>, block_tail>, seq<block_length, block_tail>> {};
struct block_sequence : seq<block_use, star<ws, at<then_keyword>, block_use>> {};

// Block statements written straight into a program: teach where they go.
struct misplaced_in_program : sor<kw<'m', 'e', 't', 'h', 'o', 'd'>, kw<'d', 'a', 'y', 's'>, kw<'s', 'e', 's', 's', 'i', 'o', 'n', 's'>,
                                  kw<'o', 'c', 'c', 'l', 'u', 's', 'i', 'o', 'n'>, kw<'c', 'u', 'f', 'f'>, kw<'w', 'e', 'e', 'k'>,
                                  kw<'a', 'l', 'l', 'o', 'w'>, kw<'n', 'o', 't', 'e'>> {};
// An exercise written straight into a program.
struct exercise_in_program : exercise_start {};
template <> inline constexpr auto error_message<exercise_in_program> =
    "an exercise belongs in a block: write it inside the block's '{ }', as in '3 weeks \"Base\" { squat 5x5 @ 75% }', or in a template";
template <> inline constexpr auto error_message<misplaced_in_program> =
    "this is a block statement; write it inside a block's '{ }', as in '3 weeks kaatsu { days mon wed fri }', or in a template";
struct program_statement : sor<start_statement, end_statement, timezone_statement, coach_statement, skip_statement,
                               pause_statement, block_sequence, seq<at<misplaced_in_program>, raise<misplaced_in_program>>,
                               misspelt_keyword<program_keywords>, seq<at<exercise_start>, raise<exercise_in_program>>> {};
template <> inline constexpr auto error_message<program_statement> =
    "expected start, end, timezone, coach, skip, pause, or a block such as '3 weeks kaatsu'";
struct program_body : body_of<program_statement> {};
template <> inline constexpr auto error_message<program_body> = "expected '{' to open the program";
struct program_name : string_literal {};
template <> inline constexpr auto error_message<program_name> = "expected the program's name in quotes, such as \"Off-season 2027\"";
struct program_athlete : string_literal {};
template <> inline constexpr auto error_message<program_athlete> = "expected the athlete's name in quotes after 'for', such as \"Alex\"";
struct program_definition : seq<kw<'p', 'r', 'o', 'g', 'r', 'a', 'm'>, ws, must<program_name>, ws,
                                opt<kw<'f', 'o', 'r'>, ws, must<program_athlete>, ws>, must<program_body>> {};

// ================================================================ rule sets

struct metric : identifier {};
struct comparator_sign : one<'<', '>', '=', '!'> {};
// A run of comparison signs that is not a comparison: `=>`, `==`, `<>`, `≥`.
struct unknown_comparator {
    using rule_t = unknown_comparator;
    using subs_t = empty_list;
    template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
              typename... States>
    static bool match(ParseInput& in, States&...);
};
struct comparator : sor<seq<sor<string<'<', '='>, string<'>', '='>, string<'!', '='>, one<'<'>, one<'>'>, one<'='>>,
                            not_at<comparator_sign>>,
                        unknown_comparator> {};
template <> inline constexpr auto error_message<comparator> = "expected a comparison (=, !=, <, <=, >, >=) or 'between'";
struct value_number : seq<number, opt<ws, sor<unit, unknown_unit>>> {};
struct value : sor<value_number, identifier> {};
template <> inline constexpr auto error_message<value> = "expected a value such as '4 h', '20%', '24' or 'bfr'";

struct condition;
struct unary_condition;
struct nested_condition : nested<condition> {};
struct nested_unary : nested<unary_condition> {};
template <> inline constexpr auto error_message<nested_condition> = "expected a condition such as 'gap >= 4 h'";
template <> inline constexpr auto error_message<nested_unary> = "expected a condition such as 'load between 20% and 30%'";

struct close_parenthesis : one<')'> {};
template <> inline constexpr auto error_message<close_parenthesis> = "expected ')' to close the '('";
struct parenthesized : seq<one<'('>, ws, must<nested_condition>, ws, must<close_parenthesis>> {};
struct exercise_keyword : kw<'e', 'x', 'e', 'r', 'c', 'i', 's', 'e'> {};
template <> inline constexpr auto error_message<exercise_keyword> = "expected 'exercise', as in 'every exercise load <= 30%'";
struct every_keyword : kw<'e', 'v', 'e', 'r', 'y'> {};
struct any_keyword : kw<'a', 'n', 'y'> {};
struct quantified : seq<sor<every_keyword, any_keyword>, ws, must<exercise_keyword>, ws, must<nested_unary>> {};
struct has_condition : seq<kw<'h', 'a', 's'>, ws, kw<'c', 'o', 'n', 'd', 'i', 't', 'i', 'o', 'n'>> {};
template <> inline constexpr auto error_message<has_condition> = "expected 'has condition', as in 'athlete has condition arterial-hardening'";
struct athlete_has : seq<kw<'a', 't', 'h', 'l', 'e', 't', 'e'>, ws, must<has_condition>, ws, must<condition_name>> {};
struct and_keyword : kw<'a', 'n', 'd'> {};
template <> inline constexpr auto error_message<and_keyword> = "expected 'and', as in 'load between 20% and 30%'";
struct between_condition : seq<metric, ws, kw<'b', 'e', 't', 'w', 'e', 'e', 'n'>, ws, must<value>, ws, must<and_keyword>, ws, must<value>> {};
struct comparison : seq<metric, ws, must<comparator>, ws, must<value>> {};
struct primary_condition : sor<parenthesized, quantified, athlete_has, between_condition, comparison> {};
struct not_condition : seq<kw<'n', 'o', 't'>, ws, must<nested_unary>> {};
struct unary_condition : sor<not_condition, primary_condition> {};
template <> inline constexpr auto error_message<unary_condition> = "expected a condition such as 'sessions >= 24'";
struct and_condition : seq<unary_condition, star<ws, and_keyword, ws, must<unary_condition>>> {};
template <> inline constexpr auto error_message<and_condition> = "expected a condition such as 'sessions >= 24'";
struct or_keyword : kw<'o', 'r'> {};
struct or_condition : seq<and_condition, star<ws, or_keyword, ws, must<and_condition>>> {};
struct condition : or_condition {};
template <> inline constexpr auto error_message<condition> = "expected a condition such as 'gap >= 4 h'";

struct require_statement : seq<kw<'r', 'e', 'q', 'u', 'i', 'r', 'e'>, ws, must<condition>> {};
struct forbid_statement : seq<kw<'f', 'o', 'r', 'b', 'i', 'd'>, ws, must<condition>> {};
struct citation : string_literal {};
template <> inline constexpr auto error_message<citation> = "expected the source in quotes, such as \"Abe et al., IJKTR 2005\"";
struct source_statement : seq<kw<'s', 'o', 'u', 'r', 'c', 'e'>, ws, must<citation>> {};
struct rule_statement : sor<require_statement, forbid_statement, source_statement, note_statement, misspelt_keyword<rule_keywords>> {};
template <> inline constexpr auto error_message<rule_statement> = "expected 'require CONDITION', 'forbid CONDITION', 'source \"...\"' or 'note \"...\"'";
struct rule_body : body_of<rule_statement> {};
template <> inline constexpr auto error_message<rule_body> = "expected '{' with the rule's 'require' or 'forbid'";
struct rule_name : identifier {};
template <> inline constexpr auto error_message<rule_name> = "expected the rule's name, such as 'min-gap'";
// Any word: engine/rules checks it is error, warning or info when the rule set is loaded.
struct severity : identifier {};
template <> inline constexpr auto error_message<severity> = "expected a severity: error, warning or info";
struct rule_message : string_literal {};
template <> inline constexpr auto error_message<rule_message> = "expected the rule's message in quotes";
struct rule_definition : seq<kw<'r', 'u', 'l', 'e'>, ws, must<rule_name>, ws, must<severity>, ws, must<rule_message>, ws,
                             must<rule_body>> {};
struct blocks_keyword : seq<kw<'t', 'o'>, ws, kw<'b', 'l', 'o', 'c', 'k', 's'>> {};
template <> inline constexpr auto error_message<blocks_keyword> = "expected 'to blocks', as in 'applies to blocks where method = bfr'";
struct applies_statement : seq<kw<'a', 'p', 'p', 'l', 'i', 'e', 's'>, ws, must<blocks_keyword>,
                               opt<ws, kw<'w', 'h', 'e', 'r', 'e'>, ws, must<condition>>> {};
struct ruleset_statement : sor<source_statement, applies_statement, rule_definition, note_statement,
                               misspelt_keyword<ruleset_keywords>> {};
template <> inline constexpr auto error_message<ruleset_statement> = "expected 'source', 'applies to blocks', 'rule' or 'note' inside a rule set";
struct ruleset_body : body_of<ruleset_statement> {};
template <> inline constexpr auto error_message<ruleset_body> = "expected '{' to open the rule set";
struct ruleset_name : identifier {};
template <> inline constexpr auto error_message<ruleset_name> = "expected the rule set's name, such as 'bfr'";
struct ruleset_definition : seq<kw<'r', 'u', 'l', 'e', 's', 'e', 't'>, ws, must<ruleset_name>, ws, opt<title, ws>,
                                must<ruleset_body>> {};

// ================================================================ the file

// Statements that belong inside something, written at the top level: say where.
struct misplaced_program_statement
    : sor<kw<'s', 't', 'a', 'r', 't'>, kw<'e', 'n', 'd'>, kw<'t', 'i', 'm', 'e', 'z', 'o', 'n', 'e'>, kw<'c', 'o', 'a', 'c', 'h'>,
          kw<'s', 'k', 'i', 'p'>, kw<'p', 'a', 'u', 's', 'e'>, kw<'t', 'h', 'e', 'n'>, seq<number, ws, unit>> {};
template <> inline constexpr auto error_message<misplaced_program_statement> =
    "this statement belongs in a program: write it inside 'program \"NAME\" { ... }'";
struct misplaced_block_statement : sor<misplaced_in_program, exercise_start> {};
template <> inline constexpr auto error_message<misplaced_block_statement> =
    "this statement belongs in a block: write it inside 'template NAME { ... }', or in a program's block as in '3 weeks \"Base\" { ... }'";
struct misplaced_athlete_statement : sor<kw<'m', 'a', 'x'>, kw<'r', 'o', 'u', 'n', 'd'>, kw<'c', 'o', 'n', 'd', 'i', 't', 'i', 'o', 'n'>> {};
template <> inline constexpr auto error_message<misplaced_athlete_statement> =
    "this statement belongs in an athlete: write it inside 'athlete \"NAME\" { ... }'";
struct misplaced_rule_statement : sor<kw<'r', 'u', 'l', 'e'>, kw<'r', 'e', 'q', 'u', 'i', 'r', 'e'>, kw<'f', 'o', 'r', 'b', 'i', 'd'>,
                                      kw<'a', 'p', 'p', 'l', 'i', 'e', 's'>, kw<'s', 'o', 'u', 'r', 'c', 'e'>> {};
template <> inline constexpr auto error_message<misplaced_rule_statement> =
    "this statement belongs in a rule set: write it inside 'ruleset NAME { ... }'";
struct stray_close_brace : one<'}'> {};
template <> inline constexpr auto error_message<stray_close_brace> =
    "this '}' closes nothing: remove it, or add the '{' it was meant to close";
template <typename Misplaced>
struct misplaced : seq<at<Misplaced>, raise<Misplaced>> {};

struct top_statement : sor<use_statement, athlete_definition, program_definition, template_definition, ruleset_definition,
                           misplaced<misplaced_program_statement>, misplaced<misplaced_block_statement>,
                           misplaced<misplaced_athlete_statement>, misplaced<misplaced_rule_statement>,
                           misplaced<stray_close_brace>, misspelt_keyword<top_keywords>> {};
template <> inline constexpr auto error_message<top_statement> = "expected 'use', 'athlete', 'program', 'template' or 'ruleset'";

struct file : seq<gap, star<not_at<ws, eof>, recover<top_statement, true>, gap>, ws, eof> {};

// ================================================================ the hand-written rules

namespace detail {

inline std::string_view word_at(const char* p, std::size_t n)
{
    if (n == 0 || !((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z'))) return {};
    std::size_t i = 1;
    while (i < n && ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9') ||
                     p[i] == '_' || p[i] == '-'))
        ++i;
    return {p, i};
}

inline const std::vector<std::string>& unit_spellings()
{
    static const std::vector<std::string> units = {"kg", "lb", "lbs", "s", "sec", "second", "seconds", "min",
                                                   "minute", "minutes", "h", "hour", "hours", "day", "days",
                                                   "week", "weeks", "mmHg", "cm", "AOP"};
    return units;
}

// Words that may follow a bare number without being its unit.
inline bool may_follow_a_number(std::string_view word)
{
    static const std::string_view words[] = {"and", "or", "x", "then", "for", "per", "rest", "as", "between",
                                             "deload", "RPE", "not"};
    for (auto w : words)
        if (w == word) return true;
    return word.size() > 1 && word[0] == 'x' && word[1] >= '0' && word[1] <= '9';  // `5x5`
}

template <typename T, typename First, typename... Rest>
T& find_state(First& first, Rest&... rest)
{
    if constexpr (std::is_same_v<std::decay_t<First>, T>)
        return first;
    else
        return find_state<T>(rest...);
}

// Skips from the current position to the end of the statement: a new line
// or ';' outside braces, or (without consuming it) a '}' that closes the
// enclosing body. Strings and comments are skipped whole; a '"' with no
// closing quote on its line is taken for a typo and the braces after it
// count (`athlete "Alex {` still opens a body).
template <typename ParseInput>
void skip_statement(ParseInput& in)
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

namespace detail {

// `1e308`: an exponent written straight after the digits.
template <typename ParseInput>
void reject_exponent(ParseInput& in, std::string_view word)
{
    const bool after_digit = in.current() > in.begin() && in.current()[-1] >= '0' && in.current()[-1] <= '9';
    if (after_digit && word.size() > 1 && (word[0] == 'e' || word[0] == 'E') && word[1] >= '0' && word[1] <= '9')
        throw located_error("numbers are written in plain digits, without an exponent ('" + std::string(word) + "')", in);
}

}  // namespace detail

template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
          typename... States>
bool unknown_unit::match(ParseInput& in, States&...)
{
    const auto word = detail::word_at(in.current(), in.size());
    if (word.empty() || detail::may_follow_a_number(word)) return false;
    detail::reject_exponent(in, word);
    const std::string w(word);
    std::string message = "unknown unit '" + w + "'";
    if (auto near = closest_match(w, detail::unit_spellings()))
        message += "; did you mean '" + *near + "'?";
    else
        message += "; the units are kg, lb, %, s, min, h, day, week, mmHg, % AOP and cm";
    throw located_error(message, in);
}

template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
          typename... States>
bool block_length_without_unit::match(ParseInput& in, States&...)
{
    const auto word = detail::word_at(in.current(), in.size());
    if (word.empty() || detail::may_follow_a_number(word) || closest_match(std::string(word), detail::unit_spellings()))
        return false;
    detail::reject_exponent(in, word);
    // The number just before, to write the fix with it.
    const char* end = in.current();
    while (end > in.begin() && (end[-1] == ' ' || end[-1] == '\t')) --end;
    const char* begin = end;
    while (begin > in.begin() && ((begin[-1] >= '0' && begin[-1] <= '9') || begin[-1] == '.')) --begin;
    const std::string amount(begin, end), w(word);
    throw located_error("'" + w + "' is not a unit: a block lasts whole weeks or days; write '" + amount + " weeks " + w +
                            "' or '" + amount + " days " + w + "'",
                        in);
}

template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
          typename... States>
bool unknown_weekday::match(ParseInput& in, States&...)
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

template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
          typename... States>
bool unknown_comparator::match(ParseInput& in, States&...)
{
    // The signs, and ≥ ≤ ≠ (E2 89 A5, E2 89 A4, E2 89 A0), as one run.
    const char* p = in.current();
    const std::size_t n = in.size();
    std::size_t i = 0;
    std::string ascii;
    while (i < n) {
        if (p[i] == '<' || p[i] == '>' || p[i] == '=' || p[i] == '!') {
            ascii += p[i];
            ++i;
        }
        else if (i + 2 < n && p[i] == '\xE2' && p[i + 1] == '\x89' &&
                 (p[i + 2] == '\xA5' || p[i + 2] == '\xA4' || p[i + 2] == '\xA0')) {
            ascii += p[i + 2] == '\xA5' ? "≥" : p[i + 2] == '\xA4' ? "≤" : "≠";
            i += 3;
        }
        else {
            break;
        }
    }
    if (i == 0) return false;
    static const std::pair<std::string_view, std::string_view> fixes[] = {
        {"=>", ">="}, {"=<", "<="}, {"==", "="}, {"===", "="}, {"<>", "!="}, {"!", "!="}, {"!==", "!="},
        {"≥", ">="}, {"≤", "<="}, {"≠", "!="}};
    std::string message = "unknown comparison '" + ascii + "'";
    for (const auto& [wrong, right] : fixes)
        if (ascii == wrong) message += "; did you mean '" + std::string(right) + "'?";
    if (message.back() != '?') message += "; the comparisons are =, !=, <, <=, >, >=";
    throw located_error(message, in);
}

template <typename Keywords>
template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
          typename... States>
bool misspelt_keyword<Keywords>::match(ParseInput& in, States&...)
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

template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
          typename... States>
bool open_brace::match(ParseInput& in, States&... st)
{
    if (in.empty() || in.peek_char() != '{') return false;
    detail::find_state<ParserState>(st...).open_brace_lines.push_back(in.iterator().line);
    in.bump_in_this_line(1);
    return true;
}

template <apply_mode, rewind_mode, template <typename...> class, template <typename...> class, typename ParseInput,
          typename... States>
bool close_brace::match(ParseInput& in, States&... st)
{
    auto& state = detail::find_state<ParserState>(st...);
    const std::size_t opened = state.open_brace_lines.empty() ? 0 : state.open_brace_lines.back();
    if (in.empty() || in.peek_char() != '}')
        throw unclosed_body("expected '}' to close the '{' of line " + std::to_string(opened), in);
    state.open_brace_lines.pop_back();
    in.bump_in_this_line(1);
    return true;
}

template <typename Rule>
template <apply_mode A, rewind_mode M, template <typename...> class Action, template <typename...> class Control,
          typename ParseInput, typename... States>
bool nested<Rule>::match(ParseInput& in, States&... st)
{
    auto& state = detail::find_state<ParserState>(st...);
    if (state.depth >= state.max_depth)
        throw located_error("conditions are nested more than " + std::to_string(state.max_depth) +
                                " deep; split the condition into several rules",
                            in);
    ++state.depth;
    struct leave {
        int& depth;
        ~leave() { --depth; }
    } guard{state.depth};
    return pegtl::match<Rule, A, M, Action, Control>(in, st...);
}

template <typename Statement, bool AtTopLevel>
template <apply_mode A, rewind_mode, template <typename...> class Action, template <typename...> class Control,
          typename ParseInput, typename... States>
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
