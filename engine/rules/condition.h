// The typed rule IR, private to engine/rules: what load_rules makes of a
// rule's `require`/`forbid` and of a set's `applies to blocks where`, and
// the only form the checker reads (it never sees a syntax tree).
//
// A condition is in negation normal form: `not` is pushed down to the
// leaves when it is loaded, so that "every value holds" is the one rule for
// metrics with a value per day, week, pair or set (`forbid gap < 4 h` is
// `require gap >= 4 h`). Each leaf names its metric by its row in the metric
// table (metrics.h) and holds its value already in the metric's canonical
// unit (units.h).
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "grammar/syntax.h"

namespace meso::rules {

struct MetricRow;
struct Condition;

using syntax::Comparator;

// A number in the canonical unit of its metric's kind: seconds, % of 1RM,
// mmHg or % AOP, cm, or a count.
struct Amount {
    double value = 0;
    bool percent_aop = false;  // a pressure in % AOP, which never compares with mmHg
};

// `method = bfr`, `occlusion != none`: a metric whose values are names.
struct NameIs {
    const MetricRow* metric = nullptr;
    bool equal = true;  // false: `!=`
    std::string name;
};

// `gap >= 4 h`, `sessions-per-day <= 2`.
struct CompareAmount {
    const MetricRow* metric = nullptr;
    Comparator comparator = Comparator::eq;
    Amount amount;
};

// `load between 20% and 40%` (inside), or its negation (outside: below the
// low end or above the high one). Both ends have one unit.
struct InRange {
    const MetricRow* metric = nullptr;
    bool inside = true;
    Amount low;
    Amount high;
};

// `athlete has condition hypertension` (has), `athlete has condition of
// class absolute`, or their negation: the athlete has one of `conditions`
// (canonical names of the vocabulary).
struct AthleteCondition {
    std::vector<std::string> conditions;
    std::string condition_class;  // "absolute" for `of class absolute`; "" for a condition by name
    bool has = true;
};

struct AllOf {
    std::vector<Condition> operands;
};

struct AnyOf {
    std::vector<Condition> operands;
};

// `every exercise C`: C holds for each exercise of the block; a finding is
// given per exercise that fails it.
struct EveryExercise {
    std::shared_ptr<const Condition> body;
};

// `any exercise C`: C holds for at least one exercise of the block.
struct AnyExercise {
    std::shared_ptr<const Condition> body;
};

// `every week C`: C holds for each whole block week, its week metrics
// (days-per-week, bfr-run-week) taken for that week alone.
struct EveryWeek {
    std::shared_ptr<const Condition> body;
};

// `any week C`: C holds for at least one whole block week.
struct AnyWeek {
    std::shared_ptr<const Condition> body;
};

struct Condition {
    std::variant<NameIs, CompareAmount, InRange, AthleteCondition, AllOf, AnyOf, EveryExercise, AnyExercise, EveryWeek, AnyWeek> node;
};

}  // namespace meso::rules
