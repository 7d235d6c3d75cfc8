// Accepting findings, private to engine/rules: a block's `allow RULE-ID
// "reason"` and an athlete's `cleared RULE-ID "who, when"` mark the findings
// of a rule as suppressed (rules.h says what each accepts and when it is
// wrong). The checker applies them to each block's findings as it goes, and
// reports the block's allows once every block of a program is checked, so
// that the blocks of every cycle of a `repeat` are judged together.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/ir/ir.h"
#include "engine/rules/rules.h"

namespace meso::rules {

// An `allow` of a block, and whether it accepted a finding: one for the
// same allow of the same block in every cycle of a repeat, so that an allow
// is reported once, and as accepting nothing only when it accepts nothing
// in every cycle.
struct AllowUse {
    const ir::Allow* allow = nullptr;  // of the first cycle's block
    const ir::Block* block = nullptr;
    bool used = false;
};

// The block's `allow`s, on the rules' findings of this block (from `first`
// to the end): one a rule and exercise. What each did goes to `uses`.
void apply_allows(const RuleBook& book, const ir::Block& block, std::size_t first, std::vector<Diagnostic>& findings,
                  std::vector<AllowUse>& uses);

// An error for each allow of a rule it cannot accept, and a warning for
// each that accepted nothing: once an allow, after every block.
void report_allows(const RuleBook& book, const std::vector<AllowUse>& uses, std::vector<Diagnostic>& findings);

// The athlete's clearances, on the rules' findings of this block (from
// `first` to the end): each suppresses its rule's findings, after the
// block's allows; one whose rule had a finding is used, even when an allow
// accepted it first.
void apply_clearances(const RuleBook& book, const ir::Athlete* athlete, std::size_t first, std::vector<Diagnostic>& findings,
                      ClearanceUses* uses);

}  // namespace meso::rules
