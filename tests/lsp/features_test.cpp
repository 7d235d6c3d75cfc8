// meso lsp: completion, definition, outline, formatting, code actions and
// inlay hints, and the JSON-RPC errors of what a client gets wrong.
#include <catch2/catch.hpp>

#include <filesystem>

#include "engine/lsp/protocol.h"
#include "tests/lsp/lsp_support.h"
#include "tests/support/support.h"

using namespace meso::lsp::testing;

namespace {

const std::string uri = "file:///tmp/meso-lsp-test/plan.meso";
const std::string& plan = zoe_plan;

// `plan` with line `line` (0-based) replaced.
std::string with_line(unsigned line, const std::string& text)
{
    std::string out;
    std::size_t begin = 0;
    for (unsigned i = 0; i < line; ++i) begin = plan.find('\n', begin) + 1;
    const std::size_t end = plan.find('\n', begin);
    return plan.substr(0, begin) + text + plan.substr(end);
}

std::vector<std::string> completions_at(const std::string& text, unsigned line, unsigned character)
{
    Session s;
    s.run({initialize(), open(uri, text), request(2, "textDocument/completion", at(uri, line, character))});
    const json answer = s.answer(2);  // kept: a range-for over a temporary's member would dangle
    std::vector<std::string> out;
    for (const auto& item : answer["result"]["items"]) out.push_back(item["label"]);
    return out;
}

bool has(const std::vector<std::string>& list, const std::string& value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

int error_code(const Session& s, int id) { return s.answer(id)["error"]["code"]; }

}  // namespace

TEST_CASE("lsp: completion offers what fits where the cursor is")
{
    // A block's statement: its keywords and the exercises the athlete has a max for.
    auto items = completions_at(with_line(10, "  "), 10, 2);
    CHECK(has(items, "sessions"));
    CHECK(has(items, "bench-press"));
    CHECK_FALSE(has(items, "program"));
    // At the top: the file's statements.
    items = completions_at(plan + "pro", 19, 3);
    CHECK(has(items, "program"));
    CHECK(has(items, "athlete"));
    // After a length: templates of the file and of the library.
    items = completions_at(with_line(16, "  2 weeks "), 16, 10);
    CHECK(has(items, "strong"));
    CHECK(has(items, "hypertrophy-rir"));
    // After `allow`: rule ids.
    items = completions_at(with_line(10, "  allow "), 10, 8);
    CHECK(has(items, "bfr.min-gap") != has(items, "kaatsu.min-gap"));
    CHECK(has(items, "general.percent-without-max"));
    // Time zones, athletes, units, program statements.
    CHECK(has(completions_at(with_line(15, "  timezone Eur"), 15, 14), "Europe/Berlin"));
    CHECK(has(completions_at(with_line(13, "program \"Spring\" for "), 13, 21), "Zoë"));
    CHECK(has(completions_at(with_line(3, "  max squat 100 "), 3, 16), "kg"));
    CHECK(has(completions_at(with_line(14, "  "), 14, 2), "start"));
}

TEST_CASE("lsp: completion inside a repeat offers what a repeat holds, and a block's statements inside its blocks")
{
    const std::string text = "athlete \"A\" { max squat 100 kg; training-max 90% }\n"
                             "program \"P\" for \"A\" {\n"
                             "  start 2027-03-01\n"
                             "  repeat 4 {\n"
                             "    \n"
                             "    3 weeks \"Heavy\" {\n"
                             "      \n"
                             "      week 2 { }\n"
                             "    }\n"
                             "    repeat 2 { 1 week \"Light\" { days mon; squat 3x5 @ 60% } }\n"
                             "  }\n"
                             "}\n";
    auto items = completions_at(text, 4, 4);  // the repeat's body
    CHECK(has(items, "training-max"));
    CHECK(has(items, "repeat"));
    CHECK_FALSE(has(items, "days"));
    CHECK_FALSE(has(items, "sessions"));
    CHECK_FALSE(has(items, "start"));
    items = completions_at(text, 6, 6);  // a block inside the repeat
    CHECK(has(items, "days"));
    CHECK(has(items, "squat"));
    CHECK_FALSE(has(items, "training-max"));
    items = completions_at(text, 7, 15);  // a week override of that block
    CHECK(has(items, "sessions"));
    items = completions_at(text, 9, 15);  // the inner repeat's body, before its block
    CHECK(has(items, "training-max"));
    CHECK_FALSE(has(items, "days"));
    items = completions_at(text, 9, 31);  // the inner repeat's block, after its `{`
    CHECK(has(items, "days"));
    items = completions_at(text, 10, 3);  // after the repeat's closing brace: the program's statements
    CHECK(has(items, "start"));
}

TEST_CASE("lsp: completion works on a half-typed line, from the last text that parsed")
{
    const auto items = completions_at(with_line(10, "  squat 5x5 @ 80% rest 2 min\n  ben"), 11, 5);
    CHECK(has(items, "bench-press"));
}

TEST_CASE("lsp: definition of a template of the library opens a read-only copy in the cache")
{
    Session s;
    s.run({initialize(), open(uri, plan), request(2, "textDocument/definition", at(uri, 17, 15)),
           request(3, "textDocument/definition", at(uri, 16, 12)), request(4, "textDocument/definition", at(uri, 13, 24))});
    const json library = s.answer(2)["result"];
    const std::string path = meso::lsp::path_of_uri(library["uri"]);
    CHECK(path.find((s.cache / MESO_VERSION / "std" / "templates.meso").string()) == 0);
    const std::string text = meso::test::read_file(path);
    const auto line = library["range"]["start"]["line"].get<std::size_t>();
    std::size_t begin = 0;
    for (std::size_t i = 0; i < line; ++i) begin = text.find('\n', begin) + 1;
    CHECK(text.compare(begin, 16, "template deload ") == 0);
    CHECK((std::filesystem::status(path).permissions() & std::filesystem::perms::owner_write) == std::filesystem::perms::none);
    CHECK(s.answer(3)["result"]["uri"] == uri);
    CHECK(s.answer(3)["result"]["range"]["start"]["line"] == 7);
    CHECK(s.answer(4)["result"]["range"]["start"]["line"] == 2);  // the athlete
}

TEST_CASE("lsp: the outline lists the file's statements and a program's blocks")
{
    Session s;
    s.run({initialize(), open(uri, plan), request(2, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}})});
    const json symbols = s.answer(2)["result"];
    REQUIRE(symbols.size() == 4);
    CHECK(symbols[1]["name"] == "Zoë");
    CHECK(symbols[2]["name"] == "strong");
    CHECK(symbols[3]["name"] == "Spring");
    REQUIRE(symbols[3]["children"].size() == 2);
    CHECK(symbols[3]["children"][1]["name"] == "deload");
}

