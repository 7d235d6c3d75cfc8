// Bounds: every limit meso sets on its input is a located error with a
// clear message, and hostile inputs stay linear. See docs/reliability.md.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/emit/sessions.h"
#include "grammar/parse.h"
#include "tests/support/support.h"

using meso::test::compile;
using meso::test::has_message;
using meso::test::messages;

namespace {

const std::string athlete = "athlete \"A\" {\n  max squat 100 kg\n}\n";

std::string repeat(const std::string& s, int n)
{
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

const meso::Diagnostic* find(const std::vector<meso::Diagnostic>& ds, const std::string& fragment)
{
    for (const auto& d : ds)
        if (d.message.find(fragment) != std::string::npos) return &d;
    return nullptr;
}

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("a file larger than the bound is one located error and is not parsed")
{
    meso::Source source{"big.meso", std::string(2u << 20, '\n')};
    meso::ParseLimits limits;
    limits.max_bytes = 1u << 20;
    auto r = meso::parse(source, limits);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "the file is 2 MiB; meso reads files of at most 1 MiB; split it into several files");
    CHECK(r.diagnostics[0].span.line == 1);
    CHECK(r.file.statements.empty());
}

TEST_CASE("meso refuses a file over its size bound before reading it, and says so")
{
    const auto dir = meso::test::temp_dir("size");
    const auto path = dir + "/huge.meso";
    std::filesystem::resize_file((meso::test::write_file(path, ""), path), (64u << 20) + 1);
    auto run = meso::test::run_meso({"check", path});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("is 64 MiB; meso reads files of at most 64 MiB") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("conditions nested deeper than the bound are a located error, not a stack overflow")
{
    const std::string rule = "ruleset r \"R\" {\n  rule x error \"x\" {\n    require " + std::string(100000, '(') + "weeks > 1\n  }\n}\n";
    auto c = compile(rule);
    const auto* d = find(c.diagnostics, "conditions are nested more than 64 deep; split the condition into several rules");
    REQUIRE(d);
    CHECK(d->span.line == 3);
    CHECK(d->span.column == 13 + 65);  // inside the 65th parenthesis
}

TEST_CASE("an 'and' chain longer than the bound is a located error, not a stack overflow")
{
    std::string condition = "weeks > 1";
    for (int i = 0; i < 100000; ++i) condition += " and weeks > 1";
    auto c = compile("ruleset r \"R\" {\n  rule x error \"x\" {\n    require " + condition + "\n  }\n}\n");
    const auto* d = find(c.diagnostics, "this condition has more than 256 parts joined with 'and', 'or', 'not' and parentheses");
    REQUIRE(d);
    CHECK(d->span.line == 3);
    CHECK(d->span.column == 13 + 256 * 14);  // the 257th term
    CHECK(d->span.text() == "weeks > 1");
}

TEST_CASE("an 'or' chain of exactly the bound is accepted, one more term is not")
{
    auto chain = [](int terms) {
        std::string condition = "weeks > 1";
        for (int i = 1; i < terms; ++i) condition += " or weeks > 1";
        return "ruleset r \"R\" {\n  rule x error \"x\" {\n    require " + condition + "\n  }\n}\n";
    };
    CHECK_FALSE(has_message(compile(chain(256)).diagnostics, "more than 256 parts"));
    CHECK(has_message(compile(chain(257)).diagnostics, "this condition has more than 256 parts"));
}

TEST_CASE("a program of more blocks than the bound is one located error")
{
    auto c = compile(athlete + "program \"P\" {\n  start 2027-01-04\n" + repeat("  1 day \"b\" { days mon }\n", 10005) + "}\n");
    const auto* d = find(c.diagnostics, "a program holds at most 10000 blocks");
    REQUIRE(d);
    CHECK(d->span.line == 6 + 10000);
    int count = 0;
    for (const auto& x : c.diagnostics) count += x.message.find("at most 10000 blocks") != std::string::npos;
    CHECK(count == 1);
}

TEST_CASE("a block of more weeks than the bound is a located error")
{
    auto c =
        compile(athlete + "program \"P\" {\n  start 2027-01-04\n  1001 weeks \"B\" { days mon }\n  1000 weeks \"C\" { days mon }\n}\n");
    const auto* d = find(c.diagnostics, "a block lasts at most 1000 weeks");
    REQUIRE(d);
    CHECK(d->span.line == 6);
    CHECK(d->span.text() == "1001 weeks");
    CHECK(c.diagnostics.size() == 1);
}

TEST_CASE("numbers too long or too large to be meant are located errors")
{
    auto c = compile(athlete + "program \"P\" {\n  start 2027-01-04\n  1234567890123456 weeks \"B\" { days mon }\n"
                               "  9999999999 weeks \"C\" { days mon }\n  1 week \"D\" { days mon; squat 9999999999x5 @ 50% }\n}\n");
    CHECK(has_message(c.diagnostics, "the number 1234567890123456 is too long; numbers have at most 15 digits"));
    CHECK(has_message(c.diagnostics, "a block lasts at most 1000 weeks"));
    CHECK(has_message(c.diagnostics, "9999999999 sets is more than any session holds (at most 10000)"));
    CHECK_FALSE(c.compilation->module.programs.empty());
}

TEST_CASE("the --max-sessions bound on expansion is a located error")
{
    auto c = compile(athlete + "program \"P\" {\n  start 2027-01-04\n  1000 weeks \"B\" { days mon..sun; sessions 06:00, 18:00 }\n}\n",
                     "test.meso", false, 10000);
    const auto* d = find(c.diagnostics, "this program expands to 14000 sessions, more than --max-sessions allows (10000)");
    REQUIRE(d);
    CHECK(d->span.line == 4);
    CHECK(c.schedule.programs.empty());
}

TEST_CASE("the sets a program plans are bounded before any is made")
{
    // 1001 exercises of 1 set, with a weekly progression: 1000 different
    // weeks of 1001 sets is more than a million.
    auto c = compile(athlete + "program \"P\" {\n  start 2027-01-04\n  1000 weeks \"B\" {\n    days mon\n" +
                     repeat("    squat 1x1 @ 50% +0.01% per week\n", 1001) + "  }\n}\n");
    const auto* d = find(c.diagnostics, "this program plans more than 1000000 sets");
    REQUIRE(d);
    CHECK(d->span.line == 4);
    CHECK(c.schedule.programs.empty());

    auto fits = compile(athlete + "program \"P\" {\n  start 2027-01-04\n  1000 weeks \"B\" {\n    days mon\n" +
                        repeat("    squat 1x1 @ 50% +0.01% per week\n", 999) + "  }\n}\n");
    CHECK_FALSE(meso::has_errors(fits.diagnostics));
}

TEST_CASE("the sets the sessions of a file hold are bounded, ten a session of --max-sessions, before any is made")
{
    // --max-sessions 100 allows 1000 sets in all. One session a day for a
    // week, each of 150 sets: 1050.
    auto week_of = [](const std::string& name, int sets) {
        return "program \"" + name + "\" {\n  start 2027-01-04\n  1 week \"B\" {\n    days mon..sun\n    squat " + std::to_string(sets) +
               "x1 @ 50%\n  }\n}\n";
    };
    auto over = compile(athlete + week_of("P", 150), "test.meso", false, 100);
    const auto* d = find(over.diagnostics, "the sessions of this file hold more than 1000 sets in all");
    REQUIRE(d);
    CHECK(d->message.find("raise --max-sessions") != std::string::npos);
    CHECK(d->span.line == 4);
    CHECK(over.schedule.programs.empty());

    auto fits = compile(athlete + week_of("P", 142), "test.meso", false, 100);  // 994
    CHECK_FALSE(meso::has_errors(fits.diagnostics));
    CHECK(fits.program().sessions.size() == 7);

    // Counted over the whole file: the second program does not fit after
    // the first, and the ones after it are not expanded.
    auto two = compile(athlete + week_of("P1", 100) + week_of("P2", 100) + week_of("P3", 1), "test.meso", false, 100);
    const auto* second = find(two.diagnostics, "the sessions of this file hold more than 1000 sets in all");
    REQUIRE(second);
    CHECK(second->span.line == 4 + 7);
    REQUIRE(two.schedule.programs.size() == 1);
    CHECK(two.program().name == "P1");

    // The budget grows with --max-sessions.
    CHECK_FALSE(meso::has_errors(compile(athlete + week_of("P", 150), "test.meso", false, 105).diagnostics));
}

TEST_CASE("meso compile and meso schedule refuse a file whose sessions hold too many sets, and write nothing")
{
    const auto dir = meso::test::temp_dir("sets-budget");
    meso::test::write_file(dir + "/p.meso", athlete + "program \"P\" {\n  start 2027-01-04\n  1 week \"B\" {\n"
                                                      "    days mon..sun\n    squat 150x1 @ 50%\n  }\n}\n");
    auto schedule = meso::test::run_meso({"schedule", dir + "/p.meso", "--max-sessions", "100"});
    CHECK(schedule.exit_code == 1);
    CHECK(schedule.out.empty());
    CHECK(schedule.err.find("error: the sessions of this file hold more than 1000 sets in all") != std::string::npos);
    auto compile_run = meso::test::run_meso({"compile", dir + "/p.meso", "-o", dir + "/p.ics", "--max-sessions", "100"});
    CHECK(compile_run.exit_code == 1);
    CHECK_FALSE(std::filesystem::exists(dir + "/p.ics"));
}

TEST_CASE("thousands of overlapping splits give one error each, naming the first split, in linear time")
{
    const auto start = std::chrono::steady_clock::now();
    auto c = compile(athlete + "program \"P\" {\n  start 2027-01-04\n  100 weeks \"B\" {\n" +
                     repeat("    mon..sun { squat 5x5 @ 50% }\n", 3000) + "  }\n}\n");
    CHECK(seconds_since(start) < 5.0);
    int overlaps = 0;
    for (const auto& d : c.diagnostics) {
        if (d.message != "these weekdays already have a split") continue;
        ++overlaps;
        REQUIRE(d.notes.size() == 1);
        CHECK(d.notes[0].span.line == 7);
    }
    CHECK(overlaps == 2999);
}

TEST_CASE("many overlapping skips drop exactly the days they cover")
{
    std::string skips;
    for (int i = 0; i < 5000; ++i) skips += "  skip 2027-01-05..2027-01-06\n";
    skips += "  skip 2027-01-06..2027-01-07\n  skip 2027-01-08\n  skip 2027-01-12..2027-01-12\n  skip 2027-01-01..2027-01-03\n";
    auto c = compile(athlete + "program \"P\" {\n  start 2027-01-04\n" + skips + "  2 weeks \"B\" { days mon..sun }\n}\n");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    std::vector<std::string> dates;
    for (const auto& s : c.program().sessions) dates.push_back(meso::format_date(s.date));
    CHECK(dates == std::vector<std::string>{"2027-01-04", "2027-01-09", "2027-01-10", "2027-01-11", "2027-01-13", "2027-01-14",
                                            "2027-01-15", "2027-01-16", "2027-01-17"});
}

TEST_CASE("a file of many comment lines is parsed in linear time, each comment where it is")
{
    const std::string text = repeat("# a comment of a line\n", 40000) + "athlete \"A\" { max squat 100 kg }  # last\n";
    meso::Source source{"c.meso", text};
    const auto start = std::chrono::steady_clock::now();
    auto r = meso::parse(source);
    CHECK(seconds_since(start) < 2.0);
    REQUIRE(r.file.all_comments.size() == 40001);
    CHECK(r.file.all_comments[39999].span.line == 40000);
    CHECK(r.file.all_comments[39999].span.column == 1);
    CHECK(r.file.all_comments[40000].span.line == 40001);
    CHECK(r.file.all_comments[40000].span.column == 35);
    CHECK(r.file.all_comments[40000].text == "# last");
}

TEST_CASE("schedule JSON is written one session at a time and is the document it always was")
{
    auto ok = compile(athlete + "program \"P\" {\n  start 2027-01-04\n  1 week \"B\" { days mon wed; squat 5x5 @ 50% }\n}\n"
                                "program \"R\" for \"A\" {\n  start 2027-01-04\n}\n");
    REQUIRE_FALSE(meso::has_errors(ok.diagnostics));
    std::ostringstream out;
    meso::emit::write_sessions_json(out, ok.schedule);
    const auto doc = nlohmann::ordered_json::parse(out.str());
    CHECK(out.str() == doc.dump(2) + "\n");  // byte for byte what one dump of the whole document gives
    REQUIRE(doc["programs"].size() == 2);
    CHECK(doc["programs"][0]["sessions"].size() == 2);
    CHECK(doc["programs"][1]["sessions"].empty());

    std::ostringstream none;
    meso::emit::write_sessions_json(none, meso::scheduling::ScheduleResult{});
    CHECK(none.str() == "{\n  \"programs\": []\n}\n");
}

TEST_CASE("imports nested deeper than the bound, and cycles, are located errors")
{
    const auto dir = meso::test::temp_dir("imports");
    for (int i = 0; i < 40; ++i)
        meso::test::write_file(dir + "/m" + std::to_string(i) + ".meso", "use \"m" + std::to_string(i + 1) + ".meso\"\n");
    meso::test::write_file(dir + "/m40.meso", "template t { days mon }\n");
    meso::resolving::ResolveOptions options;
    options.default_rules = false;
    auto deep = meso::resolving::resolve_file(dir + "/m0.meso", options);
    const auto* d = find(deep->diagnostics, "imports are nested more than 32 deep");
    REQUIRE(d);
    CHECK(d->span.line == 1);
    CHECK(std::filesystem::path(std::string(d->span.path())).filename() == "m32.meso");

    meso::test::write_file(dir + "/a.meso", "use \"b.meso\"\n");
    meso::test::write_file(dir + "/b.meso", "use \"a.meso\"\n");
    auto cycle = meso::resolving::resolve_file(dir + "/a.meso", options);
    CHECK(has_message(cycle->diagnostics, "a.meso → b.meso → a.meso"));
    std::filesystem::remove_all(dir);
}
