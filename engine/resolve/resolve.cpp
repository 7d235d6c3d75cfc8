#include "engine/resolve/resolve.h"

#include <filesystem>

#include "engine/resolve/resolver.h"

namespace meso::resolving {

namespace {

// ".../std/conditions.meso": the library's vocabulary, checked on its own.
bool is_conditions_module(const std::string& path)
{
    const std::filesystem::path p(path);
    return p.filename() == "conditions.meso" && p.parent_path().filename() == "std";
}

}  // namespace

Resolver::Resolver(Compilation& c, const ResolveOptions& options) : c_(c), options_(options) {}

void Resolver::run(Source main)
{
    resolve(std::move(main));
    options_.resolved_program = nullptr;  // it may hold what its caller lets go once this returns
}

// The main file and what it uses first, then the screening vocabulary, the
// default and --rules rule sets, then the names they define, the vocabulary,
// then athletes and their groups before the programs that point at them.
void Resolver::resolve(Source main)
{
    const std::string key = canonical_of(main.path);
    loaded_.insert(key);
    loading_.push_back(key);
    const syntax::File* file = load(std::move(main), 0);
    loading_.pop_back();
    if (!file) return;
    main_ = file;
    warn_if_empty(*file);
    // The vocabulary, unless the file checked is that module itself (it would declare every condition twice).
    if (!is_conditions_module(file->source->path)) load_library(conditions_module_path, {}, 0, /*quiet=*/true);
    if (options_.default_rules) {
        for (const char* module : {"std/bfr.meso", "std/kaatsu.meso", "std/general.meso"}) load_library(module, {}, 0, /*quiet=*/true);
    }
    for (const auto& path : options_.rule_files) {
        auto read = read_file(path);
        if (!read.source) {
            report({}, std::move(read.error));
            continue;
        }
        load(std::move(*read.source), 1);
    }
    collect();
    resolve_health_conditions();
    resolve_athletes();
    resolve_groups();
    resolve_programs();
    if (!options_.keep_athlete_syntax) release_athlete_syntax();
}

// The athletes' statements (maxes, conditions, equipment) are read once,
// into the IR's athletes: a file of thousands of athletes held them twice.
void Resolver::release_athlete_syntax()
{
    athlete_syntax_.clear();
    for (auto& file : c_.files)
        for (auto& statement : file.statements)
            if (auto* athlete = std::get_if<syntax::Athlete>(&statement.node))
                std::vector<syntax::AthleteStatement>().swap(athlete->statements);
}

void Resolver::report(const Span& span, std::string message, Severity severity, std::vector<Note> notes)
{
    Diagnostic d = Diagnostic::error(span, std::move(message));
    d.severity = severity;
    d.notes = std::move(notes);
    c_.diagnostics.push_back(std::move(d));
}

// A file without a statement (empty, or comments only) is most likely
// the wrong file; one of templates or rule sets alone is a library.
void Resolver::warn_if_empty(const syntax::File& file)
{
    if (!file.statements.empty() || !file.source) return;
    for (const auto& d : c_.diagnostics)
        if (d.severity == Severity::error && d.span.source == file.source) return;  // a syntax error says more
    report(span_at(*file.source, 0, 0), "this file has no statements: nothing to check or schedule", Severity::warning);
}

Compilation::Compilation() = default;
Compilation::~Compilation() = default;

namespace {

// With ResolveOptions::resolved_program the resolver stays, to resolve the
// programs' blocks again.
void run_resolver(Compilation& c, Source source, const ResolveOptions& options)
{
    auto resolver = std::make_unique<Resolver>(c, options);
    resolver->run(std::move(source));
    if (options.resolved_program) c.resolver = std::move(resolver);
}

}  // namespace

std::unique_ptr<Compilation> resolve_source(Source source, const ResolveOptions& options)
{
    auto c = std::make_unique<Compilation>();
    run_resolver(*c, std::move(source), options);
    return c;
}

std::unique_ptr<Compilation> resolve_file(const std::string& path, const ResolveOptions& options)
{
    auto c = std::make_unique<Compilation>();
    auto read = read_source(path, options.limits.max_bytes);
    if (!read.source) {
        c->diagnostics.push_back(Diagnostic::error(Span{}, std::move(read.error)));
        return c;
    }
    run_resolver(*c, std::move(*read.source), options);
    return c;
}

void resolve_blocks(Compilation& c, std::size_t index, bool last)
{
    if (c.resolver) c.resolver->resolve_blocks_again(index, last);
}

void let_blocks_go(Compilation& c, std::size_t index)
{
    if (c.resolver) c.resolver->let_blocks_go(index);
}

}  // namespace meso::resolving
