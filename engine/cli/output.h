// Writing a command's output: to standard output, or to a file that is
// replaced whole or not at all.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace meso::cli {

struct OutputResult {
    bool written = false;  // false when `write` gave up (it returned false) or on an error
    std::string error;     // "cannot write 'cal.ics': No space left on device"; empty when none
};

// Calls `write` with a stream and makes what it wrote the content of `path`
// ("" or "-": standard output). For a regular file, or a path where nothing
// exists yet, the bytes go to a temporary file beside it, which is flushed
// to disk and then renamed over the target: a failure at any point (or
// `write` returning false) leaves the old file byte-identical and no
// temporary behind. The new file keeps the old one's permissions. A symbolic
// link is followed, so the file it points at is replaced. Anything else (a
// device such as /dev/full, a pipe) is written to directly.
OutputResult write_output(const std::string& path, const std::function<bool(std::ostream&)>& write);

// The same, telling `write` whether what it writes goes to a temporary file
// that only becomes the target when `write` returns true (`replacing`):
// only then may it write what it could still have to take back.
using ReplacingWrite = std::function<bool(std::ostream& out, bool replacing)>;
OutputResult write_output(const std::string& path, const ReplacingWrite& write);

}  // namespace meso::cli
