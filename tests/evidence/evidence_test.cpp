// The evidence stage: the shipped table, a BFR block's figures from its
// sessions, the distance, and which study comes first (docs/bfr.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "engine/evidence/evidence.h"
#include "tests/support/support.h"

using namespace meso;
using namespace meso::evidence;

namespace {

const Study& study(const std::string& id)
{
    const auto& studies = bfr_table().studies;
    auto it = std::find_if(studies.begin(), studies.end(), [&](const Study& s) { return s.id == id; });
    REQUIRE(it != studies.end());
    return *it;
}

BlockFigures figures(int sessions_per_day, int days_per_week, int length_days, long long sessions, double load,
                     std::vector<std::string> exercises)
{
    BlockFigures f;
    f.sessions_per_day = sessions_per_day;
    f.days_per_week = days_per_week;
    f.length_days = length_days;
    f.sessions = sessions;
    f.load_percent = load;
    f.exercises = std::move(exercises);
    return f;
}

double term(const Match& m, Term t) { return m.terms[static_cast<std::size_t>(t)]; }

// The first BFR block of the first program of `text`, in figures, with every study ranked.
BlockEvidence first_bfr_block(const std::string& text)
{
    auto compiled = test::compile(text);
    INFO(test::messages(compiled.diagnostics));
    REQUIRE(!compiled.schedule.programs.empty());
    auto e = evidence_for(compiled.program(), bfr_table(), 0);
    REQUIRE(!e.blocks.empty());
    return e.blocks.front();
}

const std::string one_week_of_twelve_sessions = R"(athlete "A" { max squat 180 kg }
program "P" {
  start 2027-01-04
  1 week "Six days" {
    method kaatsu
    days mon..sat
    sessions 08:00, 16:00 for 30 min
    squat 20% x 30,15,15,15 rest 30 s
    knee-extension 20% x 30,15,15,15 rest 30 s
  }
}
)";

}  // namespace

TEST_CASE("the shipped evidence table parses without a problem, one row per training arm")
{
    const Table& table = bfr_table();
    INFO((table.problems.empty() ? std::string() : table.problems.front()));
    CHECK(table.problems.empty());
    CHECK(table.studies.size() == 15);
    for (const auto& s : table.studies) {
        INFO(s.id);
        CHECK(!s.short_name.empty());
        CHECK(!s.journal.empty());
        CHECK(!s.design.empty());
        CHECK(!s.outcome.empty());
        CHECK(s.duration_days.has_value());
    }
}

TEST_CASE("a table with a bad number, a bad duration or a missing column says where")
{
    const std::string header =
        "id\tshort\tauthors\tyear\ttitle\tjournal\tdoi\tdesign\tpopulation\tn\tload\tsessions_per_day\tdays_per_week\tduration\t"
        "sessions\texercises\tcuff\toutcome\tdetails\tconfirmed\tcomputed\tnote\n";
    const std::string row =
        "x\tX 2000\tX A\t2000\t-\tJ 2000;1:1-2\t-\ttrial\tmen\t9\ttwenty\t2\t6\t2 fortnights\t24\tsquat\t-\t+1%\t-\tload, colour\t-\t-\n";
    const Table bad = parse_table("# a comment\n" + header + row);
    REQUIRE(bad.studies.size() == 1);
    CHECK(bad.studies[0].load_words == "twenty");  // words: a load that is not a % of 1RM
    REQUIRE(bad.problems.size() == 2);
    CHECK(bad.problems[0] == "line 3: duration is '2 fortnights', not 'N weeks' or 'N days'");
    CHECK(bad.problems[1] == "line 3: confirmed names 'colour', which is not a field it can name");
    const Table headless = parse_table("id\tshort\n");
    CHECK(headless.problems.front() == "the header has no column 'authors'");
}

TEST_CASE("a study's protocol and outcome read as one plain sentence")
{
    CHECK(plain_summary(study("abe2005")) == "Abe et al. 2005 — 2×/day, 6 d/wk, 2 weeks, 20% 1RM — quadriceps volume +7.7% (n=9)");
}

