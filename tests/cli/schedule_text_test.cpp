// meso schedule's text (docs/commands.md, "meso schedule FILE"): grouped by
// program and block week, a line per group of sets, no line wider than the
// terminal (80 columns off a terminal), colour only on a terminal and
// never with NO_COLOR.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "engine/base/text.h"
#include "engine/emit/schedule_text.h"
#include "tests/support/support.h"

using meso::test::run_meso;

namespace {

const std::string flagship = meso::test::source_dir() + "/examples/kaatsu-then-powerlifting.meso";

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::size_t widest(const std::string& text)
{
    std::size_t widest = 0;
    for (const auto& line : lines_of(text)) widest = std::max(widest, meso::display_width(line));
    return widest;
}

std::vector<std::string> examples()
{
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(meso::test::source_dir() + "/examples"))
        if (entry.path().extension() == ".meso") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

std::string text_of(const std::string& program, std::size_t width)
{
    auto c = meso::test::compile(program);
    INFO(meso::test::messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    std::ostringstream out;
    meso::emit::write_sessions_text(out, c.schedule, {}, {width, false});
    return out.str();
}

// `command` run by script(1) on a pseudo-terminal; what it printed, with the terminal's \r\n as \n.
std::string on_a_terminal(const std::string& command)
{
    const std::string dir = meso::test::temp_dir("tty");
    const std::string shell = "script -qec '" + command + "' /dev/null > " + dir + "/out 2>&1 </dev/null";
    REQUIRE(std::system(shell.c_str()) == 0);
    std::string out = meso::test::read_file(dir + "/out");
    std::filesystem::remove_all(dir);
    std::string unix;
    for (char c : out)
        if (c != '\r') unix += c;
    return unix;
}

bool has_escape(const std::string& text) { return text.find('\033') != std::string::npos; }

}  // namespace

TEST_CASE("no line of any example's text schedule is wider than 80 columns off a terminal")
{
    for (const auto& file : examples()) {
        INFO(file);
        const auto run = run_meso({"schedule", file}, "TZ=UTC");
        CHECK(run.exit_code == 0);
        CHECK(!run.out.empty());
        CHECK(widest(run.out) <= 80);
        CHECK_FALSE(has_escape(run.out));
    }
}

TEST_CASE("a session's long content wraps under it with a hanging indent, at the width given")
{
    const std::string program = "athlete \"A\" {\n  max squat 100 kg\n  round 2.5 kg\n}\n"
                                "program \"P\" for \"A\" {\n  start 2027-01-04\n  timezone UTC\n"
                                "  1 week \"Base\" {\n    days mon\n    sessions 08:00 for 60 min\n"
                                "    squat 5x5 @ 75% rest 3 min\n"
                                "    \"a very long exercise name that a coach wrote out in full\" 3x8 rest 90 s\n"
                                "    note \"keep the bar path over mid-foot and breathe out only at the top of each "
                                "rep, never at the bottom\"\n  }\n}\n";
    for (const std::size_t width : {std::size_t{80}, std::size_t{50}}) {
        INFO(width);
        const std::string text = text_of(program, width);
        INFO(text);
        CHECK(widest(text) <= width);
        const auto lines = lines_of(text);
        // The note is cut at a space and goes on under its first word.
        const auto note = std::find_if(lines.begin(), lines.end(), [](const auto& l) { return l.rfind("    note: keep", 0) == 0; });
        REQUIRE(note != lines.end());
        REQUIRE(note + 1 != lines.end());
        CHECK((note + 1)->rfind("          ", 0) == 0);
        CHECK((note + 1)->find_first_not_of(' ') == 10);
        // Every word is still there, in order.
        std::string joined;
        for (auto l = note; l != lines.end() && l->rfind("    ", 0) == 0; ++l) joined += " " + l->substr(l->find_first_not_of(' '));
        CHECK(joined.find("note: keep the bar path over mid-foot and breathe out only at the top of each rep, never at the bottom") !=
              std::string::npos);
    }
    // A name longer than a third of the line stands alone, its sets under it in
    // the columns of the others: the squat's row stays whole.
    const auto lines = lines_of(text_of(program, 80));
    const auto squat = std::find_if(lines.begin(), lines.end(), [](const auto& l) { return l.rfind("    squat ", 0) == 0; });
    REQUIRE(squat != lines.end());
    CHECK(squat->find("5×5") != std::string::npos);
    CHECK(squat->find("75 kg (75%)") != std::string::npos);
    CHECK(squat->find("rest 3 min") != std::string::npos);
    REQUIRE(squat + 2 < lines.end());
    CHECK(*(squat + 1) == "    a very long exercise name that a coach wrote out in full");
    CHECK((squat + 2)->find("3×8") == squat->find("5×5"));
    CHECK((squat + 2)->find("rest 90 s") == squat->find("rest 3 min"));
}

TEST_CASE("a line is cut at its last space that fits, a word wider than the line between characters")
{
    CHECK(meso::emit::wrap_line("short", 10, 2) == std::vector<std::string>{"short"});
    CHECK(meso::emit::wrap_line("one two three four", 10, 2) == std::vector<std::string>{"one two", "  three", "  four"});
    CHECK(meso::emit::wrap_line("    indented text here", 12, 6) == std::vector<std::string>{"    indented", "      text", "      here"});
    CHECK(meso::emit::wrap_line("abcdefghijkl", 5, 1) == std::vector<std::string>{"abcde", " fghi", " jkl"});
    // Columns on screen, not bytes: 深蹲 takes four, and is not cut inside a character.
    CHECK(meso::emit::wrap_line("深蹲深蹲深蹲", 5, 0) == std::vector<std::string>{"深蹲", "深蹲", "深蹲"});
    CHECK(meso::emit::wrap_line("× × × ×", 3, 0) == std::vector<std::string>{"× ×", "× ×"});
}

TEST_CASE("the schedule has no escape bytes off a terminal, with NO_COLOR, or with --color=never")
{
    CHECK_FALSE(has_escape(run_meso({"schedule", flagship}, "TZ=UTC").out));
    CHECK_FALSE(has_escape(run_meso({"schedule", "--color", "auto", flagship}, "TZ=UTC").out));
    CHECK_FALSE(has_escape(run_meso({"schedule", "--color", "always", flagship}, "TZ=UTC NO_COLOR=1").out));
    CHECK(has_escape(run_meso({"schedule", "--color", "always", flagship}, "TZ=UTC").out));
    // JSON and CSV never have colour.
    CHECK_FALSE(has_escape(run_meso({"schedule", "--color", "always", "--format", "json", flagship}, "TZ=UTC").out));
    CHECK_FALSE(has_escape(run_meso({"schedule", "--color", "always", "--format", "csv", flagship}, "TZ=UTC").out));
    const auto bad = run_meso({"schedule", "--color", "sometimes", flagship});
    CHECK(bad.exit_code == 2);
}

TEST_CASE("on a terminal the schedule has bold headings and dim secondary text, as wide as the terminal, and none with NO_COLOR")
{
    const std::string meso = MESO_BINARY;
    const std::string coloured = on_a_terminal("stty cols 60; TZ=UTC " + meso + " schedule " + flagship);
    INFO(coloured);
    CHECK(coloured.find("\033[1mOff-season 2027 for Alex\033[0m\n") != std::string::npos);
    CHECK(coloured.find("\033[2mtimes in UTC (from TZ)\033[0m\n") != std::string::npos);
    CHECK(coloured.find("\033[1mKaatsu — week 1 of 3 — Mon 2027-01-04 to Sat 2027-01-09\033[0m\n") != std::string::npos);
    // 60 columns: the terminal's width, not 80 (the escapes take none).
    std::string bare;
    for (std::size_t i = 0; i < coloured.size(); ++i) {
        if (coloured[i] == '\033') i = coloured.find('m', i);
        else bare += coloured[i];
    }
    CHECK(widest(bare) <= 60);
    CHECK(widest(bare) > 50);
    CHECK_FALSE(has_escape(on_a_terminal("NO_COLOR=1 TZ=UTC " + meso + " schedule " + flagship)));
    CHECK_FALSE(has_escape(on_a_terminal("TZ=UTC " + meso + " schedule --color never " + flagship)));
}
