// Helpers of the grammar tests: parse text, read fixtures, pull the examples
// out of the design document, run the meso binary.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <variant>
#include <vector>

#include <catch2/catch.hpp>

#include "engine/report/report.h"
#include "grammar/parse.h"

namespace meso::grammar_test {

// The alternative T of a variant, failing the test when it holds another.
template <typename T, typename Variant> const T& as(const Variant& v)
{
    REQUIRE(std::holds_alternative<T>(v));
    return std::get<T>(v);
}

inline std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline std::filesystem::path fixtures_dir() { return std::filesystem::path(MESO_SOURCE_DIR) / "tests/grammar/fixtures"; }
inline std::filesystem::path invalid_dir() { return std::filesystem::path(MESO_SOURCE_DIR) / "tests/invalid"; }
inline std::filesystem::path design_language_md() { return std::filesystem::path(MESO_DESIGN_DIR) / "language.md"; }

// A parse that keeps its Source alive as long as the tree that points into it.
struct Parsed {
    std::unique_ptr<Source> source;
    ParseResult result;

    const syntax::File& file() const { return result.file; }
    const std::vector<Diagnostic>& diagnostics() const { return result.diagnostics; }
    std::size_t error_count() const
    {
        std::size_t n = 0;
        for (const auto& d : result.diagnostics)
            if (d.severity == Severity::error) ++n;
        return n;
    }
    // The diagnostics as `meso check` prints them, for failure messages.
    std::string report() const
    {
        std::ostringstream out;
        report::print_text(out, result.diagnostics, {});
        return out.str();
    }
};

inline Parsed parse_text(std::string text, std::string path = "test.meso", const ParseLimits& limits = {})
{
    Parsed p;
    p.source = std::make_unique<Source>(Source{std::move(path), std::move(text)});
    p.result = parse(*p.source, limits);
    return p;
}

inline Parsed parse_fixture(const std::string& name)
{
    return parse_text(read_file(fixtures_dir() / name), "tests/grammar/fixtures/" + name);
}

// Every ```meso block of a Markdown text, in order, without its fences.
inline std::vector<std::string> meso_blocks(const std::string& markdown)
{
    std::vector<std::string> blocks;
    std::istringstream in(markdown);
    std::string line, block;
    bool inside = false;
    while (std::getline(in, line)) {
        if (!inside && line == "```meso") {
            inside = true;
            block.clear();
        }
        else if (inside && line.rfind("```", 0) == 0) {
            inside = false;
            blocks.push_back(block);
        }
        else if (inside) {
            block += line + "\n";
        }
    }
    return blocks;
}

struct Run {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

// Runs a shell command line, capturing its output.
inline Run run(const std::string& command)
{
    Run r;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buffer{};
    std::size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

inline std::string quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace meso::grammar_test
