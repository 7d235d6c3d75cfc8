// The standard library, compiled into the binary from stdlib/ at build time.
#pragma once

#include <string_view>
#include <vector>

namespace meso {

struct EmbeddedFile {
    std::string_view path;  // below stdlib/: "std/bfr.meso"
    std::string_view text;
};

// Every stdlib/**/*.meso, sorted by path.
const std::vector<EmbeddedFile>& embedded_stdlib();

}  // namespace meso