TEST_CASE("lsp: formatting gives the layout of meso fmt, and nothing for a file with a syntax error")
{
    Session s;
    const std::string messy = "athlete \"Zoë\" {\nmax squat 100 kg\n}\n\n\n";
    s.run({initialize(), open(uri, messy),
           request(2, "textDocument/formatting", {{"textDocument", {{"uri", uri}}}, {"options", json::object()}})});
    const json edits = s.answer(2)["result"];
    REQUIRE(edits.size() == 1);
    CHECK(edits[0]["newText"] == "athlete \"Zoë\" {\n  max squat 100 kg\n}\n");
    s.run({initialize(), open(uri, "athlete {\n"), request(2, "textDocument/formatting", {{"textDocument", {{"uri", uri}}}})});
    CHECK(s.answer(2)["result"].empty());
}

TEST_CASE("lsp: code actions fix a misspelt template and add an allow for a finding")
{
    Session s;
    const std::string misspelt = with_line(16, "  2 weeks strnog");
    const json range = {{"start", {{"line", 16}, {"character", 0}}}, {"end", {{"line", 16}, {"character", 16}}}};
    s.run({initialize(), open(uri, misspelt),
           request(2, "textDocument/codeAction",
                   {{"textDocument", {{"uri", uri}}}, {"range", range}, {"context", {{"diagnostics", json::array()}}}})});
    const json fix = s.answer(2)["result"][0];
    CHECK(fix["title"] == "Change to 'strong'");
    CHECK(fix["edit"]["changes"][uri][0]["newText"] == "strong");
    CHECK(fix["edit"]["changes"][uri][0]["range"]["start"]["character"] == 10);
    const json finding = {{"start", {{"line", 17}, {"character", 0}}}, {"end", {{"line", 17}, {"character", 5}}}};
    s.run({initialize(), open(uri, plan), request(2, "textDocument/codeAction", {{"textDocument", {{"uri", uri}}}, {"range", finding}})});
    const json allow = s.answer(2)["result"][0];
    CHECK(allow["title"] == "Allow general.percent-without-max here (say why in the reason)");
    CHECK(allow["edit"]["changes"][uri][0]["newText"] == " { allow general.percent-without-max \"reason\" }");
    CHECK(allow["edit"]["changes"][uri][0]["range"]["start"]["line"] == 17);
    CHECK(allow["edit"]["changes"][uri][0]["range"]["start"]["character"] == 20);
}