TEST_CASE("a value that was not read in the source is shown not confirmed")
{
    const Study& fujita = study("fujita2008");
    CHECK(not_confirmed(fujita) == std::vector<std::string>{"outcome"});
    CHECK(plain_summary(fujita) ==
          "Fujita et al. 2008 — 2×/day, 6 d/wk, 6 days, 20% 1RM — significant muscle hypertrophy, its size not read (not confirmed) (n=8)");
    // An assumed once a day (not stated in the abstract) is marked; a value not read says so.
    CHECK(protocol_summary(study("cook2018")) == "1×/day (not confirmed), 3 d/wk, 6 weeks, 20% 1RM");
    CHECK(protocol_summary(study("nielsen2012")) == "sessions a day not read, days a week not read, 19 days, 20% 1RM");
}

TEST_CASE("a block the same as a study in every figure is at distance 0")
{
    const Match m = compare(figures(2, 6, 14, 24, 20, {"squat", "leg-curl"}), study("abe2005"));
    CHECK(m.distance == 0);
}

TEST_CASE("each term of the distance grows with the difference and stops at its largest")
{
    const Study& abe = study("abe2005");  // 2/day, 6 d/wk, 2 weeks, 24 sessions, 20%, squat and leg curl
    CHECK(term(compare(figures(2, 6, 14, 24, 30, {"squat", "leg-curl"}), abe), Term::load) == Approx(0.5));
    CHECK(term(compare(figures(2, 6, 14, 24, 60, {"squat", "leg-curl"}), abe), Term::load) == 1);
    CHECK(term(compare(figures(1, 6, 14, 24, 20, {"squat", "leg-curl"}), abe), Term::sessions_per_day) == 1);
    CHECK(term(compare(figures(2, 3, 14, 24, 20, {"squat", "leg-curl"}), abe), Term::days_per_week) == Approx(0.75));
    // weeks and sessions as ratios: twice as long is half a term, four times a whole one, either way round
    CHECK(term(compare(figures(2, 6, 28, 24, 20, {"squat", "leg-curl"}), abe), Term::weeks) == Approx(0.5));
    CHECK(term(compare(figures(2, 6, 7, 24, 20, {"squat", "leg-curl"}), abe), Term::weeks) == Approx(0.5));
    CHECK(term(compare(figures(2, 6, 14, 96, 20, {"squat", "leg-curl"}), abe), Term::sessions) == Approx(1));
    CHECK(term(compare(figures(2, 6, 14, 400, 20, {"squat", "leg-curl"}), abe), Term::sessions) == 1);
}

TEST_CASE("exercises count twice, as the share in common, in any of a study's spellings")
{
    const Study& abe = study("abe2005");
    // 1 in common of 3 different ones: 1 - 1/3, counted twice
    CHECK(term(compare(figures(2, 6, 14, 24, 20, {"squat", "knee-extension"}), abe), Term::exercises) == Approx(4.0 / 3.0));
    CHECK(term(compare(figures(2, 6, 14, 24, 20, {"bench-press"}), abe), Term::exercises) == 2);
    // "Leg extension" is written knee-extension|leg-extension in Fujita et al. 2008's row
    CHECK(term(compare(figures(2, 6, 14, 24, 20, {"Leg extension"}), study("fujita2008")), Term::exercises) == 0);
}

TEST_CASE("a value missing on either side counts as far apart, never as close")
{
    // Yasuda et al. 2005 did not report days a week nor name its exercises
    const Match yasuda = compare(figures(2, 6, 14, 24, 20, {"squat"}), study("yasuda2005"));
    CHECK(term(yasuda, Term::days_per_week) == 1);
    CHECK(yasuda.missing[static_cast<std::size_t>(Term::days_per_week)]);
    CHECK(term(yasuda, Term::exercises) == 2);
    // a study whose load is walking, not a % of 1RM
    CHECK(term(compare(figures(2, 6, 21, 36, 20, {"squat"}), study("abe2006walk")), Term::load) == 1);
    // a block without a load in % of 1RM
    BlockFigures rpe = figures(2, 6, 14, 24, 20, {"squat", "leg-curl"});
    rpe.load_percent.reset();
    CHECK(term(compare(rpe, study("abe2005")), Term::load) == 1);
}

