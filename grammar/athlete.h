// The grammar of athletes: `athlete "Alex" { max squat 180 kg; round 2.5 kg;
// bar 20 kg; plates 25 20 15 10 5 2.5 1.25 kg; barbell squat;
// condition arterial-hardening; aop leg 180 mmHg; cleared bfr.precaution
// "Dr Lee, 2027-01-10" }`, the limbs a cuff goes on, groups of athletes
// (`group "U18" { "Ann", "Ben" }`), and the declaration of a
// health condition of the screening vocabulary. Internal to grammar/: see
// grammar.h.
#pragma once

#include <string>
#include <vector>

#include "grammar/bodies.h"
#include "grammar/lexical.h"
#include "grammar/prescription.h"

namespace meso::grammar {

// ================================================================ athletes

struct athlete_keywords {
    static constexpr bool exercises_allowed = false;
    static std::vector<std::string> words()
    {
        return {"max", "round", "training-max", "bar", "plates", "barbell", "dumbbell", "machine", "condition", "aop", "cleared"};
    }
};

// ---------------------------------------------------------------- limbs

struct limb : sor<kw<"leg">, kw<"arm">> {};
// A word close to a limb (`lge`, `legs`): did-you-mean. Any other word is
// left alone, for the rule that expects a limb to say what it wanted.
struct misspelt_limb : hand_written<misspelt_limb> {
    template <typename ParseInput> static bool match(ParseInput& in);
};
struct limb_name : sor<limb, misspelt_limb> {};
template <> inline constexpr auto error_message<limb_name> = "expected a limb 'leg' or 'arm'";

template <typename ParseInput> bool misspelt_limb::match(ParseInput& in)
{
    const auto word = detail::word_at(in.current(), in.size());
    if (word.empty()) return false;
    if (auto near = closest_match(word, {"leg", "arm"}))
        throw located_error("unknown limb '" + std::string(word) + "'; did you mean '" + *near + "'?", in);
    return false;
}

struct max_statement : seq<kw<"max">, ws, must<exercise_name>, ws, must<mass>> {};
struct round_step : quantity {};
template <> inline constexpr auto error_message<round_step> = "expected the step loads are rounded to, a mass such as '2.5 kg'";
struct round_statement : seq<kw<"round">, ws, must<round_step>> {};
// `training-max 90%` (of every max), `training-max squat 180 kg` (one exercise's).
struct training_max_share : quantity {};
struct training_max_mass : quantity {};
template <> inline constexpr auto error_message<training_max_mass> = "expected the exercise's training max, a mass such as '180 kg'";
struct training_max_value : sor<seq<at<digit>, training_max_share>, seq<exercise_name, ws, must<training_max_mass>>> {};
template <> inline constexpr auto error_message<training_max_value> =
    "expected a share of every max such as '90%', or an exercise and its training max such as 'squat 180 kg'";
struct training_max_statement : seq<kw<"training-max">, ws, must<training_max_value>> {};
// ---------------------------------------------------------------- equipment

// `bar 20 kg`: the barbell's own mass.
struct bar_mass : quantity {};
template <> inline constexpr auto error_message<bar_mass> = "expected the bar's mass, such as '20 kg'";
struct bar_statement : seq<kw<"bar">, ws, must<bar_mass>> {};

// `plates 25 20 15 10 5 2.5 1.25 kg`, `plates 4x25, 2x20, 10 5 2.5 kg`: the
// masses of the plates, one unit for all, after the last; a count (of
// plates, not pairs) where they are limited.
struct plate_count : number {};
struct plate_mass : number {};
template <> inline constexpr auto error_message<plate_mass> = "expected the plate's mass after its count, as in '4x25'";
struct plate_item : sor<seq<plate_count, ws, times_sign, ws, must<plate_mass>>, plate_mass> {};
struct plates_unit : sor<unit, unknown_unit> {};
template <> inline constexpr auto error_message<plates_unit> =
    "expected the plates' unit after the last of them, as in 'plates 25 20 10 5 kg'";
struct plate_list : seq<plate_item, star<ws, opt<one<','>, ws>, plate_item>, ws, must<plates_unit>> {};
template <> inline constexpr auto error_message<plate_list> =
    "expected the plates' masses and their unit, such as '25 20 15 10 5 2.5 1.25 kg', with a count where limited ('4x25')";
struct plates_statement : seq<kw<"plates">, ws, must<plate_list>> {};

// `barbell squat, bench-press`, `dumbbell curl step 2 kg`, `machine
// leg-curl step 5 kg`: what an exercise is loaded with. The builder checks
// which kinds take a step.
struct equipment_kind : sor<kw<"barbell">, kw<"dumbbell">, kw<"machine">> {};
struct marked_exercise : seq<not_at<kw<"step">>, exercise_name> {};
template <> inline constexpr auto error_message<marked_exercise> =
    "expected the exercises it is used for, such as 'barbell squat, bench-press'";
struct equipment_step_mass : quantity {};
template <> inline constexpr auto error_message<equipment_step_mass> = "expected the step its loads go in, a mass such as '2 kg'";
struct equipment_step : seq<kw<"step">, ws, must<equipment_step_mass>> {};
// `dumbbell curl 2 kg`: a step without its keyword.
struct step_without_keyword : number {};
template <> inline constexpr auto error_message<step_without_keyword> = "expected 'step' before the step, as in 'dumbbell curl step 2 kg'";
// `dumbbell curl stp 2 kg`: a word close to 'step' before a number.
struct misspelt_step : hand_written<misspelt_step> {
    template <typename ParseInput> static bool match(ParseInput& in);
};
struct equipment_statement
    : seq<equipment_kind, ws, must<marked_exercise>, star<ws, opt<one<','>, ws>, sor<misspelt_step, marked_exercise>>,
          opt<ws, sor<equipment_step, seq<at<number>, raise<step_without_keyword>>>>> {};

template <typename ParseInput> bool misspelt_step::match(ParseInput& in)
{
    const auto word = detail::word_at(in.current(), in.size());
    if (word.empty() || word == "step") return false;
    std::string_view rest(in.current() + word.size(), in.size() - word.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty() || !std::isdigit(static_cast<unsigned char>(rest.front()))) return false;
    if (closest_match(std::string(word), {"step"}))
        throw located_error("unknown word '" + std::string(word) + "'; did you mean 'step'?", in);
    return false;
}

struct condition_name : identifier {};
template <> inline constexpr auto error_message<condition_name> = "expected a health condition such as 'arterial-hardening'";
struct condition_statement : seq<kw<"condition">, ws, must<condition_name>, star<ws, opt<one<','>, ws>, condition_name>> {};

// `aop leg 180 mmHg`, `aop arm 140 mmHg width 5 cm`: the arterial occlusion
// pressure measured on that limb (the builder checks it is in mmHg).
struct occlusion_pressure : quantity {};
template <> inline constexpr auto error_message<occlusion_pressure> =
    "expected the arterial occlusion pressure in mmHg, such as '180 mmHg'";
struct measured_width : seq<kw<"width">, ws, must<length>> {};
struct aop_statement : seq<kw<"aop">, ws, must<limb_name>, ws, must<occlusion_pressure>, opt<ws, measured_width>> {};

// `cleared bfr.precaution "Dr Lee, 2027-01-10"`: a clinician's clearance of one rule.
struct cleared_rule : dotted_name {};
template <> inline constexpr auto error_message<cleared_rule> = "expected the id of the rule cleared, such as 'bfr.precaution'";
struct clearance : string_literal {};
template <> inline constexpr auto error_message<clearance> = "expected who cleared it and when, in quotes, such as \"Dr Lee, 2027-01-10\"";
struct cleared_statement : seq<kw<"cleared">, ws, must<cleared_rule>, ws, must<clearance>> {};

struct athlete_statement
    : keyword_switch<max_statement, round_statement, training_max_statement, bar_statement, plates_statement, equipment_statement,
                     condition_statement, aop_statement, cleared_statement, misspelt_keyword<athlete_keywords>> {};
template <> inline constexpr auto error_message<athlete_statement> =
    "expected 'max EXERCISE 180 kg', 'round 2.5 kg', 'training-max 90%', 'bar 20 kg', 'plates 25 20 10 5 kg', 'barbell EXERCISE', "
    "'condition NAME', 'aop leg 180 mmHg' or 'cleared RULE \"who, when\"' inside an athlete";
struct athlete_body : body_of<athlete_statement> {};
template <> inline constexpr auto error_message<athlete_body> = "expected '{' to open the athlete";
struct athlete_name : string_literal {};
template <> inline constexpr auto error_message<athlete_name> = "expected the athlete's name in quotes, such as \"Alex\"";
struct athlete_definition : seq<kw<"athlete">, ws, must<athlete_name>, ws, must<athlete_body>> {};

// ================================================================ groups

// `group "U18" { "Ann", "Ben", "Cat" }`: athletes a program can be written
// for at once (`program "X" for "U18"`). The members are names, separated
// by ',' or written on lines of their own.
struct group_member : string_literal {};
template <> inline constexpr auto error_message<group_member> = "expected an athlete's name in quotes, such as \"Ann\"";
struct group_members : seq<group_member, star<ws, one<','>, ws, must<group_member>>> {};
template <> inline constexpr auto error_message<group_members> =
    "expected the group's athletes, their names in quotes separated by ',', such as \"Ann\", \"Ben\"";
struct group_body : body_of<group_members> {};
template <> inline constexpr auto error_message<group_body> = "expected '{' with the group's athletes, as in '{ \"Ann\", \"Ben\" }'";
struct group_name : string_literal {};
template <> inline constexpr auto error_message<group_name> = "expected the group's name in quotes, such as \"U18\"";
struct group_definition : seq<kw<"group">, ws, must<group_name>, ws, must<group_body>> {};

// ================================================================ health conditions

// `condition venous-thromboembolism "history of DVT or pulmonary embolism" {
//   class absolute; alias dvt, pulmonary-embolism; source "..." }`: one entry
// of the screening vocabulary (std.conditions declares the standard ones).
struct health_condition_keywords {
    static constexpr bool exercises_allowed = false;
    static std::vector<std::string> words() { return {"class", "alias", "source"}; }
};
struct class_name : identifier {};
template <> inline constexpr auto error_message<class_name> = "expected the condition's class, such as 'absolute' or 'relative'";
struct class_statement : seq<kw<"class">, ws, must<class_name>> {};
struct alias_name : identifier {};
template <> inline constexpr auto error_message<alias_name> = "expected another name of the condition, such as 'dvt'";
struct alias_statement : seq<kw<"alias">, ws, must<alias_name>, star<ws, opt<one<','>, ws>, alias_name>> {};
struct condition_source : string_literal {};
template <> inline constexpr auto error_message<condition_source> =
    "expected the source in quotes, such as \"Nascimento et al., Front Physiol 2022\"";
struct condition_source_statement : seq<kw<"source">, ws, must<condition_source>> {};
struct health_condition_statement
    : keyword_switch<class_statement, alias_statement, condition_source_statement, misspelt_keyword<health_condition_keywords>> {};
template <> inline constexpr auto error_message<health_condition_statement> =
    "expected 'class absolute', 'alias NAME, NAME' or 'source \"...\"' inside a condition";
struct health_condition_body : body_of<health_condition_statement> {};
template <> inline constexpr auto error_message<health_condition_body> =
    "expected '{' with the condition's 'class', as in '{ class absolute }'";
struct declared_condition : identifier {};
struct condition_description : string_literal {};
template <> inline constexpr auto error_message<condition_description> =
    "expected the condition's one-line description in quotes, such as \"history of deep-vein thrombosis\"";
// Told from an athlete's `condition a, b` written at the top level by the
// name being followed by neither ',' nor the end of the statement.
struct health_condition_definition : seq<kw<"condition">, ws, declared_condition, ws, not_at<sor<one<','>, statement_end>>,
                                         must<condition_description>, ws, must<health_condition_body>> {};

}  // namespace meso::grammar
