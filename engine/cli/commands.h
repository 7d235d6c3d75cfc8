// The commands of `meso`, one function each; main.cpp parses the command
// line with CLI11 and calls them. Each returns the exit status of cli.md:
// 0 done, 1 findings at error (or a file fmt --check would change),
// 2 the command could not run.
#pragma once

#include <string>
#include <vector>

namespace meso::cli {

struct CommonOptions {
    std::string format = "text";
    bool strict = false;
    bool no_default_rules = false;
    std::vector<std::string> rule_files;
    long long max_sessions = 1'000'000;
    bool show_suppressed = false;
    std::string timezone;  // --timezone
};

int check(const std::vector<std::string>& files, const CommonOptions& options);
int schedule(const std::string& file, const CommonOptions& options);

// Formats each file (directories: every *.meso under them) to standard
// output, or with check_only lists the files that would change, or with
// in_place rewrites them atomically. A file with a syntax error is reported
// and left alone (exit 1).
int fmt(const std::vector<std::string>& files, bool check_only, bool in_place);

// Said by a command whose issue has not landed yet; exit 2.
int not_built_yet(const std::string& command);

// Whether diagnostics on stderr/stdout get colour: a terminal and no NO_COLOR.
bool use_colour(int fd);

}  // namespace meso::cli