TEST_CASE("a block's figures come from its dated sessions: a skipped day lowers the sessions, not the length")
{
    const auto block = first_bfr_block(R"(athlete "A" { max squat 100 kg }
program "P" {
  start 2027-01-04
  skip 2027-01-06
  2 weeks "BFR" {
    cuff 50% AOP
    days mon, wed, fri
    sessions 08:00, 16:00 for 30 min
    squat 3x15 @ 30%
    "Leg press" 3x15 @ 25 kg
  }
}
)");
    const auto& f = block.figures;
    CHECK(f.length_days == 14);
    CHECK(f.sessions == 10);  // 6 training days, one skipped, twice a day
    CHECK(*f.sessions_per_day == 2);
    CHECK(*f.days_per_week == Approx(2.5));
    CHECK(*f.load_percent == 30);  // the leg press's 25 kg has no max to be a percent of
    CHECK(f.exercises == std::vector<std::string>{"squat", "Leg press"});
}

TEST_CASE("only BFR blocks are compared: the flagship's powerlifting block is not")
{
    auto compiled = test::compile(test::read_file(test::source_dir() + "/examples/kaatsu-then-powerlifting.meso"), "flagship.meso");
    REQUIRE(compiled.schedule.programs.size() == 1);
    const auto e = evidence_for(compiled.program(), bfr_table(), 3);
    REQUIRE(e.blocks.size() == 1);
    CHECK(e.blocks[0].name == "Kaatsu");
    CHECK(e.blocks[0].matches.size() == 3);
}

TEST_CASE("the flagship's three weeks of kaatsu are closest to Abe et al. 2005")
{
    auto compiled = test::compile(test::read_file(test::source_dir() + "/examples/kaatsu-then-powerlifting.meso"), "flagship.meso");
    const auto e = evidence_for(compiled.program(), bfr_table(), 0);
    REQUIRE(e.blocks.size() == 1);
    const auto& f = e.blocks[0].figures;
    CHECK(*f.load_percent == 20);
    CHECK(*f.sessions_per_day == 2);
    CHECK(*f.days_per_week == 6);
    CHECK(f.length_days == 21);
    CHECK(f.sessions == 36);
    CHECK(e.blocks[0].matches.front().study->id == "abe2005");
}

TEST_CASE("a one-week block of 12 sessions, six days twice a day, is closest to Fujita et al. 2008")
{
    const auto block = first_bfr_block(one_week_of_twelve_sessions);
    CHECK(block.figures.sessions == 12);
    CHECK(block.matches.front().study->id == "fujita2008");
}

TEST_CASE("a leg block is closer to a leg study with another load than to an arm study with its load")
{
    // six weeks, three days a week, once a day, 30% 1RM: the clinic plan of issue 13
    const BlockFigures clinic = figures(1, 3, 42, 18, 30, {"squat", "leg-press"});
    const auto ranked = closest(clinic, bfr_table(), 0);
    CHECK(ranked[0].study->id == "cook2018");  // knee extension and leg press at 20%, three days a week for six weeks
    const auto arm = std::find_if(ranked.begin(), ranked.end(), [](const Match& m) { return m.study->id == "yasuda2012"; });
    CHECK(arm->distance > ranked[0].distance);  // arm curls at 30%, three days a week for six weeks
}

TEST_CASE("a BFR block whose sessions were all skipped is compared with no study")
{
    auto compiled = test::compile(R"(program "P" {
  start 2027-01-04
  skip 2027-01-04..2027-01-10 "ill"
  1 week "B" { method bfr; days mon; squat 3x15 @ RPE 6 }
}
)");
    const auto e = evidence_for(compiled.program(), bfr_table(), 3);
    REQUIRE(e.blocks.size() == 1);
    CHECK(e.blocks[0].figures.sessions == 0);
    CHECK(e.blocks[0].matches.empty());
    CHECK(figures_summary(e.blocks[0].figures) == "no sessions in 1 week");
}
