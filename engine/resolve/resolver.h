// The resolver's parts, for the files of engine/resolve only (the stage's
// public header is resolve.h). One Resolver runs once per Compilation; its
// methods are defined by construct:
//
//   resolve.cpp   the run, in order, and the entry points of resolve.h
//   import.cpp    reading files, `use`, the library, the definitions the main file sees
//   athletes.cpp  athletes: their unit, maxes and rounding step
//   equipment.cpp athletes' bar, plates and what each exercise is loaded with
//   screening.cpp the health-condition vocabulary; athletes' conditions, occlusion pressures, clearances
//   groups.cpp    groups of athletes, and the athletes a program is for
//   programs.cpp  programs: one per athlete; dates, time zone, coach, skips, pauses
//   repeat.cpp    `repeat N { ... }`: the cycles of blocks, and the training maxes raised per cycle
//   blocks.cpp    blocks: their length, the template and the use's overrides
//   content.cpp   what a block holds: prescriptions, loads, sessions, splits, week overrides
#pragma once

#include <bitset>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/resolve/resolve.h"

namespace meso::resolving {

// Bounds that keep every program's expansion finite and cheap to count.
inline constexpr int max_block_weeks = 1000;
inline constexpr int max_blocks = 10000;

// The prescriptions and runs of sets the cycles of a repeat may copy in all
// (repeat.cpp): a 1 MB file cannot make gigabytes of blocks.
inline constexpr std::size_t max_repeated_weight = 200'000;
// The blocks `statements` make, each repeat's body counted as many times as
// it runs (repeat.cpp): what a program written for a group copies per athlete.
std::size_t blocks_made(const std::vector<syntax::ProgramStatement>& statements);
// A program for a group is resolved once per athlete: the blocks of all
// such copies in a file are bounded, so that a short file naming a large
// group cannot expand beyond what meso schedules in its bounds.
inline constexpr std::size_t max_expanded_blocks = 20000;
inline constexpr double max_mass_kg = 2000;

// The screening vocabulary: loaded for every file, even with
// --no-default-rules, because it is no rule set.
inline constexpr const char* conditions_module_path = "std/conditions.meso";

// The weeks of a block of `length_days`, the last one possibly partial.
inline int weeks_of(int length_days) { return (length_days + 6) / 7; }

// A quantity as a mass (none when its unit is no mass), and as a duration
// in seconds; the factors are engine/base/units.h's. Masses convert with
// ir::convert.
std::optional<ir::Mass> mass_of(const syntax::Quantity& q);
using ir::convert;
double seconds_of(const syntax::Quantity& q);

// The key an imported file is known by: its canonical path, or the path as
// given when it has none.
std::string canonical_of(const std::string& path);

// Where the statements of a block body go besides its content.
struct ContentContext {
    const ir::Athlete* athlete = nullptr;
    bool allow_weeks = true;  // a week override cannot hold another
    std::vector<ir::WeekOverride>* weeks = nullptr;
    std::vector<ir::Allow>* allows = nullptr;
};

class Resolver {
public:
    Resolver(Compilation& c, const ResolveOptions& options);
    void run(Source main);
    // resolve_blocks and let_blocks_go (resolve.h).
    void resolve_blocks_again(std::size_t index, bool last);
    void let_blocks_go(std::size_t index);

private:
    Compilation& c_;
    ResolveOptions options_;  // its resolved_program is cleared once every program is resolved
    const syntax::File* main_ = nullptr;
    std::vector<std::string> loading_;  // the import chain being loaded, for cycles
    std::set<std::string> loaded_;      // canonical paths or "std/x.meso" keys
    std::map<std::string, const syntax::Template*> templates_;
    std::unordered_map<std::string, const ir::Athlete*> athlete_index_;  // by name, built when first needed
    std::size_t indexed_athletes_ = 0;
    std::vector<const syntax::Athlete*> athlete_syntax_;
    const syntax::File* conditions_module_ = nullptr;  // std.conditions, whose declarations come first
    std::vector<const syntax::HealthConditionDeclaration*> condition_syntax_;
    struct VocabularyWord {  // a condition's name or one of its aliases
        std::size_t index;   // into c_.module.health_conditions
        Span span;           // where it is declared
    };
    std::map<std::string, VocabularyWord> vocabulary_;
    std::set<std::string> conditions_seen_;  // the athlete's being resolved, canonical: each is kept once

