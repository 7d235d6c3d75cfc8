// The rules engine: type checking of rule files, the meaning of conditions,
// what a finding says and where it points, and `allow`.
#include <catch2/catch.hpp>

#include "engine/report/report.h"
#include "tests/rules/fixture.h"

using namespace meso;
using namespace meso::test;
using Ids = std::vector<std::string>;

namespace {

const Diagnostic* first_with_rule(const std::vector<Diagnostic>& findings, const std::string& id)
{
    for (const auto& f : findings)
        if (f.rule && *f.rule == id) return &f;
    return nullptr;
}

// The errors of loading a rule set written in a program file.
std::vector<Diagnostic> load_errors(const std::string& ruleset_text, const Built** keep = nullptr)
{
    TestBlock b;
    b.extra_text = ruleset_text;
    static std::vector<std::unique_ptr<Built>> alive;
    alive.push_back(build(b));
    REQUIRE(alive.back()->parse_diagnostics.empty());
    if (keep) *keep = alive.back().get();
    return rules::load_rules(alive.back()->module.rulesets).diagnostics;
}

}  // namespace

TEST_CASE("a finding names the measured value, its date and the rule's threshold, at the sessions line")
{
    TestBlock b;
    b.times = {8 * 60, 11 * 60};
    auto built = build(b);
    auto findings = check(*built);
    REQUIRE(findings.size() == 1);
    const auto& f = findings.front();
    CHECK(f.severity == Severity::error);
    CHECK(*f.rule == "kaatsu.min-gap");
    CHECK(
        f.message ==
        "2.5 h between sessions on Mon 2027-03-01 (08:00-08:30, then 11:00), and 17 more times; at least 4 hours between Kaatsu sessions");
    CHECK(f.span.line == static_cast<std::uint32_t>(built->line_of("sessions 08:00")));
    CHECK(f.span.column == 5);
    CHECK(f.notes.empty());  // written in place: no template to point at
}

TEST_CASE("a gap is measured across days too, from the end of the evening session to the next morning")
{
    TestBlock b;
    b.times = {8 * 60, 22 * 60};  // 22:30 to 08:00 is 9.5 h; 08:30 to 22:00 is 13.5 h
    b.minutes = 30;
    CHECK(check(*build(b)).empty());
    b.times = {6 * 60, 23 * 60};  // 23:30 to 06:00 next day is 6.5 h: still fine
    CHECK(check(*build(b)).empty());
    b.times = {2 * 60, 23 * 60};  // 23:30 to 02:00 next day is 2.5 h
    auto findings = check(*build(b));
    REQUIRE(fired(findings) == Ids{"kaatsu.min-gap"});
    CHECK(findings.front().message == "2.5 h between sessions from Mon 2027-03-01 23:00-23:30 to Tue 2027-03-02 02:00, and 14 more times; "
                                      "at least 4 hours between Kaatsu sessions");
}

TEST_CASE("a load finding points at the exercise line and names set, percent and kilograms")
{
    TestBlock b;
    b.exercises.front().percent = 40;
    auto built = build(b);
    auto findings = check(*built);
    REQUIRE(findings.size() == 1);
    CHECK(
        findings.front().message ==
        "squat at 40% of 1RM (72.5 kg) in set 1 on Mon 2027-03-01, and in 35 more sessions; Kaatsu loads between 20% and 30% of 1RM (the protocol: 20%)");
    CHECK(findings.front().span.line == static_cast<std::uint32_t>(built->line_of("    squat ")));
}

TEST_CASE("an absolute load is converted with the athlete's max, and without a max the rule says it cannot be checked")
{
    TestBlock b;
    b.exercises.front().percent.reset();
    b.exercises.front().mass = 36;  // 20% of 180 kg
    CHECK(check(*build(b)).empty());
    b.maxes.clear();
    auto findings = check(*build(b));
    const auto* load = first_with_rule(findings, "bfr.load");
    REQUIRE(load);
    CHECK(load->severity == Severity::info);
    CHECK(load->message ==
          "cannot check 'BFR loads between 20% and 40% of 1RM': squat is loaded 36 kg on Mon 2027-03-01, and 'Alex' has no max "
          "for squat to relate it to");
    for (const auto& f : findings) CHECK(f.severity == Severity::info);
}

