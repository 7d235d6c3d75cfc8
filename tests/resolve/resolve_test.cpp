#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "engine/emit/sessions.h"
#include "engine/pipeline/pipeline.h"
#include "tests/support/support.h"

using meso::test::compile;
using meso::test::has_message;
using meso::test::messages;

namespace {

meso::test::Compiled compile_file(const std::string& path, const std::string& meso_path = "")
{
    meso::test::Compiled c;
    meso::resolving::ResolveOptions options;
    options.default_rules = false;
    options.meso_path = meso_path;
    c.compilation = meso::resolving::resolve_source(meso::Source{path, meso::test::read_file(path)}, options);
    c.diagnostics = c.compilation->diagnostics;
    return c;
}

const meso::Diagnostic* find(const std::vector<meso::Diagnostic>& diagnostics, const std::string& fragment)
{
    for (const auto& d : diagnostics)
        if (d.message.find(fragment) != std::string::npos) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("use std.templates brings in the embedded standard library's templates")
{
    auto c = compile("use std.templates\nathlete \"A\" { max squat 100 kg }\nprogram \"P\" {\n  start 2027-01-04\n  3 weeks kaatsu\n}\n");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    CHECK(c.program().blocks[0].name == "Kaatsu");
    CHECK(c.program().blocks[0].method == "kaatsu");
}

TEST_CASE("an unknown template suggests the nearest, or the module that has it")
{
    auto typo = compile("use std.templates\nprogram \"P\" {\n  start 2027-01-04\n  3 weeks kaatzu\n}\n");
    const auto* d = find(typo.diagnostics, "unknown template 'kaatzu'; did you mean 'kaatsu'?");
    REQUIRE(d);
    CHECK(d->span.line == 4);
    CHECK(d->span.column == 11);
    auto missing_use = compile("program \"P\" {\n  start 2027-01-04\n  3 weeks kaatsu\n}\n");
    CHECK(has_message(missing_use.diagnostics, "unknown template 'kaatsu'; it is in std.templates: add 'use std.templates'"));
}

TEST_CASE("an unknown module is a located error with did-you-mean")
{
    auto c = compile("use std.templatse\n");
    const auto* d = find(c.diagnostics, "unknown module 'std.templatse'; did you mean 'std.templates'?");
    REQUIRE(d);
    CHECK(d->span.line == 1);
    CHECK(d->span.column == 5);
}

TEST_CASE("use of a file is relative to the importing file, and cycles are located errors")
{
    const auto dir = meso::test::temp_dir("imports");
    std::filesystem::create_directories(dir + "/lib");
    meso::test::write_file(dir + "/lib/athletes.meso", "athlete \"Alex\" { max squat 180 kg }\nuse \"more.meso\"\n");
    meso::test::write_file(dir + "/lib/more.meso", "template easy { days mon; squat 3x5 @ 50% }\n");
    meso::test::write_file(dir + "/plan.meso",
                           "use \"lib/athletes.meso\"\nprogram \"P\" for \"Alex\" {\n  start 2027-01-04\n  1 week easy\n}\n");
    auto ok = compile_file(dir + "/plan.meso");
    INFO(messages(ok.diagnostics));
    CHECK_FALSE(meso::has_errors(ok.diagnostics));
    REQUIRE(ok.compilation->module.programs.size() == 1);
    CHECK(ok.compilation->module.programs[0].athlete->name == "Alex");

    meso::test::write_file(dir + "/a.meso", "use \"b.meso\"\n");
    meso::test::write_file(dir + "/b.meso", "use \"a.meso\"\n");
    auto cycle = compile_file(dir + "/a.meso");
    const auto* d = find(cycle.diagnostics, "import cycle: a.meso → b.meso → a.meso");
    REQUIRE(d);
    CHECK(d->span.line == 1);
    CHECK(std::string(d->span.path()) == dir + "/b.meso");

    meso::test::write_file(dir + "/c.meso", "use \"nowhere.meso\"\n");
    auto missing = compile_file(dir + "/c.meso");
    REQUIRE(find(missing.diagnostics, "cannot read"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("whether the main file parsed is its own text's, not that of a file it uses")
{
    const auto dir = meso::test::temp_dir("main-parsed");
    meso::test::write_file(dir + "/broken.meso", "athlete \"Alex\" { max squat 180 }\n");
    meso::test::write_file(dir + "/uses-broken.meso", "use \"broken.meso\"\n");
    meso::test::write_file(dir + "/broken-main.meso", "use \"uses-broken.meso\"\nprogram \"P\" fr \"Alex\" {\n}\n");
    meso::test::write_file(dir + "/fine.meso", "athlete \"Alex\" { max squat 180 kg }\n");
    meso::test::write_file(dir + "/good-main.meso", "use \"fine.meso\"\n");

    const auto uses_broken = compile_file(dir + "/uses-broken.meso");
    CHECK(meso::has_errors(uses_broken.diagnostics));  // broken.meso's syntax error
    CHECK(uses_broken.compilation->main_file_parsed);
    CHECK_FALSE(compile_file(dir + "/broken-main.meso").compilation->main_file_parsed);
    CHECK(compile_file(dir + "/good-main.meso").compilation->main_file_parsed);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a directory in MESO_PATH adds and overrides library modules")
{
    const auto dir = meso::test::temp_dir("meso-path");
    std::filesystem::create_directories(dir + "/lib/std");
    std::filesystem::create_directories(dir + "/lib/clinic");
    meso::test::write_file(dir + "/lib/std/templates.meso", "template kaatsu { days mon; squat 1x5 @ 20% }\n");
    meso::test::write_file(dir + "/lib/clinic/rehab.meso", "template rehab { days tue; squat 1x5 @ 20% }\n");
    meso::test::write_file(
        dir + "/plan.meso",
        "use std.templates\nuse clinic.rehab\nprogram \"P\" {\n  start 2027-01-04\n  1 week kaatsu\n  1 week rehab\n}\n");
    auto c = compile_file(dir + "/plan.meso", dir + "/lib");
    INFO(messages(c.diagnostics));
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    auto s = meso::scheduling::schedule(c.compilation->module);
    REQUIRE(s.programs.size() == 1);
    CHECK(s.programs[0].blocks[0].session_count == 1);  // the overriding kaatsu: mondays only
    CHECK(s.programs[0].blocks[1].session_count == 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("the standard library is parsed once per process and shared, and each compilation resolves it the same")
{
    // `meso check DIR` and the language server resolve file after file; the library's parse is kept.
    const std::string text =
        "use std.templates\nathlete \"A\" { max squat 100 kg }\nprogram \"P\" {\n  start 2027-01-04\n  3 weeks kaatsu\n}\n";
    meso::resolving::ResolveOptions options;  // the default rule sets too
    const auto first = meso::resolving::resolve_source(meso::Source{"a.meso", text}, options);
    const auto second = meso::resolving::resolve_source(meso::Source{"b.meso", text}, options);
    REQUIRE(first->sources.size() == second->sources.size());
    REQUIRE(first->sources.size() > 1);
    CHECK(first->sources.front()->path == "a.meso");
    CHECK(second->sources.front()->path == "b.meso");
    for (std::size_t i = 1; i < first->sources.size(); ++i) {
        INFO(first->sources[i]->path);
        CHECK(first->sources[i] == second->sources[i]);  // the very same parse
    }
    CHECK(messages(first->diagnostics) == messages(second->diagnostics));
    REQUIRE(first->module.programs.size() == 1);
    REQUIRE(second->module.programs.size() == 1);
    CHECK(first->module.programs[0].blocks.at(0).name == "Kaatsu");
    CHECK(second->module.programs[0].blocks.at(0).name == "Kaatsu");
    CHECK(first->module.rulesets.size() == second->module.rulesets.size());

    SECTION("a module of MESO_PATH is read again each time: the file may have changed")
    {
        const auto dir = meso::test::temp_dir("meso-path-reread");
        std::filesystem::create_directories(dir + "/lib/std");
        const std::string plan = "use std.templates\nprogram \"P\" {\n  start 2027-01-04\n  1 week kaatsu\n}\n";
        meso::resolving::ResolveOptions from_dir;
        from_dir.default_rules = false;
        from_dir.meso_path = dir + "/lib";
        meso::test::write_file(dir + "/lib/std/templates.meso", "template kaatsu { days mon; squat 1x5 @ 20 kg }\n");
        const auto before = meso::resolving::resolve_source(meso::Source{"plan.meso", plan}, from_dir);
        meso::test::write_file(dir + "/lib/std/templates.meso", "template kaatsu { days mon tue; squat 1x5 @ 20 kg }\n");
        const auto after = meso::resolving::resolve_source(meso::Source{"plan.meso", plan}, from_dir);
        INFO(messages(before->diagnostics) << messages(after->diagnostics));
        const auto b = meso::scheduling::schedule(before->module), a = meso::scheduling::schedule(after->module);
        REQUIRE(b.programs.size() == 1);
        REQUIRE(a.programs.size() == 1);
        CHECK(b.programs[0].blocks[0].session_count == 1);
        CHECK(a.programs[0].blocks[0].session_count == 2);
        std::filesystem::remove_all(dir);
    }
}

TEST_CASE("for may be left out with one athlete, with several it must name one")
{
    auto one = compile(
        "athlete \"A\" { max squat 100 kg }\nprogram \"P\" {\n  start 2027-01-04\n  1 week \"B\" { days mon; squat 1x5 @ 50% }\n}\n");
    REQUIRE_FALSE(meso::has_errors(one.diagnostics));
    CHECK(one.program().athlete == "A");
    auto two = compile("athlete \"A\" { max squat 100 kg }\nathlete \"B\" { max squat 90 kg }\nprogram \"P\" {\n  start 2027-01-04\n}\n");
    CHECK(has_message(two.diagnostics, "this file has 2 athletes; say whose program this is with 'for \"A\"'"));
    auto typo = compile("athlete \"Alex\" { max squat 100 kg }\nprogram \"P\" for \"Alx\" {\n  start 2027-01-04\n}\n");
    CHECK(has_message(typo.diagnostics, "unknown athlete \"Alx\"; did you mean 'Alex'?"));
}

TEST_CASE("several programs in one file each get their own schedule")
{
    auto c = compile(R"(
athlete "A" { max squat 100 kg }
athlete "B" { max squat 80 kg }
program "One" for "A" {
  start 2027-01-04
  1 week "X" { days mon; squat 1x5 @ 50% }
}
program "Two" for "B" {
  start 2027-02-01
  1 week "X" { days mon tue; squat 1x5 @ 50% }
}
)");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    REQUIRE(c.schedule.programs.size() == 2);
    CHECK(c.program(0).sessions.size() == 1);
    CHECK(*c.program(0).contents[0].exercises[0].sets[0].mass == 50.0);
    CHECK(c.program(1).sessions.size() == 2);
    CHECK(*c.program(1).contents[0].exercises[0].sets[0].mass == 40.0);
}

TEST_CASE("units of the wrong kind are located errors")
{
    auto c = compile("template t {\n  days mon\n  squat 5x5 @ 75% rest 30 kg\n  sessions 08:00 for 3 kg\n}\n");
    const auto* rest = find(c.diagnostics, "rest needs a duration");
    REQUIRE(rest);
    CHECK(rest->span.line == 3);
    CHECK(rest->span.column == 24);
    CHECK(has_message(c.diagnostics, "a session lasts a duration"));
    auto max = compile("athlete \"A\" { max squat 180 min }\n");
    CHECK(has_message(max.diagnostics, "'min' is a duration; a one-rep max needs a mass such as '180 kg'"));
}

TEST_CASE("zero and absurd numbers are located errors, not crashes")
{
    auto c = compile(R"(
athlete "A" {
  max squat 0 kg
  max deadlift 999999999 kg
  round 0 kg
}
program "P" {
  start 2027-01-04
  0 weeks "Z" { days mon; squat 1x5 @ 50% }
  1 week "W" { days mon; squat 0x5 @ 50% }
}
)");
    CHECK(has_message(c.diagnostics, "a one-rep max must be more than 0 kg"));
    CHECK(has_message(c.diagnostics, "beyond any human"));
    CHECK(has_message(c.diagnostics, "loads are rounded to a step of more than 0 kg"));
    CHECK(has_message(c.diagnostics, "a block lasts at least one day"));
    CHECK(has_message(c.diagnostics, "at least 1 of the sets is needed, not 0"));
}

TEST_CASE("a template defined twice is an error that points at both")
{
    auto c = compile("template t { days mon }\ntemplate t { days tue }\n");
    const auto* d = find(c.diagnostics, "template 't' is defined twice");
    REQUIRE(d);
    CHECK(d->span.line == 2);
    REQUIRE(d->notes.size() == 1);
    CHECK(d->notes[0].span.line == 1);
}

TEST_CASE("a block made from a template keeps the span of the template and of the use")
{
    auto c = compile("use std.templates\nathlete \"A\" { max squat 100 kg }\nprogram \"P\" {\n  start 2027-01-04\n  3 weeks kaatsu\n}\n");
    REQUIRE_FALSE(meso::has_errors(c.diagnostics));
    const auto& block = c.compilation->module.programs[0].blocks[0];
    CHECK(block.span.line == 5);
    CHECK(block.span.text() == "3 weeks kaatsu");
    CHECK(std::string(block.template_span.path()) == "std/templates.meso");
    CHECK(block.template_span.text().substr(0, 15) == "template kaatsu");
    CHECK(std::string(block.content.sessions_span.path()) == "std/templates.meso");
    CHECK(block.content.exercises[0].span.text().substr(0, 5) == "squat");
}

TEST_CASE("an unknown time zone is a located error with did-you-mean, found by check as well as by compile")
{
    auto c = compile("program \"P\" {\n  start 2027-01-04\n  timezone Europe/Berln\n}\n");
    const auto* d = find(c.diagnostics, "unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'?");
    REQUIRE(d);
    CHECK(d->span.line == 3);
    CHECK(d->span.column == 12);
    auto floating = compile("program \"P\" {\n  start 2027-01-04\n  timezone floating\n}\n");
    CHECK_FALSE(meso::has_errors(floating.diagnostics));
}

TEST_CASE("a rule set of the file replaces the library's rule set of the same name")
{
    meso::resolving::ResolveOptions options;  // default rule sets on: std.bfr and std.general
    auto c = meso::resolving::resolve_source(
        meso::Source{"clinic.meso", "ruleset bfr \"Our BFR rules\" {\n  applies to blocks where method = bfr\n}\n"}, options);
    REQUIRE_FALSE(meso::has_errors(c->diagnostics));
    std::vector<std::string> names;
    for (const auto* r : c->module.rulesets) names.push_back(r->name.text + "@" + std::string(r->span.path()));
    CHECK(names == std::vector<std::string>{"bfr@clinic.meso", "kaatsu@std/kaatsu.meso", "general@std/general.meso"});
}

TEST_CASE("a misspelt start is one syntax error, not also a missing start")
{
    auto c = compile("program \"P\" {\n  strat 2027-01-04\n  1 week \"B\" { days mon; squat 1x5 @ 50% }\n}\n");
    INFO(messages(c.diagnostics));
    REQUIRE(c.diagnostics.size() == 1);
    CHECK(c.diagnostics[0].span.line == 2);
}

TEST_CASE("a file with no statements at all is a warning, a file of templates or rule sets alone is not")
{
    for (const char* text : {"", "# only a comment\n\n"}) {
        auto c = compile(text, "empty.meso");
        INFO(messages(c.diagnostics));
        REQUIRE(c.diagnostics.size() == 1);
        CHECK(c.diagnostics[0].severity == meso::Severity::warning);
        CHECK(c.diagnostics[0].message == "this file has no statements: nothing to check or schedule");
        CHECK(c.diagnostics[0].span.path() == "empty.meso");
        CHECK(c.diagnostics[0].span.line == 1);
        CHECK(c.diagnostics[0].span.column == 1);
    }
    auto templates = compile("template light \"Light\" {\n  days mon\n  squat 3x5 @ 50%\n}\n", "library.meso");
    CHECK(templates.diagnostics.empty());
    auto rules =
        compile("ruleset clinic \"Clinic\" {\n  source \"ours\"\n  rule short warning \"short\" {\n    require weeks <= 12\n  }\n}\n",
                "rules.meso");
    CHECK(rules.diagnostics.empty());
    auto broken = compile("progrm \"P\" {}\n", "broken.meso");
    CHECK_FALSE(has_message(broken.diagnostics, "this file has no statements"));  // the syntax error says enough
}

namespace {

// What a pipeline run says, and each program it hands on as JSON, in order.
struct Streamed {
    std::string diagnostics;
    std::vector<std::string> programs;
    std::size_t blocks_held = 0;  // of every program, after the run
};

Streamed stream(const std::string& path, const meso::pipeline::Options& options)
{
    auto run = meso::pipeline::resolve_file(path, options);
    Streamed out;
    meso::pipeline::stream_programs(run, options, meso::pipeline::Stages::rules,
                                    [&](std::size_t, meso::scheduling::ProgramSchedule& program) {
                                        meso::scheduling::ScheduleResult one;
                                        one.programs.push_back(std::move(program));
                                        std::ostringstream json;
                                        meso::emit::write_sessions_json(json, one);
                                        out.programs.push_back(json.str());
                                    });
    out.diagnostics = messages(run.diagnostics);
    if (run.compilation)
        for (const auto& program : run.compilation->module.programs) out.blocks_held += program.blocks.size();
    return out;
}

}  // namespace

TEST_CASE("programs planned as they are resolved, each holding its blocks only while scheduled, change no finding and no session")
{
    std::size_t programs = 0;
    std::size_t athletes = 0;
    std::size_t files_with_errors = 0;
    std::vector<std::string> paths;  // the examples, and the files with errors: what is said stays the same too
    for (const char* dir : {"/examples", "/tests/invalid"})
        for (const auto& entry : std::filesystem::directory_iterator(meso::test::source_dir() + dir))
            if (entry.path().extension() == ".meso") paths.push_back(entry.path().string());
    for (const std::string& path : paths) {
        INFO(path);
        meso::pipeline::Options whole;
        meso::pipeline::Options streamed;
        streamed.keep_whole_ir = false;  // as check and compile
        const Streamed a = stream(path, whole);
        const Streamed b = stream(path, streamed);
        CHECK(a.diagnostics == b.diagnostics);
        CHECK(a.programs == b.programs);
        CHECK(b.blocks_held == 0);
        programs += a.programs.size();

        // The plan made as the programs were resolved is plan_schedule's.
        const auto planned_whole = meso::pipeline::resolve_file(path, whole);
        const auto planned_streamed = meso::pipeline::resolve_file(path, streamed);
        REQUIRE(planned_whole.compilation);
        REQUIRE(planned_streamed.compilation);
        CHECK(planned_streamed.planned);
        files_with_errors += meso::has_errors(planned_whole.diagnostics) ? 1 : 0;
        if (!meso::has_errors(planned_whole.diagnostics)) {
            const auto plan = meso::scheduling::plan_schedule(planned_whole.compilation->module);
            REQUIRE(plan.programs.size() == planned_streamed.plan.programs.size());
            for (std::size_t i = 0; i < plan.programs.size(); ++i) {
                CHECK(plan.programs[i].index == planned_streamed.plan.programs[i].index);
                CHECK(plan.programs[i].sessions == planned_streamed.plan.programs[i].sessions);
                CHECK(plan.programs[i].end == planned_streamed.plan.programs[i].end);
                CHECK(planned_streamed.plan.programs[i].program == &planned_streamed.compilation->module.programs[plan.programs[i].index]);
            }
        }

        // The athletes' statements are let go; the programs' are kept, to resolve their blocks again.
        const auto& file_a = planned_whole.compilation->files.front();
        const auto& file_b = planned_streamed.compilation->files.front();
        REQUIRE(file_a.statements.size() == file_b.statements.size());
        for (std::size_t i = 0; i < file_a.statements.size(); ++i) {
            if (const auto* athlete_a = std::get_if<meso::syntax::Athlete>(&file_a.statements[i].node)) {
                athletes += athlete_a->statements.empty() ? 0 : 1;
                CHECK(std::get<meso::syntax::Athlete>(file_b.statements[i].node).statements.empty());
            }
        }
    }
    CHECK(programs >= 8);
    CHECK(athletes >= 8);
    CHECK(files_with_errors >= 200);
}

TEST_CASE("a program's blocks resolved again are the ones resolved the first time, superset numbers included")
{
    const std::string text = "athlete \"A\" {\n  max squat 100 kg\n}\n"
                             "program \"P\" for \"A\" {\n  start 2027-01-04\n"
                             "  2 weeks \"One\" {\n    days mon\n    superset { squat 3x5 @ 60%; bench-press 3x5 @ 50 kg }\n  }\n"
                             "  2 weeks \"Two\" {\n    days wed\n    superset { squat 3x5 @ 65%; row 3x8 @ 40 kg }\n  }\n}\n"
                             "program \"Q\" for \"A\" {\n  start 2027-03-01\n"
                             "  1 week \"Three\" {\n    days fri\n    superset { lunge 3x8 @ 20 kg; row 3x8 @ 40 kg }\n  }\n}\n";
    meso::resolving::ResolveOptions kept;
    const auto whole = meso::resolving::resolve_source(meso::Source{"p.meso", text}, kept);
    meso::resolving::ResolveOptions handing_on;
    std::vector<std::size_t> handed;
    handing_on.resolved_program = [&](const meso::ir::Program& program, std::size_t index) {
        CHECK(program.blocks.size() == whole->module.programs.at(index).blocks.size());  // whole when handed on
        handed.push_back(index);
    };
    const auto streamed = meso::resolving::resolve_source(meso::Source{"p.meso", text}, handing_on);
    INFO(messages(streamed->diagnostics));
    REQUIRE_FALSE(meso::has_errors(whole->diagnostics));
    REQUIRE(messages(whole->diagnostics) == messages(streamed->diagnostics));
    CHECK(handed == std::vector<std::size_t>{0, 1});
    CHECK(whole->module.programs[1].blocks.at(0).content.exercises.at(0).superset == 3);  // numbered across the file
    // In the order 1, 0: each program is resolved as it was the first time, whatever was resolved again before it.
    for (const std::size_t index : {std::size_t{1}, std::size_t{0}, std::size_t{0}}) {
        CHECK(streamed->module.programs[index].blocks.empty());
        meso::resolving::resolve_blocks(*streamed, index);
        meso::resolving::resolve_blocks(*streamed, index);  // held already: nothing changes
        const auto& again = streamed->module.programs[index].blocks;
        const auto& first = whole->module.programs[index].blocks;
        REQUIRE(again.size() == first.size());
        for (std::size_t b = 0; b < again.size(); ++b) {
            CHECK(again[b].name == first[b].name);
            CHECK(again[b].length_days == first[b].length_days);
            REQUIRE(again[b].content.exercises.size() == first[b].content.exercises.size());
            for (std::size_t e = 0; e < again[b].content.exercises.size(); ++e) {
                CHECK(again[b].content.exercises[e].name == first[b].content.exercises[e].name);
                CHECK(again[b].content.exercises[e].superset == first[b].content.exercises[e].superset);
                CHECK(again[b].content.exercises[e].sets.size() == first[b].content.exercises[e].sets.size());
            }
        }
        CHECK(streamed->diagnostics.size() == whole->diagnostics.size());  // resolving again says nothing
        meso::resolving::let_blocks_go(*streamed, index);
        CHECK(streamed->module.programs[index].blocks.empty());
    }
}

namespace {

// Whether any vector of the content holds more room than it uses.
bool has_spare_room(const meso::ir::Content& content)
{
    const auto exercises_spare = [](const std::vector<meso::ir::Exercise>& exercises) {
        if (exercises.capacity() != exercises.size()) return true;
        for (const auto& e : exercises)
            if (e.sets.capacity() != e.sets.size()) return true;
        return false;
    };
    if (exercises_spare(content.exercises) || content.splits.capacity() != content.splits.size()) return true;
    for (const auto& split : content.splits)
        if (exercises_spare(split.exercises)) return true;
    if (content.rotation)
        for (const auto& workout : content.rotation->workouts)
            if (exercises_spare(workout.exercises)) return true;
    return content.notes.capacity() != content.notes.size();
}

}  // namespace

TEST_CASE("the resolved programs keep no spare room in their blocks, exercises and sets, which every session reads")
{
    std::size_t blocks = 0;
    for (const auto& entry : std::filesystem::directory_iterator(meso::test::source_dir() + "/examples")) {
        if (entry.path().extension() != ".meso") continue;
        INFO(entry.path().string());
        const auto run = meso::pipeline::resolve_file(entry.path().string(), {});
        REQUIRE(run.compilation);
        for (const auto& program : run.compilation->module.programs) {
            CHECK(program.blocks.capacity() == program.blocks.size());
            for (const auto& block : program.blocks) {
                ++blocks;
                CHECK_FALSE(has_spare_room(block.content));
                CHECK(block.weeks.capacity() == block.weeks.size());
                for (const auto& week : block.weeks) CHECK_FALSE(has_spare_room(week.content));
            }
        }
    }
    CHECK(blocks >= 12);
}
