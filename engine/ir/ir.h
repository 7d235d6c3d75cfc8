// The IR: a program file with every name looked up, every template expanded
// and every unit normalised — what the scheduler and the rules engine read.
//
// Made by engine/resolve from syntax trees. Units: masses are in the
// athlete's unit (kg, or lb when the athlete's maxes or rounding step are
// in lb), durations in seconds, pressures in mmHg or % AOP as written.
// Every node keeps the Span of the text that made it; a block made from a
// template keeps the span of the template too.
#pragma once

#include <bitset>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/base/source.h"
#include "engine/base/units.h"
#include "grammar/syntax.h"

namespace meso::ir {

// The two units a load is written in; their spellings and factors are
// engine/base/units.h's.
enum class MassUnit { kg, lb };
Unit unit_of(MassUnit unit);
const char* to_string(MassUnit unit);  // "kg", "lb"
double kg_in(MassUnit unit);           // the kilograms in one of the unit: 1, 0.45359237

struct Mass {
    double amount = 0;
    MassUnit unit = MassUnit::kg;
};

// The amount of `m` in the unit `to`: 100 lb is 45.359237 kg.
double convert(Mass m, MassUnit to);

// The limb a cuff is on, and an arterial occlusion pressure is measured on.
enum class Limb { unspecified, leg, arm };
const char* to_string(Limb limb);

// `aop leg 180 mmHg` (optionally `width 11 cm`): the athlete's arterial
// occlusion pressure on that limb, measured with a cuff of that width.
struct OcclusionPressure {
    Limb limb = Limb::leg;
    double mmhg = 0;
    std::optional<double> cuff_width_cm;
    Span span;
};

// `cleared bfr.precaution "Dr Lee, 2027-01-10"`: a clinician accepted that
// rule's finding for this athlete, in every block of every program. Kept on
// the athlete, never on a block, so that a plan shared by a group cannot
// clear one member by accident.
struct Clearance {
    std::string rule;  // "bfr.precaution"
    std::string by;    // who cleared it and when, as written
    Span span;
};

// `plates 4x25 2x20 15 10 5 2.5 1.25 kg`: one kind of plate the athlete
// loads a bar with.
struct Plate {
    double mass = 0;           // in the athlete's unit
    std::optional<int> count;  // plates, not pairs; none: as many as needed
};

// `barbell squat`, `dumbbell curl step 2 kg`, `machine leg-curl step 5 kg`:
// what an exercise is loaded with, and so how its loads are rounded.
enum class Equipment { barbell, dumbbell, machine };
struct ExerciseEquipment {
    Equipment kind = Equipment::barbell;
    double step = 0;  // dumbbell and machine: the step loads are rounded to, in the athlete's unit
    Span span;        // the exercise's name in the mark
};

struct Athlete {
    std::string name;
    std::map<std::string, Mass> maxes;  // one-rep max per exercise, in `unit`
    std::map<std::string, Span> max_spans;
    Mass round_step{2.5, MassUnit::kg};  // default 2.5 kg (5 lb for lb athletes)
    MassUnit unit = MassUnit::kg;
    // `condition arterial-hardening, dvt`: canonical names of the vocabulary
    // (an alias is stored as the name it stands for; an unknown name as written).
    std::vector<std::string> conditions;
    std::vector<Span> condition_spans;                   // one per condition, where it is written
    std::vector<OcclusionPressure> occlusion_pressures;  // at most one per limb
    std::vector<Clearance> clearances;
    // `training-max 90%`: the training max of every exercise with a max is
    // that share of it; `training-max squat 180 kg` sets one exercise's
    // (and takes precedence). Not rounded: loads computed from it are.
    std::optional<double> training_max_percent;
    std::map<std::string, Mass> training_maxes;  // in `unit`
    // `bar 20 kg` and `plates ...`: a barbell exercise's load is what the
    // bar and pairs of these plates make nearest to it (docs/language.md).
    std::optional<double> bar;  // in `unit`
    Span bar_span;
    std::vector<Plate> plates;                           // heaviest first, each mass once
    std::map<std::string, ExerciseEquipment> equipment;  // by exercise; an exercise not marked is rounded to `round_step`
    Span span;