TEST_CASE("a contraindication points at the block and notes the athlete")
{
    TestBlock b;
    b.conditions = {"arterial-hardening"};
    b.vocabulary = {{"arterial-hardening", "hardened arteries", "absolute", {"arteriosclerosis"}, {}, {}},
                    {"smoker", "smokes", "relative", {}, {}, {}}};
    auto built = build(b);
    auto findings = check(*built);
    REQUIRE(fired(findings) == Ids{"bfr.contraindication"});
    CHECK(findings.front().message ==
          "athlete 'Alex' has the condition arterial-hardening (class absolute); no BFR for an athlete with an absolute contraindication");
    CHECK(findings.front().span.line == static_cast<std::uint32_t>(built->line_of("  21 days")));
    REQUIRE(findings.front().notes.size() == 1);
    CHECK(findings.front().notes.front().span.line == 1);
}

TEST_CASE("a violation made by a template points at the program's line that uses it, with the template's line as a note")
{
    TestBlock b;
    b.from_template = true;
    b.times = {8 * 60, 11 * 60};
    auto built = build(b);
    auto findings = check(*built);
    REQUIRE(findings.size() == 1);
    const auto& f = findings.front();
    CHECK(*f.rule == "kaatsu.min-gap");
    CHECK(f.span.line == static_cast<std::uint32_t>(built->line_of("  21 days kaatsu")));
    CHECK(f.span.column == 3);
    REQUIRE(f.notes.size() == 1);
    CHECK(f.notes.front().message == "the template 'kaatsu' is defined here");
    CHECK(f.notes.front().span.line == static_cast<std::uint32_t>(built->line_of("  sessions 08:00")));
    std::ostringstream text;
    report::print_text(text, findings);
    CHECK(text.str().find("plan.meso:" + std::to_string(f.span.line) + ":3: error: 2.5 h between sessions") != std::string::npos);
    CHECK(text.str().find("plan.meso:" + std::to_string(f.notes.front().span.line) + ":3: note: the template 'kaatsu' is defined here") !=
          std::string::npos);
}

TEST_CASE("a clinic's own rule set in the program file fires on a cuff above its limit")
{
    TestBlock b;
    b.cuff = ir::Pressure{220, false};
    b.cuff_limb = ir::Limb::leg;
    b.aops = {{ir::Limb::leg, 300}};  // 220 mmHg is 73% of it: within std.bfr's 40-80%
    b.extra_text = "ruleset clinic \"Our clinic\" {\n"
                   "  source \"Clinic protocol 2026\"\n"
                   "  applies to bfr blocks\n"
                   "  rule cuff error \"at most 180 mmHg in our clinic\" {\n"
                   "    require cuff-pressure <= 180 mmHg\n"
                   "  }\n"
                   "}\n";
    auto built = build(b);
    REQUIRE(built->parse_diagnostics.empty());
    auto findings = check(*built);
    CHECK(fired(findings) == Ids{"clinic.cuff"});
    CHECK(findings.front().message == "cuff 220 mmHg on Mon 2027-03-01, and in 35 more sessions; at most 180 mmHg in our clinic");
    CHECK(findings.front().span.line == static_cast<std::uint32_t>(built->line_of("    cuff leg 220")));
    b.cuff = ir::Pressure{170, false};
    CHECK(check(*build(b)).empty());
}

