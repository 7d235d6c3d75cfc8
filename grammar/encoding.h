// The encoding check run before parsing. Internal to grammar/.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/base/diagnostic.h"
#include "engine/base/source.h"

namespace meso::grammar {

// Bytes that no .meso file may hold, found before parsing: invalid UTF-8
// and control characters stop the parse (positions would be meaningless);
// a BOM, tabs and carriage returns are reported once each and tolerated.
struct EncodingCheck {
    bool fatal = false;
    std::size_t start = 0;  // 3 when the text starts with a BOM
};

EncodingCheck check_encoding(const Source& source, std::vector<Diagnostic>& out);

}  // namespace meso::grammar
