// meso templates and meso show MODULE: the standard library as a user reads it.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>
#include <string>

#include "engine/resolve/library.h"
#include "engine/resolve/stdlib.h"
#include "tests/support/support.h"

using meso::test::run_meso;

TEST_CASE("meso templates lists each template with its method, its weeks when it names them, module and title")
{
    const auto run = run_meso({"templates"});
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.empty());
    CHECK(run.out.find("NAME ") == 0);
    // The name column is as wide as the longest name (hypertrophy-rir).
    CHECK(run.out.find("\npowerlifting     strength     10     std.templates  Powerlifting: squat, bench press and deadlift\n") !=
          std::string::npos);
    CHECK(run.out.find("\nfive-three-one   strength     4      std.templates  5/3/1 with Boring But Big\n") != std::string::npos);
    const auto json = run_meso({"templates", "--format", "json"});
    REQUIRE(json.exit_code == 0);
    const auto all = nlohmann::json::parse(json.out);
    REQUIRE(all.is_array());
    bool powerlifting = false;
    for (const auto& t : all) {
        INFO(t.dump());
        CHECK(t.contains("name"));
        CHECK(t.contains("title"));
        CHECK(t.contains("method"));
        CHECK(t.at("module").get<std::string>().rfind("std.", 0) == 0);
        CHECK(t.at("line").get<int>() > 0);
        // A template that writes out no week has no hint, not a made-up one.
        if (t.contains("weeks")) CHECK(t.at("weeks").get<int>() > 0);
        if (t.at("name") == "powerlifting") {
            powerlifting = true;
            CHECK(t.at("method") == "strength");
            CHECK(t.at("weeks") == 10);
            CHECK(t.at("module") == "std.templates");
            CHECK(t.at("file") == "std/templates.meso");
            CHECK(t.at("exercises") == nlohmann::json({"squat", "bench-press", "deadlift"}));
        }
        if (t.at("name") == "rest") CHECK_FALSE(t.contains("weeks"));
    }
    CHECK(powerlifting);
}

TEST_CASE("meso show MODULE prints the module's text, for every module of the embedded library")
{
    const auto modules = meso::resolving::library_modules();
    REQUIRE(!modules.empty());
    for (const auto& file : meso::resolving::embedded_stdlib()) {
        if (file.path.rfind("examples/", 0) == 0) continue;
        std::string name(file.path.substr(0, file.path.size() - 5));
        for (auto& c : name)
            if (c == '/') c = '.';
        INFO(name);
        const auto run = run_meso({"show", name});
        CHECK(run.exit_code == 0);
        CHECK(run.err.empty());
        CHECK(run.out == std::string(file.text));
    }
    const auto list = run_meso({"show"});
    CHECK(list.exit_code == 0);
    std::string expected;
    for (const auto& m : modules) expected += m + "\n";
    CHECK(list.out == expected);
}

TEST_CASE("meso show reads a module from MESO_PATH first, as use does, and says so on standard error")
{
    const std::string dir = meso::test::temp_dir("show-meso-path");
    std::filesystem::create_directories(dir + "/std");
    meso::test::write_file(dir + "/std/templates.meso", "# a clinic's own templates\n");
    meso::test::write_file(dir + "/std/clinic.meso", "# a module of the clinic's\n");
    const auto replaced = run_meso({"show", "std.templates"}, "MESO_PATH=" + dir);
    CHECK(replaced.exit_code == 0);
    CHECK(replaced.out == "# a clinic's own templates\n");
    CHECK(replaced.err == "meso: note: std.templates is read from " + dir + "/std/templates.meso (MESO_PATH)\n");
    CHECK(run_meso({"show", "std.clinic"}, "MESO_PATH=" + dir).out == "# a module of the clinic's\n");
    // meso templates reads the same files: the replaced module has no template now.
    const auto templates = run_meso({"templates", "--format", "json"}, "MESO_PATH=" + dir);
    CHECK(templates.exit_code == 0);
    CHECK(templates.out.find("\"powerlifting\"") == std::string::npos);
}

TEST_CASE("meso show of an unknown module suggests the nearest and exits 2")
{
    const auto run = run_meso({"show", "std.templatez"});
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find("meso: error: unknown module 'std.templatez'; did you mean 'std.templates'?; the standard library's modules are ") ==
          0);
    // A name that is not a module name never reaches outside MESO_PATH.
    CHECK(run_meso({"show", "../etc/passwd"}, "MESO_PATH=/tmp").exit_code == 2);
    CHECK(run_meso({"show", "examples.bfr.min-gap"}).exit_code == 2);
}
