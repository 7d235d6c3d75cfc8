#include "engine/cli/completions.h"

#include <cstdlib>
#include <iostream>
#include <string_view>

#include "engine/cli/commands.h"
#include "engine/pipeline/pipeline.h"
#include "engine/resolve/library.h"
#include "engine/rules/rules.h"

namespace meso::cli {

namespace {

std::string joined(const std::vector<std::string>& words, std::string_view separator)
{
    std::string text;
    for (const auto& word : words) text += (text.empty() ? "" : std::string(separator)) + word;
    return text;
}

std::string replaced(std::string text, std::string_view from, std::string_view to)
{
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
    return text;
}

// 'text' for sh, bash, zsh and fish alike: a ' closes, is escaped, opens again.
std::string single_quoted(const std::string& text) { return "'" + replaced(text, "'", "'\\''") + "'"; }

// The kind of names `meso completions KIND` prints.
const char* names_kind(Argument argument)
{
    switch (argument) {
    case Argument::template_name: return "templates";
    case Argument::module: return "modules";
    case Argument::command: return "commands";
    case Argument::rule_id: return "rules";
    case Argument::none:
    case Argument::program_files:
    case Argument::file:
    case Argument::choice:
    case Argument::text: return "";
    }
    return "";
}

std::vector<std::string> command_names(const CompletionSpec& spec)
{
    std::vector<std::string> names;
    for (const auto& command : spec.commands) names.push_back(command.name);
    return names;
}

std::vector<std::string> option_names(const std::vector<CompletionOption>& options)
{
    std::vector<std::string> names;
    for (const auto& option : options) names.insert(names.end(), option.names.begin(), option.names.end());
    return names;
}

// ------------------------------------------------------------------ bash

// The bash words that fill COMPREPLY for a value of this kind.
std::string bash_reply(Argument argument, const std::vector<std::string>& choices)
{
    switch (argument) {
    case Argument::program_files: return "_meso_program_files";
    case Argument::file: return "_meso_files";
    case Argument::choice: return "COMPREPLY=($(compgen -W " + single_quoted(joined(choices, " ")) + " -- \"$cur\"))";
    case Argument::template_name:
    case Argument::module:
    case Argument::command:
    case Argument::rule_id: return std::string("COMPREPLY=($(compgen -W \"$(_meso_names ") + names_kind(argument) + ")\" -- \"$cur\"))";
    case Argument::none:
    case Argument::text: return "COMPREPLY=()";
    }
    return "COMPREPLY=()";
}

void bash_values(std::string& out, const std::string& command, const std::vector<CompletionOption>& options)
{
    for (const auto& option : options) {
        if (option.argument == Argument::none) continue;
        for (const auto& name : option.names) {
            std::string pattern = command;  // "check --format", " --log-file"
            pattern += ' ';
            pattern += name;
            out += "    ";
            out += single_quoted(pattern);
            out += ") ";
            out += bash_reply(option.argument, option.choices);
            out += "; return ;;\n";
        }
    }
}

}  // namespace

std::string bash_completion(const CompletionSpec& spec)
{
    std::vector<std::string> with_value;
    for (const auto& option : spec.options)
        if (option.argument != Argument::none) with_value.insert(with_value.end(), option.names.begin(), option.names.end());
    std::string out = "# bash completion for meso, written by `meso completions bash` (docs/install.md).\n"
                      "_meso_names() { \"${COMP_WORDS[0]}\" completions \"$1\" 2>/dev/null; }\n"
                      "_meso_files() { compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\")); }\n"
                      "# .meso files, and directories (check and fmt take them; one to go into)\n"
                      "_meso_program_files()\n{\n"
                      "    compopt -o filenames 2>/dev/null\n"
                      "    COMPREPLY=($(compgen -f -X '!*.meso' -- \"$cur\") $(compgen -d -- \"$cur\"))\n}\n"
                      "_meso()\n{\n"
                      "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"\" command=\"\" i\n"
                      "    ((COMP_CWORD > 0)) && prev=\"${COMP_WORDS[COMP_CWORD - 1]}\"\n"
                      "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
                      "        case \"${COMP_WORDS[i]}\" in\n";
    if (!with_value.empty()) out += "        " + joined(with_value, "|") + ") ((i++)) ;;\n";
    out += "        -*) ;;\n"
           "        *) command=\"${COMP_WORDS[i]}\"; break ;;\n"
           "        esac\n"
           "    done\n"
           "    case \"$command $prev\" in\n";
    bash_values(out, "", spec.options);
    for (const auto& command : spec.commands) bash_values(out, command.name, command.options);
    out += "    esac\n"
           "    case \"$command\" in\n"
           "    '') if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W " +
           single_quoted(joined(option_names(spec.options), " ")) + " -- \"$cur\")); else COMPREPLY=($(compgen -W " +
           single_quoted(joined(command_names(spec), " ")) + " -- \"$cur\")); fi ;;\n";
    for (const auto& command : spec.commands) {
        out += "    " + command.name + ") if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W " +
               single_quoted(joined(option_names(command.options), " ")) + " -- \"$cur\")); else " + bash_reply(command.positional, {}) +
               "; fi ;;\n";
    }
    out += "    esac\n"
           "}\n"
           "complete -F _meso meso\n";
    return out;
}

namespace {

// ------------------------------------------------------------------ zsh

// A description inside an _arguments spec: its brackets and colons escaped.
std::string zsh_description(const std::string& text) { return replaced(replaced(replaced(text, "[", "\\["), "]", "\\]"), ":", "\\:"); }

std::string zsh_action(Argument argument, const std::vector<std::string>& choices)
{
    switch (argument) {
    case Argument::program_files: return "_files -g \"*.meso(-.)\"";
    case Argument::file: return "_files";
    case Argument::choice: return "(" + joined(choices, " ") + ")";
    case Argument::template_name:
    case Argument::module:
    case Argument::command:
    case Argument::rule_id: return std::string("_meso_names ") + names_kind(argument);
    case Argument::none:
    case Argument::text: return " ";
    }
    return " ";
}

const char* zsh_label(Argument argument)
{
    switch (argument) {
    case Argument::program_files: return "program file";
    case Argument::file: return "file";
    case Argument::template_name: return "template";
    case Argument::module: return "module";
    case Argument::command: return "command";
    case Argument::rule_id: return "rule";
    case Argument::choice:
    case Argument::none:
    case Argument::text: return "value";
    }
    return "value";
}

// One spec per spelling of each option, repeatable (-v -v, --rules twice).
std::string zsh_option_specs(const std::vector<CompletionOption>& options, const std::string& indent)
{
    std::string out;
    for (const auto& option : options)
        for (const auto& name : option.names) {
            std::string spec = "*" + name + "[" + zsh_description(option.help) + "]";
            if (option.argument != Argument::none)
                spec += std::string(":") + zsh_label(option.argument) + ":" + zsh_action(option.argument, option.choices);
            out += indent + single_quoted(spec) + " \\\n";
        }
    return out;
}

}  // namespace

std::string zsh_completion(const CompletionSpec& spec)
{
    std::string out = "#compdef meso\n"
                      "# zsh completion for meso, written by `meso completions zsh` (docs/install.md).\n"
                      "_meso_names() {\n"
                      "    local -a names\n"
                      "    names=(${(f)\"$(${_meso_binary:-meso} completions $1 2>/dev/null)\"})\n"
                      "    compadd -a names\n"
                      "}\n"
                      "_meso() {\n"
                      "    local curcontext=\"$curcontext\" state line ret=1\n"
                      "    local _meso_binary=${words[1]}\n"
                      "    local -a commands\n"
                      "    commands=(\n";
    for (const auto& command : spec.commands) out += "        " + single_quoted(command.name + ":" + command.help) + "\n";
    out += "    )\n"
           "    _arguments -C \\\n" +
           zsh_option_specs(spec.options, "        ") +
           "        '1: :->command' \\\n"
           "        '*:: :->argument' && ret=0\n"
           "    case $state in\n"
           "    command) _describe -t commands 'meso command' commands && ret=0 ;;\n"
           "    argument)\n"
           "        case $words[1] in\n";
    for (const auto& command : spec.commands) {
        out += "        " + command.name + ")\n            _arguments \\\n" + zsh_option_specs(command.options, "                ");
        if (command.positional != Argument::none) {
            const std::string positional =
                std::string(command.many ? "*" : "1") + ":" + zsh_label(command.positional) + ":" + zsh_action(command.positional, {});
            out += "                " + single_quoted(positional) + " \\\n";
        }
        out += "                && ret=0 ;;\n";
    }
    out += "        esac ;;\n"
           "    esac\n"
           "    return ret\n"
           "}\n"
           "_meso \"$@\"\n";
    return out;
}

namespace {

// ------------------------------------------------------------------ fish

std::string fish_value(Argument argument, const std::vector<std::string>& choices)
{
    switch (argument) {
    case Argument::program_files: return " -k -a '(__meso_program_files)'";
    // Not -r -F, which would offer every file after the command too.
    case Argument::file: return " -x -a '(__fish_complete_path (commandline -ct))'";
    case Argument::choice: return " -x -a " + single_quoted(joined(choices, " "));
    case Argument::template_name:
    case Argument::module:
    case Argument::command:
    case Argument::rule_id: return std::string(" -x -a '(__meso_names ") + names_kind(argument) + ")'";
    case Argument::text: return " -x";
    case Argument::none: return "";
    }
    return "";
}

std::string fish_options(const std::string& condition, const std::vector<CompletionOption>& options)
{
    std::string out;
    for (const auto& option : options) {
        out += "complete -c meso -n " + single_quoted(condition);
        for (const auto& name : option.names) out += (name.rfind("--", 0) == 0 ? " -l " + name.substr(2) : " -s " + name.substr(1));
        out += fish_value(option.argument, option.choices) + " -d " + single_quoted(option.help) + "\n";
    }
    return out;
}

}  // namespace

std::string fish_completion(const CompletionSpec& spec)
{
    std::string out = "# fish completion for meso, written by `meso completions fish` (docs/install.md).\n"
                      "# .meso files, and directories (check and fmt take them; one to go into)\n"
                      "function __meso_program_files\n"
                      "    for file in (commandline -ct)*\n"
                      "        if test -d $file\n"
                      "            echo $file/\n"
                      "        else if string match -q -- '*.meso' $file\n"
                      "            echo $file\n"
                      "        end\n"
                      "    end\n"
                      "end\n"
                      "function __meso_names\n"
                      "    set -l meso (commandline -opc)[1]\n"
                      "    $meso completions $argv[1] 2>/dev/null\n"
                      "end\n"
                      "complete -c meso -f\n";
    for (const auto& command : spec.commands)
        out += "complete -c meso -n __fish_use_subcommand -a " + command.name + " -d " + single_quoted(command.help) + "\n";
    out += fish_options("__fish_use_subcommand", spec.options);
    for (const auto& command : spec.commands) {
        const std::string condition = "__fish_seen_subcommand_from " + command.name;
        out += fish_options(condition, command.options);
        if (command.positional != Argument::none && command.positional != Argument::text)
            out += "complete -c meso -n " + single_quoted(condition) + fish_value(command.positional, {}) + "\n";
    }
    return out;
}

namespace {

std::vector<std::string> template_names()
{
    const char* path = std::getenv("MESO_PATH");
    std::vector<std::string> names;
    for (const auto& t : resolving::library_templates(path == nullptr ? "" : path).templates) names.push_back(t.name);
    return names;
}

std::vector<std::string> rule_ids()
{
    const pipeline::FileRun run = pipeline::resolve_rules_only({});
    return rules::load_rules(run.compilation->module).ids();
}

}  // namespace

int completions(const std::string& what, const CompletionSpec& spec)
{
    std::vector<std::string> names;
    if (what == "bash") std::cout << bash_completion(spec);
    else if (what == "zsh") std::cout << zsh_completion(spec);
    else if (what == "fish") std::cout << fish_completion(spec);
    else if (what == "templates") names = template_names();
    else if (what == "modules") names = resolving::library_modules();
    else if (what == "rules") names = rule_ids();
    else if (what == "commands") names = command_names(spec);
    else {
        print_error("meso completions: unknown '" + what + "' (bash, zsh, fish; templates, modules, rules, commands)");
        return 2;
    }
    for (const auto& name : names) std::cout << name << "\n";
    return 0;
}

}  // namespace meso::cli
