// The wire of meso lsp (lsp.h): JSON-RPC framing, error codes, document
// URIs, and positions as LSP counts them (a line and a character offset in
// UTF-16 code units, or in bytes when the client takes UTF-8).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/source.h"

namespace meso::lsp {

using json = nlohmann::json;

// The JSON-RPC and LSP error codes the server answers with.
enum ErrorCode : int {
    parse_error = -32700,
    invalid_request = -32600,
    method_not_found = -32601,
    invalid_params = -32602,
    internal_error = -32603,
    server_not_initialized = -32002,
    request_cancelled = -32800,
};

// The largest message body read (a document of 64 MiB, escaped, and more).
inline constexpr std::size_t max_message_bytes = 200u << 20;

// One message's body. `framing_error` says why none could be read when the
// headers are broken; at the end of the input both are empty.
struct Frame {
    std::optional<std::string> body;
    std::string framing_error;
};
Frame read_frame(std::istream& in);
void write_frame(std::ostream& out, const json& message);

json error_response(const json& id, int code, const std::string& message);

// A file URI <-> its path, percent-escapes decoded ("plan%20b.meso" is
// "plan b.meso"). A URI of another scheme keeps its text as its path.
std::string path_of_uri(const std::string& uri);
std::string uri_of_path(const std::string& path);

enum class Encoding { utf16, utf8 };

struct Position {
    std::uint32_t line = 0;  // 0-based
    std::uint32_t character = 0;
};

// Byte offsets of a text <-> LSP positions.
class LineIndex {
public:
    LineIndex(std::string_view text, Encoding encoding);
    Position position(std::uint32_t offset) const;
    // A position past a line's end is its end; past the last line, the text's end.
    std::uint32_t offset(Position position) const;
    json range(std::uint32_t begin, std::uint32_t end) const;
    json range(const Span& span) const { return range(span.begin, span.end); }

private:
    std::string_view text_;
    Encoding encoding_;
    std::vector<std::uint32_t> line_starts_;
};

// The position of a textDocument request's params; nullopt when it has none.
std::optional<Position> position_param(const json& params);

}  // namespace meso::lsp
