// The grammar of athletes: `athlete "Alex" { max squat 180 kg; round 2.5 kg;
// condition arterial-hardening }`. Internal to grammar/: see grammar.h.
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
    static std::vector<std::string> words() { return {"max", "round", "condition"}; }
};

struct max_statement : seq<kw<"max">, ws, must<exercise_name>, ws, must<mass>> {};
struct round_step : quantity {};
template <> inline constexpr auto error_message<round_step> = "expected the step loads are rounded to, a mass such as '2.5 kg'";
struct round_statement : seq<kw<"round">, ws, must<round_step>> {};
struct condition_name : identifier {};
template <> inline constexpr auto error_message<condition_name> = "expected a health condition such as 'arterial-hardening'";
struct condition_statement : seq<kw<"condition">, ws, must<condition_name>, star<ws, opt<one<','>, ws>, condition_name>> {};
struct athlete_statement : sor<max_statement, round_statement, condition_statement, misspelt_keyword<athlete_keywords>> {};
template <> inline constexpr auto error_message<athlete_statement> =
    "expected 'max EXERCISE 180 kg', 'round 2.5 kg' or 'condition NAME' inside an athlete";
struct athlete_body : body_of<athlete_statement> {};
template <> inline constexpr auto error_message<athlete_body> = "expected '{' to open the athlete";
struct athlete_name : string_literal {};
template <> inline constexpr auto error_message<athlete_name> = "expected the athlete's name in quotes, such as \"Alex\"";
struct athlete_definition : seq<kw<"athlete">, ws, must<athlete_name>, ws, must<athlete_body>> {};

}  // namespace meso::grammar
