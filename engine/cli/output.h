// Writing a command's output: to standard output, or to a file that is
// replaced whole or not at all. The one atomic writer of `meso compile -o`
// and `meso fmt -i`.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace meso::cli {

// The step of writing that failed. Each command words it (its messages
// predate this writer); cannot_write() is `meso compile`'s wording.
enum class WriteStep {
    open,              // standard output, a device or a pipe, written to directly
    is_directory,      // the target is a directory
    create_temporary,  // no temporary file could be created beside the target
    keep_permissions,  // the temporary file could not be given the target's permissions
    write,             // writing (or, for standard output and devices, flushing) failed
    flush,             // the temporary file could not be flushed to disk
    close,             // closing the file failed
    replace,           // the temporary file could not be renamed over the target
    exists,            // the target exists, and the caller asked never to replace a file (Existing::refuse)
};

struct WriteFailure {
    WriteStep step = WriteStep::write;
    int error = 0;       // errno; 0 for is_directory
    std::string path;    // as the caller gave it; "" or "-" for standard output
    std::string target;  // the file replaced: `path`, or what its symbolic link points at
    std::string file;    // what the step acted on: the temporary file, or for create_temporary its directory
};

struct OutputResult {
    bool written = false;                 // false when `write` gave up (it returned false) or on a failure
    std::optional<WriteFailure> failure;  // empty when nothing failed
};

// Calls `write` with a stream and makes what it wrote the content of `path`
// ("" or "-": standard output). For a regular file, or a path where nothing
// exists yet, the bytes go to a temporary file beside it, which is flushed
// to disk and then renamed over the target: a failure at any point (or
// `write` returning false) leaves the old file byte-identical and no
// temporary behind. The new file keeps the old one's permissions (and, where
// the user may, its owner and group). A symbolic link is followed, so the
// file it points at is replaced. Anything else (a device such as /dev/full,
// a pipe) is written to directly.
OutputResult write_output(const std::string& path, const std::function<bool(std::ostream&)>& write);

// What to do when `path` already exists. `refuse` (`meso init`): the
// temporary file becomes the target only if nothing is there yet, checked
// and done in one step (a file made meanwhile is kept, not replaced); the
// failure is then WriteStep::exists with error EEXIST.
enum class Existing { replace, refuse };
OutputResult write_output(const std::string& path, const std::function<bool(std::ostream&)>& write, Existing existing);

// The same, telling `write` whether what it writes goes to a temporary file
// that only becomes the target when `write` returns true (`replacing`):
// only then may it write what it could still have to take back.
using ReplacingWrite = std::function<bool(std::ostream& out, bool replacing)>;
OutputResult write_output(const std::string& path, const ReplacingWrite& write, Existing existing = Existing::replace);

// "cannot write 'cal.ics': No space left on device", "cannot write 'cal.ics':
// it is a directory", "cannot write 'cal.ics': cannot create a file in '.':
// Permission denied", "cannot write to standard output: Broken pipe",
// "cannot write 'plan.meso': it already exists".
std::string cannot_write(const WriteFailure& failure);

}  // namespace meso::cli