TEST_CASE("comparing gap with a percentage is a located error in the rule set")
{
    const Built* built = nullptr;
    auto errors = load_errors("ruleset mine {\n  rule g error \"gap\" {\n    require gap >= 20%\n  }\n}\n", &built);
    REQUIRE(errors.size() == 1);
    CHECK(errors.front().severity == Severity::error);
    CHECK(errors.front().span.line == static_cast<std::uint32_t>(built->line_of("require gap >= 20%")));
    CHECK(errors.front().span.column == 20);
    CHECK(errors.front().message == "'gap' is a time, and '20%' is a % of 1RM; write a time such as '4 h'");
}

TEST_CASE("rule files are type-checked when loaded")
{
    auto one = [](const std::string& condition, const std::string& severity = "warning") {
        auto errors = load_errors("ruleset mine {\n  rule r " + severity + " \"m\" {\n    " + condition + "\n  }\n}\n");
        REQUIRE(errors.size() == 1);
        return errors.front().message;
    };
    CHECK(one("require gapp >= 4 h") == "unknown metric 'gapp'; did you mean 'gap'? (the metrics are listed in docs/rules.md)");
    CHECK(one("require gap >= 4 h", "warnig") == "unknown severity 'warnig'; a rule is error, warning or info; did you mean 'warning'?");
    CHECK(one("require sessions >= 4 h") == "'sessions' is a count, and '4 h' is a time; write a plain number such as '24'");
    CHECK(one("require gap >= 4") == "'gap' is a time; '4' needs a unit: write a time such as '4 h'");
    CHECK(one("require every exercise gap >= 4 h") ==
          "'gap' is a metric of the block, not of an exercise; take it out of 'every exercise'/'any exercise'");
    CHECK(one("require load <= 30%") == "'load' is a metric of an exercise; write 'every exercise load ...' or 'any exercise load ...'");
    CHECK(one("require occlusion = contiuous") ==
          "'occlusion' is one of continuous, intermittent, none, unspecified, not 'contiuous'; did you mean 'continuous'?");
    CHECK(one("require method < bfr") == "'method' is a name; compare it with = or !=, not <");
    CHECK(
        one("require every exercise load <= 100 kg") ==
        "'load' is a % of 1RM, and '100 kg' is a mass; loads are compared in % of 1RM (kilograms are converted when the athlete has a max)");
    CHECK(one("require cuff-pressure between 40% AOP and 200 mmHg") ==
          "both ends of 'between' need the same unit: mmHg and % AOP cannot be converted into each other");
    CHECK(one("note \"nothing to check\"") == "rule 'mine.r' has no 'require' or 'forbid': it can never find anything");
}

TEST_CASE("a rule with an error is left out, the other rules of the set still run")
{
    TestBlock b;
    b.times = {8 * 60, 11 * 60};
    b.extra_text = "ruleset mine {\n  rule bad error \"x\" {\n    require gap >= 20%\n  }\n"
                   "  rule gap error \"at least 5 hours\" {\n    require gap >= 5 h\n  }\n}\n";
    auto findings = check(*build(b));
    CHECK(fired(findings) == Ids{"('gap' is a time, and '20%' is a % of 1RM; write a time such as '4 h')", "kaatsu.min-gap", "mine.gap"});
}

