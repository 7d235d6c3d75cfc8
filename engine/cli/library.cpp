// meso templates, meso show MODULE, meso init: the standard library as a
// user reads it (engine/resolve/library.h), and a starter program made from it.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/base/suggest.h"
#include "engine/base/text.h"
#include "engine/cli/commands.h"
#include "engine/cli/output.h"
#include "engine/format/format.h"
#include "engine/resolve/library.h"
#include "grammar/parse.h"

namespace meso::cli {

namespace {

std::string meso_path()
{
    const char* path = std::getenv("MESO_PATH");
    return path == nullptr ? "" : path;
}

std::string joined(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

void print_templates_text(const std::vector<resolving::LibraryTemplate>& templates)
{
    std::size_t name = 4, method = 6, weeks = 5, module = 6;
    for (const auto& t : templates) {
        name = std::max(name, t.name.size());
        method = std::max(method, t.method.size());
        module = std::max(module, t.module.size());
    }
    std::cout << fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", "NAME", name, "METHOD", method, "WEEKS", weeks, "MODULE", module,
                             "TITLE");
    for (const auto& t : templates)
        std::cout << fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", t.name, name, t.method, method,
                                 t.weeks ? std::to_string(*t.weeks) : "", weeks, t.module, module, t.title);
}

void print_templates_json(const std::vector<resolving::LibraryTemplate>& templates)
{
    auto all = nlohmann::json::array();
    for (const auto& t : templates) {
        nlohmann::json one = {{"name", t.name},
                              {"title", t.title.empty() ? nlohmann::json() : nlohmann::json(t.title)},
                              {"method", t.method.empty() ? nlohmann::json() : nlohmann::json(t.method)}};
        if (t.weeks) one["weeks"] = *t.weeks;
        one["module"] = t.module;
        one["file"] = t.path;
        one["line"] = t.line;
        one["exercises"] = t.exercises;
        all.push_back(std::move(one));
    }
    std::cout << all.dump(2) << "\n";
}

// The Monday after `today` (a week on when today is a Monday): a program
// starts on a Monday so its block weeks are calendar weeks.
std::chrono::sys_days next_monday(std::chrono::sys_days today)
{
    const std::chrono::weekday day{today};
    return today + std::chrono::days((std::chrono::Monday - day).count() == 0 ? 7 : (std::chrono::Monday - day).count());
}

std::chrono::sys_days today()
{
    // SOURCE_DATE_EPOCH, as for `meso compile`: the same starter on every run.
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
        char* end = nullptr;
        const long long seconds = std::strtoll(epoch, &end, 10);
        if (*end == '\0' && seconds >= 0)
            return std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(seconds)));
    }
    return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
}

std::string quoted(const std::string& text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

const resolving::LibraryTemplate* find_template(const std::vector<resolving::LibraryTemplate>& templates, const std::string& name)
{
    for (const auto& t : templates)
        if (t.name == name) return &t;
    return nullptr;
}

}  // namespace

int templates(const CommonOptions& options)
{
    const resolving::LibraryTemplates library = resolving::library_templates(meso_path());
    if (options.format == "json") print_templates_json(library.templates);
    else print_templates_text(library.templates);
    for (const auto& error : library.errors) print_error(error);
    return library.errors.empty() ? 0 : 2;
}

int show(const std::string& module_name)
{
    const std::vector<std::string> modules = resolving::library_modules();
    if (module_name.empty()) {
        for (const auto& name : modules) std::cout << name << "\n";
        return 0;
    }
    const resolving::LibraryModule module = resolving::find_library_module(module_name, meso_path());
    if (!module.found) {
        print_error("unknown module '" + module_name + "'" + did_you_mean(module_name, modules) + "; the standard library's modules are " +
                    joined(modules));
        return 2;
    }
    if (!module.error.empty()) {
        print_error(module.error);
        return 2;
    }
    // Said on standard error, so that standard output stays the module's text.
    if (!module.embedded) std::cerr << "meso: note: " << module.name << " is read from " << module.path << " (MESO_PATH)\n";
    std::cout << module.text;
    return 0;
}

