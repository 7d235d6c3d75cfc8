// Nothing lost: a command that writes a file (`meso compile -o`) writes a
// temporary file and renames it, so whatever goes wrong the old file is
// still there, byte for byte. These run the meso binary end to end; the
// writer itself is tested in tests/cli/output_test.cpp.
//
// `meso fmt -i` likewise.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "tests/support/support.h"

using meso::test::read_file;
using meso::test::run_meso;
using meso::test::write_file;

namespace {

const std::string precious = "BEGIN:VCALENDAR\r\nX-OLD:the calendar the athlete subscribed to\r\nEND:VCALENDAR\r\n";

std::string example(const std::string& name) { return meso::test::source_dir() + "/examples/" + name; }

namespace fs = std::filesystem;

// r-x for everyone: nobody but root may create, rename or remove a file in it.
constexpr auto read_only_directory = fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read | fs::perms::group_exec |
                                     fs::perms::others_read | fs::perms::others_exec;

std::string quoted(const std::string& s)
{
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::size_t entries(const std::string& dir)
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST_CASE("compile -o of a program with errors writes nothing: the old calendar survives byte for byte")
{
    const auto dir = meso::test::temp_dir("lost-errors");
    write_file(dir + "/plan.meso", "athlete \"A\" { max squat 100 kg }\nprogram \"P\" {\n  start 2027-01-04\n  3 weeks kaatzu\n}\n");
    write_file(dir + "/plan.ics", precious);
    auto run = run_meso({"compile", dir + "/plan.meso", "-o", dir + "/plan.ics"});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("unknown template 'kaatzu'") != std::string::npos);
    CHECK(read_file(dir + "/plan.ics") == precious);
    CHECK(entries(dir) == 2);  // no temporary file left beside it
    std::filesystem::remove_all(dir);
}

// meso compile writes each program as soon as it is checked; an error
// found only in a later program must still leave nothing written.
const std::string three_programs = R"(athlete "A" { max squat 100 kg }
athlete "B" { max squat 120 kg }
program "First" for "A" {
  start 2027-01-04
  3 weeks "Base" { days mon thu; squat 3x5 @ 70% }
}
program "Second" for "B" {
  start 2027-01-04
  2 weeks "Base" { days tue; squat 3x5 @ 60% }
}
program "Last" for "A" {
  start 2027-02-01
  4 weeks "Down" {
    days wed
    squat 3x5 @ 10 kg -5 kg per week
  }
}
)";

TEST_CASE("compile -o of a file whose last program has an error writes nothing, though the programs before were fine")
{
    const auto dir = meso::test::temp_dir("lost-last-program");
    SECTION("an error found when expanding the last program") { write_file(dir + "/plan.meso", three_programs); }
    SECTION("an error found by the rules in the last program")
    {
        std::string text = three_programs;
        text.replace(text.find("    squat 3x5 @ 10 kg -5 kg per week"), std::string::npos,
                     "    allow no.such-rule \"why\"\n    squat 3x5 @ 10 kg\n  }\n}\n");
        write_file(dir + "/plan.meso", text);
    }
    write_file(dir + "/plan.ics", precious);
    auto run = run_meso({"compile", dir + "/plan.meso", "-o", dir + "/plan.ics"}, "SOURCE_DATE_EPOCH=1798761600");
    CHECK(run.exit_code == 1);
    CHECK(run.err.find(dir + "/plan.meso:15:") != std::string::npos);
    CHECK(run.err.find(": error: ") != std::string::npos);
    CHECK(run.err.find("has errors; nothing written") != std::string::npos);
    CHECK(read_file(dir + "/plan.ics") == precious);
    CHECK(entries(dir) == 2);  // no temporary file left beside it
    // Standard output cannot take back what it was given: nothing reaches it.
    auto to_stdout = run_meso({"compile", dir + "/plan.meso"}, "SOURCE_DATE_EPOCH=1798761600");
    CHECK(to_stdout.exit_code == 1);
    CHECK(to_stdout.out.empty());
    CHECK(to_stdout.err == run.err);
    std::filesystem::remove_all(dir);
}

