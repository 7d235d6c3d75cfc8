// The rules end to end: resolve, schedule and check real program text, and
// the meso binary's check, rules and explain commands with their outputs.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "engine/cli/commands.h"
#include "engine/resolve/stdlib.h"
#include "engine/rules/rules.h"
#include "tests/support/support.h"

using namespace meso;
using namespace meso::test;
using nlohmann::json;

namespace {

// The ids of every finding of `text` with the default rule sets, an `allow`'s accepted ones left out.
std::vector<std::string> rule_ids(const std::string& text)
{
    auto compiled = compile(text, "example.meso", true);
    INFO(messages(compiled.diagnostics));
    REQUIRE(!has_errors(compiled.diagnostics));
    auto findings = rules::check_rules(compiled.compilation->module, compiled.schedule);
    std::vector<std::string> out;
    for (const auto& f : findings)
        if (!f.suppressed_by) out.push_back(f.rule ? *f.rule : "(" + f.message + ")");
    return out;
}

std::string program_file(const std::string& name, const std::string& text)
{
    const std::string path = temp_dir("rules") + "/" + name;
    write_file(path, text);
    return path;
}

const std::string kaatsu_gap = R"(athlete "Alex" {
  max squat 180 kg
}
program "P" {
  start 2027-03-01
  3 weeks "Kaatsu" {
    method kaatsu
    days mon..sat
    sessions 08:00, 11:00 for 30 min
    occlusion continuous
    cuff 60% AOP
    squat 20% x 30,15,15,15 rest 30 s
  }
}
)";

}  // namespace

TEST_CASE("every stored example program breaks exactly the rule it is stored for")
{
    rules::RuleBook book;
    std::vector<std::string> with_example;
    for (const auto& f : resolving::embedded_stdlib()) {
        const std::string path(f.path);
        if (path.rfind("examples/", 0) != 0) continue;
        const std::string id = path.substr(9, path.size() - 9 - 5);
        INFO(id);
        CHECK(rule_ids(std::string(f.text)) == std::vector<std::string>{id});
        with_example.push_back(id);
    }
    // and every standard rule has one
    auto compiled = compile("", "empty.meso", true);
    rules::RuleBook standard = rules::load_rules(compiled.compilation->module.rulesets);
    for (const auto& id : standard.ids()) {
        INFO(id);
        CHECK(std::find(with_example.begin(), with_example.end(), id) != with_example.end());
    }
    CHECK(standard.ids().size() >= 7 + 6);
}

TEST_CASE("the flagship example triggers no warning and no error")
{
    auto compiled = compile(read_file(source_dir() + "/examples/kaatsu-then-powerlifting.meso"), "flagship.meso", true);
    REQUIRE(!has_errors(compiled.diagnostics));
    for (const auto& f : rules::check_rules(compiled.compilation->module, compiled.schedule)) {
        INFO(f.message);
        CHECK((f.severity == Severity::info || f.severity == Severity::note));
    }
    auto run = run_meso({"check", "--strict", source_dir() + "/examples/kaatsu-then-powerlifting.meso"});
    CHECK(run.exit_code == 0);
}

