#include "engine/resolve/library.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "engine/base/overloaded.h"
#include "engine/resolve/resolve.h"
#include "engine/resolve/stdlib.h"
#include "grammar/parse.h"

namespace meso::resolving {

namespace {

namespace fs = std::filesystem;

// Not modules: the example program of each standard rule (`meso explain`).
bool is_module(std::string_view embedded_path) { return embedded_path.rfind("examples/", 0) != 0; }

// "std/templates.meso" is the module std.templates, as `use` reads it.
std::string name_of(std::string_view embedded_path)
{
    std::string name(embedded_path.substr(0, embedded_path.size() - std::string_view(".meso").size()));
    std::replace(name.begin(), name.end(), '/', '.');
    return name;
}

// What `use` accepts: dotted words, so a name never leaves MESO_PATH's directories.
bool is_module_name(const std::string& name)
{
    if (name.empty() || name.front() == '.' || name.back() == '.' || name.find("..") != std::string::npos) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    });
}

std::string relative_path_of(const std::string& name)
{
    std::string relative = name;
    std::replace(relative.begin(), relative.end(), '.', '/');
    return relative + ".meso";
}

struct TemplateReader {
    LibraryTemplate& out;

    void exercise(const std::string& name)
    {
        if (std::find(out.exercises.begin(), out.exercises.end(), name) == out.exercises.end()) out.exercises.push_back(name);
    }

    void prescription(const syntax::Prescription& p)
    {
        exercise(p.exercise.text);
        auto note_load = [&](const syntax::Load& l) { out.uses_training_max = out.uses_training_max || l.of_training_max; };
        if (p.load) note_load(*p.load);
        for (const auto& g : p.more_groups) note_load(g.load);
        for (const auto& g : p.warm_up) note_load(g.load);
    }

    void body(const syntax::Body& body, bool top_level)
    {
        for (const auto& statement : body.statements)
            std::visit(overloaded{[&](const syntax::Method& m) {
                                      if (top_level) out.method = m.value.text;
                                  },
                                  [&](const syntax::WeekOverride& w) {
                                      for (const auto& item : w.weeks) out.weeks = std::max(out.weeks.value_or(0), item.last);
                                      if (w.body) this->body(*w.body, false);
                                  },
                                  [&](const syntax::Split& s) { this->body(s.body, false); },
                                  [&](const syntax::Rotation& r) {
                                      for (const auto& w : r.workouts) this->body(std::get<syntax::Workout>(w.node).body, false);
                                  },
                                  [&](const syntax::Alternation& a) {
                                      for (const auto& p : a.patterns) this->body(std::get<syntax::WeekPattern>(p.node).body, false);
                                  },
                                  [&](const syntax::Superset& s) { this->body(s.body, false); },
                                  [&](const syntax::Prescription& p) { prescription(p); }, [](const auto&) {}},
                       statement.node);
    }
};

void read_templates(const LibraryModule& module, LibraryTemplates& into)
{
    const Source source{module.path, module.text};
    const ParseResult parsed = parse(source);
    for (const auto& d : parsed.diagnostics)
        if (d.severity == Severity::error)
            into.errors.push_back(module.path + ":" + std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + ": " + d.message);
    for (const auto& statement : parsed.file.statements) {
        const auto* t = std::get_if<syntax::Template>(&statement.node);
        if (t == nullptr) continue;
        LibraryTemplate& out = into.templates.emplace_back();
        out.name = t->name.text;
        out.title = t->title ? t->title->value : "";
        out.module = module.name;
        out.path = module.path;
        out.line = static_cast<int>(t->span.line);
        TemplateReader{out}.body(t->body, true);
    }
}

}  // namespace

std::vector<std::string> library_modules()
{
    std::vector<std::string> names;
    for (const auto& file : embedded_stdlib())
        if (is_module(file.path)) names.push_back(name_of(file.path));
    std::sort(names.begin(), names.end());
    return names;
}

std::optional<std::string> meso_path_file(const std::string& relative, const std::string& meso_path)
{
    std::stringstream directories(meso_path);
    for (std::string directory; std::getline(directories, directory, ':');) {
        if (directory.empty()) continue;
        const fs::path candidate = fs::path(directory) / relative;
        std::error_code error;
        if (fs::is_regular_file(candidate, error)) return candidate.string();
    }
    return std::nullopt;
}

LibraryModule find_library_module(const std::string& name, const std::string& meso_path)
{
    LibraryModule module;
    module.name = name;
    if (!is_module_name(name)) return module;
    const std::string relative = relative_path_of(name);
    if (auto file = meso_path_file(relative, meso_path)) {
        module.found = true;
        module.path = std::move(*file);
        auto read = read_source(module.path, ParseLimits{}.max_bytes);
        if (read.source) module.text = std::move(read.source->text);
        else module.error = std::move(read.error);
        return module;
    }
    for (const auto& file : embedded_stdlib())
        if (is_module(file.path) && file.path == relative) {
            module.found = true;
            module.embedded = true;
            module.path = std::string(file.path);
            module.text = std::string(file.text);
        }
    return module;
}

LibraryTemplates library_templates(const std::string& meso_path)
{
    LibraryTemplates all;
    for (const auto& name : library_modules()) {
        const LibraryModule module = find_library_module(name, meso_path);
        if (!module.error.empty()) all.errors.push_back(module.error);
        else read_templates(module, all);
    }
    return all;
}

}  // namespace meso::resolving
