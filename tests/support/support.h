// Helpers shared by the tests: compile a program from text, run the meso binary.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/resolve/resolve.h"
#include "engine/schedule/schedule.h"

namespace meso::test {

struct Compiled {
    std::unique_ptr<resolving::Compilation> compilation;
    scheduling::ScheduleResult schedule;
    std::vector<Diagnostic> diagnostics;  // resolve's and schedule's
    const scheduling::ProgramSchedule& program(std::size_t i = 0) const { return schedule.programs.at(i); }
};

// Resolves and schedules `text` as the file `path` (default rule sets off
// unless asked for); the schedule is empty when resolution failed.
Compiled compile(const std::string& text, const std::string& path = "test.meso", bool default_rules = false,
                 long long max_sessions = 1'000'000);

// The messages of the diagnostics, for failure output and matching.
std::string messages(const std::vector<Diagnostic>& diagnostics);
bool has_message(const std::vector<Diagnostic>& diagnostics, const std::string& fragment);

struct Run {
    int exit_code = -1;
    std::string out;  // standard output
    std::string err;  // standard error
};

// Runs the meso binary with `args` (shell-quoted here), optional stdin text and environment prefix.
// With `stdout_to`, standard output goes to that file instead (Run::out stays empty).
Run run_meso(const std::vector<std::string>& args, const std::string& env = "", const std::string& stdout_to = "");

// The cells of each line of `meso schedule`'s text table: the pieces between
// runs of two or more spaces ("    squat  5×5  105 kg (75%)  rest 3 min" is
// {"squat", "5×5", "105 kg (75%)", "rest 3 min"}). Whether a line has exactly `cells`.
std::vector<std::vector<std::string>> text_rows(const std::string& text);
bool has_text_row(const std::string& text, const std::vector<std::string>& cells);
// The lines of that text that begin a session: "  Mon 2027-01-04  08:00-08:30", then "  (deload)" on a deload.
std::vector<std::string> text_sessions(const std::string& text);

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);

// A fresh empty directory under the system's temp directory.
std::string temp_dir(const std::string& name);

std::string source_dir();  // the repository

// Running meso as a user without root's privileges, for what a user may not
// do — read a mode-000 file, write in a mode-0555 directory — which root may
// do whatever the modes say. As root, meso runs as nobody through setpriv
// (util-linux); as anyone else, as that user. `available` is false, with the
// reason, where neither works (setpriv missing or refused, as in a user
// namespace without uid 65534; the binary or the temporary directory closed
// to others). The files meso is to see must be readable by others.
struct Unprivileged {
    bool available = false;
    std::string prefix;  // a shell prefix for the command: "" or "setpriv --reuid=65534 ..."
    std::string why_not;
};
const Unprivileged& unprivileged();

// `command` (a shell command line) run with the prefix; its exit status.
int run_unprivileged(const std::string& command);

}  // namespace meso::test
