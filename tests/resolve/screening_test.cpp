// Screening: the health-condition vocabulary, and what an athlete says about
// their health (conditions, occlusion pressures, clearances); a cuff's limb.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/resolve/resolve_support.h"

using meso::test::compile;
using meso::test::has_message;
using meso::test::messages;
using meso::test::only_athlete;

namespace {

const meso::ir::HealthCondition* find_condition(const meso::ir::Module& module, const std::string& name)
{
    for (const auto& h : module.health_conditions)
        if (h.name == name) return &h;
    return nullptr;
}

const meso::Diagnostic* find(const std::vector<meso::Diagnostic>& diagnostics, const std::string& fragment)
{
    for (const auto& d : diagnostics)
        if (d.message.find(fragment) != std::string::npos) return &d;
    return nullptr;
}

const std::string program = "program \"P\" {\n  start 2027-01-04\n  1 week \"B\" {\n    days mon\n    squat 3x10 @ 30%\n  }\n}\n";

}  // namespace

TEST_CASE("the standard vocabulary of conditions is in force without use, even with the default rule sets off")
{
    auto c = compile("athlete \"A\" { max squat 100 kg }\n" + program);  // compile() turns the default rule sets off
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& module = c.compilation->module;
    for (const char* name :
         {"venous-thromboembolism", "uncontrolled-hypertension", "peripheral-vascular-disease", "arterial-hardening", "clotting-disorder",
          "sickle-cell", "pregnancy", "cancer-near-cuff", "lymphoedema", "open-wound-or-infection-at-cuff"}) {
        INFO(name);
        const auto* h = find_condition(module, name);
        REQUIRE(h);
        CHECK(h->condition_class == "absolute");
        CHECK_FALSE(h->description.empty());
    }
    for (const char* name :
         {"hypertension", "cardiovascular-disease", "diabetes", "kidney-disease", "smoker", "obesity", "varicose-veins"}) {
        INFO(name);
        const auto* h = find_condition(module, name);
        REQUIRE(h);
        CHECK(h->condition_class == "relative");
    }
    const auto* vte = find_condition(module, "venous-thromboembolism");
    CHECK(std::count(vte->aliases.begin(), vte->aliases.end(), "dvt") == 1);
    CHECK(std::count(vte->aliases.begin(), vte->aliases.end(), "pulmonary-embolism") == 1);
    CHECK_FALSE(vte->sources.empty());
}

TEST_CASE("an alias of a condition is stored as the condition it stands for")
{
    auto c = compile("athlete \"A\" {\n  max squat 100 kg\n  condition dvt, arteriosclerosis\n  condition hypertension\n}\n" + program);
    INFO(messages(c.diagnostics));
    CHECK(c.diagnostics.empty());
    const auto& a = only_athlete(c);
    CHECK(a.conditions == std::vector<std::string>{"venous-thromboembolism", "arterial-hardening", "hypertension"});
    REQUIRE(a.condition_spans.size() == 3);
    CHECK(a.condition_spans[0].text() == "dvt");
    CHECK(a.condition_spans[1].text() == "arteriosclerosis");
    CHECK(a.condition_spans[0].line == 3);
}

TEST_CASE("a misspelt condition is a warning with the nearest name, and is kept")
{
    auto c = compile("athlete \"A\" {\n  max squat 100 kg\n  condition arterial-hardenning\n}\n" + program);
    const auto* d = find(c.diagnostics, "unknown health condition 'arterial-hardenning'; did you mean 'arterial-hardening'?");
    REQUIRE(d);
    CHECK(d->severity == meso::Severity::warning);
    CHECK(d->span.line == 3);
    CHECK(d->span.column == 13);
    CHECK_FALSE(meso::has_errors(c.diagnostics));
    CHECK(only_athlete(c).conditions == std::vector<std::string>{"arterial-hardenning"});
}

TEST_CASE("a misspelt alias gets the alias as its did-you-mean")
{
    auto c = compile("athlete \"A\" {\n  max squat 100 kg\n  condition arterioscleroses\n}\n" + program);
    CHECK(has_message(c.diagnostics, "unknown health condition 'arterioscleroses'; did you mean 'arteriosclerosis'?"));
}

