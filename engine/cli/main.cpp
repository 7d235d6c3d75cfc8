// meso: a compiler and linter for training programs. The commands are
// described in docs/commands.md; each is one function (commands.h), called
// from here once CLI11 has parsed its flags.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <iostream>
#include <new>

#include "engine/cli/commands.h"

namespace {

using meso::cli::CommonOptions;

// What the command line says, filled in by CLI11.
struct Arguments {
    CommonOptions common;
    std::vector<std::string> files;  // check, fmt
    std::string file;                // schedule, compile, evidence
    meso::cli::CompileOptions compile;
    bool fmt_check = false, fmt_in_place = false;
    std::string rules_file;  // rules [FILE]
    std::string rule_id;     // explain RULE-ID
    meso::cli::EvidenceOptions evidence;
};

struct Commands {
    CLI::App* check = nullptr;
    CLI::App* schedule = nullptr;
    CLI::App* compile = nullptr;
    CLI::App* fmt = nullptr;
    CLI::App* rules = nullptr;
    CLI::App* explain = nullptr;
    CLI::App* evidence = nullptr;
};

// The options several commands share, added in the order given: the order
// --help lists them in.
enum class Shared { max_sessions, timezone, rule_files };

void add_shared(CLI::App* command, CommonOptions& common, std::initializer_list<Shared> options, const char* no_default_rules_help = "")
{
    for (const Shared option : options) switch (option) {
        case Shared::max_sessions:
            command->add_option("--max-sessions", common.pipeline.max_sessions, "a safety bound on expansion")->check(CLI::PositiveNumber);
            break;
        case Shared::timezone:
            command->add_option("--timezone", common.pipeline.timezone, "the zone of programs that name none (default: the machine's)");
            break;
        case Shared::rule_files:
            command->add_flag("--no-default-rules", common.pipeline.no_default_rules, no_default_rules_help);
            command->add_option("--rules", common.pipeline.rule_files, "add a rule-set file");
            break;
        }
}

const char* const do_not_apply = "do not apply std.bfr, std.kaatsu and std.general";
const char* const leave_out = "leave out std.bfr, std.kaatsu and std.general";

CLI::App* add_check(CLI::App& app, Arguments& a)
{
    auto* check = app.add_subcommand("check", "lint: syntax, meaning, and every rule set in force");
    check->add_option("files", a.files, "program files")->required();
    check->add_option("--format", a.common.format, "text, json or sarif")->check(CLI::IsMember({"text", "json", "sarif"}));
    check->add_flag("--strict", a.common.strict, "warnings fail too");
    add_shared(check, a.common, {Shared::rule_files, Shared::max_sessions}, do_not_apply);
    check->add_flag("--show-suppressed", a.common.show_suppressed, "show findings an 'allow' accepted");
    add_shared(check, a.common, {Shared::timezone});
    return check;
}

CLI::App* add_schedule(CLI::App& app, Arguments& a)
{
    auto* schedule = app.add_subcommand("schedule", "the dated sessions, as a table");
    schedule->add_option("file", a.file, "program file")->required();
    schedule->add_option("--format", a.common.format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
    add_shared(schedule, a.common, {Shared::max_sessions});
    schedule->add_flag("--strict", a.common.strict, "warnings of the rules fail too (exit 1)");
    add_shared(schedule, a.common, {Shared::rule_files, Shared::timezone}, do_not_apply);
    return schedule;
}

CLI::App* add_compile(CLI::App& app, Arguments& a)
{
    auto* compile = app.add_subcommand("compile", "iCalendar (stdout when -o is left out)");
    compile->add_option("file", a.file, "program file")->required();
    compile->add_option("-o,--output", a.compile.output, "the .ics file to write");
    compile->add_option("--alarm", a.compile.alarm, "a reminder this long before each session, e.g. 30m");
    add_shared(compile, a.common, {Shared::timezone, Shared::rule_files, Shared::max_sessions}, do_not_apply);
    return compile;
}

CLI::App* add_fmt(CLI::App& app, Arguments& a)
{
    auto* fmt = app.add_subcommand("fmt", "canonical layout (stdout, check only, or in place)");
    fmt->add_option("files", a.files, "program files")->required();
    fmt->add_flag("--check", a.fmt_check, "list the files that would change; exit 1 if any");
    fmt->add_flag("-i", a.fmt_in_place, "rewrite the files in place");
    return fmt;
}

CLI::App* add_rules(CLI::App& app, Arguments& a)
{
    auto* rules = app.add_subcommand("rules", "every rule in force: id, severity, message, source");
    rules->add_option("file", a.rules_file, "a program file: its rules in force (default: the standard ones)");
    rules->add_option("--format", a.common.format, "text, json or markdown (the rule reference)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    add_shared(rules, a.common, {Shared::rule_files}, leave_out);
    return rules;
}

CLI::App* add_explain(CLI::App& app, Arguments& a)
{
    auto* explain = app.add_subcommand("explain", "one rule in full, with the rule set's source");
    explain->add_option("rule", a.rule_id, "a rule id such as bfr.min-gap")->required();
    add_shared(explain, a.common, {Shared::rule_files}, leave_out);
    return explain;
}

CLI::App* add_evidence(CLI::App& app, Arguments& a)
{
    auto* evidence = app.add_subcommand("evidence", "the studies closest to each BFR block");
    evidence->add_option("file", a.file, "program file")->required();
    evidence->add_option("--format", a.common.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    evidence->add_option("--top", a.evidence.top, "the studies shown per block (default 3; 0 for all)")->check(CLI::NonNegativeNumber);
    add_shared(evidence, a.common, {Shared::max_sessions, Shared::timezone});
    return evidence;
}

int run_command(const Commands& commands, const Arguments& a)
{
    if (*commands.check) return meso::cli::check(a.files, a.common);
    if (*commands.schedule) return meso::cli::schedule(a.file, a.common);
    if (*commands.compile) return meso::cli::compile(a.file, a.compile, a.common);
    if (*commands.fmt) return meso::cli::fmt(a.files, a.fmt_check, a.fmt_in_place);
    if (*commands.rules) return meso::cli::list_rules(a.rules_file, a.common);
    if (*commands.explain) return meso::cli::explain(a.rule_id, a.common);
    if (*commands.evidence) return meso::cli::evidence(a.file, a.evidence, a.common);
    return 2;
}

int run(int argc, char** argv)
{
    CLI::App app{"meso: a compiler and linter for training programs"};
    app.set_version_flag("--version", std::string("meso ") + MESO_VERSION);
    app.require_subcommand(1);
    Arguments arguments;
    const Commands commands{add_check(app, arguments), add_schedule(app, arguments), add_compile(app, arguments), add_fmt(app, arguments),
                            add_rules(app, arguments), add_explain(app, arguments),  add_evidence(app, arguments)};
    try {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    const int status = run_command(commands, arguments);
    // Whatever the command, output that did not arrive (a full disk, a
    // closed pipe) is a command that could not run, not a success.
    std::cout.flush();
    if (!std::cout && status != 2) {
        std::cerr << "meso: cannot write to standard output: " << std::strerror(errno) << "\n";
        return 2;
    }
    return status;
}

}  // namespace

int main(int argc, char** argv)
{
    try {
        return run(argc, argv);
    }
    catch (const std::bad_alloc&) {
        std::cerr << "meso: out of memory\n";
        return 2;
    }
    catch (const std::exception& e) {
        std::cerr << "meso: internal error: " << e.what() << "\n";
        return 2;
    }
    catch (...) {
        std::cerr << "meso: internal error\n";
        return 2;
    }
}
