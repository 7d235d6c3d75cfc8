#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "engine/cli/output.h"

using meso::cli::cannot_write;
using meso::cli::write_output;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "meso-output-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() { fs::remove_all(path); }
    std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), fs::directory_iterator())); }
};

std::string read(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void put(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

auto writing(const std::string& text)
{
    return [text](std::ostream& out) {
        out << text;
        return true;
    };
}

}  // namespace

TEST_CASE("output to a new file holds exactly what was written, and nothing else is left beside it")
{
    TempDir dir;
    const auto target = dir.path / "cal.ics";
    const auto result = write_output(target.string(), writing("BEGIN:VCALENDAR\r\n"));
    CHECK(result.written);
    CHECK_FALSE(result.failure);
    CHECK(read(target) == "BEGIN:VCALENDAR\r\n");
    CHECK(dir.entries() == 1);
}

TEST_CASE("replacing a file keeps its permissions")
{
    TempDir dir;
    const auto target = dir.path / "cal.ics";
    put(target, "old");
    REQUIRE(chmod(target.c_str(), 0640) == 0);
    CHECK(write_output(target.string(), writing("new")).written);
    CHECK(read(target) == "new");
    struct stat info {};
    REQUIRE(stat(target.c_str(), &info) == 0);
    CHECK((info.st_mode & 07777) == 0640);
    CHECK(dir.entries() == 1);
}

TEST_CASE("a writer that gives up leaves the old file byte-identical")
{
    TempDir dir;
    const auto target = dir.path / "cal.ics";
    put(target, "precious");
    const auto result = write_output(target.string(), [](std::ostream& out) {
        out << "half a calendar";
        return false;
    });
    CHECK_FALSE(result.written);
    CHECK_FALSE(result.failure);
    CHECK(read(target) == "precious");
    CHECK(dir.entries() == 1);
}

TEST_CASE("a disk that fills up mid-write leaves the old file byte-identical and says why")
{
    TempDir dir;
    const auto target = dir.path / "cal.ics";
    put(target, "precious");
    // A file-size limit makes write() fail with EFBIG as a full disk fails with ENOSPC.
    rlimit old{};
    REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
    rlimit small = old;
    small.rlim_cur = 100000;
    const auto previous = std::signal(SIGXFSZ, SIG_IGN);
    REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
    const auto result = write_output(target.string(), writing(std::string(1 << 20, 'x')));
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previous);
    CHECK_FALSE(result.written);
    REQUIRE(result.failure);
    CHECK(cannot_write(*result.failure).find("cannot write '" + target.string() + "': File too large") == 0);
    CHECK(read(target) == "precious");
    CHECK(dir.entries() == 1);
}

TEST_CASE("/dev/full fails with the reason, and a directory nobody may write in too")
{
    const auto full = write_output("/dev/full", writing(std::string(1 << 17, 'x')));
    CHECK_FALSE(full.written);
    REQUIRE(full.failure);
    CHECK(cannot_write(*full.failure) == "cannot write '/dev/full': No space left on device");

    const auto proc = write_output("/proc/meso-test.ics", writing("x"));
    CHECK_FALSE(proc.written);
    REQUIRE(proc.failure);
    CHECK(cannot_write(*proc.failure).find("cannot write '/proc/meso-test.ics': cannot create a file in '/proc'") == 0);

    TempDir dir;
    const auto is_dir = write_output(dir.path.string(), writing("x"));
    REQUIRE(is_dir.failure);
    CHECK(cannot_write(*is_dir.failure).find("it is a directory") != std::string::npos);
}

TEST_CASE("a symbolic link is followed: the file it points at is replaced, the link stays")
{
    TempDir dir;
    put(dir.path / "real.ics", "old");
    fs::create_symlink("real.ics", dir.path / "link.ics");
    CHECK(write_output((dir.path / "link.ics").string(), writing("new")).written);
    CHECK(fs::is_symlink(dir.path / "link.ics"));
    CHECK(read(dir.path / "real.ics") == "new");
    CHECK(dir.entries() == 2);
}
