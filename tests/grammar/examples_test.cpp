// Every example of the design document parses, and the fixtures are those
// examples, word for word.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/grammar/support.h"

using namespace meso;
using namespace meso::grammar_test;

namespace {

// A block of language.md that holds block statements only (the prescriptions
// of §4) is not a file by itself: the fixtures wrap it in a template.
bool is_block_statements(const std::string& example)
{
    const std::string first = example.substr(0, example.find_first_of(" \n"));
    for (const char* top : {"use", "athlete", "program", "template", "ruleset", "condition", "#"})
        if (first == top) return false;
    return true;
}

std::string as_file(const std::string& example) { return is_block_statements(example) ? "template t {\n" + example + "}\n" : example; }

std::vector<std::filesystem::path> fixture_files()
{
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir()))
        if (entry.path().extension() == ".meso") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("every meso example of the design document parses with no diagnostic")
{
    const auto examples = meso_blocks(read_file(design_language_md()));
    // The document holds a program, a template, the prescriptions and a rule
    // set; fewer means the examples were not found.
    REQUIRE(examples.size() >= 4);
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const auto parsed = parse_text(as_file(examples[i]), "language.md example " + std::to_string(i + 1));
        INFO(examples[i]);
        INFO(parsed.report());
        CHECK(parsed.diagnostics().empty());
        CHECK_FALSE(parsed.file().statements.empty());
    }
}

TEST_CASE("each example of the design document is a fixture, copied verbatim")
{
    const auto examples = meso_blocks(read_file(design_language_md()));
    std::vector<std::string> fixtures;
    for (const auto& path : fixture_files()) fixtures.push_back(read_file(path));
    for (const auto& example : examples) {
        INFO(example);
        const bool found =
            std::any_of(fixtures.begin(), fixtures.end(), [&](const std::string& f) { return f.find(example) != std::string::npos; });
        CHECK(found);
    }
}

TEST_CASE("every fixture parses with no diagnostic")
{
    const auto files = fixture_files();
    REQUIRE(files.size() >= 5);
    for (const auto& path : files) {
        const auto parsed = parse_text(read_file(path), path.filename().string());
        INFO(path.filename().string());
        INFO(parsed.report());
        CHECK(parsed.diagnostics().empty());
    }
}

namespace {

// The fixtures that hold an example of language.md (table_forms.meso is
// ours: syntax only, it names files and templates that do not exist).
std::vector<std::filesystem::path> example_fixtures()
{
    const auto examples = meso_blocks(read_file(design_language_md()));
    std::vector<std::filesystem::path> out;
    for (const auto& path : fixture_files()) {
        const auto text = read_file(path);
        if (std::any_of(examples.begin(), examples.end(), [&](const std::string& e) { return text.find(e) != std::string::npos; }))
            out.push_back(path);
    }
    return out;
}

void check_accepts(const std::filesystem::path& path)
{
    const auto r = run(std::string(MESO_BINARY) + " check " + quoted(path.string()));
    INFO(path.filename().string());
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("error:") == std::string::npos);
}

}  // namespace

TEST_CASE("meso check accepts the program, template and prescription examples of the design document")
{
    const auto fixtures = example_fixtures();
    CHECK(fixtures.size() == meso_blocks(read_file(design_language_md())).size());
    for (const auto& path : fixtures) check_accepts(path);
}

// The §5 example defines a clinic's own rule set, checked beside the
// standard ones applied by default.
TEST_CASE("meso check accepts the rule set example of the design document") { check_accepts(fixtures_dir() / "clinic_ruleset.meso"); }

TEST_CASE("every meso example of the user reference docs/language.md parses with no diagnostic")
{
    const auto examples = meso_blocks(read_file(std::filesystem::path(MESO_SOURCE_DIR) / "docs/language.md"));
    REQUIRE(examples.size() >= 8);
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const auto parsed = parse_text(as_file(examples[i]), "docs/language.md example " + std::to_string(i + 1));
        INFO(examples[i]);
        INFO(parsed.report());
        CHECK(parsed.diagnostics().empty());
    }
}

// The tutorial's whole files parse; its one-line fragments (a block use
// shown on its own, in step 2) are parts of the file before them.
TEST_CASE("every whole-file meso example of docs/tutorial.md parses with no diagnostic")
{
    const auto examples = meso_blocks(read_file(std::filesystem::path(MESO_SOURCE_DIR) / "docs/tutorial.md"));
    std::size_t files = 0;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        if (is_block_statements(examples[i])) continue;
        ++files;
        const auto parsed = parse_text(examples[i], "docs/tutorial.md example " + std::to_string(i + 1));
        INFO(examples[i]);
        INFO(parsed.report());
        CHECK(parsed.diagnostics().empty());
    }
    CHECK(files >= 3);  // the first program, the backward plan, the forms coaches write
}

TEST_CASE("the user reference holds every example of the design document")
{
    const auto reference = read_file(std::filesystem::path(MESO_SOURCE_DIR) / "docs/language.md");
    for (const auto& example : meso_blocks(read_file(design_language_md()))) {
        INFO(example);
        CHECK(reference.find(example) != std::string::npos);
    }
}

TEST_CASE("the snapshot of the design's language.md in tests/design is the design's own text")
{
    const auto design = read_file(design_language_md());
    const auto snapshot = read_file(MESO_DESIGN_SNAPSHOT);
    REQUIRE_FALSE(design.empty());
    CHECK(snapshot == design);  // cp ../shared/design/language.md tests/design/language.md
}

TEST_CASE("the snapshot of the design's cli.md in tests/design is the design's own text")
{
    const auto snapshot_dir = std::filesystem::path(MESO_DESIGN_SNAPSHOT).parent_path();
    const auto design = read_file(design_language_md().parent_path() / "cli.md");
    const auto snapshot = read_file(snapshot_dir / "cli.md");
    REQUIRE_FALSE(design.empty());
    CHECK(snapshot == design);  // cp ../shared/design/cli.md tests/design/cli.md
}
