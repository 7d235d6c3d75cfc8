// The syntax tree of an athlete's statements (occlusion pressures,
// clearances, bar, plates and equipment, a cuff's limb) and of the
// vocabulary's condition declarations, field by field.
#include <catch2/catch.hpp>

#include "tests/grammar/support.h"

using namespace meso;
using namespace meso::syntax;
using namespace meso::grammar_test;

TEST_CASE("an athlete's occlusion pressure per limb, with the cuff width it was measured with")
{
    const auto parsed = parse_text("athlete \"A\" {\n  aop leg 180 mmHg\n  aop arm 140 mmHg width 5 cm\n}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& s = as<Athlete>(parsed.file().statements.at(0).node).statements;
    REQUIRE(s.size() == 2);
    const auto& leg = as<Aop>(s[0].node);
    CHECK(leg.limb.text == "leg");
    CHECK(leg.pressure.unit == Unit::mmhg);
    CHECK(leg.pressure.amount.value == 180);
    CHECK_FALSE(leg.width);
    const auto& arm = as<Aop>(s[1].node);
    CHECK(arm.limb.text == "arm");
    CHECK(arm.pressure.amount.value == 140);
    REQUIRE(arm.width);
    CHECK(arm.width->unit == Unit::cm);
    CHECK(arm.width->amount.value == 5);
    CHECK(arm.span.text() == "aop arm 140 mmHg width 5 cm");
}

TEST_CASE("a clearance names the whole rule id and who cleared it")
{
    const auto parsed = parse_text("athlete \"A\" {\n  cleared bfr.precaution \"Dr Lee, 2027-01-10\"\n}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& c = as<Cleared>(as<Athlete>(parsed.file().statements.at(0).node).statements.at(0).node);
    CHECK(c.rule.text == "bfr.precaution");
    CHECK(c.rule.span.text() == "bfr.precaution");
    CHECK(c.by.value == "Dr Lee, 2027-01-10");
}

TEST_CASE("an athlete's bar, plates with counts, and equipment marks with their step")
{
    const auto parsed = parse_text("athlete \"A\" {\n  bar 20 kg\n  plates 4x25, 2 x 20 15 1.25 kg\n  barbell squat, \"front squat\"\n"
                                   "  dumbbell curl step 2 kg\n}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    const auto& s = as<Athlete>(parsed.file().statements.at(0).node).statements;
    REQUIRE(s.size() == 4);
    const auto& bar = as<Bar>(s[0].node);
    CHECK(bar.mass.amount.value == 20);
    CHECK(bar.mass.unit == Unit::kg);
    const auto& plates = as<Plates>(s[1].node);
    REQUIRE(plates.items.size() == 4);
    CHECK(plates.items[0].count->value == 4);
    CHECK(plates.items[0].mass.value == 25);
    CHECK(plates.items[0].span.text() == "4x25");
    CHECK(plates.items[1].count->value == 2);
    CHECK(plates.items[1].span.text() == "2 x 20");
    CHECK_FALSE(plates.items[2].count);
    CHECK(plates.items[3].mass.text == "1.25");
    CHECK(plates.unit == Unit::kg);
    CHECK(plates.unit_span.text() == "kg");
    const auto& barbell = as<Equipment>(s[2].node);
    CHECK(barbell.kind.text == "barbell");
    REQUIRE(barbell.exercises.size() == 2);
    CHECK(barbell.exercises[1].text == "front squat");
    CHECK(barbell.exercises[1].quoted);
    CHECK_FALSE(barbell.step);
    const auto& dumbbell = as<Equipment>(s[3].node);
    CHECK(dumbbell.kind.text == "dumbbell");
    CHECK(dumbbell.exercises.at(0).text == "curl");
    CHECK(dumbbell.step->amount.value == 2);
    CHECK(dumbbell.span.text() == "dumbbell curl step 2 kg");
}

TEST_CASE("a cuff may name its limb before the pressure, without one it stays valid")
{
    const auto parsed =
        parse_text("template t {\n  cuff leg 60% AOP\n}\ntemplate u {\n  cuff arm 120 mmHg\n}\ntemplate v {\n  cuff 160 mmHg\n}\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    auto cuff = [&](std::size_t i) { return as<Cuff>(as<Template>(parsed.file().statements.at(i).node).body.statements.at(0).node); };
    REQUIRE(cuff(0).limb);
    CHECK(cuff(0).limb->text == "leg");
    CHECK(cuff(0).pressure->unit == Unit::percent_aop);
    CHECK(cuff(0).pressure->amount.value == 60);
    REQUIRE(cuff(1).limb);
    CHECK(cuff(1).limb->text == "arm");
    CHECK(cuff(1).pressure->unit == Unit::mmhg);
    CHECK_FALSE(cuff(2).limb);
    CHECK(cuff(2).pressure->amount.value == 160);
}

TEST_CASE("a condition declaration holds its name, description, class, aliases and sources, on lines or with a semicolon")
{
    const auto parsed =
        parse_text("condition venous-thromboembolism \"history of DVT\" {\n  class absolute\n  alias dvt, pulmonary-embolism\n  alias vte\n"
                   "  source \"Nascimento 2022\"\n}\ncondition smoker \"current smoker\" { class relative; alias smoking }\n");
    INFO(parsed.report());
    REQUIRE(parsed.diagnostics().empty());
    REQUIRE(parsed.file().statements.size() == 2);
    const auto& vte = as<HealthConditionDeclaration>(parsed.file().statements[0].node);
    CHECK(vte.name.text == "venous-thromboembolism");
    CHECK(vte.description.value == "history of DVT");
    REQUIRE(vte.statements.size() == 4);
    CHECK(as<ConditionClass>(vte.statements[0].node).value.text == "absolute");
    const auto& aliases = as<ConditionAliases>(vte.statements[1].node).names;
    REQUIRE(aliases.size() == 2);
    CHECK(aliases[0].text == "dvt");
    CHECK(aliases[1].text == "pulmonary-embolism");
    CHECK(as<ConditionAliases>(vte.statements[2].node).names.at(0).text == "vte");
    CHECK(as<SourceStatement>(vte.statements[3].node).citation.value == "Nascimento 2022");
    const auto& smoker = as<HealthConditionDeclaration>(parsed.file().statements[1].node);
    REQUIRE(smoker.statements.size() == 2);
    CHECK(as<ConditionClass>(smoker.statements[0].node).value.text == "relative");
    CHECK(as<ConditionAliases>(smoker.statements[1].node).names.at(0).text == "smoking");
}
