// meso lsp driven through memory: the protocol's life cycle, diagnostics
// and their positions, and the answers about a program.
#include <catch2/catch.hpp>

#include <filesystem>

#include "engine/lsp/protocol.h"
#include "tests/lsp/lsp_support.h"
#include "tests/support/support.h"

using namespace meso::lsp::testing;

namespace {

const std::string plan_uri = "file:///tmp/meso-lsp-test/plan.meso";
const std::string& plan = zoe_plan;

// The error is at 'fr': 20 bytes into its line, 17 UTF-16 code units ("ë" is
// 2 bytes and 1 unit, the emoji 4 bytes and 2 units).
const std::string broken_uri = "file:///tmp/meso-lsp-test/broken.meso";
const std::string broken = "athlete \"Zoë\" { max squat 100 kg }\nprogram \"Zoë 💪\" fr \"Zoë\" {\n  start 2027-01-04\n}\n";

}  // namespace

TEST_CASE("lsp: initialize offers the features and UTF-16 positions unless the client takes UTF-8")
{
    Session s;
    s.run({initialize()});
    const json capabilities = s.answer(1)["result"]["capabilities"];
    CHECK(capabilities["positionEncoding"] == "utf-16");
    CHECK(capabilities["hoverProvider"] == true);
    CHECK(capabilities["definitionProvider"] == true);
    CHECK(capabilities["documentFormattingProvider"] == true);
    CHECK(capabilities["inlayHintProvider"] == true);
    CHECK(capabilities["textDocumentSync"]["change"] == 1);
    s.run({initialize(1, true)});
    CHECK(s.answer(1)["result"]["capabilities"]["positionEncoding"] == "utf-8");
}

TEST_CASE("lsp: a syntax error after Zoë and an emoji is placed in UTF-16 code units, or in bytes with UTF-8")
{
    Session s;
    s.run({initialize(), notification("initialized"), open(broken_uri, broken)});
    json error = first_error(s.diagnostics(broken_uri));
    REQUIRE(error != nullptr);
    CHECK(error["range"]["start"]["line"] == 1);
    CHECK(error["range"]["start"]["character"] == 17);
    CHECK(error["range"]["end"]["character"] == 19);
    CHECK(error["source"] == "meso");
    CHECK(error["message"].get<std::string>().find("expected '{'") != std::string::npos);
    s.run({initialize(1, true), open(broken_uri, broken)});
    error = first_error(s.diagnostics(broken_uri));
    REQUIRE(error != nullptr);
    CHECK(error["range"]["start"]["character"] == 20);
}

TEST_CASE("lsp: a finding of a rule has its id as code and a link to its explanation, a file of the cache")
{
    Session s;
    s.run({initialize(), open(plan_uri, plan)});
    const json diagnostics = s.diagnostics(plan_uri);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0]["code"] == "general.percent-without-max");
    CHECK(diagnostics[0]["severity"] == 3);
    CHECK(diagnostics[0]["range"]["start"]["line"] == 17);
    const std::string href = diagnostics[0]["codeDescription"]["href"];
    REQUIRE(href.rfind("file://", 0) == 0);
    const std::string explanation = meso::test::read_file(meso::lsp::path_of_uri(href));
    CHECK(explanation.find("general.percent-without-max") != std::string::npos);
    CHECK(diagnostics[0]["relatedInformation"][0]["message"] == "the template 'deload' is defined here");
}

TEST_CASE("lsp: the notes of several findings into one module of the standard library point at its own lines")
{
    std::string two_deloads = plan;
    two_deloads.replace(two_deloads.find("  then 1 week deload\n"), 21,
                        "  then 1 week deload\n  then 1 week strong\n  then 1 week deload\n");
    Session s;
    s.run({initialize(), open(plan_uri, two_deloads)});
    const json diagnostics = s.diagnostics(plan_uri);
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0]["range"]["start"]["line"] == 17);
    CHECK(diagnostics[1]["range"]["start"]["line"] == 19);
    // Zoë has no max deadlift: the note is at the template's `deadlift    2x3 @ 50%`,
    // line 224 of std/templates.meso (223 from 0), after its two spaces.
    for (const json& d : diagnostics) {
        CHECK(d["relatedInformation"][0]["message"] == "the template 'deload' is defined here");
        const json& location = d["relatedInformation"][0]["location"];
        CHECK(location["uri"].get<std::string>().find("/std/templates.meso") != std::string::npos);
        CHECK(location["range"]["start"]["line"] == 223);
        CHECK(location["range"]["start"]["character"] == 2);
        CHECK(location["range"]["end"]["line"] == 223);
        CHECK(location["range"]["end"]["character"] == 23);
    }
}

