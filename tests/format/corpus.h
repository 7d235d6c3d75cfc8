// The files the formatter's properties are checked on, found when the tests
// run (so examples and fixtures added later are checked too): every
// examples/*.meso, every stdlib/**/*.meso, every .meso under tests/ that
// parses without errors, and every ```meso block of the design's
// language.md (block statements alone are put in a template).
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "grammar/parse.h"

namespace meso::test {

struct CorpusFile {
    std::string name;  // a path, or "language.md block N"
    std::string text;
};

inline std::string read_text(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline bool parses_cleanly(const std::string& name, const std::string& text)
{
    const Source source{name, text};
    return !has_errors(parse(source).diagnostics);
}

inline std::vector<CorpusFile> formatter_corpus()
{
    namespace fs = std::filesystem;
    const fs::path root = MESO_SOURCE_DIR;
    std::vector<fs::path> paths;
    auto collect = [&](const fs::path& dir, bool recursive) {
        std::error_code error;
        if (!fs::is_directory(dir, error)) return;
        if (recursive) {
            for (const auto& entry : fs::recursive_directory_iterator(dir))
                if (entry.is_regular_file() && entry.path().extension() == ".meso") paths.push_back(entry.path());
        }
        else {
            for (const auto& entry : fs::directory_iterator(dir))
                if (entry.is_regular_file() && entry.path().extension() == ".meso") paths.push_back(entry.path());
        }
    };
    collect(root / "examples", false);
    collect(root / "stdlib", true);
    collect(root / "tests", true);
    std::sort(paths.begin(), paths.end());

    std::vector<CorpusFile> corpus;
    for (const auto& path : paths) {
        std::string text = read_text(path);
        const std::string name = fs::relative(path, root).string();
        if (parses_cleanly(name, text)) corpus.push_back({name, std::move(text)});
    }

    // The language's own examples.
    const std::string design = read_text(fs::path(MESO_DESIGN_DIR) / "language.md");
    std::size_t at = 0;
    int block = 0;
    while ((at = design.find("```meso\n", at)) != std::string::npos) {
        at += 8;
        const std::size_t end = design.find("```", at);
        if (end == std::string::npos) break;
        std::string text = design.substr(at, end - at);
        const std::string name = "language.md block " + std::to_string(++block);
        const std::string as_template = "template fragment {\n" + text + "}\n";  // block statements alone
        if (parses_cleanly(name, text)) corpus.push_back({name, std::move(text)});
        else if (parses_cleanly(name, as_template)) corpus.push_back({name + " in a template", as_template});
        at = end + 3;
    }
    return corpus;
}

}  // namespace meso::test
