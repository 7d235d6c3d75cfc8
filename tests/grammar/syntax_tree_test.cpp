// The syntax tree holds what the examples of the design document say,
// field by field.
#include <catch2/catch.hpp>

#include <deque>

#include "tests/grammar/support.h"

using namespace meso;
using namespace meso::syntax;
using namespace meso::grammar_test;
using namespace std::chrono;

namespace {

// The prescriptions of `template t { ... }` in a parsed text.
std::vector<Prescription> prescriptions_of(const Parsed& parsed)
{
    std::vector<Prescription> out;
    for (const auto& top : parsed.file().statements)
        if (auto* t = std::get_if<Template>(&top.node))
            for (const auto& s : t->body.statements)
                if (auto* p = std::get_if<Prescription>(&s.node)) out.push_back(*p);
    return out;
}

// The prescription of a one-line template; its spans point into the parsed
// source, which is kept for the rest of the run.
Prescription one_prescription(const std::string& line)
{
    static std::deque<Parsed> kept;
    const auto& parsed = kept.emplace_back(parse_text("template t {\n  " + line + "\n}\n"));
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    auto all = prescriptions_of(parsed);
    REQUIRE(all.size() == 1);
    return all[0];
}

std::vector<double> values(const std::vector<Reps>& reps)
{
    std::vector<double> out;
    out.reserve(reps.size());
    for (const auto& r : reps) out.push_back(r.count.value);
    return out;
}

}  // namespace

TEST_CASE("the first program of the design document, field by field")
{
    const auto parsed = parse_fixture("program.meso");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& statements = parsed.file().statements;
    REQUIRE(statements.size() == 4);  // use, use, athlete, program

    const auto& use_bfr = as<Use>(statements[0].node);
    CHECK(use_bfr.module.text == "std.bfr");
    CHECK_FALSE(use_bfr.module.quoted);
    CHECK(as<Use>(statements[1].node).module.text == "std.templates");

    const auto& alex = as<Athlete>(statements[2].node);
    CHECK(alex.name.value == "Alex");
    REQUIRE(alex.statements.size() == 4);
    const std::pair<const char*, double> maxes[] = {{"squat", 180}, {"bench-press", 120}, {"deadlift", 220}};
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& max = as<Max>(alex.statements[i].node);
        CHECK(max.exercise.text == maxes[i].first);
        CHECK(max.mass.amount.value == maxes[i].second);
        CHECK(max.mass.unit == Unit::kg);
    }
    const auto& round = as<Round>(alex.statements[3].node);
    CHECK(round.step.amount.value == 2.5);
    CHECK(round.step.amount.text == "2.5");
    CHECK(round.step.unit == Unit::kg);

    const auto& program = as<Program>(statements[3].node);
    CHECK(program.name.value == "Off-season 2027");
    REQUIRE(program.athletes.size() == 1);
    CHECK(program.athletes[0].value == "Alex");
    REQUIRE(program.statements.size() == 3);

    const auto& start = as<Start>(program.statements[0].node);
    CHECK(start.date.value == year{2027} / January / 4);
    CHECK(start.date.span.text() == "2027-01-04");

    const auto& kaatsu = as<BlockUse>(program.statements[1].node);
    CHECK(kaatsu.length.amount.value == 3);
    CHECK(kaatsu.length.unit == Unit::week);
    CHECK(kaatsu.length.unit_text == "weeks");
    CHECK(kaatsu.target.text == "kaatsu");
    CHECK_FALSE(kaatsu.target.quoted);
    CHECK_FALSE(kaatsu.then);
    CHECK_FALSE(kaatsu.as_name);
    CHECK_FALSE(kaatsu.body);

    const auto& powerlifting = as<BlockUse>(program.statements[2].node);
    CHECK(powerlifting.then);
    CHECK_FALSE(powerlifting.joined);  // on a line of its own
    CHECK(powerlifting.length.amount.value == 10);
    CHECK(powerlifting.length.unit == Unit::week);
    CHECK(powerlifting.target.text == "powerlifting");
}

