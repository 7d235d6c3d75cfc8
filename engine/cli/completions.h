// Shell completion for bash, zsh and fish, written from the command line
// main.cpp defines (`meso completions bash|zsh|fish`, a hidden command run
// at build time; docs/install.md says where the scripts go). The scripts
// ask meso itself for what changes with MESO_PATH: `meso completions
// templates|modules|rules|commands` prints those names, one a line.
#pragma once

#include <string>
#include <vector>

namespace meso::cli {

// What a command's positional argument or an option's value is, for what to offer.
enum class Argument {
    none,           // a flag
    program_files,  // .meso files (and directories, which check and fmt accept)
    file,           // any file: -o, --log-file
    template_name,  // meso completions templates
    module,         // meso completions modules
    command,        // meso completions commands
    rule_id,        // meso completions rules
    choice,         // one of `choices`
    text,           // anything: nothing to offer
};

struct CompletionOption {
    std::vector<std::string> names;  // "-o", "--output"
    std::string help;
    Argument argument = Argument::none;
    std::vector<std::string> choices;  // Argument::choice
};

struct CompletionCommand {
    std::string name;
    std::string help;
    std::vector<CompletionOption> options;
    Argument positional = Argument::none;
    bool many = false;  // FILE...: more than one positional argument
};

struct CompletionSpec {
    std::vector<CompletionOption> options;  // of meso itself, before the command
    std::vector<CompletionCommand> commands;
};

std::string bash_completion(const CompletionSpec& spec);
std::string zsh_completion(const CompletionSpec& spec);
std::string fish_completion(const CompletionSpec& spec);

// `meso completions WHAT`: a script (bash, zsh, fish) or names (templates,
// modules, rules, commands) on standard output; exit 2 for anything else.
int completions(const std::string& what, const CompletionSpec& spec);

}  // namespace meso::cli
