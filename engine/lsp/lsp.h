// `meso lsp`: a Language Server Protocol server (docs/editors.md says what
// an editor gets from it). JSON-RPC messages in, framed with Content-Length
// headers; answers and diagnostics out, the same way.
//
//   lsp::ServerOptions options;                       // cache_dir: where the standard library is written
//   int status = lsp::serve(std::cin, std::cout, options);
//   std::string replies = lsp::serve_bytes(bytes, options);  // the same, all in memory (tests, a fuzz target)
//
// A document's diagnostics are those of `meso check`, from the one pipeline
// (engine/pipeline/pipeline.h), with rule ids as codes. Hover, completion,
// definition, outline, formatting (the `meso fmt` layout), code actions and
// inlay hints read the document's last analysis; while a line is half
// typed, the last one that parsed.
//
// What can go wrong never stops the server: a message that is not JSON
// (ParseError), not a request (InvalidRequest), an unknown method
// (MethodNotFound), bad parameters (InvalidParams), a request before
// `initialize` (ServerNotInitialized) or one cancelled by $/cancelRequest
// (RequestCancelled) each get their JSON-RPC error and the server reads on.
// Broken framing (no Content-Length, a body cut short) ends the session.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace meso::lsp {

struct ServerOptions {
    // Where the standard library's modules are written, read-only, so that
    // "go to definition" opens them as files: "" for the user's cache
    // directory (docs/commands.md, `meso lsp`), a folder per version of meso.
    std::string cache_dir;
};

// Serves until `exit` or the end of the input: 0 after `shutdown` then
// `exit`, 1 when the input ends or `exit` comes without `shutdown`.
int serve(std::istream& in, std::ostream& out, const ServerOptions& options);

// serve() on bytes held in memory; returns the bytes written back.
std::string serve_bytes(std::string_view input, const ServerOptions& options);

}  // namespace meso::lsp