TEST_CASE("a condition named twice, by its name and an alias, is kept once")
{
    auto c = compile("athlete \"A\" {\n  max squat 100 kg\n  condition dvt, venous-thromboembolism\n}\n" + program);
    INFO(messages(c.diagnostics));
    CHECK(c.diagnostics.empty());
    CHECK(only_athlete(c).conditions == std::vector<std::string>{"venous-thromboembolism"});
    CHECK(only_athlete(c).condition_spans.size() == 1);
}

TEST_CASE("a file may add conditions to the vocabulary, and its athletes may name them and their aliases")
{
    auto c =
        compile("condition knee-replacement \"a knee joint replacement\" {\n  class relative\n  alias tka\n  source \"Clinic 2027\"\n}\n"
                "athlete \"A\" {\n  max squat 100 kg\n  condition tka\n}\n" +
                program);
    INFO(messages(c.diagnostics));
    CHECK(c.diagnostics.empty());
    const auto* h = find_condition(c.compilation->module, "knee-replacement");
    REQUIRE(h);
    CHECK(h->description == "a knee joint replacement");
    CHECK(h->condition_class == "relative");
    CHECK(h->aliases == std::vector<std::string>{"tka"});
    CHECK(h->sources == std::vector<std::string>{"Clinic 2027"});
    CHECK(h->span.line == 1);
    CHECK(only_athlete(c).conditions == std::vector<std::string>{"knee-replacement"});
    CHECK(find_condition(c.compilation->module, "hypertension"));  // the standard ones stay
}

TEST_CASE("a condition or alias declared twice is an error at the second, pointing at the first")
{
    auto twice = compile("condition hypertension \"high blood pressure\" { class relative }\n");
    const auto* d = find(twice.diagnostics, "the condition 'hypertension' is declared twice");
    REQUIRE(d);
    CHECK(d->span.source->path == "test.meso");
    CHECK(d->span.line == 1);
    REQUIRE(d->notes.size() == 1);
    CHECK(d->notes[0].span.source->path == "std/conditions.meso");

    auto alias = compile("condition clot \"a clot\" {\n  class absolute\n  alias dvt\n}\n");
    const auto* a = find(alias.diagnostics, "'dvt' already names the condition 'venous-thromboembolism'");
    REQUIRE(a);
    CHECK(a->span.line == 3);
    CHECK(a->span.column == 9);
}

TEST_CASE("a condition without a class, with two, or with a misspelt one is an error")
{
    CHECK(has_message(compile("condition frailty \"frail\" { alias frail }\n").diagnostics,
                      "the condition 'frailty' needs its class: add 'class absolute' or 'class relative'"));
    CHECK(has_message(compile("condition frailty \"frail\" {\n  class relative\n  class absolute\n}\n").diagnostics,
                      "'class' is given twice in this condition"));
    CHECK(has_message(compile("condition frailty \"frail\" { class relatve }\n").diagnostics,
                      "unknown class 'relatve'; did you mean 'relative'?"));
    auto own = compile("condition frailty \"frail\" { class monitor }\n");
    INFO(messages(own.diagnostics));
    CHECK_FALSE(meso::has_errors(own.diagnostics));  // a clinic's own class
}

TEST_CASE("checking std/conditions.meso itself does not declare its conditions twice")
{
    const std::string path = meso::test::source_dir() + "/stdlib/std/conditions.meso";
    auto c = compile(meso::test::read_file(path), path);
    INFO(messages(c.diagnostics));
    CHECK(c.diagnostics.empty());
    CHECK(find_condition(c.compilation->module, "venous-thromboembolism"));
}

TEST_CASE("an athlete's occlusion pressure is kept per limb, with the width it was measured with")
{
    auto c = compile("athlete \"A\" {\n  max squat 100 kg\n  aop leg 180 mmHg\n  aop arm 140 mmHg width 5 cm\n}\n" + program);
    INFO(messages(c.diagnostics));
    CHECK(c.diagnostics.empty());
    const auto& a = only_athlete(c);
    REQUIRE(a.occlusion_pressure(meso::ir::Limb::leg));
    CHECK(a.occlusion_pressure(meso::ir::Limb::leg)->mmhg == 180);
    CHECK_FALSE(a.occlusion_pressure(meso::ir::Limb::leg)->cuff_width_cm);
    REQUIRE(a.occlusion_pressure(meso::ir::Limb::arm));
    CHECK(a.occlusion_pressure(meso::ir::Limb::arm)->mmhg == 140);
    CHECK(a.occlusion_pressure(meso::ir::Limb::arm)->cuff_width_cm == 5);
    CHECK(a.occlusion_pressure(meso::ir::Limb::arm)->span.line == 4);
}