TEST_CASE("compile gives the same calendar and the same messages into a file as to standard output")
{
    const auto dir = meso::test::temp_dir("lost-same-bytes");
    std::string text = three_programs;
    text.replace(text.find("squat 3x5 @ 10 kg -5 kg per week"), std::string("squat 3x5 @ 10 kg -5 kg per week").size(),
                 "squat 3x5 @ 10 kg +5 kg per week");
    write_file(dir + "/plan.meso", text);
    const std::string env = "SOURCE_DATE_EPOCH=1798761600 TZ=Europe/Berlin";
    auto to_file = run_meso({"compile", dir + "/plan.meso", "-o", dir + "/plan.ics"}, env);
    auto to_stdout = run_meso({"compile", dir + "/plan.meso"}, env);
    REQUIRE(to_file.exit_code == 0);
    REQUIRE(to_stdout.exit_code == 0);
    const std::string calendar = read_file(dir + "/plan.ics");
    CHECK(calendar == to_stdout.out);
    CHECK(to_file.err == to_stdout.err);
    std::size_t events = 0;
    for (std::size_t at = calendar.find("BEGIN:VEVENT"); at != std::string::npos; at = calendar.find("BEGIN:VEVENT", at + 1)) ++events;
    CHECK(events == 6 + 2 + 4);
    CHECK(calendar.find("X-WR-CALNAME;VALUE=TEXT:First\\, Second\\, Last\r\n") != std::string::npos);
    CHECK(calendar.rfind("END:VCALENDAR\r\n") == calendar.size() - 15);
    std::filesystem::remove_all(dir);
}

TEST_CASE("compile -o onto a disk that fills up mid-write keeps the old calendar and says why")
{
    const auto dir = meso::test::temp_dir("lost-full");
    write_file(dir + "/plan.ics", precious);
    // At most 4 KiB per file (ulimit -f counts 512-byte blocks) and the
    // signal for a file too large ignored: the write fails with EFBIG, the
    // way a full disk fails it with ENOSPC.
    auto run = run_meso({"compile", example("kaatsu-then-powerlifting.meso"), "-o", dir + "/plan.ics"}, "trap '' XFSZ; ulimit -f 8;");
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("cannot write '" + dir + "/plan.ics': File too large") != std::string::npos);
    CHECK(read_file(dir + "/plan.ics") == precious);
    CHECK(entries(dir) == 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("compile -o /dev/full fails with the reason and exit 2")
{
    auto run = run_meso({"compile", example("kaatsu-then-powerlifting.meso"), "-o", "/dev/full"});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("cannot write '/dev/full': No space left on device") != std::string::npos);
}

TEST_CASE("compile to standard output on /dev/full fails with exit 2, not a crash")
{
    auto run = run_meso({"compile", example("kaatsu-then-powerlifting.meso")});
    CHECK(run.exit_code == 0);  // the baseline: standard output is a file here
    CHECK(run.out.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
    auto full = run_meso({"compile", example("kaatsu-then-powerlifting.meso")}, "", "/dev/full");
    CHECK(full.exit_code == 2);  // a signal would be 128 + its number
    CHECK(full.err.find("No space left on device") != std::string::npos);
}

TEST_CASE("compile -o onto a file in /proc, which cannot be replaced, keeps it and says why")
{
    const std::string target = "/proc/version";
    const auto before = read_file(target);
    REQUIRE_FALSE(before.empty());
    auto run = run_meso({"compile", example("kaatsu-then-powerlifting.meso"), "-o", target});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("cannot write '/proc/version'") != std::string::npos);
    CHECK(read_file(target) == before);
}

TEST_CASE("compile -o into a read-only directory keeps the old file byte for byte and says why")
{
    const auto& user = meso::test::unprivileged();
    if (!user.available) {
        WARN("the read-only directory case of compile -o is not exercised: " << user.why_not);
        return;
    }
    const auto dir = meso::test::temp_dir("lost-readonly");
    write_file(dir + "/plan.meso", read_file(example("kaatsu-then-powerlifting.meso")));
    write_file(dir + "/plan.ics", precious);
    // The calendar itself may be written by anyone: a meso that wrote it in
    // place instead of renaming a temporary file over it would destroy it.
    fs::permissions(dir + "/plan.meso", fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(dir + "/plan.ics", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::group_write |
                                           fs::perms::others_read | fs::perms::others_write);
    fs::permissions(dir, read_only_directory);
    CHECK(meso::test::run_unprivileged("sh -c " + quoted("[ -w " + quoted(dir + "/plan.ics") + " ]")) == 0);
    CHECK(meso::test::run_unprivileged("sh -c " + quoted("[ -w " + quoted(dir) + " ]")) != 0);

    auto run = run_meso({"compile", dir + "/plan.meso", "-o", dir + "/plan.ics"}, user.prefix);
    fs::permissions(dir, fs::perms::owner_all);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("cannot write '" + dir + "/plan.ics': cannot create a file in '" + dir + "': Permission denied") !=
          std::string::npos);
    CHECK(read_file(dir + "/plan.ics") == precious);
    CHECK(entries(dir) == 2);  // no temporary file left beside it

    auto baseline = run_meso({"compile", dir + "/plan.meso", "-o", dir + "/plan.ics"});  // a directory it may write in
    CHECK(baseline.exit_code == 0);
    CHECK(read_file(dir + "/plan.ics").rfind("BEGIN:VCALENDAR\r\nVERSION:2.0", 0) == 0);
    fs::remove_all(dir);
}

