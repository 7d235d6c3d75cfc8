// Reading program files for the commands, bounded in size.
#pragma once

#include <optional>
#include <string>

#include "grammar/source.h"

namespace meso::cli {

// The file's text, or a message saying why it cannot be read ("cannot read
// 'x.meso': No such file or directory", "... is 300 MiB; at most 64 MiB").
// The size is checked before anything is read. "-" reads standard input.
struct ReadResult {
    std::optional<Source> source;
    std::string error;
};
ReadResult read_source(const std::string& path, std::size_t max_bytes);

}  // namespace meso::cli