std::optional<std::string> starter_program(const StarterOptions& options, std::string& problem)
{
    const resolving::LibraryTemplates library = resolving::library_templates(meso_path());
    const resolving::LibraryTemplate* chosen = find_template(library.templates, options.template_name);
    if (chosen == nullptr) {
        std::vector<std::string> names;
        for (const auto& t : library.templates) names.push_back(t.name);
        problem = "unknown template '" + options.template_name + "'" + did_you_mean(options.template_name, names) +
                  "; 'meso templates' lists " + joined(names);
        return std::nullopt;
    }
    if (options.athlete.empty() ||
        std::any_of(options.athlete.begin(), options.athlete.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
        problem = "--athlete: expected a name on one line, such as \"Alex\"";
        return std::nullopt;
    }
    const resolving::LibraryTemplate& t = *chosen;
    const int weeks = t.weeks.value_or(3);
    const std::string athlete = quoted(options.athlete);
    std::ostringstream out;
    const std::string file = options.file.empty() || options.file == "-" ? "plan.meso" : options.file;
    out << "# A training program for meso, started by `meso init` from the template\n"
        << "# '" << t.name << "' of " << t.module << (t.title.empty() ? "" : " (" + t.title + ")") << ".\n"
        << "#\n"
        << "# meso check " << file << ": finds mistakes and checks the rules in force\n"
        << "# meso schedule " << file << ": the dated sessions, with kilograms\n"
        << "# meso compile " << file << " -o plan.ics: a calendar for the athlete\n"
        << "# meso show " << t.module << ": what the template holds\n\n"
        << "use " << t.module << "\n\n";
    if (!t.exercises.empty())
        out << "# The athlete. A load in % of 1RM becomes kilograms only with a max for\n"
            << "# its exercise: write the athlete's tested one-rep maxes and remove the '#'\n"
            << "# (until then `meso check` says which maxes are missing, and the plan\n"
            << "# shows percentages only). Loads are rounded to 2.5 kg (`round 1 kg` to change it).\n";
    out << "athlete " << athlete << " {\n";
    for (const auto& exercise : t.exercises) out << "  # max " << exercise << " ... kg\n";
    if (t.uses_training_max) out << "  training-max 90%  # the template's '% TM' loads are of 90% of each max\n";
    out << "}\n\n"
        << "program " << quoted("Training plan") << " for " << athlete << " {\n"
        << "  start " << format_date(next_monday(today())) << "  # a Monday: block weeks are calendar weeks\n";
    out << "  " << weeks << " weeks " << t.name
        << (t.weeks ? "  # the template writes out " + std::to_string(weeks) + " weeks" : "  # change the length to yours") << "\n"
        << "}\n";
    // In the one layout of `meso fmt`, so that `meso fmt --check` passes it too.
    const Source source{"starter.meso", out.str()};
    const ParseResult parsed = parse(source);
    if (has_errors(parsed.diagnostics)) {
        problem = "internal error: the starter program does not parse: " + parsed.diagnostics.front().message + " (please report this)";
        return std::nullopt;
    }
    return format::format(parsed.file);
}

int init(const StarterOptions& options)
{
    const std::string& file = options.file;
    std::string problem;
    const auto text = starter_program(options, problem);
    if (!text) {
        print_error(problem);
        return 2;
    }
    if (file.empty() || file == "-") {
        std::cout << *text;
        return 0;
    }
    const OutputResult result = write_output(
        file, [&](std::ostream& out) { return static_cast<bool>(out << *text); }, Existing::refuse);
    if (result.failure) {
        print_error(cannot_write(*result.failure) + (result.failure->step == WriteStep::exists
                                                         ? "; meso init never replaces a file: name another, or remove it first"
                                                         : ""));
        return 2;
    }
    std::cerr << "meso: wrote " << file << "; next: meso check " << file << "\n";
    return 0;
}

}  // namespace meso::cli
