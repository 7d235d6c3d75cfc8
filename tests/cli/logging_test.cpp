// -v, MESO_LOG and --log-file (docs/commands.md, "Seeing what meso does"):
// what meso reads and does, on standard error or in a file, never on
// standard output; nothing at all by default.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "tests/support/support.h"

using meso::test::run_meso;

namespace {

const std::string flagship = meso::test::source_dir() + "/examples/kaatsu-then-powerlifting.meso";
const std::string no_findings = meso::test::source_dir() + "/examples/meet-prep.meso";  // standard error has check's summary alone
const std::string summary = "no findings in 1 file\n";

bool has(const std::string& text, const std::string& fragment) { return text.find(fragment) != std::string::npos; }

}  // namespace

TEST_CASE("without -v or MESO_LOG meso logs nothing")
{
    const auto run = run_meso({"check", no_findings}, "TZ=UTC MESO_LOG=");
    CHECK(run.exit_code == 0);
    CHECK(run.err == summary);
    CHECK(run.out.empty());
}

TEST_CASE("meso -v says on standard error the files read, the rule sets and where they came from, the zone, the stages and the findings")
{
    const auto run = run_meso({"check", "-v", flagship}, "TZ=Europe/Berlin MESO_LOG=");
    REQUIRE(run.exit_code == 0);
    INFO(run.err);
    CHECK(run.out.empty());
    CHECK(has(run.err, "meso: info: read " + flagship + " (the file given, "));
    CHECK(has(run.err, "meso: info: read std/templates.meso (std.templates from the standard library, by use std.templates, "));
    CHECK(has(run.err, "meso: info: read std/kaatsu.meso (std.kaatsu from the standard library, a default rule set, "));
    CHECK(has(run.err, "meso: info: rule set kaatsu from std/kaatsu.meso, std.kaatsu from the standard library, a default rule set\n"));
    CHECK(has(run.err, "meso: info: rule set bfr from std/bfr.meso, std.bfr from the standard library, by use std.bfr\n"));
    CHECK(has(run.err, "meso: info: program 'Off-season 2027': time zone Europe/Berlin (from TZ)\n"));
    CHECK(has(run.err, "meso: info: planned 1 program, 66 sessions, in "));
    CHECK(has(run.err, "meso: info: scheduled 66 sessions of 1 program in "));
    CHECK(has(run.err, "; rules checked in "));
    CHECK(has(run.err, "meso: info: findings: 0 errors, 0 warnings, 2 infos, 0 notes\n"));
    CHECK(has(run.err, "meso: info: exit status 0 after "));
    CHECK_FALSE(has(run.err, "meso: debug:"));
}

TEST_CASE("meso -v before the command works as after it, and --rules and --no-default-rules are said")
{
    const std::string dir = meso::test::temp_dir("logging-rules");
    meso::test::write_file(dir + "/clinic.meso", "ruleset clinic {\n  source \"the clinic\"\n}\n");
    const auto run = run_meso({"-v", "rules", "--no-default-rules", "--rules", dir + "/clinic.meso"}, "MESO_LOG=");
    INFO(run.err);
    CHECK(has(run.err, "meso: info: read " + dir + "/clinic.meso (--rules " + dir + "/clinic.meso, "));
    CHECK(has(run.err, "meso: info: 1 rule set in force (--no-default-rules)\n"));
    CHECK(has(run.err, "meso: info: rule set clinic from " + dir + "/clinic.meso, --rules "));
}

TEST_CASE("a module read from MESO_PATH is said with its directory")
{
    const std::string dir = meso::test::temp_dir("logging-meso-path");
    std::filesystem::create_directories(dir + "/std");
    meso::test::write_file(dir + "/std/bfr.meso", "ruleset bfr {\n  source \"a clinic's own\"\n}\n");
    const auto run = run_meso({"check", "-v", flagship}, "TZ=UTC MESO_LOG= MESO_PATH=" + dir);
    INFO(run.err);
    CHECK(has(run.err, "meso: info: MESO_PATH=" + dir + "\n"));
    CHECK(has(run.err, "meso: info: read " + dir + "/std/bfr.meso (std.bfr from MESO_PATH directory " + dir + ", by use std.bfr, "));
}