TEST_CASE("forbid C finds a problem wherever require not C would: not is pushed down to every value")
{
    TestBlock b;
    b.times = {8 * 60, 11 * 60};
    auto with = [&](const std::string& statement) {
        b.extra_text = "ruleset mine {\n  rule r error \"m\" {\n    " + statement + "\n  }\n}\n";
        auto built = build(b);
        auto findings = check(*built, false);
        return findings.empty() ? std::string("clean") : findings.front().message;
    };
    const std::string gap_fails = "2.5 h between sessions on Mon 2027-03-01 (08:00-08:30, then 11:00), and 17 more times; m";
    CHECK(with("require gap >= 4 h") == gap_fails);
    CHECK(with("forbid gap < 4 h") == gap_fails);
    CHECK(with("require not (gap < 4 h)") == gap_fails);
    CHECK(with("forbid not (gap >= 2 h)") == "clean");
    CHECK(with("require gap between 2 h and 3 h or sessions-per-day = 2") == "clean");
    CHECK(with("require gap >= 4 h and sessions >= 1") == gap_fails);
    CHECK(with("require every exercise load < 25%") == "clean");
    CHECK(with("forbid any exercise load < 25%") == "squat at 20% of 1RM (35 kg) in set 1 on Mon 2027-03-01, and in 35 more sessions; m");
    CHECK(with("require any exercise reps >= 15") == "clean");
    CHECK(with("require any exercise reps >= 20") == "no exercise qualifies: squat set 2 has 15 reps on Mon 2027-03-01; m");
    CHECK(with("require every exercise reps >= 20") == "squat set 2 has 15 reps on Mon 2027-03-01, and in 35 more sessions; m");
    CHECK(with("forbid athlete has condition pregnancy") == "clean");
    CHECK(with("require athlete has condition pregnancy") == "athlete 'Alex' does not have the condition pregnancy; m");
    CHECK(with("require session-length <= 20 min") == "a session of 30 min on Mon 2027-03-01 (08:00-08:30), and in 35 more sessions; m");
    CHECK(with("require days <= 14") == "the block is 21 days long; m");
    CHECK(with("require weeks >= 4 weeks") == "the block is 21 days (3 weeks) long; m");
    CHECK(with("require days-per-week <= 5") == "6 training days in block week 1 (2027-03-01..2027-03-07), and in 2 more block weeks; m");
}

TEST_CASE("applies to blocks where selects the blocks a rule set checks")
{
    TestBlock b;
    b.extra_text = "ruleset mine {\n  applies to blocks where method = strength\n"
                   "  rule r error \"m\" {\n    require sessions <= 1\n  }\n}\n";
    CHECK(check(*build(b), false).empty());
    b.method = "strength";
    CHECK(fired(check(*build(b), false)) == Ids{"mine.r"});
}

TEST_CASE("allow accepts exactly that rule's finding for that block, with the reason kept")
{
    TestBlock b;
    b.times = {8 * 60, 11 * 60};
    b.exercises.front().percent = 40;
    b.allows = {{"kaatsu.min-gap", "the athlete trains at a camp with fixed hours"}};
    auto built = build(b);  // the findings' spans point into its text
    auto findings = check(*built);
    CHECK(fired(findings) == Ids{"kaatsu.load"});
    const auto* gap = first_with_rule(findings, "kaatsu.min-gap");
    REQUIRE(gap);
    REQUIRE(gap->suppressed_by);
    CHECK(*gap->suppressed_by == "the athlete trains at a camp with fixed hours");
    CHECK(!has_errors(findings));
    std::ostringstream hidden, shown;
    report::print_text(hidden, findings);
    report::print_text(shown, findings, {false, true});
    CHECK(hidden.str().find("kaatsu.min-gap") == std::string::npos);
    CHECK(shown.str().find("[kaatsu.min-gap] (allowed: the athlete trains at a camp with fixed hours)") != std::string::npos);
}

TEST_CASE("an allow that suppresses nothing is a warning, an allow of an unknown rule an error with did-you-mean")
{
    TestBlock b;
    b.allows = {{"kaatsu.min-gap", "not needed"}, {"kaatsu.min-gp", "typo"}};
    auto built = build(b);
    auto findings = check(*built);
    REQUIRE(findings.size() == 2);
    std::sort(findings.begin(), findings.end(), [](const auto& x, const auto& y) { return x.severity < y.severity; });
    CHECK(findings[0].severity == Severity::error);
    CHECK(findings[0].message == "no rule 'kaatsu.min-gp' is in force; did you mean 'kaatsu.min-gap'?");
    CHECK(findings[0].span.line == static_cast<std::uint32_t>(built->line_of("allow kaatsu.min-gp")));
    CHECK(findings[1].severity == Severity::warning);
    CHECK(findings[1].message == "'allow kaatsu.min-gap' accepts nothing: the rule finds no problem in block 'Block'; remove the allow");
}

