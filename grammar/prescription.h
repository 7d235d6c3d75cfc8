// The grammar of prescriptions: `squat 5x5 @ 75% +2.5% per week rest 3 min`,
// `squat 20% x 30,15,15,15`, `bench 3x8 @ RPE 8`, and the forms coaches
// write for 5/3/1, GZCL and hypertrophy blocks: per-set loads
// `squat 65% TM x 5, 75% TM x 5, 85% TM x 5+`, AMRAP `5+`, effort
// `@ 80% RIR 2`, rep ranges `3x8-12`, timed sets `plank 3x45 s`, `each side`
// and warm-ups `warm-up 40% x 5, 50% x 3`. Internal to grammar/: see
// grammar.h.
#pragma once

#include "grammar/lexical.h"

namespace meso::grammar {

// ================================================================ prescriptions

struct exercise_name : sor<string_literal, identifier> {};
template <> inline constexpr auto error_message<exercise_name> = "expected an exercise such as 'squat' or \"Bulgarian split squat\"";

// What a load looks like from its start: `75%`, `100 kg`, `RPE 8`, `RIR 2`.
struct load_start : sor<seq<number, ws, load_unit>, kw<"RPE">, kw<"RIR">> {};

// ---------------------------------------------------------------- reps

struct times_sign : sor<one<'x'>, utf8::one<0xD7>> {};  // x or ×
template <> inline constexpr auto error_message<times_sign> = "expected 'x' between the load and the reps, as in '20% x 30,15,15,15'";
struct sets_count : number {};
struct reps_count : number {};
template <> inline constexpr auto error_message<reps_count> = "expected the number of reps, as in '5x5'";
// `5+`: as many reps as possible, at least 5. One '+' only.
struct amrap_sign : one<'+'> {};
struct single_plus : not_at<one<'+'>> {};
template <> inline constexpr auto error_message<single_plus> = "an AMRAP set is written with one '+', as in '5+'";
// `8-12`: a range of reps.
struct reps_most : number {};
template <> inline constexpr auto error_message<reps_most> = "expected the most reps of the range, as in '8-12'";
struct rep_range : seq<one<'-'>, must<reps_most>> {};
// `45 s`, `1 min`: a timed set (the builder checks it is a duration).
struct set_duration : seq<number, ws, sor<unit, unknown_unit>> {};
struct reps_item : sor<set_duration, seq<reps_count, opt<sor<seq<amrap_sign, must<single_plus>>, rep_range>>>> {};
template <> inline constexpr auto error_message<reps_item> = "expected the reps of each set, such as '30,15,15,15', '5+', '8-12' or '45 s'";
struct sets_x_reps : seq<sets_count, ws, times_sign, ws, must<reps_item>> {};
// A comma followed by a load starts the next group of a load-first form
// (`65% x 5, 75% x 5`), so the list stops before it.
struct rep_comma : seq<ws, one<','>, ws, not_at<load_start>> {};
struct rep_list : seq<reps_item, star<rep_comma, must<reps_item>>> {};
template <> inline constexpr auto error_message<rep_list> = "expected the reps of each set, such as '30,15,15,15'";
struct scheme : sor<sets_x_reps, rep_list> {};

// ---------------------------------------------------------------- loads and effort

template <> inline constexpr auto error_message<number> = "expected a number";
struct rpe_effort : seq<kw<"RPE">, ws, must<number>> {};
struct rir_value : number {};
template <> inline constexpr auto error_message<rir_value> = "expected the reps in reserve, a whole number from 0 to 10, as in 'RIR 2'";
struct rir_effort : seq<kw<"RIR">, ws, must<rir_value>> {};
struct effort : sor<rpe_effort, rir_effort> {};
struct load_quantity : quantity {};
struct ramp_end : quantity {};
template <> inline constexpr auto error_message<ramp_end> = "expected the load the ramp ends at, as in '70%..85%'";
struct ramp : seq<ws, two<'.'>, ws, must<ramp_end>> {};
// `85% TM`: a percentage of the athlete's training max.
struct training_max_mark : kw<"TM"> {};
struct per_week : seq<kw<"per">, ws, kw<"week">> {};
template <> inline constexpr auto error_message<per_week> = "expected 'per week' after the step of a progression, as in '+2.5% per week'";
struct progression_sign : one<'+', '-'> {};
struct progression_step : quantity {};
template <> inline constexpr auto error_message<progression_step> = "expected the weekly step, as in '+2.5% per week' or '+5 kg per week'";
struct progression : seq<progression_sign, ws, must<progression_step>, ws, must<per_week>> {};
struct load : sor<effort, seq<load_quantity, opt<ramp>, opt<ws, training_max_mark>, opt<ws, progression>, opt<ws, effort>>> {};
template <> inline constexpr auto error_message<load> = "expected a load such as '75%', '85% TM', '100 kg', 'RPE 8' or 'RIR 2'";

// ---------------------------------------------------------------- modifiers

struct rest_length : duration {};
template <> inline constexpr auto error_message<rest_length> = "expected how long to rest, such as '30 s' or '3 min'";
struct rest_modifier : seq<kw<"rest">, ws, must<rest_length>> {};

struct side_keyword : kw<"side"> {};
template <> inline constexpr auto error_message<side_keyword> = "expected 'side' after 'each', as in 'lunge 3x10 each side'";
struct each_side_modifier : seq<kw<"each">, ws, must<side_keyword>> {};

// `65% x 5`: a load and the reps of its sets.
struct set_group : seq<load, ws, must<times_sign>, ws, must<rep_list>> {};
struct next_set_group : seq<ws, one<','>, ws, at<load_start>, set_group> {};
struct warm_up_sets : seq<at<load_start>, set_group, star<next_set_group>> {};
template <> inline constexpr auto error_message<warm_up_sets> =
    "expected the warm-up sets after 'warm-up', such as 'warm-up 40% x 5, 50% x 5, 60% x 3'";
struct warm_up_modifier : seq<kw<"warm-up">, ws, must<warm_up_sets>> {};

struct prescription_modifier : sor<rest_modifier, each_side_modifier, warm_up_modifier> {};

// `squat 5x5 75%`: a load after the reps without its '@'.
struct load_without_at : load_start {};
template <> inline constexpr auto error_message<load_without_at> = "expected '@' before the load, as in 'squat 5x5 @ 75%'";
struct load_first_form : seq<at<load_start>, set_group, star<next_set_group>> {};
struct sets_first_form
    : seq<scheme, sor<seq<ws, one<'@'>, ws, must<load>>, seq<ws, at<load_without_at>, raise<load_without_at>>, success>> {};
struct prescription_body : sor<load_first_form, sets_first_form> {};
template <> inline constexpr auto error_message<prescription_body> =
    "expected sets and reps such as '5x5 @ 75%' or '30,15,15,15 @ 20%', or a load first such as '20% x 30,15,15,15'";

// squat 5x5 @ 75% +2.5% per week rest 3 min
struct prescription : seq<exercise_name, ws, must<prescription_body>, star<ws, prescription_modifier>> {};

// What an exercise looks like from its start, to tell one that stands where
// it cannot (at the top level, in a program).
struct exercise_start : seq<exercise_name, ws, sor<digit, kw<"RPE">, kw<"RIR">>> {};

}  // namespace meso::grammar
