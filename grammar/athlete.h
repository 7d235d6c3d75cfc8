// The grammar of athletes: `athlete "Alex" { max squat 180 kg; round 2.5 kg;
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
    static std::vector<std::string> words() { return {"max", "round", "training-max", "condition", "aop", "cleared"}; }
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

struct athlete_statement : sor<max_statement, round_statement, training_max_statement, condition_statement, aop_statement,
                               cleared_statement, misspelt_keyword<athlete_keywords>> {};
template <> inline constexpr auto error_message<athlete_statement> =
    "expected 'max EXERCISE 180 kg', 'round 2.5 kg', 'training-max 90%', 'condition NAME', 'aop leg 180 mmHg' or 'cleared RULE \"who, when\"' inside an athlete";
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
    : sor<class_statement, alias_statement, condition_source_statement, misspelt_keyword<health_condition_keywords>> {};
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
