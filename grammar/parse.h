// Parsing: text in, syntax tree and syntax errors out.
//
//   Source source = ...;                       // must outlive the result
//   ParseResult result = parse(source);
//   if (has_errors(result.diagnostics)) ...    // result.file holds what parsed
//
// What can go wrong, each reported as a located Diagnostic, never thrown:
// - the file is larger than ParseLimits::max_bytes (nothing is parsed);
// - bad encoding: invalid UTF-8 (nothing more is parsed), a byte-order mark,
//   tab characters, carriage returns (reported, then tolerated);
// - syntax errors: each says what was expected in words; after one, parsing
//   resumes at the next statement, so independent mistakes are all reported
//   (at most ParseLimits::max_errors of them);
// - dates and times that do not exist (2027-02-30, 25:00), numbers too
//   large to be meant, conditions nested deeper than ParseLimits::max_depth,
//   conditions of more than 256 parts in all (`and`/`or` chains count one
//   part a term).
#pragma once

#include <cstddef>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/base/source.h"
#include "grammar/syntax.h"

namespace meso {

struct ParseLimits {
    std::size_t max_bytes = 64u << 20;  // 64 MiB
    int max_depth = 64;                 // nesting of parentheses, `not`, `every exercise`
    std::size_t max_errors = 100;
    // Comments attached to the statements they stand by, and listed (what
    // fmt and its checks read). Resolving reads none: the standard library's
    // shared parse keeps none, a sixth of its parse.
    bool comments = true;
    // The bytes checked first: UTF-8, no BOM, tab, carriage return or
    // control character. The standard library embedded in the binary skips
    // it (a test checks its text once): 9% of its parse, at every start.
    bool check_encoding = true;
};

struct ParseResult {
    syntax::File file;
    std::vector<Diagnostic> diagnostics;
};

ParseResult parse(const Source& source, const ParseLimits& limits = {});

}  // namespace meso