TEST_CASE("'then' on one line joins two blocks, 'as' and a body are kept")
{
    const auto parsed = parse_text("program \"P\" {\n"
                                   "  start 2027-01-04\n"
                                   "  3 weeks kaatsu then 10 weeks powerlifting\n"
                                   "  10 days deload as \"Rest\"\n"
                                   "  2 weeks \"Taper\" { method strength }\n"
                                   "}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& program = as<Program>(parsed.file().statements.at(0).node);
    REQUIRE(program.statements.size() == 5);
    const auto& first = as<BlockUse>(program.statements[1].node);
    const auto& second = as<BlockUse>(program.statements[2].node);
    CHECK_FALSE(first.then);
    CHECK(second.then);
    CHECK(second.joined);
    CHECK(second.span.text() == "then 10 weeks powerlifting");
    const auto& rest = as<BlockUse>(program.statements[3].node);
    CHECK(rest.length.unit == Unit::day);
    CHECK(rest.length.amount.value == 10);
    REQUIRE(rest.as_name);
    CHECK(rest.as_name->value == "Rest");
    const auto& taper = as<BlockUse>(program.statements[4].node);
    CHECK(taper.target.quoted);
    CHECK(taper.target.text == "Taper");
    REQUIRE(taper.body);
    REQUIRE(taper.body->statements.size() == 1);
    CHECK(as<Method>(taper.body->statements[0].node).value.text == "strength");
    CHECK(taper.body->braces.single_line);
}

TEST_CASE("the kaatsu template of the design document, field by field")
{
    const auto parsed = parse_fixture("kaatsu_template.meso");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& t = as<Template>(parsed.file().statements.at(0).node);
    CHECK(t.name.text == "kaatsu");
    REQUIRE(t.title);
    CHECK(t.title->value == "Kaatsu (BFR) hypertrophy block");
    const auto& s = t.body.statements;
    REQUIRE(s.size() == 7);

    CHECK(as<Method>(s[0].node).value.text == "kaatsu");

    const auto& days = as<Days>(s[1].node).days;
    REQUIRE(days.items.size() == 1);
    CHECK(days.items[0].is_range);
    CHECK(days.items[0].first == Monday);
    CHECK(days.items[0].last == Saturday);

    const auto& sessions = as<Sessions>(s[2].node);
    REQUIRE(sessions.times.size() == 2);
    CHECK(sessions.times[0].since_midnight == hours{8});
    CHECK(sessions.times[1].since_midnight == hours{16});
    REQUIRE(sessions.length);
    CHECK(sessions.length->amount.value == 30);
    CHECK(sessions.length->unit == Unit::minute);

    CHECK(as<Occlusion>(s[3].node).mode.text == "continuous");

    const auto& cuff = as<Cuff>(s[4].node);
    REQUIRE(cuff.pressure);
    CHECK_FALSE(cuff.width);
    CHECK(cuff.pressure->amount.value == 160);
    CHECK(cuff.pressure->unit == Unit::mmhg);

    for (std::size_t i : {5u, 6u}) {
        const auto& p = as<Prescription>(s[i].node);
        CHECK(p.exercise.text == (i == 5 ? "squat" : "knee-extension"));
        CHECK(p.load_first);
        CHECK(p.scheme.form == Scheme::Form::rep_list);
        CHECK(values(p.scheme.reps) == std::vector<double>{30, 15, 15, 15});
        REQUIRE(p.load);
        CHECK(p.load->kind == Load::Kind::percent);
        CHECK(p.load->from.amount.value == 20);
        REQUIRE(p.rest);
        CHECK(p.rest->amount.value == 30);
        CHECK(p.rest->unit == Unit::second);
    }
}

TEST_CASE("'squat 20% x 30,15,15,15 rest 30 s' is four sets at 20% with 30 s rest, load first")
{
    const auto p = one_prescription("squat 20% x 30,15,15,15 rest 30 s");
    CHECK(p.exercise.text == "squat");
    CHECK(p.load_first);
    CHECK(p.scheme.form == Scheme::Form::rep_list);
    REQUIRE(p.scheme.reps.size() == 4);
    CHECK(values(p.scheme.reps) == std::vector<double>{30, 15, 15, 15});
    REQUIRE(p.load);
    CHECK(p.load->kind == Load::Kind::percent);
    CHECK(p.load->from.amount.value == 20);
    CHECK(p.load->from.unit == Unit::percent);
    CHECK_FALSE(p.load->to);
    CHECK_FALSE(p.load->per_week);
    REQUIRE(p.rest);
    CHECK(p.rest->amount.value == 30);
    CHECK(p.rest->unit == Unit::second);
}

TEST_CASE("every prescription form of the design document, field by field")
{
    const auto parsed = parse_fixture("prescriptions.meso");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto p = prescriptions_of(parsed);
    REQUIRE(p.size() == 9);

    SECTION("squat 5x5 @ 75%")
    {
        CHECK(p[0].exercise.text == "squat");
        CHECK(p[0].scheme.form == Scheme::Form::sets_x_reps);
        CHECK(p[0].scheme.sets.value == 5);
        CHECK(values(p[0].scheme.reps) == std::vector<double>{5});
        CHECK_FALSE(p[0].load_first);
        REQUIRE(p[0].load);
        CHECK(p[0].load->kind == Load::Kind::percent);
        CHECK(p[0].load->from.amount.value == 75);
        CHECK_FALSE(p[0].rest);
    }
    SECTION("squat 5 x 5 @ 142.5 kg: spaces around x, an absolute load")
    {
        CHECK(p[1].scheme.form == Scheme::Form::sets_x_reps);
        CHECK(p[1].scheme.sets.value == 5);
        CHECK(values(p[1].scheme.reps) == std::vector<double>{5});
        REQUIRE(p[1].load);
        CHECK(p[1].load->kind == Load::Kind::mass);
        CHECK(p[1].load->from.amount.value == 142.5);
        CHECK(p[1].load->from.unit == Unit::kg);
    }
    SECTION("squat 30,15,15,15 @ 20% rest 30 s: one set per number")
    {
        CHECK(p[2].scheme.form == Scheme::Form::rep_list);
        CHECK(values(p[2].scheme.reps) == std::vector<double>{30, 15, 15, 15});
        CHECK_FALSE(p[2].load_first);
        CHECK(p[2].load->kind == Load::Kind::percent);
        CHECK(p[2].load->from.amount.value == 20);
        REQUIRE(p[2].rest);
        CHECK(p[2].rest->amount.value == 30);
        CHECK(p[2].rest->unit == Unit::second);
    }
    SECTION("squat 20% x 30,15,15,15 rest 30 s: the same, load first")
    {
        CHECK(p[3].load_first);
        CHECK(p[3].scheme.form == p[2].scheme.form);
        CHECK(values(p[3].scheme.reps) == values(p[2].scheme.reps));
        CHECK(p[3].load->kind == p[2].load->kind);
        CHECK(p[3].load->from.amount.value == p[2].load->from.amount.value);
        CHECK(p[3].rest->amount.value == p[2].rest->amount.value);
        CHECK(p[3].rest->unit == p[2].rest->unit);
    }
    SECTION("bench-press 3x8 @ RPE 8: load by effort")
    {
        CHECK(p[4].exercise.text == "bench-press");
        CHECK(p[4].scheme.sets.value == 3);
        CHECK(values(p[4].scheme.reps) == std::vector<double>{8});
        CHECK(p[4].load->kind == Load::Kind::effort);
        REQUIRE(p[4].load->effort);
        CHECK(p[4].load->effort->kind == Effort::Kind::rpe);
        CHECK(p[4].load->effort->value.value == 8);
    }
    SECTION("squat 5x5 @ 70% +2.5% per week: a progression")
    {
        const auto& load = *p[5].load;
        CHECK(load.kind == Load::Kind::percent);
        CHECK(load.from.amount.value == 70);
        CHECK_FALSE(load.to);
        REQUIRE(load.per_week);
        CHECK(load.per_week->step.amount.value == 2.5);
        CHECK(load.per_week->step.unit == Unit::percent);
        CHECK(load.per_week->span.text() == "+2.5% per week");
    }
    SECTION("deadlift 3x5 @ 100 kg +5 kg per week: a progression in kilograms")
    {
        CHECK(p[6].exercise.text == "deadlift");
        const auto& load = *p[6].load;
        CHECK(load.kind == Load::Kind::mass);
        CHECK(load.from.amount.value == 100);
        REQUIRE(load.per_week);
        CHECK(load.per_week->step.amount.value == 5);
        CHECK(load.per_week->step.unit == Unit::kg);
    }
    SECTION("squat 4x6 @ 70%..85%: a ramp")
    {
        const auto& load = *p[7].load;
        CHECK(load.from.amount.value == 70);
        REQUIRE(load.to);
        CHECK(load.to->amount.value == 85);
        CHECK(load.to->unit == Unit::percent);
        CHECK_FALSE(load.per_week);
    }
    SECTION("\"Bulgarian split squat\" 3x10 @ 20 kg: a quoted exercise name")
    {
        CHECK(p[8].exercise.text == "Bulgarian split squat");
        CHECK(p[8].exercise.quoted);
        CHECK(p[8].exercise.span.text() == "\"Bulgarian split squat\"");
        CHECK(p[8].scheme.sets.value == 3);
        CHECK(values(p[8].scheme.reps) == std::vector<double>{10});
        CHECK(p[8].load->kind == Load::Kind::mass);
        CHECK(p[8].load->from.amount.value == 20);
    }
}

TEST_CASE("a progression may go down: '-5 kg per week' is a negative step")
{
    const auto p = one_prescription("deadlift 3x5 @ 100 kg -5 kg per week");
    REQUIRE(p.load->per_week);
    CHECK(p.load->per_week->step.amount.value == -5);
}

TEST_CASE("units are read in every spelling, singular and plural, with or without a space")
{
    const std::pair<const char*, Unit> spellings[] = {
        {"30 s", Unit::second},  {"30s", Unit::second},       {"30 sec", Unit::second}, {"30 seconds", Unit::second},
        {"3 min", Unit::minute}, {"3 minutes", Unit::minute}, {"1 h", Unit::hour},      {"2 hours", Unit::hour},
        {"1 day", Unit::day},    {"2 days", Unit::day},       {"1 week", Unit::week},   {"3 weeks", Unit::week},
    };
    for (const auto& [text, unit] : spellings) {
        const auto p = one_prescription(std::string("squat 5x5 @ 75% rest ") + text);
        INFO(text);
        REQUIRE(p.rest);
        CHECK(p.rest->unit == unit);
    }
    CHECK(one_prescription("squat 5x5 @ 100 lb").load->from.unit == Unit::lb);
    CHECK(one_prescription("squat 5x5 @ 100lbs").load->from.unit == Unit::lb);
    CHECK(one_prescription("squat 5x5 @ 100kg").load->from.unit == Unit::kg);
}

TEST_CASE("cuff pressure in % AOP and cuff width in cm")
{
    const auto parsed = parse_text("template t {\n  cuff 50% AOP\n  cuff width 5 cm\n}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& s = as<Template>(parsed.file().statements.at(0).node).body.statements;
    const auto& aop = as<Cuff>(s.at(0).node);
    REQUIRE(aop.pressure);
    CHECK(aop.pressure->unit == Unit::percent_aop);
    CHECK(aop.pressure->amount.value == 50);
    const auto& width = as<Cuff>(s.at(1).node);
    REQUIRE(width.width);
    CHECK(width.width->unit == Unit::cm);
    CHECK(width.width->amount.value == 5);
}

TEST_CASE("weekdays: a range, a list with and without commas")
{
    const auto parsed = parse_text("template t {\n  days mon..sat\n  days mon wed fri\n  days mon, wed, fri\n}\n");
    REQUIRE(parsed.diagnostics().empty());
    const auto& s = as<Template>(parsed.file().statements.at(0).node).body.statements;
    const auto& range = as<Days>(s.at(0).node).days;
    REQUIRE(range.items.size() == 1);
    CHECK(range.items[0].first == Monday);
    CHECK(range.items[0].last == Saturday);
    for (std::size_t i : {1u, 2u}) {
        const auto& list = as<Days>(s.at(i).node).days;
        CHECK(list.commas == (i == 2));
        REQUIRE(list.items.size() == 3);
        CHECK(list.items[0].first == Monday);
        CHECK(list.items[1].first == Wednesday);
        CHECK(list.items[2].first == Friday);
        CHECK_FALSE(list.items[1].is_range);
    }
}

TEST_CASE("week overrides and splits of the design document's table")
{
    const auto parsed = parse_text("template t {\n"
                                   "  mon { squat 5x5 @ 75% }\n"
                                   "  week 4 deload\n"
                                   "  week 2..3 { squat 5x3 @ 85% }\n"
                                   "  week 4, 8 { squat 3x3 @ 60% }\n"
                                   "}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& s = as<Template>(parsed.file().statements.at(0).node).body.statements;
    REQUIRE(s.size() == 4);
    const auto& split = as<Split>(s[0].node);
    REQUIRE(split.days.items.size() == 1);
    CHECK(split.days.items[0].first == Monday);
    REQUIRE(split.body.statements.size() == 1);
    CHECK(as<Prescription>(split.body.statements[0].node).exercise.text == "squat");

    const auto& deload = as<WeekOverride>(s[1].node);
    CHECK(deload.deload);
    CHECK_FALSE(deload.body);
    REQUIRE(deload.weeks.size() == 1);
    CHECK(deload.weeks[0].first == 4);
    CHECK(deload.weeks[0].last == 4);

    const auto& range = as<WeekOverride>(s[2].node);
    CHECK_FALSE(range.deload);
    REQUIRE(range.body);
    REQUIRE(range.weeks.size() == 1);
    CHECK(range.weeks[0].is_range);
    CHECK(range.weeks[0].first == 2);
    CHECK(range.weeks[0].last == 3);

    const auto& list = as<WeekOverride>(s[3].node);
    REQUIRE(list.weeks.size() == 2);
    CHECK(list.weeks[0].first == 4);
    CHECK(list.weeks[1].first == 8);
}

TEST_CASE("the program statements of the design document's table")
{
    const auto parsed = parse_text("program \"P\" {\n"
                                   "  end 2027-06-12\n"
                                   "  timezone Europe/Berlin\n"
                                   "  coach \"Sam Lee\" <sam@example.org>\n"
                                   "  skip 2027-02-01\n"
                                   "  skip 2027-02-14..2027-02-20 \"ski trip\"\n"
                                   "  pause 2027-03-01..2027-03-07 \"injury\"\n"
                                   "  timezone floating\n"
                                   "  3 weeks kaatsu\n"
                                   "}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& s = as<Program>(parsed.file().statements.at(0).node).statements;
    REQUIRE(s.size() == 8);
    CHECK(as<End>(s[0].node).date.value == year{2027} / June / 12);
    CHECK(as<Timezone>(s[1].node).zone.text == "Europe/Berlin");
    CHECK_FALSE(as<Timezone>(s[1].node).floating);
    const auto& coach = as<Coach>(s[2].node);
    CHECK(coach.name.value == "Sam Lee");
    REQUIRE(coach.email);
    CHECK(coach.email->value == "sam@example.org");
    const auto& one_day = as<Skip>(s[3].node);
    CHECK_FALSE(one_day.dates.is_range);
    CHECK(one_day.dates.first.value == one_day.dates.last.value);
    CHECK_FALSE(one_day.reason);
    const auto& trip = as<Skip>(s[4].node);
    CHECK(trip.dates.is_range);
    CHECK(trip.dates.first.value == year{2027} / February / 14);
    CHECK(trip.dates.last.value == year{2027} / February / 20);
    REQUIRE(trip.reason);
    CHECK(trip.reason->value == "ski trip");
    const auto& pause = as<Pause>(s[5].node);
    CHECK(pause.dates.first.value == year{2027} / March / 1);
    CHECK(pause.dates.last.value == year{2027} / March / 7);
    CHECK(pause.reason->value == "injury");
    CHECK(as<Timezone>(s[6].node).floating);
}

TEST_CASE("calendar-id is a program statement with the namespace in quotes, a misspelling gets a did-you-mean")
{
    const auto parsed = parse_text("program \"P\" {\n  calendar-id \"club.example.org\"\n}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& s = as<Program>(parsed.file().statements.at(0).node).statements;
    REQUIRE(s.size() == 1);
    const auto& id = as<CalendarId>(s[0].node);
    CHECK(id.id.value == "club.example.org");
    CHECK(id.span.text() == "calendar-id \"club.example.org\"");
    CHECK(id.id.span.text() == "\"club.example.org\"");

    const auto misspelt = parse_text("program \"P\" {\n  calender-id \"club.example.org\"\n}\n");
    REQUIRE_FALSE(misspelt.diagnostics().empty());
    CHECK(misspelt.report().find("calendar-id") != std::string::npos);
}

TEST_CASE("a competition is a program statement with its date and its name")
{
    const auto parsed = parse_text("program \"P\" {\n  competition 2027-06-12 \"Nationals\"\n  competition 2027-05-01 \"Regionals\"\n}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& s = as<Program>(parsed.file().statements.at(0).node).statements;
    REQUIRE(s.size() == 2);
    const auto& nationals = as<Competition>(s[0].node);
    CHECK(nationals.date.value == year{2027} / June / 12);
    CHECK(nationals.name.value == "Nationals");
    CHECK(nationals.span.text() == "competition 2027-06-12 \"Nationals\"");
    CHECK(as<Competition>(s[1].node).name.value == "Regionals");
}

TEST_CASE("strings: escapes are unescaped, any UTF-8 is kept")
{
    const auto parsed = parse_text("athlete \"A \\\"quoted\\\" \\\\ name\\nsecond line — Zoë\" {\n}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    CHECK(as<Athlete>(parsed.file().statements.at(0).node).name.value == "A \"quoted\" \\ name\nsecond line — Zoë");
    const auto only_escapes = parse_text("athlete \"\\\"\\\\\\n\" {\n}\n");  // "\"\\\n": escapes side by side, first and last
    INFO(only_escapes.report());
    REQUIRE(only_escapes.diagnostics().empty());
    CHECK(as<Athlete>(only_escapes.file().statements.at(0).node).name.value == "\"\\\n");
}

TEST_CASE("the athlete's conditions, one or several")
{
    const auto parsed = parse_text("athlete \"A\" {\n  condition arterial-hardening\n  condition a, b\n}\n");
    REQUIRE(parsed.diagnostics().empty());
    const auto& s = as<Athlete>(parsed.file().statements.at(0).node).statements;
    REQUIRE(s.size() == 2);
    REQUIRE(as<ConditionList>(s[0].node).names.size() == 1);
    CHECK(as<ConditionList>(s[0].node).names[0].text == "arterial-hardening");
    const auto& two = as<ConditionList>(s[1].node).names;
    REQUIRE(two.size() == 2);
    CHECK(two[0].text == "a");
    CHECK(two[1].text == "b");
}

TEST_CASE("a semicolon ends a statement like a new line")
{
    const auto parsed = parse_text("athlete \"A\" { max squat 100 kg; round 5 lb }\nuse std.bfr; use std.general\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    REQUIRE(parsed.file().statements.size() == 3);
    CHECK(as<Athlete>(parsed.file().statements[0].node).statements.size() == 2);
    CHECK(as<Use>(parsed.file().statements[2].node).module.text == "std.general");
}

TEST_CASE("use of a file names it in quotes")
{
    const auto parsed = parse_text("use \"plans/base.meso\"\n");
    REQUIRE(parsed.diagnostics().empty());
    const auto& use = as<Use>(parsed.file().statements.at(0).node);
    CHECK(use.module.quoted);
    CHECK(use.module.text == "plans/base.meso");
}
