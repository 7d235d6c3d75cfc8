// The evidence behind a BFR block (stage 5, beside engine/emit: it reads
// the dated sessions): each BFR block of a program (ir::is_bfr_block) is
// put in figures — load, sessions a day, days a week, weeks, sessions,
// exercises — from its expanded sessions, not from its text, and compared
// with the training studies of the shipped table (stdlib/evidence/bfr.tsv)
// by a distance; the closest come first. docs/bfr.md tells the distance in
// words, and what each study's numbers rest on.
//
//   const Table& table = bfr_table();                    // parsed once
//   ProgramEvidence e = evidence_for(program, table, 3);  // the 3 closest per BFR block
//   for (const auto& block : e.blocks) print(plain_summary(*block.matches[0].study));
//
// What goes in: a ProgramSchedule (engine/schedule) and a Table. What comes
// out: plain structs, and the words of a study ("Abe et al. 2005 — 2×/day,
// 6 d/wk, 2 weeks, 20% 1RM — quadriceps volume +7.7% (n=9)"). What can go
// wrong: a table that does not parse says so in Table::problems (the
// shipped one is tested to have none); a block without sessions or without
// percent loads has those figures missing, which the distance counts as
// far apart, never as close.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/schedule/schedule.h"

namespace meso::evidence {

// One BFR training arm of a study: a row of the table. A value the table
// does not have ("-") is empty; `confirmed` names the fields read in the
// source's text and `computed` those worked out from confirmed ones, so a
// value in neither is shown "not confirmed".
struct Study {
    std::string id;          // "abe2005"
    std::string short_name;  // "Abe et al. 2005"
    std::string authors;     // "Abe T, Yasuda T, ..."
    std::string year;
    std::string title;
    std::string journal;  // "Int J KAATSU Training Res 2005;1(1):6-12"
    std::string doi;      // "" when not read
    std::string design;   // its firmness: "trial", "case report"
    std::string population;
    std::optional<int> n;                // the BFR group's size
    std::optional<double> load_percent;  // of 1RM
    std::string load_words;              // when the load is not a % of 1RM: "walking"
    std::optional<double> sessions_per_day;
    std::optional<double> days_per_week;
    std::optional<int> duration_days;  // "2 weeks" is 14
    std::string duration;              // as written: "2 weeks", "6 days"
    std::optional<double> sessions;
    std::vector<std::vector<std::string>> exercises;  // each exercise with its spellings
    std::string cuff, outcome, details, note;
    std::set<std::string> confirmed, computed;

    // Whether a field's value was read or worked out from what was read.
    bool firm(const std::string& field) const { return confirmed.count(field) > 0 || computed.count(field) > 0; }
};

struct Table {
    std::vector<Study> studies;
    std::vector<std::string> problems;  // "LINE: what is wrong", empty for a good table
};

// Parses a table in the layout of stdlib/evidence/bfr.tsv (its header names
// the columns; lines starting with '#' are comments).
Table parse_table(std::string_view text);

// The shipped table, stdlib/evidence/bfr.tsv, parsed once.
const Table& bfr_table();

// A BFR block in figures, from its dated sessions. Empty when it cannot be
// said: no sessions, no load in % of 1RM.
struct BlockFigures {
    std::optional<double> load_percent;      // the mean of every set's % of 1RM
    std::optional<double> sessions_per_day;  // sessions ÷ training days
    std::optional<double> days_per_week;     // training days ÷ (length in days ÷ 7)
    int length_days = 0;                     // as written: `3 weeks` is 21
    long long sessions = 0;
    std::vector<std::string> exercises;  // each name once, in order of first appearance
};

BlockFigures figures_of(const scheduling::ProgramSchedule& program, std::size_t block);

// The distance's terms, in this order, each between 0 (the same) and 1 (as
// far apart as counts) but the exercises' between 0 and 2 (they count
// twice); the distance is their sum (0 to 7).
enum class Term { load, sessions_per_day, days_per_week, weeks, sessions, exercises };
inline constexpr std::size_t term_count = 6;
const char* to_string(Term term);  // "load", "sessions_per_day", ...

struct Match {
    const Study* study = nullptr;
    double distance = 0;
    std::array<double, term_count> terms{};  // each term's share of the distance
    std::array<bool, term_count> missing{};  // a value missing on either side: the term is as far as counts
};

Match compare(const BlockFigures& block, const Study& study);

// The `top` closest studies (all when top is 0), closest first; a tie keeps
// the table's order.
std::vector<Match> closest(const BlockFigures& block, const Table& table, std::size_t top);

struct BlockEvidence {
    std::string name;
    std::string method;
    std::chrono::sys_days start, end;
    BlockFigures figures;
    std::vector<Match> matches;  // none for a block without sessions
};

struct ProgramEvidence {
    std::string name;
    std::string athlete;
    std::vector<BlockEvidence> blocks;  // its BFR blocks only
};

ProgramEvidence evidence_for(const scheduling::ProgramSchedule& program, const Table& table, std::size_t top);

// Words. A value that is neither confirmed nor computed is followed by
// "(not confirmed)"; a value the table does not have says "not read".
std::string protocol_summary(const Study& study);          // "2×/day, 6 d/wk, 2 weeks, 20% 1RM"
std::string plain_summary(const Study& study);             // "Abe et al. 2005 — <protocol> — quadriceps volume +7.7% (n=9)"
std::string figures_summary(const BlockFigures& figures);  // "20% 1RM, 2×/day, 6 d/wk, 3 weeks, 36 sessions; squat, knee-extension"
std::string exercise_names(const Study& study);            // "squat, leg curl"
std::string number(double value);                          // 2, 0.5, 6.3: at most one decimal
// The fields that have a value neither confirmed nor computed, in the
// table's order of columns: "sessions_per_day", "outcome", ...
std::vector<std::string> not_confirmed(const Study& study);

}  // namespace meso::evidence