TEST_CASE("two rule sets of one name are an error, the same one given twice is loaded once")
{
    const auto& standard = standard_rulesets();
    std::vector<const syntax::Ruleset*> twice = standard;
    twice.insert(twice.end(), standard.begin(), standard.end());
    CHECK(rules::load_rules(twice).diagnostics.empty());
    auto errors = load_errors("ruleset a {\n  rule r info \"m\" {\n    require sessions >= 0\n  }\n}\n"
                              "ruleset a {\n  rule r info \"m\" {\n    require sessions >= 0\n  }\n}\n");
    REQUIRE(errors.size() == 1);
    CHECK(errors.front().message == "rule set 'a' is defined twice");
}

TEST_CASE("two exercises too heavy give two findings, each at its own line with its first date and how many sessions more")
{
    TestBlock b;
    b.exercises = {TestExercise{"squat", {30, 15, 15, 15}, 40, {}, {}, 30},
                   TestExercise{"knee-extension", {30, 15, 15, 15}, 45, {}, {}, 30}};
    b.maxes = {{"squat", 180}, {"knee-extension", 80}};
    auto built = build(b);
    auto findings = check(*built);
    // 45% is above both the protocol's 30% and the guidelines' 40%; 40% only above the protocol's.
    REQUIRE(fired(findings) == Ids{"bfr.load", "kaatsu.load", "kaatsu.load"});
    std::vector<Diagnostic> protocol;
    for (const auto& f : findings)
        if (*f.rule == "kaatsu.load") protocol.push_back(f);
    // 3 weeks of 6 days with 2 sessions: 36 sessions, the first named, 35 more.
    const auto& squat = protocol[0];
    CHECK(squat.message.rfind("squat at 40% of 1RM (", 0) == 0);
    CHECK(squat.message.find(
              ") in set 1 on Mon 2027-03-01, and in 35 more sessions; Kaatsu loads between 20% and 30% of 1RM (the protocol: 20%)") !=
          std::string::npos);
    CHECK(squat.span.line == static_cast<std::uint32_t>(built->line_of("    squat ")));
    const auto& knee = protocol[1];
    CHECK(knee.message.rfind("knee-extension at 45% of 1RM (", 0) == 0);
    CHECK(knee.message.find(") in set 1 on Mon 2027-03-01, and in 35 more sessions; ") != std::string::npos);
    CHECK(knee.span.line == static_cast<std::uint32_t>(built->line_of("    knee-extension ")));
}

