// meso lsp [--log FILE] [--cache-dir DIR]: the language server on standard
// input and output (engine/lsp/lsp.h; docs/editors.md).
#include <iostream>

#include "engine/base/log.h"
#include "engine/cli/commands.h"
#include "engine/lsp/lsp.h"

namespace meso::cli {

int lsp(const LspOptions& options)
{
    // Standard output carries the protocol alone; the log goes to a file.
    if (!options.log_file.empty())
        if (auto problem = log::configure({log::Level::debug, options.log_file})) {
            print_error(*problem);
            return 2;
        }
    std::ios::sync_with_stdio(false);  // std::cin buffers: what has arrived can be looked at (a $/cancelRequest)
    lsp::ServerOptions server;
    server.cache_dir = options.cache_dir;
    return lsp::serve(std::cin, std::cout, server);
}

}  // namespace meso::cli
