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
        return {"start", "end", "competition", "timezone", "coach", "calendar-id", "skip", "pause", "then", "repeat"};
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
// ================================================================ repeat

// `repeat 4 { 3 weeks five-three-one; 1 week deload }`: the blocks of the
// body one after another, as many times as the count says, each time a
// cycle; `training-max squat +5 kg per cycle` raises a training max from one
// cycle to the next. A repeat holds at most one more repeat: two levels
// (docs/language.md), and a third is a located error, never a deep stack.
struct repeat_keywords {
    static constexpr bool exercises_allowed = false;
    static std::vector<std::string> words() { return {"training-max", "repeat", "then"}; }
};
// A sign is read so that `repeat -1` gets the builder's words, not a bare syntax error.
struct repeat_count : seq<opt<one<'-'>>, number> {};
template <> inline constexpr auto error_message<repeat_count> =
    "expected how many times the blocks repeat, a whole number such as 'repeat 4 { 3 weeks five-three-one; 1 week deload }'";
struct cycle_raise_exercise : exercise_name {};
template <> inline constexpr auto error_message<cycle_raise_exercise> =
    "expected the exercise whose training max rises each cycle, as in 'training-max squat +5 kg per cycle'";
struct cycle_raise_sign : one<'+', '-'> {};
template <> inline constexpr auto error_message<cycle_raise_sign> =
    "expected '+' or '-' and the step of each cycle, as in 'training-max squat +5 kg per cycle'";
struct cycle_raise_step : quantity {};
template <> inline constexpr auto error_message<cycle_raise_step> =
    "expected the step of each cycle, a mass such as '+5 kg', as in 'training-max squat +5 kg per cycle'";
struct per_cycle : seq<kw<"per">, ws, kw<"cycle">> {};
template <> inline constexpr auto error_message<per_cycle> =
    "expected 'per cycle' after the step, as in 'training-max squat +5 kg per cycle'";
struct cycle_raise_statement
    : seq<kw<"training-max">, ws, must<cycle_raise_exercise>, ws, must<cycle_raise_sign>, ws, must<cycle_raise_step>, ws, must<per_cycle>> {
};
// Program statements written inside a repeat: they belong to the program.
struct misplaced_in_repeat
    : sor<kw<"start">, kw<"end">, kw<"competition">, kw<"timezone">, kw<"coach">, kw<"calendar-id">, kw<"skip">, kw<"pause">> {};
template <> inline constexpr auto error_message<misplaced_in_repeat> =
    "this is a program statement; write it in the program, outside 'repeat { }': a repeat holds blocks such as "
    "'3 weeks five-three-one' and 'training-max EXERCISE +5 kg per cycle'";
// A third level of repeat.
struct repeat_too_deep : kw<"repeat"> {};
template <> inline constexpr auto error_message<repeat_too_deep> =
    "a repeat holds at most one more repeat (two levels); write the innermost cycles' blocks out in the repeat around them";
template <typename... Also> struct repeat_item_of
    : keyword_switch<cycle_raise_statement, block_sequence, Also..., seq<at<misplaced_in_repeat>, raise<misplaced_in_repeat>>,
                     seq<at<misplaced_in_program>, raise<misplaced_in_program>>, misspelt_keyword<repeat_keywords>,
                     seq<at<exercise_start>, raise<exercise_in_program>>> {};
struct inner_repeat_item : repeat_item_of<seq<at<kw<"repeat">>, raise<repeat_too_deep>>> {};
template <> inline constexpr auto error_message<inner_repeat_item> =
    "expected a block such as '3 weeks five-three-one', or 'training-max EXERCISE +5 kg per cycle'";
struct inner_repeat_body : body_of<inner_repeat_item> {};
template <> inline constexpr auto error_message<inner_repeat_body> =
    "expected '{' and the blocks to repeat after the count, as in 'repeat 4 { 3 weeks five-three-one; 1 week deload }'";
struct inner_repeat : seq<kw<"repeat">, ws, must<repeat_count>, ws, must<inner_repeat_body>> {};
struct repeat_item : repeat_item_of<inner_repeat> {};
template <> inline constexpr auto error_message<repeat_item> =
    "expected a block such as '3 weeks five-three-one', 'training-max EXERCISE +5 kg per cycle', or a repeat inside it";
struct repeat_body : body_of<repeat_item> {};
template <> inline constexpr auto error_message<repeat_body> =
    "expected '{' and the blocks to repeat after the count, as in 'repeat 4 { 3 weeks five-three-one; 1 week deload }'";
struct repeat_statement : seq<kw<"repeat">, ws, must<repeat_count>, ws, must<repeat_body>> {};

struct program_statement : keyword_switch<start_statement, end_statement, competition_statement, timezone_statement, coach_statement,
                                          calendar_id_statement, skip_statement, pause_statement, repeat_statement, block_sequence,
                                          seq<at<misplaced_in_program>, raise<misplaced_in_program>>, misspelt_keyword<program_keywords>,
                                          seq<at<exercise_start>, raise<exercise_in_program>>> {};
template <> inline constexpr auto error_message<program_statement> =
    "expected start, end, competition, timezone, coach, calendar-id, skip, pause, repeat, or a block such as '3 weeks kaatsu'";
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
