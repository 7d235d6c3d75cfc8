// The grammar of prescriptions: `squat 5x5 @ 75% +2.5% per week rest 3 min`,
// `squat 20% x 30,15,15,15`, `bench 3x8 @ RPE 8`. Internal to grammar/: see
// grammar.h.
#pragma once

#include "grammar/lexical.h"

namespace meso::grammar {

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

struct rpe_load : seq<kw<"RPE">, ws, must<number>> {};
template <> inline constexpr auto error_message<number> = "expected a number";
struct load_quantity : quantity {};
struct ramp_end : quantity {};
template <> inline constexpr auto error_message<ramp_end> = "expected the load the ramp ends at, as in '70%..85%'";
struct ramp : seq<ws, two<'.'>, ws, must<ramp_end>> {};
struct per_week : seq<kw<"per">, ws, kw<"week">> {};
template <> inline constexpr auto error_message<per_week> = "expected 'per week' after the step of a progression, as in '+2.5% per week'";
struct progression_sign : one<'+', '-'> {};
struct progression_step : quantity {};
template <> inline constexpr auto error_message<progression_step> = "expected the weekly step, as in '+2.5% per week' or '+5 kg per week'";
struct progression : seq<progression_sign, ws, must<progression_step>, ws, must<per_week>> {};
struct load : sor<rpe_load, seq<load_quantity, opt<ramp>, opt<ws, progression>>> {};
template <> inline constexpr auto error_message<load> = "expected a load such as '75%', '100 kg' or 'RPE 8'";

struct rest_length : duration {};
template <> inline constexpr auto error_message<rest_length> = "expected how long to rest, such as '30 s' or '3 min'";
struct rest_modifier : seq<kw<"rest">, ws, must<rest_length>> {};

// What a load looks like from its start: `75%`, `100 kg`, `RPE 8`.
struct load_start : sor<seq<number, ws, load_unit>, kw<"RPE">> {};
// `squat 5x5 75%`: a load after the reps without its '@'.
struct load_without_at : load_start {};
template <> inline constexpr auto error_message<load_without_at> = "expected '@' before the load, as in 'squat 5x5 @ 75%'";
struct load_first_form : seq<at<load_start>, load, ws, must<times_sign>, ws, must<rep_list>> {};
struct sets_first_form
    : seq<scheme, sor<seq<ws, one<'@'>, ws, must<load>>, seq<ws, at<load_without_at>, raise<load_without_at>>, success>> {};
struct prescription_body : sor<load_first_form, sets_first_form> {};
template <> inline constexpr auto error_message<prescription_body> =
    "expected sets and reps such as '5x5 @ 75%' or '30,15,15,15 @ 20%', or a load first such as '20% x 30,15,15,15'";

// squat 5x5 @ 75% +2.5% per week rest 3 min
struct prescription : seq<exercise_name, ws, must<prescription_body>, star<ws, rest_modifier>> {};

// What an exercise looks like from its start, to tell one that stands where
// it cannot (at the top level, in a program).
struct exercise_start : seq<exercise_name, ws, sor<digit, kw<"RPE">>> {};

}  // namespace meso::grammar
