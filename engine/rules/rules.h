// The rules engine: rule sets (written in the language, see language.md §5)
// checked against dated sessions. Nothing about a particular guideline is
// written in C++.
//
//   std::vector<Diagnostic> findings = check_rules(module, schedule);
//
// Rule sets come from module.rulesets (the file's own, its uses, --rules
// files and, unless turned off, std.bfr and std.general). They are
// type-checked when loaded: unknown metrics, units of the wrong kind and
// unknown severities are located errors in the rule file.
#pragma once

#include <vector>

#include "engine/ir/ir.h"
#include "engine/schedule/schedule.h"
#include "grammar/diagnostic.h"

namespace meso {

std::vector<Diagnostic> check_rules(const ir::Module& module, const ScheduleResult& schedule);

}  // namespace meso
