// The grammar of blocks and templates: method, days, sessions, occlusion,
// cuff (on a limb: athlete.h), allow, note, splits (`mon wed { ... }`), rotations (`rotate { "A" { ... } }`), week overrides (`week 4
// { ... }`, `week 2..3 deload`), alternating weeks (`alternate { "A" { ... } "B" { ... } }`) and exercises.
// Internal to grammar/: see grammar.h.
#pragma once

#include <string>
#include <vector>

#include "grammar/athlete.h"
#include "grammar/bodies.h"
#include "grammar/lexical.h"
#include "grammar/prescription.h"

namespace meso::grammar {

// ================================================================ block statements

struct block_keywords {
    static constexpr bool exercises_allowed = true;
    static std::vector<std::string> words()
    {
        return {"method", "days", "sessions", "occlusion", "cuff", "week", "superset", "circuit", "rotate", "alternate", "allow", "note"};
    }
};

struct method_name : identifier {};
template <> inline constexpr auto error_message<method_name> = "expected a method such as 'bfr', 'strength' or 'hypertrophy'";
struct method_statement : seq<kw<"method">, ws, must<method_name>> {};

struct days_statement : seq<kw<"days">, ws, must<weekdays>> {};

struct session_length : duration {};
struct sessions_statement
    : seq<kw<"sessions">, ws, must<clock_time>, star<ws, opt<one<','>, ws>, clock_time>, opt<ws, kw<"for">, ws, must<session_length>>> {};
template <> inline constexpr auto error_message<session_length> = "expected how long each session lasts, such as '30 min'";

struct occlusion_mode : sor<kw<"continuous">, kw<"intermittent">, kw<"none">> {};
template <> inline constexpr auto error_message<occlusion_mode> = "expected 'continuous', 'intermittent' or 'none'";
struct occlusion_statement : seq<kw<"occlusion">, ws, must<occlusion_mode>> {};

struct cuff_width : seq<kw<"width">, ws, must<length>> {};
// `cuff leg 60% AOP`: the limb is optional (`cuff 160 mmHg` stays valid).
struct cuff_on_limb : seq<limb_name, ws, must<pressure>> {};
struct cuff_setting : sor<cuff_width, cuff_on_limb, pressure> {};
template <> inline constexpr auto error_message<cuff_setting> =
    "expected a cuff pressure such as '160 mmHg' or '50% AOP', or 'width 5 cm' (the limb may come first: 'cuff leg 60% AOP')";
struct cuff_statement : seq<kw<"cuff">, ws, must<cuff_setting>> {};

struct rule_reference : dotted_name {};
template <> inline constexpr auto error_message<rule_reference> = "expected a rule id such as 'bfr.min-gap'";
struct reason : string_literal {};
template <> inline constexpr auto error_message<reason> = "expected the reason in quotes, such as \"cleared by the physician\"";
struct allow_statement : seq<kw<"allow">, ws, must<rule_reference>, ws, must<reason>> {};

struct note_text : string_literal {};
template <> inline constexpr auto error_message<note_text> = "expected the note in quotes, such as \"warm up first\"";
struct note_statement : seq<kw<"note">, ws, must<note_text>> {};

// A superset (or circuit): exercises done in turn, a set of each, the rest
// taken after the group. `superset { curl 3x10 @ 20 kg  triceps-extension 3x10 @ 15 kg } rest 90 s`
struct superset_keyword : sor<kw<"superset">, kw<"circuit">> {};
struct superset_member : prescription {};
template <> inline constexpr auto error_message<superset_member> = "expected an exercise such as 'curl 3x10 @ 20 kg' in the superset";
struct superset_body : body_of<superset_member> {};
template <> inline constexpr auto error_message<superset_body> =
    "expected '{' with the exercises done in turn, as in 'superset { curl 3x10 @ 20 kg  dip 3x10 }'";
struct superset_rest : seq<kw<"rest">, ws, must<rest_length>> {};
struct superset_statement : seq<superset_keyword, ws, must<superset_body>, opt<ws, superset_rest>> {};

// A split: what sessions on those weekdays hold. `mon wed { squat 5x5 @ 75% }`
struct split_statement;
struct misplaced_in_split : sor<kw<"method">, kw<"days">, kw<"week">, kw<"allow">, kw<"rotate">, kw<"alternate">, weekday> {};
template <> inline constexpr auto error_message<misplaced_in_split> =
    "a split holds exercises, 'sessions', 'occlusion', 'cuff' and 'note'; write 'method', 'days', 'week', 'rotate', 'alternate' and "
    "'allow' in the block itself";
struct split_statement
    : keyword_switch<sessions_statement, occlusion_statement, cuff_statement, note_statement, superset_statement,
                     seq<at<misplaced_in_split>, raise<misplaced_in_split>>, misspelt_keyword<block_keywords>, prescription> {};
template <> inline constexpr auto error_message<split_statement> = "expected an exercise such as 'squat 5x5 @ 75%'";
struct split_body : body_of<split_statement> {};
template <> inline constexpr auto error_message<split_body> =
    "expected '{' with the exercises of those days, as in 'mon { squat 5x5 @ 75% }'";
struct split : seq<at<weekday>, weekdays, ws, must<split_body>> {};

// A week override: what those block weeks hold instead.
struct week_statement;
struct misplaced_in_week : sor<kw<"week">, kw<"allow">, kw<"rotate">, kw<"alternate">> {};
template <> inline constexpr auto error_message<misplaced_in_week> =
    "a week override cannot hold 'week' or 'allow', nor 'rotate' or 'alternate' (nor can a week pattern of 'alternate'); write them in "
    "the block itself";
struct week_statement : keyword_switch<method_statement, days_statement, sessions_statement, occlusion_statement, cuff_statement,
                                       note_statement, superset_statement, split, seq<at<misplaced_in_week>, raise<misplaced_in_week>>,
                                       misspelt_keyword<block_keywords>, prescription> {};
template <> inline constexpr auto error_message<week_statement> = "expected a statement of the week, such as 'squat 3x5 @ 80%'";
struct week_body : body_of<week_statement> {};
struct week_number : number {};
template <> inline constexpr auto error_message<week_number> = "expected a week number such as '4'";
struct week_item : seq<week_number, opt<ws, two<'.'>, ws, must<week_number>>> {};
template <> inline constexpr auto error_message<week_item> = "expected a week number such as '4' or a range such as '2..3' after ','";
struct week_list : seq<week_item, star<ws, one<','>, ws, must<week_item>>> {};
struct deload_keyword : kw<"deload"> {};
struct week_content : sor<deload_keyword, week_body> {};
template <> inline constexpr auto error_message<week_content> = "expected '{' with what the week holds, or 'deload'";
struct week_override : seq<kw<"week">, ws, must<week_list>, ws, must<week_content>> {};
template <> inline constexpr auto error_message<week_list> = "expected a week number such as '4', a range '2..3' or a list '4, 8'";

// A rotation: workouts done in turn on the block's training days, whatever
// their weekday, continuing from one week to the next.
// `rotate { "A" { squat 5x5 @ 75% }; "B" { deadlift 1x5 @ 85% } }` (workouts one a line, or `;` between them); the word
// after `rotate` says what a skipped training day does with its workout:
// `shift` (the default) keeps it for the next training day, `drop` drops it.
struct rotation_policy : sor<kw<"shift">, kw<"drop">> {};
struct workout_name : string_literal {};
struct misplaced_in_workout : sor<kw<"method">, kw<"days">, kw<"week">, kw<"allow">, kw<"rotate">, kw<"alternate">, weekday> {};
template <> inline constexpr auto error_message<misplaced_in_workout> =
    "a workout holds exercises, 'sessions' and 'note'; write 'method', 'days', 'week', 'rotate', 'alternate' and 'allow' in the block "
    "itself";
struct workout_statement
    : keyword_switch<sessions_statement, occlusion_statement, cuff_statement, note_statement, superset_statement,
                     seq<at<misplaced_in_workout>, raise<misplaced_in_workout>>, misspelt_keyword<block_keywords>, prescription> {};
template <> inline constexpr auto error_message<workout_statement> = "expected an exercise such as 'squat 5x5 @ 75%'";
struct workout_body : body_of<workout_statement> {};
template <> inline constexpr auto error_message<workout_body> =
    "expected '{' with the workout's exercises after its name, as in '\"A\" { squat 5x5 @ 75% }'";
struct workout : seq<workout_name, ws, must<workout_body>> {};
// An exercise written straight into a rotation.
struct exercise_in_rotation : exercise_start {};
template <> inline constexpr auto error_message<exercise_in_rotation> =
    "a rotation holds workouts: write the exercise inside a workout's '{ }', as in 'rotate { \"A\" { squat 5x5 @ 75% }; \"B\" { ... } }'";
struct rotation_item : sor<workout, seq<at<exercise_start>, raise<exercise_in_rotation>>> {};
template <> inline constexpr auto error_message<rotation_item> =
    "expected a workout: its name in quotes and its exercises, as in '\"A\" { squat 5x5 @ 75% }'";
struct rotation_body : body_of<rotation_item> {};
template <> inline constexpr auto error_message<rotation_body> =
    "expected '{' and the workouts in turn after 'rotate', as in 'rotate { \"A\" { squat 5x5 @ 75% }; \"B\" { deadlift 1x5 @ 85% } }' "
    "(or 'rotate drop { ... }' to drop a skipped day's workout)";
struct rotate_statement : seq<kw<"rotate">, ws, opt<rotation_policy, ws>, must<rotation_body>> {};

// Alternating weeks: the block's weeks take the patterns in turn, A B A B …
// `alternate { "A" { squat 5x5 @ 75% }; "B" { squat 3x8 @ 65% } }`; a
// pattern holds what a week override holds.
struct week_pattern_name : string_literal {};
struct week_pattern_body : body_of<week_statement> {};
template <> inline constexpr auto error_message<week_pattern_body> =
    "expected '{' with what the pattern's weeks hold after its name, as in '\"A\" { squat 5x5 @ 75% }'";
struct week_pattern : seq<week_pattern_name, ws, must<week_pattern_body>> {};
// An exercise written straight into `alternate`.
struct exercise_in_alternation : exercise_start {};
template <> inline constexpr auto error_message<exercise_in_alternation> =
    "'alternate' holds week patterns: write the exercise inside a pattern's '{ }', as in 'alternate { \"A\" { squat 5x5 @ 75% }; "
    "\"B\" { ... } }'";
struct alternation_item : sor<week_pattern, seq<at<exercise_start>, raise<exercise_in_alternation>>> {};
template <> inline constexpr auto error_message<alternation_item> =
    "expected a week pattern: its name in quotes and what its weeks hold, as in '\"A\" { squat 5x5 @ 75% }'";
struct alternation_body : body_of<alternation_item> {};
template <> inline constexpr auto error_message<alternation_body> =
    "expected '{' and the week patterns in turn after 'alternate', as in 'alternate { \"A\" { squat 5x5 @ 75% }; \"B\" { squat 3x8 "
    "@ 65% } }'";
struct alternate_statement : seq<kw<"alternate">, ws, must<alternation_body>> {};

struct block_statement : keyword_switch<method_statement, days_statement, sessions_statement, occlusion_statement, cuff_statement,
                                        week_override, superset_statement, split, rotate_statement, alternate_statement, allow_statement,
                                        note_statement, misspelt_keyword<block_keywords>, prescription> {};
template <> inline constexpr auto error_message<block_statement> =
    "expected a block statement: method, days, sessions, occlusion, cuff, week, superset, rotate, alternate, allow, note, a split such as 'mon { ... }' or an exercise such as 'squat 5x5 @ 75%'";
struct block_body : body_of<block_statement> {};
template <> inline constexpr auto error_message<block_body> = "expected '{' to open the block";

// ================================================================ templates

struct template_name : identifier {};
template <> inline constexpr auto error_message<template_name> = "expected the template's name, such as 'kaatsu'";
struct title : string_literal {};
struct template_definition : seq<kw<"template">, ws, must<template_name>, ws, opt<title, ws>, must<block_body>> {};

}  // namespace meso::grammar
