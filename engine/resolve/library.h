// The standard library as a user reads it: which modules there are, a
// module's text as `use` finds it, and the templates the modules define
// (`meso show`, `meso templates`, `meso init`).
//
//   for (const auto& name : library_modules()) ...        // "std.bfr", "std.general", ...
//   LibraryModule m = find_library_module("std.bfr", meso_path);
//   if (!m.found) ...                                       // unknown: suggest from library_modules()
//   else if (!m.error.empty()) ...                          // a MESO_PATH file that cannot be read
//   LibraryTemplates t = library_templates(meso_path);      // every template, module by module
//
// The list of modules comes from the embedded stdlib (stdlib.h): every
// embedded .meso file outside examples/ (those are the rules' example
// programs, not modules). A module is looked up as `use` looks it up: the
// directories of MESO_PATH first (MESO_PATH/std/bfr.meso), then the embedded
// file. Nothing here throws; a module that does not parse gives its
// diagnostics and whatever templates did parse.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace meso::resolving {

// The embedded modules by name, sorted: "std.bfr", "std.general", "std.templates".
std::vector<std::string> library_modules();

struct LibraryModule {
    bool found = false;
    std::string name;  // "std.bfr"
    std::string path;  // the file read: a MESO_PATH file, or "std/bfr.meso" for the embedded one
    bool embedded = false;
    std::string text;
    std::string error;  // "cannot read '...': Permission denied" for a MESO_PATH file that cannot be read
};

// The file that replaces the embedded `relative` ("std/bfr.meso"): the
// first MESO_PATH directory (':'-separated) that holds it as a regular
// file; nullopt when none does. `use` (Resolver::load_library) and
// find_library_module both look a module up with it.
std::optional<std::string> meso_path_file(const std::string& relative, const std::string& meso_path);

// `name` as `use name` would load it, or found == false.
LibraryModule find_library_module(const std::string& name, const std::string& meso_path);

struct LibraryTemplate {
    std::string name;    // "powerlifting"
    std::string title;   // "Powerlifting: squat, bench press and deadlift"; "" when it has none
    std::string method;  // "strength"; "" when it has none
    // The highest block week the template writes out (`week 10 { ... }`),
    // a hint of the length it was written for; empty when it names no week.
    std::optional<int> weeks;
    std::string module;                  // "std.templates"
    std::string path;                    // the file it was read from, as LibraryModule::path
    int line = 0;                        // of `template`
    std::vector<std::string> exercises;  // in order of first appearance, each once
    bool uses_training_max = false;      // a load in `% TM`: the athlete needs a `training-max`
};

struct LibraryTemplates {
    std::vector<LibraryTemplate> templates;  // module by module (sorted by name), in each in the order written
    std::vector<std::string> errors;         // a module that cannot be read, or does not parse: "std/x.meso:3:1: ..."
};

LibraryTemplates library_templates(const std::string& meso_path);

}  // namespace meso::resolving
