// Fuzz target: meso lsp's message handling (engine/lsp/lsp.h). The bytes
// choose a session: well-formed messages (initialize, didOpen of fuzzed
// text, didChange of the whole text or of a range, positions past the end,
// Zoë and emoji, every request at fuzzed positions, $/cancelRequest,
// shutdown, exit) and broken ones (a body that is not JSON, wrong types,
// ids that are not ids, and last a frame with a bad Content-Length). A
// model of the session (tests/fuzz/lsp_model.h) knows each document's text
// and what each request may get back; the server's output must say so:
// every request answered once, with its id, by a result or an error of the
// codes the model allows; every diagnostic's range inside its document, in
// UTF-16 code units (bytes when UTF-8 was negotiated); no answer to what
// came after `exit`; formatting's edit applied to the document parses.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/lsp/lsp.h"
#include "tests/fuzz/invariants.h"
#include "tests/fuzz/lsp_model.h"

namespace {

using meso::fuzz::lsp::Bytes;
using meso::fuzz::lsp::Model;

const char* const uris[] = {"file:///meso-fuzz-lsp/plan.meso", "file:///meso-fuzz-lsp/Zo%C3%AB%20b.meso"};

const char* const programs[] = {
    ("use std.templates\nathlete \"Zoë\" {\n  max squat 100 kg\n}\ntemplate strong \"Strong\" {\n  method strength\n  days mon thu\n"
     "  squat 5x5 @ 80%\n}\nprogram \"Spring 💪\" for \"Zoë\" {\n  start 2027-01-04\n  2 weeks strong\n  then 1 week deload\n}\n"),
    "athlete \"Zoë\" { max squat 100 kg }\nprogram \"Zoë 💪\" fr \"Zoë\" {\n  start 2027-01-04\n}\n",
    "use std.templates\n",
    "",
};

const char* const insertions[] = {"Zoë", "💪", "\n", "}", "{ ", "  2 weeks strong\n", "squat 5x5 @ 80%", "\"", "allow "};

const char* const methods[] = {"textDocument/hover",         "textDocument/completion", "textDocument/definition",
                               "textDocument/formatting",    "textDocument/codeAction", "textDocument/inlayHint",
                               "textDocument/documentSymbol"};

std::string document_text(Bytes& in)
{
    const std::uint8_t choice = in.byte();
    std::string text = choice % 3 == 0 ? "" : programs[choice % std::size(programs)];
    return text + in.text(2048);
}

std::string insertion(Bytes& in)
{
    const std::uint8_t choice = in.byte();
    return choice < 128 ? insertions[choice % std::size(insertions)] : in.text(256);
}

// One message of the session, or none when the input is used up.
void next_message(Bytes& in, Model& model)
{
    const std::string uri = uris[in.byte() % std::size(uris)];
    switch (in.byte() % 16) {
    case 0: model.initialize(in.byte()); break;
    case 1: model.open(uri, document_text(in)); break;
    case 2: model.change_all(uri, document_text(in)); break;
    case 3:
    case 4: {
        const auto range = in.range();
        model.change_range(uri, range, insertion(in));
        break;
    }
    case 5: model.close(uri); break;
    case 6:
    case 7:
    case 8:
    case 9: {
        const std::string method = methods[in.byte() % std::size(methods)];
        const auto range = in.range();
        model.feature(method, uri, range, in.byte());
        break;
    }
    case 10: model.cancel(in.byte()); break;
    case 11: model.unknown(uri, in.byte()); break;
    case 12: model.not_json(in.text(512)); break;
    case 13: {
        const std::string method = methods[in.byte() % std::size(methods)];
        model.wrong_types(method, uri, in.byte());
        break;
    }
    case 14: model.shutdown(); break;
    default: model.exit(); break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    Bytes in(input);
    Model model(input);
    for (int messages = 0; messages < 48 && !in.empty(); ++messages) next_message(in, model);
    if (in.byte() % 2 == 1) {
        const std::uint8_t choice = in.byte();
        model.broken_frame(choice, in.text(64));
    }

    static const std::string cache = (std::filesystem::temp_directory_path() / "meso-fuzz-lsp-cache").string();
    meso::lsp::ServerOptions options;
    options.cache_dir = cache;
    model.check(meso::lsp::serve_bytes(model.bytes(), options));
    return 0;
}
