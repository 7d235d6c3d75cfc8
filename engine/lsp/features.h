// What meso lsp answers about a document (lsp.h): each request's result
// as LSP's JSON. features.cpp: hover, definition, outline, inlay hints;
// edits.cpp: completion, formatting, code actions.
#pragma once

#include "engine/lsp/document.h"
#include "engine/lsp/protocol.h"

namespace meso::lsp {

struct Context {
    const Document& document;
    Files& files;
    Encoding encoding;
};

json hover(const Context& context, Position position);
json definition(const Context& context, Position position);
json document_symbols(const Context& context);
json inlay_hints(const Context& context);
json completion(const Context& context, Position position);
json formatting(const Context& context);
json code_actions(const Context& context, const json& params);

}  // namespace meso::lsp