    const OcclusionPressure* occlusion_pressure(Limb limb) const;           // null when not measured
    std::optional<double> training_max(const std::string& exercise) const;  // in `unit`; none when neither form gives one
};

// The athlete's arterial occlusion pressure (AOP) for the limb a cuff is on:
// null without an athlete, when the cuff is on no limb, or when the athlete
// has no `aop` for that limb.
const OcclusionPressure* cuff_aop(const Athlete* athlete, Limb cuff_limb);

// A cuff pressure in the other unit: % AOP as mmHg, or mmHg as % AOP, with
// the AOP `aop_mmhg`; none without a (positive) AOP. `cuff leg 120 mmHg`
// with `aop leg 180 mmHg` is 66.7% AOP; `cuff leg 60% AOP` is 108 mmHg.
std::optional<double> convert_pressure(double value, bool percent_aop, std::optional<double> aop_mmhg);

// One health condition of the screening vocabulary (std.conditions):
// `condition venous-thromboembolism "history of DVT or pulmonary embolism" {
//   class absolute  alias dvt, pulmonary-embolism  source "..." }`.
struct HealthCondition {
    std::string name;                  // "venous-thromboembolism"
    std::string description;           // one line
    std::string condition_class;       // "absolute", "relative" (any identifier)
    std::vector<std::string> aliases;  // "dvt", "pulmonary-embolism"
    std::vector<std::string> sources;
    Span span;
};

struct Load {
    enum class Kind { none, percent, mass, effort };  // effort: by RPE or RIR alone (Set::rpe, Set::rir), no mass computed
    Kind kind = Kind::none;
    double from = 0;               // percent (75 for 75%) or mass in the athlete's unit
    std::optional<double> to;      // a ramp's last value, reached in the block's last week
    double per_week = 0;           // a progression's step, same unit as `from`
    bool of_training_max = false;  // `85% TM`: percent of the athlete's training max for the exercise, not of the 1RM
    Span span;
};

// One set as prescribed. `squat 65% x 5, 75% x 5, 85% x 5+ warm-up 40% x 5`
// is five sets, the warm-up first, each with its own load.
struct Set {
    int count = 1;                  // this set, so many times in a row: `10000x1` is one Set, not 10,000
    int reps = 0;                   // the least reps of a range; 0 for a timed set
    std::optional<int> reps_max;    // `8-12`: 12
    std::optional<double> seconds;  // a timed set `45 s`
    bool amrap = false;             // `5+`: as many reps as possible, at least `reps`
    bool warm_up = false;           // before the work sets; rules about work sets leave it out
    Load load;
    std::optional<double> rpe;  // `@ RPE 8`, `@ 80% RPE 8`
    std::optional<double> rir;  // `@ RIR 2`, `@ 80% RIR 2`
};

struct Exercise {
    std::string name;
    std::vector<Set> sets;   // warm-ups first, then the work sets in order
    bool each_side = false;  // `lunge 3x10 each side`
    std::optional<double> rest_s;
    int superset = 0;  // 0 alone; else the exercises of `superset { ... }` share a number, counted from 1 in their content
    Span span;         // the prescription line

