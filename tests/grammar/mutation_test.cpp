// Robustness: the fixtures with bytes deleted, inserted, duplicated or
// swapped never make the parser throw or crash, and every diagnostic points
// inside the text with a message.
#include <catch2/catch.hpp>

#include <random>

#include "tests/grammar/support.h"

using namespace meso;
using namespace meso::grammar_test;

TEST_CASE("mutated fixtures give located errors, never an exception")
{
    std::vector<std::string> fixtures;
    for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir()))
        if (entry.path().extension() == ".meso") fixtures.push_back(read_file(entry.path()));
    REQUIRE_FALSE(fixtures.empty());
    // Bytes that matter to the grammar, to insert.
    const std::string alphabet = "{}()\"\\#;,.:@%+-x \n0123456789abkgsmondayweek\x80\xE2\t";
    std::mt19937 random(20270104);  // fixed: a failure can be replayed
    std::size_t with_errors = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text = fixtures[random() % fixtures.size()];
        const int edits = 1 + static_cast<int>(random() % 3);
        for (int e = 0; e < edits && !text.empty(); ++e) {
            const std::size_t at = random() % text.size();
            switch (random() % 4) {
            case 0: text.erase(at, 1 + random() % 8); break;
            case 1: text.insert(at, 1, alphabet[random() % alphabet.size()]); break;
            case 2: text.insert(at, text.substr(random() % text.size(), 1 + random() % 20)); break;
            default: std::swap(text[at], text[random() % text.size()]); break;
            }
        }
        Parsed parsed;
        try {
            parsed = parse_text(text, "mutated.meso");
        }
        catch (const std::exception& e) {
            INFO(text);
            FAIL("parse threw: " << e.what());
        }
        if (!parsed.diagnostics().empty()) ++with_errors;
        for (const auto& d : parsed.diagnostics()) {
            if (d.severity == Severity::note) continue;
            INFO(text);
            INFO(d.message);
            REQUIRE(d.span.valid());
            CHECK(d.span.begin <= text.size());
            CHECK(d.span.end <= text.size());
            CHECK_FALSE(d.message.empty());
        }
    }
    CHECK(with_errors > 7000);  // the mutations did break most files
}
