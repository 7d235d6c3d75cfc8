// `meso fmt` as a user runs it: the binary, real files, exit codes.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

const std::string messy = "athlete \"A\" {\n    max squat 100kg # kept\n}\n";
const std::string tidy = "athlete \"A\" {\n  max squat 100 kg  # kept\n}\n";
const std::string broken = "athlete \"A\" {\n  max squat 100 kgs\n}\n";

struct Run {
    int status = -1;
    std::string out;
    std::string err;
};

std::string slurp(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write(const fs::path& path, const std::string& text)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// A fresh directory under the system's temporary directory, removed at the end.
struct TempDir {
    fs::path path;
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "meso-fmt-test-XXXXXX").string();
        path = mkdtemp(pattern.data());
    }
    ~TempDir()
    {
        std::error_code ignored;
        fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ignored);
        fs::remove_all(path, ignored);
    }
};

// Runs `prefix meso ARGS` in `dir` through the shell.
Run meso(const TempDir& dir, const std::string& args, const std::string& prefix = "")
{
    const fs::path out = dir.path / ".stdout", err = dir.path / ".stderr";
    const std::string command = "cd '" + dir.path.string() + "' && " + prefix + "'" + MESO_BINARY + "' fmt " + args + " >'" + out.string() +
                                "' 2>'" + err.string() + "'";
    Run r;
    const int raw = std::system(command.c_str());
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    fs::remove(out);
    fs::remove(err);
    return r;
}

std::vector<std::string> entries(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("meso fmt FILE prints the canonical text to stdout and leaves the file alone")
{
    TempDir dir;
    write(dir.path / "a.meso", messy);
    const auto r = meso(dir, "a.meso");
    CHECK(r.status == 0);
    CHECK(r.out == tidy);
    CHECK(slurp(dir.path / "a.meso") == messy);
}

TEST_CASE("meso fmt --check lists the files that would change and exits 1, or exits 0 when none would")
{
    TempDir dir;
    write(dir.path / "messy.meso", messy);
    write(dir.path / "tidy.meso", tidy);
    auto r = meso(dir, "--check messy.meso tidy.meso");
    CHECK(r.status == 1);
    CHECK(r.out == "messy.meso\n");
    CHECK(slurp(dir.path / "messy.meso") == messy);
    r = meso(dir, "--check tidy.meso");
    CHECK(r.status == 0);
    CHECK(r.out.empty());
}

TEST_CASE("meso fmt walks directories for .meso files")
{
    TempDir dir;
    write(dir.path / "plans/a.meso", messy);
    write(dir.path / "plans/deep/b.meso", messy);
    write(dir.path / "plans/deep/c.meso", tidy);
    write(dir.path / "plans/notes.txt", messy);
    const auto r = meso(dir, "--check plans");
    CHECK(r.status == 1);
    CHECK(r.out == "plans/a.meso\nplans/deep/b.meso\n");
}

TEST_CASE("meso fmt -i rewrites changed files in place and leaves no temporary file")
{
    TempDir dir;
    write(dir.path / "a.meso", messy);
    write(dir.path / "b.meso", tidy);
    fs::permissions(dir.path / "a.meso", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    const auto r = meso(dir, "-i a.meso b.meso");
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(slurp(dir.path / "a.meso") == tidy);
    CHECK(slurp(dir.path / "b.meso") == tidy);
    CHECK(fs::status(dir.path / "a.meso").permissions() == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
    CHECK(entries(dir.path) == std::vector<std::string>{"a.meso", "b.meso"});
}

TEST_CASE("meso fmt -i on a symbolic link rewrites the file it points to and keeps the link")
{
    TempDir dir;
    write(dir.path / "real/a.meso", messy);
    fs::create_symlink("real/a.meso", dir.path / "link.meso");
    const auto r = meso(dir, "-i link.meso");
    CHECK(r.status == 0);
    CHECK(fs::is_symlink(dir.path / "link.meso"));
    CHECK(slurp(dir.path / "real/a.meso") == tidy);
}

TEST_CASE("a file with a syntax error is never formatted: diagnostics, exit 1, the file untouched")
{
    TempDir dir;
    write(dir.path / "bad.meso", broken);
    write(dir.path / "ok.meso", messy);
    auto r = meso(dir, "-i bad.meso ok.meso");
    CHECK(r.status == 1);
    CHECK(r.err.find("bad.meso:2:17: error: unknown unit 'kgs'") != std::string::npos);
    CHECK(slurp(dir.path / "bad.meso") == broken);
    CHECK(slurp(dir.path / "ok.meso") == tidy);  // the other files are still formatted
    r = meso(dir, "bad.meso");
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    r = meso(dir, "--check bad.meso");
    CHECK(r.status == 1);
}

TEST_CASE("meso fmt -i in a directory it cannot write exits 2 with a message and leaves the file intact")
{
    TempDir dir;
    write(dir.path / "locked/a.meso", messy);
    fs::permissions(dir.path, fs::perms::all, fs::perm_options::add);  // reachable for the unprivileged user below
    fs::permissions(dir.path / "locked/a.meso", fs::perms::all, fs::perm_options::add);
    fs::permissions(dir.path / "locked", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec |
                                             fs::perms::others_read | fs::perms::others_exec);
    // root may write anywhere: run as nobody then, for whom the directory is read-only
    const std::string as_unprivileged = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
    const auto r = meso(dir, "-i locked/a.meso", as_unprivileged);
    CHECK(r.status == 2);
    CHECK(r.err.find("cannot write 'locked/a.meso'") != std::string::npos);
    CHECK(r.err.find("Permission denied") != std::string::npos);
    CHECK(slurp(dir.path / "locked/a.meso") == messy);
    CHECK(entries(dir.path / "locked") == std::vector<std::string>{"a.meso"});
}

TEST_CASE("meso fmt cannot run: a missing file, or --check with -i, exits 2")
{
    TempDir dir;
    auto r = meso(dir, "missing.meso");
    CHECK(r.status == 2);
    CHECK(r.err.find("cannot read 'missing.meso'") != std::string::npos);
    write(dir.path / "a.meso", messy);
    r = meso(dir, "--check -i a.meso");
    CHECK(r.status == 2);
    CHECK(slurp(dir.path / "a.meso") == messy);
}

TEST_CASE("meso fmt reads standard input when the file is '-'")
{
    TempDir dir;
    write(dir.path / "a.meso", messy);
    const auto r = meso(dir, "- < a.meso");
    CHECK(r.status == 0);
    CHECK(r.out == tidy);
}