    std::size_t work_sets() const;  // the sets that are not warm-ups, each `count` times
    std::size_t set_count() const;  // every set, warm-ups included, each `count` times
};

enum class Occlusion { unspecified, continuous, intermittent, none };
const char* to_string(Occlusion occlusion);

struct Pressure {
    double value = 0;
    bool percent_aop = false;  // false: mmHg
};

// What a cuff presses in mmHg: as written, or its % AOP of the athlete's
// AOP for the cuffed limb (cuff_aop); none when that is not known. The
// calendars print it; the rules convert their samples with cuff_aop and convert_pressure.
std::optional<double> cuff_mmhg(const Pressure& pressure, Limb cuff_limb, const Athlete* athlete);

// What the sessions of a block (or of some of its weeks) hold. Each field
// is optional so that a template's use or a week override can replace just
// the statements it names.
struct Content {
    std::optional<std::string> method;
    Span method_span;
    std::optional<std::bitset<7>> days;
    Span days_span;  // bit i: weekday i (0 = Sunday)
    std::optional<std::vector<std::chrono::minutes>> session_times;
    std::optional<std::chrono::minutes> session_length;
    Span sessions_span;
    std::optional<Occlusion> occlusion;
    Span occlusion_span;
    std::optional<Pressure> cuff_pressure;
    Span cuff_span;
    Limb cuff_limb = Limb::unspecified;  // `cuff leg 60% AOP`; set with the pressure
    std::optional<double> cuff_width_cm;
    Span cuff_width_span;
    std::vector<Exercise> exercises;  // in every session
    struct Split {
        std::bitset<7> days;
        std::vector<Exercise> exercises;
        std::optional<std::vector<std::chrono::minutes>> session_times;
        std::optional<std::chrono::minutes> session_length;
        Span sessions_span;
        Span span;
    };
    std::vector<Split> splits;  // what sessions on those weekdays hold
    // `rotate { "A" { ... } "B" { ... } }`: what the training days hold in
    // turn, whatever their weekday, counted on from one block week to the
    // next (engine/schedule/sessions.cpp); a block has splits or a rotation.
    struct Workout {
        std::string name;
        std::vector<Exercise> exercises;
        std::optional<std::vector<std::chrono::minutes>> session_times;
        std::optional<std::chrono::minutes> session_length;
        Span sessions_span;
        Span span;
    };
    struct Rotation {
        std::vector<Workout> workouts;  // two at least (the builder says so)
        bool drop_skipped = false;      // `rotate drop`: a skipped training day's workout is dropped; else it waits for the next day
        Span span;
    };
    std::optional<Rotation> rotation;
    std::vector<std::string> notes;
};

struct WeekRange {
    int first = 1;  // block weeks, 1-based, both included
    int last = 1;
};

// `alternate { "A" { ... } "B" { ... } }`: a pattern is the override of
// every `of`-th block week from week index + 1 (A: 1, 3, 5 …; B: 2, 4, 6 …).
struct WeekPattern {
    std::string name;
    int index = 0;  // 0 for the first pattern
    int of = 2;     // how many patterns alternate
};

struct WeekOverride {
    // Ranges, not a list of weeks: `week 1..1000` is one range however many
    // weeks it names, so neither memory nor a lookup grows with its length.
    std::vector<WeekRange> weeks;  // sorted, disjoint, not adjacent; empty for a pattern
    // A week pattern of `alternate`: it covers its weeks of the block, and
    // a `week N` override of the same week is applied after it (wins). The
    // patterns of a block stand together in Block::weeks, in order.
    std::optional<WeekPattern> pattern;
    bool deload = false;  // half the sets (rounded up), 90% of each load
    Content content;      // replaces the block's statements of the same kind
    Span span;

