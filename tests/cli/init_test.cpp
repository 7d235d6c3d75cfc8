// meso init: a starter program from each template of the library, checked
// by the real `meso check --strict`; never a file replaced.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/support.h"

using meso::test::read_file;
using meso::test::run_meso;
using meso::test::temp_dir;
using meso::test::write_file;

namespace {

std::vector<std::string> library_templates()
{
    const auto run = run_meso({"templates", "--format", "json"});
    REQUIRE(run.exit_code == 0);
    std::vector<std::string> names;
    for (const auto& t : nlohmann::json::parse(run.out)) names.push_back(t.at("name"));
    return names;
}

// Findings other than the infos that ask for the athlete's maxes.
std::string other_findings(const std::string& err)
{
    std::string other;
    std::size_t begin = 0;
    while (begin < err.size()) {
        std::size_t end = err.find('\n', begin);
        if (end == std::string::npos) end = err.size();
        const std::string line = err.substr(begin, end - begin);
        const bool finding = line.find(": error: ") != std::string::npos || line.find(": warning: ") != std::string::npos ||
                             line.find(": info: ") != std::string::npos;
        // A starter has no maxes and no AOP: its % loads and an mmHg cuff cannot be checked until they are written.
        const bool expected = line.find("[general.percent-without-max]") != std::string::npos ||
                              (line.find(": info: ") != std::string::npos && line.find("[bfr.cuff-pressure]") != std::string::npos);
        if (finding && !expected) other += line + "\n";
        begin = end + 1;
    }
    return other;
}

}  // namespace

TEST_CASE("meso init's starter from every template of the library passes meso check --strict and meso fmt --check")
{
    const std::string dir = temp_dir("init-templates");
    const auto names = library_templates();
    REQUIRE(names.size() >= 1);
    for (const auto& name : names) {
        INFO(name);
        const std::string path = dir + "/" + name + ".meso";
        const auto init = run_meso({"init", path, "--template", name, "--athlete", "Sam \"Iron\" Lee"});
        REQUIRE(init.exit_code == 0);
        const auto check = run_meso({"check", "--strict", path}, "TZ=UTC");
        INFO(read_file(path));
        INFO(check.err);
        CHECK(check.exit_code == 0);
        CHECK(other_findings(check.err).empty());
        CHECK(run_meso({"fmt", "--check", path}).exit_code == 0);
    }
}

TEST_CASE("meso init without FILE prints the powerlifting starter, commented, on standard output")
{
    const auto run = run_meso({"init"}, "SOURCE_DATE_EPOCH=1795910400");  // Sun 2026-11-29
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.empty());
    CHECK(run.out.find("# A training program for meso") == 0);
    CHECK(run.out.find("\nuse std.templates\n") != std::string::npos);
    CHECK(run.out.find("athlete \"Athlete\" {\n") != std::string::npos);
    // The maxes are the coach's to write: none is made up.
    CHECK(run.out.find("  # max squat ... kg\n") != std::string::npos);
    CHECK(run.out.find("\n  max ") == std::string::npos);
    CHECK(run.out.find("  start 2026-11-30") != std::string::npos);  // the Monday after
    CHECK(run.out.find("  10 weeks powerlifting") != std::string::npos);
}

TEST_CASE("meso init never replaces a file: exit 2, and the file keeps its bytes")
{
    const std::string dir = temp_dir("init-existing");
    const std::string path = dir + "/plan.meso";
    write_file(path, "# mine\n");
    const auto run = run_meso({"init", path});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("meso: error: cannot write '" + path + "': it already exists; meso init never replaces a file") == 0);
    CHECK(read_file(path) == "# mine\n");
    // Nor writes through a symbolic link, even one that points nowhere yet.
    std::filesystem::create_symlink(dir + "/nowhere.meso", dir + "/link.meso");
    CHECK(run_meso({"init", dir + "/link.meso"}).exit_code == 2);
    CHECK_FALSE(std::filesystem::exists(dir + "/nowhere.meso"));
    // No temporary file is left behind.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
    CHECK(files == 2);
}

TEST_CASE("meso init refuses an unknown template with the nearest one, and a directory it cannot write in")
{
    const auto unknown = run_meso({"init", "--template", "powerliftin"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.out.empty());
    CHECK(unknown.err.find("meso: error: unknown template 'powerliftin'; did you mean 'powerlifting'?") == 0);
    const auto nowhere = run_meso({"init", temp_dir("init-nowhere") + "/missing/plan.meso"});
    CHECK(nowhere.exit_code == 2);
    CHECK(nowhere.err.find("meso: error: cannot write '") == 0);
    const auto name = run_meso({"init", "--athlete", "two\nlines"});
    CHECK(name.exit_code == 2);
    CHECK(name.err.find("meso: error: --athlete: ") == 0);
}
