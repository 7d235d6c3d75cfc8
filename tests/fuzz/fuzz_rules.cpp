// Fuzz target: the rule-set loader and checker. The input is read as a rule
// file: its rule sets are loaded (type-checked) with the standard library's
// vocabulary of health conditions and checked against a fixed program that
// has a Kaatsu block, a consensus BFR block (cuff, occlusion, % AOP) and a
// strength block. What must hold: loading gives rules or located errors;
// every rule loaded has a condition and the id SET.RULE, and two sets of one
// name are reported; checking gives located findings, each of a rule in
// force, at its severity or at `info` when it cannot be checked.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/resolve/resolve.h"
#include "engine/rules/rules.h"
#include "engine/schedule/schedule.h"
#include "grammar/parse.h"
#include "tests/fuzz/invariants.h"

namespace {

constexpr const char* program_text = R"(use std.templates

athlete "Robin" {
  max squat 100 kg
  max leg-press 100 kg
  max knee-extension 40 kg
  aop leg 190 mmHg width 11 cm
  condition hypertension
}

program "Fixed" for "Robin" {
  start 2027-03-22
  timezone Europe/Berlin
  2 weeks kaatsu
  3 weeks "BFR rehab" {
    method bfr
    days mon wed fri
    sessions 09:00 for 30 min
    occlusion continuous
    cuff leg 80% AOP
    leg-press      30% x 30,15,15,15 rest 30 s
    knee-extension 20% x 30,15,15,15 rest 30 s
  }
  2 weeks powerlifting
}
)";

struct Fixed {
    std::unique_ptr<meso::resolving::Compilation> compilation;
    meso::scheduling::ScheduleResult schedule;
};

// Resolved and scheduled once: only the rules change from input to input.
const Fixed& fixed()
{
    static const Fixed f = [] {
        Fixed made;
        meso::resolving::ResolveOptions options;
        options.default_rules = false;  // the vocabulary of std.conditions still comes with the library
        made.compilation = meso::resolving::resolve_source(meso::Source{"/nonexistent/meso-fuzz/fixed.meso", program_text}, options);
        if (!made.compilation || meso::has_errors(made.compilation->diagnostics))
            meso::fuzz::violated("the fixed program of fuzz_rules does not resolve", program_text);
        made.schedule = meso::scheduling::schedule(made.compilation->module);
        if (meso::has_errors(made.schedule.diagnostics) || made.schedule.programs.empty())
            meso::fuzz::violated("the fixed program of fuzz_rules does not schedule", program_text);
        return made;
    }();
    return f;
}

void check_book(const meso::rules::RuleBook& book, std::string_view input)
{
    for (const auto& set : book.sets) {
        if (set.name.empty()) meso::fuzz::violated("a rule set without a name", input);
        for (const auto& rule : set.rules) {
            if (!rule.requirement) meso::fuzz::violated("rule '" + rule.id + "' loaded without its condition", input);
            if (rule.id != set.name + "." + rule.name) meso::fuzz::violated("rule '" + rule.id + "' in set '" + set.name + "'", input);
            if (book.find(rule.id) == nullptr) meso::fuzz::violated("RuleBook::find misses '" + rule.id + "'", input);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const Fixed& f = fixed();
    const meso::Source source{"rules.meso", std::string(input)};
    const auto parsed = meso::parse(source);
    meso::fuzz::check_spans(parsed.diagnostics, input);
    if (meso::has_errors(parsed.diagnostics)) return 0;
    std::vector<const meso::syntax::Ruleset*> rulesets;
    for (const auto& statement : parsed.file.statements)
        if (const auto* r = std::get_if<meso::syntax::Ruleset>(&statement.node)) rulesets.push_back(r);
    const auto book = meso::rules::load_rules(rulesets, f.compilation->module.health_conditions);
    meso::fuzz::check_spans(book.diagnostics, input);
    for (const auto& d : book.diagnostics)
        if (d.severity == meso::Severity::error && !d.span.valid())
            meso::fuzz::violated("a rule-file error without a place: " + d.message, input);
    check_book(book, input);

    const auto findings = meso::rules::check_rules(book, f.compilation->module, f.schedule);
    meso::fuzz::check_spans(findings, input);
    for (const auto& d : findings) {
        if (!d.rule) continue;
        const meso::rules::Rule* rule = book.find(*d.rule);
        if (!rule) meso::fuzz::violated("a finding of rule '" + *d.rule + "', which is not in force", input);
        if (d.severity != rule->severity && d.severity != meso::Severity::info)
            meso::fuzz::violated("a finding of '" + *d.rule + "' at another severity than the rule's", input);
    }
    meso::fuzz::check_reports(findings, input);
    return 0;
}
