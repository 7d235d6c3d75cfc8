// The safety property no program may break (std.bfr, language.md §5): an
// athlete with an absolute contraindication gets a `bfr.contraindication`
// error on a BFR block that no `allow`, clearance or rule set of the file
// silences — whatever the block's name, template or overrides. Checked over
// every combination of the ways to write a BFR block, a condition and an
// attempt to switch the rule off; the fuzz target fuzz_pipeline asserts the
// same of arbitrary input (tests/fuzz/invariants.h).
#include <catch2/catch.hpp>

#include "engine/rules/rules.h"
#include "tests/support/support.h"

using namespace meso;
using namespace meso::test;

namespace {

// Ways to write a block that is BFR by what it does (ir::is_bfr_block),
// under names that say nothing of BFR. Each takes the statements an escape
// attempt adds inside the block.
const std::vector<std::pair<std::string, std::string>> bfr_blocks = {
    {"the kaatsu template", "3 weeks kaatsu {\n%s}\n"},
    {"the kaatsu template renamed", "3 weeks kaatsu as \"Strength\" {\n%s}\n"},
    {"method bfr", "3 weeks \"Strength\" {\n  method bfr\n  days mon wed fri\n  squat 4x15 @ 30%\n%s}\n"},
    {"a cuff alone", "3 weeks \"Easy\" {\n  days mon wed fri\n  cuff leg 120 mmHg\n  squat 4x15 @ 30%\n%s}\n"},
    {"occlusion alone", "3 weeks \"Easy\" {\n  days mon wed fri\n  occlusion intermittent\n  squat 4x15 @ 30%\n%s}\n"},
    {"a cuff in one week's override",
     "3 weeks \"Strength\" {\n  days mon wed fri\n  squat 5x5 @ 75%\n  week 2 { cuff leg 120 mmHg }\n%s}\n"},
    {"a strength template with occlusion over it", "3 weeks powerlifting {\n  occlusion continuous\n%s}\n"},
};

// Conditions of class absolute, by name and by alias.
const std::vector<std::string> conditions = {"dvt", "venous-thromboembolism", "pregnant", "arteriosclerosis",
                                             "hypertension, clotting-disorder"};

struct Escape {
    std::string name;
    std::string in_block;    // statements added inside the block
    std::string in_athlete;  // statements added to the athlete
    std::string in_file;     // statements added to the file
};

const std::vector<Escape> escapes = {
    {"nothing", "", "", ""},
    {"an allow in the block", "  allow bfr.contraindication \"the athlete insists\"\n", "", ""},
    {"a clearance on the athlete", "", "  cleared bfr.contraindication \"Dr Lee, 2027-01-10\"\n", ""},
    {"the file's own ruleset bfr", "", "",
     "ruleset bfr \"Our clinic's BFR rules\" {\n  applies to bfr blocks\n  rule sets warning \"2 to 4 sets\" {\n"
     "    require every exercise sets between 2 and 4\n  }\n}\n"},
};

std::string program_text(const std::string& block, const std::string& condition, const Escape& escape)
{
    std::string body = block;
    const auto slot = body.find("%s");
    body.replace(slot, 2, escape.in_block);
    return "use std.templates\n" + escape.in_file + "athlete \"Sam\" {\n  max squat 150 kg\n  condition " + condition + "\n" +
           escape.in_athlete + "}\nprogram \"Season\" for \"Sam\" {\n  start 2027-03-01\n" + body + "}\n";
}

}  // namespace

TEST_CASE("an absolute contraindication is an error on every BFR block, whatever its name, template, overrides, allows or rule sets")
{
    for (const auto& [form, block] : bfr_blocks)
        for (const auto& condition : conditions)
            for (const auto& escape : escapes) {
                const std::string text = program_text(block, condition, escape);
                INFO(form << ", condition " << condition << ", escape: " << escape.name << "\n" << text);
                auto compiled = compile(text, "season.meso", true);
                INFO(messages(compiled.diagnostics));
                REQUIRE(!has_errors(compiled.diagnostics));
                const auto findings = rules::check_rules(compiled.compilation->module, compiled.schedule);
                INFO(messages(findings));
                const bool stopped = std::any_of(findings.begin(), findings.end(), [](const Diagnostic& d) {
                    return d.rule && *d.rule == "bfr.contraindication" && is_error(d);
                });
                CHECK(stopped);
            }
}

TEST_CASE("a program file's own ruleset bfr stands instead of std.bfr, but std.bfr's allow-never rules stay, and it says so")
{
    const std::string text = program_text(bfr_blocks[2].second, "dvt", escapes[3]);
    auto compiled = compile(text, "season.meso", true);
    REQUIRE(!has_errors(compiled.diagnostics));
    const rules::RuleBook book = rules::load_rules(compiled.compilation->module);
    CHECK(book.find("bfr.sets") != nullptr);              // the clinic's rule
    CHECK(book.find("bfr.contraindication") != nullptr);  // std.bfr's, allow never
    CHECK(book.find("bfr.load") == nullptr);              // std.bfr's, replaced
    REQUIRE(book.diagnostics.size() == 1);
    CHECK(book.diagnostics[0].severity == Severity::note);
    CHECK(
        book.diagnostics[0].message ==
        "rule set 'bfr' stands instead of the one of std/bfr.meso, whose rules that cannot be allowed stay in force: bfr.contraindication");
    CHECK(book.diagnostics[0].span.line == 2);
}

TEST_CASE("a replacing rule set cannot take the id of an allow-never rule: an error, and the standard rule stands")
{
    Escape weaker{"a weaker contraindication rule", "", "",
                  "ruleset bfr \"Ours\" {\n  applies to bfr blocks\n  rule contraindication warning \"only pregnancy\" {\n"
                  "    forbid athlete has condition pregnancy\n  }\n}\n"};
    auto compiled = compile(program_text(bfr_blocks[2].second, "dvt", weaker), "season.meso", true);
    REQUIRE(!has_errors(compiled.diagnostics));
    const rules::RuleBook book = rules::load_rules(compiled.compilation->module);
    REQUIRE(has_message(book.diagnostics, "rule 'bfr.contraindication' cannot be replaced: the one of std/bfr.meso says 'allow never'"));
    const rules::Rule* rule = book.find("bfr.contraindication");
    REQUIRE(rule != nullptr);
    CHECK(rule->severity == Severity::error);
    CHECK(rule->allow_never);
    const auto findings = rules::check_rules(compiled.compilation->module, compiled.schedule);
    CHECK(std::any_of(findings.begin(), findings.end(),
                      [](const Diagnostic& d) { return d.rule && *d.rule == "bfr.contraindication" && is_error(d); }));
}