TEST_CASE("a template's violation, used from the standard library, points at the program's line with the template's line as a note")
{
    auto path = program_file("plan.meso", "use std.templates\n"
                                          "athlete \"Alex\" {\n  max squat 180 kg\n  max knee-extension 80 kg\n}\n"
                                          "program \"P\" {\n  start 2027-03-01\n"
                                          "  3 weeks kaatsu { sessions 08:00, 11:00 for 30 min }\n}\n");
    auto run = run_meso({"check", path});
    CHECK(run.exit_code == 1);
    INFO(run.err);
    // The statement that made the gap is the program's: the finding points at it.
    CHECK(run.err.find(path + ":8:20: error: 2.5 h between sessions on Mon 2027-03-01 (08:00-08:30, then 11:00), and 17 more times; "
                              "at least 4 hours between Kaatsu sessions [kaatsu.min-gap]") != std::string::npos);
    CHECK(run.err.find("std/templates.meso:24:1: note: the template 'kaatsu' is defined here") != std::string::npos);

    auto in_template = program_file("plan.meso", "use std.templates\n"
                                                 "athlete \"Alex\" {\n  max squat 180 kg\n  condition arterial-hardening\n}\n"
                                                 "program \"P\" {\n  start 2027-03-01\n  3 weeks kaatsu\n}\n");
    run = run_meso({"check", in_template});
    INFO(run.err);
    // The template's statement made the value: the finding points at the program's line, the template's line is a note.
    CHECK(run.err.find(in_template + ":8:3: info: leg-curl is loaded in % of 1RM on Mon 2027-03-01") != std::string::npos);
    CHECK(run.err.find("std/templates.meso:31:3: note: the template 'kaatsu' is defined here") != std::string::npos);
    CHECK(run.err.find("std/templates.meso:31:3: info:") == std::string::npos);
    // (the contraindication of an athlete's condition is tested in screening_test.cpp, against the vocabulary)
}

TEST_CASE("in JSON and SARIF too, a template's finding is located in the user's program and the template's line is a note")
{
    auto path = program_file("plan.meso", "use std.templates\n"
                                          "athlete \"Alex\" {\n  max squat 180 kg\n}\n"
                                          "program \"P\" {\n  start 2027-03-01\n  3 weeks kaatsu\n}\n");
    auto run = run_meso({"check", "--format", "json", path});
    json findings = json::parse(run.out);
    const json* percent = nullptr;
    for (const auto& f : findings)
        if (f["rule"] == "general.percent-without-max") percent = &f;
    REQUIRE(percent);
    CHECK((*percent)["file"] == path);
    CHECK((*percent)["line"] == 7);
    CHECK((*percent)["column"] == 3);
    CHECK((*percent)["end_line"] == 7);
    REQUIRE((*percent)["notes"].size() == 1);
    CHECK((*percent)["notes"][0]["file"] == "std/templates.meso");
    CHECK((*percent)["notes"][0]["line"] == 31);
    CHECK((*percent)["notes"][0]["message"] == "the template 'kaatsu' is defined here");

    run = run_meso({"check", "--format", "sarif", path});
    json log = json::parse(run.out);
    const json* result = nullptr;
    for (const auto& r : log["runs"][0]["results"])
        if (r["ruleId"] == "general.percent-without-max") result = &r;
    REQUIRE(result);
    const json& where = (*result)["locations"][0]["physicalLocation"];
    CHECK(where["artifactLocation"]["uri"].get<std::string>().find("plan.meso") != std::string::npos);
    CHECK(where["region"]["startLine"] == 7);
    REQUIRE((*result)["relatedLocations"].size() == 1);
    const json& note = (*result)["relatedLocations"][0];
    CHECK(note["physicalLocation"]["artifactLocation"]["uri"] == "std/templates.meso");
    CHECK(note["physicalLocation"]["region"]["startLine"] == 31);
    CHECK(note["message"]["text"] == "the template 'kaatsu' is defined here");
}

TEST_CASE("meso check exits 1 on an error, 0 on warnings, 1 on warnings with --strict")
{
    CHECK(run_meso({"check", program_file("gap.meso", kaatsu_gap)}).exit_code == 1);
    auto rest = program_file("rest.meso", R"(athlete "Alex" {
  max squat 180 kg
}
program "P" {
  start 2027-03-01
  3 weeks "Kaatsu" {
    method kaatsu
    days mon..sat
    sessions 08:00, 16:00 for 30 min
    occlusion continuous
    squat 20% x 30,15,15,15 rest 90 s
  }
}
)");
    auto run = run_meso({"check", rest});
    CHECK(run.exit_code == 0);
    CHECK(
        run.err.find(
            "warning: squat rests 90 s between sets on Mon 2027-03-01, and in 35 more sessions; 30 to 60 s of rest between BFR sets [bfr.rest]") !=
        std::string::npos);
    CHECK(run_meso({"check", "--strict", rest}).exit_code == 1);
    CHECK(run_meso({"check", "--no-default-rules", program_file("gap.meso", kaatsu_gap)}).exit_code == 0);
}

