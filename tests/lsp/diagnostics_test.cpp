// meso lsp's diagnostics over a session's life: a used file's errors
// cleared when they are fixed or the `use` goes, a closed document's
// cleared, a document over the size meso reads, and the limits of a message.
#include <catch2/catch.hpp>

#include <functional>
#include <sstream>
#include <streambuf>

#include "engine/lsp/protocol.h"
#include "tests/lsp/lsp_support.h"
#include "tests/support/support.h"

using namespace meso::lsp::testing;

namespace {

// The client's bytes in two parts, and something done between them: the
// server answers all of the first part before it reads the second, as
// when a user saves another file and then types.
class TwoParts : public std::streambuf {
public:
    TwoParts(std::string first, std::string second, std::function<void()> between)
        : first_(std::move(first)), second_(std::move(second)), between_(std::move(between))
    {
        setg(first_.data(), first_.data(), first_.data() + first_.size());
    }

protected:
    int_type underflow() override
    {
        if (done_ || second_.empty()) return traits_type::eof();
        done_ = true;
        between_();
        setg(second_.data(), second_.data(), second_.data() + second_.size());
        return traits_type::to_int_type(second_.front());
    }

private:
    std::string first_, second_;
    std::function<void()> between_;
    bool done_ = false;
};

std::string framed(const std::vector<json>& messages)
{
    std::string bytes;
    for (const auto& m : messages) bytes += frame(m);
    return bytes;
}

json change(const std::string& uri, int version, const std::string& text)
{
    return notification("textDocument/didChange",
                        {{"textDocument", {{"uri", uri}, {"version", version}}}, {"contentChanges", {{{"text", text}}}}});
}

// Every diagnostics list published for `uri`, in order.
std::vector<json> published(const std::vector<json>& out, const std::string& uri)
{
    std::vector<json> lists;
    for (const auto& m : out)
        if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            lists.push_back(m["params"]["diagnostics"]);
    return lists;
}

const std::string broken_library = "athlete \"Bea\" {\n  maxx squat 100 kg\n}\n";
const std::string fixed_library = "athlete \"Bea\" {\n  max squat 100 kg\n}\n";
const std::string plan_text = "use \"lib.meso\"\n\nprogram \"P\" for \"Bea\" {\n  start 2027-01-04\n}\n";

}  // namespace

TEST_CASE("lsp: when a used file's error is fixed, its diagnostics are published empty")
{
    const std::string dir = meso::test::temp_dir("lsp-stale-import");
    meso::test::write_file(dir + "/lib.meso", broken_library);
    const std::string plan_uri = meso::lsp::uri_of_path(dir + "/plan.meso"), library_uri = meso::lsp::uri_of_path(dir + "/lib.meso");
    Session s;
    meso::lsp::ServerOptions options;
    options.cache_dir = s.cache.string();
    // The user fixes lib.meso in another window, saves it, and types in plan.meso.
    TwoParts input(framed({initialize(), open(plan_uri, plan_text)}), framed({change(plan_uri, 2, plan_text + "\n")}),
                   [&] { meso::test::write_file(dir + "/lib.meso", fixed_library); });
    std::istream in(&input);
    std::ostringstream out;
    meso::lsp::serve(in, out, options);
    const auto lists = published(replies(out.str()), library_uri);
    REQUIRE(lists.size() == 2);
    REQUIRE(lists[0].size() >= 1);
    CHECK(lists[0][0]["message"].get<std::string>().find("maxx") != std::string::npos);
    CHECK(lists[1] == json::array());
}

TEST_CASE("lsp: when the use of a file with an error goes, that file's diagnostics are published empty")
{
    const std::string dir = meso::test::temp_dir("lsp-stale-use");
    meso::test::write_file(dir + "/lib.meso", broken_library);
    const std::string plan_uri = meso::lsp::uri_of_path(dir + "/plan.meso"), library_uri = meso::lsp::uri_of_path(dir + "/lib.meso");
    Session s;
    const std::string without_use = "athlete \"Bea\" { max squat 100 kg }\n" + plan_text.substr(plan_text.find("program"));
    s.run({initialize(), open(plan_uri, plan_text), change(plan_uri, 2, without_use), request(2, "shutdown")});
    const auto lists = published(s.out, library_uri);
    REQUIRE(lists.size() == 2);
    CHECK(lists[0].size() >= 1);
    CHECK(lists[1] == json::array());
    CHECK(published(s.out, plan_uri).back() == json::array());
}

