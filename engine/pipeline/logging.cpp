#include "engine/pipeline/logging.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "engine/base/log.h"
#include "engine/resolve/stdlib.h"

namespace meso::pipeline {

namespace {

namespace fs = std::filesystem;

bool is_embedded(const Source& source)
{
    const auto& files = resolving::embedded_stdlib();
    return std::any_of(files.begin(), files.end(),
                       [&](const resolving::EmbeddedFile& f) { return f.path == source.path && f.text == source.text; });
}

// The MESO_PATH directory a file was found in, or "".
std::string meso_path_directory(const std::string& path, const std::string& meso_path)
{
    std::stringstream directories(meso_path);
    for (std::string directory; std::getline(directories, directory, ':');) {
        if (directory.empty()) continue;
        const std::string prefix = (fs::path(directory) / "").string();
        if (path.compare(0, prefix.size(), prefix) == 0) return directory;
    }
    return "";
}

// "std/bfr.meso" or ".../std/bfr.meso" → "std.bfr"; "" for a file outside a std/ folder.
std::string module_name(const std::string& path)
{
    const fs::path p(path);
    if (p.extension() != ".meso" || p.parent_path().filename() != "std") return "";
    return "std." + p.stem().string();
}

bool is_default_rule_set_module(const std::string& module)
{
    return module == "std.bfr" || module == "std.kaatsu" || module == "std.general";
}

struct Origins {
    const Options& options;
    std::string meso_path;
    const Source* main = nullptr;
    std::set<std::string> used;  // the modules and files named by a `use`
};

// Why a file was read: "the file", "--rules", "use std.bfr", "a default rule set", ...
std::string origin_of(const Source& source, const Origins& origins)
{
    if (&source == origins.main) return "the file given";
    const auto& rule_files = origins.options.rule_files;
    if (std::find(rule_files.begin(), rule_files.end(), source.path) != rule_files.end()) return "--rules " + source.path;
    const std::string module = module_name(source.path);
    std::string from = is_embedded(source) ? "the standard library" : "";
    if (const std::string directory = meso_path_directory(source.path, origins.meso_path); !directory.empty())
        from = "MESO_PATH directory " + directory;
    if (from.empty()) return "use \"" + fs::path(source.path).filename().string() + "\"";
    std::string why = module.empty() ? from : module + " from " + from;
    if (origins.used.count(module)) why += ", by use " + module;
    else if (module == "std.conditions") why += ", the health-condition vocabulary";
    else if (!origins.options.no_default_rules && is_default_rule_set_module(module)) why += ", a default rule set";
    return why;
}

std::set<std::string> used_names(const resolving::Compilation& compilation)
{
    std::set<std::string> used;
    for (const syntax::File* file : compilation.module.files)
        for (const auto& statement : file->statements)
            if (const auto* use = std::get_if<syntax::Use>(&statement.node)) used.insert(use->module.text);
    return used;
}

const char* plural(std::size_t n) { return n == 1 ? "" : "s"; }

// "1 error, 2 warnings, 0 infos, 0 notes" (suppressed ones counted apart).
std::string count_by_severity(const std::vector<Diagnostic>& diagnostics)
{
    std::string text;
    std::size_t suppressed = 0;
    for (const Severity severity : {Severity::error, Severity::warning, Severity::info, Severity::note}) {
        const auto n = static_cast<std::size_t>(std::count_if(
            diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) { return d.severity == severity && !d.suppressed_by; }));
        text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + to_string(severity) + plural(n);
    }
    for (const auto& d : diagnostics) suppressed += d.suppressed_by ? 1 : 0;
    if (suppressed > 0) text += ", " + std::to_string(suppressed) + " suppressed by an allow";
    return text;
}

}  // namespace