TEST_CASE("a clinic's rule file given with --rules fires on a cuff above its limit")
{
    const std::string dir = temp_dir("clinic");
    write_file(dir + "/clinic.meso",
               "ruleset clinic \"Clinic\" {\n  source \"Clinic protocol 2026\"\n"
               "  rule cuff error \"at most 180 mmHg in our clinic\" {\n    require cuff-pressure <= 180 mmHg\n  }\n}\n");
    std::string text = kaatsu_gap;
    text.replace(text.find("08:00, 11:00"), 12, "08:00, 16:00");
    text.replace(text.find("cuff 60% AOP"), 12, "cuff 220 mmHg");
    write_file(dir + "/plan.meso", text);
    auto run = run_meso({"check", "--rules", dir + "/clinic.meso", dir + "/plan.meso"});
    CHECK(run.exit_code == 1);
    CHECK(
        run.err.find(
            dir +
            "/plan.meso:11:5: error: cuff 220 mmHg on Mon 2027-03-01, and in 35 more sessions; at most 180 mmHg in our clinic [clinic.cuff]") !=
        std::string::npos);
    CHECK(run_meso({"check", dir + "/plan.meso"}).exit_code == 0);
}

TEST_CASE("a rule set with gap >= 20% is a located error in the rule file, and meso check fails")
{
    const std::string dir = temp_dir("bad-rules");
    write_file(dir + "/bad.meso", "ruleset bad {\n  rule g error \"gap\" {\n    require gap >= 20%\n  }\n}\n");
    write_file(dir + "/plan.meso", kaatsu_gap);
    auto run = run_meso({"check", "--no-default-rules", "--rules", dir + "/bad.meso", dir + "/plan.meso"});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find(dir + "/bad.meso:3:20: error: 'gap' is a time, and '20%' is a % of 1RM; write a time such as '4 h'") !=
          std::string::npos);
}

TEST_CASE("meso check --format json gives every finding's fields, suppressed ones with --show-suppressed")
{
    std::string text = kaatsu_gap;
    text.replace(text.find("    squat"), 0, "    allow kaatsu.min-gap \"a camp with fixed hours\"\n    allow bfr.rest \"unused\"\n");
    auto path = program_file("plan.meso", text);
    auto run = run_meso({"check", "--format", "json", path});
    CHECK(run.exit_code == 0);  // the error is allowed; the unused allow is a warning
    json findings = json::parse(run.out);
    REQUIRE(findings.is_array());
    REQUIRE(findings.size() == 1);
    CHECK(findings[0]["file"] == path);
    CHECK(findings[0]["line"] == 13);
    CHECK(findings[0]["column"] == 5);
    CHECK(findings[0]["severity"] == "warning");
    CHECK(findings[0]["rule"].is_null());
    CHECK(findings[0]["message"] == "'allow bfr.rest' accepts nothing: the rule finds no problem in block 'Kaatsu'; remove the allow");

    run = run_meso({"check", "--format", "json", "--show-suppressed", path});
    findings = json::parse(run.out);
    REQUIRE(findings.size() == 2);
    CHECK(findings[0]["rule"] == "kaatsu.min-gap");
    CHECK(findings[0]["severity"] == "error");
    CHECK(findings[0]["line"] == 9);
    CHECK(findings[0]["suppressed"] == "a camp with fixed hours");
    CHECK(
        findings[0]["message"] ==
        "2.5 h between sessions on Mon 2027-03-01 (08:00-08:30, then 11:00), and 17 more times; at least 4 hours between Kaatsu sessions");
}

