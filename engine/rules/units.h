// The rules' unit handling, in one place (private to engine/rules): how a
// value written in a rule is converted to its metric's canonical unit, and
// how a measured value is written back in a finding. The units, their
// dimensions and factors are engine/base/units.h's table.
#pragma once

#include <optional>
#include <string>

#include "engine/ir/ir.h"
#include "engine/rules/metrics.h"
#include "grammar/syntax.h"

namespace meso::rules {

// The kind of metric a value of this unit can be compared with; a mass is
// never a metric's kind (the loader reports it as a mass).
Kind kind_of_unit(syntax::Unit unit);

// A time as a finding writes it: "4 h", "90 min", "90 s".
std::string duration_text(double seconds);

}  // namespace meso::rules
