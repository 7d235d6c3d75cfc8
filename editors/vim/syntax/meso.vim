" Vim syntax file
" Language: meso training programs (.meso)
" See docs/editors.md for installation; docs/language.md for the language.

if exists("b:current_syntax")
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" Identifiers hold '-' (knee-extension), so keywords must not match inside one.
syn iskeyword @,48-57,_,-

syn keyword mesoKeyword use athlete group program template ruleset rule for start end competition timezone coach skip pause then as
syn keyword mesoKeyword method days sessions occlusion cuff width week deload allow note max round condition
syn keyword mesoKeyword aop cleared class alias bar plates barbell dumbbell machine step
syn keyword mesoKeyword source applies to blocks where require forbid rest per every any exercise has
syn keyword mesoKeyword of never replaces
syn keyword mesoKeyword repeat cycle rotate shift drop alternate
syn keyword mesoKeyword training-max calendar-id superset circuit each side warm-up
syn keyword mesoOperatorWord and or not between
syn keyword mesoWeekday mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday
syn keyword mesoConstant continuous intermittent none floating
syn keyword mesoLimb leg arm

" Values: the order matters, later matches win at the same position.
syn match mesoNumber   "\<\d\+\(\.\d\+\)\?\>"
syn match mesoDuration "\<\d\+\(\.\d\+\)\?\s*\(seconds\=\|sec\|s\|minutes\=\|min\|hours\=\|h\|days\=\|weeks\=\)\>"
syn match mesoLoad     "\<\d\+\(\.\d\+\)\?\s*\(%\|kg\>\|lbs\=\>\)"
syn match mesoLoad     "\<\(RPE\|RIR\)\s*\d\+\(\.\d\+\)\?"
syn match mesoLoad     "\<TM\>"
syn match mesoScheme   "\<\d\+\s*[x×]\s*\d\+\>"
syn match mesoPressure "\<\d\+\(\.\d\+\)\?\s*\(%\s*AOP\|mmHg\)\>"
syn match mesoLength   "\<\d\+\(\.\d\+\)\?\s*cm\>"
syn match mesoTime     "\<\d\{1,2}:\d\d\>"
syn match mesoDate     "\<\d\{4}-\d\d-\d\d\>"
syn match mesoOperator "\.\.\|@\|<=\|>=\|!=\|[=<>]"
syn match mesoEmail    "<[^<> \t]\+@[^<> \t]\+>"

" Names: rule ids (bfr.min-gap), modules (std.bfr), a rule's name and severity.
syn match mesoRuleId   "\<\a[[:alnum:]_-]*\(\.\a[[:alnum:]_-]*\)\+\>"
syn match mesoRuleName "\(\<rule\s\+\)\@<=\a[[:alnum:]_-]*"
syn match mesoSeverity "\(\<rule\s\+\a[[:alnum:]_-]*\s\+\)\@<=\(error\|warning\|info\)\>"
syn match mesoTemplate "\(\<template\s\+\)\@<=\a[[:alnum:]_-]*"
" `applies to bfr blocks`: bfr is a keyword there, not a method's name.
syn match mesoBfrBlocks "\(\<applies\s\+to\s\+\)\@<=bfr\(\s\+blocks\>\)\@="
" `source trial "..."`: how firm the source is.
syn match mesoFirmness /\(\<source\s\+\)\@<=\a[[:alnum:]_-]*\(\s*"\)\@=/
" A condition's declaration, `condition NAME "description" {`: the name (not an athlete's list).
syn match mesoConditionName /\(^\s*condition\s\+\)\@<=\a[[:alnum:]_-]*\(\s\+"\)\@=/

syn match  mesoEscape  contained "\\[\"\\n]"
syn match  mesoBadEscape contained "\\[^\"\\n]"
syn region mesoString  start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=mesoEscape,mesoBadEscape oneline
syn match  mesoComment "#.*$" contains=mesoTodo,@Spell
syn keyword mesoTodo   TODO FIXME XXX contained

hi def link mesoKeyword      Keyword
hi def link mesoOperatorWord Operator
hi def link mesoOperator     Operator
hi def link mesoWeekday      Constant
hi def link mesoConstant     Constant
hi def link mesoSeverity     Type
hi def link mesoNumber       Number
hi def link mesoDuration     Number
hi def link mesoLoad         Number
hi def link mesoScheme       Number
hi def link mesoPressure     Number
hi def link mesoLength       Number
hi def link mesoTime         Number
hi def link mesoDate         Number
hi def link mesoEmail        Underlined
hi def link mesoRuleId       Identifier
hi def link mesoRuleName     Function
hi def link mesoTemplate     Function
hi def link mesoBfrBlocks    Keyword
hi def link mesoFirmness     StorageClass
hi def link mesoConditionName Type
hi def link mesoLimb         Constant
hi def link mesoEscape       SpecialChar
hi def link mesoBadEscape    Error
hi def link mesoString       String
hi def link mesoComment      Comment
hi def link mesoTodo         Todo

let b:current_syntax = "meso"

let &cpo = s:cpo_save
unlet s:cpo_save
