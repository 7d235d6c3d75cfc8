// The standard library, compiled into the binary from stdlib/ at build time:
// its modules, and its tables of data.
#pragma once

#include <string_view>
#include <vector>

namespace meso::resolving {

struct EmbeddedFile {
    std::string_view path;  // below stdlib/: "std/bfr.meso"
    std::string_view text;
};

// Every stdlib/**/*.meso, sorted by path.
const std::vector<EmbeddedFile>& embedded_stdlib();

// Every stdlib/**/*.tsv, sorted by path: tables of data that are not
// modules ("evidence/bfr.tsv", read by engine/evidence/).
const std::vector<EmbeddedFile>& embedded_stdlib_tables();

}  // namespace meso::resolving
