// The scheduler's parts, for the files of engine/schedule only (the stage's
// public header is schedule.h). One Planner schedules one program:
//
//   schedule.cpp  the entry points of schedule.h, the bounds, plan() and build()
//   place.cpp     where the pauses put the training days and the blocks; idle skips and pauses
//   weeks.cpp     a block week's content: the block's, with the week overrides that cover it
//   sessions.cpp  the walk over the training days: sessions counted, or made with their contents
//   loads.cpp     an exercise's sets and their loads in a block week
//   equipment.cpp a load made on the exercise's equipment: bar and plates, or a step
#pragma once

#include <bitset>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "engine/schedule/plates.h"
#include "engine/schedule/schedule.h"

namespace meso::scheduling {

inline constexpr long long max_program_days = 366LL * 1000;  // a program spans at most a thousand years
// Sessions share their content, one per block week and split; the sets of
// all those contents are bounded too, or a short file (thousands of
// exercises in a block of a thousand weeks) would expand to gigabytes.
inline constexpr long long max_planned_sets = 1'000'000;

// The dates a plan may reach.
inline constexpr std::chrono::sys_days earliest_date{std::chrono::year{1900} / std::chrono::January / 1};
inline constexpr std::chrono::sys_days latest_date{std::chrono::year{9999} / std::chrono::December / 31};

// The weeks of a block, the last one possibly partial.
inline int weeks_of(const ir::Block& block) { return (block.length_days + 6) / 7; }

// ---- a block week (weeks.cpp)

// The weekdays a content trains on (bit i: weekday i, 0 = Sunday): its
// `days`, else the weekdays of its splits.
std::bitset<7> training_days(const ir::Content& c);
// What a training day holds besides the block's exercises: a split (its
// index in the content's splits), a rotation's workout (its index in the
// rotation), or neither (-1 both).
struct DayPart {
    int split = -1;
    int workout = -1;
};
// The split of the content that holds `weekday`, or -1.
int split_of(const ir::Content& c, unsigned weekday);
// The session times and length of a day of that part.
const std::vector<std::chrono::minutes>& times_of(const ir::Content& c, DayPart part);
std::chrono::minutes length_of(const ir::Content& c, DayPart part);
// The exercises of the part beyond the block's (none for neither).
const std::vector<ir::Exercise>* part_exercises(const ir::Content& c, DayPart part);

// A block week's content: the block's own, with the week overrides that
// cover the week applied in order.
struct WeekContent {
    ir::Content content;
    bool deload = false;
};

// The block's weeks in order, each with its content; weeks covered by the
// same overrides share one merged content (`week 1..1000 { ... }` written
// many times would otherwise cost its length times their number). Weeks
// are asked for in order, 1, 2, ...: the overrides that cover a week are
// kept up to date from where their ranges begin and end, so a week costs
// what changes at it, not the number of overrides (a week asked for out of
// order starts the sweep again).
class BlockWeeks {
public:
    explicit BlockWeeks(const ir::Block& block);
    struct Week {
        const ir::Content* content;
        bool deload;
    };
    Week week(int week);

private:
    // A range of a `week N` override begins (covers from `week` on) or ends (no longer covers from `week` on).
    struct Edge {
        long long week;
        std::uint32_t override_index;
        bool begins;
    };
    void sweep_to(int week);

