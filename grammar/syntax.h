// The syntax tree of a .meso file: exactly what the user wrote, nothing
// resolved.
//
// Every node carries the Span of the text that made it. Comments and blank
// lines are kept as Trivia on the statement they precede or follow, so the
// formatter can print a file back without losing any of them. Names are not
// looked up, units are not converted, templates are not expanded: that is
// engine/resolve's work. Dates and clock times are checked to exist when the
// tree is built (2027-02-30 and 25:00 are syntax errors).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/base/source.h"
#include "engine/base/units.h"
#include "grammar/syntax_holders.h"
#include "grammar/syntax_tokens.h"

namespace meso::syntax {

// ---------------------------------------------------------------- trivia

struct Comment {
    Span span;
    std::string text;  // from '#' to the end of the line, trailing blanks removed
    bool blank_line_before = false;
};

struct Trivia {
    bool blank_line_before = false;  // an empty line separates this statement from the one before
    std::vector<Comment> leading;    // comment lines just above the statement
    HeapOptional<Comment> trailing;  // a comment after the statement on its last line
};

// ---------------------------------------------------------------- prescriptions

struct Progression {  // `+2.5% per week`, `+5 kg per week`
    Quantity step;    // signed amount
    Span span;
};

// `RPE 8`, `RIR 2`: how hard a set is, on its own or after a load (`80% RIR 2`).
struct Effort {
    enum class Kind { rpe, rir };
    Kind kind = Kind::rpe;
    Number value;
    Span span;
};

struct Load {
    enum class Kind { percent, mass, effort };  // effort: loaded by effort alone (`RPE 8`, `RIR 2`), held in `effort`
    Kind kind = Kind::percent;
    Quantity from;               // unused for effort
    std::optional<Quantity> to;  // a ramp `70%..85%`
    std::optional<Progression> per_week;
    bool of_training_max = false;  // `85% TM`: the percentages (and the step) are of the athlete's training max
    std::optional<Effort> effort;  // `80% RPE 8`, `@ RIR 2`
    Span span;
};

// The reps of one set as written: `5`, `5+` (as many as possible, at least
// 5), `8-12` (a range), or `45 s` (a timed set).
struct Reps {
    // A rep list of a 1 MB file holds hundreds of thousands of these: the
    // rare parts are on the heap.
    Number count;                   // the reps; for a timed set, the duration's amount
    HeapOptional<Number> most;      // `8-12`: 12
    bool amrap = false;             // `5+`
    HeapOptional<Quantity> length;  // `45 s`, `1 min`
    Span span;
};

struct Scheme {
    enum class Form { sets_x_reps, rep_list };
    Form form = Form::sets_x_reps;
    Number sets;             // for sets_x_reps
    std::vector<Reps> reps;  // one for sets_x_reps; one per set for rep_list
    Span span;
};

// `65% x 5` of `squat 65% x 5, 75% x 5, 85% x 5+` and of a warm-up: a load and the reps of its sets.
struct SetGroup {
    Load load;
    Scheme scheme;  // a rep list
    Span span;
};

struct Prescription {
    Name exercise;
    Scheme scheme;  // of the load-first form, the first group's
    HeapOptional<Load> load;
    bool load_first = false;            // `squat 20% x 30,15,15,15` rather than `squat 30,15,15,15 @ 20%`
    std::vector<SetGroup> more_groups;  // the load-first form's groups after the first: `, 75% x 5, 85% x 5+`
    std::vector<SetGroup> warm_up;      // `warm-up 40% x 5, 50% x 5`, in order
    Span warm_up_span;                  // the whole modifier, when there is one
    bool each_side = false;             // `each side`
    HeapOptional<Quantity> rest;
    Span span;
    Trivia trivia;
};

// ---------------------------------------------------------------- block statements

struct BlockStatement;

// The braces of any `{ ... }` and the comments that belong to them rather
// than to a statement inside.
struct Braces {
    std::vector<Comment> end_comments;   // comments after the last statement, before '}'
    HeapOptional<Comment> open_comment;  // a comment on the line of '{'
    bool single_line = false;            // `{ days mon wed fri }`
    Span span;                           // from '{' to '}'
};

struct Body {  // the `{ ... }` of a template, a block, a week override or a split
    Braces braces;
    std::vector<BlockStatement> statements;
};

struct Method {
    Name value;
    Span span;
    Trivia trivia;
};
struct Days {
    Weekdays days;
    Span span;
    Trivia trivia;
};
struct Sessions {
    std::vector<ClockTime> times;
    std::optional<Quantity> length;  // `for 30 min`
    Span span;
    Trivia trivia;
};
struct Occlusion {
    Name mode;
    Span span;
    Trivia trivia;
};  // continuous | intermittent | none
struct Cuff {
    std::optional<Name> limb;         // `cuff leg 60% AOP`: leg | arm, with a pressure only
    HeapOptional<Quantity> pressure;  // `cuff 160 mmHg`, `cuff 50% AOP`
    HeapOptional<Quantity> width;     // `cuff width 5 cm`
    Span span;
    Trivia trivia;
};
struct WeekOverride {  // `week 4 { ... }`, `week 2..3 deload`, `week 4, 8 { ... }`
    std::vector<WeekItem> weeks;
    bool deload = false;
    HeapOptional<Body> body;
    Span span;
    Trivia trivia;
};
struct Split {  // `mon wed { squat 5x5 @ 75% }`
    Weekdays days;
    Body body;
    Span span;
    Trivia trivia;
};
struct Workout {  // `"A" { squat 5x5 @ 75% }`, in a rotation
    Text name;
    Body body;
    Span span;
    Trivia trivia;
};
struct RotationStatement {
    std::variant<Workout> node;
};
// `rotate { "A" { ... } "B" { ... } }`: the workouts in turn on the block's
// training days; `rotate drop { ... }` drops a skipped day's workout, where
// `shift` (the default) keeps it for the next training day.
struct Rotation {
    std::optional<Name> policy;  // shift | drop, as written; none: shift
    Braces braces;
    std::vector<RotationStatement> workouts;
    Span span;
    Trivia trivia;
};
struct WeekPattern {  // `"A" { squat 5x5 @ 75% }`, in `alternate`
    Text name;
    Body body;  // what a week override's body holds
    Span span;
    Trivia trivia;
};
struct AlternationStatement {
    std::variant<WeekPattern> node;
};
// `alternate { "A" { ... } "B" { ... } }`: the block's weeks take the
// patterns in turn (week 1 A, week 2 B, week 3 A, …).
struct Alternation {
    Braces braces;
    std::vector<AlternationStatement> patterns;
    Span span;
    Trivia trivia;
};
struct Superset {  // `superset { curl 3x10 @ 20 kg  triceps-extension 3x10 @ 15 kg } rest 90 s`
    Name keyword;  // superset | circuit, as written
    Body body;     // prescriptions only (the grammar takes nothing else)
    HeapOptional<Quantity> rest;
    Span span;
    Trivia trivia;
};
struct Allow {
    Name rule;
    Text reason;
    Span span;
    Trivia trivia;
};
struct NoteStatement {
    Text text;
    Span span;
    Trivia trivia;
};

struct BlockStatement {
    std::variant<Method, Days, Sessions, Occlusion, Cuff, WeekOverride, Split, Rotation, Alternation, Superset, Allow, NoteStatement,
                 Prescription>
        node;
};

const Span& span_of(const BlockStatement& statement);
const Trivia& trivia_of(const BlockStatement& statement);

// ---------------------------------------------------------------- top level

struct Use {
    Name module;  // `std.bfr` (dotted, unquoted) or `"file.meso"` (quoted)
    Span span;
    Trivia trivia;
};

struct Max {
    Name exercise;
    Quantity mass;
    Span span;
    Trivia trivia;
};
struct Round {
    Quantity step;
    Span span;
    Trivia trivia;
};
struct TrainingMax {               // `training-max 90%`, `training-max squat 180 kg`
    std::optional<Name> exercise;  // none: a share of every max
    Quantity amount;               // a percentage of the max, or the exercise's training max
    Span span;
    Trivia trivia;
};
struct Bar {  // `bar 20 kg`
    Quantity mass;
    Span span;
    Trivia trivia;
};
struct PlateItem {                // `25` or `4x25`
    std::optional<Number> count;  // plates (not pairs); none: as many as needed
    Number mass;                  // in the statement's unit
    Span span;
};
struct Plates {  // `plates 4x25 2x20 15 10 5 2.5 1.25 kg`
    std::vector<PlateItem> items;
    Unit unit = Unit::kg;
    std::string unit_text;  // as written
    Span unit_span;
    Span span;
    Trivia trivia;
};
struct Equipment {  // `barbell squat, bench-press`, `dumbbell curl step 2 kg`
    Name kind;      // barbell | dumbbell | machine
    std::vector<Name> exercises;
    HeapOptional<Quantity> step;  // dumbbell and machine (the builder reports the rest)
    Span span;
    Trivia trivia;
};
struct ConditionList {
    std::vector<Name> names;
    Span span;
    Trivia trivia;
};
struct Aop {                       // `aop leg 180 mmHg width 5 cm`
    Name limb;                     // leg | arm
    Quantity pressure;             // mmHg (the builder reports any other unit)
    HeapOptional<Quantity> width;  // the cuff it was measured with
    Span span;
    Trivia trivia;
};
struct Cleared {  // `cleared bfr.precaution "Dr Lee, 2027-01-10"`
    Name rule;    // the whole dotted id
    Text by;      // who cleared it and when
    Span span;
    Trivia trivia;
};
struct AthleteStatement {
    std::variant<Max, Round, TrainingMax, ConditionList, Aop, Cleared, Bar, Plates, Equipment> node;
};
struct Athlete {
    Text name;
    Braces braces;  // statements unused; kept for the brace span and its comments
    std::vector<AthleteStatement> statements;
    Span span;
    Trivia trivia;
};
struct GroupMembers {  // `"Ann", "Ben"`: a line of a group's members
    std::vector<Text> names;
    Span span;
    Trivia trivia;
};
struct GroupStatement {
    std::variant<GroupMembers> node;
};
struct Group {  // `group "U18" { "Ann", "Ben", "Cat" }`
    Text name;
    Braces braces;
    std::vector<GroupStatement> statements;
    Span span;
    Trivia trivia;
};
struct Start {
    Date date;
    Span span;
    Trivia trivia;
};
struct End {
    Date date;
    Span span;
    Trivia trivia;
};
struct Competition {  // `competition 2027-06-12 "Nationals"`
    Date date;
    Text name;
    Span span;
    Trivia trivia;
};
struct Timezone {
    Name zone;  // `Europe/Berlin`, or `floating`
    bool floating = false;
    Span span;
    Trivia trivia;
};
struct Coach {
    Text name;
    std::optional<Text> email;  // `<sam@example.org>`, without the angle brackets
    Span span;
    Trivia trivia;
};
struct CalendarId {
    Text id;  // `calendar-id "club.example.org"`
    Span span;
    Trivia trivia;
};
struct Skip {
    DateRange dates;
    std::optional<Text> reason;
    Span span;
    Trivia trivia;
};
struct Pause {
    DateRange dates;
    std::optional<Text> reason;
    Span span;
    Trivia trivia;
};
struct BlockUse {
    bool then = false;           // written with `then`
    bool joined = false;         // on the same line as the block before (`3 weeks a then 2 weeks b`)
    Quantity length;             // `3 weeks`, `10 days`
    Name target;                 // a template (identifier) or, quoted, the name of an inline block
    HeapOptional<Text> as_name;  // `as "Name"`
    HeapOptional<Body> body;     // overrides, or the inline block's statements
    Span span;
    Trivia trivia;
};
// `training-max squat +5 kg per cycle`, in a repeat: the training max of the
// exercise rises by the step each time a cycle of the repeat comes round.
struct CycleRaise {
    Name exercise;
    Quantity step;  // signed: `-2.5 kg` lowers it
    Span span;
    Trivia trivia;
};
struct RepeatStatement;
// `repeat 4 { 3 weeks five-three-one; 1 week deload }`: the blocks of the
// body, in order, `count` times; a repeat may hold one more (the grammar
// bounds the nesting to two levels).
struct Repeat {
    Number count;
    Braces braces;
    std::vector<RepeatStatement> statements;
    Span span;
    Trivia trivia;
};
struct RepeatStatement {
    std::variant<BlockUse, CycleRaise, Repeat> node;
};
struct ProgramStatement {
    std::variant<Start, End, Competition, Timezone, Coach, CalendarId, Skip, Pause, BlockUse, Repeat> node;
};

struct Program {
    Text name;
    std::vector<Text> athletes;  // `for "Alex"`, `for "Ann", "Ben"`, `for "U18"` (a group); none without `for`
    Braces braces;
    std::vector<ProgramStatement> statements;
    Span span;
    Trivia trivia;
};

struct Template {
    Name name;
    std::optional<Text> title;  // `template kaatsu "Kaatsu (BFR) hypertrophy block"`
    Body body;
    Span span;
    Trivia trivia;
};

// ---------------------------------------------------------------- rule sets

struct Condition;

enum class Comparator { eq, ne, lt, le, gt, ge };
const char* to_string(Comparator op);

struct Value {  // the right-hand side of a comparison
    std::variant<Quantity, Number, Name> node;
    Span span;
};

struct Comparison {
    Name metric;
    Comparator op = Comparator::eq;
    Value value;
};
struct Between {
    Name metric;
    Value low;
    Value high;
};
struct Quantified {
    bool every = true;
    bool weeks = false;  // `every week C`: C for each whole block week in turn
    Box<Condition> body;
};  // `every exercise C` / `any exercise C` / `every week C` / `any week C`
struct AthleteHas {
    Name condition;         // a condition of the vocabulary (or an alias), or with of_class a class
    bool of_class = false;  // `athlete has condition of class absolute`
};
struct Not {
    Box<Condition> operand;
};
struct Logical {
    bool is_and = true;
    Box<Condition> left;
    Box<Condition> right;
};
struct Parenthesized {
    Box<Condition> inner;
};

struct Condition {
    std::variant<Comparison, Between, Quantified, AthleteHas, Not, Logical, Parenthesized> node;
    Span span;
};

struct SourceStatement {
    Text citation;
    Span span;
    Trivia trivia;
    std::optional<Name> firmness;  // `source trial "..."`: how firm the source is
};
struct Applies {
    std::optional<Condition> where;
    Span span;
    Trivia trivia;
    bool bfr_blocks = false;  // `applies to bfr blocks`: the blocks ir::is_bfr_block says are BFR blocks
};                            // `applies to blocks where ...`, `applies to bfr blocks`
struct AllowNever {
    Span span;
    Trivia trivia;
};  // `allow never`: the rule's findings cannot be allowed or cleared
struct Replaces {
    std::vector<Name> ids;  // `bfr.min-gap`, full ids
    Span span;
    Trivia trivia;
};  // `replaces bfr.min-gap, bfr.occlusion`
struct Require {
    Condition condition;
    Span span;
    Trivia trivia;
};
struct Forbid {
    Condition condition;
    Span span;
    Trivia trivia;
};
struct RuleStatement {
    std::variant<Require, Forbid, SourceStatement, NoteStatement, AllowNever, Replaces> node;
};

struct Rule {
    Name id;        // `min-gap`; the full id is RULESET.RULE
    Name severity;  // error | warning | info (checked when the rule set is loaded)
    Text message;
    Braces braces;
    std::vector<RuleStatement> statements;
    Span span;
    Trivia trivia;
};

struct RulesetStatement {
    std::variant<SourceStatement, Applies, Rule, NoteStatement> node;
};

struct Ruleset {
    Name name;
    std::optional<Text> title;
    Braces braces;
    std::vector<RulesetStatement> statements;
    Span span;
    Trivia trivia;
};

// ---------------------------------------------------------------- health conditions

struct ConditionClass {  // `class absolute`
    Name value;
    Span span;
    Trivia trivia;
};
struct ConditionAliases {  // `alias dvt, pulmonary-embolism`
    std::vector<Name> names;
    Span span;
    Trivia trivia;
};
struct HealthConditionStatement {
    std::variant<ConditionClass, ConditionAliases, SourceStatement> node;
};

// `condition venous-thromboembolism "history of DVT or pulmonary embolism" { ... }`:
// an entry of the screening vocabulary.
struct HealthConditionDeclaration {
    Name name;
    Text description;
    Braces braces;
    std::vector<HealthConditionStatement> statements;
    Span span;
    Trivia trivia;
};
struct TopStatement {
    std::variant<Use, Athlete, Group, Program, Template, Ruleset, HealthConditionDeclaration> node;
};

struct File {
    const Source* source = nullptr;
    std::vector<TopStatement> statements;
    std::vector<Comment> end_comments;  // comments after the last statement
    std::vector<Comment> all_comments;  // every comment of the file, in order (for checks and tools)
};

}  // namespace meso::syntax