    bool covers(int week) const;
};

struct Allow {
    std::string rule;  // "bfr.min-gap"
    std::string reason;
    Span span;
};

struct Block {
    std::string name;           // `as "Name"`, an inline block's name, or the template's title/name
    std::string template_name;  // empty for a block written in place
    int length_days = 0;        // `3 weeks` is 21
    Content content;            // the template's content with the use's overrides applied
    std::vector<WeekOverride> weeks;
    std::vector<Allow> allows;
    Span span;           // the block's line in the program
    Span template_span;  // the template's header, when made from one
    // In a `repeat`: the cycle of each repeat around the block, outermost
    // first, counted from 1; empty outside every repeat.
    std::vector<int> cycles;
    // `training-max squat +5 kg per cycle`: what the cycles before this one
    // added to each exercise's training max, in the athlete's unit.
    std::map<std::string, double> training_max_raise;
};

// "2" for the second cycle of a repeat, "1.3" for the third cycle of a
// repeat inside the first of another; "" outside every repeat.
std::string cycle_label(const Block& block);

std::string method_of(const Block& block);  // the content's method, or "" when none is given

// A BFR block (language.md §5): method `bfr` or `kaatsu`, or a `cuff`
// statement, or occlusion `continuous`/`intermittent` — in the block or in
// any of its week overrides. Decided by what the block does, never by its
// name alone, so that a safety rule set cannot be switched off by a name.
bool is_bfr_block(const Block& block);

// Applies overrides: each statement of `over` replaces the base's statement
// of the same kind (a cuff pressure without a limb keeps the base's limb); an exercise replaces the base's prescriptions of that
// exercise wherever they stand (in the block, in splits or in a rotation's workouts) or, when the base
// has none, is added to every session; a split replaces the base's splits
// on its weekdays, a rotation the base's rotation; notes add up. A misspelt exercise (close to one the base
// has) is reported to `diagnostics` when given, and not added.
void merge_content(Content& base, const Content& over, const std::string& where, std::vector<Diagnostic>* diagnostics);

// The exercise names of a content, in order of first appearance.
std::vector<std::string> exercise_names(const Content& content);

struct DateRange {
    std::chrono::sys_days first;
    std::chrono::sys_days last;  // included
    std::string reason;
    Span span;
};

struct Coach {
    std::string name;
    std::string email;  // may be empty
    Span span;
};

// `competition 2027-06-12 "Nationals"`: no training that day, an all-day
// event in the calendar.
struct Competition {
    std::chrono::sys_days date;
    std::string name;
    Span span;
};

struct Program {
    std::string name;
    const Athlete* athlete = nullptr;  // points into Module::athletes
    // Expanded from a program written for a group or several athletes
    // (`for "U18"`, `for "Ann", "Ben"`): one Program per athlete, each
    // with the athlete's own maxes and conditions, whose findings name
    // the athlete (Diagnostic::athletes).
    bool one_of_several = false;
    std::optional<std::chrono::sys_days> start;
    std::optional<std::chrono::sys_days> end;  // `end`, or without `start` and `end` the day before the last competition
    bool end_written = false;                  // `end` was written (not derived from a competition)
    std::vector<Competition> competitions;     // in the order written
    std::string timezone;                      // IANA name, "floating", or "" (then --timezone or the machine's)
    Span timezone_span;
    std::optional<Coach> coach;
    // `calendar-id "club.example.org"`: the namespace of the calendar's
    // UIDs (docs/calendars.md); "" when not written (then the coach's address).
    std::string calendar_id;
    Span calendar_id_span;
    std::vector<DateRange> skips;
    std::vector<DateRange> pauses;
    std::vector<Block> blocks;
    Span span;
};

// A rule set of the program file that stands instead of one of the same
// name from the standard library, a used file or --rules (docs/rules.md).
struct ReplacedRuleset {
    const syntax::Ruleset* replaced = nullptr;
    const syntax::Ruleset* by = nullptr;
};

// A resolved file and everything it uses.
struct Module {
    std::vector<Athlete> athletes;  // stable: programs point into it (reserved before filling)
    std::vector<Program> programs;
    std::vector<const syntax::Ruleset*> rulesets;    // from the file, its uses and the default rule sets
    std::vector<ReplacedRuleset> replaced_rulesets;  // not in `rulesets`: their `allow never` rules stay in force (load_rules)
    std::vector<HealthCondition> health_conditions;  // the screening vocabulary in force (std.conditions and the file's)
    std::vector<const syntax::File*> files;          // every parsed file, the main one first
};

}  // namespace meso::ir