TEST_CASE("a value that fails again is reported once: its first date, and how many days, weeks or gaps fail after it")
{
    TestBlock b;
    SECTION("a gap on each of 18 days")
    {
        b.times = {8 * 60, 11 * 60};
        auto findings = check(*build(b));
        REQUIRE(fired(findings) == Ids{"kaatsu.min-gap"});
        CHECK(findings.front().message == "2.5 h between sessions on Mon 2027-03-01 (08:00-08:30, then 11:00), and 17 more times; "
                                          "at least 4 hours between Kaatsu sessions");
    }
    SECTION("one session on each of 24 days")
    {
        b.times = {8 * 60};
        b.length_days = 28;
        auto findings = check(*build(b));
        REQUIRE(fired(findings) == Ids{"bfr.frequency", "kaatsu.sessions-per-day"});
        const auto* sessions = first_with_rule(findings, "kaatsu.sessions-per-day");
        REQUIRE(sessions);
        CHECK(sessions->message == "1 session on Mon 2027-03-01, and on 23 more days; 2 Kaatsu sessions on every training day");
    }
    SECTION("five training days in each of 3 weeks")
    {
        b.days = "mon..fri";
        b.day_bits = std::bitset<7>{0b0011'1110};
        auto findings = check(*build(b));
        REQUIRE(fired(findings) == Ids{"kaatsu.days-per-week"});
        CHECK(findings.front().message == "5 training days in block week 1 (2027-03-01..2027-03-07), and in 2 more block weeks; 6 Kaatsu "
                                          "training days in every block week");
    }
    SECTION("one more is one, in the singular")
    {
        b.days = "mon..fri";
        b.day_bits = std::bitset<7>{0b0011'1110};
        b.length_days = 14;
        auto findings = check(*build(b));
        const auto* days = first_with_rule(findings, "kaatsu.days-per-week");
        REQUIRE(days);
        CHECK(days->message == "5 training days in block week 1 (2027-03-01..2027-03-07), and in 1 more block week; 6 Kaatsu training "
                               "days in every block week");
    }
}

TEST_CASE("a block of one week reads 1 week, one session reads 1 session")
{
    TestBlock b;
    b.length_days = 7;
    b.days = "mon";
    b.day_bits = std::bitset<7>{0b0000'0010};
    b.times = {8 * 60};
    b.extra_text = "ruleset mine {\n  rule r warning \"m\" {\n    require weeks >= 2 and sessions >= 2\n  }\n}\n";
    auto built = build(b);
    auto findings = check(*built, false);
    REQUIRE(findings.size() == 1);
    CHECK(findings.front().message == "the block is 7 days (1 week) long, and 1 session in the block; m");
}

TEST_CASE("the standard minimum duration names both what is short, in the singular where it is one")
{
    TestBlock b;
    b.length_days = 7;
    auto findings = check(*build(b));
    REQUIRE(fired(findings) == Ids{"kaatsu.min-duration"});
    CHECK(findings.front().message == "the block is 7 days (1 week) long, and 12 sessions in the block; "
                                      "a Kaatsu run of at least 2 weeks and 24 sessions, counted over consecutive kaatsu blocks");
}

TEST_CASE("every exercise finds each exercise once, in the order the block first names them, however many it names")
{
    // A handful of names, and more than the few dozen past which the
    // checker groups an exercise's prescriptions through an index. Each
    // name is prescribed twice in the session, within the protocol's load
    // and then above it: the second is the same exercise, and fails it.
    for (const int count : {3, 40}) {
        TestBlock b;
        b.exercises.clear();
        b.maxes.clear();
        std::vector<std::string> names;
        for (int i = count; i >= 1; --i) {  // written from the last name down: the order is the block's, not the alphabet's
            const std::string name = "lift-" + std::to_string(100 + i);
            names.push_back(name);
            b.exercises.push_back(TestExercise{name, {30, 15, 15, 15}, 20, {}, {}, 30});
            b.maxes[name] = 100;
        }
        for (const auto& name : names) b.exercises.push_back(TestExercise{name, {15, 15}, 45, {}, {}, 30});
        const auto findings = check(*build(b));
        std::vector<std::string> told;
        for (const auto& f : findings)
            if (*f.rule == "kaatsu.load") told.push_back(f.message.substr(0, f.message.find("; ")));
        REQUIRE(told.size() == names.size());
        for (std::size_t i = 0; i < names.size(); ++i)
            CHECK(told[i] == names[i] + " at 45% of 1RM (45 kg) in set 1 on Mon 2027-03-01, and in 35 more sessions");
    }
}

TEST_CASE("an exercise prescribed twice in a session, failing in both, counts the session once")
{
    TestBlock b;
    b.exercises = {TestExercise{"squat", {30, 15, 15, 15}, 45, {}, {}, 30}, TestExercise{"squat", {15, 15}, 40, {}, {}, 30}};
    const auto findings = check(*build(b));
    const Diagnostic* load = first_with_rule(findings, "kaatsu.load");
    REQUIRE(load != nullptr);
    // 3 weeks of 6 days with 2 sessions: 36 sessions, the first named, 35 more (71 when each prescription counted).
    INFO(load->message);
    CHECK(load->message.rfind("squat at 45% of 1RM (80 kg) in set 1 on Mon 2027-03-01, and in 35 more sessions; ", 0) == 0);
}