    const ir::Block& block_;
    std::map<std::vector<std::uint32_t>, WeekContent> merged_;
    std::vector<std::uint32_t> covering_;
    std::vector<Edge> edges_;  // of the overrides of `week N`, not of `alternate`, by week
    std::size_t next_edge_ = 0;
    std::vector<int> open_ranges_;    // by override: how many of its ranges cover the week swept to
    std::set<std::uint32_t> active_;  // the overrides that cover it, in order
    int swept_to_ = 0;
    bool changed_ = true;  // since the last week's content was looked up
    // `alternate`'s overrides, one a pattern, in order (resolve keeps them together): week w takes the (w - 1) % count-th.
    std::uint32_t first_pattern_ = 0;
    std::uint32_t patterns_ = 0;
    std::uint32_t last_pattern_ = 0;
    Week last_{nullptr, false};
};

// ---- the program

struct Planner {
    const ir::Program& program;
    const ScheduleOptions& options;
    std::vector<Diagnostic>& diagnostics;
    ProgramSchedule out;
    // A training day of the plan: its date (without the pauses until
    // place_training_days, then where they put it) and the weekdays its
    // block week trains on (bit i: weekday i, 0 = Sunday), the weekly
    // pattern a pause moves it along. In order of plan, and so of date.
    struct TrainingDay {
        std::int32_t date = 0;  // days since 1970-01-01
        std::uint8_t pattern = 0;
    };
    std::vector<TrainingDay> plan_days;
    std::vector<std::size_t> first_plan_day;            // by block: its first in plan_days; one more for the end
    std::vector<std::chrono::sys_days> planned_starts;  // by block: its first day without the pauses
    std::vector<std::chrono::sys_days> block_starts;    // by block: its first and last day, with them
    std::vector<std::chrono::sys_days> block_ends;
    std::vector<ir::DateRange> pauses_by_start;              // program.pauses, sorted, overlapping and adjacent ones merged
    std::vector<std::vector<std::size_t>> pause_statements;  // by merged pause: the program.pauses it is made of
    std::vector<bool> pause_moved_something;                 // by program.pauses index: a training day fell in it
    // The contents of the block week being walked, by part (split or
    // workout): its training days ask for them again and again, and the
    // walk never comes back to an earlier week.
    struct WeekContent {
        std::uint32_t block = 0;
        int week = 0;
        DayPart part;
        std::uint32_t content = 0;
    };
    std::vector<WeekContent> week_contents;
    std::unordered_multimap<std::size_t, std::uint32_t> same_hash;  // hash_content → contents made
    // Where content_for builds a content before it knows whether it is new,
    // kept from week to week with its buffers (and the exercise plans a
    // shorter content left over), so that a week whose content was made
    // before costs no allocation: a program's allocations grow with its
    // contents, not its weeks or sessions (tests/allocation/).
    SessionContent content_scratch;
    std::vector<ExercisePlan> spare_exercises;
    std::vector<long long> week_part_sets;  // walk_week's, by part (count_sets)
    std::set<std::uint32_t> reported_negative;
    bool over_budget = false;  // run() failed on --max-sessions
    // The turn of the block's rotation the next training day takes, from
    // 0 at the block's first day: it goes on from one block week to the next.
    std::uint32_t rotation_turn = 0;
    long long session_count = 0;
    long long planned_sets = 0;                               // counted by walk(false)
    std::vector<ir::DateRange> skips_by_start;                // program.skips and competition days, sorted and merged, for in_skip
    std::optional<std::chrono::sys_days> first_session_date;  // seen by walk(false)
    std::optional<std::chrono::sys_days> last_session_date;
    // What the sessions write is linear in their sets, not in their number
    // (a session of 2000 sets is 2000 lines of JSON): counted by walk(false)
    // against the file's budget, ScheduleOptions::max_sets_per_session
    // times --max-sessions.
    long long written_sets = 0;
    long long sets_budget = std::numeric_limits<long long>::max();  // what the programs before left
    const ScheduleOptions* file_options = &options;                 // the whole file's, for the message (options is what is left)
    bool over_sets_budget = false;
    std::set<std::uint32_t> reported_zero{};  // prescriptions whose load rounds to 0, by span
    std::optional<BarLoader> bar_loader;      // the athlete's bar and plates, made at the first barbell load
    std::set<std::uint32_t> reported_bar{};   // prescriptions whose load the bar cannot make, by span

    Planner(const ir::Program& program_, const ScheduleOptions& options_, std::vector<Diagnostic>& diagnostics_)
        : program(program_), options(options_), diagnostics(diagnostics_)
    {}

    // schedule.cpp
    void error(const Span& span, std::string message);
    bool plan(std::optional<long long> known_count = std::nullopt);
    bool check_bounds(long long count);
    void build();
    bool run();

    // place.cpp
    void merge_pauses();
    void collect_plan_days(std::chrono::sys_days first_day);
    bool place_training_days();
    void note_moved(std::size_t merged, std::chrono::sys_days reached, std::uint8_t pattern, bool forward);
    bool in_skip(std::chrono::sys_days d) const;
    void report_idle_ranges();
    void report_idle_skip(const ir::DateRange& skip, std::vector<Diagnostic>& found) const;
    void report_competition_outside(const ir::Competition& competition, std::vector<Diagnostic>& found) const;
    bool trains_within(const ir::DateRange& r) const;

    // sessions.cpp
    long long walk(bool build);
    BlockPlan block_plan_of(std::uint32_t b, std::map<std::string, int>& occurrences) const;
    bool walk_week(std::uint32_t b, int week, const BlockWeeks::Week& content, bool build, std::size_t& next_day, long long& count);
    bool count_sets(const ir::Content& c, DayPart part, std::size_t times, std::vector<long long>& part_sets);
    struct DayPlace {
        int week = 1;
        int day = 0;
        std::chrono::sys_days date;
        std::uint32_t turn = 0;  // Session::rotation
    };
    void add_sessions(std::uint32_t b, DayPlace place, const BlockWeeks::Week& content, DayPart part);
    std::uint32_t content_for(std::uint32_t b, int week, const BlockWeeks::Week& content, DayPart part);

    // loads.cpp
    struct ExerciseMaxes {
        std::optional<double> max;                 // the 1RM, in the athlete's unit
        std::optional<double> training_max;        // `training-max`, in the athlete's unit
        std::optional<double> training_max_share;  // `training-max 90%`: 90, when no mass is written for the exercise
    };
    struct WeekOf {
        int week = 1;
        int block_weeks = 1;
        bool deload = false;
    };
    void plan_exercise(ExercisePlan& plan, const ir::Block& block, const ir::Exercise& e, int week, int block_weeks, bool deload);
    void load_set(SetPlan& set, ExercisePlan& plan, const ir::Exercise& e, const ir::Load& l, WeekOf when, const ExerciseMaxes& maxes);
    double bounded_load(const ir::Exercise& e, const ir::Load& l, double value, int week);
    void warn_rounds_to_zero(const ir::Exercise& e, const ir::Load& l, double max, double percent, double step, const char* of_what);

    // equipment.cpp
    double step_of(const ir::Exercise& e) const;
    void load_on_equipment(const ir::Exercise& e, const ir::Load& l, double target, bool as_written, SetPlan& set);
};

// The superset numbers of a session's exercises, from 1 in order (loads.cpp).
void number_supersets(std::vector<ExercisePlan>& exercises);

// Date ranges sorted by their first day, overlapping and adjacent ones merged.
std::vector<ir::DateRange> merged(std::vector<ir::DateRange> ranges);

}  // namespace meso::scheduling
