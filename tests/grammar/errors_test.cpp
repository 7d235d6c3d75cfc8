// Syntax errors: recovery after a mistake, and the bounds on depth and size.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include "tests/grammar/support.h"

using namespace meso;
using namespace meso::grammar_test;

namespace {

std::vector<std::uint32_t> error_lines(const Parsed& parsed)
{
    std::vector<std::uint32_t> lines;
    for (const auto& d : parsed.diagnostics())
        if (d.severity == Severity::error) lines.push_back(d.span.line);
    return lines;
}

}  // namespace

TEST_CASE("a file with three independent mistakes yields exactly three errors, on their lines")
{
    const auto parsed = parse_text("athlete \"Alex\" {\n"
                                   "  max squat 180 kgs\n"  // 2: unknown unit
                                   "  max bench-press 120 kg\n"
                                   "}\n"
                                   "\n"
                                   "template kaatsu {\n"
                                   "  days mon wedd fri\n"  // 7: misspelt weekday
                                   "  squat 20% x 30,15,15,15 rest 30 s\n"
                                   "}\n"
                                   "\n"
                                   "program \"P\" for \"Alex\" {\n"
                                   "  start 2027-02-30\n"  // 12: no such date
                                   "  3 weeks kaatsu\n"
                                   "}\n");
    INFO(parsed.report());
    CHECK(error_lines(parsed) == std::vector<std::uint32_t>{2, 7, 12});
    CHECK(parsed.diagnostics()[0].message == "unknown unit 'kgs'; did you mean 'kg'?");
    CHECK(parsed.diagnostics()[1].message == "unknown weekday 'wedd'; did you mean 'wed'?");
    CHECK(parsed.diagnostics()[2].message == "2027-02-30 is not a date: that month has 28 days");
    // What parsed around the mistakes is kept.
    REQUIRE(parsed.file().statements.size() == 3);
}

TEST_CASE("after an error, parsing resumes at the next statement of the same body")
{
    const auto parsed = parse_text("template t {\n"
                                   "  squat 5x5 @ heavy\n"
                                   "  method bfr; occlusion sometimes; days mon\n"
                                   "  squat 5x5 @ 75%\n"
                                   "}\n");
    INFO(parsed.report());
    CHECK(error_lines(parsed) == std::vector<std::uint32_t>{2, 3});
    const auto& t = std::get<syntax::Template>(parsed.file().statements.at(0).node);
    // method, days and the second squat survive; the two mistakes are dropped.
    CHECK(t.body.statements.size() == 3);
}

TEST_CASE("an error in a statement's header skips its whole body, not line by line")
{
    const auto parsed = parse_text("athlete \"Alex {\n"  // unterminated: the '{' after it still opens the body
                                   "  max squat 180 kg\n"
                                   "}\n"
                                   "ruleset r \"R\" {\n"
                                   "  rule x error m {\n"  // the message unquoted
                                   "    require gap >= 4 h\n"
                                   "  }\n"
                                   "}\n"
                                   "use std.bfr\n");
    INFO(parsed.report());
    CHECK(error_lines(parsed) == std::vector<std::uint32_t>{1, 5});
    REQUIRE(parsed.file().statements.size() == 2);  // the rule set (without the rule) and the use
}

TEST_CASE("a missing '}' is reported once, naming the line of its '{', and what follows still parses")
{
    const auto parsed = parse_text("template t {\n  method bfr\n\nuse std.bfr\nathlete \"A\" {\n  max squat 100 kg\n");
    INFO(parsed.report());
    REQUIRE(parsed.error_count() == 2);
    CHECK(parsed.diagnostics()[0].message == "expected '}' to close the '{' of line 1, found 'use'");
    CHECK(parsed.diagnostics()[0].span.line == 4);
    CHECK(parsed.diagnostics()[1].message == "expected '}' to close the '{' of line 5, found the end of the file");
    // The unclosed template and athlete are dropped; the use between them is read.
    REQUIRE(parsed.file().statements.size() == 1);
    CHECK(std::get<syntax::Use>(parsed.file().statements[0].node).module.text == "std.bfr");
}

TEST_CASE("at most max_errors errors are reported, then a note says the rest was not read")
{
    std::string text;
    for (int i = 0; i < 50; ++i) text += "use 1\n";
    ParseLimits limits;
    limits.max_errors = 10;
    const auto parsed = parse_text(text, "many.meso", limits);
    CHECK(parsed.error_count() == 10);
    REQUIRE_FALSE(parsed.diagnostics().empty());
    CHECK(parsed.diagnostics().back().severity == Severity::note);
}

TEST_CASE("a 10,000-deep parenthesis gives one clear error and no crash")
{
    const std::string deep = std::string(10000, '(') + "gap >= 4 h" + std::string(10000, ')');
    const auto parsed = parse_text("ruleset r {\n  rule x error \"m\" {\n    require " + deep + "\n  }\n}\nuse std.bfr\n");
    REQUIRE(parsed.error_count() == 1);
    const auto& d = parsed.diagnostics()[0];
    CHECK(d.message.find("nested more than 64 deep") != std::string::npos);
    CHECK(d.span.line == 3);
    CHECK(d.span.column == 13 + 65);              // at the condition inside the 65th '('
    CHECK(parsed.file().statements.size() == 2);  // and the file goes on after it
}