    void resolve(Source main);  // run's steps
    void report(const Span& span, std::string message, Severity severity = Severity::error, std::vector<Note> notes = {});
    void warn_if_empty(const syntax::File& file);
    void release_athlete_syntax();  // ResolveOptions::keep_athlete_syntax false

    // import.cpp
    ReadResult read_file(const std::string& path) const;
    const syntax::File* load(Source source, int depth);
    const syntax::File* load_embedded(std::string_view path, std::string_view text, int depth);
    void import_uses(const syntax::File& file, const Source& source, int depth);
    void import(const syntax::Use& use, const Source& from, int depth);
    void import_file(const syntax::Use& use, const Source& from, int depth);
    void load_library(const std::string& relative, const syntax::Name& name, int depth, bool quiet);
    void report_unknown_module(const syntax::Name& name);
    void collect();
    std::optional<std::string> library_module_of_template(const std::string& name);

    // athletes.cpp
    void resolve_athletes();
    ir::Athlete athlete_of(const syntax::Athlete& a);
    void add_max(ir::Athlete& athlete, const syntax::Max& m);
    void add_training_max(ir::Athlete& athlete, const syntax::TrainingMax& tm);
    void set_round_step(ir::Athlete& athlete, const syntax::Round& r, bool& round_seen);

    // equipment.cpp
    bool in_athlete_unit(const ir::Athlete& athlete, syntax::Unit unit, const std::string& unit_text, const Span& span, const char* what);
    void set_bar(ir::Athlete& athlete, const syntax::Bar& b);
    void set_plates(ir::Athlete& athlete, const syntax::Plates& p);
    std::optional<ir::Plate> plate_of(const ir::Athlete& athlete, const syntax::PlateItem& item, const syntax::Plates& p);
    void add_equipment(ir::Athlete& athlete, const syntax::Equipment& e);
    void check_equipment(const ir::Athlete& athlete, const syntax::Plates* plates);

    // screening.cpp
    void resolve_health_conditions();
    void declare_health_condition(const syntax::HealthConditionDeclaration& d);
    bool declare_word(const syntax::Name& word, std::size_t index);
    void add_conditions(ir::Athlete& athlete, const syntax::ConditionList& list);
    void add_occlusion_pressure(ir::Athlete& athlete, const syntax::Aop& aop);
    void add_clearance(ir::Athlete& athlete, const syntax::Cleared& cleared);

    // groups.cpp
    struct ResolvedGroup {
        const syntax::Group* syntax;
        std::vector<const ir::Athlete*> members;  // in the order written, each once
    };
    std::vector<const syntax::Group*> group_syntax_;
    std::map<std::string, ResolvedGroup> groups_;
    std::size_t expanded_blocks_ = 0;  // the blocks of the programs expanded from groups so far (max_expanded_blocks)
    void resolve_groups();
    struct ProgramAthletes {
        std::vector<const ir::Athlete*> athletes;  // one program each; {nullptr} for a program without an athlete
        bool one_of_several = false;               // written for a group or several athletes
    };
    ProgramAthletes athletes_of(const syntax::Program& p);
    const ir::Athlete* athlete_named(const std::string& name);

    // programs.cpp
    void resolve_programs();
    void expand_program(const syntax::Program& p);
    // ResolveOptions::resolved_program: what each program was resolved
    // from (by index in module.programs), so that its blocks can be
    // resolved again the same way, the superset numbers included.
    struct ProgramOrigin {
        syntax::Program* syntax = nullptr;  // null when its file is not this compilation's own
        int supersets = 0;                  // supersets_ when it was resolved
        bool let_go = false;                // its blocks are not held
    };
    std::vector<ProgramOrigin> origins_;
    // By program statement: the programs made from it (one per athlete)
    // whose last resolve_blocks has not come; at none, its statements go.
    std::unordered_map<syntax::Program*, std::size_t> resolutions_left_;
    syntax::Program* owned_program_ = nullptr;  // the statement being expanded, as this compilation owns it
    std::size_t diagnostics_seen_ = 0;          // of c_.diagnostics, looked at for an error so far
    bool error_seen_ = false;
    void add_program(ir::Program program, int supersets);
    std::size_t handed_on_ = 0;  // the programs handed to ResolveOptions::resolved_program, or passed over after an error
    void hand_on_programs();
    void let_statements_go();
    bool error_so_far();
    // blocks_only: the blocks alone, resolved again (resolve_blocks_again)
    ir::Program program_of(const syntax::Program& p, const ir::Athlete* athlete, bool blocks_only = false);
    const ir::Athlete* athlete_by_default(const syntax::Program& p);
    void add_competition(ir::Program& program, const syntax::Competition& n);
    void check_competition_days(ir::Program& program);
    bool syntax_error_within(const Span& span) const;