TEST_CASE("meso check --format sarif is SARIF 2.1.0 with the rules in force and suppressions")
{
    std::string text = kaatsu_gap;
    text.replace(text.find("    squat"), 0, "    allow kaatsu.min-gap \"a camp with fixed hours\"\n");
    text.replace(text.find("    occlusion continuous\n"), 25, "");
    auto path = program_file("plan file.meso", text);
    auto run = run_meso({"check", "--format", "sarif", path});
    CHECK(run.exit_code == 0);
    json log = json::parse(run.out);
    CHECK(log["version"] == "2.1.0");
    CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
    REQUIRE(log["runs"].size() == 1);
    const json& r = log["runs"][0];
    CHECK(r["tool"]["driver"]["name"] == "meso");
    const json& rules = r["tool"]["driver"]["rules"];
    std::vector<std::string> ids;
    for (const auto& rule : rules) {
        ids.push_back(rule["id"]);
        CHECK(rule["shortDescription"]["text"].is_string());
        CHECK(rule["fullDescription"]["text"].is_string());
        CHECK(rule["help"]["text"].is_string());
        CHECK(rule["properties"]["sources"].size() >= 1);
    }
    CHECK(std::find(ids.begin(), ids.end(), "kaatsu.min-gap") != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "general.overlap") != ids.end());
    const auto gap_index = static_cast<std::size_t>(std::find(ids.begin(), ids.end(), "kaatsu.min-gap") - ids.begin());
    CHECK(rules[gap_index]["defaultConfiguration"]["level"] == "error");
    CHECK(rules[gap_index]["shortDescription"]["text"] == "at least 4 hours between Kaatsu sessions");

    const json& results = r["results"];
    REQUIRE(results.size() == 2);
    // In order of line: the block's line (where no occlusion is written), then the sessions line.
    const json& gap = results[1];
    CHECK(gap["ruleId"] == "kaatsu.min-gap");
    CHECK(gap["ruleIndex"] == gap_index);
    CHECK(gap["level"] == "error");
    CHECK(
        gap["message"]["text"] ==
        "2.5 h between sessions on Mon 2027-03-01 (08:00-08:30, then 11:00), and 17 more times; at least 4 hours between Kaatsu sessions");
    const json& where = gap["locations"][0]["physicalLocation"];
    CHECK(where["artifactLocation"]["uri"].get<std::string>().find("plan%20file.meso") != std::string::npos);
    CHECK(where["region"]["startLine"] == 9);
    CHECK(where["region"]["startColumn"] == 5);
    REQUIRE(gap["suppressions"].size() == 1);
    CHECK(gap["suppressions"][0]["kind"] == "inSource");
    CHECK(gap["suppressions"][0]["justification"] == "a camp with fixed hours");
    const json& occlusion = results[0];
    CHECK(occlusion["locations"][0]["physicalLocation"]["region"]["startLine"] == 6);
    CHECK(occlusion["ruleId"] == "kaatsu.occlusion");
    CHECK(occlusion["level"] == "warning");
    CHECK(
        occlusion["message"]["text"] ==
        "no occlusion given on Mon 2027-03-01, and in 35 more sessions; Kaatsu occlusion continuous: the cuff stays on for the whole session");
    CHECK(!occlusion.contains("suppressions"));
}

