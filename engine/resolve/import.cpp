// Reading files and `use`: the import chain, the library, and the names the
// main file sees.
#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <tuple>

#include "engine/base/overloaded.h"
#include "engine/base/suggest.h"
#include "engine/resolve/library.h"
#include "engine/resolve/resolver.h"
#include "engine/resolve/stdlib.h"

namespace meso::resolving {

struct ParsedModule {
    Source source;
    ParseResult parsed;
};

namespace fs = std::filesystem;

namespace {

// "std/templates.meso" is the module std.templates.
std::string module_name_of(std::string_view embedded_path)
{
    std::string module(embedded_path.substr(0, embedded_path.size() - 5));
    std::replace(module.begin(), module.end(), '/', '.');
    return module;
}

}  // namespace

std::string canonical_of(const std::string& path)
{
    std::error_code ec;
    auto p = fs::weakly_canonical(path, ec);
    return ec ? path : p.string();
}

// Imports and library modules are files by name; "-" is not standard input here.
ReadResult Resolver::read_file(const std::string& path) const { return read_source(path == "-" ? "./-" : path, options_.limits.max_bytes); }

const syntax::File* Resolver::load(Source source, int depth)
{
    c_.own_sources.push_back(std::move(source));
    const Source& s = c_.own_sources.back();
    c_.sources.push_back(&s);
    auto parsed = parse(s, options_.limits);
    if (c_.sources.size() == 1) c_.main_file_parsed = !has_errors(parsed.diagnostics);
    DiagnosticSink(c_.diagnostics).append(std::move(parsed.diagnostics));
    c_.files.push_back(std::move(parsed.file));
    const syntax::File* file = &c_.files.back();
    c_.module.files.push_back(file);
    import_uses(*file, s, depth);
    return file;
}

// A module of the embedded standard library, parsed the first time a
// Compilation of this process uses it: `meso check` of a directory and the
// language server, at every change, resolve file after file, and parsing
// the library was a third of checking a small program.
const syntax::File* Resolver::load_embedded(std::string_view path, std::string_view text, int depth)
{
    static std::mutex mutex;
    static std::map<std::tuple<std::string_view, std::size_t, int, std::size_t>, std::shared_ptr<const ParsedModule>> parsed;
    std::shared_ptr<const ParsedModule> module;
    {
        const std::lock_guard lock(mutex);
        auto& slot = parsed[{path, options_.limits.max_bytes, options_.limits.max_depth, options_.limits.max_errors}];
        if (!slot) {
            auto made = std::make_shared<ParsedModule>();
            made->source = Source{std::string(path), std::string(text)};
            ParseLimits limits = options_.limits;
            limits.comments = false;                     // resolving reads no comment
            limits.check_encoding = false;               // checked by the tests: comments_test.cpp
            made->parsed = parse(made->source, limits);  // its spans point to made->source, which stays put
            slot = std::move(made);
        }
        module = slot;
    }
    c_.library.push_back(module);
    c_.sources.push_back(&module->source);
    DiagnosticSink(c_.diagnostics).append(std::vector<Diagnostic>(module->parsed.diagnostics));
    const syntax::File* file = &module->parsed.file;
    c_.module.files.push_back(file);
    import_uses(*file, module->source, depth);
    return file;
}

void Resolver::import_uses(const syntax::File& file, const Source& source, int depth)
{
    for (const auto& statement : file.statements) {
        if (const auto* use = std::get_if<syntax::Use>(&statement.node)) import(*use, source, depth + 1);
    }
}

void Resolver::import(const syntax::Use& use, const Source& from, int depth)
{
    if (depth > options_.max_import_depth) {
        report(use.span, "imports are nested more than " + std::to_string(options_.max_import_depth) + " deep");
        return;
    }
    if (use.module.quoted) {
        import_file(use, from, depth);
        return;
    }
    std::string relative = use.module.text;
    std::replace(relative.begin(), relative.end(), '.', '/');
    relative += ".meso";
    load_library(relative, use.module, depth, false);
}

// `use "file.meso"`, relative to the importing file.
void Resolver::import_file(const syntax::Use& use, const Source& from, int depth)
{
    const fs::path target = fs::path(from.path).parent_path() / use.module.text;
    const std::string key = canonical_of(target.string());
    if (std::find(loading_.begin(), loading_.end(), key) != loading_.end()) {
        std::string chain;
        for (const auto& p : loading_) chain += fs::path(p).filename().string() + " → ";
        report(use.module.span, "import cycle: " + chain + use.module.text);
        return;
    }
    if (loaded_.count(key)) return;
    loaded_.insert(key);
    auto read = read_file(target.string());
    if (!read.source) {
        report(use.module.span, std::move(read.error));
        return;
    }
    loading_.push_back(key);
    load(std::move(*read.source), depth);
    loading_.pop_back();
}

// A module of the library: a directory of MESO_PATH first, then the embedded stdlib.
// A MESO_PATH file that replaces a module of the embedded stdlib is
// announced with a note: a safety rule set (std.bfr) must not change silently.
void Resolver::load_library(const std::string& relative, const syntax::Name& name, int depth, bool quiet)
{
    if (loaded_.count(relative)) return;
    if (const auto candidate = meso_path_file(relative, options_.meso_path)) {
        loaded_.insert(relative);
        auto read = read_file(*candidate);
        if (!read.source) {
            report(name.span, std::move(read.error));
            return;
        }
        const bool replaces_embedded =
            std::any_of(embedded_stdlib().begin(), embedded_stdlib().end(), [&](const EmbeddedFile& f) { return f.path == relative; });
        if (replaces_embedded)
            report(name.span,
                   "module '" + module_name_of(relative) + "' is read from " + *candidate +
                       " (MESO_PATH), not from meso's standard library",
                   Severity::note);
        const syntax::File* file = load(std::move(*read.source), depth);
        if (relative == conditions_module_path) conditions_module_ = file;
        return;
    }
    for (const auto& embedded : embedded_stdlib()) {
        if (embedded.path == relative) {
            loaded_.insert(relative);
            const syntax::File* file = load_embedded(embedded.path, embedded.text, depth);
            if (relative == conditions_module_path) conditions_module_ = file;
            return;
        }
    }
    if (!quiet) report_unknown_module(name);
}

void Resolver::report_unknown_module(const syntax::Name& name)
{
    std::vector<std::string> known;
    for (const auto& embedded : embedded_stdlib()) known.push_back(module_name_of(embedded.path));
    report(name.span,
           "unknown module '" + name.text + "'" + did_you_mean(name.text, known) +
               (name.text.find('.') == std::string::npos ? " (a file is written in quotes: use \"" + name.text + ".meso\")" : ""));
}

// The main file's templates and rule sets shadow the library's (a clinic's
// own `ruleset bfr` replaces std.bfr); two of the same name elsewhere are an
// error.
void Resolver::collect()
{
    std::map<std::string, const syntax::Template*> from_main;
    std::map<std::string, const syntax::Ruleset*> main_rulesets;
    std::vector<const syntax::HealthConditionDeclaration*> library_conditions;
    for (const auto& statement : main_->statements)
        if (const auto* r = std::get_if<syntax::Ruleset>(&statement.node)) main_rulesets.emplace(r->name.text, r);
    for (const auto* file : c_.module.files) {
        auto& table = file == main_ ? from_main : templates_;
        for (const auto& statement : file->statements) {
            std::visit(overloaded{
                           [&](const syntax::Template& t) {
                               auto [it, inserted] = table.emplace(t.name.text, &t);
                               if (!inserted)
                                   report(t.name.span, "template '" + t.name.text + "' is defined twice", Severity::error,
                                          {{it->second->name.span, "first defined here"}});
                           },
                           [&](const syntax::Athlete& a) { athlete_syntax_.push_back(&a); },
                           [&](const syntax::Group& g) { group_syntax_.push_back(&g); },
                           [&](const syntax::Ruleset& r) {
                               const auto replacing = main_rulesets.find(r.name.text);
                               if (file == main_ || replacing == main_rulesets.end()) c_.module.rulesets.push_back(&r);
                               else c_.module.replaced_rulesets.push_back({&r, replacing->second});
                           },
                           [&](const syntax::HealthConditionDeclaration& d) {
                               // std.conditions first, so that a file's own declaration is the one called a repeat
                               (file == conditions_module_ ? library_conditions : condition_syntax_).push_back(&d);
                           },
                           [](const syntax::Use&) {},      // loaded with the file
                           [](const syntax::Program&) {},  // the main file's, resolved after the athletes
                       },
                       statement.node);
        }
    }
    for (auto& [name, t] : from_main) templates_[name] = t;
    condition_syntax_.insert(condition_syntax_.begin(), library_conditions.begin(), library_conditions.end());
}

// The library module that defines template `name`, for "add 'use std.templates'".
// The library's templates are listed once per process: a program naming a
// template it does not define, as one does while typing it in the language
// server, parsed the library's modules again at every change.
std::optional<std::string> Resolver::library_module_of_template(const std::string& name)
{
    static const std::map<std::string, std::string, std::less<>> defined_in = [] {
        std::map<std::string, std::string, std::less<>> modules;
        for (const auto& embedded : embedded_stdlib()) {
            const Source source{std::string(embedded.path), std::string(embedded.text)};
            for (const auto& statement : parse(source).file.statements)
                if (const auto* t = std::get_if<syntax::Template>(&statement.node))
                    modules.try_emplace(t->name.text, module_name_of(embedded.path));
        }
        return modules;
    }();
    const auto found = defined_in.find(name);
    return found == defined_in.end() ? std::nullopt : std::optional(found->second);
}

}  // namespace meso::resolving
