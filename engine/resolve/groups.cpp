// Groups of athletes (`group "U18" { "Ann", "Ben", "Cat" }`), and the
// athletes a program is for: `for "Alex"`, `for "Ann", "Ben"`, `for "U18"`,
// or, without `for`, the file's one athlete.
#include <set>

#include "engine/base/suggest.h"
#include "engine/resolve/resolver.h"

namespace meso::resolving {

namespace {

std::vector<std::string> athlete_names(const std::vector<ir::Athlete>& athletes)
{
    std::vector<std::string> names;
    names.reserve(athletes.size());
    for (const auto& a : athletes) names.push_back(a.name);
    return names;
}

}  // namespace

// By name through an index: a federation's file names thousands of
// athletes, and a search per name made resolving quadratic.
const ir::Athlete* Resolver::athlete_named(const std::string& name)
{
    auto& athletes = c_.module.athletes;
    if (indexed_athletes_ != athletes.size() || athlete_index_.empty()) {
        athlete_index_.clear();
        for (const auto& a : athletes) athlete_index_.emplace(a.name, &a);  // the first of a name, as a search finds
        indexed_athletes_ = athletes.size();
    }
    auto it = athlete_index_.find(name);
    return it == athlete_index_.end() ? nullptr : it->second;
}

// Each group of the file and its imports: its members are athletes, each
// named once; its name is no athlete's (a program's `for` could not tell
// them apart) and no other group's.
void Resolver::resolve_groups()
{
    for (const auto* g : group_syntax_) {
        const std::string& name = g->name.value;
        if (const ir::Athlete* same = athlete_named(name)) {
            std::string message = "group \"";
            message.append(name).append("\" has the name of an athlete; 'for \"").append(name);
            message.append("\"' could not tell them apart: rename the group");
            report(g->name.span, std::move(message), Severity::error, {{same->span, "athlete \"" + name + "\" is defined here"}});
            continue;
        }
        if (auto it = groups_.find(name); it != groups_.end()) {
            report(g->name.span, "group \"" + name + "\" is defined twice", Severity::error,
                   {{it->second.syntax->name.span, "first defined here"}});
            continue;
        }
        ResolvedGroup group{g, {}};
        std::map<std::string, Span> named;
        bool any = false;
        for (const auto& statement : g->statements) {
            for (const auto& member : std::get<syntax::GroupMembers>(statement.node).names) {
                any = true;
                if (auto [it, inserted] = named.emplace(member.value, member.span); !inserted) {
                    report(member.span, "athlete \"" + member.value + "\" is named twice in group \"" + name + "\"", Severity::error,
                           {{it->second, "first named here"}});
                    continue;
                }
                if (const ir::Athlete* a = athlete_named(member.value)) group.members.push_back(a);
                else
                    report(member.span, "unknown athlete \"" + member.value + "\" in group \"" + name + "\"" +
                                            did_you_mean(member.value, athlete_names(c_.module.athletes)));
            }
        }
        if (!any && !syntax_error_within(g->span)) {  // a member the parser could not read is not missing
            std::string message = "group \"";
            message.append(name).append("\" has no athletes; name them in its braces, as in 'group \"").append(name);
            message.append("\" { \"Ann\", \"Ben\" }'");
            report(g->name.span, std::move(message));
        }
        groups_.emplace(name, std::move(group));
    }
}

// The athletes a program is for, each once, in the order written (a
// group's members in the group's order); {nullptr} when it names none
// that exists, so that its other mistakes are still found.
Resolver::ProgramAthletes Resolver::athletes_of(const syntax::Program& p)
{
    ProgramAthletes out;
    if (p.athletes.empty()) {
        out.athletes.push_back(athlete_by_default(p));
        return out;
    }
    out.one_of_several = p.athletes.size() > 1;
    std::map<const ir::Athlete*, std::string> seen;  // each athlete, and where it was named ("" by name, else the group)
    const auto add = [&](const ir::Athlete* a, const syntax::Text& at, const std::string& group) {
        if (auto [it, inserted] = seen.emplace(a, group); !inserted) {
            const std::string& in_group = it->second.empty() ? group : it->second;
            report(at.span, "athlete \"" + a->name + "\" is named twice in 'for'" +
                                (in_group.empty() ? "" : ", once as a member of group \"" + in_group + "\"") +
                                ": each athlete gets one program; name them once");
            return;
        }
        out.athletes.push_back(a);
    };
    for (const auto& named : p.athletes) {
        if (const ir::Athlete* a = athlete_named(named.value)) {
            add(a, named, "");
            continue;
        }
        if (auto g = groups_.find(named.value); g != groups_.end()) {
            out.one_of_several = true;
            for (const ir::Athlete* a : g->second.members) add(a, named, named.value);
            continue;
        }
        std::vector<std::string> names = athlete_names(c_.module.athletes);
        for (const auto& [group_name, group] : groups_) names.push_back(group_name);
        report(named.span, std::string(groups_.empty() ? "unknown athlete \"" : "unknown athlete or group \"") + named.value + "\"" +
                               did_you_mean(named.value, names));
    }
    if (out.athletes.empty()) out.athletes.push_back(nullptr);
    return out;
}

// Without `for`: the file's one athlete, or none.
const ir::Athlete* Resolver::athlete_by_default(const syntax::Program& p)
{
    auto& athletes = c_.module.athletes;
    if (athletes.size() == 1) return &athletes.front();
    if (athletes.size() > 1)
        report(p.name.span, "this file has " + std::to_string(athletes.size()) + " athletes; say whose program this is with 'for \"" +
                                athletes.front().name + "\"'");
    return nullptr;  // no athlete: loads stay in percent
}

}  // namespace meso::resolving