TEST_CASE("lsp: inlay hints give each block's date range at the end of its line")
{
    Session s;
    s.run({initialize(), open(uri, plan), request(2, "textDocument/inlayHint", {{"textDocument", {{"uri", uri}}}})});
    const json hints = s.answer(2)["result"];
    REQUIRE(hints.size() == 2);
    CHECK(hints[0]["position"]["line"] == 16);
    CHECK(hints[0]["label"] == "2027-01-04 – 2027-01-17, 4 sessions");
    CHECK(hints[1]["position"]["line"] == 17);
}

TEST_CASE("lsp: what a client gets wrong is a JSON-RPC error, and the server reads on")
{
    Session s;
    const std::string not_json = "Content-Length: 9\r\n\r\n{\"jsonrpc";
    s.run({request(1, "textDocument/hover", at(uri, 0, 0))},
          not_json + frame(initialize(2)) + frame(request(3, "textDocument/rename")) +
              frame(request(4, "textDocument/hover", {{"textDocument", {{"uri", uri}}}})) + frame(json::array({1, 2})) +
              frame(request(5, "shutdown")) + frame(notification("exit")));
    CHECK(error_code(s, 1) == -32002);  // before initialize
    CHECK(s.out[1]["error"]["code"] == -32700);
    CHECK(s.out[1]["id"] == nullptr);
    CHECK(s.answer(2).contains("result"));
    CHECK(error_code(s, 3) == -32601);
    CHECK(error_code(s, 4) == -32602);  // no such document, no position
    CHECK(s.out[5]["error"]["code"] == -32600);
    CHECK(s.answer(5)["result"] == nullptr);
}

TEST_CASE("lsp: a cancelled request is answered RequestCancelled, exit after shutdown is status 0, without it 1")
{
    Session s;
    const std::vector<json> messages = {initialize(),
                                        open(uri, plan),
                                        request(2, "textDocument/hover", at(uri, 10, 3)),
                                        notification("$/cancelRequest", {{"id", 2}}),
                                        request(3, "shutdown"),
                                        notification("exit")};
    std::string bytes;
    for (const auto& m : messages) bytes += frame(m);
    meso::lsp::ServerOptions options;
    options.cache_dir = s.cache.string();
    std::istringstream in(bytes);
    std::ostringstream out;
    CHECK(meso::lsp::serve(in, out, options) == 0);
    s.out = replies(out.str());
    CHECK(error_code(s, 2) == -32800);
    std::istringstream without_shutdown(frame(initialize()) + frame(notification("exit")));
    CHECK(meso::lsp::serve(without_shutdown, out, options) == 1);
}

TEST_CASE("lsp: a huge document and broken framing never crash the server")
{
    Session s;
    std::string huge;
    for (int i = 0; i < 20000; ++i) huge += "athlete \"A" + std::to_string(i) + "\" { max squat 100 kg }\n";
    huge += "program {\n";
    s.run({initialize(), open(uri, huge), request(2, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}})},
          "Content-Length: x\r\n\r\n{}");
    CHECK(s.diagnostics(uri).size() >= 1);
    CHECK(s.answer(2)["result"].size() >= 20000);
    s.run({initialize()}, "Content-Length: 100\r\n\r\n{}");  // cut short: the session ends
    CHECK(s.answer(1).contains("result"));
    s.run({}, "Content-Type: text\r\n\r\n{}");  // no length
    CHECK(s.out.empty());
}

TEST_CASE("lsp: document URIs are decoded to paths and paths encoded to URIs")
{
    CHECK(meso::lsp::path_of_uri("file:///home/a/plan%20b.meso") == "/home/a/plan b.meso");
    CHECK(meso::lsp::uri_of_path("/home/a/plan b.meso") == "file:///home/a/plan%20b.meso");
    CHECK(meso::lsp::path_of_uri(meso::lsp::uri_of_path("/tmp/Zoë.meso")) == "/tmp/Zoë.meso");
}
