// The grammar of programs: start, end, competition, timezone, coach, calendar-id, skip, pause and the
// blocks in order (`3 weeks kaatsu then 10 weeks powerlifting { ... }`).
// Internal to grammar/: see grammar.h.
#pragma once

#include <string>
#include <vector>

#include "grammar/block.h"
#include "grammar/bodies.h"
#include "grammar/lexical.h"

namespace meso::grammar {

// ================================================================ programs

struct program_keywords {
    static constexpr bool exercises_allowed = false;
    static std::vector<std::string> words()
    {
        return {"start", "end", "competition", "timezone", "coach", "calendar-id", "skip", "pause", "then"};
    }
};

struct start_statement : seq<kw<"start">, ws, must<date>> {};
struct end_statement : seq<kw<"end">, ws, must<date>> {};
// `competition 2027-06-12 "Nationals"`: the day and the competition's name.
struct competition_name : string_literal {};
template <> inline constexpr auto error_message<competition_name> =
    "expected the competition's name in quotes after its date, such as 'competition 2027-06-12 \"Nationals\"'";
struct competition_statement : seq<kw<"competition">, ws, must<date>, ws, must<competition_name>> {};

struct zone_name : seq<alpha, star<sor<alnum, one<'_', '-', '+', '/'>>>> {};
template <> inline constexpr auto error_message<zone_name> = "expected a time zone such as 'Europe/Berlin', or 'floating'";
struct timezone_statement : seq<kw<"timezone">, ws, must<zone_name>> {};

struct coach_name : string_literal {};
template <> inline constexpr auto error_message<coach_name> = "expected the coach's name in quotes, such as \"Sam Lee\"";
struct email_address : seq<plus<not_one<'>', '<', '\n', ' ', '\t'>>, one<'>'>> {};
template <> inline constexpr auto error_message<email_address> = "expected an e-mail address and a closing '>', such as <sam@example.org>";
struct coach_statement : seq<kw<"coach">, ws, must<coach_name>, opt<ws, one<'<'>, must<email_address>>> {};

// `calendar-id "club.example.org"`: the namespace of the calendar's UIDs,
// which keeps two coaches' programs of the same names apart.
struct calendar_id_value : string_literal {};
template <> inline constexpr auto error_message<calendar_id_value> =
    "expected the calendar's id in quotes, such as 'calendar-id \"club.example.org\"'";
struct calendar_id_statement : seq<kw<"calendar-id">, ws, must<calendar_id_value>> {};

struct skip_statement : seq<kw<"skip">, ws, must<date_range>, opt<ws, string_literal>> {};
struct pause_statement : seq<kw<"pause">, ws, must<date_range>, opt<ws, string_literal>> {};

// `3 weeks kaatsu`, `then 10 weeks powerlifting { days mon wed fri }`,
// `2 weeks "Taper" { ... }`, `4 weeks hypertrophy as "Volume"`
struct block_target : sor<string_literal, identifier> {};
template <> inline constexpr auto error_message<block_target> =
    "expected a template such as 'kaatsu', or a block's name in quotes followed by '{'";
struct block_name : string_literal {};
template <> inline constexpr auto error_message<block_name> = "expected the block's name in quotes after 'as'";
// `3 kaatsu`: a word after the number that is not a unit and not near one
// is the template, and the unit was forgotten.
struct block_length_without_unit : hand_written<block_length_without_unit> {
    template <typename ParseInput> static bool match(ParseInput& in);
};
struct block_length : seq<number, ws, sor<unit, block_length_without_unit, unknown_unit>> {};
template <> inline constexpr auto error_message<block_length> = "expected a duration such as '3 weeks'";
struct then_keyword : kw<"then"> {};
struct block_tail : seq<ws, must<block_target>, opt<ws, kw<"as">, ws, must<block_name>>, opt<ws, block_body>> {};
struct block_use : sor<seq<then_keyword, ws, must<block_length>, block_tail>, seq<block_length, block_tail>> {};
struct block_sequence : seq<block_use, star<ws, at<then_keyword>, block_use>> {};

// Block statements written straight into a program: teach where they go.
struct misplaced_in_program
    : sor<kw<"method">, kw<"days">, kw<"sessions">, kw<"occlusion">, kw<"cuff">, kw<"week">, kw<"allow">, kw<"note">> {};
// An exercise written straight into a program.
struct exercise_in_program : exercise_start {};
template <> inline constexpr auto error_message<exercise_in_program> =
    "an exercise belongs in a block: write it inside the block's '{ }', as in '3 weeks \"Base\" { squat 5x5 @ 75% }', or in a template";
template <> inline constexpr auto error_message<misplaced_in_program> =
    "this is a block statement; write it inside a block's '{ }', as in '3 weeks kaatsu { days mon wed fri }', or in a template";
struct program_statement
    : sor<start_statement, end_statement, competition_statement, timezone_statement, coach_statement, calendar_id_statement, skip_statement,
          pause_statement, block_sequence, seq<at<misplaced_in_program>, raise<misplaced_in_program>>, misspelt_keyword<program_keywords>,
          seq<at<exercise_start>, raise<exercise_in_program>>> {};
template <> inline constexpr auto error_message<program_statement> =
    "expected start, end, competition, timezone, coach, calendar-id, skip, pause, or a block such as '3 weeks kaatsu'";
struct program_body : body_of<program_statement> {};
template <> inline constexpr auto error_message<program_body> = "expected '{' to open the program";
struct program_name : string_literal {};
template <> inline constexpr auto error_message<program_name> = "expected the program's name in quotes, such as \"Off-season 2027\"";
struct program_athlete : string_literal {};
template <> inline constexpr auto error_message<program_athlete> =
    "expected the athlete's or group's name in quotes after 'for', such as \"Alex\" or \"U18\"";
// `for "Ann", "Ben"`: one program per athlete named (a group names its members).
struct more_program_athlete : string_literal {};
template <> inline constexpr auto error_message<more_program_athlete> =
    "expected another athlete's or group's name in quotes after ',', such as \"Ben\"";
struct program_athletes : seq<kw<"for">, ws, must<program_athlete>, star<ws, one<','>, ws, must<more_program_athlete>>, ws> {};
struct program_definition : seq<kw<"program">, ws, must<program_name>, ws, opt<program_athletes>, must<program_body>> {};

template <typename ParseInput> bool block_length_without_unit::match(ParseInput& in)
{
    const auto word = detail::word_at(in.current(), in.size());
    if (word.empty() || detail::may_follow_a_number(word) || closest_match(std::string(word), unit_words())) return false;
    detail::reject_exponent(in, word);
    // The number just before, to write the fix with it.
    const char* end = in.current();
    while (end > in.begin() && (end[-1] == ' ' || end[-1] == '\t')) --end;
    const char* begin = end;
    while (begin > in.begin() && ((begin[-1] >= '0' && begin[-1] <= '9') || begin[-1] == '.')) --begin;
    const std::string amount(begin, end), w(word);
    throw located_error("'" + w + "' is not a unit: a block lasts whole weeks or days; write '" + amount + " weeks " + w + "' or '" +
                            amount + " days " + w + "'",
                        in);
}

}  // namespace meso::grammar
