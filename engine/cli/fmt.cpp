// meso fmt FILE... [--check | -i]: see docs/fmt.md.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "engine/cli/commands.h"
#include "engine/cli/output.h"
#include "engine/cli/program_files.h"
#include "engine/format/format.h"
#include "engine/report/report.h"
#include "engine/resolve/resolve.h"
#include "grammar/parse.h"

namespace meso::cli {

namespace {

namespace fs = std::filesystem;

enum class Mode { to_standard_output, check, in_place };

struct Outcome {
    bool findings = false;       // a file would change (--check) or has a syntax error: exit 1
    bool could_not_run = false;  // exit 2
};

// fmt's own wording of what failed, after "cannot write 'PATH': ".
std::string why_not_written(const WriteFailure& failure)
{
    std::string reason = std::strerror(failure.error);
    switch (failure.step) {
    case WriteStep::create_temporary: {
        const fs::path target(failure.target);
        const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
        return "cannot create a temporary file in '" + directory.string() + "': " + reason;
    }
    case WriteStep::keep_permissions: return "cannot keep the file's permissions: " + reason;
    case WriteStep::write: return "cannot write '" + failure.file + "': " + reason;
    case WriteStep::flush: return "cannot flush '" + failure.file + "' to disk: " + reason;
    case WriteStep::close: return "cannot close '" + failure.file + "': " + reason;
    case WriteStep::replace: return "cannot replace '" + failure.target + "': " + reason;
    case WriteStep::is_directory: return "it is a directory";
    case WriteStep::exists: return "it already exists";
    case WriteStep::open: return reason;
    }
    return reason;
}

// Replaces the file with its formatted text, whole or not at all.
void rewrite(const std::string& path, const std::string& formatted, Outcome& outcome)
{
    const OutputResult result = write_output(path, [&](std::ostream& out) { return static_cast<bool>(out << formatted); });
    if (!result.failure) return;
    print_error(std::string("cannot write '") + path + "': " + why_not_written(*result.failure) + "; the file is left as it was");
    outcome.could_not_run = true;
}

// Formats one file; sets `findings` or `could_not_run` as cli.md says.
void format_file(const std::string& path, Mode mode, Outcome& outcome)
{
    if (mode == Mode::in_place && path == "-") {
        print_error("-i cannot rewrite standard input; leave out -i to format it to standard output");
        outcome.could_not_run = true;
        return;
    }
    const ParseLimits limits;
    auto read = resolving::read_source(path, limits.max_bytes);
    if (!read.source) {
        print_error(read.error);
        outcome.could_not_run = true;
        return;
    }
    const Source& source = *read.source;
    const ParseResult parsed = parse(source, limits);
    if (has_errors(parsed.diagnostics)) {  // never format a tree with holes
        report::print_text(std::cerr, parsed.diagnostics, {use_colour(2), false});
        outcome.findings = true;
        return;
    }
    const std::string formatted = format::format(parsed.file);
    if (auto problem = format::verify(parsed.file, formatted)) {
        print_error(std::string("internal error: ") + *problem + " in '" + path + "'; the file is left as it is (please report this)");
        outcome.could_not_run = true;
        return;
    }
    switch (mode) {
    case Mode::to_standard_output: std::cout << formatted; return;
    case Mode::check:
        if (formatted == source.text) return;
        std::cout << path << "\n";
        outcome.findings = true;
        return;
    case Mode::in_place:
        if (formatted == source.text) return;  // untouched: keeps its time stamp
        rewrite(path, formatted, outcome);
        return;
    }
}

}  // namespace

int fmt(const std::vector<std::string>& arguments, bool check_only, bool in_place)
{
    if (check_only && in_place) {
        print_error("--check and -i cannot be used together");
        return 2;
    }
    Outcome outcome;
    const auto files = program_files(arguments, outcome.could_not_run);
    const Mode mode = check_only ? Mode::check : in_place ? Mode::in_place : Mode::to_standard_output;
    for (const auto& path : files) format_file(path, mode, outcome);
    std::cout.flush();
    if (!std::cout) {  // a full disk or a closed pipe: the formatted text did not arrive
        print_error(std::string("cannot write to standard output: ") + std::strerror(errno));
        return 2;
    }
    if (outcome.could_not_run) return 2;
    return outcome.findings ? 1 : 0;
}

}  // namespace meso::cli