TEST_CASE("lsp: a closed document's diagnostics, and those of the files it uses, are published empty")
{
    const std::string dir = meso::test::temp_dir("lsp-close");
    meso::test::write_file(dir + "/lib.meso", broken_library);
    const std::string plan_uri = meso::lsp::uri_of_path(dir + "/plan.meso"), library_uri = meso::lsp::uri_of_path(dir + "/lib.meso");
    Session s;
    const std::string with_error = plan_text + "program {\n";
    s.run({initialize(), open(plan_uri, with_error), notification("textDocument/didClose", {{"textDocument", {{"uri", plan_uri}}}}),
           request(2, "textDocument/hover", at(plan_uri, 0, 0))});
    const auto own = published(s.out, plan_uri), library = published(s.out, library_uri);
    REQUIRE(own.size() == 2);
    CHECK(own[0].size() >= 1);
    CHECK(own[1] == json::array());
    REQUIRE(library.size() == 2);
    CHECK(library[1] == json::array());
    CHECK(s.answer(2)["error"]["code"] == -32602);  // closed: no such document
}

TEST_CASE("lsp: a document larger than meso reads gets a diagnostic that says so, and the server answers on")
{
    const std::string uri = "file:///tmp/meso-lsp-test/huge.meso";
    std::string huge = "# " + std::string((64u << 20) - 2, 'x') + "\n";  // one byte over 64 MiB
    Session s;
    s.run({initialize(), open(uri, huge), request(2, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}}),
           request(3, "shutdown")});
    const json diagnostics = s.diagnostics(uri);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0]["severity"] == 1);
    CHECK(diagnostics[0]["message"].get<std::string>().find("64 MiB") != std::string::npos);
    CHECK(s.answer(2).contains("result"));
    CHECK(s.answer(3)["result"] == nullptr);
}

TEST_CASE("lsp: a message longer than meso lsp reads ends the session, without reading its body")
{
    Session s;
    s.run({initialize()},
          "Content-Length: " + std::to_string(meso::lsp::max_message_bytes + 1) + "\r\n\r\n{}" + frame(request(2, "shutdown")));
    CHECK(s.answer(1).contains("result"));
    CHECK(s.answer(2) == nullptr);
}

TEST_CASE("lsp: with UTF-8 offered, every position is in bytes: diagnostics, hover and an edit's range")
{
    const std::string uri = "file:///tmp/meso-lsp-test/utf8.meso";
    const std::string text = "athlete \"Zoë\" { max squat 100 kg }\nprogram \"💪\" for \"Zoë\" {\n  start 2027-01-04\n}\n";
    // The edit's range on line 1 is past the emoji, 4 bytes (2 UTF-16 code units): 'for' is at byte 15.
    Session s;
    const json edit = notification(
        "textDocument/didChange",
        {{"textDocument", {{"uri", uri}, {"version", 2}}},
         {"contentChanges",
          {{{"range", {{"start", {{"line", 1}, {"character", 15}}}, {"end", {{"line", 1}, {"character", 18}}}}}, {"text", "fr"}}}}});
    s.run({initialize(1, true), open(uri, text), edit});
    CHECK(s.answer(1)["result"]["capabilities"]["positionEncoding"] == "utf-8");
    // The edit replaced 'for' with 'fr': now a syntax error there, in bytes.
    json error;
    for (const auto& d : s.diagnostics(uri))
        if (d["severity"] == 1) error = d;
    REQUIRE(error != nullptr);
    CHECK(error["range"]["start"]["line"] == 1);
    CHECK(error["range"]["start"]["character"] == 15);
}