TEST_CASE("meso -v adds nothing to standard output: schedule --format json and compile -o - are byte for byte the same")
{
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"schedule", "--format", "json", flagship}, std::vector<std::string>{"compile", flagship, "-o", "-"},
          std::vector<std::string>{"schedule", "--format", "csv", flagship}}) {
        INFO(command[0]);
        const auto quiet = run_meso(command, "TZ=UTC SOURCE_DATE_EPOCH=0 MESO_LOG=");
        auto verbose_command = command;
        verbose_command.push_back("-vv");
        const auto verbose = run_meso(verbose_command, "TZ=UTC SOURCE_DATE_EPOCH=0 MESO_LOG=");
        REQUIRE(quiet.exit_code == 0);
        CHECK(verbose.exit_code == 0);
        CHECK(!quiet.out.empty());
        CHECK(verbose.out == quiet.out);
        CHECK(has(verbose.err, "meso: debug: program 'Off-season 2027': 66 sessions in 2 blocks, scheduled in "));
    }
}

TEST_CASE("MESO_LOG=debug says more than info, MESO_LOG=warn and off say nothing of a run that goes well")
{
    const auto debug = run_meso({"check", flagship}, "TZ=UTC MESO_LOG=debug");
    CHECK(debug.exit_code == 0);
    CHECK(debug.out.empty());
    CHECK(has(debug.err, "meso: debug: meso "));
    CHECK(has(debug.err, ", tz database "));
    CHECK(has(debug.err, "meso: info: read "));
    CHECK(run_meso({"check", no_findings}, "TZ=UTC MESO_LOG=warn").err == summary);
    CHECK(run_meso({"check", no_findings}, "TZ=UTC MESO_LOG=off").err == summary);
    // -v on the command line is at least info, whatever MESO_LOG says.
    CHECK(has(run_meso({"check", "-v", flagship}, "TZ=UTC MESO_LOG=off").err, "meso: info: read "));
}

TEST_CASE("a MESO_LOG that names no level is a warning with the nearest level, and the command still runs")
{
    const auto run = run_meso({"check", no_findings}, "TZ=UTC MESO_LOG=inf");
    CHECK(run.exit_code == 0);
    CHECK(run.out.empty());
    CHECK(run.err ==
          "meso: warning: MESO_LOG='inf' is not a log level (debug, info, warn or off); did you mean 'info'?; it is ignored\n" + summary);
}

TEST_CASE("meso --log-file appends the log to the file, with times, and standard error stays quiet")
{
    const std::string dir = meso::test::temp_dir("logging-file");
    const std::string log = dir + "/meso.log";
    const auto first = run_meso({"check", "--log-file", log, no_findings}, "TZ=UTC MESO_LOG=");
    CHECK(first.exit_code == 0);
    CHECK(first.err == summary);
    CHECK(first.out.empty());
    const std::string once = meso::test::read_file(log);
    CHECK(has(once, " info: read " + no_findings + " (the file given, "));
    CHECK(has(once, " info: exit status 0 after "));
    CHECK(once.rfind("20", 0) == 0);  // a line starts with its date and time
    run_meso({"rules", "--log-file", log}, "MESO_LOG=");
    const std::string twice = meso::test::read_file(log);
    CHECK(twice.size() > once.size());
    CHECK(twice.compare(0, once.size(), once) == 0);
}

TEST_CASE("a log file that cannot be opened stops the command with exit 2")
{
    const auto run = run_meso({"check", "--log-file", "/nonexistent-dir/meso.log", flagship}, "TZ=UTC MESO_LOG=");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == "meso: error: cannot open the log file '/nonexistent-dir/meso.log': No such file or directory\n");
}