TEST_CASE("lsp: a change is checked again and its diagnostics replace the old ones")
{
    Session s;
    const json change = notification("textDocument/didChange",
                                     {{"textDocument", {{"uri", broken_uri}, {"version", 2}}}, {"contentChanges", {{{"text", plan}}}}});
    s.run({initialize(), open(broken_uri, broken), change});
    const json diagnostics = s.diagnostics(broken_uri);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0]["code"] == "general.percent-without-max");
}

TEST_CASE("lsp: changes queued behind each other are checked once, for the last text")
{
    Session s;
    const auto change = [](int version, const std::string& text) {
        return notification("textDocument/didChange",
                            {{"textDocument", {{"uri", plan_uri}, {"version", version}}}, {"contentChanges", {{{"text", text}}}}});
    };
    s.run({initialize(), open(plan_uri, plan), change(2, broken), change(3, broken), change(4, plan)});
    int published = 0;
    for (const auto& m : s.out)
        if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == plan_uri) {
            ++published;
            CHECK(m["params"]["version"] != 2);
        }
    CHECK(published == 2);  // the open, and version 4
}

TEST_CASE("lsp: hover on a prescription gives its kilograms week by week for the athlete")
{
    Session s;
    s.run({initialize(), open(plan_uri, plan), request(2, "textDocument/hover", at(plan_uri, 10, 3))});
    const std::string text = s.answer(2)["result"]["contents"]["value"];
    CHECK(text.find("**squat** for Zoë") != std::string::npos);
    CHECK(text.find("week 1 (2027-01-04): 5×5 @ 80 kg") != std::string::npos);
    CHECK(text.find("week 2 (2027-01-11): 5×5 @ 80 kg") != std::string::npos);
}

TEST_CASE("lsp: hover on a block gives its dates and sessions, on a rule id its explanation, on a template its text")
{
    Session s;
    const std::string with_allow =
        plan.substr(0, plan.find("  then")) + "  then 1 week deload { allow general.percent-without-max \"known\" }\n}\n";
    s.run({initialize(), open(plan_uri, with_allow), request(2, "textDocument/hover", at(plan_uri, 16, 3)),
           request(3, "textDocument/hover", at(plan_uri, 17, 35)), request(4, "textDocument/hover", at(plan_uri, 16, 12))});
    const std::string block = s.answer(2)["result"]["contents"]["value"];
    CHECK(block.find("**Strong** (strength): 2027-01-04 to 2027-01-17, 2 weeks, 4 sessions for Zoë") != std::string::npos);
    const std::string rule = s.answer(3)["result"]["contents"]["value"];
    CHECK(rule.find("**general.percent-without-max** (info)") != std::string::npos);
    const std::string definition = s.answer(4)["result"]["contents"]["value"];
    CHECK(definition.find("template strong \"Strong\" {") != std::string::npos);
    CHECK(definition.find("squat 5x5 @ 80%") != std::string::npos);
}

TEST_CASE("lsp: hover on a rule id explains it also in a file with an error of meaning, whose programs are not checked")
{
    Session s;
    const std::string unknown_template =
        plan.substr(0, plan.find("  then")) + "  then 1 week delaod { allow general.percent-without-max \"known\" }\n}\n";
    s.run({initialize(), open(plan_uri, unknown_template), request(2, "textDocument/hover", at(plan_uri, 17, 35))});
    const json error = first_error(s.diagnostics(plan_uri));
    REQUIRE(error != nullptr);
    CHECK(error["message"].get<std::string>().find("unknown template 'delaod'") != std::string::npos);
    const std::string rule = s.answer(2)["result"]["contents"]["value"];
    CHECK(rule.find("**general.percent-without-max** (info)") != std::string::npos);
}

TEST_CASE("lsp: while a line is half typed, hover answers from the last text that parsed")
{
    Session s;
    const std::string half = plan.substr(0, plan.find("  then")) + "  then 1 we\n}\n";
    const json change = notification("textDocument/didChange",
                                     {{"textDocument", {{"uri", plan_uri}, {"version", 2}}}, {"contentChanges", {{{"text", half}}}}});
    s.run({initialize(), open(plan_uri, plan), change, request(2, "textDocument/hover", at(plan_uri, 10, 3))});
    CHECK(first_error(s.diagnostics(plan_uri)) != nullptr);
    CHECK(s.answer(2)["result"]["contents"]["value"].get<std::string>().find("5×5 @ 80 kg") != std::string::npos);
}
