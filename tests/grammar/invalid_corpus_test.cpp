// The invalid-input corpus: every file of tests/invalid/ starts with the
// errors it must produce, one comment line each,
//
//   # expect: 3:17 unknown unit 'kgs'; did you mean 'kg'?
//
// (line:column, then a fragment of the message). `meso check` on the file
// must exit 1 and print exactly those errors, each in the GNU format with
// the source line and a caret under it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>

#include "engine/base/text.h"
#include "tests/grammar/support.h"

using namespace meso::grammar_test;

namespace {

struct Expected {
    int line = 0;
    int column = 0;
    std::string fragment;
};

// The `# expect:` lines at the top of a file (after a BOM, before any other
// line; a CR before the new line is ignored).
std::vector<Expected> expectations(std::string text)
{
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    static const std::regex header(R"(# expect: (\d+):(\d+) (.+))");
    std::vector<Expected> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::smatch m;
        if (!std::regex_match(line, m, header)) break;
        out.push_back({std::stoi(m[1]), std::stoi(m[2]), m[3]});
    }
    return out;
}

struct Printed {
    int line = 0;
    int column = 0;
    std::string message;
    std::string source_line;  // the two lines printed under it
    std::string caret_line;
};

std::vector<Printed> printed_errors(const std::string& output, const std::string& path)
{
    std::vector<std::string> lines;
    std::istringstream in(output);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    std::vector<Printed> out;
    const std::string prefix = path + ":";
    static const std::regex location(R"((\d+):(\d+): error: (.*))");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].rfind(prefix, 0) != 0) continue;
        std::smatch m;
        const std::string rest = lines[i].substr(prefix.size());
        if (!std::regex_match(rest, m, location)) continue;
        Printed p{std::stoi(m[1]), std::stoi(m[2]), m[3], "", ""};
        if (i + 1 < lines.size()) p.source_line = lines[i + 1];
        if (i + 2 < lines.size()) p.caret_line = lines[i + 2];
        out.push_back(p);
    }
    return out;
}

}  // namespace

TEST_CASE("meso check reports each invalid file's promised errors, where promised, and exits 1")
{
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(invalid_dir()))
        if (entry.path().extension() == ".meso") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 40);

    for (const auto& path : files) {
        const auto expected = expectations(read_file(path));
        const auto r = run(std::string(MESO_BINARY) + " check " + quoted(path.string()));
        const auto errors = printed_errors(r.output, path.string());
        INFO(path.filename().string());
        INFO(r.output);
        REQUIRE_FALSE(expected.empty());  // every file says what it expects
        CHECK(r.exit_code == 1);
        CHECK(errors.size() == expected.size());  // no more errors than promised: no cascades
        for (const auto& e : expected) {
            INFO("expected " << e.line << ":" << e.column << " " << e.fragment);
            const bool found = std::any_of(errors.begin(), errors.end(), [&](const Printed& p) {
                return p.line == e.line && p.column == e.column && p.message.find(e.fragment) != std::string::npos;
            });
            CHECK(found);
        }
        for (const auto& p : errors) {
            // The source line, numbered, then a caret under the column.
            INFO(p.message);
            CHECK(p.source_line.find(std::to_string(p.line) + " | ") != std::string::npos);
            const auto bar = p.caret_line.find(" | ");
            REQUIRE(bar != std::string::npos);
            CHECK(p.caret_line.find('^') != std::string::npos);
            // Under the column: as many places before the caret as columns on
            // screen (not bytes) before the column on the source line.
            const auto source_bar = p.source_line.find(" | ");
            REQUIRE(source_bar != std::string::npos);
            const std::string before = p.source_line.substr(source_bar + 3, static_cast<std::size_t>(p.column - 1));
            CHECK(p.caret_line.find('^') - (bar + 3) == meso::display_width(before));
        }
        CHECK(r.output.find("internal error") == std::string::npos);
    }
}