TEST_CASE("compile -o that succeeds replaces the old calendar whole, with no temporary file left")
{
    const auto dir = meso::test::temp_dir("lost-ok");
    write_file(dir + "/plan.ics", precious);
    auto run = run_meso({"compile", example("kaatsu-then-powerlifting.meso"), "-o", dir + "/plan.ics"}, "SOURCE_DATE_EPOCH=1798761600");
    CHECK(run.exit_code == 0);
    const auto written = read_file(dir + "/plan.ics");
    CHECK(written.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
    CHECK(written.size() > 1000);
    CHECK(written.substr(written.size() - 15) == "END:VCALENDAR\r\n");
    CHECK(entries(dir) == 1);
    std::filesystem::remove_all(dir);
}

namespace {

// A program that parses but is not in the canonical layout, and is longer
// than 512 bytes (one block of `ulimit -f`).
std::string unformatted()
{
    std::string text = "athlete \"A\" {   max squat 180 kg ;  round 2.5 kg }\n";
    text += "program \"P\" {\n      start 2027-01-04\n";
    for (int i = 0; i < 20; ++i) text += "      1 week \"Block " + std::to_string(i) + "\" {  days mon ; squat   5x5  @  75% }\n";
    return text + "}\n";
}

}  // namespace

TEST_CASE("fmt -i of a file with a syntax error leaves it byte for byte")
{
    const auto dir = meso::test::temp_dir("lost-fmt-errors");
    const std::string broken = "athlete \"A\" {   max squat 180 kg }\nprogram \"P\" {\n  start 2027-02-30\n  3 weeks\n}\n";
    write_file(dir + "/plan.meso", broken);
    auto run = run_meso({"fmt", "-i", dir + "/plan.meso"});
    CHECK(run.exit_code == 1);
    CHECK(read_file(dir + "/plan.meso") == broken);
    CHECK(entries(dir) == 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("fmt -i onto a disk that fills up mid-write keeps the old file and says why")
{
    const auto dir = meso::test::temp_dir("lost-fmt-full");
    const auto text = unformatted();
    REQUIRE(text.size() > 512);
    write_file(dir + "/plan.meso", text);
    auto run = run_meso({"fmt", "-i", dir + "/plan.meso"}, "trap '' XFSZ; ulimit -f 1;");
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("File too large") != std::string::npos);
    CHECK(read_file(dir + "/plan.meso") == text);
    CHECK(entries(dir) == 1);

    auto ok = run_meso({"fmt", "-i", dir + "/plan.meso"});  // the baseline: without the limit it rewrites the file
    CHECK(ok.exit_code == 0);
    CHECK(read_file(dir + "/plan.meso") != text);
    CHECK(entries(dir) == 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("fmt to standard output on /dev/full fails with exit 2")
{
    const auto dir = meso::test::temp_dir("lost-fmt-stdout");
    write_file(dir + "/plan.meso", unformatted());
    auto full = run_meso({"fmt", dir + "/plan.meso"}, "", "/dev/full");
    CHECK(full.exit_code == 2);  // a signal would be 128 + its number
    CHECK(full.err.find("No space left on device") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("fmt -i in a read-only directory keeps the old file byte for byte and says why")
{
    const auto& user = meso::test::unprivileged();
    if (!user.available) {
        WARN("the read-only directory case of fmt -i is not exercised: " << user.why_not);
        return;
    }
    const auto dir = meso::test::temp_dir("lost-fmt-readonly");
    const auto text = unformatted();
    write_file(dir + "/plan.meso", text);
    // Writable by anyone, in a directory nobody may write in: formatting it
    // in place would succeed, replacing it cannot.
    fs::permissions(dir + "/plan.meso", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::group_write |
                                            fs::perms::others_read | fs::perms::others_write);
    fs::permissions(dir, read_only_directory);
    CHECK(meso::test::run_unprivileged("sh -c " + quoted("[ -w " + quoted(dir + "/plan.meso") + " ]")) == 0);

    auto run = run_meso({"fmt", "-i", dir + "/plan.meso"}, user.prefix);
    fs::permissions(dir, fs::perms::owner_all);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("cannot write '" + dir + "/plan.meso': cannot create a temporary file in '" + dir +
                       "': Permission denied; the file is left as it was") != std::string::npos);
    CHECK(read_file(dir + "/plan.meso") == text);
    CHECK(entries(dir) == 1);

    auto baseline = run_meso({"fmt", "-i", dir + "/plan.meso"});  // a directory it may write in: the file changes
    CHECK(baseline.exit_code == 0);
    CHECK(read_file(dir + "/plan.meso") != text);
    fs::remove_all(dir);
}

TEST_CASE("check --format json to a full standard output is exit 2, not a silent success")
{
    auto full = run_meso({"check", "--format", "json", example("kaatsu-then-powerlifting.meso")}, "", "/dev/full");
    CHECK(full.exit_code == 2);  // a signal would be 128 + its number
    CHECK(full.err == "meso: error: cannot write to standard output: No space left on device\n");
}
