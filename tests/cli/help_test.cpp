// meso help, --help and the errors of the command line itself: the real binary.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/support.h"

using meso::test::run_meso;

namespace {

const std::vector<std::string> commands = {"check",    "schedule", "compile",   "fmt",  "rules", "explain",
                                           "evidence", "init",     "templates", "show", "help"};

std::size_t count_lines_starting(const std::string& text, const std::string& prefix)
{
    std::size_t n = 0;
    for (std::size_t at = text.find("\n" + prefix); at != std::string::npos; at = text.find("\n" + prefix, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("an unknown command gets the nearest command and exit 2")
{
    const auto run = run_meso({"chek", "plan.meso"});
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err == "meso: error: unknown command 'chek'; did you mean 'check'?\nRun 'meso help' for the list of commands.\n");
    // A file where the command goes: the command that was likely meant.
    const auto file = run_meso({"plan.meso"});
    CHECK(file.exit_code == 2);
    CHECK(file.err.find("meso: error: unknown command 'plan.meso'\nTo check a program: meso check plan.meso\n") == 0);
}

TEST_CASE("meso without a command, or with an unknown option, says so in meso's words and exits 2")
{
    const auto none = run_meso({});
    CHECK(none.exit_code == 2);
    CHECK(none.err.find("meso: error: a command is required, such as 'meso check plan.meso'\n") == 0);
    const auto option = run_meso({"--versio"});
    CHECK(option.exit_code == 2);
    CHECK(option.err.find("meso: error: unknown option '--versio'; did you mean '--version'?\n") == 0);
}

TEST_CASE("meso help lists every command, and meso help COMMAND is that command's --help")
{
    const auto all = run_meso({"help"});
    REQUIRE(all.exit_code == 0);
    CHECK(all.out.find("Usage: meso [OPTIONS] SUBCOMMAND") != std::string::npos);
    for (const auto& command : commands) {
        INFO(command);
        CHECK(all.out.find("\n  " + command + " ") != std::string::npos);
        const auto one = run_meso({"help", command});
        CHECK(one.exit_code == 0);
        CHECK(one.out == run_meso({command, "--help"}).out);
    }
    CHECK(run_meso({"--help"}).out == all.out);
    const auto unknown = run_meso({"help", "chek"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("meso: error: unknown command 'chek'; did you mean 'check'?\n") == 0);
}

TEST_CASE("every command's --help names the program meso and ends with two or three examples")
{
    for (const auto& command : commands) {
        INFO(command);
        // run_meso runs the binary by its full path: the usage line must not show it.
        const auto run = run_meso({command, "--help"});
        CHECK(run.exit_code == 0);
        CHECK(run.err.empty());
        CHECK(run.out.find("Usage: meso " + command + " ") != std::string::npos);
        CHECK(run.out.find("/meso") == std::string::npos);
        const auto examples = run.out.find("\nExamples:\n");
        REQUIRE(examples != std::string::npos);
        const std::string tail = run.out.substr(examples);
        const std::size_t shown = count_lines_starting(tail, "  ");
        CHECK(shown >= 2);
        CHECK(shown <= 3);
        CHECK(count_lines_starting(tail, "  meso " + command) + count_lines_starting(tail, "  SOURCE_DATE_EPOCH=0 meso " + command) ==
              shown);
    }
}

TEST_CASE("a bad option of any command is meso: error: with exit 2, the nearest option, and where to read more")
{
    for (const auto& command : commands) {
        INFO(command);
        const auto run = run_meso({command, "--bogus-option"});
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(run.err.find("meso: error: unknown option '--bogus-option' for meso " + command + "\n") == 0);
        CHECK(run.err.find("Run 'meso " + command + " --help' for its options and examples.\n") != std::string::npos);
    }
    const auto misspelt = run_meso({"check", "--strct", "plan.meso"});
    CHECK(misspelt.err.find("meso: error: unknown option '--strct' for meso check; did you mean '--strict'?\n") == 0);
    const auto value = run_meso({"check", "--format", "xml", "plan.meso"});
    CHECK(value.exit_code == 2);
    CHECK(value.err.find("meso: error: --format: xml not in {text,json,sarif}\n") == 0);
}

TEST_CASE("a missing or extra argument is meso: error: with exit 2")
{
    for (const std::string command : {"check", "schedule", "compile", "fmt", "evidence"}) {
        INFO(command);
        const auto run = run_meso({command});
        CHECK(run.exit_code == 2);
        CHECK(run.err.find("meso: error: missing FILE\n") == 0);
    }
    CHECK(run_meso({"explain"}).err.find("meso: error: missing RULE-ID\n") == 0);
    const auto extra = run_meso({"schedule", "a.meso", "b.meso"});
    CHECK(extra.exit_code == 2);
    CHECK(extra.err.find("meso: error: unexpected argument 'b.meso'\n") == 0);
}

TEST_CASE("a file a command cannot read is meso: error: with exit 2, whatever the command")
{
    const std::string missing = meso::test::temp_dir("help-missing") + "/missing.meso";
    for (const std::string command : {"check", "schedule", "compile", "fmt", "evidence", "rules"}) {
        INFO(command);
        const auto run = run_meso({command, missing});
        CHECK(run.exit_code == 2);
        CHECK(run.err == "meso: error: cannot read '" + missing + "': No such file or directory\n");
    }
}