TEST_CASE("deep 'not' and 'every exercise' chains are bounded like parentheses")
{
    std::string nots, everies;
    for (int i = 0; i < 10000; ++i) nots += "not ", everies += "every exercise ";
    for (const auto& chain : {nots, everies}) {
        const auto parsed = parse_text("ruleset r {\n  rule x error \"m\" {\n    require " + chain + "gap >= 4 h\n  }\n}\n");
        REQUIRE(parsed.error_count() == 1);
        CHECK(parsed.diagnostics()[0].message.find("nested more than") != std::string::npos);
    }
}

TEST_CASE("a chain of 256 conditions joined with 'and' parses")
{
    std::string chain = "gap >= 4 h";
    for (int i = 1; i < 256; ++i) chain += " and gap >= 4 h";
    const auto parsed = parse_text("ruleset r {\n  rule x error \"m\" {\n    require " + chain + "\n  }\n}\n");
    INFO(parsed.report().substr(0, 500));
    CHECK(parsed.diagnostics().empty());
}

TEST_CASE("a chain of 300,000 'and's gives one error and no crash: the tree's depth is bounded")
{
    // Left-deep, a chain is as deep as it is long, and every later stage
    // walks condition trees recursively.
    std::string chain = "gap >= 4 h";
    for (int i = 0; i < 300000; ++i) chain += " and gap >= 4 h";
    const auto parsed = parse_text("ruleset r {\n  rule x error \"m\" {\n    require " + chain + "\n  }\n}\nuse std.bfr\n");
    REQUIRE(parsed.error_count() == 1);
    CHECK(parsed.diagnostics()[0].message.find("this condition has more than 256 parts") == 0);
    CHECK(parsed.diagnostics()[0].span.column == 13 + 256 * 15);  // at the 257th part
    CHECK(parsed.file().statements.size() == 2);
}

TEST_CASE("nesting and chains together are bounded too")
{
    // 60 parentheses, each holding a chain of 10: 600 levels.
    std::string condition = "gap >= 4 h";
    for (int i = 0; i < 60; ++i)
        condition =
            "(" + condition +
            " and weeks > 1 and weeks > 2 and weeks > 3 and weeks > 4 and weeks > 5 and weeks > 6 and weeks > 7 and weeks > 8 and weeks > 9)";
    const auto parsed = parse_text("ruleset r {\n  rule x error \"m\" {\n    require " + condition + "\n  }\n}\n");
    REQUIRE(parsed.error_count() == 1);
    CHECK(parsed.diagnostics()[0].message.find("this condition has more than 256 parts") == 0);
}

TEST_CASE("a file over the size limit gives a clear error and is not parsed")
{
    ParseLimits limits;
    limits.max_bytes = 100;
    std::string text;
    while (text.size() <= 100) text += "use std.bfr\n";
    const auto parsed = parse_text(text, "big.meso", limits);
    REQUIRE(parsed.diagnostics().size() == 1);
    CHECK(parsed.diagnostics()[0].message.find("the file is 108 bytes; meso reads files of at most 100 bytes") == 0);
    CHECK(parsed.file().statements.empty());
    // At the limit itself the file is read.
    const auto at_limit = parse_text(text.substr(0, 96), "ok.meso", limits);
    CHECK(at_limit.diagnostics().empty());
}

TEST_CASE("meso check on a 200 MB file stops at once with a message, without reading it")
{
    const auto dir = std::filesystem::temp_directory_path() / ("meso-big-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const auto big = dir / "big.meso";
    // Sparse: 200 MB of size, no blocks on disk.
    REQUIRE(run("truncate -s 200M " + quoted(big.string())).exit_code == 0);
    // At most 150 MB of address space: the file cannot be read into memory.
    // (Not under AddressSanitizer, which reserves terabytes of it.)
#if defined(__SANITIZE_ADDRESS__)
    const std::string limit;
#else
    const std::string limit = "ulimit -v 150000; ";
#endif
    const auto start = std::chrono::steady_clock::now();
    const auto r = run(limit + std::string(MESO_BINARY) + " check " + quoted(big.string()));
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::filesystem::remove_all(dir);
    INFO(r.output);
    CHECK((r.exit_code == 1 || r.exit_code == 2));
    CHECK(r.output.find("200 MiB; meso reads files of at most 64 MiB") != std::string::npos);
    CHECK(r.output.find("internal error") == std::string::npos);
    CHECK(seconds < 2.0);
}

TEST_CASE("meso check on a 10,000-deep parenthesis: exit 1, one error, no crash")
{
    const auto dir = std::filesystem::temp_directory_path() / ("meso-deep-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / "deep.meso";
    {
        std::ofstream out(path);
        out << "ruleset r {\n  rule x error \"m\" {\n    require " << std::string(10000, '(') << "gap >= 4 h" << std::string(10000, ')')
            << "\n  }\n}\n";
    }
    const auto r = run(std::string(MESO_BINARY) + " check " + quoted(path.string()));
    std::filesystem::remove_all(dir);
    CHECK(r.exit_code == 1);
    std::size_t errors = 0;
    for (std::size_t at = r.output.find(": error: "); at != std::string::npos; at = r.output.find(": error: ", at + 1)) ++errors;
    CHECK(errors == 1);
    CHECK(r.output.find(path.string() + ":3:78: error: conditions are nested more than 64 deep") != std::string::npos);
}