TEST_CASE("meso rules lists every rule in force, meso explain shows one with its source and an example")
{
    auto run = run_meso({"rules"});
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("  kaatsu.min-gap               error    at least 4 hours between Kaatsu sessions [2]\n") != std::string::npos);
    CHECK(run.out.find("rule set 'bfr': Blood-flow restriction: the consensus guidelines, for BFR blocks") != std::string::npos);
    CHECK(run.out.find("rule set 'kaatsu': KAATSU") != std::string::npos);
    CHECK(run.out.find("general.overlap") != std::string::npos);
    CHECK(run_meso({"rules", "--no-default-rules"}).out.empty());

    run = run_meso({"explain", "kaatsu.min-gap"});
    CHECK(run.exit_code == 0);
    CHECK(run.out.rfind("kaatsu.min-gap (error): at least 4 hours between Kaatsu sessions\n", 0) == 0);
    CHECK(run.out.find("  require gap >= 4 h\n") != std::string::npos);
    CHECK(run.out.find("[protocol] The starting document: a blog article") != std::string::npos);
    CHECK(run.out.find("The 4 hours come from the starting document, a blog article summarising the protocol") != std::string::npos);
    CHECK(run.out.find("No paper read states it") != std::string::npos);
    CHECK(run.out.find("it is not an established safety limit") != std::string::npos);
    CHECK(run.out.find("    sessions 08:00, 11:00 for 30 min\n") != std::string::npos);

    run = run_meso({"explain", "kaatsu.min-gp"});
    CHECK(run.exit_code == 2);
    CHECK(run.err == "meso: error: unknown rule 'kaatsu.min-gp'; did you mean 'kaatsu.min-gap'?; 'meso rules' lists every rule in force\n");
}

TEST_CASE("meso rules lists std.bfr and std.kaatsu, each citation once per set, with how firm it is")
{
    auto run = run_meso({"rules"});
    const auto bfr = run.out.find("rule set 'bfr'");
    const auto kaatsu = run.out.find("rule set 'kaatsu'");
    REQUIRE(bfr != std::string::npos);
    REQUIRE(kaatsu != std::string::npos);
    const std::string bfr_part = run.out.substr(bfr, kaatsu - bfr);
    const std::string patterson = "Patterson SD, Hughes L";
    CHECK(bfr_part.find(patterson) != std::string::npos);
    CHECK(bfr_part.find(patterson, bfr_part.find(patterson) + 1) == std::string::npos);
    CHECK(bfr_part.find("doi:10.3389/fphys.2019.00533 (position stand)") != std::string::npos);
    CHECK(bfr_part.find("(DOI not read) (case report)") != std::string::npos);
    const std::string kaatsu_part = run.out.substr(kaatsu);
    const std::string abe = "Abe T, Yasuda T, Midorikawa T";
    CHECK(kaatsu_part.find(abe) != std::string::npos);
    CHECK(kaatsu_part.find(abe, kaatsu_part.find(abe) + 1) == std::string::npos);
}

TEST_CASE("a standard module replaced through MESO_PATH is announced with a note")
{
    const std::string dir = temp_dir("meso-path");
    std::filesystem::create_directories(dir + "/std");
    write_file(dir + "/std/bfr.meso", "ruleset bfr \"Ours\" {\n  rule x warning \"x\" {\n    require gap >= 1 h\n  }\n}\n");
    auto path = program_file("plan.meso", "athlete \"A\" {\n  max squat 100 kg\n}\n");
    auto run = run_meso({"check", path}, "MESO_PATH=" + dir);
    INFO(run.err);
    CHECK(run.err.find("note: module 'std.bfr' is read from " + dir + "/std/bfr.meso (MESO_PATH), not from meso's standard library") !=
          std::string::npos);
}

TEST_CASE("docs/rules.md holds the rule reference generated from the standard library")
{
    auto compiled = compile("", "empty.meso", true);
    rules::RuleBook book = rules::load_rules(compiled.compilation->module.rulesets);
    const std::string generated = cli::rules_reference(book);
    const std::string doc = read_file(source_dir() + "/docs/rules.md");
    const std::string marker = "<!-- generated: meso rules --format markdown -->\n";
    const auto at = doc.find(marker);
    REQUIRE(at != std::string::npos);
    // On a difference: meso rules --format markdown, pasted below the marker.
    CHECK(doc.substr(at + marker.size()) == generated);
}

