// The grammar of the meso language, in PEGTL.
//
// One rule per construct of the language (docs/language.md), named after
// it, with the message a user sees when the construct is required and
// missing written right beside it (error_message<rule>). Read in the order
// below, the files are the syntax reference:
//
//   lexical.h       blanks, names, strings, numbers, units, dates, times, weekdays
//   bodies.h        `{ ... }` with error recovery, misspelt keywords, nesting
//   keyword_switch.h  a body's statements, tried only where their keyword stands
//   prescription.h  `squat 5x5 @ 75% +2.5% per week rest 3 min`
//   block.h         block statements, splits, week overrides, templates
//   athlete.h       `athlete "Alex" { ... }`
//   program.h       `program "..." { start ...; 3 weeks kaatsu ... }`
//   ruleset.h       rule sets, rules and their conditions
//   file.h          the top level
//
// A few rules are hand-written (string_literal, unit, unknown_unit,
// recover, nested, ...): they report errors that depend on the text
// (did-you-mean, the line of an unclosed '{'), read the units table, or
// bound the parser's recursion; each is defined beside its declaration.
//
// Internal to grammar/: include grammar/parse.h to parse.
#pragma once

#include "grammar/athlete.h"
#include "grammar/block.h"
#include "grammar/bodies.h"
#include "grammar/file.h"
#include "grammar/lexical.h"
#include "grammar/prescription.h"
#include "grammar/program.h"
#include "grammar/ruleset.h"