TEST_CASE("an occlusion pressure outside 40 to 500 mmHg, in % AOP, or given twice for a limb is a located error")
{
    auto low = compile("athlete \"A\" {\n  aop leg 20 mmHg\n}\n");
    const auto* d = find(low.diagnostics, "an arterial occlusion pressure of 20 mmHg cannot be meant");
    REQUIRE(d);
    CHECK(d->span.line == 2);
    CHECK(d->span.column == 11);
    CHECK(has_message(compile("athlete \"A\" {\n  aop leg 900 mmHg\n}\n").diagnostics, "of 900 mmHg cannot be meant"));
    CHECK(has_message(compile("athlete \"A\" {\n  aop leg 60% AOP\n}\n").diagnostics,
                      "an arterial occlusion pressure is measured in mmHg, such as 'aop leg 180 mmHg', not in '% AOP'"));
    auto twice = compile("athlete \"A\" {\n  aop arm 140 mmHg\n  aop arm 150 mmHg\n}\n");
    const auto* t = find(twice.diagnostics, "the arterial occlusion pressure of the arm is given twice");
    REQUIRE(t);
    CHECK(t->span.line == 3);
    CHECK(only_athlete(twice).occlusion_pressures.size() == 1);
}

TEST_CASE("a clearance is recorded on the athlete, once per rule, with who cleared it")
{
    auto c = compile("athlete \"A\" {\n  max squat 100 kg\n  cleared bfr.precaution \"Dr Lee, 2027-01-10\"\n}\n" + program);
    INFO(messages(c.diagnostics));
    CHECK(c.diagnostics.empty());
    const auto& a = only_athlete(c);
    REQUIRE(a.clearances.size() == 1);
    CHECK(a.clearances[0].rule == "bfr.precaution");
    CHECK(a.clearances[0].by == "Dr Lee, 2027-01-10");
    CHECK(a.clearances[0].span.line == 3);
    auto twice = compile("athlete \"A\" {\n  cleared bfr.precaution \"Dr Lee\"\n  cleared bfr.precaution \"Dr Kim\"\n}\n");
    CHECK(has_message(twice.diagnostics, "'bfr.precaution' is cleared twice for this athlete"));
    CHECK(has_message(compile("athlete \"A\" {\n  cleared bfr.precaution \" \"\n}\n").diagnostics,
                      "a clearance says who cleared the rule and when"));
}

TEST_CASE("a cuff's limb is the block's, a pressure written without one keeps the template's limb")
{
    const std::string templates = "template t {\n  days mon\n  cuff leg 160 mmHg\n  squat 3x10 @ 30%\n}\n";
    auto keep =
        compile(templates + "athlete \"A\" { max squat 100 kg }\nprogram \"P\" {\n  start 2027-01-04\n  1 week t { cuff 50% AOP }\n}\n");
    INFO(messages(keep.diagnostics));
    REQUIRE_FALSE(meso::has_errors(keep.diagnostics));
    const auto& kept = keep.compilation->module.programs.at(0).blocks.at(0).content;
    CHECK(kept.cuff_limb == meso::ir::Limb::leg);
    REQUIRE(kept.cuff_pressure);
    CHECK(kept.cuff_pressure->percent_aop);
    CHECK(kept.cuff_pressure->value == 50);

    auto change = compile(templates +
                          "athlete \"A\" { max squat 100 kg }\nprogram \"P\" {\n  start 2027-01-04\n  1 week t { cuff arm 120 mmHg }\n}\n");
    CHECK(change.compilation->module.programs.at(0).blocks.at(0).content.cuff_limb == meso::ir::Limb::arm);

    auto none = compile(
        "athlete \"A\" { max squat 100 kg }\nprogram \"P\" {\n  start 2027-01-04\n  1 week \"B\" {\n    days mon\n    cuff 160 mmHg\n"
        "    squat 3x10 @ 30%\n  }\n}\n");
    CHECK(none.compilation->module.programs.at(0).blocks.at(0).content.cuff_limb == meso::ir::Limb::unspecified);
}
