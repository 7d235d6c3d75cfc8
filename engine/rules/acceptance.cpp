#include "engine/rules/acceptance.h"

#include <algorithm>
#include <optional>
#include <string>

#include "engine/base/suggest.h"
#include "engine/base/text.h"

namespace meso::rules {

namespace {

bool same_place(const Span& a, const Span& b) { return a.source == b.source && a.begin == b.begin; }

std::string quoted_list(const std::vector<std::string>& ids)
{
    std::vector<std::string> quoted;
    quoted.reserve(ids.size());
    for (const auto& id : ids) quoted.push_back("'" + id + "'");
    return and_list(quoted);
}

}  // namespace

void apply_allows(const RuleBook& book, const ir::Block& block, std::size_t first, std::vector<Diagnostic>& findings,
                  std::vector<AllowUse>& uses)
{
    for (const auto& allow : block.allows) {
        auto use = std::find_if(uses.begin(), uses.end(), [&](const AllowUse& u) {
            return same_place(u.allow->span, allow.span) && same_place(u.block->span, block.span);
        });
        if (use == uses.end()) use = uses.insert(uses.end(), AllowUse{&allow, &block, false});
        if (acceptance_error(book, allow.rule, "allow")) continue;
        for (std::size_t i = first; i < findings.size(); ++i) {
            auto& f = findings[i];
            if (f.rule && *f.rule == allow.rule && !f.suppressed_by) {
                f.suppressed_by = allow.reason;
                use->used = true;
            }
        }
    }
}

void report_allows(const RuleBook& book, const std::vector<AllowUse>& uses, std::vector<Diagnostic>& findings)
{
    for (const AllowUse& use : uses) {
        if (auto problem = acceptance_error(book, use.allow->rule, "allow"))
            findings.push_back(Diagnostic::error(use.allow->span, std::move(*problem)));
        else if (!use.used)
            findings.push_back(Diagnostic::warning(use.allow->span, "'allow " + use.allow->rule +
                                                                        "' accepts nothing: the rule finds no problem in block '" +
                                                                        use.block->name + "'; remove the allow"));
    }
}

void apply_clearances(const RuleBook& book, const ir::Athlete* athlete, std::size_t first, std::vector<Diagnostic>& findings,
                      ClearanceUses* uses)
{
    if (!athlete) return;
    const std::size_t end = findings.size();
    for (const auto& clearance : athlete->clearances) {
        if (acceptance_error(book, clearance.rule, "cleared")) continue;  // reported once, by check_clearances
        bool used = false;
        for (std::size_t i = first; i < end; ++i) {
            auto& f = findings[i];
            if (!f.rule || *f.rule != clearance.rule) continue;
            used = true;
            if (!f.suppressed_by) f.suppressed_by = clearance.by;
        }
        if (used && uses && std::find(uses->used.begin(), uses->used.end(), &clearance) == uses->used.end())
            uses->used.push_back(&clearance);
    }
}

std::optional<std::string> acceptance_error(const RuleBook& book, const std::string& id, const std::string& what)
{
    const Rule* rule = book.find(id);
    if (!rule) {
        const auto replacements = book.replacements_of(id);
        if (!replacements.empty())
            return "'" + id + "' is now " + quoted_list(replacements) + "; write '" + what + " " + replacements.front() + "'";
        return "no rule '" + id + "' is in force" + did_you_mean(id, book.ids());
    }
    if (rule->allow_never)
        return "'" + id + "' cannot be " + (what == "allow" ? "allowed" : "cleared") + " (" + rule->message +
               "): its rule says 'allow never'";
    return std::nullopt;
}

std::vector<Diagnostic> check_clearances(const RuleBook& book, const ir::Module& module)
{
    std::vector<Diagnostic> out;
    for (const auto& athlete : module.athletes)
        for (const auto& clearance : athlete.clearances)
            if (auto problem = acceptance_error(book, clearance.rule, "cleared"))
                out.push_back(Diagnostic::error(clearance.span, *problem));
    return out;
}

std::vector<Diagnostic> unused_clearances(const RuleBook& book, const ir::Module& module, const ClearanceUses& uses)
{
    std::vector<Diagnostic> out;
    for (const auto& athlete : module.athletes)
        for (const auto& clearance : athlete.clearances) {
            if (acceptance_error(book, clearance.rule, "cleared")) continue;
            if (std::find(uses.used.begin(), uses.used.end(), &clearance) != uses.used.end()) continue;
            out.push_back(Diagnostic::warning(clearance.span, "'cleared " + clearance.rule +
                                                                  "' accepts nothing: the rule finds no problem for athlete '" +
                                                                  athlete.name + "' in any block; remove it"));
        }
    return out;
}

}  // namespace meso::rules