    // repeat.cpp
    struct Cycles {                     // a repeat's blocks, in order, each with its cycles and raises
        std::vector<ir::Block> blocks;  // each with the cycles of the repeats inside the one resolved
        // By block: what the whole repeat adds to the training maxes the block's raises are of, by exercise
        // (what a repeat around it adds to them for each of its own cycles).
        std::vector<std::map<std::string, double>> advance;
    };
    void add_repeat(ir::Program& program, const syntax::Repeat& r, bool& too_many_blocks);
    Cycles cycles_of(const syntax::Repeat& r, const ir::Athlete* athlete, std::size_t room);
    void add_cycle_raise(std::map<std::string, double>& steps, const syntax::CycleRaise& c, const ir::Athlete* athlete);
    void check_raised_training_maxes(const std::vector<ir::Block>& blocks, const syntax::Repeat& r, const ir::Athlete* athlete);

    // blocks.cpp
    std::optional<ir::Block> block_of(const syntax::BlockUse& use, const ir::Athlete* athlete);
    bool apply_template(ir::Block& block, const syntax::BlockUse& use, const ContentContext& ctx);
    void check_rotation(const ir::Block& block);
    void report_unknown_template(const syntax::Name& target);
    void check_week_overrides(ir::Block& block, bool written_in_place);
    void report_weeks_past_end(const ir::WeekOverride& w, int block_weeks);
    void move_template_splits(ir::Block& block, std::size_t template_weeks, const ir::Content& over,
                              const std::vector<ir::WeekOverride>& use_weeks, const syntax::Template& t);

    // content.cpp
    ir::Content content_of(const std::vector<syntax::BlockStatement>& statements, const ContentContext& ctx);
    // sets.cpp
    ir::Load load_of(const syntax::Load& l, const std::string& exercise, const ContentContext& ctx);
    ir::Load mass_load_of(const syntax::Load& l, const ContentContext& ctx);
    ir::Exercise exercise_of(const syntax::Prescription& p, const ContentContext& ctx);
    void add_sets(std::vector<ir::Set>& sets, const syntax::Scheme& scheme, const syntax::Load* load, const std::string& exercise,
                  bool warm_up, const ContentContext& ctx);
    void add_superset(std::vector<ir::Exercise>& exercises, const syntax::Superset& s, const ContentContext& ctx);
    int supersets_ = 0;  // the supersets resolved so far: each one's number, unique in the file (the scheduler renumbers them)
    // content.cpp
    void sessions_of(const syntax::Sessions& s, std::optional<std::vector<std::chrono::minutes>>& times,
                     std::optional<std::chrono::minutes>& length, Span& span);
    void add_cuff(ir::Content& content, const syntax::Cuff& cuff);
    void add_split(ir::Content& content, const syntax::Split& s, const ContentContext& ctx);
    void add_rotation(ir::Content& content, const syntax::Rotation& r, const ContentContext& ctx);
    template <typename Part>
    void fill_part(Part& part, ir::Content& content, const syntax::Body& body, const ContentContext& ctx, const char* misplaced_message);
    void add_week_override(const syntax::WeekOverride& w, const ContentContext& ctx);
    void add_alternation(const syntax::Alternation& n, const ContentContext& ctx);
    template <typename T> void once(std::optional<T>& field, T value, Span& field_span, const Span& span, const char* what);
};

}  // namespace meso::resolving