TEST_CASE("lsp: a position past its line's end is the line's end, however large its character")
{
    // Found by fuzz_lsp (tests/fuzz/regressions-lsp/utf8-character-past-32-bits.bin): in UTF-8, the
    // start of line 2 plus character 4294967295 wrapped to the '\n' of line 1, and the edit went there.
    const std::string uri = "file:///tmp/meso-lsp-test/huge-character.meso";
    const std::string text = "athlete \"Zoë\" { max squat 100 kg }\nprogram \"P\" for \"Zoë\" {\n  start 2027-01-04\n}\n";
    const auto insert_at = [&](json line, json character) {
        const json position = {{"line", line}, {"character", character}};
        return notification("textDocument/didChange",
                            {{"textDocument", {{"uri", uri}, {"version", 2}}},
                             {"contentChanges", {{{"range", {{"start", position}, {"end", position}}}, {"text", "x"}}}}});
    };
    for (const bool utf8 : {true, false}) {
        for (const json& character : {json(4294967295U), json(4294967296ULL + 1), json(200)}) {
            INFO((utf8 ? "UTF-8, character " : "UTF-16, character ") << character.dump());
            Session s;
            // 'x' after the '}' of line 3 is the only error: "expected the end of the statement".
            s.run({initialize(1, utf8), open(uri, text), insert_at(3, character)});
            const json error = first_error(s.diagnostics(uri));
            REQUIRE(error != nullptr);
            CHECK(error["range"]["start"] == json({{"line", 3}, {"character", 1}}));
        }
        // A line past 32 bits is past the end, not line 1 (its low 32 bits): 'x' goes after the last '\n'.
        Session s;
        s.run({initialize(1, utf8), open(uri, text), insert_at(4294967296ULL + 1, 0)});
        const json error = first_error(s.diagnostics(uri));
        REQUIRE(error != nullptr);
        CHECK(error["range"]["start"] == json({{"line", 4}, {"character", 0}}));
    }
}

TEST_CASE("lsp: a change of a document never opened is dropped, and the server answers on")
{
    // Found while writing fuzz_lsp (tests/fuzz/regressions-lsp/change-of-unopened-document.bin): the error
    // thrown for the unknown document escaped the notification's handler and ended meso lsp.
    const std::string uri = "file:///tmp/meso-lsp-test/never-opened.meso";
    const json ranged = notification("textDocument/didChange",
                                     {{"textDocument", {{"uri", uri}, {"version", 3}}},
                                      {"contentChanges", {{{"range", {{"start", {{"line", 0}, {"character", 0}}}}}, {"text", "x"}}}}});
    Session s;
    s.run({initialize(), change(uri, 2, plan_text), ranged, request(2, "shutdown")});
    CHECK(s.answer(2)["result"] == nullptr);
    CHECK(published(s.out, uri).empty());
}

TEST_CASE("lsp: a used file's diagnostics stay while another open document still uses it")
{
    const std::string dir = meso::test::temp_dir("lsp-shared-import");
    meso::test::write_file(dir + "/lib.meso", broken_library);
    const std::string a_uri = meso::lsp::uri_of_path(dir + "/a.meso"), b_uri = meso::lsp::uri_of_path(dir + "/b.meso");
    const std::string library_uri = meso::lsp::uri_of_path(dir + "/lib.meso");
    const std::string without_use = "athlete \"Bea\" { max squat 100 kg }\n";
    Session s;
    s.run({initialize(), open(a_uri, plan_text), open(b_uri, plan_text), change(a_uri, 2, without_use)});
    auto lists = published(s.out, library_uri);
    REQUIRE(lists.size() == 2);  // one for each open; none emptied by a's change
    CHECK_FALSE(lists.back().empty());
    s.run({initialize(), open(a_uri, plan_text), open(b_uri, plan_text), change(a_uri, 2, without_use),
           notification("textDocument/didClose", {{"textDocument", {{"uri", b_uri}}}})});
    lists = published(s.out, library_uri);
    REQUIRE(lists.size() == 3);
    CHECK(lists.back() == json::array());
}

TEST_CASE("lsp: a file used by a document that is no file is shown where it is, and nothing is written outside the cache")
{
    const std::string dir = meso::test::temp_dir("lsp-untitled-use");
    meso::test::write_file(dir + "/lib.meso", broken_library);
    // Named from the server's working folder, as an untitled document's `use` is: up two or more folders, then down to the file.
    const std::string relative = std::filesystem::relative(dir + "/lib.meso").string();
    REQUIRE(relative.rfind("..", 0) == 0);
    const std::string library_uri = meso::lsp::uri_of_path(std::filesystem::weakly_canonical(dir + "/lib.meso").string());
    Session s;
    const std::string text = "use \"" + relative + "\"\n\nprogram \"P\" for \"Bea\" {\n  start 2027-01-04\n}\n";
    s.run({initialize(), open("untitled:Untitled-1", text), request(2, "shutdown")});
    const auto lists = published(s.out, library_uri);
    REQUIRE(lists.size() == 1);
    REQUIRE(lists[0].size() >= 1);
    CHECK(lists[0][0]["message"].get<std::string>().find("maxx") != std::string::npos);
    // Before, the copy went to CACHE/VERSION/../../tmp/.../lib.meso.
    for (const auto& m : s.out)
        if (m.value("method", "") == "textDocument/publishDiagnostics")
            CHECK(m["params"]["uri"].get<std::string>().find("..") == std::string::npos);
}