void log_resolved(const resolving::Compilation& compilation, const Options& options, const std::string& meso_path, Clock::time_point start)
{
    if (!log::enabled(log::Level::info)) return;
    Origins origins{options, meso_path, nullptr, used_names(compilation)};
    if (!compilation.sources.empty() && compilation.sources.front()->path != "<rules>") origins.main = compilation.sources.front();
    for (const Source* read : compilation.sources) {
        const Source& source = *read;
        if (source.path == "<rules>") continue;
        log::write(log::Level::info,
                   "read " + source.path + " (" + origin_of(source, origins) + ", " + std::to_string(source.text.size()) + " bytes)");
    }
    const auto& rulesets = compilation.module.rulesets;
    log::write(log::Level::info, std::to_string(rulesets.size()) + " rule set" + plural(rulesets.size()) + " in force" +
                                     (options.no_default_rules ? " (--no-default-rules)" : ""));
    for (const auto* ruleset : rulesets) {
        const Source* source = ruleset->span.source;
        const std::string where = source != nullptr ? source->path + ", " + origin_of(*source, origins) : "unknown";
        log::write(log::Level::info, "rule set " + ruleset->name.text + " from " + where);
    }
    log::write(log::Level::info, "read, parsed and resolved " + std::to_string(compilation.sources.size()) + " file" +
                                     plural(compilation.sources.size()) + " in " + log::elapsed_since(start) + "; " +
                                     std::to_string(compilation.module.programs.size()) + " program" +
                                     plural(compilation.module.programs.size()));
}

void log_zones(const FileRun& run)
{
    if (!log::enabled(log::Level::info) || !run.compilation) return;
    if (!run.zone_error.empty()) log::write(log::Level::warn, "no time zone: " + run.zone_error);
    for (const auto& program : run.compilation->module.programs) {
        const ZoneChoice zone = zone_for(program.timezone, run.default_zone);
        log::write(log::Level::info, "program '" + program.name + "': time zone " + zone.name + " (from " + to_string(zone.source) + ")");
    }
}

void log_planned(const scheduling::SchedulePlan& plan, Clock::time_point start)
{
    if (!log::enabled(log::Level::info)) return;
    long long sessions = 0;
    for (const auto& program : plan.programs) sessions += program.sessions;
    log::write(log::Level::info, "planned " + std::to_string(plan.programs.size()) + " program" + plural(plan.programs.size()) + ", " +
                                     std::to_string(sessions) + " session" + plural(static_cast<std::size_t>(sessions)) + ", in " +
                                     log::elapsed_since(start));
}

void log_program(const scheduling::ProgramSchedule& program, Clock::duration schedule_time, Clock::duration rules_time)
{
    if (!log::enabled(log::Level::debug)) return;
    log::write(log::Level::debug, "program '" + program.name + "': " + std::to_string(program.sessions.size()) + " session" +
                                      plural(program.sessions.size()) + " in " + std::to_string(program.blocks.size()) + " block" +
                                      plural(program.blocks.size()) + ", scheduled in " + log::milliseconds(schedule_time) +
                                      ", rules checked in " + log::milliseconds(rules_time));
}

void log_totals(const PassTotals& totals, bool rules_checked)
{
    if (!log::enabled(log::Level::info)) return;
    std::string line = "scheduled " + std::to_string(totals.sessions) + " session" + plural(totals.sessions) + " of " +
                       std::to_string(totals.programs) + " program" + plural(totals.programs) + " in " +
                       log::milliseconds(totals.schedule_time);
    if (rules_checked) line += "; rules checked in " + log::milliseconds(totals.rules_time);
    log::write(log::Level::info, line);
}

void log_rules_checked(Clock::time_point start)
{
    if (log::enabled(log::Level::info)) log::write(log::Level::info, "rules checked in " + log::elapsed_since(start));
}

void log_findings(const char* what, const std::vector<Diagnostic>& diagnostics)
{
    if (log::enabled(log::Level::info)) log::write(log::Level::info, std::string(what) + ": " + count_by_severity(diagnostics));
}

}  // namespace meso::pipeline
