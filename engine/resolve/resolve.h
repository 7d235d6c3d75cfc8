// Resolution: syntax trees in, IR out.
//
//   Compilation c = resolve_file("plan.meso", options);
//   if (has_errors(c.diagnostics)) ...;  // c.module holds what resolved
//
// Reads and parses the file and every module it uses: `use std.X` from the
// standard library embedded in the binary (a directory in MESO_PATH may add
// or override modules: MESO_PATH/std/X.meso), `use "file.meso"` relative to
// the importing file. The rule sets std.bfr, std.kaatsu and std.general are loaded even
// without `use` unless options.default_rules is false; options.rule_files
// adds rule-set files.
//
// Then looks up every name (templates, athletes, exercises in week
// overrides, time zones) with did-you-mean suggestions, expands templates
// with the use's overrides, and normalises units (masses to the athlete's
// unit, durations to seconds).
//
// What can go wrong, as located Diagnostics: unknown or cyclic imports,
// imports nested deeper than max_import_depth, unknown names, units of the
// wrong kind, a program without an athlete to load from, values out of
// range (0 weeks, a max of 0 kg, a rounding step of 0).
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/ir/ir.h"
#include "grammar/parse.h"
#include "grammar/syntax.h"

namespace meso::resolving {

struct ResolveOptions {
    bool default_rules = true;            // std.bfr, std.kaatsu and std.general
    std::vector<std::string> rule_files;  // --rules FILE
    std::string meso_path;                // the MESO_PATH directories, ':'-separated
    ParseLimits limits;
    int max_import_depth = 32;
    // false: every athlete of the files read lets its statements go once
    // the athletes are resolved (check and compile read only the IR).
    bool keep_athlete_syntax = true;
    // Given (check and compile): each program is handed to it as soon as it
    // is resolved, with its index in module.programs, while the file so far
    // has no error (the pipeline plans it there); then the program's blocks,
    // most of the IR, are let go, and resolve_blocks brings them back for
    // the while the program is scheduled and checked. The IR of every
    // program at once was most of a large file's peak memory
    // (docs/performance.md, *One athlete at a time*).
    std::function<void(const ir::Program& program, std::size_t index)> resolved_program;
};

class Resolver;  // resolver.h

// The parse of a module of the embedded standard library, made once per
// process and shared by every Compilation that uses it (import.cpp).
struct ParsedModule;

// Owns everything the IR points into; not copyable, not movable.
struct Compilation {
    // Every file read, in the order it was loaded, the main file first:
    // this compilation's own, and the standard library's shared modules.
    std::vector<const Source*> sources;
    std::deque<Source> own_sources;
    std::deque<syntax::File> files;  // the parses of own_sources (module.files lists every file)
    std::vector<std::shared_ptr<const ParsedModule>> library;
    ir::Module module;
    std::vector<Diagnostic> diagnostics;
    // The main file's own text has no syntax error (what it uses may have):
    // the language server's hover and completion fall back to the last text
    // that parsed, and parsing the text again to know was a sixth of
    // analysing a change (perf of fuzz_lsp, 2026-12-08).
    bool main_file_parsed = false;

    // What resolves a program's blocks again (ResolveOptions::resolved_program).
    std::unique_ptr<Resolver> resolver;

    Compilation();
    ~Compilation();
    Compilation(const Compilation&) = delete;
    Compilation& operator=(const Compilation&) = delete;
};

std::unique_ptr<Compilation> resolve_file(const std::string& path, const ResolveOptions& options);
std::unique_ptr<Compilation> resolve_source(Source source, const ResolveOptions& options);

// With ResolveOptions::resolved_program: the blocks of module.programs[index]
// resolved again from the program's statements, as the first time (the same
// IR; what resolving them says was said then), and let go again.
// resolve_blocks does nothing to a program whose blocks are there.
// `last`: no resolve_blocks of this program comes after; once every program
// made from the same statement (one per athlete) has had its last, the
// statement's own statements go (a program of thousands of week overrides
// held them beside its IR and its schedule). A resolve_blocks after the
// last throws std::logic_error: it is the caller's mistake.
void resolve_blocks(Compilation& c, std::size_t index, bool last = false);
void let_blocks_go(Compilation& c, std::size_t index);

// Reading a file, the one way meso reads program, import and rule files:
// its text, or why it cannot be read —
//   cannot read 'x.meso': No such file or directory
//   cannot read 'x.meso': it is a directory
//   cannot read 'x.meso': Permission denied
//   'x.meso' is 200 MiB; meso reads files of at most 64 MiB
// The size of a regular file is checked before a byte is read; a pipe or a
// device is read to at most one byte past max_bytes. "-" is standard input
// (its Source is named "<stdin>").
struct ReadResult {
    std::optional<Source> source;
    std::string error;
};
ReadResult read_source(const std::string& path, std::size_t max_bytes);

}  // namespace meso::resolving
