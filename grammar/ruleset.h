// The grammar of rule sets: `ruleset bfr "..." { applies to blocks where ...;
// rule min-gap error "..." { require gap >= 4 h } }` and the conditions
// rules are made of. Internal to grammar/: see grammar.h.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grammar/athlete.h"
#include "grammar/block.h"
#include "grammar/bodies.h"
#include "grammar/lexical.h"

namespace meso::grammar {

// ================================================================ rule sets

struct ruleset_keywords {
    static constexpr bool exercises_allowed = false;
    static std::vector<std::string> words() { return {"source", "applies", "rule", "note"}; }
};
struct rule_keywords {
    static constexpr bool exercises_allowed = false;
    static std::vector<std::string> words() { return {"require", "forbid", "source", "note", "allow", "replaces"}; }
};

struct metric : identifier {};
struct comparator_sign : one<'<', '>', '=', '!'> {};
// A run of comparison signs that is not a comparison: `=>`, `==`, `<>`, `≥`.
struct unknown_comparator : hand_written<unknown_comparator> {
    template <typename ParseInput> static bool match(ParseInput& in);
};
struct comparator
    : sor<seq<sor<string<'<', '='>, string<'>', '='>, string<'!', '='>, one<'<'>, one<'>'>, one<'='>>, not_at<comparator_sign>>,
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
struct exercise_keyword : kw<"exercise"> {};
struct week_keyword : kw<"week"> {};
// `every exercise C`, `every week C`: what the condition is checked for, one at a time.
struct quantified_subject : sor<exercise_keyword, week_keyword> {};
template <> inline constexpr auto error_message<quantified_subject> =
    "expected 'exercise' or 'week', as in 'every exercise load <= 30%' or 'every week days-per-week <= 3'";
struct every_keyword : kw<"every"> {};
struct any_keyword : kw<"any"> {};
struct quantified : seq<sor<every_keyword, any_keyword>, ws, must<quantified_subject>, ws, must<nested_unary>> {};
struct has_condition : seq<kw<"has">, ws, kw<"condition">> {};
template <> inline constexpr auto error_message<has_condition> =
    "expected 'has condition', as in 'athlete has condition arterial-hardening'";
struct condition_class_name : identifier {};
template <> inline constexpr auto error_message<condition_class_name> = "expected a class of health conditions such as 'absolute'";
// `athlete has condition of class absolute`: any condition of the vocabulary of that class.
struct class_keyword : kw<"class"> {};
template <> inline constexpr auto error_message<class_keyword> = "expected 'class', as in 'athlete has condition of class absolute'";
struct of_class : seq<kw<"of">, ws, must<class_keyword>, ws, must<condition_class_name>> {};
struct condition_or_class : sor<of_class, condition_name> {};
template <> inline constexpr auto error_message<condition_or_class> =
    "expected a health condition such as 'arterial-hardening', or 'of class absolute'";
struct athlete_has : seq<kw<"athlete">, ws, must<has_condition>, ws, must<condition_or_class>> {};
struct and_keyword : kw<"and"> {};
template <> inline constexpr auto error_message<and_keyword> = "expected 'and', as in 'load between 20% and 30%'";
struct between_condition : seq<metric, ws, kw<"between">, ws, must<value>, ws, must<and_keyword>, ws, must<value>> {};
struct comparison : seq<metric, ws, must<comparator>, ws, must<value>> {};
struct primary_condition : sor<parenthesized, quantified, athlete_has, between_condition, comparison> {};
struct not_condition : seq<kw<"not">, ws, must<nested_unary>> {};
struct unary_condition : sor<not_condition, primary_condition> {};
template <> inline constexpr auto error_message<unary_condition> = "expected a condition such as 'sessions >= 24'";
struct and_condition : seq<unary_condition, star<ws, and_keyword, ws, must<unary_condition>>> {};
template <> inline constexpr auto error_message<and_condition> = "expected a condition such as 'sessions >= 24'";
struct or_keyword : kw<"or"> {};
struct or_condition : seq<and_condition, star<ws, or_keyword, ws, must<and_condition>>> {};
struct condition : or_condition {};
template <> inline constexpr auto error_message<condition> = "expected a condition such as 'gap >= 4 h'";

struct require_statement : seq<kw<"require">, ws, must<condition>> {};
struct forbid_statement : seq<kw<"forbid">, ws, must<condition>> {};
struct citation : string_literal {};
template <> inline constexpr auto error_message<citation> = "expected the source in quotes, such as \"Abe et al., IJKTR 2005\"";
// How firm a source is: `source trial "..."` (engine/rules checks the word
// when the rule set is loaded: position-stand, meta-analysis, trial, ...).
struct firmness : identifier {};
struct source_statement : seq<kw<"source">, ws, opt<firmness, ws>, must<citation>> {};
// `allow never`: no `allow` or `cleared` can accept the rule's findings.
struct never_keyword : kw<"never"> {};
template <> inline constexpr auto error_message<never_keyword> = "expected 'never': a rule says 'allow never' when it cannot be allowed";
struct allow_never_statement : seq<kw<"allow">, ws, must<never_keyword>> {};
// `replaces bfr.min-gap, bfr.occlusion`: the ids this rule took over.
struct replaced_id : dotted_name {};
template <> inline constexpr auto error_message<replaced_id> = "expected the old rule id, such as 'bfr.min-gap'";
struct replaces_statement : seq<kw<"replaces">, ws, must<replaced_id>, star<ws, one<','>, ws, must<replaced_id>>> {};
struct rule_statement : keyword_switch<require_statement, forbid_statement, source_statement, note_statement, allow_never_statement,
                                       replaces_statement, misspelt_keyword<rule_keywords>> {};
template <> inline constexpr auto error_message<rule_statement> =
    "expected 'require CONDITION', 'forbid CONDITION', 'source \"...\"', 'note \"...\"', 'allow never' or 'replaces RULE-ID'";
struct rule_body : body_of<rule_statement> {};
template <> inline constexpr auto error_message<rule_body> = "expected '{' with the rule's 'require' or 'forbid'";
struct rule_name : identifier {};
template <> inline constexpr auto error_message<rule_name> = "expected the rule's name, such as 'min-gap'";
// Any word: engine/rules checks it is error, warning or info when the rule set is loaded.
struct severity : identifier {};
template <> inline constexpr auto error_message<severity> = "expected a severity: error, warning or info";
struct rule_message : string_literal {};
template <> inline constexpr auto error_message<rule_message> = "expected the rule's message in quotes";
struct rule_definition : seq<kw<"rule">, ws, must<rule_name>, ws, must<severity>, ws, must<rule_message>, ws, must<rule_body>> {};
struct bfr_blocks : seq<kw<"bfr">, ws, kw<"blocks">> {};
struct blocks_keyword : seq<kw<"to">, ws, sor<kw<"blocks">, bfr_blocks>> {};
template <> inline constexpr auto error_message<blocks_keyword> =
    "expected 'to blocks' or 'to bfr blocks', as in 'applies to blocks where method = bfr'";
struct applies_statement : seq<kw<"applies">, ws, must<blocks_keyword>, opt<ws, kw<"where">, ws, must<condition>>> {};
struct ruleset_statement
    : keyword_switch<source_statement, applies_statement, rule_definition, note_statement, misspelt_keyword<ruleset_keywords>> {};
template <> inline constexpr auto error_message<ruleset_statement> =
    "expected 'source', 'applies to blocks', 'rule' or 'note' inside a rule set";
struct ruleset_body : body_of<ruleset_statement> {};
template <> inline constexpr auto error_message<ruleset_body> = "expected '{' to open the rule set";
struct ruleset_name : identifier {};
template <> inline constexpr auto error_message<ruleset_name> = "expected the rule set's name, such as 'bfr'";
struct ruleset_definition : seq<kw<"ruleset">, ws, must<ruleset_name>, ws, opt<title, ws>, must<ruleset_body>> {};

template <typename ParseInput> bool unknown_comparator::match(ParseInput& in)
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
        else if (i + 2 < n && p[i] == '\xE2' && p[i + 1] == '\x89' && (p[i + 2] == '\xA5' || p[i + 2] == '\xA4' || p[i + 2] == '\xA0')) {
            ascii += p[i + 2] == '\xA5' ? "≥" : p[i + 2] == '\xA4' ? "≤" : "≠";
            i += 3;
        }
        else {
            break;
        }
    }
    if (i == 0) return false;
    static const std::pair<std::string_view, std::string_view> fixes[] = {{"=>", ">="}, {"=<", "<="}, {"==", "="},   {"===", "="},
                                                                          {"<>", "!="}, {"!", "!="},  {"!==", "!="}, {"≥", ">="},
                                                                          {"≤", "<="},  {"≠", "!="}};
    std::string message = "unknown comparison '" + ascii + "'";
    for (const auto& [wrong, right] : fixes)
        if (ascii == wrong) message += "; did you mean '" + std::string(right) + "'?";
    if (message.back() != '?') message += "; the comparisons are =, !=, <, <=, >, >=";
    throw located_error(message, in);
}

}  // namespace meso::grammar
