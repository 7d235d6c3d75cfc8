// The grammar of a file: its top-level statements (use, athlete, group, program,
// template, ruleset, condition), and statements written at the top level that belong
// inside one. Internal to grammar/: see grammar.h.
#pragma once

#include <string>
#include <vector>

#include "grammar/athlete.h"
#include "grammar/block.h"
#include "grammar/bodies.h"
#include "grammar/lexical.h"
#include "grammar/program.h"
#include "grammar/ruleset.h"

namespace meso::grammar {

// ================================================================ the file

struct top_keywords {
    static constexpr bool exercises_allowed = false;
    static std::vector<std::string> words() { return {"use", "athlete", "group", "program", "template", "ruleset", "condition"}; }
};

struct module_reference : sor<string_literal, dotted_name> {};
template <> inline constexpr auto error_message<module_reference> = "expected a module such as 'std.bfr' or a file such as \"plan.meso\"";
struct use_statement : seq<kw<"use">, ws, must<module_reference>> {};

// Statements that belong inside something, written at the top level: say where.
struct misplaced_program_statement : sor<kw<"start">, kw<"end">, kw<"competition">, kw<"timezone">, kw<"coach">, kw<"calendar-id">,
                                         kw<"skip">, kw<"pause">, kw<"then">, seq<number, ws, unit>> {};
template <> inline constexpr auto error_message<misplaced_program_statement> =
    "this statement belongs in a program: write it inside 'program \"NAME\" { ... }'";
struct misplaced_block_statement : sor<misplaced_in_program, exercise_start> {};
template <> inline constexpr auto error_message<misplaced_block_statement> =
    "this statement belongs in a block: write it inside 'template NAME { ... }', or in a program's block as in '3 weeks \"Base\" { ... }'";
struct misplaced_athlete_statement : sor<kw<"max">, kw<"round">, kw<"aop">, kw<"cleared">> {};
template <> inline constexpr auto error_message<misplaced_athlete_statement> =
    "this statement belongs in an athlete: write it inside 'athlete \"NAME\" { ... }'";
// `condition a, b` at the top level: an athlete's list, or a declaration without its description.
struct misplaced_condition_list : kw<"condition"> {};
template <> inline constexpr auto error_message<misplaced_condition_list> =
    "an athlete's conditions belong in an athlete: write 'condition NAME' inside 'athlete \"NAME\" { ... }'; to declare a condition of "
    "the vocabulary, write 'condition NAME \"description\" { class absolute }'";
struct misplaced_rule_statement : sor<kw<"rule">, kw<"require">, kw<"forbid">, kw<"applies">, kw<"source">> {};
template <> inline constexpr auto error_message<misplaced_rule_statement> =
    "this statement belongs in a rule set: write it inside 'ruleset NAME { ... }'";
struct stray_close_brace : one<'}'> {};
template <> inline constexpr auto error_message<stray_close_brace> =
    "this '}' closes nothing: remove it, or add the '{' it was meant to close";
template <typename Misplaced> struct misplaced : seq<at<Misplaced>, raise<Misplaced>> {};

struct top_statement
    : keyword_switch<use_statement, athlete_definition, group_definition, program_definition, template_definition, ruleset_definition,
                     health_condition_definition, misplaced<misplaced_program_statement>, misplaced<misplaced_block_statement>,
                     misplaced<misplaced_athlete_statement>, misplaced<misplaced_condition_list>, misplaced<misplaced_rule_statement>,
                     misplaced<stray_close_brace>, misspelt_keyword<top_keywords>> {};
template <> inline constexpr auto error_message<top_statement> =
    "expected 'use', 'athlete', 'group', 'program', 'template', 'ruleset' or 'condition'";

struct file : seq<gap, star<not_at<ws, eof>, recover<top_statement, true>, gap>, ws, eof> {};

}  // namespace meso::grammar
