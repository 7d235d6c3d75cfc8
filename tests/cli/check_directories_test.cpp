// `meso check DIR`: a directory stands for every .meso file below it, as for
// `meso fmt` (one walker, engine/cli/program_files.h).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

#include "tests/support/support.h"

using meso::test::run_meso;
using meso::test::write_file;

namespace {

namespace fs = std::filesystem;

const std::string good = "program \"P\" {\n  start 2027-01-04\n  1 week \"B\" { days mon; squat 5x5 @ 20 kg }\n}\n";
const std::string bad = "program \"P\" {\n  start 2027-02-30\n}\n";  // a date that does not exist: an error

void write(const std::string& path, const std::string& text)
{
    fs::create_directories(fs::path(path).parent_path());
    write_file(path, text);
}

// The files the JSON findings are in, in the order they come.
std::vector<std::string> files_of(const std::string& json)
{
    std::vector<std::string> files;
    for (const auto& finding : nlohmann::json::parse(json)) {
        const std::string file = finding["file"];
        if (files.empty() || files.back() != file) files.push_back(file);
    }
    return files;
}

}  // namespace

TEST_CASE("meso check DIR checks every .meso file below it, nested ones too, in sorted order, and exits with the worst")
{
    const auto dir = meso::test::temp_dir("check-dir");
    write(dir + "/plans/b.meso", bad);
    write(dir + "/plans/a.meso", good);
    write(dir + "/plans/deep/c.meso", bad);
    write(dir + "/plans/notes.txt", bad);  // not a .meso file: not read

    // Every file's findings, in order: a.meso's is an info (no max for squat), the others errors.
    const std::vector<std::string> all = {dir + "/plans/a.meso", dir + "/plans/b.meso", dir + "/plans/deep/c.meso"};
    const auto run = run_meso({"check", "--format", "json", dir + "/plans"});
    CHECK(run.exit_code == 1);
    CHECK(files_of(run.out) == all);

    const auto text = run_meso({"check", dir + "/plans"});
    CHECK(text.exit_code == 1);
    CHECK(text.err.find(dir + "/plans/b.meso:2:9: error:") != std::string::npos);
    CHECK(text.err.find(dir + "/plans/deep/c.meso:2:9: error:") != std::string::npos);
    CHECK(text.err.find("notes.txt") == std::string::npos);

    // Only good files: exit 0. A directory beside a file that cannot be read: the
    // directory's findings are still reported, and the exit is 2.
    write(dir + "/fine/a.meso", good);
    write(dir + "/fine/deep/b.meso", good);
    CHECK(run_meso({"check", dir + "/fine"}).exit_code == 0);
    const auto missing = run_meso({"check", "--format", "json", dir + "/plans", dir + "/missing.meso"});
    CHECK(missing.exit_code == 2);
    CHECK(files_of(missing.out) == all);
    CHECK(missing.err.find("meso: error: ") != std::string::npos);
}

TEST_CASE("meso check DIR leaves out hidden directories and files below it, but walks a hidden directory it is given")
{
    const auto dir = meso::test::temp_dir("check-hidden");
    write(dir + "/plans/a.meso", good);
    write(dir + "/plans/.git/broken.meso", bad);
    write(dir + "/plans/deep/.cache/broken.meso", bad);
    write(dir + "/plans/.draft.meso", bad);

    const auto run = run_meso({"check", dir + "/plans"});
    CHECK(run.exit_code == 0);
    CHECK(run.err.find("broken") == std::string::npos);
    CHECK(run.err.find("draft") == std::string::npos);

    const auto hidden = run_meso({"check", "--format", "json", dir + "/plans/.git"});
    CHECK(hidden.exit_code == 1);
    CHECK(files_of(hidden.out) == std::vector<std::string>{dir + "/plans/.git/broken.meso"});
}

TEST_CASE("meso check and meso fmt on a directory without a .meso file say so and exit 2")
{
    const auto dir = meso::test::temp_dir("check-empty");
    fs::create_directories(dir + "/empty");
    write(dir + "/other/notes.txt", bad);
    write(dir + "/other/.hidden/plan.meso", bad);  // hidden: not counted

    for (const std::string command : {"check", "fmt"}) {
        INFO(command);
        const auto empty = run_meso({command, dir + "/empty"});
        CHECK(empty.exit_code == 2);
        CHECK(empty.err == "meso: error: no .meso file under '" + dir + "/empty'\n");
        CHECK(empty.out.empty());

        const auto other = run_meso({command, dir + "/other"});
        CHECK(other.exit_code == 2);
        CHECK(other.err == "meso: error: no .meso file under '" + dir + "/other'\n");
    }

    // The files named beside it are still checked: their findings, then exit 2.
    write(dir + "/bad.meso", bad);
    const auto both = run_meso({"check", dir + "/empty", dir + "/bad.meso"});
    CHECK(both.exit_code == 2);
    CHECK(both.err.find("meso: error: no .meso file under '" + dir + "/empty'") != std::string::npos);
    CHECK(both.err.find(dir + "/bad.meso:2:9: error:") != std::string::npos);
}

TEST_CASE("meso help check says that directories are walked")
{
    const auto help = run_meso({"help", "check"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("every .meso file below them") != std::string::npos);
    CHECK(help.out.find("meso check --strict --format json plans/ other.meso") != std::string::npos);
}
