// The program files a command line names: `meso check` and `meso fmt` take
// files and directories alike, and a directory stands for every .meso file
// below it (docs/commands.md).
#pragma once

#include <string>
#include <vector>

namespace meso::cli {

// The arguments, each directory replaced by the .meso files below it, at
// any depth, sorted (so the output does not depend on the directory's
// order). Hidden files and directories below it (a name starting with a
// dot: .git, .cache) are left out; a directory named on the command line is
// walked even when it is hidden itself. Anything else (a file, "-", a path
// that does not exist) is kept as it is: reading it will say why.
//
// A directory that cannot be walked, or holds no .meso file, is said on
// standard error ("meso: error: no .meso file under 'plans'") and sets
// `failed` (exit 2); the other arguments are still returned.
std::vector<std::string> program_files(const std::vector<std::string>& arguments, bool& failed);

}  // namespace meso::cli