TEST_CASE("docs/rules.md documents every metric the engine knows")
{
    const std::string doc = read_file(source_dir() + "/docs/rules.md");
    for (const auto& m : rules::metrics()) {
        INFO(m.name);
        CHECK(doc.find("| `" + m.name + "` | " + m.kind + " |") != std::string::npos);
    }
}

TEST_CASE("meso rules FILE lists the program's own rule sets with the standard ones")
{
    auto path = program_file("clinic.meso", "ruleset clinic {\n  source \"Clinic protocol\"\n"
                                            "  rule cuff error \"at most 180 mmHg\" {\n    require cuff-pressure <= 180 mmHg\n  }\n}\n");
    auto run = run_meso({"rules", path});
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("clinic.cuff") != std::string::npos);
    CHECK(run.out.find("[1] Clinic protocol") != std::string::npos);
    CHECK(run.out.find("kaatsu.min-gap") != std::string::npos);
    run = run_meso({"rules", "--format", "json", "--no-default-rules", path});
    auto rules = json::parse(run.out);
    REQUIRE(rules.size() == 1);
    CHECK(rules[0]["id"] == "clinic.cuff");
    CHECK(rules[0]["severity"] == "error");
    CHECK(rules[0]["condition"] == "require cuff-pressure <= 180 mmHg");
    CHECK(rules[0]["sources"] == json::array({"Clinic protocol"}));
}

TEST_CASE("a skipped day is not a training day: it has no sessions to count, and its week has one training day fewer")
{
    std::string text = kaatsu_gap;
    text.replace(text.find("08:00, 11:00"), 12, "08:00, 16:00");
    text.replace(text.find("  3 weeks"), 0, "  skip 2027-03-10 \"travel\"\n");
    auto compiled = compile(text, "skip.meso", true);
    REQUIRE(!has_errors(compiled.diagnostics));
    auto findings = rules::check_rules(compiled.compilation->module, compiled.schedule);
    REQUIRE(findings.size() == 1);
    CHECK(*findings.front().rule == "kaatsu.days-per-week");
    CHECK(findings.front().message ==
          "5 training days in block week 2 (2027-03-08..2027-03-14); 6 Kaatsu training days in every block week");
}

namespace {

// A BFR block of `length` (mon..sat, twice a day), as in the examples.
std::string bfr_block(const std::string& length, const std::string& name, const std::string& method = "kaatsu")
{
    return "  " + length + " \"" + name + "\" {\n    method " + method +
           "\n    days mon..sat\n    sessions 08:00, 16:00 for 30 min\n    occlusion continuous\n    cuff 60% AOP\n"
           "    squat 20% x 30,15,15,15 rest 30 s\n  }\n";
}

std::string program_of(const std::string& blocks)
{
    return "athlete \"Alex\" {\n  max squat 180 kg\n}\nprogram \"P\" {\n  start 2027-03-01\n" + blocks + "}\n";
}

std::vector<Diagnostic> findings_of(const Compiled& compiled, const std::string& id)
{
    INFO(messages(compiled.diagnostics));
    REQUIRE(!has_errors(compiled.diagnostics));
    std::vector<Diagnostic> out;
    for (auto& f : rules::check_rules(compiled.compilation->module, compiled.schedule))
        if (f.rule && *f.rule == id) out.push_back(f);
    return out;
}

}  // namespace

TEST_CASE("two BFR blocks of one week in a row, 24 sessions together, meet the minimum duration counted over the run")
{
    const std::string text = program_of(bfr_block("1 week", "Kaatsu A") + bfr_block("1 week", "Kaatsu B"));
    CHECK(rule_ids(text).empty());
}

