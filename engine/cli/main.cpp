// meso: a compiler and linter for training programs. The commands are
// described in docs/commands.md; each is one function (commands.h), called
// from here once CLI11 has parsed its flags.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <iostream>
#include <iterator>
#include <new>
#include <sstream>
#include <string_view>

#include "engine/base/log.h"
#include "engine/base/suggest.h"
#include "engine/base/timezone.h"
#include "engine/cli/commands.h"
#include "engine/cli/completions.h"

namespace {

using meso::cli::CommonOptions;

// What the command line says, filled in by CLI11.
struct Arguments {
    CommonOptions common;
    std::vector<std::string> files;        // check, fmt
    std::string file;                      // schedule, compile, evidence, stats, view
    std::string schedule_colour = "auto";  // schedule --color
    std::string view_output;               // view -o
    meso::cli::CompileOptions compile;
    meso::cli::PublishOptions publish;
    bool fmt_check = false, fmt_in_place = false;
    std::string rules_file;  // rules [FILE]
    std::string rule_id;     // explain RULE-ID
    meso::cli::EvidenceOptions evidence;
    meso::cli::StarterOptions init;
    meso::cli::LspOptions lsp;
    std::string module;        // show MODULE
    std::string help_command;  // help COMMAND
    std::string completions;   // completions bash|zsh|fish|templates|...
    // -v and --log-file, before the command (meso -v check) or after it (meso check -v): counted apart, CLI11 keeps one value per option.
    int verbosity = 0, command_verbosity = 0;
    std::string log_file, command_log_file;
};

// Each command's --help ends with examples: what a newcomer copies first.
void examples(CLI::App* command, std::initializer_list<const char*> lines)
{
    std::string text = "Examples:";
    for (const char* line : lines) text += std::string("\n  ") + line;
    command->footer(text + "\n");
}

// The options several commands share, added in the order given: the order
// --help lists them in.
enum class Shared { max_sessions, timezone, rule_files, athlete };

void add_shared(CLI::App* command, CommonOptions& common, std::initializer_list<Shared> options, const char* no_default_rules_help = "")
{
    for (const Shared option : options) switch (option) {
        case Shared::max_sessions:
            command->add_option("--max-sessions", common.pipeline.max_sessions, "a safety bound on expansion")->check(CLI::PositiveNumber);
            break;
        case Shared::timezone:
            command->add_option("--timezone", common.pipeline.timezone, "the zone of programs that name none (default: the machine's)");
            break;
        case Shared::athlete:
            command->add_option("--athlete", common.pipeline.athlete, "only the programs of the athlete of this name")->type_name("NAME");
            break;
        case Shared::rule_files:
            command->add_flag("--no-default-rules", common.pipeline.no_default_rules, no_default_rules_help);
            command->add_option("--rules", common.pipeline.rule_files, "add a rule-set file");
            break;
        }
}

// -v and --log-file: every command has them (docs/commands.md, "Seeing what meso does").
void add_logging(CLI::App* command, int& verbosity, std::string& log_file)
{
    command->add_flag("-v,--verbose", verbosity, "say what meso reads and does, on standard error (-vv: more)");
    command->add_option("--log-file", log_file, "write what -v says to FILE (appended) instead of standard error")->type_name("FILE");
}

// -v, -vv, -vvv: CLI11 counts them, and they name no option of their own.
bool is_verbosity(const std::string& word)
{
    return word.size() >= 2 && word[0] == '-' && word.find_first_not_of('v', 1) == std::string::npos;
}

const char* const do_not_apply = "do not apply std.bfr, std.kaatsu and std.general";
const char* const leave_out = "leave out std.bfr, std.kaatsu and std.general";

CLI::App* add_check(CLI::App& app, Arguments& a)
{
    auto* check = app.add_subcommand("check", "lint: syntax, meaning, and every rule set in force");
    check->add_option("FILE", a.files, "program files, or directories: every .meso file below them")->required();
    check->add_option("--format", a.common.format, "text, json or sarif")->check(CLI::IsMember({"text", "json", "sarif"}));
    check->add_flag("--strict", a.common.strict, "warnings fail too");
    add_shared(check, a.common, {Shared::rule_files, Shared::max_sessions}, do_not_apply);
    check->add_flag("--show-suppressed", a.common.show_suppressed, "show findings an 'allow' accepted");
    add_shared(check, a.common, {Shared::timezone, Shared::athlete});
    examples(check,
             {"meso check plan.meso", "meso check --strict --format json plans/ other.meso", "meso check --rules clinic.meso plan.meso"});
    return check;
}

CLI::App* add_schedule(CLI::App& app, Arguments& a)
{
    auto* schedule = app.add_subcommand("schedule", "the dated sessions, as a table");
    schedule->add_option("FILE", a.file, "program file")->required();
    schedule->add_option("--format", a.common.format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
    add_shared(schedule, a.common, {Shared::max_sessions});
    schedule->add_flag("--strict", a.common.strict, "warnings of the rules fail too (exit 1)");
    schedule->add_option("--color", a.schedule_colour, "colour in the text table: auto (on a terminal, without NO_COLOR), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    add_shared(schedule, a.common, {Shared::rule_files, Shared::timezone, Shared::athlete}, do_not_apply);
    examples(schedule, {"meso schedule plan.meso", "meso schedule --format csv plan.meso > plan.csv",
                        "meso schedule --timezone Europe/Berlin plan.meso"});
    return schedule;
}

CLI::App* add_compile(CLI::App& app, Arguments& a)
{
    auto* compile = app.add_subcommand("compile", "iCalendar (stdout when -o is left out)");
    compile->add_option("FILE", a.file, "program file")->required();
    compile->add_option("-o,--output", a.compile.output, "the .ics file to write (with --per-athlete, the directory)");
    compile->add_flag("--per-athlete", a.compile.per_athlete, "one calendar per athlete, into the directory of -o");
    compile->add_option("--alarm", a.compile.alarm, "a reminder this long before each session, e.g. 30m")->each([&a](const std::string&) {
        a.compile.alarm_given = true;
    });
    add_shared(compile, a.common, {Shared::timezone, Shared::rule_files, Shared::max_sessions, Shared::athlete}, do_not_apply);
    examples(compile, {"meso compile plan.meso -o plan.ics", "meso compile --alarm 30m plan.meso -o plan.ics",
                       "SOURCE_DATE_EPOCH=0 meso compile plan.meso > plan.ics"});
    return compile;
}

CLI::App* add_publish(CLI::App& app, Arguments& a)
{
    auto* publish = app.add_subcommand("publish", "a calendar feed per athlete, in a folder for a web server");
    publish->add_option("FILE", a.files, "program files")->required();
    publish->add_option("-o,--output", a.publish.output, "the folder to publish into (replaced whole)")->required();
    publish->add_option("--base-url", a.publish.base_url, "where the folder is served, e.g. https://club.example.org/feeds")->required();
    add_shared(publish, a.common, {Shared::timezone, Shared::rule_files, Shared::max_sessions}, do_not_apply);
    examples(publish, {"meso publish squad.meso -o site/feeds --base-url https://club.example.org/feeds",
                       "meso publish ann.meso ben.meso -o feeds --base-url https://example.org/feeds"});
    return publish;
}

CLI::App* add_fmt(CLI::App& app, Arguments& a)
{
    auto* fmt = app.add_subcommand("fmt", "canonical layout (stdout, check only, or in place)");
    fmt->add_option("FILE", a.files, "program files, or directories: every .meso file below them")->required();
    fmt->add_flag("--check", a.fmt_check, "list the files that would change; exit 1 if any");
    fmt->add_flag("-i", a.fmt_in_place, "rewrite the files in place");
    examples(fmt, {"meso fmt plan.meso", "meso fmt --check .", "meso fmt -i plans/"});
    return fmt;
}

CLI::App* add_rules(CLI::App& app, Arguments& a)
{
    auto* rules = app.add_subcommand("rules", "every rule in force: id, severity, message, source");
    rules->add_option("FILE", a.rules_file, "a program file: its rules in force (default: the standard ones)");
    rules->add_option("--format", a.common.format, "text, json or markdown (the rule reference)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    add_shared(rules, a.common, {Shared::rule_files}, leave_out);
    examples(rules, {"meso rules", "meso rules plan.meso", "meso rules --format json --rules clinic.meso"});
    return rules;
}

CLI::App* add_explain(CLI::App& app, Arguments& a)
{
    auto* explain = app.add_subcommand("explain", "one rule in full, with the rule set's source");
    explain->add_option("RULE-ID", a.rule_id, "a rule id such as bfr.min-gap")->required();
    add_shared(explain, a.common, {Shared::rule_files}, leave_out);
    examples(explain, {"meso explain general.percent-without-max", "meso explain general.load-above-max"});
    return explain;
}

CLI::App* add_evidence(CLI::App& app, Arguments& a)
{
    auto* evidence = app.add_subcommand("evidence", "the studies closest to each BFR block");
    evidence->add_option("FILE", a.file, "program file")->required();
    evidence->add_option("--format", a.common.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    evidence->add_option("--top", a.evidence.top, "the studies shown per block (default 3; 0 for all)")->check(CLI::NonNegativeNumber);
    add_shared(evidence, a.common, {Shared::max_sessions, Shared::timezone});
    examples(evidence, {"meso evidence plan.meso", "meso evidence --top 0 --format json plan.meso"});
    return evidence;
}

CLI::App* add_stats(CLI::App& app, Arguments& a)
{
    auto* stats = app.add_subcommand("stats", "sessions, sets, reps, tonnage and intensity per block and week");
    stats->add_option("FILE", a.file, "program file")->required();
    stats->add_option("--format", a.common.format, "text, json or csv")->check(CLI::IsMember({"text", "json", "csv"}));
    add_shared(stats, a.common, {Shared::max_sessions, Shared::timezone, Shared::athlete});
    examples(stats, {"meso stats plan.meso", "meso stats --format csv plan.meso > weeks.csv"});
    return stats;
}

CLI::App* add_view(CLI::App& app, Arguments& a)
{
    auto* view = app.add_subcommand("view", "the plan as one HTML page: timeline, calendar, chart, findings");
    view->add_option("FILE", a.file, "program file")->required();
    view->add_option("-o,--output", a.view_output, "the .html file to write (stdout when left out)");
    add_shared(view, a.common, {Shared::timezone, Shared::rule_files, Shared::max_sessions, Shared::athlete}, do_not_apply);
    examples(view, {"meso view plan.meso -o plan.html"});
    return view;
}

CLI::App* add_init(CLI::App& app, Arguments& a)
{
    auto* init = app.add_subcommand("init", "a commented starter program, from a template");
    init->add_option("FILE", a.init.file, "the program file to create (standard output without it); never replaced");
    init->add_option("--template", a.init.template_name, "the template to start from (default powerlifting; see meso templates)");
    init->add_option("--athlete", a.init.athlete, "the athlete's name (default Athlete)");
    examples(init,
             {"meso init plan.meso", "meso init plan.meso --template hypertrophy --athlete \"Sam Lee\"", "meso init --template deload"});
    return init;
}

CLI::App* add_templates(CLI::App& app, Arguments& a)
{
    auto* templates = app.add_subcommand("templates", "the standard library's templates: name, method, weeks, module, title");
    templates->add_option("--format", a.common.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    examples(templates, {"meso templates", "meso templates --format json"});
    return templates;
}

CLI::App* add_show(CLI::App& app, Arguments& a)
{
    auto* show = app.add_subcommand("show", "a module of the standard library, as `use` reads it");
    show->add_option("MODULE", a.module, "a module such as std.templates (without it: the list of modules)");
    examples(show, {"meso show std.templates", "meso show std.bfr", "meso show"});
    return show;
}

CLI::App* add_help(CLI::App& app, Arguments& a)
{
    auto* help = app.add_subcommand("help", "the commands, or one command's options and examples");
    help->add_option("COMMAND", a.help_command, "a command such as check");
    examples(help, {"meso help", "meso help check"});
    return help;
}

CLI::App* add_lsp(CLI::App& app, Arguments& a)
{
    auto* lsp = app.add_subcommand("lsp", "the language server for editors, on standard input and output");
    lsp->add_option("--log", a.lsp.log_file, "write each message's method and what goes wrong to FILE (appended)")->type_name("FILE");
    lsp->add_option("--cache-dir", a.lsp.cache_dir, "where the standard library is written for go-to-definition (default ~/.cache/meso)")
        ->type_name("DIR");
    examples(lsp, {"meso lsp", "meso lsp --log /tmp/meso-lsp.log"});
    return lsp;
}

// Hidden (no group: not in `meso help`): the completion scripts, written at
// build time and installed (docs/install.md), and the names they ask for.
CLI::App* add_completions(CLI::App& app, Arguments& a)
{
    auto* completions = app.add_subcommand("completions", "shell completion: bash, zsh or fish; or templates, modules, rules, commands");
    completions->add_option("WHAT", a.completions, "bash, zsh, fish; templates, modules, rules, commands")->required();
    completions->group("");
    return completions;
}

// What an option's value or a positional argument is, from its name (the
// names are main.cpp's own, above).
meso::cli::Argument argument_of(const CLI::Option& option, const std::string& command)
{
    using meso::cli::Argument;
    if (option.get_items_expected_max() == 0) return Argument::none;  // a flag
    const std::string name = option.get_positional()       ? option.get_name(true, false)
                             : option.get_lnames().empty() ? ""
                                                           : option.get_lnames()[0];
    if (name == "FILE") return command == "init" ? Argument::file : Argument::program_files;
    if (name == "rules") return Argument::program_files;
    if (name == "output" || name == "log-file" || name == "log") return Argument::file;
    if (name == "cache-dir") return Argument::file;
    if (name == "template") return Argument::template_name;
    if (name == "MODULE") return Argument::module;
    if (name == "COMMAND") return Argument::command;
    if (name == "RULE-ID") return Argument::rule_id;
    return option.get_type_name().find('{') != std::string::npos ? Argument::choice : Argument::text;
}

// The values of a CLI::IsMember check, as CLI11 shows them: "TEXT:{text,json,sarif}".
std::vector<std::string> choices_of(const CLI::Option& option)
{
    const std::string type = option.get_type_name();
    const auto open = type.find('{'), close = type.find('}');
    std::vector<std::string> choices;
    if (open == std::string::npos || close == std::string::npos || close < open) return choices;
    std::stringstream list(type.substr(open + 1, close - open - 1));
    for (std::string choice; std::getline(list, choice, ',');) choices.push_back(choice);
    return choices;
}

std::vector<meso::cli::CompletionOption> completion_options(const CLI::App& command, const std::string& name)
{
    std::vector<meso::cli::CompletionOption> options;
    for (const auto* option : command.get_options()) {
        if (option->get_positional()) continue;
        meso::cli::CompletionOption described{{}, option->get_description(), argument_of(*option, name), choices_of(*option)};
        for (const auto& s : option->get_snames()) described.names.push_back("-" + s);
        for (const auto& l : option->get_lnames()) described.names.push_back("--" + l);
        options.push_back(std::move(described));
    }
    return options;
}

meso::cli::CompletionSpec completion_spec(const CLI::App& app)
{
    meso::cli::CompletionSpec spec{completion_options(app, ""), {}};
    for (const auto* command : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (command->get_group().empty()) continue;  // hidden
        meso::cli::CompletionCommand described{command->get_name(), command->get_description(),
                                               completion_options(*command, command->get_name())};
        for (const auto* option : command->get_options())
            if (option->get_positional()) {
                described.positional = argument_of(*option, command->get_name());
                described.many = option->get_items_expected_max() > 1;
            }
        spec.commands.push_back(std::move(described));
    }
    return spec;
}

std::vector<std::string> command_names(const CLI::App& app)
{
    std::vector<std::string> names;
    for (const auto* command : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(command->get_name());
    return names;
}

// "unknown command 'chek'; did you mean 'check'?", and what to run instead.
int unknown_command(const CLI::App& app, const std::string& word)
{
    meso::cli::print_error("unknown command '" + word + "'" + meso::did_you_mean(word, command_names(app)));
    const bool is_file = word.size() > 5 && word.compare(word.size() - 5, 5, ".meso") == 0;
    std::cerr << (is_file ? "To check a program: meso check " + word + "\n" : "") << "Run 'meso help' for the list of commands.\n";
    return 2;
}

// `meso help [COMMAND]`: what --help prints, on standard output.
int help(const CLI::App& app, const std::string& command)
{
    // Not app.help(): it would describe the command `help` itself, the one run.
    if (command.empty()) {
        std::cout << app.get_formatter()->make_help(&app, "meso", CLI::AppFormatMode::Normal);
        return 0;
    }
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        if (sub->get_name() == command) {
            std::cout << sub->help("meso");
            return 0;
        }
    return unknown_command(app, command);
}

std::string lowercase_first(std::string text)
{
    // Not "FILE is required": a name in capitals stays as it is.
    if (text.size() > 1 && text[0] >= 'A' && text[0] <= 'Z' && !(text[1] >= 'A' && text[1] <= 'Z'))
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

// The options a command knows, for "did you mean".
std::vector<std::string> option_names(const CLI::App& command)
{
    std::vector<std::string> names;
    for (const auto* option : command.get_options()) {
        for (const auto& name : option->get_lnames()) names.push_back("--" + name);
        for (const auto& name : option->get_snames()) names.push_back("-" + name);
    }
    return names;
}

bool is_option_of(const CLI::App& app, const std::string& word)
{
    const auto names = option_names(app);
    return std::find(names.begin(), names.end(), word.substr(0, word.find('='))) != names.end();
}

// "unknown option '--strct' for meso check; did you mean '--strict'?", "unexpected argument 'b.meso'".
std::string unexpected(const std::string& extra, const std::string& name, const CLI::App& command)
{
    if (extra.size() < 2 || extra[0] != '-') return "unexpected argument '" + extra + "'";
    const std::string spelling = extra.substr(0, extra.find('='));
    std::string said = "unknown option '" + spelling + "' for ";
    said += name;
    said += meso::did_you_mean(spelling, option_names(command));
    return said;
}

// CLI11's refusal, in meso's words: "meso: error: ...", then where to look.
int bad_arguments(const CLI::App& app, const CLI::ParseError& e)
{
    const auto selected = app.get_subcommands();
    const CLI::App& command = selected.empty() ? app : *selected.back();
    const std::string name = selected.empty() ? "meso" : "meso " + command.get_name();
    std::string message = lowercase_first(e.what());
    // An unknown option is said first: CLI11 checks for a missing FILE before it, and
    // `meso check --strct` would then only hear that FILE is missing.
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr || !command.remaining().empty()) {
        message.clear();
        for (const auto& extra : command.remaining()) {
            if (!message.empty()) message += "\nmeso: error: ";
            message += unexpected(extra, name, command);
        }
        if (message.empty()) message = lowercase_first(e.what());
    }
    else if (selected.empty() && dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
        message = "a command is required, such as 'meso check plan.meso'";
    }
    else if (const std::string required = " is required";
             message.size() > required.size() && message.compare(message.size() - required.size(), required.size(), required) == 0) {
        message = "missing " + std::string(e.what()).substr(0, std::string(e.what()).size() - required.size());  // "missing FILE"
    }
    meso::cli::print_error(message);
    std::cerr << "Run '" << name << " --help' for its options and examples.\n";
    return 2;
}

// The level: MESO_LOG, else off; -v makes it at least info, -vv debug;
// --log-file alone means info. A MESO_LOG that names no level is a warning
// (an environment variable reaches every run, editors' and CI's too: it
// should not stop them), and is ignored.
int start_logging(const Arguments& a)
{
    std::optional<meso::log::Level> from_environment;
    if (const char* value = std::getenv("MESO_LOG"); value != nullptr && *value != '\0') {
        from_environment = meso::log::parse_level(value);
        if (!from_environment)
            meso::cli::print_warning(std::string("MESO_LOG='") + value + "' is not a log level (debug, info, warn or off)" +
                                     meso::did_you_mean(value, {"debug", "info", "warn", "off"}) + "; it is ignored");
    }
    const int verbosity = a.verbosity + a.command_verbosity;
    meso::log::Settings settings{from_environment.value_or(meso::log::Level::off),
                                 a.command_log_file.empty() ? a.log_file : a.command_log_file};
    if (verbosity >= 2) settings.level = meso::log::Level::debug;
    else if (verbosity == 1) settings.level = std::min(settings.level, meso::log::Level::info);
    else if (!settings.file.empty() && !from_environment) settings.level = meso::log::Level::info;
    if (auto problem = meso::log::configure(settings)) {
        meso::cli::print_error(*problem);
        return 2;
    }
    if (meso::log::enabled(meso::log::Level::debug))
        meso::log::write(meso::log::Level::debug, std::string("meso ") + MESO_VERSION + ", tz database " + meso::tz_database_version());
    if (const char* path = std::getenv("MESO_PATH"); path != nullptr && meso::log::enabled(meso::log::Level::info))
        meso::log::write(meso::log::Level::info, std::string("MESO_PATH=") + path);
    return 0;
}

// The commands in the order `meso help` lists them: how each is built, and
// what runs when it is the one given.
struct Command {
    const char* name;
    CLI::App* (*add)(CLI::App&, Arguments&);
    int (*run)(const CLI::App& app, const Arguments& a);
};
constexpr Command commands[] = {
    {"check", add_check, [](const CLI::App&, const Arguments& a) { return meso::cli::check(a.files, a.common); }},
    {"schedule", add_schedule,
     [](const CLI::App&, const Arguments& a) { return meso::cli::schedule(a.file, a.common, a.schedule_colour); }},
    {"compile", add_compile, [](const CLI::App&, const Arguments& a) { return meso::cli::compile(a.file, a.compile, a.common); }},
    {"publish", add_publish, [](const CLI::App&, const Arguments& a) { return meso::cli::publish(a.files, a.publish, a.common); }},
    {"fmt", add_fmt, [](const CLI::App&, const Arguments& a) { return meso::cli::fmt(a.files, a.fmt_check, a.fmt_in_place); }},
    {"rules", add_rules, [](const CLI::App&, const Arguments& a) { return meso::cli::list_rules(a.rules_file, a.common); }},
    {"explain", add_explain, [](const CLI::App&, const Arguments& a) { return meso::cli::explain(a.rule_id, a.common); }},
    {"evidence", add_evidence, [](const CLI::App&, const Arguments& a) { return meso::cli::evidence(a.file, a.evidence, a.common); }},
    {"init", add_init, [](const CLI::App&, const Arguments& a) { return meso::cli::init(a.init); }},
    {"templates", add_templates, [](const CLI::App&, const Arguments& a) { return meso::cli::templates(a.common); }},
    {"show", add_show, [](const CLI::App&, const Arguments& a) { return meso::cli::show(a.module); }},
    {"help", add_help, [](const CLI::App& app, const Arguments& a) { return help(app, a.help_command); }},
    {"completions", add_completions,
     [](const CLI::App& app, const Arguments& a) { return meso::cli::completions(a.completions, completion_spec(app)); }},
    {"stats", add_stats, [](const CLI::App&, const Arguments& a) { return meso::cli::stats(a.file, a.common); }},
    {"view", add_view, [](const CLI::App&, const Arguments& a) { return meso::cli::view(a.file, a.view_output, a.common); }},
    {"lsp", add_lsp, [](const CLI::App&, const Arguments& a) { return meso::cli::lsp(a.lsp); }},
};

// Every command, or only `only` when it names one that needs no other: each
// command's options cost CLI11 about 0.1 M instructions to build, and
// building all sixteen was a sixth of `meso check`'s start
// (docs/performance.md, *Start-up*). `help` and `completions` describe
// every command; a word that names none needs them all for its did-you-mean.
std::vector<std::pair<const Command*, const CLI::App*>> add_commands(CLI::App& app, Arguments& arguments, std::string_view only)
{
    const bool alone = only != "help" && only != "completions" &&
                       std::any_of(std::begin(commands), std::end(commands), [&](const Command& c) { return only == c.name; });
    std::vector<std::pair<const Command*, const CLI::App*>> built;
    for (const auto& c : commands)
        if (!alone || only == c.name) built.emplace_back(&c, c.add(app, arguments));
    return built;
}

int run(int argc, char** argv)
{
    // Named here, so that usage lines say `meso`, not the path it was run by.
    CLI::App app{"meso: a compiler and linter for training programs", "meso"};
    // The tz database is read only when asked for: it is a few milliseconds.
    app.set_version_flag("--version", [] { return std::string("meso ") + MESO_VERSION + "\ntz database " + meso::tz_database_version(); });
    app.require_subcommand(1);
    Arguments arguments;
    add_logging(&app, arguments.verbosity, arguments.log_file);
    const auto built = add_commands(app, arguments, argc > 1 ? argv[1] : "");
    for (auto* command : app.get_subcommands([](const CLI::App*) { return true; }))
        add_logging(command, arguments.command_verbosity, arguments.command_log_file);
    examples(&app, {"meso init plan.meso", "meso check plan.meso", "meso help check"});
    // A word where the command goes that names none: CLI11 would only say that a command is required.
    if (argc > 1 && argv[1][0] != '-') {
        const auto names = command_names(app);
        if (std::find(names.begin(), names.end(), argv[1]) == names.end()) return unknown_command(app, argv[1]);
    }
    else if (argc > 1 && !is_option_of(app, argv[1]) && !is_verbosity(argv[1])) {
        meso::cli::print_error(std::string("unknown option '") + argv[1] + "'" + meso::did_you_mean(argv[1], option_names(app)));
        std::cerr << "Run 'meso help' for the list of commands.\n";
        return 2;
    }
    try {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        return bad_arguments(app, e);
    }
    if (const int status = start_logging(arguments); status != 0) return status;
    const auto start = std::chrono::steady_clock::now();
    int status = 2;
    for (const auto& [command, parsed] : built)
        if (*parsed) status = command->run(app, arguments);
    if (meso::log::enabled(meso::log::Level::info))
        meso::log::write(meso::log::Level::info, "exit status " + std::to_string(status) + " after " + meso::log::elapsed_since(start));
    // Whatever the command, output that did not arrive (a full disk, a
    // closed pipe) is a command that could not run, not a success.
    std::cout.flush();
    if (!std::cout && status != 2) {
        meso::cli::print_error(std::string("cannot write to standard output: ") + std::strerror(errno));
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
        meso::cli::print_error("out of memory");
        return 2;
    }
    catch (const std::exception& e) {
        meso::cli::print_error(std::string("internal error: ") + e.what());
        return 2;
    }
    catch (...) {
        meso::cli::print_error("internal error");
        return 2;
    }
}
