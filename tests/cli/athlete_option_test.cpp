// --athlete NAME on meso check, schedule and compile (docs/teams.md): one
// athlete's programs, of a group's or by name; an unknown name is exit 2.
// meso compile --per-athlete -o DIR/: one calendar per athlete, all or none.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "tests/support/support.h"

using meso::test::run_meso;

namespace {

const std::string squad = "athlete \"Ann\" { max squat 100 kg }\n"
                          "athlete \"Ben\" { max squat 140 kg }\n"
                          "athlete \"Cat\" { max squat 120 kg }\n"
                          "group \"U18\" { \"Ann\", \"Ben\", \"Cat\" }\n"
                          "program \"Strength\" for \"U18\" {\n"
                          "  start 2027-01-04\n"
                          "  timezone Europe/Berlin\n"
                          "  1 week \"Base\" { mon { squat 5x5 @ 75% } }\n"
                          "}\n"
                          "program \"Extra\" for \"Ben\" {\n"
                          "  start 2027-01-04\n"
                          "  timezone Europe/Berlin\n"
                          "  1 week \"Extra\" { wed { squat 3x3 @ 50% } }\n"
                          "}\n";

std::string squad_file()
{
    const std::string dir = meso::test::temp_dir("athlete-option");
    meso::test::write_file(dir + "/squad.meso", squad);
    return dir + "/squad.meso";
}

std::size_t count_of(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("meso schedule --athlete prints that athlete's programs alone, in the athlete's kilograms")
{
    const auto run = run_meso({"schedule", squad_file(), "--athlete", "Ben"});
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("Strength for Ben") != std::string::npos);
    CHECK(run.out.find("Extra for Ben") != std::string::npos);
    CHECK(run.out.find("for Ann") == std::string::npos);
    CHECK(run.out.find("for Cat") == std::string::npos);
    CHECK(meso::test::has_text_row(run.out, {"squat", "5×5", "105 kg (75%)"}));  // 75% of 140 kg

    const auto json = run_meso({"schedule", "--format", "json", squad_file(), "--athlete", "Cat"});
    CHECK(json.exit_code == 0);
    CHECK(count_of(json.out, "\"athlete\": \"Cat\"") == 1);
    CHECK(json.out.find("\"Ann\"") == std::string::npos);
}

TEST_CASE("meso compile --athlete writes a calendar of that athlete's sessions only")
{
    const auto all = run_meso({"compile", squad_file()}, "SOURCE_DATE_EPOCH=0");
    const auto ann = run_meso({"compile", squad_file(), "--athlete", "Ann"}, "SOURCE_DATE_EPOCH=0");
    INFO(ann.err);
    CHECK(all.exit_code == 0);
    CHECK(ann.exit_code == 0);
    CHECK(count_of(all.out, "BEGIN:VEVENT") == 4);  // Ann, Ben, Cat on Monday; Ben's extra on Wednesday
    CHECK(count_of(ann.out, "BEGIN:VEVENT") == 1);
    CHECK(ann.out.find("75 kg") != std::string::npos);
    CHECK(ann.out.find("Ben") == std::string::npos);
}

TEST_CASE("meso check --athlete reports the findings of that athlete's programs only")
{
    // 75% is no load for BFR: a cuff makes the block a BFR block, and bfr.load names each athlete's kilograms.
    const std::string dir = meso::test::temp_dir("athlete-option-check");
    std::string text = squad;
    const std::string block = "  1 week \"Base\" { mon { squat 5x5 @ 75% } }\n";
    text.replace(text.find(block), block.size(), "  1 week \"Base\" {\n    cuff leg 160 mmHg\n    mon { squat 3x15 @ 45% }\n  }\n");
    meso::test::write_file(dir + "/bfr.meso", text);
    const auto all = run_meso({"check", dir + "/bfr.meso"});
    const auto cat = run_meso({"check", dir + "/bfr.meso", "--athlete", "Cat"});
    INFO(cat.err);
    CHECK(all.err.find("(Ann) [bfr.load]") != std::string::npos);
    CHECK(cat.err.find("(55 kg)") != std::string::npos);  // 45% of 120 kg
    CHECK(cat.err.find("(Cat) [bfr.load]") != std::string::npos);
    CHECK(cat.err.find("Ann") == std::string::npos);
    CHECK(cat.err.find("Ben") == std::string::npos);
}

TEST_CASE("a name that is no athlete of the file given to --athlete is meso: error: with the nearest name and exit 2 on every command")
{
    const std::string file = squad_file();
    for (const std::string command : {"check", "schedule", "compile"}) {
        INFO(command);
        const auto run = run_meso({command, file, "--athlete", "Bne"});
        CHECK(run.exit_code == 2);
        CHECK(run.err.find("meso: error: --athlete: unknown athlete 'Bne'; did you mean 'Ben'?") != std::string::npos);
        CHECK(run.out.empty());
    }
    // a group is no athlete: --athlete names one person
    const auto group = run_meso({"schedule", file, "--athlete", "U18"});
    CHECK(group.exit_code == 2);
    CHECK(group.err.find("unknown athlete 'U18'") != std::string::npos);
}

// ---------------------------------------------------------------- --per-athlete

TEST_CASE("meso compile --per-athlete writes one calendar per athlete into the directory, each with the athlete's sessions")
{
    const std::string dir = meso::test::temp_dir("per-athlete") + "/calendars/";
    const auto run = run_meso({"compile", squad_file(), "--per-athlete", "-o", dir}, "SOURCE_DATE_EPOCH=0");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const std::string ann = meso::test::read_file(dir + "Ann.ics");
    const std::string ben = meso::test::read_file(dir + "Ben.ics");
    const std::string cat = meso::test::read_file(dir + "Cat.ics");
    CHECK(count_of(ann, "BEGIN:VEVENT") == 1);
    CHECK(count_of(ben, "BEGIN:VEVENT") == 2);  // the group's program and his own
    CHECK(count_of(cat, "BEGIN:VEVENT") == 1);
    CHECK(ann.find("Ben") == std::string::npos);
    CHECK(cat.find("90 kg") != std::string::npos);  // 75% of 120 kg
    // each the same as --athlete gives
    CHECK(ben == run_meso({"compile", squad_file(), "--athlete", "Ben"}, "SOURCE_DATE_EPOCH=0").out);
    // nothing else is left in the directory: no temporary
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++entries;
    CHECK(entries == 3);
}

TEST_CASE("the file of an athlete's calendar is the name made safe: letters, digits, '-' and '_', each other run one '-'")
{
    const std::string dir = meso::test::temp_dir("per-athlete-names");
    meso::test::write_file(
        dir + "/names.meso",
        "athlete \"Zoë O'Neil\" { max squat 90 kg }\nathlete \"../.hidden\" { max squat 90 kg }\n"
        "group \"G\" { \"Zoë O'Neil\", \"../.hidden\" }\n"
        "program \"P\" for \"G\" {\n  start 2027-01-04\n  timezone UTC\n  1 week \"B\" { mon { squat 5x5 @ 75% } }\n}\n");
    const auto run = run_meso({"compile", dir + "/names.meso", "--per-athlete", "-o", dir + "/out"}, "SOURCE_DATE_EPOCH=0");
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(std::filesystem::exists(dir + "/out/Zoë-O-Neil.ics"));
    CHECK(std::filesystem::exists(dir + "/out/hidden.ics"));
}

TEST_CASE("meso compile --per-athlete refuses two athletes whose calendars would have one file name, and writes nothing")
{
    const std::string dir = meso::test::temp_dir("per-athlete-clash");
    meso::test::write_file(
        dir + "/clash.meso",
        "athlete \"Ann Lee\" { max squat 90 kg }\nathlete \"ann-lee\" { max squat 90 kg }\n"
        "group \"G\" { \"Ann Lee\", \"ann-lee\" }\n"
        "program \"P\" for \"G\" {\n  start 2027-01-04\n  timezone UTC\n  1 week \"B\" { mon { squat 5x5 @ 75% } }\n}\n");
    const auto run = run_meso({"compile", dir + "/clash.meso", "--per-athlete", "-o", dir + "/out"});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("meso: error: --per-athlete: athletes \"Ann Lee\" and \"ann-lee\" would both be written to 'ann-lee.ics'") !=
          std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir + "/out"));
}

