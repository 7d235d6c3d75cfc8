// meso: a compiler and linter for training programs. See ../shared/design/cli.md.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <exception>
#include <new>
#include <iostream>

#include "engine/cli/commands.h"

int main(int argc, char** argv)
{
    try {
        CLI::App app{"meso: a compiler and linter for training programs"};
        app.set_version_flag("--version", std::string("meso ") + MESO_VERSION);
        app.require_subcommand(1);
        meso::cli::CommonOptions common;

        std::vector<std::string> files;
        auto* check = app.add_subcommand("check", "lint: syntax, meaning, and every rule set in force");
        check->add_option("files", files, "program files")->required();
        check->add_option("--format", common.format, "text, json or sarif")->check(CLI::IsMember({"text", "json", "sarif"}));
        check->add_flag("--strict", common.strict, "warnings fail too");
        check->add_flag("--no-default-rules", common.no_default_rules, "do not apply std.bfr and std.general");
        check->add_option("--rules", common.rule_files, "add a rule-set file");
        check->add_option("--max-sessions", common.max_sessions, "a safety bound on expansion")->check(CLI::PositiveNumber);
        check->add_flag("--show-suppressed", common.show_suppressed, "show findings an 'allow' accepted");
        check->add_option("--timezone", common.timezone, "the zone of programs that name none (default: the machine's)");

        std::string file;
        auto* schedule = app.add_subcommand("schedule", "the dated sessions, as a table");
        schedule->add_option("file", file, "program file")->required();
        schedule->add_option("--format", common.format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
        schedule->add_option("--max-sessions", common.max_sessions, "a safety bound on expansion")->check(CLI::PositiveNumber);
        schedule->add_flag("--strict", common.strict, "warnings of the rules fail too (exit 1)");
        schedule->add_flag("--no-default-rules", common.no_default_rules, "do not apply std.bfr and std.general");
        schedule->add_option("--rules", common.rule_files, "add a rule-set file");
        schedule->add_option("--timezone", common.timezone, "the zone of programs that name none (default: the machine's)");

        meso::cli::CompileOptions compile_options;
        auto* compile = app.add_subcommand("compile", "iCalendar (stdout when -o is left out)");
        compile->add_option("file", file, "program file")->required();
        compile->add_option("-o,--output", compile_options.output, "the .ics file to write");
        compile->add_option("--alarm", compile_options.alarm, "a reminder this long before each session, e.g. 30m");
        compile->add_option("--timezone", common.timezone, "the zone of programs that name none (default: the machine's)");
        compile->add_flag("--no-default-rules", common.no_default_rules, "do not apply std.bfr and std.general");
        compile->add_option("--rules", common.rule_files, "add a rule-set file");
        compile->add_option("--max-sessions", common.max_sessions, "a safety bound on expansion")->check(CLI::PositiveNumber);

        bool fmt_check = false, fmt_in_place = false;
        auto* fmt = app.add_subcommand("fmt", "canonical layout (stdout, check only, or in place)");
        fmt->add_option("files", files, "program files")->required();
        fmt->add_flag("--check", fmt_check, "list the files that would change; exit 1 if any");
        fmt->add_flag("-i", fmt_in_place, "rewrite the files in place");

        auto* rules = app.add_subcommand("rules", "every rule in force: id, severity, message, source");
        std::string rules_file;
        rules->add_option("file", rules_file, "a program file: its rules in force (default: the standard ones)");
        rules->add_option("--format", common.format, "text, json or markdown (the rule reference)")
            ->check(CLI::IsMember({"text", "json", "markdown"}));
        rules->add_flag("--no-default-rules", common.no_default_rules, "leave out std.bfr and std.general");
        rules->add_option("--rules", common.rule_files, "add a rule-set file");
        std::string rule_id;
        auto* explain = app.add_subcommand("explain", "one rule in full, with the rule set's source");
        explain->add_option("rule", rule_id, "a rule id such as bfr.min-gap")->required();
        explain->add_flag("--no-default-rules", common.no_default_rules, "leave out std.bfr and std.general");
        explain->add_option("--rules", common.rule_files, "add a rule-set file");

        try {
            app.parse(argc, argv);
        }
        catch (const CLI::ParseError& e) {
            const int code = app.exit(e);
            return code == 0 ? 0 : 2;
        }

        int status = 2;
        if (*check) status = meso::cli::check(files, common);
        else if (*schedule) status = meso::cli::schedule(file, common);
        else if (*compile) status = meso::cli::compile(file, compile_options, common);
        else if (*fmt) status = meso::cli::fmt(files, fmt_check, fmt_in_place);
        else if (*rules) status = meso::cli::list_rules(rules_file, common);
        else if (*explain) status = meso::cli::explain(rule_id, common);
        // Whatever the command, output that did not arrive (a full disk, a
        // closed pipe) is a command that could not run, not a success.
        std::cout.flush();
        if (!std::cout && status != 2) {
            std::cerr << "meso: cannot write to standard output: " << std::strerror(errno) << "\n";
            return 2;
        }
        return status;
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
