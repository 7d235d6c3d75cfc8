// The statement keywords of the grammar against the places that list them
// again: meso lsp's completion, the TextMate grammar of VS Code and vim's
// syntax file. Each list is read where it lives, when the test runs: the
// grammar's from the `*_keywords` structs of grammar/*.h (what a misspelt
// keyword is matched against), the editors' from their files, the
// server's from its completions. A keyword added to the grammar and
// forgotten by one of them, or a word one of them lists that the grammar
// does not know, fails here.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "tests/lsp/lsp_support.h"
#include "tests/support/support.h"

using namespace meso::lsp::testing;

namespace {

std::set<std::string> quoted_words(const std::string& text)
{
    std::set<std::string> out;
    const std::regex quoted("\"([^\"]+)\"");
    for (std::sregex_iterator it(text.begin(), text.end(), quoted), end; it != end; ++it) out.insert((*it)[1]);
    return out;
}

std::string grammar_sources()
{
    std::string all;
    for (const auto& entry : std::filesystem::directory_iterator(meso::test::source_dir() + "/grammar"))
        if (entry.path().extension() == ".h" || entry.path().extension() == ".cpp") all += meso::test::read_file(entry.path().string());
    return all;
}

// Each `struct X_keywords { ... words() { return {"a", "b"}; } }` of the grammar.
std::map<std::string, std::set<std::string>> statement_keyword_lists(const std::string& grammar)
{
    std::map<std::string, std::set<std::string>> lists;
    const std::regex list(R"(struct (\w+_keywords)\s*\{[\s\S]*?words\(\)\s*\{\s*return\s*\{([^}]*)\})");
    for (std::sregex_iterator it(grammar.begin(), grammar.end(), list), end; it != end; ++it) lists[(*it)[1]] = quoted_words((*it)[2]);
    return lists;
}

// Every word the grammar reads as a keyword: kw<"word">, and the statement lists.
std::set<std::string> grammar_words(const std::string& grammar, const std::map<std::string, std::set<std::string>>& lists)
{
    std::set<std::string> words;
    const std::regex keyword(R"re(kw<"([^"]+)">)re");
    for (std::sregex_iterator it(grammar.begin(), grammar.end(), keyword), end; it != end; ++it) words.insert((*it)[1]);
    for (const auto& [name, list] : lists) words.insert(list.begin(), list.end());
    return words;
}

// The words of a TextMate pattern's alternations of plain words: `(use|athlete|...)` and `(?:use|athlete|...)`.
std::set<std::string> alternation_words(const std::string& pattern)
{
    std::set<std::string> words;
    const std::regex group(R"(\((?:\?:)?([A-Za-z-]+(?:\|[A-Za-z-]+)+)\))");
    for (std::sregex_iterator it(pattern.begin(), pattern.end(), group), end; it != end; ++it) {
        std::istringstream alternatives((*it)[1]);
        for (std::string word; std::getline(alternatives, word, '|');) words.insert(word);
    }
    return words;
}

// The TextMate grammar's keywords (the patterns named keyword.control and
// keyword.operator.logical) and the words that cannot begin an exercise.
std::pair<std::set<std::string>, std::set<std::string>> textmate_words()
{
    const json grammar = json::parse(meso::test::read_file(meso::test::source_dir() + "/editors/vscode/syntaxes/meso.tmLanguage.json"));
    std::set<std::string> keywords, not_exercises;
    for (const auto& [name, entry] : grammar["repository"].items())
        for (const auto& pattern : entry.value("patterns", json::array())) {
            const std::string scope = pattern.value("name", ""), match = pattern.value("match", "");
            if (scope == "keyword.control.meso" || scope == "keyword.operator.logical.meso") keywords.merge(alternation_words(match));
            if (pattern.value("captures", json::object()).dump().find("variable.other.exercise") != std::string::npos &&
                match.find("(?!(?:") != std::string::npos)
                not_exercises.merge(alternation_words(match.substr(0, match.find("))"))));
        }
    return {keywords, not_exercises};
}

// vim's `syn keyword mesoKeyword ...` and `syn keyword mesoOperatorWord ...`.
std::set<std::string> vim_words()
{
    std::istringstream lines(meso::test::read_file(meso::test::source_dir() + "/editors/vim/syntax/meso.vim"));
    std::set<std::string> words;
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string syn, keyword, group;
        fields >> syn >> keyword >> group;
        if (syn != "syn" || keyword != "keyword" || (group != "mesoKeyword" && group != "mesoOperatorWord")) continue;
        for (std::string word; fields >> word;) words.insert(word);
    }
    return words;
}

// What meso lsp completes as keywords (CompletionItemKind 14) inside each body and at the top.
std::set<std::string> completion_keywords()
{
    const std::string uri = "file:///tmp/meso-lsp-test/keywords.meso";
    const std::string text = "athlete \"A\" {\n  \n}\ncondition c \"C\" {\n  \n}\nruleset r \"R\" {\n  \n}\ntemplate t \"T\" {\n  \n}\n"
                             "program \"P\" {\n  \n  2 weeks t {\n    \n  }\n}\n";
    const std::vector<std::pair<unsigned, unsigned>> places = {{1, 2}, {4, 2}, {7, 2}, {10, 2}, {13, 2}, {15, 4}, {18, 0}};
    std::vector<json> messages = {initialize(), open(uri, text)};
    for (std::size_t i = 0; i < places.size(); ++i)
        messages.push_back(request(static_cast<int>(i) + 2, "textDocument/completion", at(uri, places[i].first, places[i].second)));
    Session s;
    s.run(messages);
    std::set<std::string> words;
    for (std::size_t i = 0; i < places.size(); ++i) {
        const json answer = s.answer(static_cast<int>(i) + 2);
        for (const auto& item : answer["result"]["items"])
            if (item["kind"] == 14) words.insert(item["label"].get<std::string>());
    }
    return words;
}

void check_lists(const std::string& where, const std::set<std::string>& listed, const std::set<std::string>& statements,
                 const std::set<std::string>& known)
{
    for (const auto& word : statements) {
        INFO("the statement keyword '" << word << "' of the grammar is missing from " << where);
        CHECK(listed.count(word) == 1);
    }
    for (const auto& word : listed) {
        INFO(where << " lists '" << word << "', which the grammar does not know");
        CHECK(known.count(word) == 1);
    }
}

}  // namespace

TEST_CASE("keywords: every statement keyword of the grammar is completed by meso lsp and coloured by VS Code and vim, and no other word")
{
    const std::string grammar = grammar_sources();
    const auto lists = statement_keyword_lists(grammar);
    // The lists the grammar matches misspelt keywords against; read, not copied.
    REQUIRE(lists.count("top_keywords") == 1);
    REQUIRE(lists.count("block_keywords") == 1);
    REQUIRE(lists.size() >= 6);
    std::set<std::string> statements;
    for (const auto& [name, list] : lists) statements.insert(list.begin(), list.end());
    REQUIRE(statements.count("program") == 1);
    const std::set<std::string> known = grammar_words(grammar, lists);

    check_lists("meso lsp's completion", completion_keywords(), statements, known);
    const auto [textmate, not_exercises] = textmate_words();
    REQUIRE_FALSE(textmate.empty());
    check_lists("the TextMate grammar's keywords (editors/vscode/syntaxes/meso.tmLanguage.json)", textmate, statements, known);
    REQUIRE_FALSE(not_exercises.empty());
    check_lists("the TextMate grammar's words that begin no exercise", not_exercises, statements, known);
    check_lists("vim's keywords (editors/vim/syntax/meso.vim)", vim_words(), statements, known);
}