TEST_CASE("a run of BFR blocks too short is reported once, at its first block, a block of another method ends the run")
{
    SECTION("1 week and 3 days in a row: one finding, at the first block")
    {
        auto compiled = compile(program_of(bfr_block("1 week", "Kaatsu A") + bfr_block("3 days", "Kaatsu B")), "run.meso", true);
        auto found = findings_of(compiled, "kaatsu.min-duration");
        REQUIRE(found.size() == 1);
        CHECK(found[0].span.line == 6);
        CHECK(found[0].message ==
              "the 2 blocks of method kaatsu in a row (2027-03-01..2027-03-10) are 10 days (1.43 weeks) long, and 18 sessions in the 2 "
              "blocks of method kaatsu in a row (2027-03-01..2027-03-10); "
              "a Kaatsu run of at least 2 weeks and 24 sessions, counted over consecutive kaatsu blocks");
    }
    SECTION("a rest week between two 1-week blocks: each is a run of its own")
    {
        auto compiled =
            compile(program_of(bfr_block("1 week", "Kaatsu A") + "  1 week \"Off\" { method rest }\n" + bfr_block("1 week", "Kaatsu B")),
                    "run.meso", true);
        auto found = findings_of(compiled, "kaatsu.min-duration");
        REQUIRE(found.size() == 2);
        CHECK(found[0].span.line == 6);
        CHECK(found[1].span.line == 15);
        for (const auto& f : found)
            CHECK(f.message == "the block is 7 days (1 week) long, and 12 sessions in the block; "
                               "a Kaatsu run of at least 2 weeks and 24 sessions, counted over consecutive kaatsu blocks");
    }
}

TEST_CASE("an exercise that fails in several weeks of a progression is reported once, from its first failing week")
{
    // Weeks 1-2 at 20%, week 3 at 40%: the 12 sessions of week 3 fail, the first on Mon 2027-03-15.
    std::string text = program_of(bfr_block("3 weeks", "Kaatsu"));
    text.replace(text.find("    squat 20%"), 0, "    week 3 { squat 40% x 30,15,15,15 rest 30 s }\n");
    auto compiled = compile(text, "weeks.meso", true);
    auto found = findings_of(compiled, "kaatsu.load");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.rfind("squat at 40% of 1RM (", 0) == 0);
    CHECK(found[0].message.find(") in set 1 on Mon 2027-03-15, and in 11 more sessions; ") != std::string::npos);

    // 30% then 40% a week later: both weeks fail, one finding from the first.
    text = program_of(bfr_block("3 weeks", "Kaatsu"));
    text.replace(text.find("    squat 20%"), 0,
                 "    week 2 { squat 45% x 30,15,15,15 rest 30 s }\n    week 3 { squat 40% x 30,15,15,15 rest 30 s }\n");
    compiled = compile(text, "weeks.meso", true);
    found = findings_of(compiled, "kaatsu.load");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.rfind("squat at 45% of 1RM (", 0) == 0);
    CHECK(found[0].message.find(") in set 1 on Mon 2027-03-08, and in 23 more sessions; ") != std::string::npos);
}

TEST_CASE("a block week a pause moved is named by its dates as planned, not by where the pause put its first session")
{
    auto compiled = compile(R"(athlete "Alex" { max squat 180 kg }
program "P" {
  start 2027-03-01
  pause 2027-03-01..2027-03-02 "travel"
  1 week "B" {
    method kaatsu
    days mon wed fri
    sessions 08:00, 16:00 for 30 min
    occlusion continuous
    squat 20% x 30,15,15,15 rest 30 s
  }
}
)",
                            "example.meso", true);
    REQUIRE(!has_errors(compiled.diagnostics));
    REQUIRE(compiled.program().blocks.at(0).start == std::chrono::sys_days{std::chrono::year{2027} / 3 / 3});  // the pause moved it
    auto findings = rules::check_rules(compiled.compilation->module, compiled.schedule);
    const auto days_per_week =
        std::find_if(findings.begin(), findings.end(), [](const Diagnostic& d) { return d.rule == "kaatsu.days-per-week"; });
    REQUIRE(days_per_week != findings.end());
    CHECK(days_per_week->message.find("block week 1 (2027-03-01..2027-03-07)") != std::string::npos);
}
