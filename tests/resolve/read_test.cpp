// Reading files: the one reader (read_source) behind the program file, its
// imports, library modules and rule files, and its one set of messages.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <memory>

#include "tests/support/support.h"

using meso::test::messages;
using meso::test::run_meso;
using meso::test::write_file;

namespace {

namespace fs = std::filesystem;

const auto readable_by_all = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;
const auto open_to_all =
    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec;

// The Compilation owns the sources the diagnostics' spans point into.
std::unique_ptr<meso::resolving::Compilation> resolve(const std::string& path, const std::vector<std::string>& rule_files = {})
{
    meso::resolving::ResolveOptions options;
    options.default_rules = false;
    options.rule_files = rule_files;
    return meso::resolving::resolve_file(path, options);
}

// A file of `size` bytes that takes no room on the disk.
std::string sparse_file(const std::string& path, std::uintmax_t size)
{
    write_file(path, "");
    fs::resize_file(path, size);
    return path;
}

}  // namespace

TEST_CASE("read_source reads a file whole, up to and including the bound")
{
    const auto dir = meso::test::temp_dir("read-ok");
    write_file(dir + "/a.meso", std::string(1000, '\n'));
    auto read = meso::resolving::read_source(dir + "/a.meso", 1000);
    REQUIRE(read.source);
    CHECK(read.error.empty());
    CHECK(read.source->path == dir + "/a.meso");
    CHECK(read.source->text == std::string(1000, '\n'));
    fs::remove_all(dir);
}

TEST_CASE("read_source names what is wrong: a missing file, a directory, a file over the bound")
{
    const auto dir = meso::test::temp_dir("read-errors");
    auto missing = meso::resolving::read_source(dir + "/missing.meso", 1000);
    CHECK_FALSE(missing.source);
    CHECK(missing.error == "cannot read '" + dir + "/missing.meso': No such file or directory");

    auto directory = meso::resolving::read_source(dir, 1000);
    CHECK_FALSE(directory.source);
    CHECK(directory.error == "cannot read '" + dir + "': it is a directory");

    write_file(dir + "/over.meso", std::string(1001, '\n'));
    auto over = meso::resolving::read_source(dir + "/over.meso", 1000);
    CHECK_FALSE(over.source);
    CHECK(over.error == "'" + dir + "/over.meso' is 1001 bytes; meso reads files of at most 1000 bytes");
    fs::remove_all(dir);
}

TEST_CASE("read_source checks a file's size before reading: a sparse terabyte is refused at once")
{
    const auto dir = meso::test::temp_dir("read-sparse");
    // Reading it would take hours and a terabyte of memory; the test would
    // not end, or end in bad_alloc.
    const auto path = sparse_file(dir + "/huge.meso", std::uintmax_t(1) << 40);
    auto read = meso::resolving::read_source(path, 64u << 20);
    CHECK_FALSE(read.source);
    CHECK(read.error == "'" + path + "' is 1048576 MiB; meso reads files of at most 64 MiB");
    fs::remove_all(dir);
}

TEST_CASE("read_source reads a device without a size only up to the bound")
{
    auto zeros = meso::resolving::read_source("/dev/zero", 100000);  // endless
    CHECK_FALSE(zeros.source);
    CHECK(zeros.error == "'/dev/zero' is larger than 100000 bytes; meso reads files of at most 100000 bytes");
    auto empty = meso::resolving::read_source("/dev/null", 100000);
    REQUIRE(empty.source);
    CHECK(empty.source->text.empty());
}

TEST_CASE("meso check of a directory without a .meso file says so, exit 2")
{
    // A directory stands for its .meso files (tests/cli/check_directories_test.cpp); this one has none.
    const auto dir = meso::test::temp_dir("read-check-dir");
    auto run = run_meso({"check", dir});
    CHECK(run.exit_code == 2);
    CHECK(run.err == "meso: error: no .meso file under '" + dir + "'\n");
    CHECK(run.err.find("internal error") == std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("an import that is a directory, or over the size bound, is an error at the use")
{
    const auto dir = meso::test::temp_dir("read-import");
    fs::create_directories(dir + "/folder.meso");
    sparse_file(dir + "/huge.meso", (64u << 20) + 1);
    write_file(dir + "/main.meso", "use \"folder.meso\"\nuse \"huge.meso\"\n");
    const auto compilation = resolve(dir + "/main.meso");
    const auto& diagnostics = compilation->diagnostics;
    INFO(messages(diagnostics));
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0].message == "cannot read '" + dir + "/folder.meso': it is a directory");
    CHECK(std::string(diagnostics[0].span.path()) == dir + "/main.meso");
    CHECK(diagnostics[0].span.line == 1);
    CHECK(diagnostics[0].span.column == 5);
    CHECK(diagnostics[1].message == "'" + dir + "/huge.meso' is 64 MiB; meso reads files of at most 64 MiB");
    CHECK(diagnostics[1].span.line == 2);
    CHECK(diagnostics[1].span.column == 5);
    fs::remove_all(dir);
}

TEST_CASE("a rule file that is a directory or missing gets the same messages")
{
    const auto dir = meso::test::temp_dir("read-rules");
    write_file(dir + "/main.meso", "template t { days mon }\n");
    const auto compilation = resolve(dir + "/main.meso", {dir, dir + "/missing.meso"});
    const auto& diagnostics = compilation->diagnostics;
    INFO(messages(diagnostics));
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0].message == "cannot read '" + dir + "': it is a directory");
    CHECK(diagnostics[1].message == "cannot read '" + dir + "/missing.meso': No such file or directory");
    fs::remove_all(dir);
}

TEST_CASE("an unreadable file, given or imported, is 'Permission denied'")
{
    const auto& user = meso::test::unprivileged();
    if (!user.available) {
        WARN("unreadable files are not exercised: " << user.why_not);
        return;
    }
    const auto dir = meso::test::temp_dir("read-denied");
    write_file(dir + "/secret.meso", "template t { days mon }\n");
    write_file(dir + "/main.meso", "use \"secret.meso\"\n");
    fs::permissions(dir + "/secret.meso", fs::perms::none);
    fs::permissions(dir + "/main.meso", readable_by_all);
    fs::permissions(dir, open_to_all);

    auto given = run_meso({"check", dir + "/secret.meso"}, user.prefix);
    CHECK(given.exit_code == 2);
    CHECK(given.err.find("cannot read '" + dir + "/secret.meso': Permission denied") != std::string::npos);

    auto imported = run_meso({"check", dir + "/main.meso"}, user.prefix);
    CHECK(imported.exit_code == 1);
    CHECK(imported.err.find(dir + "/main.meso:1:5: error: cannot read '" + dir + "/secret.meso': Permission denied") != std::string::npos);

    auto baseline = run_meso({"check", dir + "/main.meso"});  // the import itself is fine for its owner
    if (::geteuid() == 0) CHECK(baseline.exit_code == 0);
    fs::remove_all(dir);
}
