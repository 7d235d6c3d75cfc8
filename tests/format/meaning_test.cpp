// Formatting keeps a program's meaning: the dated sessions of x and fmt(x)
// are the same, and so are the diagnostics of resolving and scheduling them
// and the findings of the rule sets in force.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <sstream>

#include "engine/emit/sessions.h"
#include "engine/format/format.h"
#include "engine/rules/rules.h"
#include "grammar/parse.h"
#include "tests/format/corpus.h"
#include "tests/support/support.h"

namespace {

std::string formatted(const std::string& name, const std::string& text)
{
    const meso::Source source{name, text};
    const auto parsed = meso::parse(source);
    return meso::format::format(parsed.file);
}

std::string schedule_json(const meso::test::Compiled& c)
{
    std::ostringstream out;
    meso::emit::write_sessions_json(out, c.schedule);
    return out.str();
}

// What resolving, scheduling and checking the rules say, without where:
// formatting moves lines.
std::multimap<std::string, std::string> findings(const meso::test::Compiled& c)
{
    std::vector<meso::Diagnostic> all = c.diagnostics;
    if (!has_errors(c.diagnostics)) {
        const auto rules = meso::rules::check_rules(c.compilation->module, c.schedule);
        all.insert(all.end(), rules.begin(), rules.end());
    }
    std::multimap<std::string, std::string> out;
    for (const auto& d : all)
        out.emplace(meso::to_string(d.severity),
                    d.message + " [" + d.rule.value_or("") + "] " + d.suppressed_by.value_or("not suppressed"));
    return out;
}

}  // namespace

TEST_CASE(
    "formatting keeps the meaning: the schedule JSON, the diagnostics and the rule findings of x and fmt(x) are equal, over the corpus")
{
    int with_sessions = 0;
    for (const auto& file : meso::test::formatter_corpus()) {
        INFO(file.name);
        // The same path for both, so that imports relative to the file resolve alike.
        const std::string path = (std::filesystem::path(MESO_SOURCE_DIR) / file.name).string();
        const auto before = meso::test::compile(file.text, path, true);
        const auto after = meso::test::compile(formatted(file.name, file.text), path, true);
        CHECK(findings(after) == findings(before));
        CHECK(schedule_json(after) == schedule_json(before));
        if (!before.schedule.programs.empty()) ++with_sessions;
    }
    CHECK(with_sessions >= 4);  // the examples at least
}

TEST_CASE("meso schedule --format json prints the same for every example and its formatted version")
{
    namespace fs = std::filesystem;
    int compared = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(MESO_SOURCE_DIR) / "examples")) {
        if (entry.path().extension() != ".meso") continue;
        const std::string text = meso::test::read_file(entry.path().string());
        INFO(entry.path().string());
        if (text.find("use \"") != std::string::npos) {
            WARN("imports a file by path: compared in-process only (the test above)");
            continue;
        }
        const std::string dir = meso::test::temp_dir("fmt-meaning");
        const std::string copy = dir + "/" + entry.path().filename().string();
        meso::test::write_file(copy, formatted(entry.path().string(), text));
        const auto original = meso::test::run_meso({"schedule", "--format", "json", entry.path().string()});
        const auto reformatted = meso::test::run_meso({"schedule", "--format", "json", copy});
        CHECK(original.exit_code == 0);
        CHECK(reformatted.exit_code == original.exit_code);
        CHECK(reformatted.out == original.out);
        fs::remove_all(dir);
        ++compared;
    }
    CHECK(compared >= 4);
}
