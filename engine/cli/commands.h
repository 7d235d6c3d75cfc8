// The commands of `meso`, one function each, in a file named for it
// (check.cpp, schedule.cpp, compile.cpp, publish.cpp, fmt.cpp, rules.cpp for `rules` and
// `explain`, evidence.cpp, stats.cpp, view.cpp, library.cpp for `templates`, `show` and `init`, lsp.cpp); main.cpp parses the command
// line with CLI11 and calls them. They drive engine/pipeline/ and print what it gives. Each returns the exit status of docs/commands.md:
// 0 done, 1 findings at error (or a file fmt --check would change), 2 the command could not run.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/pipeline/pipeline.h"

namespace meso::rules {
struct RuleBook;
}
namespace meso::report {
struct RuleDescription;
}

namespace meso::cli {

// The flags the commands share: how to print, and what reaches the pipeline.
struct CommonOptions {
    std::string format = "text";
    bool strict = false;
    bool show_suppressed = false;
    pipeline::Options pipeline;  // --no-default-rules, --rules, --max-sessions, --timezone
};

int check(const std::vector<std::string>& files, const CommonOptions& options);
// `colour`: "auto", "always" or "never" (--color), for the text table on stdout.
int schedule(const std::string& file, const CommonOptions& options, const std::string& colour = "auto");
int list_rules(const std::string& file, const CommonOptions& options);  // meso rules [FILE]
int explain(const std::string& rule_id, const CommonOptions& options);  // meso explain RULE-ID

// The rule reference (docs/rules.md below its introduction): one section
// per rule of the rule sets in force, with its example program.
std::string rules_reference(const rules::RuleBook& book);
// The example program stored for a rule (stdlib/examples/RULE-ID.meso).
std::optional<std::string> example_program(const std::string& rule_id);
// The rules as SARIF describes them in tool.driver.rules.
std::vector<report::RuleDescription> describe_rules(const rules::RuleBook& book);

// `meso compile`: the file's sessions as one iCalendar calendar, on stdout
// or atomically into `output`. Exit 1 (nothing written) when the file has
// errors, 2 when the calendar cannot be written or an option is wrong.
struct CompileOptions {
    std::string output;        // -o; "" or "-" for stdout
    std::string alarm;         // --alarm 30m
    bool alarm_given = false;  // --alarm was given, maybe as '' (an error, not "no reminder")
    bool per_athlete = false;  // --per-athlete: output is a directory, one calendar per athlete in it
};
int compile(const std::string& file, const CompileOptions& compile_options, const CommonOptions& options);

// `meso publish`: every athlete's calendar feed from the files, into the
// folder `output` as a web server serves it (docs/teams.md): <token>.ics per
// athlete, index.html, feeds.json, the feeds' state in .meso-publish.json.
// The new folder replaces the old one whole, or nothing changes. Exit 1
// (nothing published) when a file has errors, 2 when the folder cannot be
// written or read, or an option is wrong.
struct PublishOptions {
    std::string output;    // -o DIR
    std::string base_url;  // --base-url: where DIR is served, https://...
};
int publish(const std::vector<std::string>& files, const PublishOptions& publish_options, const CommonOptions& options);

// `meso evidence`: for each BFR block of the file's programs, the closest
// studies of the evidence table (engine/evidence/), as text or JSON on
// standard output. Exit 1 (nothing printed) when the file has errors, 2
// when it cannot be read or an option is wrong.
struct EvidenceOptions {
    std::size_t top = 3;  // --top: the studies shown per block; 0 for all
};
int evidence(const std::string& file, const EvidenceOptions& evidence_options, const CommonOptions& options);

// `meso stats`: per program, block and week the sessions, training days,
// sets, reps, tonnage, % of 1RM per exercise, BFR weeks against the
// protocol's targets and the change in volume (engine/stats/), as text, JSON
// or CSV on standard output. Exit 1 (nothing printed) when the file has
// errors, 2 when it cannot be read or an option is wrong.
int stats(const std::string& file, const CommonOptions& options);

// `meso view`: the plan as one self-contained HTML page (engine/view/),
// written atomically to `output` (standard output when "" or "-"). Exit 1
// (nothing written) when the file has errors, 2 when the page cannot be
// written or an option is wrong. The rules' findings are shown in the page
// and do not change the exit status.
int view(const std::string& file, const std::string& output, const CommonOptions& options);

// Formats each file (directories: every *.meso under them) to standard
// output, or with check_only lists the files that would change, or with
// in_place rewrites them atomically. A file with a syntax error is reported
// and left alone (exit 1).
int fmt(const std::vector<std::string>& files, bool check_only, bool in_place);

// `meso templates`: every template of the standard library (MESO_PATH's
// modules where they replace it): name, method, the weeks it writes out,
// module and title, as text or (format "json") a JSON array. Exit 2 when a
// module cannot be read.
int templates(const CommonOptions& options);

// `meso show MODULE`: the module's text as `use` reads it (MESO_PATH first);
// without MODULE, the modules of the standard library. An unknown module
// exits 2 with the nearest known one.
int show(const std::string& module);

// `meso init [FILE]`: a commented starter program, made from a template of
// the standard library, that passes `meso check --strict`. To standard
// output without FILE; never replaces a file (exit 2).
struct StarterOptions {
    std::string file;                            // "" or "-": standard output
    std::string template_name = "powerlifting";  // --template
    std::string athlete = "Athlete";             // --athlete
};
int init(const StarterOptions& options);
// The starter's text, or nullopt with `problem` said (an unknown template, a bad name).
std::optional<std::string> starter_program(const StarterOptions& options, std::string& problem);

// `meso lsp`: the language server (engine/lsp/lsp.h) on standard input and
// output until the client says `exit`: 0 after `shutdown`, 1 without it,
// 2 when the log file cannot be opened.
struct LspOptions {
    std::string log_file;   // --log: every message's method, at debug level; "" for none
    std::string cache_dir;  // --cache-dir: where the standard library is written for "go to definition"
};
int lsp(const LspOptions& options);

// "meso: error: MESSAGE" on standard error: the one wording of an error of
// the command itself (a bad option, a file that cannot be read or written),
// as against findings, which keep the GNU `file:line:col:` format.
void print_error(const std::string& message);

// When `run` cannot go on (its file could not be read, or --athlete names
// no one in it), prints why with print_error and returns true: the
// command then exits 2.
bool print_run_error(const pipeline::FileRun& run);

// "meso: warning: MESSAGE" on standard error: something of the command's
// own that does not stop it (a MESO_LOG value that names no level).
void print_warning(const std::string& message);

// Whether diagnostics on stderr/stdout get colour: a terminal and no NO_COLOR.
bool use_colour(int fd);
// The columns of a line of text written to `fd`: a terminal's width
// (TIOCGWINSZ, else $COLUMNS), 80 when it is not a terminal.
std::size_t text_width(int fd);

}  // namespace meso::cli
