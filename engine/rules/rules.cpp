#include "engine/rules/rules.h"

namespace meso {

// Not built yet (issue 4): no rule is checked.
std::vector<Diagnostic> check_rules(const ir::Module&, const ScheduleResult&) { return {}; }

}  // namespace meso
