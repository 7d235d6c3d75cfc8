// meso rules, meso explain, and what the other commands say about rules.
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/base/suggest.h"
#include "engine/cli/commands.h"
#include "engine/pipeline/pipeline.h"
#include "engine/report/report.h"
#include "engine/resolve/stdlib.h"
#include "engine/rules/rules.h"

namespace meso::cli {

namespace {

std::string join(const std::vector<std::string>& parts, const std::string& separator)
{
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
    return out;
}

// The rules in force: the default rule sets and --rules files, or those of
// a program file when one is named. The run owns what the book's spans
// point into.
struct RulesInForce {
    pipeline::FileRun run;
    rules::RuleBook book;
    bool ok = true;
};

RulesInForce rules_in_force(const std::string& file, const CommonOptions& options)
{
    RulesInForce r;
    r.run = file.empty() ? pipeline::resolve_rules_only(options.pipeline) : pipeline::resolve_file(file, options.pipeline);
    if (r.run.unreadable) {
        print_error(r.run.diagnostics.front().message);
        r.ok = false;
        return r;
    }
    r.book = rules::load_rules(r.run.compilation->module);
    auto errors = r.run.diagnostics;
    errors.insert(errors.end(), r.book.diagnostics.begin(), r.book.diagnostics.end());
    if (has_errors(errors)) {
        report::print_text(std::cerr, errors, {use_colour(2), false});
        r.ok = false;
    }
    return r;
}

const std::vector<rules::Citation>& sources_of(const rules::RuleSet& set, const rules::Rule& rule)
{
    return rule.sources.empty() ? set.sources : rule.sources;
}

std::vector<std::string> source_texts(const std::vector<rules::Citation>& sources)
{
    std::vector<std::string> out;
    out.reserve(sources.size());
    for (const auto& c : sources) out.push_back(rules::citation_text(c));
    return out;
}

// What a rule set applies to, in words.
std::string applies_words(const rules::RuleSet& set, bool markdown)
{
    const std::string tick = markdown ? "`" : "";
    if (set.bfr_blocks) {
        std::string words = "BFR blocks (method bfr or kaatsu, a " + tick + "cuff" + tick + ", or occlusion continuous or intermittent)";
        if (set.applies_text != "bfr-block = yes")
            words += " where " + tick + set.applies_text.substr(std::string("bfr-block = yes and ").size()) + tick;
        return words;
    }
    return set.applies_text.empty() ? "every block" : "blocks where " + tick + set.applies_text + tick;
}

// Every citation of a set, once: the set's own, then the rules' in order.
std::vector<rules::Citation> citations_of(const rules::RuleSet& set)
{
    std::vector<rules::Citation> out;
    auto add = [&](const rules::Citation& c) {
        for (const auto& o : out)
            if (o.text == c.text) return;
        out.push_back(c);
    };
    for (const auto& c : set.sources) add(c);
    for (const auto& rule : set.rules)
        for (const auto& c : rule.sources) add(c);
    return out;
}

// "[1, 3]": where a rule's sources are in the set's list of citations.
std::string citation_numbers(const std::vector<rules::Citation>& all, const std::vector<rules::Citation>& mine)
{
    std::string out;
    for (const auto& c : mine)
        for (std::size_t i = 0; i < all.size(); ++i)
            if (all[i].text == c.text) out += (out.empty() ? "" : ", ") + std::to_string(i + 1);
    return out.empty() ? "" : "[" + out + "]";
}

std::string acceptance_line(const rules::Rule& rule)
{
    if (rule.allow_never) return "This rule cannot be allowed: no 'allow' or 'cleared' accepts its findings.";
    return "To accept a finding in one block, write in that block: allow " + rule.id + " \"reason\"";
}

}  // namespace

std::optional<std::string> example_program(const std::string& rule_id)
{
    const std::string path = "examples/" + rule_id + ".meso";
    for (const auto& f : resolving::embedded_stdlib())
        if (f.path == path) return std::string(f.text);
    return std::nullopt;
}

std::vector<report::RuleDescription> describe_rules(const rules::RuleBook& book)
{
    std::vector<report::RuleDescription> out;
    for (const auto& set : book.sets)
        for (const auto& rule : set.rules) {
            report::RuleDescription d;
            d.id = rule.id;
            d.severity = rule.severity;
            d.message = rule.message;
            d.full = rule.notes.empty() ? rule.message : join(rule.notes, " ");
            d.sources = source_texts(sources_of(set, rule));
            d.help = rule.condition_text + ", in " + applies_words(set, false) + ". Source: " + join(d.sources, "; ") + ". " +
                     (rule.allow_never ? "It cannot be allowed." : "Accept a finding with: allow " + rule.id + " \"reason\"");
            out.push_back(std::move(d));
        }
    return out;
}

std::string rules_reference(const rules::RuleBook& book)
{
    std::ostringstream out;
    for (const auto& set : book.sets) {
        out << "## Rule set `" << set.name << "`" << (set.title.empty() ? "" : ": " + set.title) << "\n\n";
        out << "Applies to " << applies_words(set, true) << ".\n";
        if (!set.sources.empty()) {
            out << "\nSources:\n\n";
            for (const auto& s : set.sources) out << "- " << rules::citation_text(s) << "\n";
        }
        if (!set.notes.empty()) out << "\n" << join(set.notes, " ") << "\n";
        out << "\n";
        for (const auto& rule : set.rules) {
            out << "### `" << rule.id << "` (" << to_string(rule.severity) << ")\n\n";
            out << "**What:** " << rule.message << ": `" << rule.condition_text << "`.\n\n";
            if (!rule.notes.empty()) out << "**Why:** " << join(rule.notes, " ") << "\n\n";
            if (rule.allow_never) out << "**Cannot be allowed** (`allow never`).\n\n";
            if (!rule.replaces.empty()) out << "**Replaces:** `" << join(rule.replaces, "`, `") << "`.\n\n";
            out << "**Source:** " << join(source_texts(sources_of(set, rule)), "; ") << "\n\n";
            if (auto example = example_program(rule.id)) out << "**Example** that breaks it:\n\n```meso\n" << *example << "```\n\n";
        }
    }
    return out.str();
}

int list_rules(const std::string& file, const CommonOptions& options)
{
    auto r = rules_in_force(file, options);
    if (!r.ok) return r.run.unreadable ? 2 : 1;
    if (options.format == "markdown") {
        std::cout << rules_reference(r.book);
        return 0;
    }
    if (options.format == "json") {
        auto all = nlohmann::json::array();
        for (const auto& set : r.book.sets)
            for (const auto& rule : set.rules)
                all.push_back({{"id", rule.id},
                               {"severity", to_string(rule.severity)},
                               {"message", rule.message},
                               {"condition", rule.condition_text},
                               {"applies", set.applies_text},
                               {"allow_never", rule.allow_never},
                               {"replaces", rule.replaces},
                               {"sources", source_texts(sources_of(set, rule))}});
        std::cout << all.dump(2) << "\n";
        return 0;
    }
    std::size_t width = 0;
    for (const auto& id : r.book.ids()) width = std::max(width, id.size());
    bool first = true;
    for (const auto& set : r.book.sets) {
        const auto citations = citations_of(set);
        std::cout << (first ? "" : "\n") << "rule set '" << set.name << "'" << (set.title.empty() ? "" : ": " + set.title) << ", for "
                  << applies_words(set, false) << "\n";
        first = false;
        for (const auto& rule : set.rules) {
            std::cout << fmt::format("  {:<{}}  {:<7}  {}", rule.id, width, to_string(rule.severity), rule.message);
            const std::string numbers = citation_numbers(citations, sources_of(set, rule));
            std::cout << (numbers.empty() ? "" : " " + numbers) << "\n";
        }
        if (!citations.empty()) std::cout << "  sources:\n";
        for (std::size_t i = 0; i < citations.size(); ++i)
            std::cout << "  [" << i + 1 << "] " << rules::citation_text(citations[i]) << "\n";
    }
    return 0;
}

int explain(const std::string& rule_id, const CommonOptions& options)
{
    auto r = rules_in_force("", options);
    if (!r.ok) return 2;
    const rules::Rule* rule = r.book.find(rule_id);
    if (!rule) {
        print_error(std::string("unknown rule '") + rule_id + "'" + did_you_mean(rule_id, r.book.ids()) +
                    "; 'meso rules' lists every rule in force");
        return 2;
    }
    const rules::RuleSet& set = *r.book.set_of(rule_id);
    std::cout << rule->id << " (" << to_string(rule->severity) << "): " << rule->message << "\n\n";
    std::cout << "  " << rule->condition_text << "\n";
    std::cout << "  in " << applies_words(set, false) << "\n";
    std::cout << "  defined at " << report::location(rule->span) << ", in rule set '" << set.name << "'"
              << (set.title.empty() ? "" : " (" + set.title + ")") << "\n\n";
    if (!rule->notes.empty()) std::cout << "Why: " << join(rule->notes, " ") << "\n\n";
    if (!rule->replaces.empty()) std::cout << "Replaces: " << join(rule->replaces, ", ") << "\n\n";
    std::cout << "Source (how firm it is in brackets):\n";
    for (const auto& s : sources_of(set, *rule))
        std::cout << "  " << (s.firmness.empty() ? "" : "[" + rules::firmness_text(s.firmness) + "] ") << s.text << "\n";
    if (!rule->sources.empty() && !set.sources.empty()) {
        std::cout << "Rule set '" << set.name << "' sources:\n";
        for (const auto& s : set.sources)
            std::cout << "  " << (s.firmness.empty() ? "" : "[" + rules::firmness_text(s.firmness) + "] ") << s.text << "\n";
    }
    if (auto example = example_program(rule->id)) {
        std::cout << "\nA program that breaks it (meso check finds " << rule->id << "):\n\n";
        std::istringstream lines(*example);
        for (std::string line; std::getline(lines, line);) std::cout << (line.empty() ? "" : "    " + line) << "\n";
    }
    std::cout << "\n" << acceptance_line(*rule) << "\n";
    return 0;
}

}  // namespace meso::cli