TEST_CASE("meso compile --per-athlete writes all the calendars or none: a target it cannot replace leaves the directory as it was")
{
    const std::string dir = meso::test::temp_dir("per-athlete-atomic");
    meso::test::write_file(dir + "/Ann.ics", "the old calendar\n");
    std::filesystem::create_directory(dir + "/Cat.ics");  // no file can replace a directory
    const auto run = run_meso({"compile", squad_file(), "--per-athlete", "-o", dir});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("cannot write '" + dir + "/Cat.ics': it is a directory") != std::string::npos);
    CHECK(meso::test::read_file(dir + "/Ann.ics") == "the old calendar\n");
    CHECK_FALSE(std::filesystem::exists(dir + "/Ben.ics"));
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++entries;
    CHECK(entries == 2);  // Ann.ics and Cat.ics: no temporary left
}

TEST_CASE("meso compile --per-athlete needs a directory with -o and a file with errors writes nothing")
{
    const auto no_dir = run_meso({"compile", squad_file(), "--per-athlete"});
    CHECK(no_dir.exit_code == 2);
    CHECK(no_dir.err.find("meso: error: --per-athlete writes one calendar per athlete into a directory") != std::string::npos);

    const std::string dir = meso::test::temp_dir("per-athlete-errors");
    meso::test::write_file(dir + "/bad.meso", squad + "program \"Q\" for \"Nobody\" {\n  start 2027-01-04\n}\n");
    const auto bad = run_meso({"compile", dir + "/bad.meso", "--per-athlete", "-o", dir + "/out"});
    CHECK(bad.exit_code == 1);
    CHECK_FALSE(std::filesystem::exists(dir + "/out"));
}

TEST_CASE("meso compile writes the same calendar to standard output as into a file, athletes' programs interleaved in the file")
{
    // To standard output the file is checked first and each program is
    // scheduled again (its blocks resolved again); into a file each is
    // written as soon as it is checked. Ben's programs are apart in the file.
    const std::string dir = meso::test::temp_dir("compile-stdout");
    const auto to_file = run_meso({"compile", squad_file(), "-o", dir + "/squad.ics"}, "SOURCE_DATE_EPOCH=0");
    INFO(to_file.err);
    REQUIRE(to_file.exit_code == 0);
    const auto to_stdout = run_meso({"compile", squad_file(), "-o", "-"}, "SOURCE_DATE_EPOCH=0");
    REQUIRE(to_stdout.exit_code == 0);
    const std::string written = meso::test::read_file(dir + "/squad.ics");
    CHECK(count_of(written, "BEGIN:VEVENT") == 4);
    CHECK(written.find("squat: 5 sets of 5 reps @ 75% = 105 kg") != std::string::npos);  // of Ben's 140 kg
    CHECK(to_stdout.out == written);
}
